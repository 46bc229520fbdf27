use super::spec::{self, LexerSpec};
use super::{lex, Code, Kind, Part, StrForm};

/// (kind, text) of every token.
fn toks(src: &str, spec: &LexerSpec) -> Vec<(Kind, String)> {
    lex(src, spec)
        .iter()
        .map(|t| (t.kind, src.get(t.start..t.end).unwrap_or("?").to_owned()))
        .collect()
}

fn of_kind(src: &str, spec: &LexerSpec, kind: Kind) -> Vec<String> {
    toks(src, spec)
        .into_iter()
        .filter(|(k, _)| *k == kind)
        .map(|(_, t)| t)
        .collect()
}

fn idents(src: &str, spec: &LexerSpec) -> Vec<String> {
    of_kind(src, spec, Kind::Ident)
}

/// Values of the string tokens (`None` shown as `<?>`).
fn values(src: &str, spec: &LexerSpec) -> Vec<String> {
    lex(src, spec)
        .iter()
        .filter(|t| t.kind == Kind::Str)
        .map(|t| t.value.clone().unwrap_or_else(|| "<?>".to_owned()))
        .collect()
}

fn comments(src: &str, spec: &LexerSpec) -> Vec<String> {
    of_kind(src, spec, Kind::Comment)
}

// --- C and C++ ------------------------------------------------------------------

#[test]
fn c_comments_strings_and_chars() {
    let src = "/* TLSv1_client_method() \"x */ int a = '\\''; // \"q\n\
               char *s = \"// not a comment /* nor this\"; char c = 'x'; int m = 'ab';\n\
               #error don't use this\nint b;\n";
    assert_eq!(
        comments(src, &spec::C),
        vec!["/* TLSv1_client_method() \"x */", "// \"q"]
    );
    assert_eq!(values(src, &spec::C), vec!["// not a comment /* nor this"]);
    let chars = of_kind(src, &spec::C, Kind::Char);
    assert_eq!(chars, vec!["'\\''", "'x'", "'ab'"]);
    let ids = idents(src, &spec::C);
    assert!(
        ids.ends_with(&[
            "error".into(),
            "don".into(),
            "t".into(),
            "use".into(),
            "this".into(),
            "int".into(),
            "b".into()
        ]),
        "{ids:?}"
    );
}

#[test]
fn c_prefixes_continuation_and_separators() {
    let src = "L\"wide\" u8\"utf\" U'x' // comment \\\n still comment\nint n = 1'000'000; x";
    assert_eq!(values(src, &spec::C), vec!["wide", "utf"]);
    assert_eq!(comments(src, &spec::C).len(), 1);
    assert_eq!(of_kind(src, &spec::C, Kind::Number), vec!["1'000'000"]);
    assert_eq!(idents(src, &spec::C), vec!["int", "n", "x"]);
}

#[test]
fn cpp_raw_strings() {
    let src =
        "auto a = R\"(TLSv1 \" // )\"; auto b = u8R\"xy(a)\" )xy\"; auto c = R\"bad delim(\"x\";";
    let v = values(src, &spec::CPP);
    assert_eq!(v[0], "TLSv1 \" // ");
    assert_eq!(v[1], "a)\" ");
    // A delimiter with a space is not a raw string: `R` and a plain string.
    assert!(idents(src, &spec::CPP).contains(&"R".to_owned()));
    assert!(comments(src, &spec::CPP).is_empty());
    // Unterminated raw string runs to the end and is reported.
    let code = Code::new("x = R\"(never", &spec::CPP);
    assert_eq!(code.unterminated(), Some(4));
}

#[test]
fn c_escapes_are_decoded() {
    let src = r#""a\tb\n\x41\101\u00e9\\\"" "\0""#;
    assert_eq!(values(src, &spec::C), vec!["a\tb\nAA\u{e9}\\\"", "\0"]);
}

// --- Java / Kotlin -----------------------------------------------------------------

