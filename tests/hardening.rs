//! Bad input never crashes the scan, loses a file or hangs it: encodings,
//! line endings, huge and empty files, hostile JSON/YAML/XML, symlinks,
//! special files, odd names and paths. Every test checks that the summary
//! accounts for every file (seen = scanned + skipped + failed).

mod support;

use std::collections::BTreeMap;
use std::path::Path;
use support::*;

/// Sample files with findings on lines of their own, one per line-oriented
/// family, that every encoding variant must reproduce exactly.
const ENCODING_SAMPLES: &[&str] = &[
    "samples/windows/gpo/schannel-legacy.reg",
    "samples/mbsync/legacy-1.1/.mbsyncrc",
    "samples/fetchmail/office/fetchmailrc",
    "samples/offlineimap/archive-box/retention.offlineimaprc",
    "samples/python/helpdesk_mailbox_poller.py",
    "samples/scripts/fetch-invoices.sh",
];

/// Writes a decoded sample in one encoding and line-ending style.
type Encode = fn(&str) -> Vec<u8>;

fn utf16(text: &str, bom: [u8; 2], unit: fn(u16) -> [u8; 2]) -> Vec<u8> {
    bom.into_iter()
        .chain(text.encode_utf16().flat_map(unit))
        .collect()
}

/// Every line-ending and encoding variant of real samples (UTF-16LE/BE with
/// BOM as regedit writes them, UTF-8 with BOM, CRLF, LF, lone CR) gives the
/// same findings on the same lines as the original.
#[test]
fn encodings_and_line_endings_give_identical_findings() {
    let dir = tempdir();
    let root = dir.path();
    let variants: &[(&str, Encode)] = &[
        ("lf", |t| t.replace("\r\n", "\n").into_bytes()),
        ("crlf", |t| {
            t.replace("\r\n", "\n").replace('\n', "\r\n").into_bytes()
        }),
        ("cr", |t| {
            t.replace("\r\n", "\n").replace('\n', "\r").into_bytes()
        }),
        ("utf8-bom", |t| {
            [&[0xEF, 0xBB, 0xBF][..], t.as_bytes()].concat()
        }),
        ("utf16le", |t| utf16(t, [0xFF, 0xFE], u16::to_le_bytes)),
        ("utf16be", |t| utf16(t, [0xFE, 0xFF], u16::to_be_bytes)),
    ];
    for sample in ENCODING_SAMPLES {
        let bytes = read(&repo().join(sample));
        let (text, _) =
            tlsfloor::source::decode(&bytes).unwrap_or_else(|_| panic!("{sample} is not text"));
        let name = sample.trim_start_matches("samples/");
        for (variant, encode) in variants {
            write(root, &format!("{variant}/{name}"), encode(&text));
        }
    }
    let report = scan_json(root, &[]);
    assert_accounts(&report);
    let mut by_variant: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for f in findings(&report) {
        let (variant, rest) = f.split_once('/').unwrap_or(("", &f));
        by_variant
            .entry(variant.to_owned())
            .or_default()
            .push(rest.to_owned());
    }
    let lf = by_variant.get("lf").cloned().unwrap_or_default();
    for sample in ENCODING_SAMPLES {
        let name = sample.trim_start_matches("samples/");
        assert!(
            lf.iter().any(|f| f.starts_with(&format!("{name}:"))),
            "{name} gives no finding in LF form: {lf:?}"
        );
    }
    for (variant, _) in variants {
        assert_eq!(by_variant.get(*variant), Some(&lf), "variant {variant}");
    }
    let n = ENCODING_SAMPLES.len() * variants.len();
    assert_eq!(num(&report["summary"]["files_scanned"]), n as u64);
    let notes = report["notifications"].as_array().map_or(0, Vec::len);
    assert_eq!(notes, 0, "{}", report["notifications"]);
}

