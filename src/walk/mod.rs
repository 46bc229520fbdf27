//! Finds the files to scan: a parallel walk (the `ignore` crate, as
//! ripgrep) that honours `.gitignore`/`.ignore`/`.tlsfloorignore`, includes
//! hidden files (mail clients keep their settings in dotfiles), skips VCS
//! folders, never follows symlinks, and applies `--exclude` globs.
//! Explicitly named files (pre-commit passes them) are taken as given.

use ignore::overrides::OverrideBuilder;
use ignore::{WalkBuilder, WalkState};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// Folders of version control systems: never scanned.
const VCS_DIRS: &[&str] = &[
    ".git", ".hg", ".svn", ".bzr", "_darcs", "CVS", ".jj", ".pijul", ".fossil",
];

/// What to walk and how.
#[derive(Debug, Clone, Default)]
pub struct WalkOptions {
    pub no_ignore: bool,
    pub excludes: Vec<String>,
    pub threads: usize,
}

/// A file found by the walk.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Candidate {
    /// The path as shown in reports: relative, `/`-separated.
    pub display: String,
    /// The path to open.
    pub path: PathBuf,
}

/// Something the walk could not enter or chose not to follow.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct WalkIssue {
    pub display: String,
    pub reason: String,
    /// `true` for errors (unreadable), `false` for deliberate skips.
    pub error: bool,
}

/// The walk's result, sorted by display path so output is deterministic.
#[derive(Debug, Default)]
pub struct WalkResult {
    pub files: Vec<Candidate>,
    pub issues: Vec<WalkIssue>,
}

/// Error that stops the scan: a root that does not exist or cannot be read.
#[derive(Debug)]
pub struct RootError(pub String);

/// Turns a path into the relative `/`-separated form used in reports.
pub fn display_path(path: &Path) -> String {
    let s = path.to_string_lossy().replace('\\', "/");
    let mut s = s.as_str();
    while let Some(rest) = s.strip_prefix("./") {
        s = rest;
    }
    if s.is_empty() {
        ".".to_owned()
    } else {
        s.to_owned()
    }
}

/// The display path of `path`, found under the scan root `root`.
///
/// Relative roots keep the path as the user wrote it (`samples/x/.mbsyncrc`,
/// so that running from the repository root gives repo-relative SARIF URIs);
/// absolute roots are shown relative to the working directory when they are
/// inside it, and relative to the root itself otherwise, so that no machine
/// path ends up in a report.
fn display_for(root: &Path, path: &Path) -> String {
    // A relative root that climbs out of the working directory (`../other`)
    // is shown like an absolute one, so that no report path (and no SARIF
    // URI under %SRCROOT%) points above the scan.
    let climbs = root
        .components()
        .any(|c| matches!(c, std::path::Component::ParentDir));
    if root.is_relative() && !climbs {
        return display_path(path);
    }
    if let Ok(cwd) = std::env::current_dir() {
        if let Ok(rel) = path.strip_prefix(&cwd) {
            return display_path(rel);
        }
    }
    match path.strip_prefix(root) {
        Ok(rel) if !rel.as_os_str().is_empty() => display_path(rel),
        _ => path
            .file_name()
            .map_or_else(|| display_path(path), |n| display_path(Path::new(n))),
    }
}

/// A scan root as reports show it (see [`display_for`]): relative roots as
/// written, absolute ones relative to the working directory or by name.
pub fn root_display(root: &Path) -> String {
    display_for(root, root)
}

fn is_vcs_dir(name: &std::ffi::OsStr) -> bool {
    name.to_str().is_some_and(|n| VCS_DIRS.contains(&n))
}

/// Walks every root.
pub fn walk(roots: &[PathBuf], options: &WalkOptions) -> Result<WalkResult, RootError> {
    walk_counting(roots, options, &AtomicUsize::new(0))
}

/// Walks every root, adding each file found to `found` as it goes (for a
/// progress display; the result is the same as [`walk`]'s).
pub fn walk_counting(
    roots: &[PathBuf],
    options: &WalkOptions,
    found: &AtomicUsize,
) -> Result<WalkResult, RootError> {
    let mut result = WalkResult::default();
    for root in roots {
        let meta = std::fs::symlink_metadata(root)
            .map_err(|e| RootError(format!("cannot read scan root {}: {e}", root.display())))?;
        let excludes = build_excludes(root, &options.excludes)?;
        if meta.is_file() {
            let display = display_for(root, root);
            if !excludes.matched(root, false).is_ignore()
                && !file_excluded_from_cwd(root, &options.excludes)?
            {
                result.files.push(Candidate {
                    display,
                    path: root.clone(),
                });
                found.fetch_add(1, Ordering::Relaxed);
            }
            continue;
        }
        if meta.file_type().is_symlink() {
            // A root given as a symlink is what the user asked for: follow it
            // once, but nothing below it.
            let target = std::fs::metadata(root)
                .map_err(|e| RootError(format!("cannot read scan root {}: {e}", root.display())))?;
            if target.is_file() {
                if !excludes.matched(root, false).is_ignore() {
                    result.files.push(Candidate {
                        display: display_for(root, root),
                        path: root.clone(),
                    });
                }
                continue;
            }
        }
        std::fs::read_dir(root)
            .map_err(|e| RootError(format!("cannot read scan root {}: {e}", root.display())))?;
        walk_dir(root, options, excludes, found, &mut result);
    }
    result.files.sort();
    result.files.dedup();
    result.issues.sort();
    result.issues.dedup();
    Ok(result)
}

