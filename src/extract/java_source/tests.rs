use super::extract;
use crate::extract::test_support::{error, facts, range};
use crate::facts::{Basis, Fact, FactKind, Protocol, TlsMode};

fn java(text: &str) -> Vec<Fact> {
    facts(extract, "src/main/java/Mail.java", text)
}

fn kotlin(text: &str) -> Vec<Fact> {
    facts(extract, "src/main/kotlin/Mail.kt", text)
}

fn of(f: &[Fact], kind: FactKind) -> Vec<&Fact> {
    f.iter().filter(|f| f.kind == kind).collect()
}

fn settings(f: &[Fact]) -> Vec<&Fact> {
    of(f, FactKind::TlsSetting)
}

fn usages(f: &[Fact]) -> Vec<&Fact> {
    of(f, FactKind::MailUsage)
}

fn wrap(body: &str) -> String {
    format!("class Mailer {{\n  void run() throws Exception {{\n{body}\n  }}\n}}\n")
}

#[test]
fn context_algorithms_map_to_sunjsse_client_defaults() {
    let cases = [
        ("TLSv1", (Some("1.0"), Some("1.0"), Basis::Default)),
        ("tlsv1", (Some("1.0"), Some("1.0"), Basis::Default)),
        ("SSLv3", (Some("1.0"), Some("1.0"), Basis::Default)),
        ("TLSv1.1", (Some("1.0"), Some("1.1"), Basis::Default)),
        ("TLSv1.2", (Some("1.0"), Some("1.2"), Basis::Default)),
        ("TLSv1.3", (Some("1.0"), Some("1.3"), Basis::Default)),
        ("TLS", (None, None, Basis::Unknown)),
        ("SSL", (None, None, Basis::Unknown)),
        ("Default", (None, None, Basis::Unknown)),
    ];
    for (alg, want) in cases {
        let f = java(&wrap(&format!(
            "    SSLContext ctx = SSLContext.getInstance(\"{alg}\", \"SunJSSE\");"
        )));
        let s = settings(&f);
        assert_eq!(s.len(), 1, "{alg}");
        assert_eq!(range(s[0]), want, "{alg}");
        assert_eq!(s[0].binding.as_deref(), Some("Mailer.run::ctx"));
        assert_eq!(s[0].client.as_deref(), Some("java-jsse"));
        assert_eq!(s[0].scope.as_deref(), Some("call"));
    }
    let f = java(&wrap("    SSLContext d = SSLContext.getDefault();"));
    assert_eq!(range(settings(&f)[0]), (None, None, Basis::Unknown));
}

#[test]
fn constants_are_resolved_and_located_at_the_literal() {
    let src = "class A {\n  private static final String PROTO = \"TLS\" + \"v1\";\n  SSLContext make() throws Exception {\n    return SSLContext.getInstance(PROTO);\n  }\n}\n";
    let f = java(src);
    let s = settings(&f);
    assert_eq!(range(s[0]), (Some("1.0"), Some("1.0"), Basis::Default));
    assert_eq!(s[0].location.line, 2);
    assert_eq!(s[0].related.first().map(|r| r.line), Some(4));
    let src = "object Tls {\n    const val LEGACY = \"TLSv1.1\"\n}\nfun ctx() = SSLContext.getInstance(Tls.LEGACY)\n";
    let f = kotlin(src);
    assert_eq!(
        range(settings(&f)[0]),
        (Some("1.0"), Some("1.1"), Basis::Default)
    );
    // A local variable.
    let f = java(&wrap(
        "    String p = \"TLSv1.2\";\n    SSLContext c = SSLContext.getInstance(p);",
    ));
    assert_eq!(
        range(settings(&f)[0]),
        (Some("1.0"), Some("1.2"), Basis::Default)
    );
    // Not a constant: unknown, but still a fact (the binding is known).
    let f = java(&wrap(
        "    SSLContext c = SSLContext.getInstance(config.protocol());",
    ));
    assert_eq!(range(settings(&f)[0]), (None, None, Basis::Unknown));
}

