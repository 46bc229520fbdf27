// expect: none
//! Talks to the old HVAC controller's HTTPS API, which only speaks TLS 1.0.
//! No mail here; the report goes out through the modern mailer service.

use openssl::ssl::{SslConnector, SslMethod, SslVersion};
use std::io::{Read, Write};
use std::net::TcpStream;

pub fn read_status(addr: &str) -> std::io::Result<String> {
    let mut builder = SslConnector::builder(SslMethod::tls()).expect("openssl");
    builder.set_min_proto_version(Some(SslVersion::TLS1)).expect("min");
    builder.set_max_proto_version(Some(SslVersion::TLS1)).expect("max");
    let connector = builder.build();
    let tcp = TcpStream::connect(addr)?;
    let mut stream = connector.connect("hvac.local", tcp).expect("handshake");
    stream.write_all(b"GET /status HTTP/1.0\r\n\r\n")?;
    let mut out = String::new();
    stream.read_to_string(&mut out)?;
    Ok(out)
}
