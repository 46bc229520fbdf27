//! The JVM options scan: `-D` system properties that set TLS versions,
//! found in any text file (JAVA_OPTS / JAVA_TOOL_OPTIONS / CATALINA_OPTS in
//! env files and shell scripts, Dockerfile ENV/CMD/ENTRYPOINT in shell or
//! JSON-array form, systemd `Environment=`/`ExecStart=`, Compose and
//! Kubernetes env values, Maven/Gradle JVM arguments).
//!
//! - `-Djdk.tls.client.protocols=TLSv1,TLSv1.1`: the client protocols of the
//!   JVM's default `SSLContext`, which every JSSE client that does not pick
//!   its own versions uses, JavaMail included (it takes its sockets from
//!   `SSLSocketFactory.getDefault()`). A `tls_setting` of scope `process`.
//! - `-Dhttps.protocols=...`: read only by the JDK's HTTPS client
//!   (`sun.net.www.protocol.https.HttpsClient`, behind `HttpsURLConnection`
//!   and `URL.openStream`) and by HTTP libraries that opt in to system
//!   properties; mail clients never read it. A `tls_setting` of scope
//!   `application` (one API family's global setting), so it is judged only
//!   under `--scope all` and never as a process-wide cap.
//! - `-Dmail.<protocol>.*` and `-Dspring.mail.*`: JavaMail session and
//!   Spring settings, for programs that build their session from the system
//!   properties; they become `connection` facts through
//!   [`javamail`](crate::extract::common::javamail). The JVM options are only
//!   part of such a program's configuration, so a provider whose options say
//!   neither SSL nor STARTTLS has an unknown TLS mode.
//!
//! Values may be quoted (`"-Dx=a"`, `-Dx="a b"`, `-Dx=\"a\"`) and end at
//! whitespace or a quote; a whitespace-separated `ssl.protocols` list inside
//! a quoted argument is read to its end. Commented-out lines (in the file's
//! comment style) and trailing comments are skipped.

use crate::classify::{CommentFilter, CommentStyle};
use crate::extract::common::javamail::{self, Prop};
use crate::extract::common::{redact::redact, tls_version};
use crate::facts::{Fact, FactKind, Location, Setting, TlsMode};
use crate::source::SourceFile;
use regex::Regex;
use std::sync::OnceLock;

/// Prefilter keywords (ASCII case-insensitive substrings).
pub const KEYWORDS: &[&str] = &[
    "-Djdk.tls.client.protocols",
    "-Dhttps.protocols",
    "-Dmail.",
    "-Dspring.mail.",
];

/// What the scan reports, for `tlsfloor formats` and the README.
pub const EXTRACTS: &str = "`-D` JVM options in any file (JAVA_OPTS/JAVA_TOOL_OPTIONS, Dockerfile, systemd units, Compose/Kubernetes env, scripts): `jdk.tls.client.protocols` (process-wide), `https.protocols` (HttpsURLConnection only), JavaMail `mail.<protocol>.*` and `spring.mail.*` settings; commented-out lines skipped";

fn option_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"-D(jdk\.tls\.client\.protocols|https\.protocols|(?:spring\.)?mail\.[A-Za-z0-9_.\[\]-]+)=")
            .unwrap_or_else(|_| unreachable!("constant regex"))
    })
}

/// One `-Dname=value` occurrence.
struct JvmOption<'a> {
    name: &'a str,
    value: String,
    /// The whole option, `-D` to the end of the value.
    option: Location,
    /// The value alone.
    value_location: Location,
}

