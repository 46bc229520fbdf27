//! PLACEHOLDER being written.

use crate::extract::ExtractError;
use crate::facts::Fact;
use crate::source::SourceFile;

pub fn sniff(_text: &str) -> bool {
    false
}

pub fn extract(_file: &SourceFile) -> Result<Vec<Fact>, ExtractError> {
    Ok(Vec::new())
}
