use super::*;
use crate::facts::Basis;

fn run(src: &str) -> Vec<Fact> {
    crate::extract::test_support::facts(extract, "x.ps1", src)
}

fn settings(facts: &[Fact]) -> Vec<&Fact> {
    crate::extract::test_support::of_kind(facts, FactKind::TlsSetting)
}

fn usages(facts: &[Fact]) -> Vec<&Fact> {
    crate::extract::test_support::of_kind(facts, FactKind::MailUsage)
}

use crate::extract::test_support::range;

fn one_range(src: &str) -> (Option<String>, Option<String>, Basis) {
    let facts = run(src);
    let s = settings(&facts);
    assert_eq!(s.len(), 1, "{src}: {facts:#?}");
    let (a, b, c) = range(s[0]);
    (a.map(str::to_owned), b.map(str::to_owned), c)
}

fn explicit(min: &str, max: &str) -> (Option<String>, Option<String>, Basis) {
    (Some(min.to_owned()), Some(max.to_owned()), Basis::Explicit)
}

const UNKNOWN: (Option<String>, Option<String>, Basis) = (None, None, Basis::Unknown);

#[test]
fn security_protocol_forms() {
    let cases = [
        ("[Net.ServicePointManager]::SecurityProtocol = [Net.SecurityProtocolType]::Tls", explicit("1.0", "1.0")),
        ("[System.Net.ServicePointManager]::SecurityProtocol = 'Tls,Tls11'", explicit("1.0", "1.1")),
        ("[Net.ServicePointManager]::SecurityProtocol = \"tls, TLS11\"", explicit("1.0", "1.1")),
        ("[Net.ServicePointManager]::SecurityProtocol = 3072", explicit("1.2", "1.2")),
        ("[Net.ServicePointManager]::SecurityProtocol = [Net.SecurityProtocolType]3072", explicit("1.2", "1.2")),
        ("[Net.ServicePointManager]::SecurityProtocol = [Net.SecurityProtocolType]'Ssl3'", explicit("ssl3", "ssl3")),
        ("[Net.ServicePointManager]::SecurityProtocol = [Net.SecurityProtocolType]::Tls -bor [Net.SecurityProtocolType]::Tls11", explicit("1.0", "1.1")),
        ("[Net.ServicePointManager]::SecurityProtocol = [Net.SecurityProtocolType]::Tls12 -bor [Net.SecurityProtocolType]::Tls13", explicit("1.2", "1.3")),
        ("[Net.ServicePointManager]::SecurityProtocol = 192 + 768", explicit("1.0", "1.1")),
        ("[Net.ServicePointManager]::SecurityProtocol = 0xC00", explicit("1.2", "1.2")),
        ("[Net.ServicePointManager]::SecurityProtocol = [enum]::ToObject([Net.SecurityProtocolType], 3072)", explicit("1.2", "1.2")),
        ("[Net.ServicePointManager]::SecurityProtocol = [System.Enum]::Parse([Net.SecurityProtocolType], 'Tls')", explicit("1.0", "1.0")),
        ("[Net.ServicePointManager]::SecurityProtocol = ([Net.SecurityProtocolType]::Tls)", explicit("1.0", "1.0")),
        ("[Net.ServicePointManager]::SecurityProtocol = [Net.SecurityProtocolType]::SystemDefault", UNKNOWN),
        ("[Net.ServicePointManager]::SecurityProtocol = Get-Protocols", UNKNOWN),
        ("[Net.ServicePointManager]::SecurityProtocol = $unbound", UNKNOWN),
        ("[Net.ServicePointManager]::SecurityProtocol = 'Tls,Bogus'", UNKNOWN),
        // Adding to the current value.
        ("[Net.ServicePointManager]::SecurityProtocol = [Net.ServicePointManager]::SecurityProtocol -bor [Net.SecurityProtocolType]::Tls12", UNKNOWN),
        ("[Net.ServicePointManager]::SecurityProtocol += [Net.SecurityProtocolType]::Tls12", UNKNOWN),
        ("[Net.ServicePointManager]::SecurityProtocol += 'Tls12, Tls13'", (None, Some("1.3".to_owned()), Basis::Explicit)),
        ("[Net.ServicePointManager]::SecurityProtocol = [Net.ServicePointManager]::SecurityProtocol -bor [Net.SecurityProtocolType]::Tls", UNKNOWN),
        ("[Net.ServicePointManager]::SecurityProtocol -= [Net.SecurityProtocolType]::Tls", UNKNOWN),
        ("using namespace System.Net\n[ServicePointManager]::SecurityProtocol = [SecurityProtocolType]::Tls11", explicit("1.1", "1.1")),
        ("$p = [Net.SecurityProtocolType]::Tls\n[Net.ServicePointManager]::SecurityProtocol = $p", explicit("1.0", "1.0")),
        ("$p = 'Tls11'\n[Net.ServicePointManager]::SecurityProtocol = $p", explicit("1.1", "1.1")),
        ("[Net.ServicePointManager]::SecurityProtocol = `\n  [Net.SecurityProtocolType]::Tls", explicit("1.0", "1.0")),
    ];
    for (src, want) in cases {
        assert_eq!(one_range(src), want, "{src}");
    }
}

