use super::extract;
use crate::extract::test_support::{error, facts, range};
use crate::facts::{Basis, Fact, FactKind, Protocol, TlsMode};

fn run(text: &str) -> Vec<Fact> {
    facts(extract, "main.rs", text)
}

fn settings(f: &[Fact]) -> Vec<&Fact> {
    f.iter()
        .filter(|f| f.kind == FactKind::TlsSetting)
        .collect()
}

fn usages(f: &[Fact]) -> Vec<&Fact> {
    f.iter().filter(|f| f.kind == FactKind::MailUsage).collect()
}

#[test]
fn native_tls_chain_and_imap_connect() {
    let f = run(r#"fn main() {
    let tls = native_tls::TlsConnector::builder()
        .min_protocol_version(Some(native_tls::Protocol::Tlsv10))
        .max_protocol_version(Some(Protocol::Tlsv11))
        .build().unwrap();
    let c = imap::connect(("imap.example.com", 993), "imap.example.com", &tls).unwrap();
}
"#);
    let s = settings(&f);
    assert_eq!(s.len(), 1);
    assert_eq!(range(s[0]), (Some("1.0"), Some("1.1"), Basis::Explicit));
    assert_eq!(s[0].location.line, 4);
    assert_eq!(s[0].client.as_deref(), Some("rust-native-tls"));
    assert_eq!(s[0].binding.as_deref(), Some("main::tls"));
    let u = usages(&f);
    assert_eq!(u[0].binding.as_deref(), Some("main::tls"));
    assert_eq!(u[0].host.as_deref(), Some("imap.example.com"));
    assert_eq!(u[0].port, Some(993));
    assert_eq!(u[0].tls_mode, Some(TlsMode::Implicit));
}

#[test]
fn openssl_builder_alias_and_options() {
    let f = run(r#"fn run() {
    let mut b = SslConnector::builder(SslMethod::tls())?;
    b.set_options(SslOptions::NO_TLSV1_2 | SslOptions::NO_TLSV1_3);
    let conn = b.build();
    let c = imap::connect_starttls("mail.example.com:143", "mail.example.com", &conn)?;
}
"#);
    let s = settings(&f);
    assert_eq!(s.len(), 1);
    assert_eq!(range(s[0]), (None, Some("1.1"), Basis::Explicit));
    assert_eq!(s[0].location.line, 3);
    let u = usages(&f);
    assert_eq!(u[0].binding, s[0].binding);
    assert_eq!(u[0].tls_mode, Some(TlsMode::Starttls));
    assert_eq!(u[0].port, Some(143));
}

#[test]
fn none_versions_and_strings_are_not_settings() {
    let f = run(r##"fn a() {
    let s = "TlsConnector::builder().max_protocol_version(Some(Protocol::Tlsv10))";
    // b.set_max_proto_version(Some(SslVersion::TLS1))
    let t = TlsConnector::builder().min_protocol_version(None).build()?;
}
"##);
    let s = settings(&f);
    assert_eq!(s.len(), 1);
    assert_eq!(range(s[0]), (None, None, Basis::Unknown));
}

#[test]
fn lettre_relay_defaults() {
    let f = run(r#"fn a() {
    let m = SmtpTransport::relay("smtp.office365.com")?.build();
    let p = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous("localhost").build();
}
"#);
    let u = usages(&f);
    assert_eq!(u.len(), 2);
    assert_eq!(u[0].protocol, Some(Protocol::Smtp));
    assert_eq!(u[0].port, Some(465));
    assert_eq!(u[0].tls_mode, Some(TlsMode::Implicit));
    assert_eq!(u[0].binding, None);
    assert_eq!(u[1].tls_mode, Some(TlsMode::None));
}

#[test]
fn inline_builder_gets_synthetic_binding() {
    let f = run(r#"fn a() {
    let c = imap::connect(("h.example", 993), "h.example", &TlsConnector::builder().max_protocol_version(Some(Protocol::Tlsv10)).build()?)?;
}
"#);
    let s = settings(&f);
    let u = usages(&f);
    assert_eq!(s.len(), 1);
    assert!(s[0]
        .binding
        .as_deref()
        .unwrap()
        .starts_with("TlsConnector@2:"));
    assert_eq!(u[0].binding, s[0].binding);
}

#[test]
fn unterminated_raw_string_is_an_error() {
    let e = error(extract, "x.rs", "fn a() {}\nconst X: &str = r#\"abc\n\n");
    assert_eq!(e.line, Some(2));
}

#[test]
fn garbage_does_not_panic() {
    for text in [
        "{{{",
        ").max_protocol_version(",
        "imap::connect(",
        "SmtpTransport::relay(",
        "let = ;",
        "?.?.?(",
    ] {
        let _ = extract(&crate::source::SourceFile::new("x.rs", text));
    }
}