#[test]
fn java_text_blocks_and_chars() {
    let src = "String q = \"\"\"\n    SELECT \"TLSv1\"\n      // not a comment\n    \"\"\";\nchar c = '\"'; String u = \"\\u0041\";";
    assert!(comments(src, &spec::JAVA).is_empty());
    let v = values(src, &spec::JAVA);
    assert_eq!(v[0], "SELECT \"TLSv1\"\n  // not a comment\n");
    assert_eq!(v[1], "A");
    assert_eq!(of_kind(src, &spec::JAVA, Kind::Char), vec!["'\"'"]);
    let code = Code::new("String s = \"\"\"\nopen", &spec::JAVA);
    assert_eq!(code.unterminated(), Some(11));
}

#[test]
fn java_comment_forms() {
    let src = "/** @see \"TLSv1\" */ int $x = 1; /* a /* b */ c; // tail\n";
    assert_eq!(comments(src, &spec::JAVA).len(), 3);
    assert_eq!(idents(src, &spec::JAVA), vec!["int", "$x", "c"]);
}

#[test]
fn kotlin_nested_comments_templates_and_raw() {
    let src = "/* outer /* inner */ still */ val s = \"a${m[\"k\"]}b$name\"\nval r = \"\"\"x \"quoted\" ${y} \"\"\"\" ; val `is ok` = 1";
    assert_eq!(comments(src, &spec::KOTLIN).len(), 1);
    let t = lex(src, &spec::KOTLIN);
    let parts: Vec<(Part, String)> = t
        .iter()
        .filter(|t| t.kind == Kind::Str)
        .map(|t| (t.part, src.get(t.start..t.end).unwrap_or("").to_owned()))
        .collect();
    assert_eq!(
        parts,
        vec![
            (Part::Head, "\"a".to_owned()),
            (Part::Whole, "\"k\"".to_owned()),
            (Part::Tail, "b$name\"".to_owned()),
            (Part::Head, "\"\"\"x \"quoted\" ".to_owned()),
            (Part::Tail, " \"\"\"\"".to_owned()),
        ]
    );
    assert!(idents(src, &spec::KOTLIN).contains(&"m".to_owned()));
    let bt = t.iter().find(|t| t.value.as_deref() == Some("is ok"));
    assert_eq!(bt.map(|t| t.kind), Some(Kind::Ident));
    // `$name` makes a plain string non-constant; `\$` does not.
    assert_eq!(
        values("\"v$x\" \"v\\$x\" \"\"\"raw\\n\"\"\"", &spec::KOTLIN),
        vec!["<?>", "v$x", "raw\\n"]
    );
}

// --- C# ---------------------------------------------------------------------------

#[test]
fn csharp_string_forms() {
    let src = r#"var a = @"C:\path ""q"" // x"; var b = $"{host}:{port:D4} {{lit}}"; var c = $@"{x}\n"; var d = @class;"#;
    assert!(comments(src, &spec::CSHARP).is_empty());
    let v = values(src, &spec::CSHARP);
    assert_eq!(v[0], "C:\\path \"q\" // x");
    let ids = idents(src, &spec::CSHARP);
    assert!(ids.contains(&"host".to_owned()) && ids.contains(&"port".to_owned()));
    // The format specifier `D4` is not code.
    assert!(!ids.contains(&"D4".to_owned()));
    let t = lex(src, &spec::CSHARP);
    assert!(t.iter().any(|t| t.value.as_deref() == Some("class")));
    assert_eq!(values("$\"a{{b}}\"", &spec::CSHARP), vec!["a{b}"]);
}

#[test]
fn csharp_raw_strings() {
    let src = "var j = \"\"\"\n    {\"protocols\": \"Tls\"} // no\n    \"\"\";\nvar k = $$\"\"\"{x} {{y}}\"\"\"; var z = 1;";
    assert!(comments(src, &spec::CSHARP).is_empty());
    let v = values(src, &spec::CSHARP);
    assert_eq!(v[0], "{\"protocols\": \"Tls\"} // no");
    let ids = idents(src, &spec::CSHARP);
    assert!(ids.contains(&"y".to_owned()) && !ids.contains(&"x".to_owned()));
    assert!(ids.ends_with(&["z".to_owned()]));
}