#[test]
fn catch_fallback_after_a_modern_try_caps_nothing() {
    let src = "try {\n    [Net.ServicePointManager]::SecurityProtocol = [Enum]::ToObject([Net.SecurityProtocolType], 3072)\n}\ncatch [System.Management.Automation.RuntimeException] {\n    Write-Warning 'no TLS 1.2'\n}\ncatch {\n    [Net.ServicePointManager]::SecurityProtocol = [Net.SecurityProtocolType]::Tls\n}\n";
    let facts = run(src);
    let s = settings(&facts);
    assert_eq!(s.len(), 2);
    assert_eq!(range(s[0]), (Some("1.2"), Some("1.2"), Basis::Explicit));
    assert_eq!(range(s[1]), (None, None, Basis::Unknown));
    assert!(s[1]
        .related
        .iter()
        .any(|r| r.message.contains("fallback") && r.line == 2));
    // A catch without a modern try, or a legacy setting in the try itself,
    // stays what it says.
    let src =
        "try { Connect-Thing }\ncatch { [Net.ServicePointManager]::SecurityProtocol = 'Tls' }";
    assert_eq!(one_range(src), explicit("1.0", "1.0"));
    let src = "try { [Net.ServicePointManager]::SecurityProtocol = 'Tls' } catch { }";
    assert_eq!(one_range(src), explicit("1.0", "1.0"));
}

#[test]
fn setting_location_scope_and_evidence() {
    let src = "# header\n[Net.ServicePointManager]::SecurityProtocol = 'Tls'\n";
    let facts = run(src);
    let s = settings(&facts)[0];
    assert_eq!(s.scope.as_deref(), Some("process"));
    assert_eq!(s.client.as_deref(), Some("powershell"));
    assert_eq!(
        (s.location.line, s.location.column, s.location.end_column),
        (2, 47, 52)
    );
    assert_eq!(
        s.evidence,
        "[Net.ServicePointManager]::SecurityProtocol = 'Tls'"
    );
    let setting = s.setting.as_ref().unwrap_or_else(|| panic!("setting"));
    assert_eq!(setting.name, "[Net.ServicePointManager]::SecurityProtocol");
    assert_eq!(setting.value, "'Tls'");
}

#[test]
fn comments_strings_and_reads_are_not_settings() {
    for src in [
        "# [Net.ServicePointManager]::SecurityProtocol = 'Tls'",
        "<#\n[Net.ServicePointManager]::SecurityProtocol = 'Tls'\n#>",
        "$cmd = '[Net.ServicePointManager]::SecurityProtocol = ''Tls'''",
        "$doc = @\"\n[Net.ServicePointManager]::SecurityProtocol = 'Tls'\n\"@",
        "if ([Net.ServicePointManager]::SecurityProtocol -eq 'Tls') { Write-Warning 'old' }",
        "Write-Host \"Protocol: $([Net.ServicePointManager]::SecurityProtocol)\"",
    ] {
        assert!(settings(&run(src)).is_empty(), "{src}");
    }
}

