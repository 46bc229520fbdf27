//! Unit tests of the Python extractor.

use super::*;
use crate::facts::Basis;

fn run(src: &str) -> Vec<Fact> {
    crate::extract::test_support::facts(extract, "t.py", src)
}

fn settings(facts: &[Fact]) -> Vec<&Fact> {
    crate::extract::test_support::of_kind(facts, FactKind::TlsSetting)
}

fn usages(facts: &[Fact]) -> Vec<&Fact> {
    crate::extract::test_support::of_kind(facts, FactKind::MailUsage)
}

fn range(f: &Fact) -> (Option<&str>, Option<&str>, Basis) {
    let t = f.tls.as_ref();
    (
        t.and_then(|t| t.min.as_deref()),
        t.and_then(|t| t.max.as_deref()),
        t.map_or(Basis::Unknown, |t| t.basis),
    )
}

#[test]
fn protocol_tlsv1_context_passed_to_imap4_ssl() {
    let src = "import imaplib, ssl\n\nctx = ssl.SSLContext(ssl.PROTOCOL_TLSv1)\nM = imaplib.IMAP4_SSL('Outlook.Office365.com', ssl_context=ctx)\n";
    let facts = run(src);
    let s = settings(&facts);
    assert_eq!(s.len(), 1);
    assert_eq!(range(s[0]), (Some("1.0"), Some("1.0"), Basis::Explicit));
    assert_eq!(s[0].binding.as_deref(), Some("ctx"));
    assert_eq!(s[0].location.line, 3);
    assert_eq!((s[0].location.column, s[0].location.end_column), (22, 40));
    let u = usages(&facts);
    assert_eq!(u.len(), 1);
    assert_eq!(u[0].host.as_deref(), Some("outlook.office365.com"));
    assert_eq!(u[0].port, Some(993));
    assert_eq!(u[0].tls_mode, Some(TlsMode::Implicit));
    assert_eq!(u[0].binding.as_deref(), Some("ctx"));
    assert_eq!(u[0].client.as_deref(), Some("python-imaplib"));
}

fn one_setting(src: &str) -> Fact {
    let facts = run(src);
    let s = settings(&facts);
    assert_eq!(s.len(), 1, "{facts:#?}");
    s[0].clone()
}

fn one_usage(src: &str) -> Fact {
    let facts = run(src);
    let u = usages(&facts);
    assert_eq!(u.len(), 1, "{facts:#?}");
    u[0].clone()
}

#[test]
fn comments_docstrings_and_strings_are_not_settings() {
    let src = r#"
"""Never use ssl.SSLContext(ssl.PROTOCOL_TLSv1)."""
# ctx = ssl.SSLContext(ssl.PROTOCOL_TLSv1)
import logging, ssl
log = logging.getLogger()
log.warning("falling back to TLSv1: ssl.PROTOCOL_TLSv1")
msg = f"{ssl.PROTOCOL_TLSv1} is gone"
raw = rb'ctx.maximum_version = ssl.TLSVersion.TLSv1'
x = '''
imaplib.IMAP4_SSL("outlook.office365.com", ssl_context=ssl.SSLContext(ssl.PROTOCOL_TLSv1))
'''
"#;
    assert!(run(src).is_empty(), "{:#?}", run(src));
}

#[test]
fn module_aliases_and_from_imports() {
    let f = one_setting("import ssl as s\nctx = s.SSLContext(s.PROTOCOL_TLSv1_1)\n");
    assert_eq!(range(&f), (Some("1.1"), Some("1.1"), Basis::Explicit));
    let f =
        one_setting("from ssl import SSLContext, PROTOCOL_TLSv1 as OLD\nctx = SSLContext(OLD)\n");
    assert_eq!(range(&f), (Some("1.0"), Some("1.0"), Basis::Explicit));
    let f = one_setting("from ssl import *\nctx = SSLContext(protocol=PROTOCOL_SSLv3)\n");
    assert_eq!(range(&f), (Some("ssl3"), Some("ssl3"), Basis::Explicit));
    let u = one_usage("from imaplib import IMAP4_SSL as Secure\nm = Secure('imap.example.com')\n");
    assert_eq!(u.client.as_deref(), Some("python-imaplib"));
    assert_eq!(u.port, Some(993));
}

