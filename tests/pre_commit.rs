//! The pre-commit contract, tested with the real pre-commit: a temporary
//! git repository stages an `.mbsyncrc`, and `pre-commit try-repo` runs
//! this checkout's `tlsfloor` hook from `.pre-commit-hooks.yaml` (pre-commit
//! builds it with `cargo install --path .`, as it will for users). The hook
//! must fail on a legacy TLS 1.0 account and pass on a compliant one.
//!
//! pre-commit comes from `.tools/pre-commit` (`.ci/install-tools.sh`) or,
//! when that is missing, is installed from PyPI into a temporary venv.
//! `try-repo` takes the checkout's committed and tracked files; the hook's
//! build shares this test's target folder (release profile, unoptimised),
//! so only the first run compiles the dependencies.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const PRE_COMMIT_VERSION: &str = "4.7.0";

fn checkout() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn run(cmd: &mut Command) -> Output {
    cmd.output()
        .unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"))
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// The pre-commit executable: the pinned one of `.tools/`, else a fresh
/// install into `scratch`.
fn pre_commit(scratch: &Path) -> PathBuf {
    let installed = checkout().join(".tools/pre-commit/bin/pre-commit");
    if installed.is_file() {
        return installed;
    }
    let venv = scratch.join("venv");
    let o = run(Command::new("python3").args(["-m", "venv"]).arg(&venv));
    assert!(o.status.success(), "python3 -m venv: {}", text(&o));
    let o = run(Command::new(venv.join("bin/python")).args([
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
        &format!("pre-commit=={PRE_COMMIT_VERSION}"),
    ]));
    assert!(
        o.status.success(),
        "pip install pre-commit (needs PyPI; or run .ci/install-tools.sh): {}",
        text(&o)
    );
    venv.join("bin/pre-commit")
}

/// The target folder this test binary was built in: the hook's release
/// build goes to its `release/` profile folder.
fn target_dir() -> PathBuf {
    let exe = PathBuf::from(env!("CARGO_BIN_EXE_tlsfloor"));
    exe.parent()
        .and_then(Path::parent)
        .map_or_else(|| checkout().join("target"), Path::to_owned)
}

fn git(repo: &Path, args: &[&str]) {
    let o = run(Command::new("git").current_dir(repo).args(args));
    assert!(o.status.success(), "git {args:?}: {}", text(&o));
}

fn try_repo(pre_commit: &Path, repo: &Path, scratch: &Path) -> Output {
    run(Command::new(pre_commit)
        .current_dir(repo)
        .args(["try-repo"])
        .arg(checkout())
        .args(["tlsfloor", "--files", ".mbsyncrc", "--verbose"])
        .env("PRE_COMMIT_HOME", scratch.join("cache"))
        .env("CARGO_TARGET_DIR", target_dir())
        // Every try-repo clones the checkout to a new folder, so cargo
        // rebuilds the tlsfloor crate each time; unoptimised, that takes a
        // minute instead of several. The build is still the real
        // `cargo install --path .` of the hook.
        .env("CARGO_PROFILE_RELEASE_OPT_LEVEL", "0")
        .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "16")
        .env("NO_COLOR", "1")
        .env_remove("GIT_DIR")
        .env_remove("GIT_INDEX_FILE")
        .env_remove("GIT_WORK_TREE"))
}

const LEGACY: &str = "# Work mail, synced by cron every 10 minutes\nIMAPAccount work\nHost outlook.office365.com\nUser jane.doe@example.com\nPassCmd \"pass show mail/work\"\nSSLType IMAPS\nSSLVersions TLSv1\n\nIMAPStore work-remote\nAccount work\n";

const COMPLIANT: &str = "# Work mail, synced by cron every 10 minutes\nIMAPAccount work\nHost outlook.office365.com\nUser jane.doe@example.com\nPassCmd \"pass show mail/work\"\nTLSType IMAPS\nTLSVersions +1.2 +1.3\n\nIMAPStore work-remote\nAccount work\n";

#[test]
fn the_pre_commit_hook_fails_on_a_legacy_mbsyncrc_and_passes_on_a_compliant_one() {
    let scratch = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let pre_commit = pre_commit(scratch.path());
    let repo = scratch.path().join("dotfiles");
    std::fs::create_dir_all(&repo).unwrap_or_else(|e| panic!("{e}"));
    git(&repo, &["init", "--quiet"]);
    git(&repo, &["config", "user.email", "test@example.com"]);
    git(&repo, &["config", "user.name", "test"]);

    std::fs::write(repo.join(".mbsyncrc"), LEGACY).unwrap_or_else(|e| panic!("{e}"));
    git(&repo, &["add", ".mbsyncrc"]);
    let o = try_repo(&pre_commit, &repo, scratch.path());
    let out = text(&o);
    assert_eq!(
        o.status.code(),
        Some(1),
        "the hook passed a legacy file:\n{out}"
    );
    assert!(out.contains("Failed"), "{out}");
    assert!(out.contains(".mbsyncrc:7:"), "{out}");
    assert!(out.contains("TLS001"), "{out}");

    std::fs::write(repo.join(".mbsyncrc"), COMPLIANT).unwrap_or_else(|e| panic!("{e}"));
    git(&repo, &["add", ".mbsyncrc"]);
    let o = try_repo(&pre_commit, &repo, scratch.path());
    let out = text(&o);
    assert_eq!(
        o.status.code(),
        Some(0),
        "the hook failed a compliant file:\n{out}"
    );
    assert!(out.contains("Passed"), "{out}");
}
