//! Keeps secrets out of every report.
//!
//! Evidence snippets are copied from files that often hold passwords
//! (`Pass` in `.mbsyncrc`, `password` in `.fetchmailrc`, `user:pass@` in
//! URLs). Every snippet goes through [`redact`] before it becomes a fact,
//! so no output format can leak one.

use regex::Regex;
use std::sync::OnceLock;

const MASK: &str = "****";

fn url_userinfo() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        // scheme://user:password@  → keep the user, mask the password.
        Regex::new(r"(?i)\b([a-z][a-z0-9+.-]*://[^\s:/@]*):([^\s/@]+)@")
            .unwrap_or_else(|_| unreachable_regex())
    })
}

fn secret_assignment() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        // A key naming a secret, a separator, and a value (quoted or bare).
        Regex::new(
            r#"(?i)(\b[\w.-]*(?:pass(?:word|wd|phrase)?|pwd|secret|token|api[_-]?key|credential)[\w.-]*["']?\s*(?:=>|[=:]|\s)\s*)("[^"]*"?|'[^']*'?|[^\s,;)}\]]+)"#,
        )
        .unwrap_or_else(|_| unreachable_regex())
    })
}

/// A regex that never matches, used only if a constant pattern above failed
/// to compile (a programming error caught by the tests below).
fn unreachable_regex() -> Regex {
    Regex::new(r"[^\s\S]").unwrap_or_else(|_| unreachable!("constant regex"))
}

/// Returns `text` with URL passwords and secret-looking assignments masked.
pub fn redact(text: &str) -> String {
    let step = url_userinfo().replace_all(text, format!("$1:{MASK}@"));
    secret_assignment()
        .replace_all(&step, |caps: &regex::Captures<'_>| {
            let value = caps.get(2).map_or("", |m| m.as_str());
            let quote = value.chars().next().filter(|c| *c == '"' || *c == '\'');
            match quote {
                Some(q) => format!("{}{q}{MASK}{q}", &caps[1]),
                None => format!("{}{MASK}", &caps[1]),
            }
        })
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_url_passwords() {
        assert_eq!(
            redact("set folder=imaps://me%40x.com:hunter2@outlook.office365.com/"),
            "set folder=imaps://me%40x.com:****@outlook.office365.com/"
        );
    }

    #[test]
    fn masks_secret_assignments() {
        assert_eq!(redact("Pass hunter2"), "Pass ****");
        assert_eq!(
            redact(r#"poll x user "me" password "s3 cret" ssl"#),
            r#"poll x user "me" password "****" ssl"#
        );
        assert_eq!(redact("remotepass = abc"), "remotepass = ****");
        assert_eq!(redact(r#"set imap_pass='abc'"#), r#"set imap_pass='****'"#);
        assert_eq!(
            redact(r#"M.login(user, password="abc")"#),
            r#"M.login(user, password="****")"#
        );
    }

    #[test]
    fn leaves_tls_settings_alone() {
        for line in [
            "SSLVersions TLSv1 TLSv1.1",
            "sslproto TLS1",
            "ssl_version = tls1_1",
        ] {
            assert_eq!(redact(line), line);
        }
    }
}
