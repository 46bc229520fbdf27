//! Helpers for extractor unit tests, so each module's tests state only the
//! input and what must come out of it.

use super::{ExtractError, ExtractFn};
use crate::facts::{Basis, Fact};
use crate::source::SourceFile;

/// Runs `extract` on `text` named `name`; panics (failing the test) on error.
pub fn facts(extract: ExtractFn, name: &str, text: &str) -> Vec<Fact> {
    extract(&SourceFile::new(name, text)).unwrap_or_else(|e| panic!("{e}"))
}

/// Runs `extract` on `text` named `name` and returns its error; panics if
/// it succeeded.
pub fn error(extract: ExtractFn, name: &str, text: &str) -> ExtractError {
    match extract(&SourceFile::new(name, text)) {
        Ok(f) => panic!("expected an error, got {f:?}"),
        Err(e) => e,
    }
}

/// A fact's TLS range as a tuple, for compact assertions.
pub fn range(f: &Fact) -> (Option<&str>, Option<&str>, Basis) {
    let t = f.tls.as_ref().unwrap_or_else(|| panic!("no tls"));
    (t.min.as_deref(), t.max.as_deref(), t.basis)
}

/// The facts of `kind` among `facts`.
pub fn of_kind(facts: &[Fact], kind: crate::facts::FactKind) -> Vec<&Fact> {
    facts.iter().filter(|f| f.kind == kind).collect()
}

/// Runs an any-file scan over `text` as if it were the file `path`, with
/// the comment style its extension implies.
pub fn scan_text(scan: crate::classify::registry::TextScanFn, path: &str, text: &str) -> Vec<Fact> {
    let file = SourceFile::new(path, text);
    scan(&file, crate::classify::comment_style_for_path(path), &[])
}

/// A fact's component (manifest and SBOM extractors); panics without one.
pub fn component(f: &Fact) -> &crate::facts::Component {
    f.component
        .as_ref()
        .unwrap_or_else(|| panic!("no component in {f:?}"))
}

/// Each component fact's name and version, in order, for compact
/// assertions on package manifests.
pub fn packages(facts: &[Fact]) -> Vec<(String, Option<String>)> {
    facts
        .iter()
        .filter_map(|f| f.component.as_ref())
        .map(|c| (c.name.clone(), c.version.clone()))
        .collect()
}
