//! Extractors: one module per format, each turning a file's text into facts.
//!
//! An extractor reports what the file says and never whether it complies.
//! Shared parsing lives in [`common`] so that no two extractors carry their
//! own copy of, say, TLS version spelling or URL parsing.

pub mod android_build_prop;
pub mod apk_installed;
pub mod buildroot_manifest;
pub mod c_source;
pub mod common;
pub mod csharp_source;
pub mod curl_cmdline;
pub mod curlrc;
pub mod cyclonedx_json;
pub mod cyclonedx_xml;
pub mod device_inventory;
pub mod dotnet_config;
pub mod dovecot;
pub mod dpkg_query_manifest;
pub mod dpkg_status;
pub mod endpoints;
pub mod env_tls_keys;
pub mod esp_idf_sdkconfig;
pub mod fetchmail;
pub mod getmail;
pub mod gnutls_config;
pub mod go_source;
pub mod java_properties;
pub mod java_security;
pub mod java_source;
pub mod js_source;
pub mod jvm_options;
pub mod mbedtls_config;
pub mod mbsync;
pub mod mozilla_autoconfig;
pub mod msbuild_project;
pub mod mutt;
pub mod node_tls_flags;
pub mod offlineimap;
pub mod openssl_cnf;
pub mod openssl_s_client;
pub mod openwrt_manifest;
pub mod perl_source;
pub mod php_source;
pub mod postfix;
pub mod powershell;
pub mod python;
pub mod ruby_source;
pub mod rust_source;
pub mod spdx_json;
pub mod spdx_tag_value;
pub mod spring_yaml;
#[cfg(test)]
pub(crate) mod test_support;
pub mod thunderbird_policies;
pub mod thunderbird_prefs;
pub mod windows_registry;
pub mod wolfssl_settings;
pub mod yocto_manifest;
pub mod zephyr_kconfig;

use crate::facts::Fact;
use crate::source::SourceFile;
use std::fmt;

/// Why a file could not be extracted (it is malformed for its format).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExtractError {
    pub message: String,
    /// 1-based line of the problem, where known.
    pub line: Option<usize>,
}

impl ExtractError {
    pub fn new(message: impl Into<String>, line: Option<usize>) -> Self {
        ExtractError {
            message: message.into(),
            line,
        }
    }
}

impl fmt::Display for ExtractError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "line {line}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

/// The signature every extractor has.
pub type ExtractFn = fn(&SourceFile) -> Result<Vec<Fact>, ExtractError>;