#[test]
fn send_mail_message() {
    let src = "Send-MailMessage -From 'bot@contoso.com' -To 'ops@contoso.com' -Subject 'Report' `\n  -SmtpServer smtp.office365.com -Port 587 -UseSsl -Credential $cred\n";
    let facts = run(src);
    let u = usages(&facts);
    assert_eq!(u.len(), 1);
    assert_eq!(u[0].host.as_deref(), Some("smtp.office365.com"));
    assert_eq!(u[0].port, Some(587));
    assert_eq!(u[0].tls_mode, Some(TlsMode::Starttls));
    assert_eq!(u[0].protocol, Some(Protocol::Smtp));
    assert_eq!(u[0].location.line, 1);
    assert!(u[0].related.iter().any(|r| r.role == "host" && r.line == 2));

    // Abbreviations, aliases, colon syntax, variables, defaults.
    let src = "$server = 'Mail.Contoso.com'\nSend-MailMessage -to a@b.c -sub x -Computer $server -Po '2525' -UseSsl:$false\n";
    let u = run(src);
    assert_eq!(u[0].host.as_deref(), Some("mail.contoso.com"));
    assert_eq!(u[0].port, Some(2525));
    assert_eq!(u[0].tls_mode, Some(TlsMode::None));

    let src = "$PSEmailServer = 'relay.contoso.com'\nSend-MailMessage -To a@b.c -Subject x\n";
    let u = run(src);
    assert_eq!(u[0].host.as_deref(), Some("relay.contoso.com"));
    assert_eq!((u[0].port, u[0].tls_mode), (Some(25), Some(TlsMode::None)));

    // Parameter defaults.
    let src = "param(\n    [Parameter(Mandatory = $false)]\n    [string]$SmtpServer = 'smtp.office365.com',\n    [int]$Port = 587,\n    [switch]$Ssl\n)\nSend-MailMessage -SmtpServer $SmtpServer -Port $Port -To a@b.c -Subject x -UseSsl:$Ssl\n";
    let u = run(src);
    assert_eq!(u[0].host.as_deref(), Some("smtp.office365.com"));
    assert_eq!(
        (u[0].port, u[0].tls_mode),
        (Some(587), Some(TlsMode::Unknown))
    );
    // An array assignment is not a single value.
    let u = run("$s = 'a.contoso.com', 'b.contoso.com'\nSend-MailMessage -SmtpServer $s -To a@b.c -Subject x");
    assert_eq!(u[0].host, None);

    // A string holding just one variable.
    let u = run("$relay = 'relay.contoso.com'\nSend-MailMessage -SmtpServer \"$relay\" -To a@b.c -Subject x");
    assert_eq!(u[0].host.as_deref(), Some("relay.contoso.com"));
    let u = run("Send-MailMessage -SmtpServer \"$env:RELAY\" -To a@b.c -Subject x");
    assert_eq!(u[0].host, None);

    // Positional SmtpServer.
    let u = run("Send-MailMessage a@b.c 'Subject' 'Body' smtp.office365.com");
    assert_eq!(u[0].host.as_deref(), Some("smtp.office365.com"));
}

#[test]
fn send_mail_message_splatting() {
    let src = "$mail = @{\n    From       = 'bot@contoso.com'\n    To         = 'ops@contoso.com', 'it@contoso.com'\n    SmtpServer = 'smtp.office365.com'\n    Port       = 587\n    UseSsl     = $true\n}\nSend-MailMessage @mail -Subject 'x'\n";
    let u = run(src);
    assert_eq!(u.len(), 1);
    assert_eq!(u[0].host.as_deref(), Some("smtp.office365.com"));
    assert_eq!(u[0].port, Some(587));
    assert_eq!(u[0].tls_mode, Some(TlsMode::Starttls));
    assert_eq!(u[0].location.line, 8);
}

