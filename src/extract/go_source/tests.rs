use super::extract;
use crate::extract::test_support::{error, facts, range};
use crate::facts::{Basis, FactKind, Protocol, TlsMode};

fn run(text: &str) -> Vec<crate::facts::Fact> {
    facts(extract, "main.go", text)
}

#[test]
fn literal_and_dial_tls_share_a_binding() {
    let f = run(r#"package main
import (
	"crypto/tls"
	"github.com/emersion/go-imap/client"
)
func main() {
	cfg := &tls.Config{MinVersion: tls.VersionTLS10, MaxVersion: tls.VersionTLS11}
	c, _ := client.DialTLS("Outlook.Office365.com:993", cfg)
	_ = c
}
"#);
    let s = f.iter().find(|f| f.kind == FactKind::TlsSetting).unwrap();
    assert_eq!(range(s), (Some("1.0"), Some("1.1"), Basis::Explicit));
    assert_eq!(s.binding.as_deref(), Some("main::cfg"));
    assert_eq!(s.location.line, 7);
    assert_eq!(s.setting.as_ref().unwrap().name, "MaxVersion");
    let u = f.iter().find(|f| f.kind == FactKind::MailUsage).unwrap();
    assert_eq!(u.binding.as_deref(), Some("main::cfg"));
    assert_eq!(u.host.as_deref(), Some("outlook.office365.com"));
    assert_eq!(u.port, Some(993));
    assert_eq!(u.tls_mode, Some(TlsMode::Implicit));
    assert_eq!(u.protocol, Some(Protocol::Imap));
}

#[test]
fn later_field_hex_and_alias() {
    let f = run(r#"package main
import (
	t "crypto/tls"
	"net/smtp"
)
var host = "smtp.example.com:587"
func send() {
	c, _ := smtp.Dial(host)
	cfg := &t.Config{}
	cfg.MaxVersion = 0x0302
	c.StartTLS(cfg)
}
"#);
    let s = f.iter().find(|f| f.kind == FactKind::TlsSetting).unwrap();
    assert_eq!(range(s), (None, Some("1.1"), Basis::Explicit));
    assert_eq!(s.location.line, 10);
    assert_eq!(s.related.len(), 1);
    let u = f.iter().find(|f| f.kind == FactKind::MailUsage).unwrap();
    assert_eq!(u.tls_mode, Some(TlsMode::Starttls));
    assert_eq!(u.binding.as_deref(), Some("send::cfg"));
    assert_eq!(u.host.as_deref(), Some("smtp.example.com"));
    assert_eq!(u.port, Some(587));
}

#[test]
fn no_version_is_unknown_and_comments_strings_ignored() {
    let f = run(r#"package main
import "crypto/tls"
// cfg := &tls.Config{MinVersion: tls.VersionTLS10}
var s = "tls.Config{MinVersion: tls.VersionTLS10}"
var cfg = &tls.Config{ServerName: "x"}
"#);
    assert_eq!(f.len(), 1);
    assert_eq!(range(&f[0]), (None, None, Basis::Unknown));
    assert_eq!(f[0].binding.as_deref(), Some("cfg"));
}

#[test]
fn plain_dial_and_v2_options() {
    let f = run(r#"package main
import (
	"crypto/tls"
	"github.com/emersion/go-imap/client"
	"github.com/emersion/go-imap/v2/imapclient"
)
func a() {
	c, _ := client.Dial("outlook.office365.com:143")
	d, _ := imapclient.DialTLS("imap.example.com:993", &imapclient.Options{TLSConfig: &tls.Config{MaxVersion: tls.VersionTLS10}})
	e, _ := imapclient.DialInsecure("imap.example.com:143", nil)
	g, _ := imapclient.DialTLS("imap.example.com:993", nil)
}
"#);
    let usages: Vec<_> = f.iter().filter(|f| f.kind == FactKind::MailUsage).collect();
    assert_eq!(usages.len(), 4);
    assert_eq!(usages[0].tls_mode, Some(TlsMode::None));
    assert_eq!(usages[0].binding, None);
    let s = f.iter().find(|f| f.kind == FactKind::TlsSetting).unwrap();
    assert_eq!(usages[1].binding, s.binding);
    assert!(s.binding.as_deref().unwrap().starts_with("tls.Config@9:"));
    assert_eq!(usages[2].tls_mode, Some(TlsMode::None));
    assert_eq!(usages[3].binding, None);
}

#[test]
fn tls_dial_into_smtp_client() {
    let f = run(r#"package main
import ("crypto/tls"; "net/smtp")
func a(cfg *tls.Config, addr string) {
	conn, _ := tls.Dial("tcp", addr, cfg)
	smtp.NewClient(conn, "smtp.office365.com")
	other, _ := tls.Dial("tcp", "www.example.com:443", cfg)
}
"#);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].client.as_deref(), Some("go-smtp"));
    assert_eq!(f[0].binding.as_deref(), Some("cfg"));
    assert_eq!(f[0].tls_mode, Some(TlsMode::Implicit));
}

#[test]
fn unterminated_raw_string_is_an_error() {
    let e = error(extract, "x.go", "package a\nvar x = `abc\n\n");
    assert_eq!(e.line, Some(2));
}

#[test]
fn garbage_does_not_panic() {
    for text in [
        "{{{",
        "tls.Config{",
        "&tls.Config{MinVersion:",
        "}}}(((",
        "import (",
        "a :=",
        "x.MinVersion =",
    ] {
        let _ = extract(&crate::source::SourceFile::new("x.go", text));
    }
}
