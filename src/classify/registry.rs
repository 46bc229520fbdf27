//! The one table of formats: adding a format is one module under
//! `src/extract/` and one entry here. `tlsfloor formats` and the README's
//! formats table are generated from this table.

use crate::extract::{
    cyclonedx_json, fetchmail, mbsync, mutt, offlineimap, python, thunderbird_prefs, ExtractFn,
};

/// What kind of source a format is; reports group findings by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceKind {
    Config,
    Code,
    Firmware,
}

impl SourceKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::Config => "config",
            SourceKind::Code => "code",
            SourceKind::Firmware => "firmware",
        }
    }
}

/// How a format writes comments, so that scans which do not parse the
/// format (the endpoint scan) can still skip commented-out lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommentStyle {
    /// `# ...` at the start of a line.
    Hash,
    /// `// ...` (and `/* ... */` blocks, treated per line).
    Slash,
    /// `//`, `/* */` and `#` (PHP).
    SlashOrHash,
    /// `; ...` or `# ...` at the start of a line (INI, registry files).
    Semicolon,
    /// `-- ...`.
    DoubleDash,
    /// `REM` or `::` (batch files).
    Rem,
    /// `' ...` (Visual Basic).
    Apostrophe,
    /// `<!-- ... -->`.
    Xml,
    /// The format has no comments (JSON).
    None,
}

impl CommentStyle {
    /// Whether the whole line is a comment (leading whitespace ignored).
    pub fn is_comment_line(self, line: &str) -> bool {
        let t = line.trim_start();
        match self {
            CommentStyle::Hash => t.starts_with('#'),
            CommentStyle::Slash => {
                t.starts_with("//") || t.starts_with("/*") || t.starts_with("* ")
            }
            CommentStyle::SlashOrHash => {
                t.starts_with("//")
                    || t.starts_with('#')
                    || t.starts_with("/*")
                    || t.starts_with("* ")
            }
            CommentStyle::Semicolon => t.starts_with(';') || t.starts_with('#'),
            CommentStyle::DoubleDash => t.starts_with("--"),
            CommentStyle::Rem => {
                t.starts_with("::") || t.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("rem "))
            }
            CommentStyle::Apostrophe => t.starts_with('\''),
            CommentStyle::Xml => t.starts_with("<!--"),
            CommentStyle::None => false,
        }
    }
}

/// One recognised format.
pub struct FormatSpec {
    /// Stable id, written into facts as `format`.
    pub id: &'static str,
    /// Human name of the program or format.
    pub name: &'static str,
    pub kind: SourceKind,
    /// File-name globs (case-insensitive); a pattern without `/` matches the
    /// file name in any folder.
    pub globs: &'static [&'static str],
    /// Content check for names several formats share (`*.json`).
    pub sniff: Option<fn(&str) -> bool>,
    /// Prefilter: a file with none of these (ASCII case-insensitive) is not
    /// parsed. Empty means always parse.
    pub keywords: &'static [&'static str],
    pub comments: CommentStyle,
    /// What the extractor reports, for `tlsfloor formats` and the README.
    pub extracts: &'static str,
    pub extract: ExtractFn,
}

/// Every format, in classification priority order.
pub static FORMATS: &[FormatSpec] = &[
    FormatSpec {
        id: "mbsync",
        name: "isync / mbsync",
        kind: SourceKind::Config,
        globs: &[".mbsyncrc", "mbsyncrc", "isyncrc", "*.mbsyncrc", ".config/isyncrc"],
        sniff: None,
        keywords: &["IMAPAccount", "IMAPStore"],
        comments: CommentStyle::Hash,
        extracts: "IMAP accounts: Host, Port, TLSType/SSLType, TLSVersions/SSLVersions, legacy UseTLSv1*/UseIMAPS keys",
        extract: mbsync::extract,
    },
    FormatSpec {
        id: "fetchmail",
        name: "fetchmail",
        kind: SourceKind::Config,
        globs: &[".fetchmailrc", "fetchmailrc", "*.fetchmailrc", "fetchmail.conf"],
        sniff: None,
        keywords: &["poll", "skip", "server", "defaults"],
        comments: CommentStyle::Hash,
        extracts: "poll/skip entries: server, protocol, port/service, ssl, sslproto",
        extract: fetchmail::extract,
    },
    FormatSpec {
        id: "offlineimap",
        name: "OfflineIMAP / offlineimap3",
        kind: SourceKind::Config,
        globs: &[".offlineimaprc", "offlineimaprc", "*.offlineimaprc", "offlineimap.conf", ".config/offlineimap/config"],
        sniff: None,
        keywords: &["Repository"],
        comments: CommentStyle::Semicolon,
        extracts: "IMAP repositories: remotehost, remoteport, ssl, starttls, ssl_version, tls_level",
        extract: offlineimap::extract,
    },
    FormatSpec {
        id: "mutt",
        name: "mutt / neomutt",
        kind: SourceKind::Config,
        globs: &[".muttrc", "muttrc", ".neomuttrc", "neomuttrc", "*.muttrc", "*.neomuttrc", ".mutt/*rc", ".config/mutt/*", ".config/neomutt/*"],
        sniff: None,
        keywords: &["ssl_", "imap", "pop", "smtp"],
        comments: CommentStyle::Hash,
        extracts: "mail URLs (imap[s]://, pop[s]://, smtp[s]://) and ssl_use_tlsv1*, ssl_force_tls, ssl_starttls",
        extract: mutt::extract,
    },
    FormatSpec {
        id: "thunderbird-prefs",
        name: "Thunderbird prefs.js / user.js",
        kind: SourceKind::Config,
        globs: &["prefs.js", "user.js", "*/defaults/pref/*.js", "*.cfg"],
        sniff: Some(thunderbird_prefs::sniff),
        keywords: &["mail.server", "mail.smtpserver", "security.tls.version"],
        comments: CommentStyle::Slash,
        extracts: "mail.server.*/mail.smtpserver.* (type, hostname, port, socketType, try_ssl) and security.tls.version.min/max",
        extract: thunderbird_prefs::extract,
    },
    FormatSpec {
        id: "python",
        name: "Python",
        kind: SourceKind::Code,
        globs: &["*.py", "*.pyw"],
        sniff: None,
        keywords: &["ssl", "imaplib", "poplib", "smtplib", "imapclient", "aioimaplib"],
        comments: CommentStyle::Hash,
        extracts: "SSL contexts (SSLContext(PROTOCOL_*), create_default_context, minimum_version/maximum_version, OP_NO_* options, wrap_socket/ssl_version=) and the imaplib, poplib, smtplib, imapclient, aioimaplib clients using them (host, port, implicit TLS/STARTTLS, context)",
        extract: python::extract,
    },
    FormatSpec {
        id: "cyclonedx-json",
        name: "CycloneDX JSON SBOM",
        kind: SourceKind::Firmware,
        globs: &["*.cdx.json", "bom.json", "*.bom.json", "*sbom*.json", "*cyclonedx*.json", "*.json"],
        sniff: Some(cyclonedx_json::sniff),
        keywords: &["bomFormat"],
        comments: CommentStyle::None,
        extracts: "components and nested components: name, version, purl, cpe",
        extract: cyclonedx_json::extract,
    },
];