// --- JavaScript ------------------------------------------------------------------

#[test]
fn javascript_templates_nest_code() {
    let src = "const s = `a ${ f(`inner ${x}`, '}') } // b`; // real\nconst r = /\\/\\/ not [/] comment/g.test(s); y = a / b / c;";
    assert_eq!(comments(src, &spec::JAVASCRIPT), vec!["// real"]);
    let ids = idents(src, &spec::JAVASCRIPT);
    assert_eq!(
        ids,
        vec!["const", "s", "f", "x", "const", "r", "test", "s", "y", "a", "b", "c"]
    );
    assert_eq!(of_kind(src, &spec::JAVASCRIPT, Kind::Regex).len(), 1);
    // Hole openers and closers match like brackets.
    let code = Code::new(src, &spec::JAVASCRIPT);
    let open = (0..code.len()).find(|&i| code.text(i) == "${");
    let close = open.and_then(|o| code.partner(o));
    assert_eq!(close.map(|c| code.text(c)), Some("}"));
}

#[test]
fn javascript_regex_heuristic() {
    // After `)` and names a slash divides; after `(`, `=`, `return` it opens
    // a regex.
    let src = "x = (a) / 2 / 3; if (/tls/.test(v)) {} function f() { return /'/ }; z = a\n/ b";
    assert_eq!(
        of_kind(src, &spec::JAVASCRIPT, Kind::Regex),
        vec!["/tls/", "/'/"]
    );
    assert!(values(src, &spec::JAVASCRIPT).is_empty());
    // A "regex" that does not close on its line is a slash.
    let src = "a = ( / 2; 'x'";
    assert_eq!(values(src, &spec::JAVASCRIPT), vec!["x"]);
}

#[test]
fn javascript_quotes_and_shebang() {
    let src =
        "#!/usr/bin/env node\nconst a = 'it\\'s', b = \"q\\\"\"; const c = 'open\nconst d = 1;";
    assert_eq!(comments(src, &spec::JAVASCRIPT).len(), 1);
    let t = lex(src, &spec::JAVASCRIPT);
    let strs: Vec<_> = t.iter().filter(|t| t.kind == Kind::Str).collect();
    assert_eq!(strs[0].value.as_deref(), Some("it's"));
    assert_eq!(strs[1].value.as_deref(), Some("q\""));
    assert!(!strs[2].terminated);
    assert!(idents(src, &spec::JAVASCRIPT).contains(&"d".to_owned()));
}

// --- Go ---------------------------------------------------------------------------

#[test]
fn go_raw_strings_and_runes() {
    let src = "s := `C:\\no\\escape // ` + \"x\" // c\nr := '\\''; t := tls.Config{MinVersion: tls.VersionTLS10}";
    assert_eq!(values(src, &spec::GO), vec!["C:\\no\\escape // ", "x"]);
    assert_eq!(comments(src, &spec::GO), vec!["// c"]);
    assert_eq!(of_kind(src, &spec::GO, Kind::Char), vec!["'\\''"]);
    let code = Code::new(src, &spec::GO);
    let open = (0..code.len()).find(|&i| code.text(i) == "{");
    let call = open.and_then(|o| code.call(o));
    let call = call.unwrap_or_else(|| panic!("no literal"));
    assert_eq!(code.path_text(&call.path), "tls.Config");
    assert_eq!(call.args[0].key.map(|k| code.text(k)), Some("MinVersion"));
    assert_eq!(
        code.slice(call.args[0].value.0, call.args[0].value.1),
        "tls.VersionTLS10"
    );
}

// --- Rust ---------------------------------------------------------------------------

