//! The facts document: the contract between extractors and policies.
//!
//! Extractors report what a file *says*; policies decide what it means. The
//! shape serialised here is versioned as [`SCHEMA`] and documented field by
//! field in `policies/README.md`. Every field of a [`Fact`] is always present
//! in the JSON (unknown or not applicable is `null`), so a policy never has
//! to guess whether a key is missing or unknown.

use serde::{Deserialize, Serialize};

/// Version tag of the facts document. Change it together with the policies.
pub const SCHEMA: &str = "tlsfloor.facts/1";

/// The whole policy input for a scan (or for one file, see `policy`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct FactsDocument {
    pub schema: String,
    /// Options of the scan that policies need, such as the scope.
    pub settings: Settings,
    pub files: Vec<FileFacts>,
}

/// Scan options visible to policies as `input.settings`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Settings {
    /// `mail` (default): only settings tied to a mail client are judged;
    /// `all`: every TLS setting is.
    pub scope: String,
}

/// The facts of one file.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct FileFacts {
    /// Relative to the scan root, with `/` separators.
    pub path: String,
    /// The format id from the format registry (`mbsync`, `python`, ...).
    pub format: String,
    /// SHA-256 of the file's bytes, lower-case hex: ties evidence to content.
    pub sha256: String,
    pub facts: Vec<Fact>,
}

/// What kind of thing a fact describes.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum FactKind {
    /// A mail connection definition (account, server, URL).
    Connection,
    /// A TLS version setting not (yet) tied to a connection.
    TlsSetting,
    /// A place where code opens a POP3/IMAP/SMTP client.
    MailUsage,
    /// A TLS library, runtime or OS named in a manifest.
    Component,
    /// A runtime the code targets whose default TLS matters.
    Runtime,
    /// A mention of a mail endpoint host name in any text file.
    EndpointReference,
    /// A device recorded in a device inventory: its mail connection and
    /// the TLS range its vendor attests (unknown without an attestation).
    Device,
}

/// Mail protocol of a connection.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Protocol {
    Imap,
    Pop3,
    Smtp,
    Unknown,
}

/// How TLS is started on a connection.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum TlsMode {
    /// TLS from the first byte (993, 995, 465).
    Implicit,
    /// Upgrade in-band (143, 110, 587).
    Starttls,
    /// No TLS at all.
    None,
    Unknown,
}

/// Where a TLS range comes from.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Basis {
    /// The file states it.
    Explicit,
    /// The client's documented default applies (the file says nothing).
    Default,
    /// Cannot be known statically.
    Unknown,
}

/// A closed interval of TLS versions; `None` bounds are unknown/open.
///
/// Versions are written `"ssl2"`, `"ssl3"`, `"1.0"`, `"1.1"`, `"1.2"`, `"1.3"`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct TlsRange {
    pub min: Option<String>,
    pub max: Option<String>,
    pub basis: Basis,
}

impl TlsRange {
    pub fn explicit(min: Option<&str>, max: Option<&str>) -> Self {
        TlsRange {
            min: min.map(str::to_owned),
            max: max.map(str::to_owned),
            basis: Basis::Explicit,
        }
    }

    pub fn unknown() -> Self {
        TlsRange {
            min: None,
            max: None,
            basis: Basis::Unknown,
        }
    }

    pub fn default_range(min: Option<&str>, max: Option<&str>) -> Self {
        TlsRange {
            basis: Basis::Default,
            ..TlsRange::explicit(min, max)
        }
    }
}

/// A 1-based region of the file; `end_column` is one past the last character.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Location {
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

impl Location {
    /// A region on one line, columns counted in characters.
    pub fn on_line(line: usize, column: usize, end_column: usize) -> Self {
        Location {
            line,
            column,
            end_line: line,
            end_column,
        }
    }
}

/// Another place in the same file that belongs to the evidence.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Related {
    /// What part of the evidence this is (may be empty): `host`, `port`, `tls_mode`,
    /// `version`, `declaration` (the account or call that holds it), or
    /// `mail_client` (the mail client a TLS setting reaches), or `attestation`
    /// (a device's vendor attestation).
    #[serde(default)]
    pub role: String,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    /// What this place contributes ("Host outlook.office365.com"); redacted.
    pub message: String,
}

impl Related {
    pub fn new(role: &str, location: Location, message: impl Into<String>) -> Self {
        Related {
            role: role.to_owned(),
            line: location.line,
            column: location.column,
            end_line: location.end_line,
            end_column: location.end_column,
            message: message.into(),
        }
    }
}

/// A named setting as the file writes it, for `tls_setting` facts.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Setting {
    pub name: String,
    pub value: String,
}

/// A component named in a manifest.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Component {
    pub name: String,
    pub version: Option<String>,
    pub purl: Option<String>,
    pub cpe: Option<String>,
}

/// One thing an extractor found. See `policies/README.md` for every field.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Fact {
    pub kind: FactKind,
    /// The program or API (`mbsync`, `python-imaplib`, ...).
    pub client: Option<String>,
    pub protocol: Option<Protocol>,
    pub host: Option<String>,
    pub port: Option<u16>,
    pub tls_mode: Option<TlsMode>,
    pub tls: Option<TlsRange>,
    /// For `tls_setting`: `call`, `application`, `process`, `system`,
    /// `tenant` or `build`.
    pub scope: Option<String>,
    /// For `tls_setting`: the setting as written.
    pub setting: Option<Setting>,
    /// For code: the name a TLS context is bound to (`ctx`), or for a
    /// `mail_usage` the name of the context it passes. Lets policies tie a
    /// setting to the mail client that uses it.
    pub binding: Option<String>,
    /// For `component` and `runtime` facts.
    pub component: Option<Component>,
    pub location: Location,
    /// The source text behind the fact, with secrets redacted.
    pub evidence: String,
    pub related: Vec<Related>,
}

impl Fact {
    /// A fact of `kind` at `location` with every optional field unknown.
    pub fn new(kind: FactKind, location: Location, evidence: impl Into<String>) -> Self {
        Fact {
            kind,
            client: None,
            protocol: None,
            host: None,
            port: None,
            tls_mode: None,
            tls: None,
            scope: None,
            setting: None,
            binding: None,
            component: None,
            location,
            evidence: evidence.into(),
            related: Vec::new(),
        }
    }
}