#[test]
fn enabled_protocol_forms() {
    let forms = [
        "    socket.setEnabledProtocols(new String[] {\"TLSv1\", \"TLSv1.1\"});",
        "    String[] p = {\"TLSv1\", \"TLSv1.1\"};\n    socket.setEnabledProtocols(p);",
        "    socket.setEnabledProtocols(Arrays.asList(\"TLSv1\", \"TLSv1.1\").toArray(new String[0]));",
        "    ((SSLSocket) socket).setEnabledProtocols(new String[] {\"TLSv1.1\", \"TLSv1\"});",
        "    SSLParameters params = new SSLParameters();\n    params.setProtocols(new String[] {\"TLSv1\", \"SSLv2Hello\", \"TLSv1.1\"});",
    ];
    for form in forms {
        let f = java(&wrap(form));
        let s = settings(&f);
        assert_eq!(s.len(), 1, "{form}");
        assert_eq!(
            range(s[0]),
            (Some("1.0"), Some("1.1"), Basis::Explicit),
            "{form}"
        );
    }
    let f = kotlin("fun harden(s: SSLSocket) {\n    s.enabledProtocols = arrayOf(\"TLSv1.2\", \"TLSv1.3\")\n    val p = SSLParameters()\n    p.protocols = listOf(\"TLSv1\").toTypedArray()\n}\n");
    let s = settings(&f);
    assert_eq!(s.len(), 2);
    assert_eq!(range(s[0]), (Some("1.2"), Some("1.3"), Basis::Explicit));
    assert_eq!(s[0].binding.as_deref(), Some(".harden::s"));
    assert_eq!(range(s[1]), (Some("1.0"), Some("1.0"), Basis::Explicit));
    // Unknown lists stay unknown.
    let f = java(&wrap("    socket.setEnabledProtocols(cfg.getProtocols());"));
    assert_eq!(range(settings(&f)[0]), (None, None, Basis::Unknown));
}

#[test]
fn comments_strings_and_text_blocks_are_not_settings() {
    let src = "class A {\n  // SSLContext.getInstance(\"TLSv1\");\n  /* socket.setEnabledProtocols(new String[] {\"TLSv1\"}); */\n  String doc = \"\"\"\n      SSLContext.getInstance(\"TLSv1\")\n      \"\"\";\n  void f() { log.info(\"SSLContext.getInstance(\\\"TLSv1\\\") failed\"); }\n}\n";
    let f = java(src);
    assert!(f.is_empty(), "{f:?}");
}

#[test]
fn javamail_properties_in_code() {
    let f = java(&wrap(
        "    Properties props = new Properties();\n    props.put(\"mail.store.protocol\", \"pop3s\");\n    props.setProperty(\"mail.pop3s.host\", \"Pop.Example.COM\");\n    props.put(\"mail.pop3s.ssl.protocols\", \"TLSv1 TLSv1.1\");\n    props.put(\"mail.pop3s.port\", 995);",
    ));
    let c = of(&f, FactKind::Connection);
    assert_eq!(c.len(), 1);
    assert_eq!(c[0].client.as_deref(), Some("javamail"));
    assert_eq!(c[0].protocol, Some(Protocol::Pop3));
    assert_eq!(c[0].host.as_deref(), Some("pop.example.com"));
    assert_eq!(c[0].port, Some(995));
    assert_eq!(range(c[0]), (Some("1.0"), Some("1.1"), Basis::Explicit));
    assert_eq!(c[0].location.line, 6);
    // Kotlin index syntax, scope functions and `to` pairs.
    let f = kotlin("fun props() = Properties().apply {\n    this[\"mail.imap.host\"] = \"imap.example.org\"\n    put(\"mail.imap.starttls.enable\", \"true\")\n}\nval more = mapOf(\"mail.smtp.host\" to \"smtp.example.org\", \"mail.smtp.ssl.enable\" to \"true\")\n");
    let c = of(&f, FactKind::Connection);
    let imap = c.iter().find(|c| c.protocol == Some(Protocol::Imap));
    assert_eq!(imap.and_then(|c| c.tls_mode), Some(TlsMode::Starttls));
    let smtp = c.iter().find(|c| c.protocol == Some(Protocol::Smtp));
    assert_eq!(
        smtp.map(|c| (c.tls_mode, c.port)),
        Some((Some(TlsMode::Implicit), Some(465)))
    );
    // Values that are not constants are unknown.
    let f = java(&wrap("    props.put(\"mail.imap.host\", cfg.host());\n    props.put(\"mail.imap.ssl.enable\", cfg.ssl() ? \"true\" : \"false\");"));
    let c = of(&f, FactKind::Connection);
    assert_eq!(
        (c[0].host.clone(), c[0].tls_mode),
        (None, Some(TlsMode::Unknown))
    );
}