#[test]
fn rust_raw_strings_lifetimes_and_chars() {
    let src = "fn f<'a>(x: &'a str) -> char { let r = r##\"a \"# \"b\"##; let c = '\\''; let d = 'x'; let e = b'\\n'; let g = br\"raw\\\"; r#type }\n/* a /* nested */ b */ let h = \"multi\nline\";";
    let v = values(src, &spec::RUST);
    assert_eq!(v, vec!["a \"# \"b", "raw\\", "multi\nline"]);
    assert_eq!(
        of_kind(src, &spec::RUST, Kind::Char),
        vec!["'\\''", "'x'", "b'\\n'"]
    );
    assert_eq!(comments(src, &spec::RUST).len(), 1);
    let ids = idents(src, &spec::RUST);
    assert!(
        ids.contains(&"a".to_owned()),
        "lifetime name lexed as identifier"
    );
    let t = lex(src, &spec::RUST);
    assert!(t
        .iter()
        .any(|t| t.kind == Kind::Ident && t.value.as_deref() == Some("type")));
    // Tuple index and ranges stay numbers and dots.
    assert_eq!(
        of_kind("t.0; 1..2; 1.5e-3", &spec::RUST, Kind::Number),
        vec!["0", "1", "2", "1.5e-3"]
    );
}

// --- PHP ----------------------------------------------------------------------------

#[test]
fn php_tags_comments_and_strings() {
    let src = "<html><?php // c ?> text \"no\" <?php\n# hash\n#[Attr]\n$a = 'it\\'s \\n'; $b = \"x{$c[\"k\"]}y $d\"; ?>\n<p>'not code'</p>";
    let t = toks(src, &spec::PHP);
    let text: Vec<&String> = t
        .iter()
        .filter(|(k, _)| *k == Kind::Text)
        .map(|(_, s)| s)
        .collect();
    assert_eq!(text, vec!["<html>", " text \"no\" ", "<p>'not code'</p>"]);
    assert_eq!(comments(src, &spec::PHP), vec!["// c ", "# hash"]);
    let ids = idents(src, &spec::PHP);
    assert_eq!(ids, vec!["Attr", "$a", "$b", "$c"]);
    let v = values(src, &spec::PHP);
    assert_eq!(v[0], "it's \\n");
}

#[test]
fn php_heredoc_and_nowdoc() {
    let src = "<?php\n$a = <<<EOT\n  TLSv1 // $x\n  EOT;\n$b = <<<'N'\nraw $y\nN . 'z';\n$c = 1;";
    let t = lex(src, &spec::PHP);
    let strs: Vec<_> = t.iter().filter(|t| t.kind == Kind::Str).collect();
    assert_eq!(strs[0].form, StrForm::Heredoc);
    assert_eq!(strs[0].value, None, "interpolates $x");
    assert_eq!(strs[1].value.as_deref(), Some("raw $y"));
    assert!(comments(src, &spec::PHP).is_empty());
    assert!(idents(src, &spec::PHP).ends_with(&["$c".to_owned()]));
    assert_eq!(
        values("<?php $h = <<<X\n  a\n   b\n  X;", &spec::PHP),
        vec!["a\n b"]
    );
}

// --- Ruby ---------------------------------------------------------------------------

#[test]
fn ruby_heredocs_keep_the_rest_of_the_line() {
    let src = "imap = connect(<<~EOS, ssl_version: :TLSv1) # c\n  # not a comment\n  body #{x}\nEOS\ny = 2\n";
    assert_eq!(comments(src, &spec::RUBY), vec!["# c"]);
    let ids = idents(src, &spec::RUBY);
    assert_eq!(ids, vec!["imap", "connect", "ssl_version", "TLSv1", "y"]);
    let t = lex(src, &spec::RUBY);
    let h = t.iter().find(|t| t.kind == Kind::Str);
    assert_eq!(h.map(|t| t.form), Some(StrForm::Heredoc));
    assert_eq!(h.and_then(|t| t.value.clone()), None);
    let v = values("a = <<~'E'\n    x\n      y\n    E\n", &spec::RUBY);
    assert_eq!(v, vec!["x\n  y\n"]);
}

