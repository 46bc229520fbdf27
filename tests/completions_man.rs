//! Shell completions and the man page, generated from the clap definitions.

mod support;

use std::io::Write;
use std::process::Stdio;
use support::*;

fn run(args: &[&str]) -> std::process::Output {
    bin()
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run tlsfloor: {e}"))
}

#[test]
fn completions_name_every_subcommand_and_option() {
    let o = run(&["completions", "bash"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let bash = stdout(&o);
    assert!(bash.contains("complete -F _tlsfloor"), "{bash}");
    for word in [
        "scan",
        "explain",
        "formats",
        "rules",
        "completions",
        "man",
        "--fail-on",
        "--progress",
    ] {
        assert!(bash.contains(word), "bash completion lacks {word}");
    }
    for shell in ["zsh", "fish", "elvish", "powershell"] {
        let o = run(&["completions", shell]);
        assert_eq!(o.status.code(), Some(0), "{shell}: {}", stderr(&o));
        assert!(stdout(&o).contains("explain"), "{shell}");
    }
    let o = run(&["completions", "tcsh"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("possible values"), "{}", stderr(&o));
}

#[test]
fn bash_accepts_the_completion_script() {
    let Ok(bash) = which("bash") else { return };
    let dir = tempdir();
    let script = write(
        dir.path(),
        "tlsfloor.bash",
        run(&["completions", "bash"]).stdout,
    );
    let o = std::process::Command::new(bash)
        .args(["-n", &script.to_string_lossy()])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

fn which(name: &str) -> Result<std::path::PathBuf, ()> {
    ["/usr/bin", "/bin"]
        .iter()
        .map(|d| std::path::Path::new(d).join(name))
        .find(|p| p.exists())
        .ok_or(())
}

#[test]
fn the_man_page_is_roff_with_exit_codes_and_renders() {
    let o = run(&["man"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let page = stdout(&o);
    assert!(page.contains(".TH tlsfloor 1"), "{page}");
    assert!(page.contains(".SH \"EXIT STATUS\""), "{page}");
    assert!(page.contains("NO_COLOR"), "{page}");
    assert!(page.contains("tlsfloor\\-scan"), "{page}");

    let o = run(&["man", "scan"]);
    assert_eq!(o.status.code(), Some(0));
    let scan = stdout(&o);
    assert!(scan.contains(".TH tlsfloor-scan 1"), "{scan}");
    assert!(scan.contains("fail\\-on"), "{scan}");

    let o = run(&["man", "nope"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("hint: one of scan, "), "{}", stderr(&o));

    // Where man(1) is installed, it must render the page without warnings.
    let Ok(man) = which("man") else {
        eprintln!("SKIPPED: man(1) not found");
        return;
    };
    let mut child = std::process::Command::new(man)
        .args(["-l", "-"])
        .env("MANWIDTH", "80")
        .env("MAN_KEEP_STDERR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    if let Some(mut stdin) = child.stdin.take() {
        stdin
            .write_all(page.as_bytes())
            .unwrap_or_else(|e| panic!("{e}"));
    }
    let out = child.wait_with_output().unwrap_or_else(|e| panic!("{e}"));
    let rendered = String::from_utf8_lossy(&out.stdout);
    if !out.status.success() && rendered.trim().is_empty() {
        // man-db without groff/nroff formats nothing: say so, do not fail.
        eprintln!(
            "SKIPPED: man -l could not format: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        return;
    }
    assert!(rendered.contains("EXIT STATUS"), "{rendered}");
    assert!(rendered.contains("explain"), "{rendered}");
}
