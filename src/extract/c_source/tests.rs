use super::extract;
use crate::extract::test_support::{error, facts, range};
use crate::facts::{Basis, Fact, FactKind, Protocol, TlsMode};

fn run(name: &str, text: &str) -> Vec<Fact> {
    facts(extract, name, text)
}

fn settings(f: &[Fact]) -> Vec<&Fact> {
    f.iter()
        .filter(|f| f.kind == FactKind::TlsSetting)
        .collect()
}

fn usages(f: &[Fact]) -> Vec<&Fact> {
    f.iter().filter(|f| f.kind == FactKind::MailUsage).collect()
}

#[test]
fn curl_range_and_url() {
    let f = run(
        "a.c",
        r#"int main(void) {
  CURL *h = curl_easy_init();
  curl_easy_setopt(h, CURLOPT_URL, "smtp://mail.example.com:587");
  curl_easy_setopt(h, CURLOPT_USE_SSL, (long)CURLUSESSL_ALL);
  curl_easy_setopt(h, CURLOPT_SSLVERSION, (long)(CURL_SSLVERSION_TLSv1 | CURL_SSLVERSION_MAX_TLSv1_0));
}
"#,
    );
    let s = settings(&f);
    assert_eq!(s.len(), 1);
    assert_eq!(range(s[0]), (Some("1.0"), Some("1.0"), Basis::Explicit));
    assert_eq!(s[0].client.as_deref(), Some("libcurl"));
    let u = usages(&f);
    assert_eq!(u[0].binding, s[0].binding);
    assert_eq!(u[0].tls_mode, Some(TlsMode::Starttls));
    assert_eq!(u[0].protocol, Some(Protocol::Smtp));
    assert_eq!(u[0].port, Some(587));
}

#[test]
fn openssl_setters_and_options() {
    let f = run(
        "a.cpp",
        r#"void f(SSL_CTX *ctx) {
  SSL_CTX_set_min_proto_version(ctx, TLS1_VERSION);
  SSL_CTX_set_options(ctx, SSL_OP_NO_TLSv1_2 | SSL_OP_NO_TLSv1_3);
}
"#,
    );
    let s = settings(&f);
    assert_eq!(s.len(), 1);
    assert_eq!(range(s[0]), (Some("1.0"), Some("1.1"), Basis::Explicit));
    assert_eq!(s[0].location.line, 3);
}

#[test]
fn method_variable_pins_the_context() {
    let f = run(
        "a.c",
        r#"int g(void) {
  const SSL_METHOD *m = TLSv1_1_client_method();
  SSL_CTX *ctx = SSL_CTX_new(m);
  SSL_CTX_set_max_proto_version(ctx, TLS1_3_VERSION);
}
"#,
    );
    let s = settings(&f);
    assert_eq!(s.len(), 1);
    assert_eq!(range(s[0]), (Some("1.1"), Some("1.1"), Basis::Explicit));
    assert_eq!(s[0].binding.as_deref(), Some("g::ctx"));
    assert_eq!(s[0].location.line, 2);
}

#[test]
fn if_zero_and_comments_are_skipped() {
    let f = run("a.c", "#if 0\nvoid a(void) { SSL_CTX *c = SSL_CTX_new(TLSv1_method()); }\n#else\nvoid b(void) { SSL_CTX *d = SSL_CTX_new(TLS_client_method()); }\n#endif\n// SSL_CTX *e = SSL_CTX_new(TLSv1_method());\n");
    let s = settings(&f);
    assert_eq!(s.len(), 1);
    assert_eq!(s[0].binding.as_deref(), Some("b::d"));
    assert_eq!(range(s[0]), (None, None, Basis::Unknown));
}

#[test]
fn mbedtls_and_wolfssl() {
    let f = run(
        "a.c",
        r#"#define PORT 995
void a(void) {
  mbedtls_ssl_conf_max_version(&conf, MBEDTLS_SSL_MAJOR_VERSION_3, MBEDTLS_SSL_MINOR_VERSION_1);
  WOLFSSL_CTX *w = wolfSSL_CTX_new(wolfTLSv1_client_method());
  addr.sin_port = htons(PORT);
}
"#,
    );
    let s = settings(&f);
    assert_eq!(s.len(), 2);
    let m = s
        .iter()
        .find(|f| f.client.as_deref() == Some("mbedtls"))
        .unwrap();
    assert_eq!(range(m), (None, Some("1.0"), Basis::Explicit));
    let w = s
        .iter()
        .find(|f| f.client.as_deref() == Some("wolfssl"))
        .unwrap();
    assert_eq!(range(w), (Some("1.0"), Some("1.0"), Basis::Explicit));
    let u = usages(&f);
    assert_eq!(u.len(), 1);
    assert_eq!(u[0].port, Some(995));
    assert_eq!(u[0].protocol, Some(Protocol::Pop3));
    assert_eq!(u[0].binding.as_deref(), Some("htons()"));
}

#[test]
fn unterminated_comment_is_an_error() {
    let e = error(extract, "x.c", "int a;\n/* never ends\n\n");
    assert_eq!(e.line, Some(2));
}

#[test]
fn garbage_does_not_panic() {
    for text in [
        "{{{",
        "#if 0\n",
        "#define",
        "SSL_CTX_new(",
        "curl_easy_setopt(h, CURLOPT_URL,",
        "= SSL_CTX_new(TLSv1_method()",
    ] {
        let _ = extract(&crate::source::SourceFile::new("x.c", text));
    }
}