#[test]
fn protocol_tlsv1_2_is_exactly_1_2_and_negotiating_protocols_are_unknown() {
    let f = one_setting("import ssl\nctx = ssl.SSLContext(ssl.PROTOCOL_TLSv1_2)\n");
    assert_eq!(range(&f), (Some("1.2"), Some("1.2"), Basis::Explicit));
    for ctor in [
        "ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)",
        "ssl.SSLContext()",
        "ssl.SSLContext(ssl.PROTOCOL_SSLv23)",
        "ssl.create_default_context()",
        "ssl._create_unverified_context()",
    ] {
        let f = one_setting(&format!("import ssl\nctx = {ctor}\n"));
        assert_eq!(range(&f), (None, None, Basis::Unknown), "{ctor}");
        assert_eq!(f.binding.as_deref(), Some("ctx"));
    }
}

#[test]
fn minimum_and_maximum_version_combine_per_binding() {
    let src = "import ssl\nctx = ssl.create_default_context()\nctx.minimum_version = ssl.TLSVersion.TLSv1\nctx.maximum_version = ssl.TLSVersion.TLSv1_1\n";
    let f = one_setting(src);
    assert_eq!(range(&f), (Some("1.0"), Some("1.1"), Basis::Explicit));
    // The cap decides: it is the line of the fact.
    assert_eq!(f.location.line, 4);
    assert_eq!(
        f.setting.as_ref().map(|s| s.value.as_str()),
        Some("TLSVersion.TLSv1_1")
    );
    let roles: Vec<(&str, usize)> = f
        .related
        .iter()
        .map(|r| (r.role.as_str(), r.line))
        .collect();
    assert_eq!(roles, vec![("declaration", 2), ("version", 3)]);

    let f = one_setting("import ssl\nctx = ssl.create_default_context()\nctx.minimum_version = ssl.TLSVersion.TLSv1_2\n");
    assert_eq!(range(&f), (Some("1.2"), None, Basis::Explicit));
    let f = one_setting("import ssl\nctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)\nctx.minimum_version = ssl.TLSVersion.MINIMUM_SUPPORTED\nctx.maximum_version = ssl.TLSVersion.MAXIMUM_SUPPORTED\n");
    assert_eq!(range(&f), (Some("1.0"), None, Basis::Explicit));
}

#[test]
fn op_no_flags_make_a_contiguous_range() {
    let base = "import ssl\nctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)\n";
    let cases = [
        (
            "ctx.options |= ssl.OP_NO_TLSv1_2 | ssl.OP_NO_TLSv1_3",
            (None, Some("1.1"), Basis::Explicit),
        ),
        // A hole above a still-enabled version caps the range there.
        (
            "ctx.options |= ssl.OP_NO_TLSv1_2",
            (None, Some("1.1"), Basis::Explicit),
        ),
        (
            "ctx.options |= ssl.OP_NO_TLSv1 | ssl.OP_NO_TLSv1_1",
            (Some("1.2"), None, Basis::Explicit),
        ),
        (
            "ctx.options |= ssl.OP_NO_SSLv2 | ssl.OP_NO_SSLv3",
            (None, None, Basis::Unknown),
        ),
        (
            "ctx.options = ctx.options | ssl.OP_NO_TLSv1",
            (Some("1.1"), None, Basis::Explicit),
        ),
        (
            "ctx.options |= ssl.Options.OP_NO_TLSv1_3",
            (None, Some("1.2"), Basis::Explicit),
        ),
    ];
    for (line, want) in cases {
        let f = one_setting(&format!("{base}{line}\n"));
        assert_eq!(range(&f), want, "{line}");
    }
    // Re-enabled with `&= ~`.
    let f = one_setting(&format!(
        "{base}ctx.options |= ssl.OP_NO_TLSv1_2\nctx.options &= ~ssl.OP_NO_TLSv1_2\n"
    ));
    assert_eq!(range(&f), (None, None, Basis::Unknown));
    // Minimum 1.2 and no 1.3: exactly 1.2.
    let f = one_setting(&format!(
        "{base}ctx.minimum_version = ssl.TLSVersion.TLSv1_2\nctx.options |= ssl.OP_NO_TLSv1_3\n"
    ));
    assert_eq!(range(&f), (Some("1.2"), Some("1.2"), Basis::Explicit));
    // Flags held in a constant.
    let f = one_setting(&format!(
        "{base}LEGACY = ssl.OP_NO_TLSv1_2 | ssl.OP_NO_TLSv1_3\nctx.options |= LEGACY\n"
    ));
    assert_eq!(range(&f), (None, Some("1.1"), Basis::Explicit));
    assert_eq!(f.location.line, 3);
}

