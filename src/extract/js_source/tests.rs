use super::extract;
use crate::extract::test_support::{error, facts, range};
use crate::facts::{Basis, FactKind, TlsMode};

fn run(text: &str) -> Vec<crate::facts::Fact> {
    facts(extract, "app.js", text)
}

#[test]
fn nodemailer_inline_tls_is_bound() {
    let f = run("const nodemailer = require('nodemailer');\nconst t = nodemailer.createTransport({\n  host: 'smtp.office365.com',\n  port: 587,\n  tls: { minVersion: 'TLSv1' },\n});\n");
    let s = f.iter().find(|f| f.kind == FactKind::TlsSetting).unwrap();
    let u = f.iter().find(|f| f.kind == FactKind::MailUsage).unwrap();
    assert_eq!(range(s), (Some("1.0"), None, Basis::Explicit));
    assert_eq!(s.location.line, 5);
    assert_eq!(s.binding, u.binding);
    assert_eq!(u.host.as_deref(), Some("smtp.office365.com"));
    assert_eq!(u.port, Some(587));
    assert_eq!(u.tls_mode, Some(TlsMode::Starttls));
}

#[test]
fn ciphers_sslv3_is_no_version() {
    let f = run("const nodemailer = require('nodemailer');\nnodemailer.createTransport({ host: 'smtp.office365.com', tls: { ciphers: 'SSLv3' } });\n");
    let s = f.iter().find(|f| f.kind == FactKind::TlsSetting).unwrap();
    assert_eq!(range(s), (None, None, Basis::Unknown));
}

#[test]
fn secure_protocol_pins_and_variables_bind() {
    let f = run("import Imap from 'imap';\nconst tlsOptions = { secureProtocol: 'TLSv1_method' };\nconst imap = new Imap({ host: 'outlook.office365.com', port: 993, tls: true, tlsOptions });\n");
    let s = f.iter().find(|f| f.kind == FactKind::TlsSetting).unwrap();
    let u = f.iter().find(|f| f.kind == FactKind::MailUsage).unwrap();
    assert_eq!(range(s), (Some("1.0"), Some("1.0"), Basis::Explicit));
    assert_eq!(s.binding.as_deref(), Some("tlsOptions"));
    assert_eq!(u.binding.as_deref(), Some("tlsOptions"));
    assert_eq!(u.tls_mode, Some(TlsMode::Implicit));
    assert_eq!(u.client.as_deref(), Some("node-imap"));
}

#[test]
fn negotiating_method_and_constants() {
    let f = run(
        "const MAX = 'TLSv1.1';\nconst o = { secureProtocol: 'SSLv23_method', maxVersion: MAX };\n",
    );
    assert_eq!(range(&f[0]), (None, Some("1.1"), Basis::Explicit));
}

#[test]
fn comments_and_strings_are_not_settings() {
    let f = run("// minVersion: 'TLSv1'\nconsole.log(\"{ minVersion: 'TLSv1' }\");\n/* tls.DEFAULT_MIN_VERSION = 'TLSv1' */\n");
    assert!(f.is_empty());
}

#[test]
fn process_default() {
    let f = run("const tls = require('tls');\ntls.DEFAULT_MAX_VERSION = 'TLSv1.1';\n");
    assert_eq!(f[0].scope.as_deref(), Some("process"));
    assert_eq!(range(&f[0]), (None, Some("1.1"), Basis::Explicit));
}

#[test]
fn smtps_url_and_imapflow() {
    let f = run("const { ImapFlow } = require('imapflow');\nconst nm = require('nodemailer');\nnm.createTransport('smtps://u:p@smtp.example.com');\nnew ImapFlow({ host: 'imap.example.com', port: 993, secure: true });\n");
    let u: Vec<_> = f.iter().filter(|f| f.kind == FactKind::MailUsage).collect();
    assert_eq!(u.len(), 2);
    assert_eq!(u[0].port, Some(465));
    assert_eq!(u[0].tls_mode, Some(TlsMode::Implicit));
    assert_eq!(u[1].client.as_deref(), Some("imapflow"));
    assert_eq!(u[1].binding, None);
}

#[test]
fn unterminated_template_is_an_error() {
    let e = error(extract, "a.js", "const a = 1;\nconst s = `abc\nmore\n");
    assert!(e.to_string().contains('2') || e.line == Some(2));
}

#[test]
fn garbage_does_not_panic() {
    for t in [
        "{{{{",
        "}}})(",
        "new Imap(",
        "nodemailer.createTransport(",
        "x = { minVersion: }",
        "\u{0}\u{ffff}",
    ] {
        let _ = extract(&crate::source::SourceFile::new("g.ts", t));
    }
}