/// Whether an explicitly named file (pre-commit passes them) lies under an
/// excluded path, with the globs taken relative to the working directory
/// (the repository root under pre-commit, where `tlsfloor.toml` is): the
/// file and each folder above it are matched, as a directory walk would
/// have pruned an excluded folder before reaching the file.
fn file_excluded_from_cwd(file: &Path, globs: &[String]) -> Result<bool, RootError> {
    if globs.is_empty() {
        return Ok(false);
    }
    let cwd = std::env::current_dir().unwrap_or_default();
    let rel = if file.is_relative() {
        file
    } else {
        match file.strip_prefix(&cwd) {
            Ok(rel) => rel,
            Err(_) => return Ok(false),
        }
    };
    let excludes = build_excludes(Path::new("."), globs)?;
    let mut path = PathBuf::new();
    let parts: Vec<_> = rel
        .components()
        .filter(|c| !matches!(c, std::path::Component::CurDir))
        .collect();
    for (i, part) in parts.iter().enumerate() {
        path.push(part);
        let is_dir = i + 1 < parts.len();
        if excludes.matched(&path, is_dir).is_ignore() {
            return Ok(true);
        }
    }
    Ok(false)
}

fn build_excludes(root: &Path, globs: &[String]) -> Result<ignore::overrides::Override, RootError> {
    let base = if root.is_dir() {
        root
    } else {
        root.parent().unwrap_or(Path::new("."))
    };
    let mut builder = OverrideBuilder::new(base);
    for glob in globs {
        builder
            .add(&format!("!{glob}"))
            .map_err(|e| RootError(format!("bad --exclude glob {glob:?}: {e}")))?;
    }
    builder
        .build()
        .map_err(|e| RootError(format!("bad --exclude globs: {e}")))
}

fn walk_dir(
    root: &Path,
    options: &WalkOptions,
    excludes: ignore::overrides::Override,
    counter: &AtomicUsize,
    result: &mut WalkResult,
) {
    let mut builder = WalkBuilder::new(root);
    builder
        .hidden(false)
        .follow_links(false)
        .git_ignore(!options.no_ignore)
        .git_global(!options.no_ignore)
        .git_exclude(!options.no_ignore)
        .ignore(!options.no_ignore)
        .parents(!options.no_ignore)
        .overrides(excludes)
        .threads(options.threads)
        .filter_entry(|entry| {
            !(entry.depth() > 0
                && entry.file_type().is_some_and(|t| t.is_dir())
                && is_vcs_dir(entry.file_name()))
        });
    if !options.no_ignore {
        builder.add_custom_ignore_filename(".tlsfloorignore");
    }
    let found: Mutex<WalkResult> = Mutex::new(WalkResult::default());
    builder.build_parallel().run(|| {
        let found = &found;
        Box::new(move |entry| {
            let push_issue = |display: String, reason: String, error: bool| {
                if let Ok(mut f) = found.lock() {
                    f.issues.push(WalkIssue {
                        display,
                        reason,
                        error,
                    });
                }
            };
            match entry {
                Ok(entry) => {
                    let Some(file_type) = entry.file_type() else {
                        return WalkState::Continue;
                    };
                    if file_type.is_symlink() {
                        push_issue(
                            display_for(root, entry.path()),
                            "symbolic link not followed".to_owned(),
                            false,
                        );
                    } else if file_type.is_file() {
                        counter.fetch_add(1, Ordering::Relaxed);
                        if let Ok(mut f) = found.lock() {
                            f.files.push(Candidate {
                                display: display_for(root, entry.path()),
                                path: entry.into_path(),
                            });
                        }
                    } else if !file_type.is_dir() {
                        // Opening a FIFO would block the scan; devices and
                        // sockets hold no settings. Counted, not read.
                        push_issue(
                            display_for(root, entry.path()),
                            "not a regular file (FIFO, socket or device)".to_owned(),
                            false,
                        );
                    }
                }
                Err(err) => {
                    let display = error_path(&err)
                        .map_or_else(|| display_for(root, root), |p| display_for(root, &p));
                    push_issue(display, error_text(&err), true);
                }
            }
            WalkState::Continue
        })
    });
    if let Ok(found) = found.into_inner() {
        result.files.extend(found.files);
        result.issues.extend(found.issues);
    }
}

fn error_path(err: &ignore::Error) -> Option<PathBuf> {
    match err {
        ignore::Error::WithPath { path, .. } => Some(path.clone()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            error_path(err)
        }
        ignore::Error::Loop { child, .. } => Some(child.clone()),
        _ => None,
    }
}

/// The error's message without the path (reports show the path apart).
fn error_text(err: &ignore::Error) -> String {
    match err {
        ignore::Error::WithPath { err, .. } | ignore::Error::WithDepth { err, .. } => {
            error_text(err)
        }
        ignore::Error::Io(io) => io.to_string(),
        other => other.to_string(),
    }
}
