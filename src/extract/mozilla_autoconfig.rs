//! Mozilla ISP autoconfig files (`config-v1.1.xml`): what an ISP serves at
//! `autoconfig.<domain>/mail/config-v1.1.xml` or
//! `<domain>/.well-known/autoconfig/mail/config-v1.1.xml`, what the ISPDB
//! (thunderbird/autoconfig, `ispdb/*.xml`) ships, and what admins deploy to
//! Thunderbird's `isp/` directory. Thunderbird's account wizard creates the
//! accounts from it; other clients (Evolution, KMail, K-9/Thunderbird for
//! Android) read it too.
//!
//! # Reading the file
//!
//! The format (wiki.mozilla.org `Thunderbird:Autoconfiguration:ConfigFileFormat`,
//! read by comm-central `mail/components/accountcreation/modules/readFromXML.sys.mjs`):
//! a `<clientConfig>` root with `<emailProvider id="...">` elements, each
//! holding `<incomingServer type="imap|pop3|...">` and
//! `<outgoingServer type="smtp">` elements, in order of preference, with
//! the children `<hostname>`, `<port>`, `<socketType>`, `<authentication>`,
//! `<username>` (and an optional `<password>`).
//!
//! - One `connection` per server of type `imap`, `pop3` (incoming) or
//!   `smtp` (outgoing). Other types (`exchange`, `ews`, `owa`, `graph`,
//!   `nntp`) are not POP/IMAP/SMTP and yield nothing. Type names, element
//!   names and `socketType` values are compared without case: Thunderbird
//!   compares them exactly and skips a server with a misspelt value, other
//!   readers of the format differ, and the file's intent is what matters.
//! - `<socketType>`: `plain` is no TLS, `SSL` implicit TLS, `STARTTLS`
//!   STARTTLS required. A server may list several; the first one
//!   recognised wins, as in Thunderbird. None recognised (or none at all):
//!   the mode is unknown.
//! - `<hostname>`: the host, lower-cased. A placeholder such as
//!   `%EMAILDOMAIN%` (filled in from the user's address when the account is
//!   created) makes the host unknown (`null`).
//! - `<port>`: the port as written; the format has no default port.
//! - The format has no TLS version element: the range of every connection
//!   is unknown (Thunderbird's global preferences decide it), and none for
//!   a `plain` connection.
//!
//! The fact sits on the `<hostname>` text (the server's element when it
//! has none), with the server element, host, port and socket type as
//! related locations. A `<password>` element's text never reaches an
//! evidence snippet. A file that is not well-formed XML is malformed.

use crate::extract::common::mail_url::is_literal_host;
use crate::extract::common::redact::redact;
use crate::extract::common::xml::{self, Node};
use crate::extract::ExtractError;
use crate::facts::{Fact, FactKind, Location, Protocol, Related, TlsMode, TlsRange};
use crate::source::SourceFile;
use std::ops::Range;

/// The `client` of every fact, also the remedies key.
const CLIENT: &str = "thunderbird";

/// How much of the start of an `.xml` file the sniffer reads.
const SNIFF_WINDOW: usize = 64 * 1024;

/// Whether `text` is an autoconfig document: its root element, after the
/// XML declaration, comments, processing instructions and a DOCTYPE, is
/// `<clientConfig>`.
pub fn sniff(text: &str) -> bool {
    let mut end = SNIFF_WINDOW.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let mut rest = text.get(..end).unwrap_or("").trim_start_matches('\u{feff}');
    loop {
        rest = rest.trim_start();
        let skip_to = |rest: &str, close: &str| rest.find(close).map(|at| at + close.len());
        let next = if rest.starts_with("<?") {
            skip_to(rest, "?>")
        } else if rest.starts_with("<!--") {
            skip_to(rest, "-->")
        } else if rest.starts_with("<!") {
            // A DOCTYPE, with or without an internal subset.
            match (rest.find('['), rest.find('>')) {
                (Some(open), Some(close)) if open < close => {
                    let subset_end = rest.get(open..).and_then(|r| r.find(']')).map(|c| open + c);
                    subset_end.and_then(|end| {
                        rest.get(end..)
                            .and_then(|r| r.find('>'))
                            .map(|g| end + g + 1)
                    })
                }
                (_, Some(close)) => Some(close + 1),
                _ => None,
            }
        } else {
            let Some(tag) = rest.strip_prefix("<clientConfig") else {
                return false;
            };
            return tag.is_empty()
                || tag.starts_with(|c: char| c.is_whitespace() || c == '>' || c == '/');
        };
        match next.and_then(|at| rest.get(at..)) {
            Some(r) => rest = r,
            None => return false,
        }
    }
}

