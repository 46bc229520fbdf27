//! Secrets in scanned files never reach any output, nothing from a scanned
//! file is ever executed, and report paths never point outside the scan.
//!
//! Canary secrets are planted in every credential-bearing format, on the
//! very lines that produce findings (so their snippets are quoted) and in
//! malformed files (so error messages quote them too); every output of
//! every command is then searched for them.

mod support;

use std::path::Path;
use support::*;

/// Plants one canary per file; returns the canaries.
fn plant(root: &Path, marker: &Path) -> Vec<String> {
    let m = marker.display();
    let files: Vec<(&str, String)> = vec![
        (
            ".fetchmailrc",
            "poll imap-legacy.office365.com protocol imap user \"jane\" password \"CANARY-fetchmail-1a\" sslproto TLS1\n\
             poll pop.contoso.com protocol pop3 user 'x' password CANARY-fetchmail-1b\n".to_owned(),
        ),
        (
            ".mbsyncrc",
            format!(
                "IMAPAccount work\nHost imap-legacy.office365.com\nUser jane\nPass CANARY-mbsync-2a\nPassCmd \"touch {m}\"\nSSLType IMAPS\nSSLVersions TLSv1\n\n\
                 IMAPAccount other\nHost outlook.office365.com\nPass \"CANARY-mbsync-2b with spaces\"\nTLSType IMAPS\nTLSVersions TLSv1\nTunnel \"touch {m}\"\n"
            ),
        ),
        (
            ".offlineimaprc",
            format!(
                "[general]\naccounts = Work\npythonfile = {m}.py\n\n[Account Work]\nlocalrepository = L\nremoterepository = R\n\n\
                 [Repository L]\ntype = Maildir\nlocalfolders = ~/Mail\n\n\
                 [Repository R]\ntype = IMAP\nremotehost = imap-legacy.office365.com\nremoteuser = jane\nremotepass = CANARY-offlineimap-3a\n\
                 remotepasseval = __import__('os').system('touch {m}')\nremotehosteval = __import__('os').system('touch {m}') or 'outlook.office365.com'\n\
                 ssl = yes\nssl_version = tls1\npreauthtunnel = touch {m}\n"
            ),
        ),
        (
            ".getmail/getmailrc",
            format!(
                "[retriever]\ntype = SimpleIMAPSSLRetriever\nserver = imap-legacy.office365.com\nusername = jane\npassword = CANARY-getmail-4a\n\
                 password_command = (\"/bin/sh\", \"-c\", \"touch {m}\")\nssl_version = TLSv1\n\n[destination]\ntype = MDA_external\npath = /bin/sh\narguments = (\"-c\", \"touch {m}\")\n"
            ),
        ),
        (
            "src/main/resources/mail.properties",
            "mail.store.protocol=imaps\nmail.imaps.host=imap-legacy.office365.com\nmail.imaps.ssl.protocols=TLSv1\n\
             mail.imaps.password=CANARY-javamail-5a\nmail.smtp.password=CANARY-javamail-5b\nspring.mail.password=CANARY-javamail-5c\n".to_owned(),
        ),
        (
            "src/main/resources/application.yml",
            "spring:\n  mail:\n    host: imap-legacy.office365.com\n    password: CANARY-springyaml-6a\n    properties:\n      mail.smtp.ssl.protocols: TLSv1\n".to_owned(),
        ),
        (
            "scripts/poll.sh",
            format!(
                "#!/bin/sh\ncurl --tlsv1.0 --tls-max 1.0 imaps://jane:CANARY-url-7a@imap-legacy.office365.com/INBOX\n\
                 IMAP_URL=\"imaps://jane%40contoso.com:CANARY-url-7b@imap-legacy.office365.com:993\"\n$(touch {m})\n`touch {m}`\n"
            ),
        ),
        (
            ".muttrc",
            format!(
                "set imap_pass=\"CANARY-mutt-8a\"\nset folder=\"imaps://jane:CANARY-mutt-8b@imap-legacy.office365.com/\"\n\
                 set ssl_use_tlsv1=yes\nset imap_pass=`touch {m}`\nsource \"touch {m}|\"\n"
            ),
        ),
        (
            "app/poller.py",
            "import imaplib, ssl\nctx = ssl.SSLContext(ssl.PROTOCOL_TLSv1)\n\
             M = imaplib.IMAP4_SSL('imap-legacy.office365.com', 993, ssl_context=ctx); M.login('jane', 'CANARY-python-9a')\n\
             PASSWORD = \"CANARY-python-9b\"\n".to_owned(),
        ),
        (
            "App/app.config",
            "<?xml version=\"1.0\"?>\n<configuration><connectionStrings><add name=\"m\" connectionString=\"Server=imap-legacy.office365.com;User Id=jane;Password=CANARY-conn-10a;\"/></connectionStrings>\n\
             <system.net><mailSettings><smtp><network host=\"imap-legacy.office365.com\" port=\"25\" userName=\"jane\" password=\"CANARY-dotnet-10b\"/></smtp></mailSettings></system.net></configuration>\n".to_owned(),
        ),
        (
            "broken/app.config",
            "<configuration><system.net><mailSettings><smtp><network password=\"CANARY-broken-11a\" host=\"imap-legacy.office365.com\" <<<\n".to_owned(),
        ),
        (
            "broken/bom.json",
            "{\"bomFormat\": \"CycloneDX\", \"password\": \"CANARY-broken-11b\", \"components\": [ {\"name\": \"openssl\", \"version\": \"0.9.8\" \n".to_owned(),
        ),
        (
            "broken/application.yml",
            "spring:\n  mail:\n    password: \"CANARY-broken-11c\n    host: [imap-legacy.office365.com\n".to_owned(),
        ),
        (
            ".env",
            "IMAP_HOST=imap-legacy.office365.com\nIMAP_TLS_VERSION=TLSv1\nIMAP_PASSWORD=CANARY-env-12a\nSMTP_PASS=CANARY-env-12b\n".to_owned(),
        ),
    ];
    for (rel, content) in &files {
        write(root, rel, content);
    }
    let mut canaries: Vec<String> = files
        .iter()
        .flat_map(|(_, c)| {
            c.match_indices("CANARY-")
                .map(|(i, _)| {
                    c[i..]
                        .chars()
                        .take_while(|ch| ch.is_ascii_alphanumeric() || *ch == '-')
                        .collect::<String>()
                })
                .collect::<Vec<_>>()
        })
        .collect();
    canaries.sort();
    canaries.dedup();
    canaries
}