#[test]
fn fixed_protocol_wins_over_setters() {
    let f = one_setting("import ssl\nctx = ssl.SSLContext(ssl.PROTOCOL_TLSv1)\nctx.maximum_version = ssl.TLSVersion.TLSv1_3\n");
    assert_eq!(range(&f), (Some("1.0"), Some("1.0"), Basis::Explicit));
    assert_eq!(f.location.line, 2);
}

#[test]
fn protocol_held_in_a_constant_is_located_at_the_constant() {
    let src = "import ssl\nPROTO = ssl.PROTOCOL_TLSv1\n\nctx = ssl.SSLContext(PROTO)\n";
    let f = one_setting(src);
    assert_eq!(range(&f), (Some("1.0"), Some("1.0"), Basis::Explicit));
    assert_eq!(f.location.line, 2);
    assert_eq!(
        f.related.first().map(|r| (r.role.as_str(), r.line)),
        Some(("declaration", 4))
    );
}

#[test]
fn wrap_socket_binds_the_assigned_name() {
    let src = "import socket, ssl\ns = socket.create_connection(('mail.example.com', 993))\nsecure = ssl.wrap_socket(s, ssl_version=ssl.PROTOCOL_TLSv1)\n";
    let f = one_setting(src);
    assert_eq!(f.binding.as_deref(), Some("secure"));
    assert_eq!(
        f.setting.as_ref().map(|s| s.name.as_str()),
        Some("ssl_version")
    );
    // Positional ssl_version (6th parameter).
    let f = one_setting("import ssl\nx = ssl.wrap_socket(s, None, None, False, ssl.CERT_NONE, ssl.PROTOCOL_TLSv1_1)\n");
    assert_eq!(range(&f), (Some("1.1"), Some("1.1"), Basis::Explicit));
    // Without ssl_version: the library default.
    let f = one_setting("import ssl\nx = ssl.wrap_socket(s)\n");
    assert_eq!(range(&f), (None, None, Basis::Unknown));
}

#[test]
fn multi_line_calls_and_continuations_locate_the_value_line() {
    let src = "import ssl\nctx = ssl.SSLContext(\n    # legacy box\n    ssl.PROTOCOL_TLSv1,\n)\n";
    assert_eq!(one_setting(src).location.line, 4);
    let src = "import ssl\nctx = \\\n    ssl.SSLContext(ssl.PROTOCOL_TLSv1_1)\n";
    let f = one_setting(src);
    assert_eq!(f.location.line, 3);
    assert_eq!(f.evidence, "ssl.SSLContext(ssl.PROTOCOL_TLSv1_1)");
}

#[test]
fn two_creations_of_one_name_give_two_facts() {
    let src = "import ssl\nif legacy:\n    ctx = ssl.SSLContext(ssl.PROTOCOL_TLSv1)\nelse:\n    ctx = ssl.create_default_context()\nctx.check_hostname = True\n";
    let facts = run(src);
    let s = settings(&facts);
    assert_eq!(s.len(), 2);
    assert!(s.iter().all(|f| f.binding.as_deref() == Some("ctx")));
    assert_eq!(range(s[0]), (Some("1.0"), Some("1.0"), Basis::Explicit));
    assert_eq!(range(s[1]), (None, None, Basis::Unknown));
}

#[test]
fn names_are_scoped_per_function_and_class() {
    let src = "import ssl, imaplib\n\
def a():\n    ctx = ssl.SSLContext(ssl.PROTOCOL_TLSv1)\n    return ctx\n\
def b():\n    ctx = ssl.create_default_context()\n    return imaplib.IMAP4_SSL('h', ssl_context=ctx)\n\
class P:\n    def __init__(self):\n        self.ctx = ssl.create_default_context()\n    def go(self):\n        return imaplib.IMAP4_SSL('h', ssl_context=self.ctx)\n";
    let facts = run(src);
    let bindings: Vec<_> = settings(&facts)
        .iter()
        .filter_map(|f| f.binding.clone())
        .collect();
    assert_eq!(bindings, vec!["P::self.ctx", "a::ctx", "b::ctx"]);
    let used: Vec<_> = usages(&facts)
        .iter()
        .filter_map(|f| f.binding.clone())
        .collect();
    assert_eq!(used, vec!["b::ctx", "P::self.ctx"]);
}