#[test]
fn ruby_percent_literals_regex_and_interpolation() {
    let src = "a = %w[TLSv1 TLSv1_1]; b = %q(it's (nested)) ; c = x % (y); d = \"#{h[\"k\"]} #@v\"; e = /#/ =~ s; f = %r{a/b}i\n=begin\nssl_version: :TLSv1\n=end\ng = $' + $\"\n__END__\nIMAP.new\n";
    let t = lex(src, &spec::RUBY);
    let strs: Vec<_> = t.iter().filter(|t| t.kind == Kind::Str).collect();
    assert_eq!(strs[0].form, StrForm::Words);
    assert_eq!(strs[0].value.as_deref(), Some("TLSv1 TLSv1_1"));
    assert_eq!(strs[1].value.as_deref(), Some("it's (nested)"));
    assert_eq!(
        of_kind(src, &spec::RUBY, Kind::Regex),
        vec!["/#/", "%r{a/b}i"]
    );
    let ids = idents(src, &spec::RUBY);
    assert!(ids.contains(&"x".to_owned()) && ids.contains(&"y".to_owned()));
    assert!(ids.contains(&"$'".to_owned()) && ids.contains(&"$\"".to_owned()));
    assert!(!ids.contains(&"IMAP".to_owned()));
    assert!(!ids.contains(&"ssl_version".to_owned()));
    assert_eq!(comments(src, &spec::RUBY).len(), 1);
    assert_eq!(
        of_kind(src, &spec::RUBY, Kind::Text),
        vec!["__END__\nIMAP.new\n"]
    );
    assert_eq!(
        idents("x.empty? ? a : b; save!", &spec::RUBY),
        vec!["x", "empty?", "a", "b", "save!"]
    );
}

// --- Perl ---------------------------------------------------------------------------

#[test]
fn perl_quote_like_pod_and_heredoc() {
    let src = "my %o = (SSL_version => 'TLSv1', q => 1);\nmy $s = q{a {b} c}; my @w = qw(x y);\n$t =~ s{a}\n  {b}g; $u =~ tr/a-z/A-Z/; my $n = $#list; my $h = $x{s};\n=pod\n\nSSL_version => 'SSLv3'\n\n=cut\nprint <<\"EOT\" . 'x';\nbody $v # no comment\nEOT\nmy $e = \"user\\@example.com\"; # c\n__DATA__\nIO::Socket::SSL\n";
    let t = lex(src, &spec::PERL);
    let strs: Vec<_> = t.iter().filter(|t| t.kind == Kind::Str).collect();
    let vals: Vec<Option<&str>> = strs.iter().map(|t| t.value.as_deref()).collect();
    assert_eq!(
        vals,
        vec![
            Some("TLSv1"),
            Some("a {b} c"),
            Some("x y"),
            None,
            Some("x"),
            Some("user@example.com")
        ]
    );
    assert_eq!(
        of_kind(src, &spec::PERL, Kind::Regex),
        vec!["s{a}\n  {b}g", "tr/a-z/A-Z/"]
    );
    let ids = idents(src, &spec::PERL);
    assert!(ids.contains(&"q".to_owned()), "q => 1 is a word");
    assert!(ids.contains(&"s".to_owned()), "$x{{s}} is a word");
    assert!(ids.contains(&"$#".to_owned()));
    assert!(!ids.contains(&"SSLv3".to_owned()));
    assert_eq!(comments(src, &spec::PERL).len(), 2);
    assert_eq!(of_kind(src, &spec::PERL, Kind::Text).len(), 1);
    assert_eq!(
        of_kind(
            "my @f = split /,/, $l; $x = $a // $b;",
            &spec::PERL,
            Kind::Regex
        ),
        vec!["/,/"]
    );
}

// --- Code view ---------------------------------------------------------------------

