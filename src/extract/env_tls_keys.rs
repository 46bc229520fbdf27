//! PLACEHOLDER being written.

use crate::classify::CommentStyle;
use crate::facts::Fact;
use crate::source::SourceFile;

pub const KEYWORDS: &[&str] = &["PLACEHOLDER-env_tls_keys"];

pub const EXTRACTS: &str = "PLACEHOLDER";

pub fn scan(_file: &SourceFile, _comments: CommentStyle, _known: &[Fact]) -> Vec<Fact> {
    Vec::new()
}
