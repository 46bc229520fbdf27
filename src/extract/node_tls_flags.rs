//! The Node.js TLS flags scan: `--tls-min-v1.x` and `--tls-max-v1.x` in any
//! text file.
//!
//! Node's `doc/api/cli.md`: `--tls-min-v1.0`, `--tls-min-v1.1`,
//! `--tls-min-v1.2`, `--tls-min-v1.3` set `tls.DEFAULT_MIN_VERSION`, and
//! `--tls-max-v1.2`, `--tls-max-v1.3` set `tls.DEFAULT_MAX_VERSION` (there
//! is no `--tls-max-v1.1`); all of them are allowed in `NODE_OPTIONS`, and
//! option names may use `_` for `-`. When several are given, the lowest
//! minimum and the highest maximum win (`lib/tls.js` tests them in that
//! order). They set the default of every TLS connection in the process that
//! does not choose its own versions, mail clients included: a `tls_setting`
//! of scope `process` (client `node`). Today's rules judge a process
//! setting only by its cap, and no Node flag caps below TLS 1.2, so these
//! facts are inventory: they show where a process allows TLS 1.0/1.1.
//!
//! Where the flags are found:
//! - `node [options] script` command lines (in scripts, Dockerfiles,
//!   systemd units, YAML commands); flags after the script name belong to
//!   the script and are not Node's;
//! - `NODE_OPTIONS` in env files, `export`, Dockerfile `ENV`, systemd
//!   `Environment=`, Compose `environment:` and Kubernetes `env:`;
//! - anywhere else outside comments (process-manager configs such as pm2's
//!   `node_args`, `interpreter_args`, VS Code `runtimeArgs`, Kubernetes
//!   `args:`), named by the key written before them.

use crate::classify::{CommentFilter, CommentStyle};
use crate::extract::common::evidence::line_evidence;
use crate::extract::common::redact::redact;
use crate::extract::common::shell_words;
use crate::extract::common::tls_version::rank;
use crate::extract::common::{env_vars, yaml_lines};
use crate::facts::{Fact, FactKind, Related, Setting, TlsRange};
use crate::source::SourceFile;
use regex::Regex;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// Prefilter keywords (ASCII case-insensitive substrings).
pub const KEYWORDS: &[&str] = &["tls-min-v1", "tls-max-v1", "tls_min_v1", "tls_max_v1"];

/// What the scan reports, for `tlsfloor formats` and the README.
pub const EXTRACTS: &str = "Node.js `--tls-min-v1.x`/`--tls-max-v1.x` flags (process-wide defaults) in `node` command lines (before the script), `NODE_OPTIONS` (env files, Dockerfile ENV, systemd, Compose/Kubernetes env) and process-manager configs; commented-out lines skipped";

/// The `client` of the facts.
pub const CLIENT: &str = "node";

/// Node options whose value is the next word.
const WITH_ARG: &[&str] = &[
    "-r",
    "--require",
    "--import",
    "--loader",
    "--experimental-loader",
    "-e",
    "--eval",
    "-p",
    "--print",
    "-C",
    "--conditions",
    "--title",
    "--env-file",
    "--input-type",
    "--inspect-port",
];

/// One flag: minimum or maximum, the version, where it is written.
#[derive(Debug, Clone)]
struct Flag {
    min: bool,
    version: &'static str,
    start: usize,
    end: usize,
    text: String,
}

/// The meaning of a flag word, if it is a TLS flag Node accepts.
fn parse_flag(word: &str) -> Option<(bool, &'static str)> {
    let name = word.strip_prefix("--")?.replace('_', "-");
    Some(match name.as_str() {
        "tls-min-v1.0" => (true, "1.0"),
        "tls-min-v1.1" => (true, "1.1"),
        "tls-min-v1.2" => (true, "1.2"),
        "tls-min-v1.3" => (true, "1.3"),
        "tls-max-v1.2" => (false, "1.2"),
        "tls-max-v1.3" => (false, "1.3"),
        _ => return None,
    })
}