#[test]
fn module_context_used_inside_a_function_and_aliases() {
    let src = "import ssl, poplib\nCTX = ssl.SSLContext(ssl.PROTOCOL_TLSv1)\ndef f():\n    c = CTX\n    p = poplib.POP3_SSL('pop.example.com', context=c)\n";
    assert_eq!(one_usage(src).binding.as_deref(), Some("CTX"));
    let src = "import ssl, poplib\ndef f():\n    global CTX\n    CTX = ssl.create_default_context()\ndef g():\n    poplib.POP3_SSL('p', context=CTX)\n";
    assert_eq!(one_usage(src).binding.as_deref(), Some("CTX"));
}

#[test]
fn helper_functions_returning_one_context_resolve() {
    let src = "import ssl, imapclient\ndef make():\n    c = ssl.SSLContext(ssl.PROTOCOL_TLSv1_1)\n    return c\nclient = imapclient.IMAPClient('h', ssl_context=make())\n";
    assert_eq!(one_usage(src).binding.as_deref(), Some("make::c"));
    // Two different returns: the binding stays unresolved (opaque).
    let src = "import ssl, imapclient\ndef make(x):\n    if x:\n        return ssl.SSLContext(ssl.PROTOCOL_TLSv1_1)\n    return ssl.create_default_context()\nctx = make(1)\nclient = imapclient.IMAPClient('h', ssl_context=ctx)\n";
    assert_eq!(one_usage(src).binding.as_deref(), Some("ctx"));
    // A helper from elsewhere: its call text is the binding.
    let src = "import imapclient\nfrom tls import legacy\nclient = imapclient.IMAPClient('h', ssl_context=legacy( 'x' ))\n";
    assert_eq!(one_usage(src).binding.as_deref(), Some("legacy( 'x' )"));
}

#[test]
fn inline_context_shares_a_synthetic_binding() {
    let src = "import ssl, smtplib\ns = smtplib.SMTP_SSL('smtp.example.com',\n    context=ssl.SSLContext(ssl.PROTOCOL_TLSv1))\n";
    let facts = run(src);
    let b = settings(&facts)[0].binding.clone();
    assert_eq!(b.as_deref(), Some("ssl.SSLContext@3:13"));
    assert_eq!(usages(&facts)[0].binding, b);
}