#[test]
fn usage_binds_to_the_socket_factory_context() {
    let src = wrap(
        "    SSLContext ctx = SSLContext.getInstance(\"TLSv1\");\n    ctx.init(null, null, null);\n    Properties props = new Properties();\n    props.put(\"mail.imaps.ssl.socketFactory\", ctx.getSocketFactory());\n    Session session = Session.getInstance(props, auth);\n    Store store = session.getStore(\"imaps\");\n    store.connect(\"imap.example.com\", 1993, user, pass);",
    );
    let f = java(&src);
    let u = usages(&f);
    assert_eq!(u.len(), 1);
    assert_eq!(u[0].binding.as_deref(), Some("Mailer.run::ctx"));
    assert_eq!(u[0].protocol, Some(Protocol::Imap));
    assert_eq!(u[0].tls_mode, Some(TlsMode::Implicit));
    assert_eq!(u[0].host.as_deref(), Some("imap.example.com"));
    assert_eq!(u[0].port, Some(1993));
    assert_eq!(settings(&f)[0].binding, u[0].binding);
    // `ssl.protocols` overrides the context's defaults: no tie.
    let src = src.replace(
        "    Session session",
        "    props.put(\"mail.imaps.ssl.protocols\", \"TLSv1.2\");\n    Session session",
    );
    let f = java(&src);
    assert_eq!(usages(&f)[0].binding, None);
    // A factory variable, a helper method, and `SSLContext.setDefault`.
    let f = java("class M {\n  SSLContext legacy() throws Exception {\n    SSLContext c = SSLContext.getInstance(\"TLSv1.1\");\n    c.init(null, null, null);\n    return c;\n  }\n  void run() throws Exception {\n    SSLSocketFactory sf = legacy().getSocketFactory();\n    props.put(\"mail.smtp.ssl.socketFactory\", sf);\n    props.put(\"mail.smtp.ssl.enable\", \"true\");\n    Transport.send(msg);\n  }\n}\n");
    let u = usages(&f);
    assert_eq!(u[0].binding.as_deref(), Some("M.legacy::c"));
    assert_eq!(
        (u[0].protocol, u[0].tls_mode),
        (Some(Protocol::Smtp), Some(TlsMode::Implicit))
    );
    let f = java(&wrap("    SSLContext c = SSLContext.getInstance(\"TLSv1\");\n    SSLContext.setDefault(c);\n    Store s = session.getStore(\"pop3s\");"));
    assert_eq!(usages(&f)[0].binding.as_deref(), Some("Mailer.run::c"));
}

#[test]
fn scopes_keep_two_methods_apart() {
    let src = "class Clients {\n  void http() throws Exception {\n    SSLContext ctx = SSLContext.getInstance(\"TLSv1\");\n    conn.setSSLSocketFactory(ctx.getSocketFactory());\n  }\n  void mail() throws Exception {\n    SSLContext ctx = SSLContext.getInstance(\"TLSv1.3\");\n    props.put(\"mail.imaps.ssl.socketFactory\", ctx.getSocketFactory());\n    session.getStore(\"imaps\");\n  }\n}\n";
    let f = java(src);
    let s = settings(&f);
    let bindings: Vec<_> = s.iter().filter_map(|s| s.binding.clone()).collect();
    assert_eq!(bindings, vec!["Clients.http::ctx", "Clients.mail::ctx"]);
    assert_eq!(usages(&f)[0].binding.as_deref(), Some("Clients.mail::ctx"));
    // Fields are shared by the class's methods.
    let src = "class P {\n  private SSLContext ctx;\n  P() throws Exception { this.ctx = SSLContext.getInstance(\"TLSv1\"); }\n  void poll() { props.put(\"mail.imaps.ssl.socketFactory\", ctx.getSocketFactory()); session.getStore(\"imaps\"); }\n}\n";
    let f = java(src);
    assert_eq!(settings(&f)[0].binding.as_deref(), Some("P::ctx"));
    assert_eq!(usages(&f)[0].binding.as_deref(), Some("P::ctx"));
}