#[test]
fn system_net_mail_smtp_client() {
    let src = "$smtp = New-Object System.Net.Mail.SmtpClient('smtp.office365.com', 587)\n$smtp.EnableSsl = $true\n$smtp.Send($msg)\n";
    let u = run(src);
    assert_eq!(u.len(), 1);
    assert_eq!(u[0].host.as_deref(), Some("smtp.office365.com"));
    assert_eq!(
        (u[0].port, u[0].tls_mode),
        (Some(587), Some(TlsMode::Starttls))
    );

    let src =
        "$c = New-Object -TypeName Net.Mail.SmtpClient -ArgumentList 'mail.contoso.com', 25\n";
    let u = run(src);
    assert_eq!(u[0].host.as_deref(), Some("mail.contoso.com"));
    assert_eq!((u[0].port, u[0].tls_mode), (Some(25), Some(TlsMode::None)));

    let src = "$c = [System.Net.Mail.SmtpClient]::new()\n$c.Host = 'smtp.office365.com'\n$c.Port = 587\n$c.EnableSsl = $true\n";
    let u = run(src);
    assert_eq!(u[0].host.as_deref(), Some("smtp.office365.com"));
    assert_eq!(
        (u[0].port, u[0].tls_mode),
        (Some(587), Some(TlsMode::Starttls))
    );

    let u = run("using namespace System.Net.Mail\n$c = [SmtpClient]::new('x.contoso.com')");
    assert_eq!(u[0].host.as_deref(), Some("x.contoso.com"));
    // A bare SmtpClient without a using statement is not known to be either.
    assert!(run("$c = [SmtpClient]::new('x')").is_empty());
}

#[test]
fn mailkit_clients() {
    let src = "Add-Type -Path .\\MailKit.dll\n$imap = [MailKit.Net.Imap.ImapClient]::new()\n$imap.Connect('outlook.office365.com', 993, [MailKit.Security.SecureSocketOptions]::SslOnConnect)\n";
    let facts = run(src);
    let u = usages(&facts);
    assert_eq!(u.len(), 1);
    assert_eq!(u[0].protocol, Some(Protocol::Imap));
    assert_eq!(u[0].host.as_deref(), Some("outlook.office365.com"));
    assert_eq!(
        (u[0].port, u[0].tls_mode),
        (Some(993), Some(TlsMode::Implicit))
    );
    assert_eq!(u[0].location.line, 3);
    assert!(u[0].binding.is_none());

    let cases = [
        ("$c.Connect('outlook.office365.com', 143, [MailKit.Security.SecureSocketOptions]::None)", Some(143), TlsMode::None),
        ("$c.Connect('outlook.office365.com', 143, $false)", Some(143), TlsMode::Starttls),
        ("$c.Connect('outlook.office365.com', 993, $true)", Some(993), TlsMode::Implicit),
        ("$c.Connect('outlook.office365.com', 993)", Some(993), TlsMode::Implicit),
        ("$c.Connect('outlook.office365.com')", Some(143), TlsMode::Starttls),
        ("$c.Connect('outlook.office365.com', 0, 'SslOnConnect')", Some(993), TlsMode::Implicit),
        ("$c.Connect('outlook.office365.com', 143, [MailKit.Security.SecureSocketOptions]'StartTls')", Some(143), TlsMode::Starttls),
    ];
    for (connect, port, mode) in cases {
        let src = format!("$c = New-Object MailKit.Net.Imap.ImapClient\n{connect}\n");
        let u = run(&src);
        assert_eq!((u[0].port, u[0].tls_mode), (port, Some(mode)), "{connect}");
    }
    let u = run("$p = New-Object MailKit.Net.Pop3.Pop3Client\n$p.Connect('outlook.office365.com', 995, $true)");
    assert_eq!(
        (u[0].protocol, u[0].port),
        (Some(Protocol::Pop3), Some(995))
    );
    let u = run("$p = New-Object MailKit.Net.Pop3.Pop3Client");
    assert_eq!(
        (u[0].host.as_deref(), u[0].tls_mode),
        (None, Some(TlsMode::Unknown))
    );
}

