use super::extract;
use crate::extract::test_support::{error, facts, range};
use crate::facts::{Basis, FactKind, Protocol, TlsMode};

fn run(text: &str) -> Vec<crate::facts::Fact> {
    facts(extract, "Program.cs", text)
}

#[test]
fn service_point_manager_is_process_wide() {
    let f = run("using System.Net;\nclass P { static void Main() {\n  ServicePointManager.SecurityProtocol = SecurityProtocolType.Tls | SecurityProtocolType.Tls11;\n} }\n");
    let s = f.iter().find(|f| f.kind == FactKind::TlsSetting).unwrap();
    assert_eq!(range(s), (Some("1.0"), Some("1.1"), Basis::Explicit));
    assert_eq!(s.scope.as_deref(), Some("process"));
    assert_eq!(s.client.as_deref(), Some("dotnet"));
    assert_eq!(s.location.line, 3);
}

#[test]
fn numeric_casts_and_or_assign() {
    let f = run("System.Net.ServicePointManager.SecurityProtocol = (SecurityProtocolType)3072;\n");
    assert_eq!(range(&f[0]), (Some("1.2"), Some("1.2"), Basis::Explicit));
    let f = run("ServicePointManager.SecurityProtocol |= SecurityProtocolType.Tls12;\n");
    assert_eq!(range(&f[0]), (None, Some("1.2"), Basis::Explicit));
    let f = run("ServicePointManager.SecurityProtocol = (SecurityProtocolType)(0xC0 | 0x300);\n");
    assert_eq!(range(&f[0]), (Some("1.0"), Some("1.1"), Basis::Explicit));
    let f = run("ServicePointManager.SecurityProtocol = SecurityProtocolType.SystemDefault;\n");
    assert_eq!(range(&f[0]).0, None);
    assert_eq!(range(&f[0]).1, None);
}

#[test]
fn mailkit_client_binds_its_protocols() {
    let f = run(r#"using MailKit.Net.Imap;
using MailKit.Security;
using System.Security.Authentication;
class A { void Run() {
  using (var client = new ImapClient()) {
    client.SslProtocols = SslProtocols.Tls | SslProtocols.Tls11;
    client.Connect("Outlook.Office365.com", 993, SecureSocketOptions.SslOnConnect);
  }
} }
"#);
    let s = f.iter().find(|f| f.kind == FactKind::TlsSetting).unwrap();
    assert_eq!(range(s), (Some("1.0"), Some("1.1"), Basis::Explicit));
    assert_eq!(s.scope.as_deref(), Some("call"));
    assert_eq!(s.binding.as_deref(), Some("Run::client"));
    let u = f.iter().find(|f| f.kind == FactKind::MailUsage).unwrap();
    assert_eq!(u.client.as_deref(), Some("mailkit"));
    assert_eq!(u.protocol, Some(Protocol::Imap));
    assert_eq!(u.host.as_deref(), Some("outlook.office365.com"));
    assert_eq!(u.port, Some(993));
    assert_eq!(u.tls_mode, Some(TlsMode::Implicit));
    assert_eq!(u.binding.as_deref(), Some("Run::client"));
}

#[test]
fn smtp_client_resolved_by_usings() {
    let sys = "using System.Net.Mail;\nvar smtp = new SmtpClient(\"smtp.office365.com\", 587);\nsmtp.EnableSsl = true;\n";
    let f = run(sys);
    assert_eq!(f[0].client.as_deref(), Some("system-net-mail"));
    assert_eq!(f[0].tls_mode, Some(TlsMode::Starttls));
    assert_eq!(f[0].port, Some(587));
    let mk = "using MailKit.Net.Smtp;\nvar smtp = new SmtpClient();\nsmtp.Connect(\"smtp.office365.com\", 587, false);\n";
    let f = run(mk);
    assert_eq!(f[0].client.as_deref(), Some("mailkit"));
    assert_eq!(f[0].tls_mode, Some(TlsMode::Starttls));
}

#[test]
fn authenticate_as_client_and_comments() {
    let f = run("// SslProtocols.Tls11\nvar s = \"SslProtocols.Tls\";\nssl.AuthenticateAsClient(host, null, SslProtocols.Tls, false);\n");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].binding.as_deref(), Some("ssl"));
    assert_eq!(range(&f[0]), (Some("1.0"), Some("1.0"), Basis::Explicit));
}