#[test]
fn factory_subclasses_and_class_names() {
    let src = "public class Legacy extends SSLSocketFactory {\n  private Socket fix(Socket s) {\n    ((SSLSocket) s).setEnabledProtocols(new String[] {\"TLSv1\"});\n    return s;\n  }\n}\nclass Use {\n  void run() {\n    props.put(\"mail.imap.ssl.socketFactory.class\", Legacy.class.getName());\n    props.put(\"mail.imap.ssl.enable\", \"true\");\n    session.getStore(\"imap\");\n  }\n}\n";
    let f = java(src);
    assert_eq!(settings(&f)[0].binding.as_deref(), Some("Legacy"));
    assert_eq!(usages(&f)[0].binding.as_deref(), Some("Legacy"));
}

#[test]
fn process_wide_properties() {
    let f = java(&wrap(
        "    System.setProperty(\"jdk.tls.client.protocols\", \"TLSv1,TLSv1.1\");\n    System.setProperty(\"https.protocols\", \"TLSv1.2\");\n    System.setProperty(\"mail.imap.host\", \"imap.example.net\");",
    ));
    let s = settings(&f);
    assert_eq!(s.len(), 2);
    assert_eq!(s[0].scope.as_deref(), Some("process"));
    assert_eq!(s[0].client.as_deref(), Some("java"));
    assert_eq!(range(s[0]), (Some("1.0"), Some("1.1"), Basis::Explicit));
    assert_eq!(s[1].scope.as_deref(), Some("application"));
    // System properties are a partial view: the mode is unknown.
    let c = of(&f, FactKind::Connection);
    assert_eq!(c[0].tls_mode, Some(TlsMode::Unknown));
}

#[test]
fn spring_sender_and_commons_net() {
    let src = wrap(
        "    JavaMailSenderImpl sender = new JavaMailSenderImpl();\n    sender.setHost(\"smtp.office365.com\");\n    sender.setPort(587);\n    sender.getJavaMailProperties().put(\"mail.smtp.starttls.enable\", \"true\");\n    sender.getJavaMailProperties().put(\"mail.smtp.ssl.protocols\", \"TLSv1\");",
    );
    let f = java(&src);
    let c = of(&f, FactKind::Connection);
    assert_eq!(c.len(), 1);
    assert_eq!(c[0].client.as_deref(), Some("spring-mail"));
    assert_eq!(c[0].host.as_deref(), Some("smtp.office365.com"));
    assert_eq!(c[0].tls_mode, Some(TlsMode::Starttls));
    assert_eq!(range(c[0]), (Some("1.0"), Some("1.0"), Basis::Explicit));
    let u = usages(&f);
    assert_eq!(u[0].client.as_deref(), Some("spring-mail"));
    assert_eq!(u[0].tls_mode, Some(TlsMode::Starttls));
    let f = java(&wrap("    POP3SClient pop = new POP3SClient(\"TLSv1.1\", true);\n    pop.connect(\"pop.example.org\", 995);"));
    let s = settings(&f);
    assert_eq!(range(s[0]), (Some("1.0"), Some("1.1"), Basis::Default));
    let u = usages(&f);
    assert_eq!(u[0].client.as_deref(), Some("commons-net"));
    assert_eq!(
        (u[0].protocol, u[0].tls_mode, u[0].port),
        (Some(Protocol::Pop3), Some(TlsMode::Implicit), Some(995))
    );
    assert_eq!(u[0].binding, s[0].binding);
    assert_eq!(u[0].host.as_deref(), Some("pop.example.org"));
}

#[test]
fn url_clients() {
    let f = java(&wrap("    ImapMailReceiver r = new ImapMailReceiver(\"imaps://user:secret@outlook.office365.com:993/INBOX\");"));
    let u = usages(&f);
    assert_eq!(u[0].client.as_deref(), Some("spring-integration-mail"));
    assert_eq!(u[0].host.as_deref(), Some("outlook.office365.com"));
    assert_eq!(
        (u[0].port, u[0].tls_mode),
        (Some(993), Some(TlsMode::Implicit))
    );
    assert!(!u[0].evidence.contains("secret"), "{}", u[0].evidence);
}

#[test]
fn malformed_input() {
    let e = error(
        extract,
        "A.java",
        "class A {\n  /* never closed\n  void f() {}\n",
    );
    assert_eq!(e.line, Some(2));
    let e = error(
        extract,
        "A.java",
        "class A {\n  String s = \"\"\"\n    open text block\n",
    );
    assert_eq!(e.line, Some(2));
    // Unbalanced brackets and one-line strings are read best effort.
    let f = java("class A { void f() { SSLContext.getInstance(\"TLSv1\"); String s = \"open\n }");
    assert_eq!(settings(&f).len(), 1);
}

