//! OkHttp `ConnectionSpec` versions are TLS settings of an HTTP client:
//! the sample pinned to TLS 1.0/1.1 with no mail use has no finding in the
//! default mail scope and a TLS001 finding with `--scope all`.

use std::path::Path;
use std::process::Command;

const SAMPLE: &str = "samples/java-source/rates/src/main/kotlin/com/acme/rates/RatesFeedClient.kt";

fn scan(scope: &str) -> serde_json::Value {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let o = Command::new(env!("CARGO_BIN_EXE_tlsfloor"))
        .current_dir(root)
        .args([
            "scan",
            SAMPLE,
            "--format",
            "json",
            "--scope",
            scope,
            "--fail-on",
            "never",
        ])
        .output()
        .expect("run tlsfloor");
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    serde_json::from_slice(&o.stdout).expect("json report")
}

fn rules_and_lines(report: &serde_json::Value) -> Vec<(String, u64)> {
    let mut out = Vec::new();
    for f in report["findings"].as_array().into_iter().flatten() {
        let rule = f["rule_id"].as_str().unwrap_or_default().to_owned();
        let line = f["location"]["line"].as_u64().unwrap_or_default();
        out.push((rule, line));
    }
    out
}

#[test]
fn okhttp_spec_without_mail_use_is_reported_only_with_scope_all() {
    assert_eq!(rules_and_lines(&scan("mail")), Vec::new());
    let line = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(SAMPLE))
        .expect("sample")
        .lines()
        .position(|l| l.contains(".tlsVersions("))
        .expect("tlsVersions line") as u64
        + 1;
    assert_eq!(
        rules_and_lines(&scan("all")),
        vec![("TLS001".to_owned(), line)]
    );
}