/// A binary file with a config's name is skipped with a note naming the
/// format; invalid UTF-8 is scanned with a warning; an empty file is
/// scanned and says nothing.
#[test]
fn binary_invalid_utf8_and_empty_files() {
    let dir = tempdir();
    let root = dir.path();
    write(
        root,
        "home/.mbsyncrc",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR IMAPAccount x\n",
    );
    write(root, "home/blob.dat", b"\x00\x01\x02\x03");
    write(
        root,
        "home/.fetchmailrc",
        b"# r\xe9sum\xe9 \xff\xfe\xc3\x28 mailbox\npoll imap-legacy.office365.com protocol imap\n",
    );
    write(root, "home/empty.sh", "");
    write(root, "home/.muttrc", "");
    let report = scan_json(root, &[]);
    assert_accounts(&report);
    let s = &report["summary"];
    assert_eq!(num(&s["files_seen"]), 5);
    assert_eq!(num(&s["skipped"]["binary"]), 2);
    assert_eq!(
        notes_for(&report, "home/.mbsyncrc"),
        vec!["note: binary content in a file named like isync / mbsync: not scanned"]
    );
    assert!(notes_for(&report, "home/blob.dat").is_empty());
    assert_eq!(
        notes_for(&report, "home/.fetchmailrc"),
        vec!["warning: not valid UTF-8; invalid bytes were replaced before scanning"]
    );
    assert!(findings(&report)
        .iter()
        .any(|f| f.starts_with("home/.fetchmailrc:2:")));
    assert!(notes_for(&report, "home/empty.sh").is_empty());
    assert!(notes_for(&report, "home/.muttrc").is_empty());
}

/// A 10 MB file on one line is scanned in bounded time and its finding at
/// the far end is found; a file over --max-file-size is skipped, unread,
/// with a notification giving both sizes.
#[test]
fn a_huge_single_line_file_and_one_over_the_size_limit() {
    let dir = tempdir();
    let root = dir.path();
    let mut line = "x".repeat(10_000_000);
    line.push_str(" HOST=imap-legacy.office365.com");
    write(root, "long.sh", &line);
    write(
        root,
        "big/too-big.sh",
        format!("{}\nHOST=imap-legacy.office365.com\n", "#".repeat(2000)),
    );
    let started = std::time::Instant::now();
    let report = scan_json(root, &["--max-file-size", "11000000", "--exclude", "big"]);
    assert!(
        started.elapsed().as_secs() < 120,
        "took {:?}",
        started.elapsed()
    );
    assert_eq!(findings(&report), vec!["long.sh:1:TLS007"]);
    assert_accounts(&report);

    let report = scan_json(root, &["--max-file-size", "1000"]);
    assert_accounts(&report);
    assert_eq!(
        num(&report["summary"]["skipped"]["larger than --max-file-size"]),
        2
    );
    let notes = notes_for(&report, "big/too-big.sh");
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert!(
        notes[0].starts_with("note: larger than --max-file-size (2032 bytes > 1000)"),
        "{notes:?}"
    );
    assert!(findings(&report).is_empty());
}

/// The default --max-file-size is 16 MiB, as documented.
#[test]
fn the_default_size_limit_is_16_mib() {
    assert_eq!(tlsfloor::scan::DEFAULT_MAX_FILE_SIZE, 16 * 1024 * 1024);
    let o = run_in(&repo(), &["scan", "--help"]);
    assert!(stdout(&o).contains("[default: 16777216]"), "{}", stdout(&o));
}

fn nested_json(depth: usize) -> String {
    format!("{}{}", "[".repeat(depth), "]".repeat(depth))
}

/// JSON 100,000 levels deep (in every file name a JSON format claims),
/// YAML alias bombs and XML entity bombs neither overflow the stack nor
/// exhaust memory: each file is scanned or fails with a reason.
#[test]
fn deep_json_yaml_alias_bombs_and_xml_entity_bombs() {
    let dir = tempdir();
    let root = dir.path();
    let deep = nested_json(100_000);
    let deep_obj = format!("{}1{}", "{\"a\":".repeat(100_000), "}".repeat(100_000));
    for name in ["bom.json", "app.cdx.json", "policies.json", "x.json"] {
        write(root, &format!("deep-array/{name}"), &deep);
        write(root, &format!("deep-object/{name}"), &deep_obj);
    }
    let mut yaml = String::from("a: &a [\"imap-legacy.office365.com\", \"lol\"]\n");
    let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"];
    for pair in names.windows(2) {
        let (prev, name) = (pair[0], pair[1]);
        let refs = vec![format!("*{prev}"); 9].join(", ");
        yaml.push_str(&format!("{name}: &{name} [{refs}]\n"));
    }
    yaml.push_str(
        "spring:\n  mail:\n    host: *j\n    properties:\n      mail.smtp.ssl.protocols: *j\n",
    );
    write(root, "yaml/application.yml", &yaml);
    write(root, "yaml/docker-compose.yml", &yaml);
    write(
        root,
        "yaml/deep/application.yml",
        format!("a: {}", nested_json(100_000)),
    );
    let laughs = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n <!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n <!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">\n <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n <!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">\n <!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">\n <!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">\n <!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">\n <!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">\n <!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">\n]>\n<configuration><appSettings><add key=\"x\" value=\"&lol9;\"/></appSettings><system.net><mailSettings><smtp><network host=\"&lol9;\" port=\"587\" enableSsl=\"true\"/></smtp></mailSettings></system.net></configuration>\n";
    for name in [
        "app.config",
        "web.config",
        "config-v1.1.xml",
        "Legacy.csproj",
    ] {
        write(root, &format!("xml/{name}"), laughs);
    }
    let deep_xml = format!(
        "<configuration>{}{}</configuration>",
        "<a>".repeat(100_000),
        "</a>".repeat(100_000)
    );
    write(root, "xml/deep/app.config", &deep_xml);
    let report = scan_json(root, &[]);
    assert_accounts(&report);
    assert_eq!(num(&report["summary"]["files_seen"]), 16);
    // Every failure is explained by a notification on that file.
    let failed = num(&report["summary"]["files_failed"]);
    let errors = report["notifications"]
        .as_array()
        .map_or(0, |a| a.iter().filter(|n| n["level"] == "error").count());
    assert_eq!(failed, errors as u64, "{}", report["notifications"]);
}