#[test]
fn calls_args_and_keys() {
    let src = "props.put(\"mail.imaps.ssl.protocols\", \"TLSv1\"); // props.put(\"x\", \"y\")\n\
               Session s = Session.getInstance(props, new Authenticator<String>() { });\n\
               socket.setEnabledProtocols(new String[] { \"TLSv1\", \"TLSv1.1\" });";
    let code = Code::new(src, &spec::JAVA);
    let calls = code.calls();
    let names: Vec<String> = calls.iter().map(|c| code.path_text(&c.path)).collect();
    assert_eq!(
        names,
        vec![
            "props.put",
            "Session.getInstance",
            "Authenticator",
            "socket.setEnabledProtocols"
        ]
    );
    assert!(calls[2].new);
    assert!(calls.iter().all(|c| !c.declaration));
    let decls = Code::new(
        "public void setEnabledProtocols(final String[] p) { return f(x); }\nString[] g() {}\nfun h(a: Int) = 1",
        &spec::KOTLIN,
    );
    let decl: Vec<(String, bool)> = decls
        .calls()
        .iter()
        .map(|c| (decls.path_text(&c.path), c.declaration))
        .collect();
    assert_eq!(
        decl,
        vec![
            ("setEnabledProtocols".to_owned(), true),
            ("f".to_owned(), false),
            ("g".to_owned(), true),
            ("h".to_owned(), true)
        ]
    );
    let first = &calls[0];
    assert_eq!(
        first
            .arg(&code, Some(1), "")
            .and_then(|a| a.single())
            .and_then(|t| code.str_value(t)),
        Some("TLSv1")
    );
    // The array literal inside the last call.
    let brace = (0..code.len()).rev().find(|&i| code.text(i) == "{");
    let arr = brace
        .and_then(|b| code.call(b))
        .unwrap_or_else(|| panic!("no array"));
    assert!(arr.array && arr.new);
    let vals: Vec<&str> = arr
        .args
        .iter()
        .filter_map(|a| a.single())
        .filter_map(|t| code.str_value(t))
        .collect();
    assert_eq!(vals, vec!["TLSv1", "TLSv1.1"]);
}

#[test]
fn named_arguments_per_language() {
    let cases: [(&LexerSpec, &str, &str); 6] = [
        (&spec::KOTLIN, "f(protocol = \"TLSv1\")", "protocol"),
        (&spec::CSHARP, "f(protocol: x)", "protocol"),
        (&spec::RUBY, "f(:ssl_version => :TLSv1)", "ssl_version"),
        (&spec::RUBY, "f(ssl_version: :TLSv1)", "ssl_version"),
        (
            &spec::PHP,
            "<?php f(['crypto_method' => X]);",
            "crypto_method",
        ),
        (&spec::PERL, "f(SSL_version => 'TLSv1')", "SSL_version"),
    ];
    for (spec, src, key) in cases {
        let code = Code::new(src, spec);
        let found = (0..code.len())
            .filter(|&i| code.is_open(i))
            .filter_map(|o| {
                code.call(o).or_else(|| {
                    Some(super::Call {
                        path: code.path_back(0)?,
                        new: false,
                        array: false,
                        declaration: false,
                        open: o,
                        close: code.partner(o)?,
                        args: code.items(o).into_iter().map(|r| code.arg(r)).collect(),
                    })
                })
            })
            .flat_map(|c| c.args)
            .filter_map(|a| a.key)
            .map(|k| code.key_text(k).unwrap_or("").to_owned())
            .collect::<Vec<_>>();
        assert!(
            found.contains(&key.to_owned()),
            "{}: {src} -> {found:?}",
            spec.name
        );
    }
    // C designated initializers.
    let code = Code::new("struct s x = { .min = TLS1_VERSION };", &spec::C);
    let open = (0..code.len()).find(|&i| code.text(i) == "{").unwrap_or(0);
    let arg = code.arg(code.items(open)[0]);
    assert_eq!(arg.key.map(|k| code.text(k)), Some("min"));
}

