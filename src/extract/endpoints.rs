//! The endpoint scan: Exchange Online mail host names and the tenant switch
//! `AllowLegacyTLSClients`, found in any text file, whatever its format.
//!
//! Admins point scripts, appliances and home-grown tools at Exchange Online
//! from files tlsfloor has no parser for (shell, PowerShell, YAML, .env,
//! device exports). This scan reports each mention as an
//! `endpoint_reference` fact (or a `tls_setting` of scope `tenant`), and
//! the policies decide which hosts are retired. Commented-out lines are
//! skipped using the format's (or the extension's) comment style; prose
//! files are not scanned at all (see `classify::is_prose`).

use crate::classify::{CommentFilter, CommentStyle};
use crate::extract::common::{mail_url, redact::redact};
use crate::facts::{Fact, FactKind, Related, Setting};
use crate::source::SourceFile;
use regex::Regex;
use std::collections::HashSet;
use std::sync::OnceLock;

/// What the scan reports, for `tlsfloor formats` and the README.
pub const EXTRACTS: &str = "Exchange Online mail host names (retired `*-legacy` endpoints included), with port and URL scheme where written, and `AllowLegacyTLSClients` settings; commented-out lines skipped";

/// Prefilter keywords: a file without any of these has no endpoint.
pub const KEYWORDS: &[&str] = &[
    "office365.com",
    "office365.us",
    "outlook.office.com",
    "outlook.com",
    "outlook.cn",
    "apps.mil",
    "AllowLegacyTLSClients",
];

fn host_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?i)\b(?:(?:pop|imap|smtp)-legacy\.(?:office365\.com|partner\.outlook\.cn)|(?:[a-z0-9-]+\.)*outlook\.office(?:365)?\.com|smtp\.office365\.com|(?:smtp|imap|pop)-mail\.outlook\.com|outlook(?:-dod)?\.office365\.us|(?:smtp\.)?partner\.outlook\.cn|webmail\.apps\.mil)\b(?::(\d{1,5})\b)?",
        )
        .unwrap_or_else(|_| unreachable!("constant regex"))
    })
}

fn tenant_switch_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r#"(?i)\b(AllowLegacyTLSClients)["']?\s*(?::\s*|=\s*|\s+)["']?(\$?[A-Za-z0-9]+)"#,
        )
        .unwrap_or_else(|_| unreachable!("constant regex"))
    })
}

/// Scans `file`, skipping lines that are comments in `comments` and hosts
/// the file's format extractor already reported (in `known`).
pub fn extract(file: &SourceFile, comments: CommentStyle, known: &[Fact]) -> Vec<Fact> {
    let known_hosts: HashSet<String> = known.iter().filter_map(|f| f.host.clone()).collect();
    let mut facts = Vec::new();
    let mut filter = CommentFilter::new(comments);
    for (_, line) in file.lines() {
        if filter.is_comment(line) {
            continue;
        }
        let urls = mail_url::find_all(line);
        for caps in host_regex().captures_iter(line) {
            let Some(m) = caps.get(0) else { continue };
            if !standalone(line, m.start(), caps.get(1).map_or(m.end(), |_| m.end())) {
                continue;
            }
            let host_text = &line[m.start()..m.end()];
            let host = host_text
                .split(':')
                .next()
                .unwrap_or(host_text)
                .to_ascii_lowercase();
            if known_hosts.contains(&host) {
                continue;
            }
            let location = file.location_of(host_text);
            let mut fact = Fact::new(FactKind::EndpointReference, location, redact(line.trim()));
            fact.host = Some(host.clone());
            fact.port = caps.get(1).and_then(|p| p.as_str().parse().ok());
            if let Some(url) = urls
                .iter()
                .find(|u| u.start <= m.start() && m.end() <= u.end)
            {
                fact.protocol = Some(url.protocol);
                fact.tls_mode = Some(url.tls_mode);
                fact.port = fact.port.or(url.port);
            }
            fact.related
                .push(Related::new("host", location, format!("host {host}")));
            facts.push(fact);
        }
        for caps in tenant_switch_regex().captures_iter(line) {
            let (Some(name), Some(value)) = (caps.get(1), caps.get(2)) else {
                continue;
            };
            let location = file.span(
                &line[name.start()..name.end()],
                &line[value.start()..value.end()],
            );
            let mut fact = Fact::new(FactKind::TlsSetting, location, redact(line.trim()));
            fact.client = Some("exchange-online-powershell".to_owned());
            fact.scope = Some("tenant".to_owned());
            fact.setting = Some(Setting {
                name: name.as_str().to_owned(),
                value: value.as_str().to_owned(),
            });
            facts.push(fact);
        }
    }
    facts
}

/// Whether the host name at `start..end` stands alone rather than being
/// part of a longer name (`imap-legacy.office365.com.example.net`).
fn standalone(line: &str, start: usize, end: usize) -> bool {
    let before = line[..start].chars().next_back();
    let mut after = line[end..].chars();
    let joined =
        |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if joined(before) || before == Some('.') {
        return false;
    }
    match after.next() {
        Some('.') => !joined(after.next()),
        next => !joined(next),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(text: &str, style: CommentStyle) -> Vec<Fact> {
        extract(&SourceFile::new("f", text), style, &[])
    }

    #[test]
    fn finds_hosts_with_ports_and_url_schemes() {
        let facts = scan(
            "SERVER=imap-legacy.office365.com:993\nurl = pops://pop-legacy.office365.com\n",
            CommentStyle::Hash,
        );
        assert_eq!(facts.len(), 2);
        assert_eq!(facts[0].host.as_deref(), Some("imap-legacy.office365.com"));
        assert_eq!(facts[0].port, Some(993));
        assert_eq!(facts[1].protocol, Some(crate::facts::Protocol::Pop3));
    }

    #[test]
    fn skips_comments_and_block_comments() {
        let text = "# imap-legacy.office365.com\n/*\n smtp-legacy.office365.com\n*/\n// outlook.office365.com\n";
        let slash = scan(text, CommentStyle::Slash);
        assert_eq!(slash.len(), 1, "only the #-line is code in C-style files");
        assert_eq!(slash[0].host.as_deref(), Some("imap-legacy.office365.com"));
        assert_eq!(scan(text, CommentStyle::Hash).len(), 2);
    }

    #[test]
    fn ignores_look_alikes() {
        assert!(scan(
            "host = imap-legacy.office365.com.evil.example\nnotoutlook.office365.company\n",
            CommentStyle::Hash
        )
        .iter()
        .all(|f| f.host.as_deref() != Some("imap-legacy.office365.com")));
    }

    #[test]
    fn finds_the_tenant_switch() {
        let facts = scan(
            "Set-TransportConfig -AllowLegacyTLSClients $true\n",
            CommentStyle::Hash,
        );
        assert_eq!(facts.len(), 1);
        assert_eq!(
            facts[0].setting.as_ref().map(|s| s.value.as_str()),
            Some("$true")
        );
    }
}