#[test]
fn garbage_and_unterminated() {
    assert!(error(extract, "a.cs", "var x = @\"never\nends")
        .line
        .is_some());
    let _ = run("ServicePointManager.SecurityProtocol = ((( | | ;\n}}}{{ SslProtocols = ");
}

#[test]
fn object_initializers() {
    let f = run("using System.Net.Mail;\nvar smtp = new SmtpClient(\"smtp.office365.com\", 587) { EnableSsl = true, Timeout = 5000 };\n");
    assert_eq!(f[0].tls_mode, Some(TlsMode::Starttls));
    let f = run("using MailKit.Net.Pop3;\nvar pop = new Pop3Client() { SslProtocols = SslProtocols.Tls };\npop.Connect(\"pop.example.com\", 995, true);\n");
    let s = f.iter().find(|f| f.kind == FactKind::TlsSetting).unwrap();
    assert_eq!(s.binding.as_deref(), Some("pop"));
    let u = f.iter().find(|f| f.kind == FactKind::MailUsage).unwrap();
    assert_eq!(u.protocol, Some(Protocol::Pop3));
    assert_eq!(u.tls_mode, Some(TlsMode::Implicit));
}

#[test]
fn locals_are_per_method_fields_are_shared() {
    let f = run(r#"using MailKit.Net.Imap;
using System.Security.Authentication;
class A {
  ImapClient _shared;
  A() : base() { _shared = new ImapClient(); }
  void Legacy() { var client = new ImapClient(); client.SslProtocols = SslProtocols.Tls; }
  void Modern() { var client = new ImapClient(); client.Connect("imap.example.com"); }
  void Field() { _shared.SslProtocols = SslProtocols.Tls; _shared.Connect("imap.example.com", 993, true); }
}
"#);
    let u: Vec<_> = f.iter().filter(|f| f.kind == FactKind::MailUsage).collect();
    // Modern's client sets no protocols: no binding (Legacy's `client` is another local).
    assert_eq!(u[0].binding.as_deref(), None);
    // Connect(host): MailKit's Auto on port 0 is 143 with STARTTLS when offered.
    assert_eq!(
        (u[0].port, u[0].tls_mode),
        (Some(143), Some(TlsMode::Starttls))
    );
    assert_eq!(u[1].binding.as_deref(), Some("_shared"));
    let s: Vec<_> = f
        .iter()
        .filter(|f| f.kind == FactKind::TlsSetting)
        .collect();
    let b: Vec<_> = s.iter().map(|x| x.binding.as_deref()).collect();
    assert!(b.contains(&Some("Legacy::client")) && b.contains(&Some("_shared")));
}

#[test]
fn sslstream_over_tcpclient_with_authentication_options() {
    let f = run(r#"using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
class P { async Task Run() {
  using var tcp = new TcpClient("pop.example.com", 995);
  using var ssl = new SslStream(tcp.GetStream(), false);
  var options = new SslClientAuthenticationOptions { TargetHost = "pop.example.com", EnabledSslProtocols = SslProtocols.Tls11 };
  await ssl.AuthenticateAsClientAsync(options, CancellationToken.None);
} }
"#);
    let u = f.iter().find(|f| f.kind == FactKind::MailUsage).unwrap();
    assert_eq!(u.protocol, Some(Protocol::Pop3));
    assert_eq!(u.tls_mode, Some(TlsMode::Implicit));
    let s = f
        .iter()
        .find(|f| f.kind == FactKind::TlsSetting && f.binding == u.binding)
        .unwrap();
    assert_eq!(range(s), (Some("1.1"), Some("1.1"), Basis::Explicit));
}
