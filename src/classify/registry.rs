//! The one table of formats: adding a format is one module under
//! `src/extract/` and one entry here. `tlsfloor formats` and the README's
//! formats table are generated from this table.

use crate::extract::{
    curl_cmdline, curlrc, cyclonedx_json, dotnet_config, dovecot, endpoints, env_tls_keys,
    fetchmail, getmail, gnutls_config, java_properties, java_security, java_source, jvm_options,
    mbsync, mozilla_autoconfig, msbuild_project, mutt, node_tls_flags, offlineimap, openssl_cnf,
    openssl_s_client, postfix, powershell, python, spring_yaml, thunderbird_policies,
    thunderbird_prefs, windows_registry, ExtractFn,
};
use crate::facts::Fact;
use crate::source::SourceFile;

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

/// The signature of a scan that runs on any text file (see [`TEXT_SCANS`]):
/// the file, its comment style, and the facts its format extractor already
/// found (so a scan can skip what is known).
pub type TextScanFn = fn(&SourceFile, CommentStyle, &[Fact]) -> Vec<Fact>;

/// A scan that runs on every text file that is not prose, whatever its
/// format: settings that appear in shell scripts, Dockerfiles, systemd
/// units, CI YAML and env files alike.
pub struct TextScanSpec {
    pub id: &'static str,
    /// Prefilter: the scan runs only on files holding one of these.
    pub keywords: &'static [&'static str],
    /// What the scan reports, for `tlsfloor formats` and the README.
    pub extracts: &'static str,
    pub scan: TextScanFn,
}

/// Every any-file scan, run in this order after the format extractor. The
/// endpoint scan comes last: it skips hosts that earlier extractors already
/// reported, so a host is judged once.
pub static TEXT_SCANS: &[TextScanSpec] = &[
    TextScanSpec {
        id: "jvm-options",
        keywords: jvm_options::KEYWORDS,
        extracts: jvm_options::EXTRACTS,
        scan: jvm_options::scan,
    },
    TextScanSpec {
        id: "curl",
        keywords: curl_cmdline::KEYWORDS,
        extracts: curl_cmdline::EXTRACTS,
        scan: curl_cmdline::scan,
    },
    TextScanSpec {
        id: "openssl-s-client",
        keywords: openssl_s_client::KEYWORDS,
        extracts: openssl_s_client::EXTRACTS,
        scan: openssl_s_client::scan,
    },
    TextScanSpec {
        id: "node-tls-flags",
        keywords: node_tls_flags::KEYWORDS,
        extracts: node_tls_flags::EXTRACTS,
        scan: node_tls_flags::scan,
    },
    TextScanSpec {
        id: "env-tls-keys",
        keywords: env_tls_keys::KEYWORDS,
        extracts: env_tls_keys::EXTRACTS,
        scan: env_tls_keys::scan,
    },
    TextScanSpec {
        id: "endpoints",
        keywords: endpoints::KEYWORDS,
        extracts: endpoints::EXTRACTS,
        scan: endpoints::extract,
    },
];

/// Tells, line by line, whether a line is commented out, following
/// multi-line `/* ... */` and `<!-- ... -->` blocks. Any-file scans use it so
/// a commented-out setting is never a finding.
#[derive(Debug, Clone, Copy)]
pub struct CommentFilter {
    style: CommentStyle,
    in_block: bool,
}

impl CommentFilter {
    pub fn new(style: CommentStyle) -> Self {
        CommentFilter {
            style,
            in_block: false,
        }
    }

    /// Whether `line` (the next line of the file) is a comment.
    pub fn is_comment(&mut self, line: &str) -> bool {
        let t = line.trim_start();
        let block = matches!(self.style, CommentStyle::Slash | CommentStyle::SlashOrHash);
        let xml = self.style == CommentStyle::Xml;
        if self.in_block {
            if t.contains(if xml { "-->" } else { "*/" }) {
                self.in_block = false;
            }
            return true;
        }
        if (block && t.starts_with("/*") && !t.contains("*/"))
            || (xml && t.starts_with("<!--") && !t.contains("-->"))
        {
            self.in_block = true;
            return true;
        }
        self.style.is_comment_line(line)
    }
}