/// Scans `file` for JVM options, skipping comments and options inside a
/// fact the format extractor already reported (`known`).
pub fn scan(file: &SourceFile, comments: CommentStyle, known: &[Fact]) -> Vec<Fact> {
    let mut facts = Vec::new();
    let mut mail_props = Vec::new();
    let mut filter = CommentFilter::new(comments);
    for (_, line) in file.lines() {
        if filter.is_comment(line) {
            continue;
        }
        let code = strip_trailing_comment(line, comments);
        for option in options(file, code) {
            // A setting the format extractor already reported (mentions of a
            // host by the endpoint scan do not count).
            let reported = known.iter().any(|f| {
                matches!(f.kind, FactKind::TlsSetting | FactKind::Connection)
                    && overlaps(&f.location, &option.option)
            });
            if reported {
                continue;
            }
            let evidence = redact(line.trim());
            match option.name {
                "jdk.tls.client.protocols" | "https.protocols" => {
                    let mut fact = Fact::new(FactKind::TlsSetting, option.option, evidence);
                    fact.client = Some("java".to_owned());
                    fact.scope = Some(
                        if option.name == "https.protocols" {
                            "application"
                        } else {
                            "process"
                        }
                        .to_owned(),
                    );
                    fact.tls = Some(javamail::protocols_range(&option.value, &[',']));
                    fact.setting = Some(Setting {
                        name: option.name.to_owned(),
                        value: redact(&option.value),
                    });
                    facts.push(fact);
                }
                name => mail_props.push(Prop {
                    key: javamail::normalize_key(name),
                    value: option.value,
                    location: option.value_location,
                    evidence,
                    document: 0,
                }),
            }
        }
    }
    facts.extend(javamail::facts(&mail_props, TlsMode::Unknown, None));
    facts
}

fn overlaps(a: &Location, b: &Location) -> bool {
    (a.line, a.column) < (b.end_line, b.end_column)
        && (b.line, b.column) < (a.end_line, a.end_column)
}

/// Every `-Dname=value` in `code` (a slice of a line of `file`).
fn options<'a>(file: &SourceFile, code: &'a str) -> Vec<JvmOption<'a>> {
    let mut out = Vec::new();
    for caps in option_regex().captures_iter(code) {
        let (Some(whole), Some(name)) = (caps.get(0), caps.get(1)) else {
            continue;
        };
        let before = code[..whole.start()].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.')) {
            continue;
        }
        let opened_by_quote = before.filter(|c| matches!(c, '"' | '\''));
        let rest = &code[whole.end()..];
        let (start, end) = value_bounds(rest, opened_by_quote, name.as_str());
        let value_start = whole.end() + start;
        let value_end = whole.end() + end;
        let value = code[value_start..value_end].to_owned();
        let value_slice = &code[value_start..value_end];
        let option_end = if value_end > value_start {
            value_end
        } else {
            whole.end()
        };
        out.push(JvmOption {
            name: name.as_str(),
            value,
            option: file.location_of(&code[whole.start()..option_end]),
            value_location: if value_slice.is_empty() {
                file.location_of(&code[whole.start()..whole.end()])
            } else {
                file.location_of(value_slice)
            },
        });
    }
    out
}

/// Whether a character ends an unquoted value.
fn ends_value(c: char) -> bool {
    c.is_whitespace() || matches!(c, '"' | '\'' | '\\' | ';' | '`' | '|' | '&' | '<' | '>')
}

/// Byte range of the value at the start of `rest` (quotes excluded).
fn value_bounds(rest: &str, opened_by_quote: Option<char>, name: &str) -> (usize, usize) {
    // -Dx="a b", -Dx='a', -Dx=\"a\"
    for quote in ["\\\"", "\"", "'"] {
        if let Some(inner) = rest.strip_prefix(quote) {
            let start = quote.len();
            let end = inner.find(quote).map_or(rest.len(), |i| start + i);
            return (start, end);
        }
    }
    let mut end = rest.find(ends_value).unwrap_or(rest.len());
    // "-Dmail.smtp.ssl.protocols=TLSv1 TLSv1.1": a whitespace list inside
    // a quoted argument runs on while its words are TLS versions.
    if let (Some(q), true) = (opened_by_quote, name.ends_with("ssl.protocols")) {
        loop {
            let tail = &rest[end..];
            let gap = tail.len() - tail.trim_start_matches([' ', '\t']).len();
            if gap == 0 {
                break;
            }
            let word_start = end + gap;
            let word_len = rest[word_start..]
                .find(|c: char| c.is_whitespace() || c == q || c == '\\')
                .unwrap_or(rest.len() - word_start);
            let word = &rest[word_start..word_start + word_len];
            let is_version =
                word.eq_ignore_ascii_case("SSLv2Hello") || tls_version::normalize(word).is_some();
            if word.is_empty() || !is_version {
                break;
            }
            end = word_start + word_len;
        }
    }
    (0, end)
}

