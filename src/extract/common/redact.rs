//! Keeps secrets out of every report.
//!
//! Evidence snippets are copied from files that often hold passwords
//! (`Pass` in `.mbsyncrc`, `password` in `.fetchmailrc`, `user:pass@` in
//! URLs). Every snippet goes through [`redact`] before it becomes a fact,
//! so no output format can leak one.

use regex::Regex;
use std::sync::OnceLock;

const MASK: &str = "****";

fn url_start() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?i)\b[a-z][a-z0-9+.-]*://").unwrap_or_else(|_| unreachable_regex())
    })
}

/// Masks the password of every `scheme://user:password@host` in `text`.
///
/// The user part may itself hold a raw `@` (`john@contoso.com:pw@host`,
/// which mutt and curl accept: they split at the last `@`), so the
/// authority is cut at its last `@` and the password is what follows the
/// first `:` of the user information.
fn mask_url_passwords(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(m) = url_start().find(rest) {
        out.push_str(&rest[..m.end()]);
        let after = &rest[m.end()..];
        let authority_len = after
            .find(|c: char| {
                c == '/'
                    || c == '?'
                    || c == '#'
                    || c.is_whitespace()
                    || matches!(c, '"' | '\'' | '<' | '>' | '`')
            })
            .unwrap_or(after.len());
        let authority = &after[..authority_len];
        match authority.rfind('@') {
            Some(at) => {
                let userinfo = &authority[..at];
                match userinfo.find(':') {
                    Some(colon) if colon + 1 < userinfo.len() => {
                        out.push_str(&userinfo[..colon]);
                        out.push(':');
                        out.push_str(MASK);
                    }
                    _ => out.push_str(userinfo),
                }
                out.push_str(&authority[at..]);
            }
            None => out.push_str(authority),
        }
        rest = &after[authority_len..];
    }
    out.push_str(rest);
    out
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

fn secret_element() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        // <password>secret</password>, <add key="x" ...> is handled above.
        Regex::new(r"(?i)(<([\w:.-]*(?:pass(?:word|wd|phrase)?|pwd|secret|token|credential)[\w:.-]*)(?:\s[^>]*)?>)([^<]+)(</)")
            .unwrap_or_else(|_| unreachable_regex())
    })
}

fn credential_call() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        // Calls whose arguments after the first are credentials: imaplib,
        // poplib, smtplib `login(user, pw)`/`pass_(pw)`/`apop`, Net::IMAP
        // `login`/`authenticate`, MailKit `Authenticate(user, pw)`,
        // `NetworkCredential(user, pw)`, JavaMail `PasswordAuthentication`,
        // Go `smtp.PlainAuth(identity, user, pw, host)`, PHP
        // `imap_open(mailbox, user, pw)`, JavaMail `connect(host, user, pw)`.
        Regex::new(
            r"(?i)\b(login|authenticate|auth|pass_|apop|rpop|networkcredential|passwordauthentication|plainauth|imap_open|connect)\s*\(([^()]*)\)",
        )
        .unwrap_or_else(|_| unreachable_regex())
    })
}

fn string_literal() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r#""(?:[^"\\]|\\.)*"?|'(?:[^'\\]|\\.)*'?|`[^`]*`?"#)
            .unwrap_or_else(|_| unreachable_regex())
    })
}

/// Masks the string literals that a credential call receives as its
/// password: every literal but the first for login-style calls (the first is
/// the user name; `pass_` has only the password), the third literal
/// for `imap_open` and `PlainAuth`, and the last of three or more
/// for `connect` (JavaMail `connect(host, user, password)`).
fn mask_credential_calls(text: &str) -> String {
    credential_call()
        .replace_all(text, |caps: &regex::Captures<'_>| {
            let name = caps[1].to_ascii_lowercase();
            let args = &caps[2];
            let literals: Vec<_> = string_literal().find_iter(args).collect();
            let masked: Vec<bool> = (0..literals.len())
                .map(|i| match name.as_str() {
                    "pass_" => true,
                    "imap_open" | "plainauth" => i == 2,
                    "connect" => literals.len() >= 3 && i + 1 == literals.len(),
                    _ => i >= 1,
                })
                .collect();
            let mut out = String::with_capacity(caps[0].len());
            let whole = caps.get(0).map_or(0, |m| m.start());
            let args_start = caps.get(2).map_or(0, |m| m.start()) - whole;
            out.push_str(&caps[0][..args_start]);
            let mut last = 0;
            for (lit, mask) in literals.iter().zip(masked) {
                out.push_str(&args[last..lit.start()]);
                if mask {
                    let q = &lit.as_str()[..1];
                    out.push_str(q);
                    out.push_str(MASK);
                    out.push_str(q);
                } else {
                    out.push_str(lit.as_str());
                }
                last = lit.end();
            }
            out.push_str(&args[last..]);
            out.push(')');
            out
        })
        .into_owned()
}

/// A regex that never matches, used only if a constant pattern above failed
/// to compile (a programming error caught by the tests below).
fn unreachable_regex() -> Regex {
    Regex::new(r"[^\s\S]").unwrap_or_else(|_| unreachable!("constant regex"))
}

/// Returns `text` with URL passwords and secret-looking assignments masked.
pub fn redact(text: &str) -> String {
    let step = mask_url_passwords(text);
    let step = mask_credential_calls(&step);
    let step = secret_element().replace_all(&step, format!("${{1}}{MASK}${{4}}"));
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

fn user_assignment() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        // A key ending in user/username/userid/login, a separator, a value.
        Regex::new(
            r#"(?i)(\b[\w.-]*(?:user(?:_?name|_?id)?|login)["']?(?:\s*(?:=>|[=:])\s*|\s+))("[^"]*"?|'[^']*'?|[^\s,;)}\]]+)"#,
        )
        .unwrap_or_else(|_| unreachable_regex())
    })
}