fn flag_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"--tls[-_](?:min|max)[-_]v1\.[0-9]")
            .unwrap_or_else(|_| unreachable!("constant regex"))
    })
}

fn key_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r#"([A-Za-z_][A-Za-z0-9_.-]*)["']?\s*[:=]"#)
            .unwrap_or_else(|_| unreachable!("constant regex"))
    })
}

/// The flags written in `text`, which starts at byte `base` of the file.
fn flags_in(text: &str, base: usize) -> Vec<Flag> {
    flag_regex()
        .find_iter(text)
        .filter_map(|m| {
            let before = text[..m.start()].chars().next_back();
            let after = text[m.end()..].chars().next();
            let open = before.is_none_or(|c| c.is_whitespace() || "\"'[,=(`".contains(c));
            let close = after.is_none_or(|c| c.is_whitespace() || "\"'`,;)]}".contains(c));
            if !(open && close) {
                return None;
            }
            let (min, version) = parse_flag(m.as_str())?;
            Some(Flag {
                min,
                version,
                start: base + m.start(),
                end: base + m.end(),
                text: m.as_str().to_owned(),
            })
        })
        .collect()
}

/// Byte ranges already accounted for, for overlap tests in logarithmic
/// time (ranges added here never overlap each other much: they are words
/// and values of one file).
#[derive(Default)]
struct Spans {
    /// start -> end, the longest end per start.
    by_start: BTreeMap<usize, usize>,
    /// The longest range seen, to bound the search to the left.
    longest: usize,
}

impl Spans {
    fn insert(&mut self, (start, end): (usize, usize)) {
        let e = self.by_start.entry(start).or_insert(end);
        *e = (*e).max(end);
        self.longest = self.longest.max(end.saturating_sub(start));
    }

    fn overlaps(&self, start: usize, end: usize) -> bool {
        let from = start.saturating_sub(self.longest);
        self.by_start
            .range(from..end)
            .any(|(&s, &e)| s < end && start < e)
    }
}