/// `line` without a trailing comment (` # ...` for hash-comment files,
/// ` // ...` for C-style ones), quotes respected.
fn strip_trailing_comment(line: &str, comments: CommentStyle) -> &str {
    let markers: &[&str] = match comments {
        CommentStyle::Hash => &["#"],
        CommentStyle::Slash => &["//"],
        CommentStyle::SlashOrHash => &["//", "#"],
        _ => return line,
    };
    let mut quote: Option<char> = None;
    let mut prev: Option<char> = None;
    for (i, c) in line.char_indices() {
        match quote {
            Some(q) if c == q && prev != Some('\\') => quote = None,
            Some(_) => {}
            None if (c == '"' || c == '\'') && prev != Some('\\') => quote = Some(c),
            None => {
                let starts = markers.iter().any(|m| line[i..].starts_with(m));
                if starts && prev.is_none_or(char::is_whitespace) {
                    return &line[..i];
                }
            }
        }
        prev = Some(c);
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::{Protocol, TlsRange};

    fn run(text: &str, style: CommentStyle) -> Vec<Fact> {
        scan(&SourceFile::new("f", text), style, &[])
    }

    fn ranges(facts: &[Fact]) -> Vec<(Option<String>, Option<TlsRange>)> {
        facts
            .iter()
            .map(|f| (f.setting.as_ref().map(|s| s.name.clone()), f.tls.clone()))
            .collect()
    }

    #[test]
    fn dockerfile_env_and_json_array() {
        let f = run(
            "FROM eclipse-temurin:8-jre\nENV JAVA_TOOL_OPTIONS=\"-Xmx512m -Djdk.tls.client.protocols=TLSv1,TLSv1.1\"\nCMD [\"java\", \"-Dhttps.protocols=TLSv1\", \"-jar\", \"/app.jar\"]\n",
            CommentStyle::Hash,
        );
        assert_eq!(f.len(), 2);
        assert_eq!(f[0].scope.as_deref(), Some("process"));
        assert_eq!(f[0].tls, Some(TlsRange::explicit(Some("1.0"), Some("1.1"))));
        assert_eq!(
            f[0].setting.as_ref().map(|s| s.value.as_str()),
            Some("TLSv1,TLSv1.1")
        );
        let loc = f[0].location;
        assert_eq!((loc.line, loc.column, loc.end_column), (2, 33, 73));
        assert_eq!(f[1].scope.as_deref(), Some("application"));
        assert_eq!(f[1].tls, Some(TlsRange::explicit(Some("1.0"), Some("1.0"))));
    }

    #[test]
    fn quoted_values_and_systemd() {
        let f = run(
            "Environment=\"JAVA_OPTS=-Djdk.tls.client.protocols=TLSv1.2\"\nExecStart=/usr/bin/java -Djdk.tls.client.protocols=\"TLSv1.2,TLSv1.3\" -jar x.jar\nJAVA_OPTS=-Djdk.tls.client.protocols=\\\"TLSv1\\\"\n",
            CommentStyle::Hash,
        );
        assert_eq!(
            ranges(&f).into_iter().map(|r| r.1).collect::<Vec<_>>(),
            vec![
                Some(TlsRange::explicit(Some("1.2"), Some("1.2"))),
                Some(TlsRange::explicit(Some("1.2"), Some("1.3"))),
                Some(TlsRange::explicit(Some("1.0"), Some("1.0"))),
            ]
        );
    }

    #[test]
    fn javamail_options_become_connections() {
        let f = run(
            "JAVA_OPTS=\"-Dmail.imaps.host=outlook.office365.com -Dmail.imaps.ssl.protocols=TLSv1\"\n",
            CommentStyle::Hash,
        );
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].kind, FactKind::Connection);
        assert_eq!(f[0].client.as_deref(), Some("javamail"));
        assert_eq!(f[0].protocol, Some(Protocol::Imap));
        assert_eq!(f[0].port, Some(993));
        assert_eq!(f[0].tls, Some(TlsRange::explicit(Some("1.0"), Some("1.0"))));
        let f = run(
            "args: [\"-Dmail.smtp.ssl.protocols=TLSv1 TLSv1.1\", \"-jar\"]\n",
            CommentStyle::Hash,
        );
        assert_eq!(f[0].tls, Some(TlsRange::explicit(Some("1.0"), Some("1.1"))));
        assert_eq!(f[0].tls_mode, Some(TlsMode::Unknown));
        let f = run(
            "JAVA_OPTS=\"-Dmail.smtp.ssl.protocols=TLSv1.2 -Dfoo=TLSv1\"\n",
            CommentStyle::Hash,
        );
        assert_eq!(f[0].tls, Some(TlsRange::explicit(Some("1.2"), Some("1.2"))));
    }

    #[test]
    fn comments_are_skipped() {
        let text = "# JAVA_OPTS=-Djdk.tls.client.protocols=TLSv1\nJAVA_OPTS=-Xmx1g # -Djdk.tls.client.protocols=TLSv1\n// -Dhttps.protocols=TLSv1\n";
        let f = run(text, CommentStyle::Hash);
        assert_eq!(f.len(), 1, "// is no comment in hash-comment files");
        assert_eq!(f[0].location.line, 3);
        let f = run(text, CommentStyle::Slash);
        assert_eq!(f.len(), 2, "only // lines are comments in C-style files");
        let xml = "<!--\n<argLine>-Djdk.tls.client.protocols=TLSv1</argLine>\n-->\n<argLine>-Djdk.tls.client.protocols=TLSv1.2</argLine>\n";
        let f = run(xml, CommentStyle::Xml);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].location.line, 4);
    }

    #[test]
    fn known_settings_are_not_repeated_but_endpoint_mentions_are_no_settings() {
        let text =
            "JAVA_OPTS=-Dmail.imaps.host=outlook.office365.com -Djdk.tls.client.protocols=TLSv1\n";
        let file = SourceFile::new("f", text);
        let mention = Fact::new(
            FactKind::EndpointReference,
            Location::on_line(1, 29, 50),
            "",
        );
        let f = scan(&file, CommentStyle::Hash, &[mention]);
        assert_eq!(f.len(), 2);
        assert!(f
            .iter()
            .any(|f| f.host.as_deref() == Some("outlook.office365.com")));
        let setting = Fact::new(FactKind::TlsSetting, Location::on_line(1, 51, 85), "");
        assert_eq!(scan(&file, CommentStyle::Hash, &[setting]).len(), 1);
    }

    #[test]
    fn look_alikes_and_templates() {
        assert!(run(
            "X-Djdk.tls.client.protocols=TLSv1\nfoo.mail.imaps.host=x\n",
            CommentStyle::Hash
        )
        .is_empty());
        let f = run(
            "-Djdk.tls.client.protocols=${TLS_PROTOCOLS}\n",
            CommentStyle::Hash,
        );
        assert_eq!(f[0].tls, Some(TlsRange::unknown()));
        for garbage in [
            "-Dmail.=",
            "-Djdk.tls.client.protocols=",
            "\"-Dmail.imap.ssl.protocols=\"",
            "-Dhttps.protocols=\\",
        ] {
            let _ = run(garbage, CommentStyle::Hash);
        }
    }
}
