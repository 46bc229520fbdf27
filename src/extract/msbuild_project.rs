//! MSBuild project files (`*.csproj`, `*.vbproj`, `*.fsproj`,
//! `Directory.Build.props`): the .NET Framework versions a project targets.
//!
//! Old-style projects write `<TargetFrameworkVersion>v4.5</...>`; SDK-style
//! projects write target framework monikers in `<TargetFramework>` or a
//! `;`-separated `<TargetFrameworks>` (Microsoft "Target frameworks in
//! SDK-style projects"). .NET Framework monikers are `net` plus the version
//! digits without dots: `net20`, `net35`, `net40`, `net403`, `net45`,
//! `net451`, `net452`, `net46`, `net461`, `net462`, `net47`, `net471`,
//! `net472`, `net48`, `net481` (`net11` for 1.1). Monikers with a dot
//! (`net5.0`, `net8.0-windows`), `netcoreapp*` and `netstandard*` are .NET
//! (Core) or a library contract: their TLS versions come from the OS, so they
//! give no fact. Values built from properties (`$(Frameworks)`) are not
//! literal and give none either.
//!
//! One `runtime` fact per .NET Framework target (component `.NET
//! Framework`, version `4.5`), located at the moniker or version text. A
//! project file says nothing about mail: whether the target's default TLS
//! matters for a mail client is the policy's question.

use crate::extract::common::redact::redact;
use crate::extract::common::xml::{self, Node};
use crate::extract::ExtractError;
use crate::facts::{Component, Fact, FactKind};
use crate::source::SourceFile;

/// The .NET Framework version a target framework moniker names, if it
/// names one (`net452` -> `4.5.2`, `net48` -> `4.8`, `net8.0` -> none).
pub fn framework_moniker_version(moniker: &str) -> Option<String> {
    let m = moniker.trim().to_ascii_lowercase();
    let digits = m.strip_prefix("net")?;
    if digits.len() < 2 || digits.len() > 3 || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    // net5.0+ always has a dot, so two or three bare digits are .NET
    // Framework (or 1.x): first digit major, then minor, then patch.
    let parts: Vec<String> = digits.chars().map(String::from).collect();
    if !matches!(
        parts.first().map(String::as_str),
        Some("1" | "2" | "3" | "4")
    ) {
        return None;
    }
    Some(parts.join("."))
}

/// `v4.5` / `v4.7.2` (old-style `TargetFrameworkVersion`).
fn old_style_version(text: &str) -> Option<String> {
    let t = text.trim();
    let v = t.strip_prefix(['v', 'V'])?;
    let ok = !v.is_empty()
        && v.split('.')
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()));
    ok.then(|| v.to_owned())
}

fn runtime(file: &SourceFile, version: String, start: usize, end: usize) -> Fact {
    let location = xml::location(file, start..end);
    let mut fact = Fact::new(
        FactKind::Runtime,
        location,
        redact(file.line(location.line).trim()),
    );
    fact.client = Some("dotnet".to_owned());
    fact.component = Some(Component {
        name: ".NET Framework".to_owned(),
        version: Some(version),
        purl: None,
        cpe: None,
    });
    fact
}

/// The text child of a property element, with its raw byte range.
fn text_of<'a>(node: Node<'a, '_>) -> Option<(&'a str, std::ops::Range<usize>)> {
    let text = node.first_child().filter(|c| c.is_text())?;
    Some((text.text()?, text.range()))
}