#[test]
fn mailkit_ssl_protocols_binds_setting_and_usage() {
    let src = "$imap = New-Object MailKit.Net.Imap.ImapClient\n$imap.SslProtocols = [System.Security.Authentication.SslProtocols]::Tls\n$imap.Connect('outlook.office365.com', 993, $true)\n$other = New-Object MailKit.Net.Imap.ImapClient\n$other.Connect('imap.contoso.com', 993, $true)\n";
    let facts = run(src);
    let s = settings(&facts);
    assert_eq!(s.len(), 1);
    assert_eq!(range(s[0]), (Some("1.0"), Some("1.0"), Basis::Explicit));
    assert_eq!(s[0].scope.as_deref(), Some("call"));
    assert_eq!(s[0].binding.as_deref(), Some("$imap"));
    let u = usages(&facts);
    assert_eq!(u[0].binding.as_deref(), Some("$imap"));
    assert_eq!(u[1].binding, None);
    let facts =
        run("$imap = New-Object MailKit.Net.Imap.ImapClient\n$imap.SslProtocols = 'Default'");
    assert_eq!(
        range(settings(&facts)[0]),
        (Some("ssl3"), Some("1.0"), Basis::Explicit)
    );
}

#[test]
fn process_setting_lists_later_mail_clients() {
    let src = "Send-MailMessage -SmtpServer early.contoso.com -To a@b.c -Subject x\n[Net.ServicePointManager]::SecurityProtocol = 'Tls'\nSend-MailMessage -SmtpServer smtp.office365.com -Port 587 -UseSsl -To a@b.c -Subject x\n";
    let facts = run(src);
    let s = settings(&facts)[0];
    let clients: Vec<_> = s
        .related
        .iter()
        .filter(|r| r.role == "mail_client")
        .collect();
    assert_eq!(clients.len(), 1);
    assert_eq!(clients[0].line, 3);
}

#[test]
fn commented_out_and_string_mail_calls_are_ignored() {
    let src = "# Send-MailMessage -SmtpServer smtp.office365.com\n$help = 'Send-MailMessage -SmtpServer x'\nGet-Help Send-MailMessage\n";
    // `Get-Help Send-MailMessage` names the cmdlet as an argument; it is
    // still a bareword after a command, which the cmdlet check accepts only
    // at a command position.
    let u = run(src);
    assert!(u.len() <= 1);
    assert!(u.iter().all(|f| f.location.line == 3));
}

#[test]
fn malformed_scripts_are_errors_with_lines() {
    for (src, line) in [
        ("$a = 1\n$b = 'unterminated\n", 2),
        ("<# never closed\n", 1),
        ("$x = @\"\nbody\n", 1),
    ] {
        let file = SourceFile::new("x.ps1", src);
        let err = extract(&file).err().unwrap_or_else(|| panic!("{src:?}"));
        assert_eq!(err.line, Some(line), "{src:?}");
    }
}

#[test]
fn garbage_does_not_panic() {
    for src in [
        "[Net.ServicePointManager]::SecurityProtocol =",
        "[Net.ServicePointManager]::SecurityProtocol = ((((((((((((((((((((((((((((((((((((((((((((((((((((3072",
        "[Net.ServicePointManager]::SecurityProtocol = -bnot -bnot -bnot",
        "Send-MailMessage -SmtpServer",
        "Send-MailMessage @",
        "$c = New-Object",
        "$c = [MailKit.Net.Imap.ImapClient]::new(\n$c.Connect(",
        "]]]] )))) }}}} $ @ ` ::",
        "$a = $a\n[Net.ServicePointManager]::SecurityProtocol = $a",
        "[enum]::ToObject(",
    ] {
        let file = SourceFile::new("x.ps1", src);
        let _ = extract(&file);
    }
}