#[test]
fn mail_classes_hosts_ports_and_modes() {
    type Case<'a> = (&'a str, &'a str, Option<&'a str>, Option<u16>, TlsMode);
    let cases: [Case<'_>; 14] = [
        (
            "imaplib.IMAP4('imap.example.com')",
            "python-imaplib",
            Some("imap.example.com"),
            Some(143),
            TlsMode::None,
        ),
        (
            "imaplib.IMAP4_SSL(host='IMAP.Example.com', port=10993)",
            "python-imaplib",
            Some("imap.example.com"),
            Some(10993),
            TlsMode::Implicit,
        ),
        (
            "imaplib.IMAP4_stream('ssh mail /usr/lib/dovecot/imap')",
            "python-imaplib",
            None,
            None,
            TlsMode::Unknown,
        ),
        (
            "poplib.POP3('pop.example.com')",
            "python-poplib",
            Some("pop.example.com"),
            Some(110),
            TlsMode::None,
        ),
        (
            "poplib.POP3_SSL('pop.example.com')",
            "python-poplib",
            Some("pop.example.com"),
            Some(995),
            TlsMode::Implicit,
        ),
        (
            "smtplib.SMTP('smtp.example.com')",
            "python-smtplib",
            Some("smtp.example.com"),
            Some(25),
            TlsMode::None,
        ),
        (
            "smtplib.SMTP('smtp.example.com:587')",
            "python-smtplib",
            Some("smtp.example.com"),
            Some(587),
            TlsMode::None,
        ),
        (
            "smtplib.SMTP()",
            "python-smtplib",
            None,
            None,
            TlsMode::None,
        ),
        (
            "smtplib.SMTP_SSL('smtp.example.com')",
            "python-smtplib",
            Some("smtp.example.com"),
            Some(465),
            TlsMode::Implicit,
        ),
        (
            "smtplib.LMTP('/run/dovecot/lmtp')",
            "python-smtplib",
            None,
            Some(2003),
            TlsMode::None,
        ),
        (
            "imapclient.IMAPClient('imap.example.com')",
            "python-imapclient",
            Some("imap.example.com"),
            Some(993),
            TlsMode::Implicit,
        ),
        (
            "imapclient.IMAPClient('imap.example.com', ssl=False)",
            "python-imapclient",
            Some("imap.example.com"),
            Some(143),
            TlsMode::None,
        ),
        (
            "aioimaplib.IMAP4('imap.example.com')",
            "python-aioimaplib",
            Some("imap.example.com"),
            Some(143),
            TlsMode::None,
        ),
        (
            "aioimaplib.IMAP4_SSL('imap.example.com')",
            "python-aioimaplib",
            Some("imap.example.com"),
            Some(993),
            TlsMode::Implicit,
        ),
    ];
    for (call, client, host, port, mode) in cases {
        let src = format!("import imaplib, poplib, smtplib, imapclient, aioimaplib\nc = {call}\n");
        let u = one_usage(&src);
        assert_eq!(u.client.as_deref(), Some(client), "{call}");
        assert_eq!(u.host.as_deref(), host, "{call}");
        assert_eq!(u.port, port, "{call}");
        assert_eq!(u.tls_mode, Some(mode), "{call}");
        assert_eq!(u.binding, None, "{call}");
    }
    let u = one_usage("import imapclient\nc = imapclient.IMAPClient(h, ssl=use_ssl)\n");
    assert_eq!((u.port, u.tls_mode), (None, Some(TlsMode::Unknown)));
    let u = one_usage("import aioimaplib\nc = aioimaplib.IMAP4('h', 993, ssl_context=ctx)\n");
    assert_eq!(u.tls_mode, Some(TlsMode::Implicit));
    // Host and port held in module constants.
    let u = one_usage("import imaplib\nHOST = 'Outlook.Office365.com'\nPORT = 993\nm = imaplib.IMAP4_SSL(HOST, PORT)\n");
    assert_eq!(
        (u.host.as_deref(), u.port),
        (Some("outlook.office365.com"), Some(993))
    );
    let hosts: Vec<_> = u
        .related
        .iter()
        .map(|r| (r.role.as_str(), r.line))
        .collect();
    assert_eq!(hosts, vec![("host", 2), ("port", 3)]);
    // Not literals: unknown.
    let u = one_usage("import imaplib\nm = imaplib.IMAP4_SSL(f'{x}.example.com', cfg.port)\n");
    assert_eq!((u.host.as_deref(), u.port), (None, None));
}

#[test]
fn starttls_and_stls_upgrade_and_bind() {
    let src = "import imaplib, ssl\nctx = ssl.create_default_context()\nM = imaplib.IMAP4('imap.example.com')\nM.starttls(ssl_context=ctx)\n";
    let u = one_usage(src);
    assert_eq!(
        (u.tls_mode, u.binding.as_deref()),
        (Some(TlsMode::Starttls), Some("ctx"))
    );
    assert_eq!(
        u.related
            .iter()
            .map(|r| (r.role.as_str(), r.line))
            .collect::<Vec<_>>(),
        vec![("host", 3), ("tls_mode", 4)]
    );
    let src = "import poplib\np = poplib.POP3('pop.example.com')\np.stls(legacy_ctx)\n";
    let u = one_usage(src);
    assert_eq!(
        (u.tls_mode, u.binding.as_deref()),
        (Some(TlsMode::Starttls), Some("legacy_ctx"))
    );
    // smtplib before 3.12: starttls(keyfile, certfile, context).
    let src = "import smtplib\nwith smtplib.SMTP('smtp.example.com', 587) as s:\n    s.starttls(None, None, tls)\n";
    assert_eq!(one_usage(src).binding.as_deref(), Some("tls"));
    // STARTTLS without a context: the default context, no binding.
    let src = "import smtplib\ns = smtplib.SMTP('smtp.example.com', 587)\ns.starttls()\n";
    let u = one_usage(src);
    assert_eq!((u.tls_mode, u.binding), (Some(TlsMode::Starttls), None));
    // Chained on the constructor, and IMAPClient.
    let src = "import imaplib\nimaplib.IMAP4('h').starttls(ssl_context=ctx)\n";
    assert_eq!(one_usage(src).tls_mode, Some(TlsMode::Starttls));
    let src =
        "from imapclient import IMAPClient\nc = IMAPClient('h', ssl=False)\nc.starttls(ctx)\n";
    let u = one_usage(src);
    assert_eq!(
        (u.tls_mode, u.port, u.binding.as_deref()),
        (Some(TlsMode::Starttls), Some(143), Some("ctx"))
    );
    // smtplib connect() supplies host and port.
    let src = "import smtplib\ns = smtplib.SMTP()\ns.connect('smtp.office365.com', 587)\ns.starttls(context=c)\n";
    let u = one_usage(src);
    assert_eq!(
        (u.host.as_deref(), u.port),
        (Some("smtp.office365.com"), Some(587))
    );
}