#[test]
fn canary_secrets_never_reach_any_output_and_nothing_is_executed() {
    let dir = tempdir();
    let root = dir.path().join("repo");
    let marker = dir.path().join("EXECUTED");
    let canaries = plant(&root, &marker);
    assert!(canaries.len() >= 23, "{canaries:?}");
    let mut outputs = Vec::new();
    for format in ["text", "json", "sarif"] {
        for scope in ["mail", "all"] {
            let o = run_in(
                &root,
                &[
                    "scan",
                    ".",
                    "--format",
                    format,
                    "--scope",
                    scope,
                    "--fail-on",
                    "never",
                ],
            );
            assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
            outputs.push((format!("scan {format} {scope}"), stdout(&o), stderr(&o)));
        }
    }
    let out_file = dir.path().join("report.sarif");
    let out_arg = out_file.to_string_lossy().into_owned();
    let o = run_in(
        &root,
        &[
            "scan",
            ".",
            "-f",
            "sarif",
            "-o",
            &out_arg,
            "--fail-on",
            "never",
        ],
    );
    outputs.push((
        "scan -o".to_owned(),
        String::from_utf8_lossy(&read(&out_file)).into_owned(),
        stderr(&o),
    ));
    let o = run_in(&root, &["facts", "."]);
    outputs.push(("facts".to_owned(), stdout(&o), stderr(&o)));

    // The scan did see the files: findings on the lines holding secrets.
    let report = json(&run_in(
        &root,
        &["scan", ".", "-f", "json", "--fail-on", "never"],
    ));
    let found = findings(&report);
    for file in [
        ".fetchmailrc:1:",
        ".mbsyncrc:",
        "scripts/poll.sh:2:",
        ".muttrc:2:",
        "app/poller.py:3:",
    ] {
        assert!(
            found.iter().any(|f| f.starts_with(file)),
            "no finding in {file}: {found:?}"
        );
    }
    assert!(
        num(&report["summary"]["files_failed"]) >= 2,
        "{}",
        report["summary"]
    );

    for (what, out, err) in &outputs {
        for canary in &canaries {
            assert!(
                !out.contains(canary.as_str()),
                "{what}: {canary} in output:\n{out}"
            );
            assert!(
                !err.contains(canary.as_str()),
                "{what}: {canary} in messages:\n{err}"
            );
        }
    }
    assert!(
        !marker.exists(),
        "a command from a scanned file was executed"
    );
    assert!(!Path::new(&format!("{}.py", marker.display())).exists());
}

/// Report paths and SARIF artifact URIs are relative to the scan and never
/// climb out of it: not for a root written with `..`, not through
/// symlinks, not for an absolute root.
#[cfg(unix)]
#[test]
fn report_paths_stay_inside_the_scan_root() {
    let dir = tempdir();
    let work = dir.path().join("checkout");
    let other = dir.path().join("other");
    write(&other, "sub/poll.sh", "HOST=imap-legacy.office365.com\n");
    write(&work, "local.sh", "HOST=pop-legacy.office365.com\n");
    std::os::unix::fs::symlink(&other, work.join("link-out")).unwrap_or_else(|e| panic!("{e}"));
    std::os::unix::fs::symlink("../other/sub/poll.sh", work.join("file-out.sh"))
        .unwrap_or_else(|e| panic!("{e}"));
    let other_abs = other.to_string_lossy().into_owned();
    for args in [
        vec!["../other"],
        vec!["../other/sub/poll.sh"],
        vec!["../checkout/../other/sub"],
        vec![".", "../other"],
        vec![other_abs.as_str()],
        vec!["link-out"],
        vec!["file-out.sh"],
    ] {
        let sarif_args = [&["scan"][..], &args, &["-f", "sarif", "--fail-on", "never"]].concat();
        let o = run_in(&work, &sarif_args);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        let sarif: serde_json::Value =
            serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}"));
        let mut uris = Vec::new();
        collect_uris(&sarif, &mut uris);
        assert!(!uris.is_empty(), "{args:?}: no results");
        for uri in &uris {
            assert!(
                !uri.starts_with('/')
                    && !uri.split('/').any(|s| s == ".." || s == "%2E%2E")
                    && !uri.contains(':'),
                "{args:?}: URI {uri} leaves the scan root"
            );
        }
        let json_args = [&["scan"][..], &args, &["-f", "json", "--fail-on", "never"]].concat();
        let report = json(&run_in(&work, &json_args));
        for f in findings(&report) {
            assert!(
                !f.starts_with('/') && !f.starts_with("../"),
                "{args:?}: {f}"
            );
        }
    }
}

fn collect_uris(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                if k == "uri" {
                    if let Some(s) = v.as_str() {
                        if !s.starts_with("http") {
                            out.push(s.to_owned());
                        }
                    }
                } else {
                    collect_uris(v, out);
                }
            }
        }
        serde_json::Value::Array(a) => a.iter().for_each(|v| collect_uris(v, out)),
        _ => {}
    }
}
