//! The README's formats and rules tables are generated from the format
//! registry and the policy metadata; this test fails when they drift.

fn section<'a>(readme: &'a str, name: &str) -> &'a str {
    let start = format!("<!-- {name}:start -->\n");
    let end = format!("<!-- {name}:end -->");
    let from = readme
        .find(&start)
        .map(|i| i + start.len())
        .unwrap_or_else(|| panic!("README lacks {start}"));
    let to = readme[from..]
        .find(&end)
        .map(|i| i + from)
        .unwrap_or_else(|| panic!("README lacks {end}"));
    &readme[from..to]
}

fn readme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap_or_default()
}

#[test]
fn readme_formats_table_matches_the_registry() {
    assert_eq!(
        section(&readme(), "formats"),
        tlsfloor::cli::formats_markdown(),
        "regenerate with `tlsfloor formats --markdown`"
    );
}

#[test]
fn readme_rules_table_matches_the_policies() {
    let policies = tlsfloor::policy::PolicySet::load(&[]).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        section(&readme(), "rules"),
        tlsfloor::cli::rules_markdown(&policies.rules),
        "regenerate with `tlsfloor rules -f markdown`"
    );
}

#[test]
fn readme_explain_example_matches_the_policies() {
    let policies = tlsfloor::policy::PolicySet::load(&[]).unwrap_or_else(|e| panic!("{e}"));
    let rule = tlsfloor::explain::find(&policies.rules, "TLS005").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        section(&readme(), "explain"),
        format!(
            "```text\n$ tlsfloor explain TLS005\n{}```\n",
            tlsfloor::explain::text(rule)
        ),
        "regenerate with `bash scripts/update-readme-tables.sh`"
    );
}