#[test]
fn assignments_and_expression_ends() {
    let src = "val props = Properties()\nprops[\"mail.imaps.host\"] = host\nprivate val proto: String = \"TLSv1\"\nx = a\n  .b()\ny = 1";
    let code = Code::new(src, &spec::KOTLIN);
    let a = code.assignments();
    let shown: Vec<(String, bool, String)> = a
        .iter()
        .map(|a| {
            (
                code.path_text(&a.target),
                a.declared,
                code.slice(a.value.0, a.value.1).to_owned(),
            )
        })
        .collect();
    assert_eq!(
        shown,
        vec![
            ("props".to_owned(), true, "Properties()".to_owned()),
            ("props".to_owned(), false, "host".to_owned()),
            ("proto".to_owned(), true, "\"TLSv1\"".to_owned()),
            ("x".to_owned(), false, "a\n  .b()".to_owned()),
            ("y".to_owned(), false, "1".to_owned()),
        ]
    );
    assert!(a[1].index.is_some());
    // Java: `case X: y = 1` is not typed; statements end at `;` only.
    let code = Code::new(
        "final String P = \"TLS\" +\n \"v1\"; case A: y = 1;",
        &spec::JAVA,
    );
    let a = code.assignments();
    assert_eq!(code.path_text(&a[0].target), "P");
    assert_eq!(
        code.concat_value(a[0].value.0, a[0].value.1).as_deref(),
        Some("TLSv1")
    );
    assert_eq!(code.path_text(&a[1].target), "y");
}

#[test]
fn paths_and_receivers() {
    let code = Code::new(
        "a.b?.c!!.d(x); f(y).g.h(z); $o->m(); A::B::c();",
        &spec::KOTLIN,
    );
    let calls = code.calls();
    assert_eq!(code.path_text(&calls[0].path), "a.b.c.d");
    let g = calls.iter().find(|c| code.path_text(&c.path) == "g.h");
    assert!(g.is_some_and(|c| c.path.receiver.is_some()));
    let code = Code::new("<?php $o->m(); A::B::c(); $this->x?->y();", &spec::PHP);
    let names: Vec<String> = code
        .calls()
        .iter()
        .map(|c| code.path_text(&c.path))
        .collect();
    assert_eq!(names, vec!["$o.m", "A.B.c", "$this.x.y"]);
    // Generic calls and turbofish.
    let code = Code::new(
        "let v = parse::<Vec<u8>>(s); new HashMap<String, List<X>>(m)",
        &spec::RUST,
    );
    let names: Vec<String> = code
        .calls()
        .iter()
        .map(|c| code.path_text(&c.path))
        .collect();
    assert_eq!(names, vec!["parse", "HashMap"]);
}

#[test]
fn brackets_recover_from_mismatches() {
    let code = Code::new("f(a, [b, c), d] ) { x } )", &spec::JAVA);
    // `(` at 1 matches the `)` that closes it; the stray `]` is skipped.
    let open = 1;
    assert_eq!(code.text(open), "(");
    let close = code.partner(open);
    assert!(close.is_some());
    let brace = (0..code.len()).find(|&i| code.text(i) == "{").unwrap_or(0);
    assert_eq!(code.partner(brace).map(|c| code.text(c)), Some("}"));
}

// --- robustness ---------------------------------------------------------------------

#[test]
fn unterminated_constructs() {
    for spec in spec::ALL {
        for src in [
            "/* never",
            "\"open",
            "'",
            "`open",
            "\"\"\"open",
            "r#\"open",
            "R\"x(open",
            "@\"open",
            "$\"{",
            "<<<EOT\nx",
            "x = <<~EOS\nbody",
            "%w[a",
            "q{a",
            "s{a}{b",
            "=begin\nx",
            "=pod\nx",
            "'\\",
            "\\",
            "${",
            "#{",
            "<?php /*",
            "<?php \"{$x",
            "`${`${`${",
        ] {
            let t = lex(src, spec);
            // Spans are in bounds, ordered, and cover no byte twice.
            let mut last = 0;
            for tok in &t {
                assert!(
                    tok.start >= last && tok.end >= tok.start && tok.end <= src.len(),
                    "{}: {src:?} {t:?}",
                    spec.name
                );
                last = tok.end;
            }
            let _ = Code::new(src, spec).calls();
        }
    }
}

