//! Rule metadata: the `# METADATA` block at the top of each rule file.
//!
//! regorus does not expose OPA's annotations (`rego.metadata.*` is missing),
//! so the block is read here: the comment lines after `# METADATA`, with the
//! `# ` prefix removed, are YAML. Everything a user sees about a rule (the
//! SARIF `rules` array, `tlsfloor rules`, help text) comes from this block,
//! written once next to the Rego that implements it.

use serde::Deserialize;

/// What a rule declares about itself.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleMeta {
    /// `TLS001`.
    pub id: String,
    /// `legacy-tls-only`.
    pub name: String,
    /// One line: SARIF `shortDescription`.
    pub short: String,
    /// SARIF `fullDescription`.
    pub description: String,
    /// Markdown remedy: SARIF `help.markdown`.
    pub help: String,
    /// `error`, `warning` or `note`.
    pub level: String,
    /// GitHub's `security-severity`, "0.1" to "10.0".
    pub security_severity: Option<String>,
    pub precision: Option<String>,
    pub tags: Vec<String>,
    pub help_uri: Option<String>,
    /// Rego package of the rule, e.g. `data.tlsfloor.rules.tls001`.
    pub package: String,
    /// Where the rule came from (`builtin:rules/tls001.rego` or a path).
    pub source: String,
    /// Non-compliant and compliant settings (`custom.examples`), shown by
    /// `tlsfloor explain` and in SARIF help.
    pub examples: Vec<Example>,
}

/// A pair of settings in one file format: one the rule reports, one fixed.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Example {
    /// A file name of the format (`.mbsyncrc`, `imap_fetch.py`): the
    /// example is this file's content.
    pub file: String,
    /// Content the rule reports.
    pub noncompliant: String,
    /// The same content fixed: the rule reports nothing.
    pub compliant: String,
}

#[derive(Debug, Deserialize)]
struct Block {
    title: String,
    description: String,
    custom: Custom,
}

#[derive(Debug, Deserialize)]
struct Custom {
    id: String,
    name: String,
    level: String,
    #[serde(default)]
    help: Option<String>,
    #[serde(default, rename = "security-severity")]
    security_severity: Option<serde_json::Value>,
    #[serde(default)]
    precision: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    help_uri: Option<String>,
    #[serde(default)]
    examples: Vec<Example>,
}

/// Extracts the text of the first `# METADATA` block of `rego`, with the
/// line where it starts; `None` if the file has none.
pub fn metadata_block(rego: &str) -> Option<(usize, String)> {
    let mut lines = rego.lines().enumerate();
    let start = lines.find(|(_, l)| l.trim() == "# METADATA")?.0;
    let mut yaml = String::new();
    for (_, line) in rego.lines().enumerate().skip(start + 1) {
        let Some(rest) = line.trim_start().strip_prefix('#') else {
            break;
        };
        yaml.push_str(rest.strip_prefix(' ').unwrap_or(rest));
        yaml.push('\n');
    }
    Some((start + 1, yaml))
}

/// The `package` a Rego file declares, as a `data.` path.
pub fn package_of(rego: &str) -> Option<String> {
    rego.lines().find_map(|line| {
        let rest = line.trim().strip_prefix("package ")?;
        let name = rest.split_whitespace().next()?;
        Some(format!("data.{name}"))
    })
}

/// Parses the metadata of a rule file. `Ok(None)` when the file has no
/// metadata block naming a rule id (a library module, not a rule).
pub fn parse(label: &str, rego: &str) -> Result<Option<RuleMeta>, String> {
    let Some((line, yaml)) = metadata_block(rego) else {
        return Ok(None);
    };
    let value = regorus::Value::from_yaml_str(&yaml)
        .map_err(|e| format!("{label}:{line}: METADATA is not valid YAML: {e}"))?;
    let json = value
        .to_json_str()
        .map_err(|e| format!("{label}:{line}: METADATA: {e}"))?;
    let block: Block = serde_json::from_str(&json).map_err(|e| {
        format!(
            "{label}:{line}: METADATA needs title, description and custom.{{id, name, level}}: {e}"
        )
    })?;
    let level = block.custom.level.to_ascii_lowercase();
    if !matches!(level.as_str(), "error" | "warning" | "note") {
        return Err(format!(
            "{label}:{line}: METADATA custom.level must be error, warning or note, not {level:?}"
        ));
    }
    let package = package_of(rego).ok_or_else(|| format!("{label}: no package declaration"))?;
    let security_severity = block.custom.security_severity.map(|v| match v {
        serde_json::Value::String(s) => s,
        other => other.to_string(),
    });
    Ok(Some(RuleMeta {
        id: block.custom.id,
        name: block.custom.name,
        short: block.title,
        description: block.description.trim().to_owned(),
        help: block.custom.help.unwrap_or_default().trim().to_owned(),
        level,
        security_severity,
        precision: block.custom.precision,
        tags: block.custom.tags,
        help_uri: block.custom.help_uri,
        package,
        source: label.to_owned(),
        examples: block.custom.examples,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    const RULE: &str = "# METADATA\n# title: Short\n# description: |\n#   Long text.\n# custom:\n#   id: X001\n#   name: x-rule\n#   level: warning\n#   security-severity: 5.5\n#   tags: [security]\n#   help: |\n#     Do **this**.\npackage my.rules.x001\n\nfindings contains f if { false; f := 1 }\n";

    #[test]
    fn parses_a_rule_block() {
        let meta = parse("x.rego", RULE).ok().flatten();
        let meta = meta.unwrap_or_else(|| panic!("no metadata parsed"));
        assert_eq!(meta.id, "X001");
        assert_eq!(meta.level, "warning");
        assert_eq!(meta.security_severity.as_deref(), Some("5.5"));
        assert_eq!(meta.help, "Do **this**.");
        assert_eq!(meta.package, "data.my.rules.x001");
    }

    #[test]
    fn library_modules_have_no_rule() {
        assert_eq!(parse("lib.rego", "package tlsfloor.lib\n"), Ok(None));
    }

    #[test]
    fn bad_level_is_reported_with_location() {
        let bad = RULE.replace("level: warning", "level: fatal");
        let err = parse("x.rego", &bad).err().unwrap_or_default();
        assert!(err.starts_with("x.rego:1:"), "{err}");
    }
}
