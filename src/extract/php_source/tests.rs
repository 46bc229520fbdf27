use super::extract;
use crate::extract::test_support::{error, facts, range};
use crate::facts::{Basis, FactKind, TlsMode};

fn run(text: &str) -> Vec<crate::facts::Fact> {
    facts(extract, "mail.php", text)
}

#[test]
fn context_crypto_method_binds_to_variable() {
    let f = run("<?php\n$opts = ['ssl' => ['crypto_method' => STREAM_CRYPTO_METHOD_TLSv1_0_CLIENT | STREAM_CRYPTO_METHOD_TLSv1_1_CLIENT]];\n$ctx = stream_context_create($opts);\n$fp = stream_socket_client('tcp://mail.example.com:587', $e, $s, 30, STREAM_CLIENT_CONNECT, $ctx);\n");
    let s = f.iter().find(|f| f.kind == FactKind::TlsSetting).unwrap();
    assert_eq!(range(s), (Some("1.0"), Some("1.1"), Basis::Explicit));
    assert_eq!(s.binding.as_deref(), Some("$opts"));
    let u = f.iter().find(|f| f.kind == FactKind::MailUsage).unwrap();
    assert_eq!(u.binding.as_deref(), Some("$opts"));
    assert_eq!(u.port, Some(587));
}

#[test]
fn tls_client_constant_is_unknown() {
    let f = run("<?php\n$c = stream_context_create(array('ssl' => array('crypto_method' => STREAM_CRYPTO_METHOD_TLS_CLIENT)));\n");
    assert_eq!(range(&f[0]), (None, None, Basis::Unknown));
    assert_eq!(f[0].binding.as_deref(), Some("$c"));
}

#[test]
fn transport_pins_version() {
    let f = run("<?php\n$fp = stream_socket_client(\"tlsv1.0://pop-legacy.office365.com:995\", $errno, $errstr);\n");
    assert_eq!(f[0].kind, FactKind::Connection);
    assert_eq!(range(&f[0]), (Some("1.0"), Some("1.0"), Basis::Explicit));
    assert_eq!(f[0].host.as_deref(), Some("pop-legacy.office365.com"));
}

#[test]
fn imap_open_flags() {
    let f = run("<?php\n$a = imap_open('{outlook.office365.com/pop3/ssl/novalidate-cert}INBOX', $u, $p);\n$b = imap_open(\"{imap.example.com:143/imap/notls}\", $u, $p);\n");
    assert_eq!(f[0].protocol, Some(crate::facts::Protocol::Pop3));
    assert_eq!(f[0].port, Some(995));
    assert_eq!(f[0].tls_mode, Some(TlsMode::Implicit));
    assert_eq!(f[1].tls_mode, Some(TlsMode::None));
}

#[test]
fn phpmailer_options_bind_to_object() {
    let f = run("<?php\nuse PHPMailer\\PHPMailer\\PHPMailer;\n$mail = new PHPMailer(true);\n$mail->isSMTP();\n$mail->Host = 'smtp.office365.com';\n$mail->Port = 465;\n$mail->SMTPSecure = PHPMailer::ENCRYPTION_SMTPS;\n$mail->SMTPOptions = ['ssl' => ['crypto_method' => STREAM_CRYPTO_METHOD_TLSv1_0_CLIENT]];\n");
    let s = f.iter().find(|f| f.kind == FactKind::TlsSetting).unwrap();
    let u = f.iter().find(|f| f.kind == FactKind::MailUsage).unwrap();
    assert_eq!(s.binding.as_deref(), Some("$mail"));
    assert_eq!(u.binding.as_deref(), Some("$mail"));
    assert_eq!(u.tls_mode, Some(TlsMode::Implicit));
    assert_eq!(u.host.as_deref(), Some("smtp.office365.com"));
}

#[test]
fn comments_and_heredoc_are_not_settings() {
    let f = run("<?php\n// 'crypto_method' => STREAM_CRYPTO_METHOD_TLSv1_0_CLIENT\n$t = <<<EOT\nimap_open('{outlook.office365.com:993/imap/ssl}')\nEOT;\n# stream_socket_client('tlsv1.0://x:995')\n");
    assert!(f.is_empty());
}