#[test]
fn context_positions_and_none() {
    let cases = [
        "imaplib.IMAP4_SSL('h', 993, None, None, ctx)",
        "poplib.POP3_SSL('h', 995, None, None, 30, ctx)",
        "smtplib.SMTP_SSL('h', 465, None, None, None, 30, None, ctx)",
        "imapclient.IMAPClient('h', 993, True, True, False, ctx)",
        "aioimaplib.IMAP4_SSL('h', 993, None, 10, ctx)",
    ];
    for call in cases {
        let src = format!("import imaplib, poplib, smtplib, imapclient, aioimaplib\nc = {call}\n");
        assert_eq!(one_usage(&src).binding.as_deref(), Some("ctx"), "{call}");
    }
    let u = one_usage("import imaplib\nc = imaplib.IMAP4_SSL('h', ssl_context=None)\n");
    assert_eq!(u.binding, None);
    let u = one_usage("import imaplib\nc = imaplib.IMAP4_SSL('h', **opts)\n");
    assert_eq!(u.binding, None);
}

#[test]
fn local_subclasses_and_wrapped_client_sockets() {
    let src = "import imaplib, ssl\nclass Old(imaplib.IMAP4_SSL):\n    def open(self, host='', port=993):\n        self.sslobj = ssl.wrap_socket(self.sock, ssl_version=ssl.PROTOCOL_TLSv1)\nclass Older(Old):\n    pass\nm = Older('imap.example.com')\n";
    let facts = run(src);
    let u = usages(&facts);
    assert_eq!(u.len(), 1);
    assert_eq!(u[0].binding.as_deref(), Some("Old::self.sslobj"));
    assert_eq!(u[0].tls_mode, Some(TlsMode::Implicit));
    let src = "import smtplib, ssl\nserver = smtplib.SMTP('smtp.example.com', 587)\nserver.sock = ssl.wrap_socket(server.sock, ssl_version=ssl.PROTOCOL_TLSv1)\n";
    let facts = run(src);
    assert_eq!(usages(&facts)[0].binding.as_deref(), Some("server.sock"));
}

#[test]
fn ssl_version_keyword_on_other_calls_is_a_setting() {
    let src = "import ssl\nfrom urllib3 import PoolManager\npm = PoolManager(ssl_version=ssl.PROTOCOL_TLSv1)\nother = PoolManager(ssl_version=cfg.version)\n";
    let f = one_setting(src);
    assert_eq!(f.binding.as_deref(), Some("pm"));
    assert_eq!(range(&f), (Some("1.0"), Some("1.0"), Basis::Explicit));
}

#[test]
fn unrelated_minimum_version_attributes_are_ignored() {
    let src = "class Plugin:\n    def __init__(self):\n        self.minimum_version = '2.1'\n        self.options = {}\n";
    assert!(run(src).is_empty());
}

#[test]
fn python2_code_is_read() {
    let src = "import imaplib, ssl\nprint \"connecting\"\nctx = ssl.SSLContext(ssl.PROTOCOL_TLSv1)\nexec 'x = 1'\nM = imaplib.IMAP4_SSL('h', 993, None, None, ctx)\nprint >>sys.stderr, `M`\nif a <> b: pass\n";
    let facts = run(src);
    assert_eq!(settings(&facts).len(), 1);
    assert_eq!(usages(&facts)[0].binding.as_deref(), Some("ctx"));
}

