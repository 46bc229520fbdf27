use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters, TlsVersion};
use lettre::{Message, SmtpTransport, Transport};

/// Sends build alerts through the on-prem relay, which still runs an old
/// Exchange 2010 hub transport.
pub fn send_alert(subject: &str, body: &str) -> Result<(), Box<dyn std::error::Error>> {
    let params = TlsParameters::builder("relay.corp.example.com".to_owned())
        // expect: TLS002
        .set_min_tls_version(TlsVersion::Tlsv10)
        .build()?;
    let mailer = SmtpTransport::builder_dangerous("relay.corp.example.com")
        .port(587)
        .tls(Tls::Required(params))
        .credentials(Credentials::new("ci".to_owned(), "hunter2".to_owned()))
        .build();
    let email = Message::builder()
        .from("ci@example.com".parse()?)
        .to("team@example.com".parse()?)
        .subject(subject)
        .body(body.to_owned())?;
    mailer.send(&email)?;
    Ok(())
}

/// Office 365: lettre's defaults (TLS 1.2+ with rustls or native-tls).
pub fn send_o365(email: &Message) -> Result<(), Box<dyn std::error::Error>> {
    let mailer = SmtpTransport::starttls_relay("smtp.office365.com")?
        .credentials(Credentials::new("ci".to_owned(), "hunter2".to_owned()))
        .build();
    mailer.send(email)?;
    Ok(())
}