/// One recognised format.
pub struct FormatSpec {
    /// Stable id, written into facts as `format`.
    pub id: &'static str,
    /// Human name of the program or format.
    pub name: &'static str,
    pub kind: SourceKind,
    /// Path globs (case-insensitive), matched at any depth (`.mutt/*rc`
    /// matches `home/jane/.mutt/muttrc`); a leading `/` anchors a glob at
    /// the scan root.
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
        // `isyncrc` is the XDG name (isync 1.5); `*dot_mbsyncrc` the chezmoi
        // source names; `mbsync/config` a common `mbsync -c` target.
        globs: &[".mbsyncrc", "mbsyncrc", "isyncrc", "*.mbsyncrc", ".mbsyncrc-*", "*dot_mbsyncrc", "**/mbsync/config"],
        sniff: None,
        keywords: &["IMAPAccount", "IMAPStore"],
        comments: CommentStyle::Hash,
        extracts: "IMAPAccount and self-contained IMAPStore sections: Host (incl. imaps:), Port, TLSType/SSLType, TLSVersions/SSLVersions, legacy UseIMAPS/RequireSSL/UseSSLv*/UseTLSv1* keys, Tunnel",
        extract: mbsync::extract,
    },
    FormatSpec {
        id: "fetchmail",
        name: "fetchmail",
        kind: SourceKind::Config,
        // `fetchmailrc` covers the system daemon's /etc/fetchmailrc;
        // `*dot_fetchmailrc` the chezmoi source names.
        globs: &[".fetchmailrc", "fetchmailrc", "*.fetchmailrc", ".fetchmailrc-*", "*dot_fetchmailrc", "fetchmail.conf"],
        sniff: None,
        keywords: &["poll", "skip", "server"],
        comments: CommentStyle::Hash,
        extracts: "poll/skip entries with their defaults, per user: server/via, protocol, port/service, ssl, sslproto",
        extract: fetchmail::extract,
    },
    FormatSpec {
        id: "offlineimap",
        name: "OfflineIMAP / offlineimap3",
        kind: SourceKind::Config,
        globs: &[".offlineimaprc", "offlineimaprc", "*.offlineimaprc", "offlineimap.conf", "**/.config/offlineimap/config"],
        sniff: None,
        keywords: &["Repository"],
        comments: CommentStyle::Semicolon,
        extracts: "IMAP/Gmail repositories ([DEFAULT] applied): remotehost(eval), remoteport, ssl, starttls, ssl_version, tls_level, tunnels",
        extract: offlineimap::extract,
    },
    FormatSpec {
        id: "mutt",
        name: "mutt / neomutt",
        kind: SourceKind::Config,
        globs: &[".muttrc", "muttrc", ".neomuttrc", "neomuttrc", "*.muttrc", "*.neomuttrc", "**/.mutt/*rc", "**/.mutt/accounts/*", "**/.config/mutt/*", "**/.config/mutt/accounts/*", "**/.config/neomutt/*", "**/.config/neomutt/accounts/*"],
        sniff: None,
        keywords: &["ssl_", "imap", "pop", "smtp"],
        comments: CommentStyle::Hash,
        extracts: "mail URLs (imap[s]://, pop[s]://, smtp[s]://) in set values, mailboxes, hook bodies and macros; ssl_use_sslv3/tlsv1*, ssl_force_tls, ssl_starttls",
        extract: mutt::extract,
    },
    FormatSpec {
        id: "thunderbird-prefs",
        name: "Thunderbird prefs.js / user.js",
        kind: SourceKind::Config,
        globs: &["prefs.js", "user.js", "**/defaults/pref/*.js", "*.cfg"],
        sniff: Some(thunderbird_prefs::sniff),
        keywords: &["mail.server", "mail.smtpserver", "security.tls.version"],
        comments: CommentStyle::Slash,
        extracts: "incoming (mail.server.*: type, hostname, realhostname, port, socketType, isSecure) and outgoing (mail.smtpserver.*: hostname, port, try_ssl) servers, with security.tls.version.min/max/enable-deprecated as their TLS range (an application-wide setting when the file has no server); AutoConfig lockPref/defaultPref/pref",
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
        extracts: "metadata.component and components, nested components included: name, group, version (else the purl's or CPE's), purl, cpe",
        extract: cyclonedx_json::extract,
    },
    FormatSpec {
        id: "getmail",
        name: "getmail / getmail6",
        kind: SourceKind::Config,
        globs: &["getmailrc", "getmailrc*", ".getmail/*", ".config/getmail/*", "getmail/*"],
        sniff: Some(getmail::sniff),
        keywords: &["[retriever]"],
        comments: CommentStyle::Semicolon,
        extracts: "the [retriever] section: type (POP3/IMAP, SSL or not), server, port, ssl_version",
        extract: getmail::extract,
    },
    FormatSpec {
        id: "postfix",
        name: "Postfix main.cf",
        kind: SourceKind::Config,
        globs: &["main.cf", "master.cf", "**/postfix/*.cf"],
        sniff: None,
        keywords: &["relayhost", "smtp_tls", "smtp_use_tls", "smtp_enforce_tls"],
        comments: CommentStyle::Hash,
        extracts: "the SMTP client: relayhost, smtp_tls_security_level (or legacy smtp_use_tls/smtp_enforce_tls, compatibility_level), smtp_tls_wrappermode, smtp_tls_protocols/smtp_tls_mandatory_protocols (>=/<= bounds, hex, !exclusion lists), $name references; master.cf -o overrides on smtp services",
        extract: postfix::extract,
    },
    FormatSpec {
        id: "dovecot",
        name: "Dovecot",
        kind: SourceKind::Config,
        globs: &["dovecot*.conf", "**/dovecot/*.conf", "**/dovecot/conf.d/*.conf", "**/dovecot/conf.d/*.ext", "dovecot-*.conf.ext"],
        sniff: None,
        keywords: &["ssl_min_protocol", "ssl_protocols", "imapc", "driver"],
        comments: CommentStyle::Hash,
        extracts: "Dovecot as IMAP client: imapc_host/imapc_port/imapc_ssl per section and passdb imap args, with ssl_min_protocol (ssl_client, protocol filters) or 2.2 ssl_protocols; server-side ssl_min_protocol/ssl_protocols as application-wide settings",
        extract: dovecot::extract,
    },
    FormatSpec {
        id: "openssl-cnf",
        name: "OpenSSL configuration",
        kind: SourceKind::Config,
        globs: &["openssl.cnf", "openssl*.cnf", "ssl/*.cnf", "*.cnf", "**/crypto-policies/back-ends/opensslcnf.config"],
        sniff: Some(openssl_cnf::sniff),
        keywords: &["Protocol"],
        comments: CommentStyle::Hash,
        extracts: "MinProtocol, MaxProtocol, Protocol in the ssl_conf sections openssl_conf leads to (system_default system-wide, other names and other programs' *_conf per application); CipherString @SECLEVEL as evidence",
        extract: openssl_cnf::extract,
    },
    FormatSpec {
        id: "java-security",
        name: "Java java.security",
        kind: SourceKind::Config,
        globs: &["java.security", "*.java.security", "security/java.security", "**/crypto-policies/back-ends/java.config"],
        sniff: None,
        keywords: &["jdk.tls"],
        comments: CommentStyle::Hash,
        extracts: "jdk.tls.disabledAlgorithms: the SSL/TLS versions it switches off for every JSSE client of the JDK",
        extract: java_security::extract,
    },
    FormatSpec {
        id: "gnutls-config",
        name: "GnuTLS system configuration",
        kind: SourceKind::Config,
        globs: &["**/gnutls/config", "**/gnutls/*.conf", "gnutls.conf", "**/gnutls/default-priorities", "**/crypto-policies/back-ends/gnutls.config"],
        sniff: None,
        keywords: &[],
        comments: CommentStyle::Hash,
        extracts: "[overrides] disabled-version/enabled-version (per override-mode) and default-priority-string; [priorities] strings (SYSTEM system-wide, others per application)",
        extract: gnutls_config::extract,
    },
    FormatSpec {
        id: "java-properties",
        name: "JavaMail / Jakarta Mail / Spring Boot .properties",
        kind: SourceKind::Config,
        globs: &["*.properties"],
        sniff: None,
        keywords: &["mail."],
        comments: CommentStyle::Hash,
        extracts: "JavaMail/Jakarta Mail `mail.<protocol>.*` for imap, imaps, pop3, pop3s, smtp, smtps (host, port, ssl.enable, starttls.enable/required, ssl.protocols, socketFactory.class), `mail.store.protocol`/`mail.transport.protocol`, and Spring Boot `spring.mail.*` (host, port, protocol, ssl.enabled, properties.*), `#---` profile documents",
        extract: java_properties::extract,
    },
    FormatSpec {
        id: "spring-yaml",
        name: "Spring Boot application.yml",
        kind: SourceKind::Config,
        globs: &["application.yml", "application.yaml", "application-*.yml", "application-*.yaml", "bootstrap.yml", "bootstrap.yaml", "bootstrap-*.yml", "bootstrap-*.yaml"],
        sniff: None,
        keywords: &["mail"],
        comments: CommentStyle::Hash,
        extracts: "`spring.mail.*` (host, port, protocol, ssl.enabled, properties.mail.*) and JavaMail `mail.<protocol>.*` keys, nested or dotted, across `---` profile documents (`spring.config.activate.on-profile`)",
        extract: spring_yaml::extract,
    },
    FormatSpec {
        id: "dotnet-config",
        name: ".NET app.config / web.config",
        kind: SourceKind::Config,
        globs: &["app.config", "web.config", "*.exe.config", "*.dll.config", "machine.config", "web.*.config", "app.*.config"],
        sniff: None,
        keywords: &["AppContextSwitchOverrides", "httpRuntime", "supportedRuntime", "mailSettings", "targetFramework"],
        comments: CommentStyle::Xml,
        extracts: "PLACEHOLDER",
        extract: dotnet_config::extract,
    },
    FormatSpec {
        id: "msbuild-project",
        name: "MSBuild project",
        kind: SourceKind::Code,
        globs: &["*.csproj", "*.vbproj", "*.fsproj", "Directory.Build.props"],
        sniff: None,
        keywords: &["TargetFramework"],
        comments: CommentStyle::Xml,
        extracts: "PLACEHOLDER",
        extract: msbuild_project::extract,
    },
    FormatSpec {
        id: "windows-registry",
        name: "Windows registry export",
        kind: SourceKind::Config,
        globs: &["*.reg"],
        sniff: None,
        keywords: &["SCHANNEL", ".NETFramework", "WinHttp"],
        comments: CommentStyle::Semicolon,
        extracts: "PLACEHOLDER",
        extract: windows_registry::extract,
    },
    FormatSpec {
        id: "powershell",
        name: "PowerShell",
        kind: SourceKind::Code,
        globs: &["*.ps1", "*.psm1"],
        sniff: None,
        keywords: &["SecurityProtocol", "Send-MailMessage", "SmtpClient", "ImapClient", "Pop3Client"],
        comments: CommentStyle::Hash,
        extracts: "PLACEHOLDER",
        extract: powershell::extract,
    },
    FormatSpec {
        id: "curlrc",
        name: "curl config file",
        kind: SourceKind::Config,
        globs: &[".curlrc", "_curlrc", "curlrc", ".config/curlrc"],
        sniff: None,
        keywords: &[],
        comments: CommentStyle::Hash,
        extracts: "PLACEHOLDER",
        extract: curlrc::extract,
    },
    FormatSpec {
        id: "thunderbird-policies",
        name: "Thunderbird enterprise policies.json",
        kind: SourceKind::Config,
        globs: &["policies.json"],
        sniff: Some(thunderbird_policies::sniff),
        keywords: &["SSLVersion", "Preferences"],
        comments: CommentStyle::None,
        extracts: "PLACEHOLDER",
        extract: thunderbird_policies::extract,
    },
    FormatSpec {
        id: "mozilla-autoconfig",
        name: "Thunderbird ISP autoconfig XML",
        kind: SourceKind::Config,
        globs: &["config-v1.1.xml", "*.xml"],
        sniff: Some(mozilla_autoconfig::sniff),
        keywords: &["incomingServer", "outgoingServer"],
        comments: CommentStyle::Xml,
        extracts: "PLACEHOLDER",
        extract: mozilla_autoconfig::extract,
    },
    FormatSpec {
        id: "java-source",
        name: "Java / Kotlin source",
        kind: SourceKind::Code,
        globs: &["*.java", "*.kt", "*.kts"],
        sniff: None,
        keywords: &["SSLContext", "protocols", "mail.", "jdk.tls", "Store", "Transport", "JavaMailSender", "MailSSLSocketFactory", "MailReceiver", "URLName", "InboundAdapter", "IdleAdapter", "IMAPSClient", "POP3SClient", "SMTPSClient", "SimpleEmail", "HtmlEmail", "MultiPartEmail"],
        comments: CommentStyle::Slash,
        extracts: "JSSE TLS versions: SSLContext.getInstance (SunJSSE client defaults), MailSSLSocketFactory, setEnabledProtocols / enabledProtocols, SSLParameters protocols, Commons Net IMAPS/POP3S/SMTPS clients, System.setProperty(jdk.tls.client.protocols); JavaMail properties set in code (put/setProperty/props[k]/`k to v`, Spring JavaMailSenderImpl setters); mail clients (Session getStore/getTransport + connect, Transport.send, JavaMailSenderImpl, Spring Integration receivers, URLName, Commons Net, Commons Email) tied to the socket factory or context their session uses; HttpClient SSLConnectionSocketFactory protocols (not mail)",
        extract: java_source::extract,
    },
];