#[test]
fn unterminated_triple_quote_is_an_error_with_its_line() {
    let src = "import ssl\nctx = ssl.SSLContext(ssl.PROTOCOL_TLSv1)\ndoc = \"\"\"starts here\nand never ends\n";
    let file = SourceFile::new("t.py", src);
    match extract(&file) {
        Err(e) => assert_eq!(e.line, Some(3)),
        Ok(f) => panic!("expected an error, got {f:#?}"),
    }
}

#[test]
fn evidence_is_redacted() {
    let src = "import imaplib\nM = imaplib.IMAP4_SSL('h'); M.login('me', password='hunter2')\n";
    let u = one_usage(src);
    assert!(!u.evidence.contains("hunter2"), "{}", u.evidence);
    let src =
        "import imaplib\nM = imaplib.IMAP4_SSL('h',\n    ssl_context=vault.ctx(token='s3cr3t'))\n";
    let u = one_usage(src);
    assert!(!format!("{u:?}").contains("s3cr3t"), "{u:?}");
}

#[test]
fn garbage_does_not_panic() {
    let samples = [
        "",
        "(",
        ")",
        "\\",
        "'",
        "\"\"\"",
        "f'{",
        "f'{x:{",
        "f\"{'\"",
        "a.b.c(",
        "x = (",
        "= = =",
        "def",
        "class",
        "def (",
        "import",
        "from import",
        "from x import (",
        "with as",
        "for in",
        "ctx.options |=",
        "ctx.minimum_version =",
        "imaplib.IMAP4_SSL(",
        "ssl.SSLContext(,,,)",
        "\u{feff}\u{0}\u{1F600}(\u{300}",
        "if x: if y: z = 1",
        ";;;",
        "@",
        "lambda x=1: x = 2",
        "class A(A): pass\nA()",
        "class A(B): pass\nclass B(A): pass\nA('h')",
        "def f(): return f()\nx = f()\nimaplib.IMAP4_SSL('h', ssl_context=x)",
        "x = y\ny = x\nimaplib.IMAP4_SSL('h', ssl_context=x)",
        "smtplib.SMTP(':::')",
        "smtplib.SMTP('[::1]:25')",
        "poplib.POP3_SSL('h', 99999999999999999999)",
    ];
    for src in samples {
        let file = SourceFile::new("t.py", src);
        let _ = extract(&file);
    }
    // Deep brackets and long lines.
    let deep = format!("x = {}1{}", "(".repeat(5000), ")".repeat(5000));
    let _ = extract(&SourceFile::new("t.py", &deep));
    let semis = "a = 1;".repeat(5000);
    let _ = extract(&SourceFile::new("t.py", &semis));
    let nested = "def f():\n".repeat(300);
    let _ = extract(&SourceFile::new("t.py", &nested));
}

#[test]
fn class_attributes_read_through_self() {
    let src = "import ssl, smtplib\nclass Mailer:\n    CTX = ssl.create_default_context()\n    def send(self):\n        smtplib.SMTP_SSL('h', context=self.CTX)\n";
    assert_eq!(one_usage(src).binding.as_deref(), Some("Mailer::CTX"));
}

#[test]
fn annotated_and_walrus_assignments_bind() {
    let src = "import ssl, imaplib\nctx: ssl.SSLContext = ssl.SSLContext(ssl.PROTOCOL_TLSv1)\nm = imaplib.IMAP4_SSL('h', ssl_context=ctx)\n";
    assert_eq!(one_usage(src).binding.as_deref(), Some("ctx"));
    let src = "import ssl, imaplib\nclass C:\n    def __init__(self) -> None:\n        self.ctx: ssl.SSLContext = ssl.create_default_context()\n        self.ctx.maximum_version = ssl.TLSVersion.TLSv1_1\n    def go(self):\n        return imaplib.IMAP4_SSL('h', ssl_context=self.ctx)\n";
    let facts = run(src);
    assert_eq!(
        range(settings(&facts)[0]),
        (None, Some("1.1"), Basis::Explicit)
    );
    assert_eq!(usages(&facts)[0].binding.as_deref(), Some("C::self.ctx"));
    let src = "import ssl, poplib\nif (c := ssl.SSLContext(ssl.PROTOCOL_TLSv1_1)) is not None:\n    p = poplib.POP3_SSL('h', context=c)\n";
    assert_eq!(one_usage(src).binding.as_deref(), Some("c"));
}

