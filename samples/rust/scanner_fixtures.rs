// expect: none
//! Test fixtures of a config linter: legacy settings appear only inside
//! string literals and comments, and the real client uses rustls.

// let tls = TlsConnector::builder().max_protocol_version(Some(Protocol::Tlsv11)).build()?;
/* builder.set_max_proto_version(Some(SslVersion::TLS1_1))?; */

const FIXTURE: &str = r#"
    let tls = native_tls::TlsConnector::builder()
        .min_protocol_version(Some(native_tls::Protocol::Tlsv10))
        .build()?;
    let client = imap::connect(("outlook.office365.com", 993), "outlook.office365.com", &tls)?;
"#;

const HELP: &str = "set_min_tls_version(TlsVersion::Tlsv10) is rejected by Exchange Online";

fn check_modern() -> imap::error::Result<()> {
    let client = imap::ClientBuilder::new("outlook.office365.com", 993).rustls()?;
    let _ = (FIXTURE, HELP, client);
    Ok(())
}