fn url_user_info() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        // Everything up to the authority's last `@` (user names may hold one).
        Regex::new(r#"(?i)\b([a-z][a-z0-9+.-]*://)[^/?#\s"'<>`]*@"#)
            .unwrap_or_else(|_| unreachable_regex())
    })
}

fn email_address() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?i)\b[a-z0-9._%+-]+@([a-z0-9-]+(?:\.[a-z0-9-]+)+)")
            .unwrap_or_else(|_| unreachable_regex())
    })
}

/// [`redact`], and also masks user names: the local part of e-mail
/// addresses (`****@contoso.com`, URL user information included) and the
/// values of keys naming a user or login (`User`, `user "bob"`,
/// `mail.imap.user=`, `IMAP_USERNAME=`). Evidence bundles are handed to
/// auditors and tickets, so they name no account, only the configuration.
pub fn redact_identities(text: &str) -> String {
    let step = redact(text);
    let step = url_user_info().replace_all(&step, format!("${{1}}{MASK}@"));
    let step = user_assignment().replace_all(&step, |caps: &regex::Captures<'_>| {
        let value = caps.get(2).map_or("", |m| m.as_str());
        let quote = value.chars().next().filter(|c| *c == '"' || *c == '\'');
        match quote {
            Some(q) => format!("{}{q}{MASK}{q}", &caps[1]),
            None if value.starts_with(MASK) => caps[0].to_owned(),
            None => format!("{}{MASK}", &caps[1]),
        }
    });
    email_address()
        .replace_all(&step, format!("{MASK}@$1"))
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_user_names_for_evidence() {
        assert_eq!(redact_identities("User jane.doe@contoso.com"), "User ****");
        assert_eq!(
            redact_identities(
                r#"poll outlook.office365.com protocol imap user "bob" password "x""#
            ),
            r#"poll outlook.office365.com protocol imap user "****" password "****""#
        );
        assert_eq!(
            redact_identities("set folder=imaps://jane%40x.com:pw@outlook.office365.com/"),
            "set folder=imaps://****@outlook.office365.com/"
        );
        assert_eq!(
            redact_identities("imaps://john@contoso.com:pw@imap.example.org:993/ x"),
            "imaps://****@imap.example.org:993/ x"
        );
        assert_eq!(
            redact_identities("mail.imap.user=svc-mail"),
            "mail.imap.user=****"
        );
        assert_eq!(redact_identities("IMAP_USERNAME=svc"), "IMAP_USERNAME=****");
        assert_eq!(
            redact_identities("set from=\"Jane <jane@contoso.com>\""),
            "set from=\"Jane <****@contoso.com>\""
        );
        for line in [
            "user_agent = curl",
            "SSLVersions TLSv1.2",
            "ssl_use_tlsv1_2=yes",
        ] {
            assert_eq!(redact_identities(line), line);
        }
    }

    #[test]
    fn masks_url_passwords() {
        assert_eq!(
            redact("set folder=imaps://me%40x.com:hunter2@outlook.office365.com/"),
            "set folder=imaps://me%40x.com:****@outlook.office365.com/"
        );
    }

    #[test]
    fn masks_passwords_after_users_with_an_at_sign() {
        assert_eq!(
            redact(
                r#"set folder="imaps://john@contoso.com:Hunter2pw@imap-legacy.office365.com:993/""#
            ),
            r#"set folder="imaps://john@contoso.com:****@imap-legacy.office365.com:993/""#
        );
        assert_eq!(
            redact("smtps://miklos@collabora.com:@CPPASSWORD@@smtp.example.com:465"),
            "smtps://miklos@collabora.com:****@smtp.example.com:465"
        );
        assert_eq!(
            redact("imaps://jane@outlook.office365.com/"),
            "imaps://jane@outlook.office365.com/"
        );
        assert_eq!(
            redact("see https://example.com/a:b@c"),
            "see https://example.com/a:b@c"
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
    fn masks_passwords_passed_to_credential_calls() {
        assert_eq!(
            redact("M = IMAP4_SSL('h', 993); M.login('jane', 'hunter2')"),
            "M = IMAP4_SSL('h', 993); M.login('jane', '****')"
        );
        assert_eq!(redact(r#"p.pass_("hunter2")"#), r#"p.pass_("****")"#);
        assert_eq!(
            redact(r#"client.Authenticate("jane", "hunter2");"#),
            r#"client.Authenticate("jane", "****");"#
        );
        assert_eq!(
            redact(r#"auth := smtp.PlainAuth("", "jane", "hunter2", "smtp.x")"#),
            r#"auth := smtp.PlainAuth("", "jane", "****", "smtp.x")"#
        );
        assert_eq!(
            redact(r#"store.connect("imap.x", "jane", "hunter2");"#),
            r#"store.connect("imap.x", "jane", "****");"#
        );
        assert_eq!(
            redact(r#"$c = imap_open('{h:993/ssl}', 'jane', 'hunter2');"#),
            r#"$c = imap_open('{h:993/ssl}', 'jane', '****');"#
        );
        assert_eq!(redact("c.connect((host, 993))"), "c.connect((host, 993))");
        assert_eq!(redact("M.login(user, pw)"), "M.login(user, pw)");
    }

    #[test]
    fn masks_secret_xml_elements() {
        assert_eq!(
            redact("<password>hunter2</password>"),
            "<password>****</password>"
        );
        assert_eq!(
            redact("<username>jane</username>"),
            "<username>jane</username>"
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