pub fn extract(file: &SourceFile) -> Result<Vec<Fact>, ExtractError> {
    let doc = xml::parse(file)?;
    let root = doc.root_element();
    if root.tag_name().name() != "Project" {
        return Ok(Vec::new());
    }
    let mut facts = Vec::new();
    for group in xml::children(root, "PropertyGroup") {
        for prop in group.children().filter(|n| n.is_element()) {
            let name = prop.tag_name().name();
            let Some((text, range)) = text_of(prop) else {
                continue;
            };
            let start = range.start;
            // Offsets into the text are offsets into the file unless entity
            // references were expanded; then the whole text is the location.
            let raw = file.text.get(range.clone()).filter(|r| *r == text);
            if name.eq_ignore_ascii_case("TargetFrameworkVersion") {
                if let Some(v) = old_style_version(text) {
                    let lead = text.len() - text.trim_start().len();
                    let (s, e) = match raw {
                        Some(_) => (start + lead, start + text.trim_end().len()),
                        None => (range.start, range.end),
                    };
                    facts.push(runtime(file, v, s, e));
                }
            } else if name.eq_ignore_ascii_case("TargetFramework")
                || name.eq_ignore_ascii_case("TargetFrameworks")
            {
                let mut offset = 0;
                for part in text.split(';') {
                    let here = offset;
                    offset += part.len() + 1;
                    let Some(v) = framework_moniker_version(part) else {
                        continue;
                    };
                    let (s, e) = match raw {
                        Some(_) => {
                            let lead = part.len() - part.trim_start().len();
                            (start + here + lead, start + here + part.trim_end().len())
                        }
                        None => (range.start, range.end),
                    };
                    facts.push(runtime(file, v, s, e));
                }
            }
        }
    }
    Ok(facts)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn versions(text: &str) -> Vec<(String, usize, usize, usize)> {
        let file = SourceFile::new("App.csproj", text);
        extract(&file)
            .unwrap_or_else(|e| panic!("{e}"))
            .into_iter()
            .map(|f| {
                (
                    f.component.and_then(|c| c.version).unwrap_or_default(),
                    f.location.line,
                    f.location.column,
                    f.location.end_column,
                )
            })
            .collect()
    }

    #[test]
    fn monikers() {
        for (m, v) in [
            ("net20", Some("2.0")),
            ("net35", Some("3.5")),
            ("net40", Some("4.0")),
            ("net403", Some("4.0.3")),
            ("net45", Some("4.5")),
            ("net452", Some("4.5.2")),
            ("net46", Some("4.6")),
            ("net472", Some("4.7.2")),
            ("NET48", Some("4.8")),
            ("net481", Some("4.8.1")),
            ("net5.0", None),
            ("net8.0", None),
            ("net8.0-windows", None),
            ("netcoreapp3.1", None),
            ("netstandard2.0", None),
            ("net", None),
            ("net4", None),
            ("$(TargetFrameworks)", None),
        ] {
            assert_eq!(framework_moniker_version(m).as_deref(), v, "{m}");
        }
    }

    #[test]
    fn old_style_project() {
        let text = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Project ToolsVersion=\"15.0\" xmlns=\"http://schemas.microsoft.com/developer/msbuild/2003\">\n  <PropertyGroup>\n    <OutputType>Exe</OutputType>\n    <TargetFrameworkVersion>v4.0</TargetFrameworkVersion>\n  </PropertyGroup>\n</Project>\n";
        assert_eq!(versions(text), vec![("4.0".to_owned(), 5, 29, 33)]);
    }

    #[test]
    fn sdk_style_multi_target() {
        let text = "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup>\n    <TargetFrameworks>net40; net472;net8.0</TargetFrameworks>\n  </PropertyGroup>\n  <PropertyGroup Condition=\"'$(OS)' == 'Windows_NT'\">\n    <TargetFramework>net48</TargetFramework>\n  </PropertyGroup>\n</Project>\n";
        assert_eq!(
            versions(text),
            vec![
                ("4.0".to_owned(), 3, 23, 28),
                ("4.7.2".to_owned(), 3, 30, 36),
                ("4.8".to_owned(), 6, 22, 27),
            ]
        );
    }

    #[test]
    fn modern_and_non_literal_targets_give_nothing() {
        let text = "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><TargetFramework>net8.0</TargetFramework><TargetFrameworks>$(LibTargets)</TargetFrameworks><TargetFrameworkVersion>$(V)</TargetFrameworkVersion></PropertyGroup></Project>";
        assert!(versions(text).is_empty());
        assert!(versions("<Other><PropertyGroup><TargetFramework>net40</TargetFramework></PropertyGroup></Other>").is_empty());
    }

    #[test]
    fn malformed_is_an_error() {
        let file = SourceFile::new("x.csproj", "<Project><PropertyGroup></Project>");
        assert!(extract(&file).is_err());
        let file = SourceFile::new("x.csproj", "");
        assert!(extract(&file).is_err());
    }
}
