//! Parsing pieces that several extractors need. Each has one job.

pub mod build_switches;
pub mod c_defines;
pub mod code_lexer;
pub mod code_tls;
pub mod env_vars;
pub mod evidence;
pub mod gecko_tls;
pub mod gnutls_priority;
pub mod ini;
pub mod java_properties;
pub mod javamail;
pub mod json;
pub mod kconfig;
pub mod mail_url;
pub mod openssl_protocols;
pub mod package_fact;
pub mod redact;
pub mod sbom;
pub mod shell_words;
pub mod tls_version;
pub mod version_gaps;
pub mod words;
pub mod xml;
pub mod yaml_lines;
