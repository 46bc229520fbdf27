//! Nightly archiver: copies the shared mailbox from Exchange Online into the
//! document store. Uses the `imap` 2.x crate with native-tls.

use native_tls::{Protocol, TlsConnector};
use std::error::Error;

const HOST: &str = "outlook.office365.com";

fn archive(user: &str, password: &str) -> Result<(), Box<dyn Error>> {
    // The scanner appliance in front of the tenant only negotiated 1.0/1.1.
    let tls = TlsConnector::builder()
        .min_protocol_version(Some(Protocol::Tlsv10))
        // expect: TLS001
        .max_protocol_version(Some(Protocol::Tlsv11))
        .build()?;
    let client = imap::connect((HOST, 993), HOST, &tls)?;
    let mut session = client.login(user, password).map_err(|e| e.0)?;
    session.select("INBOX")?;
    let messages = session.fetch("1:*", "RFC822")?;
    for m in messages.iter() {
        if let Some(body) = m.body() {
            println!("{} bytes", body.len());
        }
    }
    session.logout()?;
    Ok(())
}

fn main() {
    if let Err(e) = archive("svc-archive@example.com", "secret") {
        eprintln!("archive failed: {e}");
    }
}