#[test]
fn pyopenssl_tlsv1_method_context() {
    let src = "from OpenSSL import SSL\n\nctx = SSL.Context(SSL.TLSv1_METHOD)\nctx.set_options(SSL.OP_NO_SSLv2)\n";
    let s = one_setting(src);
    assert_eq!(range(&s), (Some("1.0"), Some("1.0"), Basis::Explicit));
    assert_eq!(s.client.as_deref(), Some("python-pyopenssl"));
    assert_eq!(s.binding.as_deref(), Some("ctx"));
    assert_eq!(s.location.line, 3);
    let setting = s
        .setting
        .as_ref()
        .map(|x| (x.name.as_str(), x.value.as_str()));
    assert_eq!(setting, Some(("method", "SSL.TLSv1_METHOD")));
}

#[test]
fn pyopenssl_sslv23_with_op_no_tls1_2_caps_at_tls1_1() {
    let src = "import OpenSSL.SSL\n\ndef make():\n    c = OpenSSL.SSL.Context(OpenSSL.SSL.SSLv23_METHOD)\n    c.set_options(OpenSSL.SSL.OP_NO_SSLv3 | OpenSSL.SSL.OP_NO_TLSv1_2)\n    return c\n";
    let s = one_setting(src);
    assert_eq!(range(&s), (None, Some("1.1"), Basis::Explicit));
    assert_eq!(s.location.line, 5);
    let setting = s
        .setting
        .as_ref()
        .map(|x| (x.name.as_str(), x.value.as_str()));
    assert_eq!(setting, Some(("set_options", "SSL.OP_NO_TLSv1_2")));
}

#[test]
fn pyopenssl_min_and_max_proto_version() {
    let src = "from OpenSSL.SSL import Context, TLS_METHOD, TLS1_VERSION, TLS1_1_VERSION\nctx = Context(TLS_METHOD)\nctx.set_min_proto_version(TLS1_VERSION)\nctx.set_max_proto_version(TLS1_1_VERSION)\n";
    let s = one_setting(src);
    assert_eq!(range(&s), (Some("1.0"), Some("1.1"), Basis::Explicit));
    assert_eq!(s.location.line, 4);
    let modern = "from OpenSSL import SSL\nctx = SSL.Context(SSL.TLS_CLIENT_METHOD)\nctx.set_min_proto_version(SSL.TLS1_2_VERSION)\nctx.set_max_proto_version(0)\n";
    let s = one_setting(modern);
    assert_eq!(range(&s), (Some("1.2"), None, Basis::Explicit));
}

#[test]
fn pyopenssl_method_settings_on_a_context_built_elsewhere() {
    let src = "from OpenSSL import SSL\n\ndef harden(ctx):\n    ctx.set_max_proto_version(SSL.TLS1_1_VERSION)\n\ndef unrelated(parser):\n    parser.set_options(['-v'])\n    parser.set_min_proto_version(3)\n";
    let s = one_setting(src);
    assert_eq!(range(&s), (None, Some("1.1"), Basis::Explicit));
    assert_eq!(s.binding.as_deref(), Some("harden::ctx"));
    assert_eq!(s.client.as_deref(), Some("python-pyopenssl"));
}

#[test]
fn server_side_contexts_are_skipped() {
    let src = "import ssl, imaplib\n\n\
srv = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)\n\
srv.minimum_version = ssl.TLSVersion.TLSv1\n\
srv2 = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)\n\
srv2.maximum_version = ssl.TLSVersion.TLSv1_1\n\
legacy = ssl.SSLContext(ssl.PROTOCOL_TLSv1)\n\
sock = legacy.wrap_socket(raw, server_side=True)\n\
wrapped = ssl.wrap_socket(raw2, server_side=True, ssl_version=ssl.PROTOCOL_TLSv1)\n\
client = ssl.create_default_context(purpose=ssl.Purpose.SERVER_AUTH)\n\
M = imaplib.IMAP4_SSL('outlook.office365.com', ssl_context=make())\n";
    let facts = run(src);
    let s = settings(&facts);
    assert_eq!(s.len(), 1, "{facts:#?}");
    assert_eq!(s[0].binding.as_deref(), Some("client"));
    let pyopenssl = "from OpenSSL import SSL\nctx = SSL.Context(SSL.TLS_SERVER_METHOD)\nctx.set_min_proto_version(SSL.TLS1_VERSION)\n";
    assert!(settings(&run(pyopenssl)).is_empty());
}