/// Scans `file` for Node TLS flags, skipping comments and flags inside a
/// fact the format extractor already reported (`known`).
pub fn scan(file: &SourceFile, comments: CommentStyle, known: &[Fact]) -> Vec<Fact> {
    let mut facts = Vec::new();
    let mut covered = Spans::default();
    let known_lines = crate::extract::env_tls_keys::reported_lines(known);
    let reported = |flags: &[Flag]| {
        flags
            .iter()
            .any(|fl| known_lines.contains(&file.position(fl.start).0))
    };
    // Command lines.
    for command in shell_words::file_commands(file, comments) {
        let words = &command.words;
        let Some(p) = shell_words::find_program(words, &["node", "nodejs"]) else {
            continue;
        };
        let mut flags = Vec::new();
        let mut script = false;
        let mut i = p + 1;
        while let Some(w) = words.get(i) {
            let t = w.text.as_str();
            let flag = parse_flag(t);
            if script {
                if flag.is_some() {
                    covered.insert((w.start, w.end));
                }
                i += 1;
                continue;
            }
            if let Some((min, version)) = flag {
                covered.insert((w.start, w.end));
                flags.push(Flag {
                    min,
                    version,
                    start: w.start,
                    end: w.end,
                    text: t.to_owned(),
                });
                i += 1;
            } else if t == "--" {
                script = true;
                i += 1;
            } else if t.starts_with('-') && t.len() > 1 {
                if WITH_ARG.contains(&t) {
                    script |= matches!(t, "-e" | "--eval" | "-p" | "--print");
                    i += 2;
                } else {
                    i += 1;
                }
            } else {
                script = true;
                i += 1;
            }
        }
        if !flags.is_empty() && !reported(&flags) {
            let value = flags
                .iter()
                .map(|f| f.text.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            let program = &words[p];
            let declaration = (program.start, program.end);
            facts.extend(fact(file, &flags, "node", &value, Some(declaration)));
        }
    }
    // NODE_OPTIONS.
    for entry in env_vars::entries(file, comments) {
        if entry.key != "NODE_OPTIONS" || covered.overlaps(entry.value_start, entry.value_end) {
            continue;
        }
        let raw = file
            .text
            .get(entry.value_start..entry.value_end)
            .unwrap_or("");
        let flags = flags_in(raw, entry.value_start);
        if flags.is_empty() {
            continue;
        }
        covered.insert((entry.value_start, entry.value_end));
        if reported(&flags) {
            continue;
        }
        let declaration = (entry.key_start, entry.key_end);
        facts.extend(fact(
            file,
            &flags,
            "NODE_OPTIONS",
            &entry.value,
            Some(declaration),
        ));
    }
    // Anywhere else.
    let mut filter = CommentFilter::new(comments);
    for (n, line) in file.lines() {
        if filter.is_comment(line) {
            continue;
        }
        let code = match comments {
            CommentStyle::Hash => yaml_lines::strip_comment(line),
            CommentStyle::Slash | CommentStyle::SlashOrHash => {
                line.find(" //").map_or(line, |i| &line[..i])
            }
            _ => line,
        };
        let base = file.line_start(n);
        let flags: Vec<Flag> = flags_in(code, base)
            .into_iter()
            .filter(|f| !covered.overlaps(f.start, f.end))
            .collect();
        let Some(first) = flags.first() else {
            continue;
        };
        if reported(&flags) {
            continue;
        }
        let name = key_regex()
            .captures_iter(&code[..first.start - base])
            .last()
            .and_then(|c| c.get(1))
            .map_or("node", |m| m.as_str());
        let value = flags
            .iter()
            .map(|f| f.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        facts.extend(fact(file, &flags, name, &value, None));
    }
    facts
}

/// The `tls_setting` of one group of flags.
fn fact(
    file: &SourceFile,
    flags: &[Flag],
    name: &str,
    value: &str,
    declaration: Option<(usize, usize)>,
) -> Option<Fact> {
    let min = flags
        .iter()
        .filter(|f| f.min)
        .map(|f| f.version)
        .min_by_key(|v| rank(v));
    let max = flags
        .iter()
        .filter(|f| !f.min)
        .map(|f| f.version)
        .max_by_key(|v| rank(v));
    let first = flags.first()?;
    let first_location = file.location(first.start, first.end);
    let same_line: Vec<&Flag> = flags
        .iter()
        .filter(|f| file.location(f.start, f.end).line == first_location.line)
        .collect();
    let last = same_line.last().copied().unwrap_or(first);
    let location = file.location(first.start, last.end);
    let mut fact = Fact::new(
        FactKind::TlsSetting,
        location,
        line_evidence(file, first.start, last.end),
    );
    fact.client = Some(CLIENT.to_owned());
    fact.scope = Some("process".to_owned());
    fact.tls = Some(TlsRange::explicit(min, max));
    fact.setting = Some(Setting {
        name: name.to_owned(),
        value: redact(value),
    });
    for f in flags {
        let l = file.location(f.start, f.end);
        if l.line != location.line {
            fact.related
                .push(Related::new("version", l, redact(&f.text)));
        }
    }
    if let Some((start, end)) = declaration {
        let d = file.location(start, end);
        if d.line != location.line {
            fact.related.push(Related::new(
                "declaration",
                d,
                line_evidence(file, start, end),
            ));
        }
    }
    Some(fact)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::test_support::range;
    use crate::facts::Basis;

    fn scan_text(path: &str, text: &str) -> Vec<Fact> {
        crate::extract::test_support::scan_text(scan, path, text)
    }

    #[test]
    fn command_lines_stop_at_the_script() {
        let f = scan_text(
            "start.sh",
            "exec node --tls-min-v1.0 --max-old-space-size=512 server.js --tls-max-v1.2\n",
        );
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].scope.as_deref(), Some("process"));
        assert_eq!(f[0].client.as_deref(), Some("node"));
        assert_eq!(range(&f[0]), (Some("1.0"), None, Basis::Explicit));
        let s = f[0].setting.as_ref().unwrap_or_else(|| panic!());
        assert_eq!(
            (s.name.as_str(), s.value.as_str()),
            ("node", "--tls-min-v1.0")
        );
        assert!(scan_text("a.sh", "node app.js --tls-min-v1.0\n").is_empty());
        assert!(scan_text("a.sh", "node -r dotenv/config --tls-max-v1.2 app.js\n").len() == 1);
    }

    #[test]
    fn node_options_everywhere() {
        let f = scan_text(
            ".env",
            "NODE_ENV=production\nNODE_OPTIONS=\"--tls-min-v1.1 --tls_max_v1.2\"\n",
        );
        assert_eq!(f.len(), 1);
        assert_eq!(range(&f[0]), (Some("1.1"), Some("1.2"), Basis::Explicit));
        assert_eq!(
            f[0].setting.as_ref().map(|s| s.name.as_str()),
            Some("NODE_OPTIONS")
        );
        let text = "spec:\n  containers:\n    - env:\n        - name: NODE_OPTIONS\n          value: \"--tls-min-v1.0\"\n";
        let f = scan_text("deploy.yaml", text);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].location.line, 5);
        assert_eq!(f[0].related[0].line, 4);
        let f = scan_text(
            "Dockerfile",
            "ENV NODE_OPTIONS=--tls-min-v1.0\nCMD [\"node\", \"--tls-min-v1.1\", \"index.js\"]\n",
        );
        assert_eq!(f.len(), 2);
        let f = scan_text(
            "docker-compose.yml",
            "services:\n  web:\n    environment:\n      - NODE_OPTIONS=--tls-min-v1.0\n",
        );
        assert_eq!(f.len(), 1);
    }

    #[test]
    fn process_manager_configs_and_lowest_minimum() {
        let text = "module.exports = {\n  apps: [{\n    name: 'mailer',\n    node_args: '--tls-min-v1.2 --tls-min-v1.0',\n    // node_args: '--tls-min-v1.1',\n  }]\n};\n";
        let f = scan_text("ecosystem.config.js", text);
        assert_eq!(f.len(), 1);
        assert_eq!(range(&f[0]), (Some("1.0"), None, Basis::Explicit));
        assert_eq!(
            f[0].setting.as_ref().map(|s| s.name.as_str()),
            Some("node_args")
        );
    }

    #[test]
    fn look_alikes_and_comments() {
        assert!(scan_text("a.sh", "# NODE_OPTIONS=--tls-min-v1.0\n").is_empty());
        assert!(scan_text(
            "a.sh",
            "echo x--tls-min-v1.0 --tls-min-v1.05 --tls-max-v1.1\n"
        )
        .is_empty());
        assert!(scan_text("a.yml", "a: b # --tls-min-v1.0\n").is_empty());
        assert!(scan_text("a.rs", "let s = \"node x --tls-min-v1.0\\nnext\";\n").is_empty());
    }

    #[test]
    fn known_facts_are_not_repeated() {
        let f = SourceFile::new("a.sh", "node --tls-min-v1.0 a.js\n");
        let mut known = scan(&f, CommentStyle::Hash, &[]);
        // A curl fact on the same line is another setting.
        let mut curl = known[0].clone();
        curl.client = Some("curl".to_owned());
        assert_eq!(scan(&f, CommentStyle::Hash, &[curl]).len(), 1);
        // A format extractor's fact on the line is the same setting.
        known[0].client = Some("pm2".to_owned());
        assert!(scan(&f, CommentStyle::Hash, &known).is_empty());
    }
}
