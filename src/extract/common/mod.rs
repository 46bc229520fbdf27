//! Parsing pieces that several extractors need. Each has one job.

pub mod ini;
pub mod java_properties;
pub mod javamail;
pub mod mail_url;
pub mod redact;
pub mod tls_version;
pub mod words;