/// Starts a TCP listener and returns it with a URL pointing at it.
fn listener() -> (std::net::TcpListener, String) {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap_or_else(|e| panic!("bind: {e}"));
    l.set_nonblocking(true).unwrap_or_else(|e| panic!("{e}"));
    let port = l
        .local_addr()
        .map(|a| a.port())
        .unwrap_or_else(|e| panic!("{e}"));
    (l, format!("http://127.0.0.1:{port}/evil.dtd"))
}

/// External entities and DTDs (file and network) are never fetched: a
/// listener sees no connection, and the content of a file outside the
/// tree never reaches any output.
#[test]
fn xml_external_entities_touch_neither_network_nor_files() {
    let outside = tempdir();
    let secret = write(
        outside.path(),
        "secret.txt",
        "CANARY-XXE-5f1d imap-legacy.office365.com",
    );
    let dir = tempdir();
    let root = dir.path();
    let (listener, url) = listener();
    let file_url = format!("file://{}", secret.display());
    let xml = format!(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE configuration SYSTEM \"{url}\" [\n <!ENTITY ext SYSTEM \"{file_url}\">\n <!ENTITY net SYSTEM \"{url}\">\n <!ENTITY % pe SYSTEM \"{url}\">\n %pe;\n]>\n<configuration><system.net><mailSettings><smtp><network host=\"&ext;\" userName=\"&net;\" port=\"25\"/></smtp></mailSettings></system.net></configuration>\n"
    );
    for name in ["app.config", "config-v1.1.xml", "Legacy.csproj", "x.xml"] {
        write(root, name, &xml);
    }
    for format in ["json", "sarif", "text"] {
        let o = run_in(
            root,
            &["scan", ".", "--format", format, "--fail-on", "never"],
        );
        let all = format!("{}{}", stdout(&o), stderr(&o));
        assert!(!all.contains("CANARY-XXE"), "{all}");
        assert!(!all.contains("panicked"), "{all}");
    }
    let o = run_in(root, &["facts", "."]);
    assert!(!format!("{}{}", stdout(&o), stderr(&o)).contains("CANARY-XXE"));
    assert!(
        matches!(listener.accept(), Err(e) if e.kind() == std::io::ErrorKind::WouldBlock),
        "the scan connected to the network"
    );
    assert_accounts(&scan_json(root, &[]));
}

#[cfg(unix)]
fn symlink(target: impl AsRef<Path>, link: impl AsRef<Path>) {
    std::os::unix::fs::symlink(target, link).unwrap_or_else(|e| panic!("symlink: {e}"));
}

/// Symlink loops, links to the parent, and links pointing outside the
/// root are never followed: each is reported as skipped, and nothing
/// outside the root is read.
#[cfg(unix)]
#[test]
fn symlinks_loops_and_links_out_of_the_root() {
    let outside = tempdir();
    write(
        outside.path(),
        "leak.sh",
        "HOST=imap-legacy.office365.com # CANARY-LINK\n",
    );
    let dir = tempdir();
    let root = dir.path().join("root");
    write(&root, "real.sh", "echo ok\n");
    symlink("loop-b", root.join("loop-a"));
    symlink("loop-a", root.join("loop-b"));
    symlink("..", root.join("parent"));
    symlink(".", root.join("self"));
    symlink(outside.path(), root.join("out-dir"));
    symlink(outside.path().join("leak.sh"), root.join("out-file.sh"));
    symlink("../../../../../../../../etc/passwd", root.join("passwd"));
    symlink("missing-target", root.join("dangling"));
    let report = scan_json(&root, &[]);
    assert_accounts(&report);
    let s = &report["summary"];
    assert_eq!(num(&s["files_seen"]), 9);
    assert_eq!(num(&s["skipped"]["symbolic link not followed"]), 8);
    for link in [
        "loop-a",
        "loop-b",
        "parent",
        "self",
        "out-dir",
        "out-file.sh",
        "passwd",
        "dangling",
    ] {
        assert_eq!(
            notes_for(&report, link),
            vec!["note: symbolic link not followed"],
            "{link}"
        );
    }
    assert!(!report.to_string().contains("CANARY-LINK"));
    assert!(findings(&report).is_empty());
}