#[test]
fn deep_nesting_does_not_overflow() {
    let depth = 50_000;
    let mut src = String::new();
    for _ in 0..depth {
        src.push_str("`${");
    }
    for spec in spec::ALL {
        let code = Code::new(&src, spec);
        assert!(code.len() + code.comments.len() > 0);
    }
    let brackets = "(".repeat(depth) + &")".repeat(depth);
    let code = Code::new(&brackets, &spec::JAVA);
    assert_eq!(code.partner(0), Some(2 * depth - 1));
    let kotlin = "\"${\"${".repeat(depth / 4);
    assert!(!Code::new(&kotlin, &spec::KOTLIN).is_empty());
    let ruby = "\"#{".repeat(depth);
    assert!(!Code::new(&ruby, &spec::RUBY).is_empty());
    let comments = "/*".repeat(depth);
    assert_eq!(Code::new(&comments, &spec::RUST).comments.len(), 1);
}

#[test]
fn garbage_in_tokens_out() {
    // Pseudo-random bytes (as lossy UTF-8) through every spec.
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let alphabet = b"\"'`/\\*#${}()[]<>%@?:;=.,-+qswrRLu8 \n\tabcEOS_0123~!|&^";
    for round in 0..300 {
        let mut bytes = Vec::new();
        for _ in 0..(round % 97 + 1) {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let pick = usize::try_from(seed % alphabet.len() as u64).unwrap_or(0);
            bytes.push(alphabet[pick]);
        }
        if round % 5 == 0 {
            bytes.extend_from_slice("é\u{1F600}".as_bytes());
        }
        let src = String::from_utf8_lossy(&bytes).into_owned();
        for spec in spec::ALL {
            let code = Code::new(&src, spec);
            let _ = code.calls();
            let _ = code.assignments();
            for i in 0..code.len() {
                let _ = code.path_back(i);
                let _ = code.expr_end(i, code.len());
                let _ = code.generics_back(i);
                let _ = code.generics_forward(i);
            }
        }
    }
}

#[test]
fn long_adversarial_lines_stay_fast() {
    // Patterns that would be quadratic with naive rescans.
    let n = 20_000;
    let inputs = [
        "(/".repeat(n),
        "$".repeat(n),
        "{".repeat(n),
        "<<<a ".repeat(n / 4),
        "r#".repeat(n / 2),
        "\"".to_owned() + &"{".repeat(n),
        "$\"".to_owned() + &"{".repeat(n),
        "'".repeat(n),
        "`".repeat(n),
        "%".repeat(n),
        "<<\"".repeat(n / 3),
    ];
    let started = std::time::Instant::now();
    for src in &inputs {
        for spec in spec::ALL {
            let code = Code::new(src, spec);
            let _ = code.calls();
            let _ = code.assignments();
        }
    }
    // Generous: linear work on these inputs takes a few seconds in a debug
    // build; quadratic work would take hours.
    assert!(started.elapsed().as_secs() < 120);
}

#[test]
fn paren_less_calls() {
    let src = "imap = Net::IMAP.new host, port: 993, ssl: { min_version: :TLS1_1 }\nnext_line(1)\n";
    let code = Code::new(src, &spec::RUBY);
    let new = (0..code.len())
        .find(|&i| code.text(i) == "new")
        .unwrap_or(0);
    let end = code.statement_end(new + 1, code.len());
    let args = code.args_in(new + 1, end);
    let keys: Vec<Option<&str>> = args
        .iter()
        .map(|a| a.key.and_then(|k| code.key_text(k)))
        .collect();
    assert_eq!(keys, vec![None, Some("port"), Some("ssl")]);
    let ssl = args[2].value;
    assert!(code.is_open(ssl.0));
    let inner = code.items(ssl.0);
    assert_eq!(
        code.arg(inner[0]).key.and_then(|k| code.key_text(k)),
        Some("min_version")
    );
    assert_eq!(code.text(end), "next_line");
}