#[test]
fn garbage_does_not_panic() {
    let samples = [
        "",
        "}",
        "{{{{",
        "))))((((",
        "new",
        "new X[",
        "a = = =",
        "x.put(",
        "props[\"mail.imap.host\"] =",
        "SSLContext.getInstance(",
        "setEnabledProtocols(new String[] {",
        "class { fun ( ) { ",
        "\"mail.x\" to",
        "this[] = 1",
        "getStore().connect(,,,)",
        "return return;",
        "class A extends SSLSocketFactory { void f() { setEnabledProtocols(x); } }",
    ];
    for s in samples {
        let _ = extract(&crate::source::SourceFile::new("A.java", s));
        let _ = extract(&crate::source::SourceFile::new("A.kt", s));
    }
    let deep = "f(".repeat(20_000) + &"{".repeat(20_000);
    let _ = extract(&crate::source::SourceFile::new("A.java", &deep));
}

#[test]
fn commons_email_and_http_client() {
    let f = java(&wrap("    Email email = new SimpleEmail();\n    email.setHostName(\"smtp-legacy.office365.com\");\n    email.setSmtpPort(587);\n    email.setStartTLSEnabled(true);\n    email.send();"));
    let u = usages(&f);
    assert_eq!(u[0].client.as_deref(), Some("commons-email"));
    assert_eq!(u[0].host.as_deref(), Some("smtp-legacy.office365.com"));
    assert_eq!(
        (u[0].tls_mode, u[0].port),
        (Some(TlsMode::Starttls), Some(587))
    );
    let f = java(&wrap(
        "    HtmlEmail email = new HtmlEmail();\n    email.setSSLOnConnect(true);",
    ));
    let u = usages(&f);
    assert_eq!(
        (u[0].tls_mode, u[0].port),
        (Some(TlsMode::Implicit), Some(465))
    );
    let f = java(&wrap("    SSLConnectionSocketFactory sf = new SSLConnectionSocketFactory(ctx, new String[] {\"TLSv1\", \"TLSv1.1\", \"TLSv1.2\"}, null, verifier);"));
    let s = settings(&f);
    assert_eq!(range(s[0]), (Some("1.0"), Some("1.2"), Basis::Explicit));
    assert_eq!(s[0].binding.as_deref(), Some("Mailer.run::sf"));
    assert!(usages(&f).is_empty());
}

#[test]
fn okhttp_connection_spec_tls_versions() {
    let f = java(&wrap(
        "    ConnectionSpec spec = new ConnectionSpec.Builder(ConnectionSpec.MODERN_TLS)\n        .tlsVersions(TlsVersion.TLS_1_0, TlsVersion.TLS_1_1)\n        .build();",
    ));
    let s = settings(&f);
    assert_eq!(s.len(), 1, "{f:#?}");
    assert_eq!(range(s[0]), (Some("1.0"), Some("1.1"), Basis::Explicit));
    assert_eq!(s[0].client.as_deref(), Some("okhttp"));
    assert_eq!(s[0].binding.as_deref(), Some("Mailer.run::spec"));
    assert_eq!(s[0].location.line, 4);
    let strings = kotlin(
        "import okhttp3.TlsVersion.TLS_1_2\nval spec = ConnectionSpec.Builder(ConnectionSpec.MODERN_TLS)\n    .tlsVersions(\"TLSv1.2\", TLS_1_2, okhttp3.TlsVersion.TLS_1_3)\n    .build()\n",
    );
    let s = settings(&strings);
    assert_eq!(s.len(), 1, "{strings:#?}");
    assert_eq!(range(s[0]), (Some("1.2"), Some("1.3"), Basis::Explicit));
}

#[test]
fn other_tls_versions_methods_are_not_okhttp() {
    let f = kotlin(
        "val versions = arrayOf(\"TLSv1\")\nval a = policy.tlsVersions(*versions)\nval b = report.tlsVersions(\"legacy\")\nval c = tlsVersions()\nval d = matrix.tlsVersions(Other.TLS_1_0)\n",
    );
    assert!(settings(&f).is_empty(), "{f:#?}");
}