/// Unreadable files and folders fail with the system's reason and the scan
/// goes on. As root (CI runs as root) permission bits deny nothing, so the
/// test then proves that the files are read, not silently dropped; the
/// failure path itself is pinned by `scan::tests` (a read error after
/// `stat`, a file deleted after the walk).
#[cfg(unix)]
#[test]
fn unreadable_files_and_folders() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempdir();
    let root = dir.path();
    let file = write(
        root,
        "secret/.fetchmailrc",
        "poll imap-legacy.office365.com protocol imap\n",
    );
    write(root, "locked/inner.sh", "HOST=imap-legacy.office365.com\n");
    write(root, "ok.sh", "echo ok\n");
    let set = |p: &Path, mode| {
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode))
            .unwrap_or_else(|e| panic!("chmod: {e}"));
    };
    set(&file, 0o000);
    set(&root.join("locked"), 0o000);
    let denied = std::fs::File::open(&file).is_err();
    let report = scan_json(root, &[]);
    set(&root.join("locked"), 0o755);
    set(&file, 0o644);
    assert_accounts(&report);
    if denied {
        assert_eq!(
            num(&report["summary"]["failed"]["unreadable"]),
            1,
            "{report}"
        );
        let notes = notes_for(&report, "secret/.fetchmailrc");
        assert!(
            notes[0].starts_with("error: cannot read: Permission denied"),
            "{notes:?}"
        );
        assert!(
            notes_for(&report, "locked")
                .iter()
                .any(|n| n.contains("Permission denied")),
            "{}",
            report["notifications"]
        );
    } else {
        eprintln!("running with permission override (root): chmod 000 denies nothing here");
        assert_eq!(
            findings(&report),
            vec!["locked/inner.sh:1:TLS007", "secret/.fetchmailrc:1:TLS007"]
        );
    }
}

/// FIFOs are counted and skipped, never opened (opening one blocks).
#[cfg(unix)]
#[test]
fn fifos_are_skipped_not_opened() {
    let dir = tempdir();
    let root = dir.path();
    write(root, "ok.sh", "echo ok\n");
    let made = std::process::Command::new("mkfifo")
        .arg(root.join(".fetchmailrc"))
        .status()
        .is_ok_and(|s| s.success());
    if !made {
        eprintln!("SKIPPED: mkfifo not available");
        return;
    }
    let report = scan_json(root, &[]);
    assert_accounts(&report);
    assert_eq!(
        notes_for(&report, ".fetchmailrc"),
        vec!["note: not a regular file (FIFO, socket or device)"]
    );
}

/// File names that are not UTF-8 and paths near PATH_MAX are scanned and
/// reported (lossily named), with findings and valid SARIF URIs.
#[cfg(unix)]
#[test]
fn non_utf8_names_and_very_long_paths() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempdir();
    let root = dir.path();
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9-\xff.sh");
    std::fs::write(root.join(name), "HOST=imap-legacy.office365.com\n")
        .unwrap_or_else(|e| panic!("{e}"));
    let mut long = String::new();
    while long.len() < 3600 {
        long.push_str(&"d".repeat(200));
        long.push('/');
    }
    long.push_str(&format!("{}.sh", "f".repeat(240)));
    write(root, &long, "HOST=pop-legacy.office365.com\n");
    let report = scan_json(root, &[]);
    assert_accounts(&report);
    assert_eq!(num(&report["summary"]["files_scanned"]), 2);
    let found = findings(&report);
    assert!(
        found.contains(&"caf\u{FFFD}-\u{FFFD}.sh:1:TLS007".to_owned()),
        "{found:?}"
    );
    assert!(found.contains(&format!("{long}:1:TLS007")), "{found:?}");
    let o = run_in(
        root,
        &["scan", ".", "--format", "sarif", "--fail-on", "never"],
    );
    let sarif = stdout(&o);
    assert!(sarif.contains("caf%EF%BF%BD-%EF%BF%BD.sh"), "{sarif}");
}
