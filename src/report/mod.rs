//! Output formats. Each renders a finished [`crate::scan::ScanReport`]; none
//! decides anything about the findings.

pub mod fingerprint;
pub mod github_limits;
pub mod json;
pub mod sarif;
pub mod text;
pub mod underline;