/// Extracts one connection per IMAP, POP3 and SMTP server.
pub fn extract(file: &SourceFile) -> Result<Vec<Fact>, ExtractError> {
    let doc = xml::parse(file)?;
    let root = doc.root_element();
    if !root.tag_name().name().eq_ignore_ascii_case("clientConfig") {
        return Ok(Vec::new());
    }
    let secrets: Vec<Range<usize>> = doc
        .descendants()
        .filter(|n| n.is_element() && n.tag_name().name().eq_ignore_ascii_case("password"))
        .flat_map(|n| n.children().filter(|c| c.is_text()).map(|c| c.range()))
        .collect();
    let mut facts = Vec::new();
    for provider in xml::children(root, "emailProvider") {
        let provider_id = provider.attribute("id").unwrap_or("").trim();
        for server in provider.children().filter(Node::is_element) {
            let name = server.tag_name().name();
            let incoming = name.eq_ignore_ascii_case("incomingServer");
            if !incoming && !name.eq_ignore_ascii_case("outgoingServer") {
                continue;
            }
            let kind = server.attribute("type").unwrap_or("").trim();
            let protocol = match kind.to_ascii_lowercase().as_str() {
                "imap" if incoming => Protocol::Imap,
                "pop3" if incoming => Protocol::Pop3,
                "smtp" if !incoming => Protocol::Smtp,
                _ => continue,
            };
            let label = format!(
                "{} server ({kind}){}",
                if incoming { "Incoming" } else { "Outgoing" },
                if provider_id.is_empty() {
                    String::new()
                } else {
                    format!(" of {provider_id}")
                }
            );
            facts.push(connection(file, &secrets, server, protocol, &label));
        }
    }
    Ok(facts)
}

/// The text of an element, trimmed.
fn text<'a>(node: Node<'a, '_>) -> &'a str {
    node.text().unwrap_or("").trim()
}

/// The location of an element's text without its surrounding whitespace
/// (`<socketType>\n  plain\n</socketType>` points at `plain`).
fn value_location(file: &SourceFile, node: Node) -> Location {
    match node.first_child().filter(|c| c.is_text()) {
        Some(t) => {
            let range = t.range();
            let raw = file.text.get(range.clone()).unwrap_or("");
            let inner = raw.trim();
            if inner.is_empty() {
                return xml::location(file, range);
            }
            let start = range.start + (raw.len() - raw.trim_start().len());
            xml::location(file, start..start + inner.len())
        }
        None => xml::start_tag_location(file, node),
    }
}

/// `socketType` meaning.
fn socket_mode(value: &str) -> Option<(TlsMode, &'static str)> {
    match value.to_ascii_lowercase().as_str() {
        "plain" => Some((TlsMode::None, "no TLS")),
        "ssl" => Some((TlsMode::Implicit, "implicit TLS")),
        "starttls" => Some((TlsMode::Starttls, "STARTTLS required")),
        _ => None,
    }
}