#[test]
fn unterminated_heredoc_is_an_error() {
    let _ = error(extract, "a.php", "<?php\n$x = <<<EOT\nabc\n");
}

#[test]
fn garbage_does_not_panic() {
    for t in [
        "<?php [[[[",
        "<?php ]])(",
        "<?php imap_open(",
        "<?php $m->SMTPOptions = ['ssl' =>",
        "<?php stream_socket_client('tls://:', ",
    ] {
        let _ = extract(&crate::source::SourceFile::new("g.php", t));
    }
}

#[test]
fn any_constant_negotiates_without_note() {
    let f = run("<?php\nstream_socket_enable_crypto($fp, true, STREAM_CRYPTO_METHOD_TLSv1_1_CLIENT | STREAM_CRYPTO_METHOD_ANY_CLIENT);\n");
    assert_eq!(range(&f[0]), (Some("1.1"), None, Basis::Explicit));
    assert!(f[0].related.is_empty());
    assert_eq!(f[0].binding.as_deref(), Some("$fp"));
}

#[test]
fn phpmailer_starttls_ignores_smtpoptions_crypto_method() {
    let f = run("<?php\n$m = new PHPMailer\\PHPMailer\\PHPMailer();\n$m->isSMTP();\n$m->Host = 'smtp.office365.com';\n$m->SMTPSecure = 'tls';\n$m->Port = 587;\n$m->SMTPOptions = ['ssl' => ['crypto_method' => STREAM_CRYPTO_METHOD_TLSv1_0_CLIENT]];\n");
    let u = f.iter().find(|f| f.kind == FactKind::MailUsage).unwrap();
    assert_eq!(u.tls_mode, Some(TlsMode::Starttls));
    assert_eq!(u.binding, None);
}

#[test]
fn symfony_dsn_is_an_smtp_usage_without_a_binding() {
    let f = run("<?php\nuse Symfony\\Component\\Mailer\\Transport;\n$transport = Transport::fromDsn('smtp://app%40contoso.com:s3cret@smtp.office365.com:587?verify_peer=0');\n$implicit = Transport::fromDsn('smtps://relay.example.net');\n$env = Transport::fromDsn($_ENV['MAILER_DSN']);\n$other = Transport::fromDsn('sendmail://default');\n$plain = Transport::fromDsn('smtp://mail.example.net?auto_tls=false');\n");
    let u: Vec<_> = f.iter().filter(|f| f.kind == FactKind::MailUsage).collect();
    assert_eq!(u.len(), 4, "{f:#?}");
    assert_eq!((u[3].port, u[3].tls_mode), (Some(25), Some(TlsMode::None)));
    assert_eq!(u[0].host.as_deref(), Some("smtp.office365.com"));
    assert_eq!(
        (u[0].port, u[0].tls_mode),
        (Some(587), Some(TlsMode::Starttls))
    );
    assert_eq!(u[0].binding, None);
    assert!(!u[0].evidence.contains("s3cret"), "{}", u[0].evidence);
    assert_eq!(
        (u[1].port, u[1].tls_mode),
        (Some(465), Some(TlsMode::Implicit))
    );
    assert_eq!(
        (u[2].host.as_deref(), u[2].tls_mode),
        (None, Some(TlsMode::Unknown))
    );
    assert!(f.iter().all(|f| f.kind != FactKind::TlsSetting));
}

#[test]
fn symfony_stream_options_bind_to_the_transport() {
    let f = run("<?php\n$transport = new EsmtpTransport('smtp.office365.com', 587, false);\n$transport->getStream()->setStreamOptions([\n    'ssl' => ['crypto_method' => STREAM_CRYPTO_METHOD_TLSv1_0_CLIENT],\n]);\n");
    let s = f.iter().find(|f| f.kind == FactKind::TlsSetting).unwrap();
    assert_eq!(range(s), (Some("1.0"), Some("1.0"), Basis::Explicit));
    assert_eq!(s.binding.as_deref(), Some("$transport"));
    let u = f.iter().find(|f| f.kind == FactKind::MailUsage).unwrap();
    assert_eq!(u.binding.as_deref(), Some("$transport"));
    assert_eq!((u.port, u.tls_mode), (Some(587), Some(TlsMode::Starttls)));
}