fn connection(
    file: &SourceFile,
    secrets: &[Range<usize>],
    server: Node,
    protocol: Protocol,
    label: &str,
) -> Fact {
    let hostname = xml::children(server, "hostname").next();
    let port_node = xml::children(server, "port").next();
    let sockets: Vec<Node> = xml::children(server, "socketType").collect();
    let chosen = sockets
        .iter()
        .find_map(|n| socket_mode(text(*n)).map(|m| (*n, m)));

    let host = hostname.map(text).and_then(|h| {
        let h = h.trim_end_matches('.');
        (!h.is_empty() && is_literal_host(h)).then(|| h.to_ascii_lowercase())
    });
    let port = port_node
        .and_then(|p| text(p).parse::<u16>().ok())
        .filter(|p| *p > 0);
    let mode = chosen.map_or(TlsMode::Unknown, |(_, (m, _))| m);

    let declaration = xml::start_tag_location(file, server);
    let location = hostname.map_or(declaration, |h| value_location(file, h));
    let mut related = vec![Related::new("declaration", declaration, redact(label))];
    if let Some(h) = hostname {
        related.push(Related::new(
            "host",
            value_location(file, h),
            redact(&format!("Host {}", text(h))),
        ));
    }
    if let Some(p) = port_node {
        related.push(Related::new(
            "port",
            value_location(file, p),
            redact(&format!("Port {}", text(p))),
        ));
    }
    match (chosen, sockets.first()) {
        (Some((node, (_, what))), _) => related.push(Related::new(
            "tls_mode",
            value_location(file, node),
            redact(&format!("socketType {} ({what})", text(node))),
        )),
        (None, Some(node)) => related.push(Related::new(
            "tls_mode",
            value_location(file, *node),
            redact(&format!(
                "socketType {} (not plain, SSL or STARTTLS: the TLS mode is unknown)",
                text(*node)
            )),
        )),
        (None, None) => {}
    }

    let mut fact = Fact::new(
        FactKind::Connection,
        location,
        evidence(file, secrets, location.line),
    );
    fact.client = Some(CLIENT.to_owned());
    fact.protocol = Some(protocol);
    fact.host = host;
    fact.port = port;
    fact.tls_mode = Some(mode);
    fact.tls = (mode != TlsMode::None).then(TlsRange::unknown);
    fact.related = related;
    fact
}

/// Line `n`, trimmed, with the text of `<password>` elements masked and the
/// rest redacted.
fn evidence(file: &SourceFile, secrets: &[Range<usize>], n: usize) -> String {
    let start = file.line_start(n);
    let line = file.line(n);
    let end = start + line.len();
    let mut out = String::with_capacity(line.len());
    let mut at = start;
    for secret in secrets {
        if secret.end <= at || secret.start >= end {
            continue;
        }
        let s = secret.start.max(at);
        out.push_str(file.text.get(at..s).unwrap_or(""));
        out.push_str("****");
        at = secret.end.min(end);
    }
    out.push_str(file.text.get(at..end).unwrap_or(""));
    redact(out.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Vec<Fact> {
        let file = SourceFile::new("isp/contoso.com/config-v1.1.xml", text);
        extract(&file).unwrap_or_else(|e| panic!("{e}"))
    }

    fn roles(f: &Fact) -> Vec<(&str, usize)> {
        f.related
            .iter()
            .map(|r| (r.role.as_str(), r.line))
            .collect()
    }

    const CONTOSO: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<clientConfig version="1.1">
  <emailProvider id="contoso.com">
    <domain>contoso.com</domain>
    <incomingServer type="imap">
      <hostname>Outlook.Office365.com</hostname>
      <port>993</port>
      <socketType>SSL</socketType>
      <authentication>OAuth2</authentication>
      <username>%EMAILADDRESS%</username>
    </incomingServer>
    <incomingServer type="pop3">
      <hostname>outlook.office365.com</hostname>
      <port>110</port>
      <socketType>plain</socketType>
      <authentication>password-cleartext</authentication>
      <username>%EMAILADDRESS%</username>
    </incomingServer>
    <incomingServer type="exchange">
      <hostname>outlook.office365.com</hostname>
      <port>443</port>
      <socketType>SSL</socketType>
    </incomingServer>
    <outgoingServer type="smtp">
      <hostname>smtp.%EMAILDOMAIN%</hostname>
      <port>587</port>
      <socketType>STARTTLS</socketType>
      <authentication>password-cleartext</authentication>
    </outgoingServer>
  </emailProvider>
</clientConfig>
"#;

    #[test]
    fn one_connection_per_mail_server() {
        let facts = run(CONTOSO);
        assert_eq!(facts.len(), 3, "{facts:#?}");
        let imap = &facts[0];
        assert_eq!(imap.kind, FactKind::Connection);
        assert_eq!(imap.client.as_deref(), Some("thunderbird"));
        assert_eq!(imap.protocol, Some(Protocol::Imap));
        assert_eq!(imap.host.as_deref(), Some("outlook.office365.com"));
        assert_eq!(imap.port, Some(993));
        assert_eq!(imap.tls_mode, Some(TlsMode::Implicit));
        assert_eq!(imap.tls, Some(TlsRange::unknown()));
        assert_eq!(
            (
                imap.location.line,
                imap.location.column,
                imap.location.end_column
            ),
            (6, 17, 38)
        );
        assert_eq!(imap.evidence, "<hostname>Outlook.Office365.com</hostname>");
        assert_eq!(
            roles(imap),
            [
                ("declaration", 5),
                ("host", 6),
                ("port", 7),
                ("tls_mode", 8)
            ]
        );
        assert_eq!(
            imap.related[0].message,
            "Incoming server (imap) of contoso.com"
        );
        assert_eq!(imap.related[1].message, "Host Outlook.Office365.com");
        assert_eq!(imap.related[3].message, "socketType SSL (implicit TLS)");

        let pop = &facts[1];
        assert_eq!(pop.protocol, Some(Protocol::Pop3));
        assert_eq!((pop.port, pop.tls_mode), (Some(110), Some(TlsMode::None)));
        assert_eq!(pop.tls, None);
        assert_eq!(pop.location.line, 13);

        let smtp = &facts[2];
        assert_eq!(smtp.protocol, Some(Protocol::Smtp));
        assert_eq!(smtp.host, None);
        assert_eq!(smtp.related[1].message, "Host smtp.%EMAILDOMAIN%");
        assert_eq!(
            (smtp.port, smtp.tls_mode),
            (Some(587), Some(TlsMode::Starttls))
        );
    }

    #[test]
    fn socket_types_first_recognised_wins() {
        let server = |sockets: &str| {
            format!(
                "<clientConfig><emailProvider id=\"x\"><incomingServer type=\"IMAP\"><hostname> imap.example.org </hostname><port>x</port>{sockets}</incomingServer></emailProvider></clientConfig>"
            )
        };
        let mode = |sockets: &str| run(&server(sockets))[0].tls_mode;
        assert_eq!(
            mode("<socketType>TLS</socketType><socketType>starttls</socketType>"),
            Some(TlsMode::Starttls)
        );
        assert_eq!(
            mode("<socketType>\n  plain\n</socketType>"),
            Some(TlsMode::None)
        );
        assert_eq!(mode("<socketType>TLS</socketType>"), Some(TlsMode::Unknown));
        assert_eq!(mode(""), Some(TlsMode::Unknown));
        // Empty or blank values.
        let blank = "<clientConfig><emailProvider><incomingServer type=\"pop3\"><hostname>  </hostname><port/><socketType></socketType></incomingServer></emailProvider></clientConfig>";
        let f = &run(blank)[0];
        assert_eq!(
            (f.host.as_deref(), f.port, f.tls_mode),
            (None, None, Some(TlsMode::Unknown))
        );
        let f = &run(&server("<socketType>SSL</socketType>"))[0];
        // The host's location leaves out the whitespace around it.
        assert_eq!(
            f.location.end_column - f.location.column,
            "imap.example.org".len()
        );
        assert_eq!(f.host.as_deref(), Some("imap.example.org"));
        assert_eq!(f.port, None);
        assert_eq!(f.protocol, Some(Protocol::Imap));
    }

    #[test]
    fn other_server_types_and_documents_yield_nothing() {
        let text = r#"<clientConfig version="1.1"><emailProvider id="x">
<incomingServer type="ews"><url>https://outlook.office365.com/EWS/Exchange.asmx</url></incomingServer>
<incomingServer type="nntp"><hostname>news.example.org</hostname></incomingServer>
<incomingServer><hostname>mail.example.org</hostname></incomingServer>
<outgoingServer type="imap"><hostname>mail.example.org</hostname></outgoingServer>
</emailProvider></clientConfig>"#;
        assert!(run(text).is_empty());
        assert!(run("<project><incomingServer type=\"imap\"><hostname>a</hostname></incomingServer></project>").is_empty());
        assert!(run("<clientConfig/>").is_empty());
    }

    #[test]
    fn servers_without_hostname_sit_on_their_element() {
        let text = "<clientConfig>\n<emailProvider>\n<outgoingServer type=\"smtp\">\n<port>465</port><socketType>SSL</socketType>\n</outgoingServer>\n</emailProvider>\n</clientConfig>";
        let facts = run(text);
        assert_eq!(facts.len(), 1);
        assert_eq!(facts[0].location.line, 3);
        assert_eq!(facts[0].related[0].message, "Outgoing server (smtp)");
        assert_eq!(facts[0].port, Some(465));
    }

    #[test]
    fn passwords_never_reach_the_evidence() {
        let text = "<clientConfig><emailProvider id=\"x\"><incomingServer type=\"pop3\"><hostname>pop.example.org</hostname><password>hunter2</password><socketType>plain</socketType></incomingServer></emailProvider></clientConfig>";
        let facts = run(text);
        assert_eq!(facts.len(), 1);
        assert!(
            !facts[0].evidence.contains("hunter2"),
            "{}",
            facts[0].evidence
        );
        assert!(facts[0].evidence.contains("<password>****</password>"));
    }

    #[test]
    fn malformed_xml_is_an_error_with_its_line() {
        let file = SourceFile::new(
            "config-v1.1.xml",
            "<clientConfig>\n<emailProvider>\n<incomingServer type=\"imap\">\n</emailProvider>\n</clientConfig>",
        );
        let e = extract(&file).err().unwrap_or_else(|| panic!("parsed"));
        assert_eq!(e.line, Some(4));
    }

    #[test]
    fn sniffs_the_root_element() {
        assert!(sniff(CONTOSO));
        assert!(sniff("\u{feff}<clientConfig>"));
        assert!(sniff("<!-- ISPDB -->\n<?xml-stylesheet href=\"x\"?>\n<!DOCTYPE clientConfig [ <!ENTITY a \"b\"> ]>\n<clientConfig version=\"1.1\">"));
        assert!(sniff(
            "<!DOCTYPE clientConfig>\n<clientConfig\n version=\"1.1\">"
        ));
        assert!(!sniff(
            "<?xml version=\"1.0\"?>\n<project xmlns=\"http://maven.apache.org/POM/4.0.0\">"
        ));
        assert!(!sniff("<clientConfigs>"));
        assert!(!sniff("<!-- unterminated"));
        assert!(!sniff(""));
        assert!(!sniff("clientConfig"));
        let long_comment = format!("<!--{}-->\n<clientConfig>", "x".repeat(SNIFF_WINDOW));
        assert!(!sniff(&long_comment));
    }

    #[test]
    fn garbage_never_panics() {
        for end in 0..CONTOSO.len() {
            if CONTOSO.is_char_boundary(end) {
                let _ = sniff(&CONTOSO[..end]);
                let file = SourceFile::new("x.xml", &CONTOSO[..end]);
                let _ = extract(&file);
            }
        }
        for text in ["<!", "<!DOCTYPE [", "<!DOCTYPE [ ]", "<?", "\u{e9}<clientConfig>", "<clientConfig><emailProvider><incomingServer type=\"imap\"><hostname>h\u{e9}</hostname></incomingServer></emailProvider></clientConfig>"] {
            let _ = sniff(text);
            let file = SourceFile::new("x.xml", text);
            let _ = extract(&file);
        }
    }
}
