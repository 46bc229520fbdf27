//! The one table of formats: adding a format is one module under
//! `src/extract/` and one entry here. `tlsfloor formats` and the README's
//! formats table are generated from this table.

use crate::extract::{
    android_build_prop, apk_installed, buildroot_manifest, c_source, csharp_source, curl_cmdline,
    curlrc, cyclonedx_json, cyclonedx_xml, device_inventory, dotnet_config, dovecot,
    dpkg_query_manifest, dpkg_status, endpoints, env_tls_keys, esp_idf_sdkconfig, fetchmail,
    getmail, gnutls_config, go_source, java_properties, java_security, java_source, js_source,
    jvm_options, mbedtls_config, mbsync, mozilla_autoconfig, msbuild_project, mutt, node_tls_flags,
    offlineimap, openssl_cnf, openssl_s_client, openwrt_manifest, perl_source, php_source, postfix,
    powershell, python, ruby_source, rust_source, spdx_json, spdx_tag_value, spring_yaml,
    thunderbird_policies, thunderbird_prefs, windows_registry, wolfssl_settings, yocto_manifest,
    zephyr_kconfig, ExtractFn,
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
    /// Prefilter, second condition: when not empty, the file must also hold
    /// one of these. For scans whose every fact needs two things to appear
    /// (a `curl` command *and* a mail URL scheme), this keeps the scan off
    /// the many files that mention only one of them.
    pub requires: &'static [&'static str],
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
        requires: &[],
        extracts: jvm_options::EXTRACTS,
        scan: jvm_options::scan,
    },
    TextScanSpec {
        id: "curl",
        keywords: curl_cmdline::KEYWORDS,
        requires: curl_cmdline::REQUIRES,
        extracts: curl_cmdline::EXTRACTS,
        scan: curl_cmdline::scan,
    },
    TextScanSpec {
        id: "openssl-s-client",
        keywords: openssl_s_client::KEYWORDS,
        requires: &[],
        extracts: openssl_s_client::EXTRACTS,
        scan: openssl_s_client::scan,
    },
    TextScanSpec {
        id: "node-tls-flags",
        keywords: node_tls_flags::KEYWORDS,
        requires: &[],
        extracts: node_tls_flags::EXTRACTS,
        scan: node_tls_flags::scan,
    },
    TextScanSpec {
        id: "env-tls-keys",
        keywords: env_tls_keys::KEYWORDS,
        requires: env_tls_keys::REQUIRES,
        extracts: env_tls_keys::EXTRACTS,
        scan: env_tls_keys::scan,
    },
    TextScanSpec {
        id: "endpoints",
        keywords: endpoints::KEYWORDS,
        requires: &[],
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
        globs: &[".mbsyncrc", "mbsyncrc", "isyncrc", "*.mbsyncrc", ".mbsyncrc-*", "mbsyncrc-*", "isyncrc-*", "*dot_mbsyncrc", "**/mbsync/config"],
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
        keywords: &["ssl", "imaplib", "poplib", "smtplib", "imapclient", "aioimaplib", "imap_tools"],
        comments: CommentStyle::Hash,
        extracts: "SSL contexts (SSLContext(PROTOCOL_*), create_default_context, minimum_version/maximum_version, OP_NO_* options, wrap_socket/ssl_version=) and the imaplib, poplib, smtplib, imapclient, aioimaplib, imap_tools (`MailBox`, `MailBoxTls`, `MailBoxUnencrypted` with `ssl_context=`) clients using them (host, port, implicit TLS/STARTTLS, context)",
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
        id: "cyclonedx-xml",
        name: "CycloneDX XML SBOM",
        kind: SourceKind::Firmware,
        globs: &["*.cdx.xml", "bom.xml", "*.bom.xml", "*sbom*.xml", "*cyclonedx*.xml", "*.xml"],
        sniff: Some(cyclonedx_xml::sniff),
        keywords: &["cyclonedx.org/schema/bom/"],
        comments: CommentStyle::Xml,
        extracts: "`<bom>` in a CycloneDX 1.0-1.7 namespace: metadata/component and components, nested components included: name, group, version (else the purl's or CPE's), purl, cpe",
        extract: cyclonedx_xml::extract,
    },
    FormatSpec {
        id: "spdx-json",
        name: "SPDX JSON SBOM",
        kind: SourceKind::Firmware,
        globs: &["*.spdx.json", "*spdx*.json", "*sbom*.json", "*.json"],
        sniff: Some(spdx_json::sniff),
        keywords: &["spdxVersion", "spdx.org/rdf/3."],
        comments: CommentStyle::None,
        extracts: "SPDX 2.2/2.3 `packages`: name, SPDXID, versionInfo (else the purl's or CPE's), externalRefs of type purl, cpe23Type, cpe22Type; SPDX 3.0 JSON-LD `software_Package` elements: name, software_packageVersion, software_packageUrl, externalIdentifier (packageUrl, cpe23, cpe22)",
        extract: spdx_json::extract,
    },
    FormatSpec {
        id: "spdx-tag-value",
        name: "SPDX tag-value SBOM",
        kind: SourceKind::Firmware,
        globs: &["*.spdx", "*.spdx.txt", "*spdx*.txt", "*.spdx.tv"],
        sniff: Some(spdx_tag_value::sniff),
        keywords: &["PackageName:"],
        comments: CommentStyle::Hash,
        extracts: "SPDX 2.x packages (`PackageName:` sections, multi-line `<text>` values): SPDXID, PackageVersion (else the purl's or CPE's), `ExternalRef:` purl, cpe23Type, cpe22Type",
        extract: spdx_tag_value::extract,
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
        sniff: Some(gnutls_config::sniff),
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
        keywords: &["AppContextSwitchOverrides", "AppContext.SetSwitch", "httpRuntime", "supportedRuntime", "mailSettings"],
        comments: CommentStyle::Xml,
        extracts: "the process TLS default from the DontEnableSchUseStrongCrypto / DontEnableSystemDefaultTlsVersions switches (AppContextSwitchOverrides, ASP.NET AppContext.SetSwitch app settings) and the target framework; supportedRuntime sku and httpRuntime targetFramework runtimes; mailSettings SMTP server (host, port, enableSsl = STARTTLS)",
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
        extracts: ".NET Framework targets: TargetFrameworkVersion (v4.5) and TargetFramework(s) monikers (net40, net472); .NET 5+, netcoreapp and netstandard give none",
        extract: msbuild_project::extract,
    },
    FormatSpec {
        id: "windows-registry",
        name: "Windows registry export",
        kind: SourceKind::Config,
        globs: &["*.reg"],
        sniff: None,
        keywords: &["SCHANNEL", ".NETFramework"],
        comments: CommentStyle::Semicolon,
        extracts: "Schannel client protocols (`SCHANNEL\\Protocols\\TLS 1.x\\Client` Enabled / DisabledByDefault) and .NET Framework SchUseStrongCrypto / SystemDefaultTlsVersions DWORDs; UTF-16 exports, key and value deletions",
        extract: windows_registry::extract,
    },
    FormatSpec {
        id: "yocto-manifest",
        name: "Yocto / OpenEmbedded image manifest",
        kind: SourceKind::Firmware,
        globs: &["*.manifest"],
        sniff: Some(yocto_manifest::sniff),
        // Every package is a fact: the format itself is the filter (glob
        // and sniff), as for SBOMs.
        keywords: &[],
        comments: CommentStyle::None,
        extracts: "`package architecture version` lines of `*.rootfs.manifest` (and SDK `*.target.manifest`): every installed package with its version as the package manager wrote it (`1.0.2o-r0`, `1:…` epochs, rpm's bare `PV`)",
        extract: yocto_manifest::extract,
    },
    FormatSpec {
        id: "openwrt-manifest",
        name: "OpenWrt image manifest / opkg list-installed",
        kind: SourceKind::Firmware,
        // `*list-installed*`: saved `opkg list-installed` output.
        globs: &["*.manifest", "*list-installed*"],
        sniff: Some(openwrt_manifest::sniff),
        keywords: &[],
        comments: CommentStyle::None,
        extracts: "`package - version` lines (image builder `.manifest`, opkg or apk, saved `opkg list-installed`): every installed package with its ABI-suffixed name and version (`libopenssl1.1 - 1.1.1k-1`)",
        extract: openwrt_manifest::extract,
    },
    FormatSpec {
        id: "dpkg-query-manifest",
        name: "Debian / Ubuntu image manifest (dpkg-query)",
        kind: SourceKind::Firmware,
        globs: &["*.manifest", "filesystem.manifest-*"],
        sniff: Some(dpkg_query_manifest::sniff),
        keywords: &[],
        comments: CommentStyle::None,
        extracts: "`package version` lines of `dpkg-query --show` output: Ubuntu cloud image `*.manifest` (tab, `libssl1.1:amd64` qualifiers, `snap:` lines skipped) and live ISO `casper/filesystem.manifest`: every package with its Debian version",
        extract: dpkg_query_manifest::extract,
    },
    FormatSpec {
        id: "buildroot-manifest",
        name: "Buildroot legal-info manifest",
        kind: SourceKind::Firmware,
        globs: &["manifest.csv"],
        sniff: Some(buildroot_manifest::sniff),
        keywords: &["PACKAGE"],
        comments: CommentStyle::None,
        extracts: "`legal-info/manifest.csv` rows (quoted and 2012's unquoted layout): PACKAGE and VERSION of every target package; `host-manifest.csv` (build-machine tools) is not read",
        extract: buildroot_manifest::extract,
    },
    FormatSpec {
        id: "dpkg-status",
        name: "dpkg / opkg package database",
        kind: SourceKind::Firmware,
        globs: &["dpkg/status", "dpkg/status.d/*", "opkg/status"],
        sniff: Some(dpkg_status::sniff),
        keywords: &["Package"],
        comments: CommentStyle::None,
        extracts: "`var/lib/dpkg/status`, distroless `status.d/*` and `opkg/status` stanzas: Package and Version of every installed package (Status `installed`, `unpacked`, `half-configured`, `triggers-*`; none means installed), with Architecture and Source in the evidence",
        extract: dpkg_status::extract,
    },
    FormatSpec {
        id: "apk-installed",
        name: "Alpine apk package database",
        kind: SourceKind::Firmware,
        globs: &["apk/db/installed"],
        sniff: Some(apk_installed::sniff),
        keywords: &["P:"],
        comments: CommentStyle::None,
        extracts: "`lib/apk/db/installed` stanzas: P (name) and V (version, `-rN` release) of every installed package, with A (architecture) and o (origin package) in the evidence",
        extract: apk_installed::extract,
    },
    FormatSpec {
        id: "android-build-prop",
        name: "Android build.prop",
        kind: SourceKind::Firmware,
        // `getprop*`: saved `adb shell getprop` output.
        globs: &["build.prop", "*build.prop", "default.prop", "prop.default", "getprop*"],
        sniff: None,
        keywords: &["ro.build.version.sdk"],
        comments: CommentStyle::Hash,
        extracts: "`key=value` property files and saved `getprop` output (`[key]: [value]`): `ro.build.version.sdk` (the API level, as an `Android` runtime) with `ro.build.version.release`, `ro.product.manufacturer` and `ro.product.model` as evidence; first assignment wins",
        extract: android_build_prop::extract,
    },
    FormatSpec {
        id: "powershell",
        name: "PowerShell",
        kind: SourceKind::Code,
        globs: &["*.ps1", "*.psm1"],
        sniff: None,
        keywords: &["SecurityProtocol", "Send-MailMessage", "SmtpClient", "ImapClient", "Pop3Client"],
        comments: CommentStyle::Hash,
        extracts: "`[Net.ServicePointManager]::SecurityProtocol` assignments (enum, string, numeric, -bor/+= forms); Send-MailMessage (named, positional, splatted), System.Net.Mail.SmtpClient and MailKit clients with Connect options and SslProtocols",
        extract: powershell::extract,
    },
    FormatSpec {
        id: "curlrc",
        name: "curl config file",
        kind: SourceKind::Config,
        // `*.curlrc`: files written for `curl -K`.
        globs: &[".curlrc", "_curlrc", "curlrc", ".config/curlrc", "*.curlrc"],
        sniff: None,
        keywords: &[],
        comments: CommentStyle::Hash,
        extracts: "`option = value` / `option: value` / `--option value` lines (quoted values, `#` comments): `url` with `tlsv1*`, `tls-max`, `sslv2/3`, `ssl`/`ssl-reqd`, per `next` operation; a connection per mail URL, else the TLS versions as curl's application-wide setting",
        extract: curlrc::extract,
    },
    FormatSpec {
        id: "thunderbird-policies",
        name: "Thunderbird enterprise policies.json",
        kind: SourceKind::Config,
        globs: &["policies.json"],
        sniff: Some(thunderbird_policies::sniff),
        keywords: &["SSLVersionMin", "SSLVersionMax", "security.tls.version"],
        comments: CommentStyle::None,
        extracts: "`SSLVersionMin`/`SSLVersionMax` and the `Preferences` policy's `security.tls.version.enable-deprecated` (its `security.tls.version.min`/`max` are refused by the policy engine) as one connection standing for every Thunderbird account; a browser's file (`firefox/` path or Firefox-only policies) as an application-wide setting",
        extract: thunderbird_policies::extract,
    },
    FormatSpec {
        id: "mozilla-autoconfig",
        name: "Thunderbird ISP autoconfig XML",
        kind: SourceKind::Config,
        globs: &["config-v1.1.xml", "*.xml", "**/ispdb/*"],
        sniff: Some(mozilla_autoconfig::sniff),
        keywords: &["incomingServer", "outgoingServer"],
        comments: CommentStyle::Xml,
        extracts: "`clientConfig` files: each `incomingServer` (imap, pop3) and `outgoingServer` (smtp) with hostname (`%EMAILDOMAIN%`-style placeholders: host unknown), port and socketType (plain, SSL, STARTTLS); the format has no TLS version element",
        extract: mozilla_autoconfig::extract,
    },
    FormatSpec {
        id: "java-source",
        name: "Java / Kotlin source",
        kind: SourceKind::Code,
        globs: &["*.java", "*.kt", "*.kts"],
        sniff: None,
        keywords: &["SSLContext", "protocols", "mail.", "jdk.tls", "Store", "Transport", "JavaMailSender", "MailSSLSocketFactory", "MailReceiver", "URLName", "InboundAdapter", "IdleAdapter", "IMAPSClient", "POP3SClient", "SMTPSClient", "SimpleEmail", "HtmlEmail", "MultiPartEmail", "TlsVersion"],
        comments: CommentStyle::Slash,
        extracts: "JSSE TLS versions: SSLContext.getInstance (SunJSSE client defaults), MailSSLSocketFactory, setEnabledProtocols / enabledProtocols, SSLParameters protocols, Commons Net IMAPS/POP3S/SMTPS clients, System.setProperty(jdk.tls.client.protocols); JavaMail properties set in code (put/setProperty/props[k]/`k to v`, Spring JavaMailSenderImpl setters); mail clients (Session getStore/getTransport + connect, Transport.send, JavaMailSenderImpl, Spring Integration receivers, URLName, Commons Net, Commons Email) tied to the socket factory or context their session uses; HttpClient SSLConnectionSocketFactory protocols (not mail)",
        extract: java_source::extract,
    },
    FormatSpec {
        id: "javascript",
        name: "JavaScript / TypeScript (Node)",
        kind: SourceKind::Code,
        globs: &["*.js", "*.mjs", "*.cjs", "*.ts", "*.mts", "*.cts", "*.jsx", "*.tsx"],
        sniff: None,
        keywords: &["minVersion", "maxVersion", "secureProtocol", "secureOptions", "DEFAULT_M", "nodemailer", "imap"],
        comments: CommentStyle::Slash,
        extracts: "TLS options objects (minVersion, maxVersion, secureProtocol, secureOptions `SSL_OP_NO_TLSv1_*` flags of tls.connect, tls.createSecureContext, https.Agent and mail clients), tls.DEFAULT_MIN_VERSION/DEFAULT_MAX_VERSION, and the nodemailer (createTransport options incl. well-known `service` names, and smtp/smtps URLs), node-imap (new Imap) and imapflow (new ImapFlow) clients using them (host, port, implicit TLS/STARTTLS, tls/tlsOptions)",
        extract: js_source::extract,
    },
    FormatSpec {
        id: "php",
        name: "PHP",
        kind: SourceKind::Code,
        globs: &["*.php", "*.phtml", "*.inc"],
        sniff: None,
        keywords: &["crypto_method", "proto_version", "STREAM_CRYPTO", "stream_socket_client", "fsockopen", "imap_open", "PHPMailer", "SMTPSecure", "SMTPOptions", "fromDsn", "EsmtpTransport"],
        comments: CommentStyle::SlashOrHash,
        extracts: "stream context ssl options (crypto_method, min_proto_version, max_proto_version with STREAM_CRYPTO_* constants), stream_socket_enable_crypto and stream_context_set_option, TLS transports of stream_socket_client/fsockopen (ssl://, tls://, tlsv1.x://) on mail ports, imap_open mailbox flags (host, port, /ssl, /tls, /notls, /pop3), and PHPMailer (Host, Port, SMTPSecure, SMTPAutoTLS, SMTPOptions)",
        extract: php_source::extract,
    },
    FormatSpec {
        id: "go",
        name: "Go",
        kind: SourceKind::Code,
        globs: &["*.go"],
        sniff: None,
        keywords: &["crypto/tls", "tls.", "go-imap", "imapclient", "net/smtp", "smtp."],
        comments: CommentStyle::Slash,
        extracts: "crypto/tls `tls.Config{MinVersion, MaxVersion}` literals and later field assignments (`tls.VersionTLS10`, `0x0301`), and the mail clients using them: go-imap v1 `client.Dial`/`DialTLS` + `StartTLS`, v2 `imapclient.DialTLS`/`DialStartTLS`/`DialInsecure` with `Options.TLSConfig`, net/smtp `Dial`/`StartTLS`/`SendMail`, `tls.Dial` to a mail port or into `smtp.NewClient` (host, port, TLS mode, config)",
        extract: go_source::extract,
    },
    FormatSpec {
        id: "rust",
        name: "Rust",
        kind: SourceKind::Code,
        globs: &["*.rs"],
        sniff: None,
        keywords: &["protocol_version", "proto_version", "set_options", "tls_version", "TlsConnector", "SslConnector", "imap", "SmtpTransport"],
        comments: CommentStyle::Slash,
        extracts: "native-tls `TlsConnector::builder()` `min_protocol_version`/`max_protocol_version`, openssl `SslConnector`/`SslContext` builders with `set_min_proto_version`/`set_max_proto_version`/`set_options(NO_TLSV1_*)`, lettre `TlsParameters` `set_min_tls_version`, and the imap/async-imap (`connect`, `connect_starttls`, `ClientBuilder`) and lettre (`SmtpTransport::relay`/`starttls_relay`/`builder_dangerous`, `.port`, `.tls`) clients using them; rustls is TLS 1.2+ and never a setting",
        extract: rust_source::extract,
    },
    FormatSpec {
        id: "wolfssl-settings",
        name: "wolfSSL user_settings.h / options.h",
        kind: SourceKind::Firmware,
        // Before "c": these headers are build configuration, not code.
        globs: &["user_settings.h", "user_settings_*.h", "**/wolfssl/options.h"],
        sniff: Some(wolfssl_settings::sniff),
        keywords: &["NO_OLD_TLS", "WOLFSSL_ALLOW_TLSV10", "WOLFSSL_NO_TLS12", "NO_TLS", "WOLFSSL_ALLOW_SSLV3", "WOLFSSL_TLS13", "WOLFCRYPT_ONLY", "WOLFSSL_MAX_STRENGTH"],
        comments: CommentStyle::Slash,
        extracts: "the TLS versions the wolfSSL build compiles in: `NO_OLD_TLS`, `WOLFSSL_ALLOW_TLSV10`, `WOLFSSL_ALLOW_SSLV3`, `WOLFSSL_NO_TLS12`, `WOLFSSL_TLS13`, `NO_TLS`, `WOLFCRYPT_ONLY`, `WOLFSSL_MAX_STRENGTH` (`#define`/`#undef` pairs of configure's options.h; conditional lines unknown)",
        extract: wolfssl_settings::extract,
    },
    FormatSpec {
        id: "mbedtls-config",
        name: "Mbed TLS configuration header",
        kind: SourceKind::Firmware,
        // Any header that (un)defines a protocol macro on a line of its
        // own: `MBEDTLS_CONFIG_FILE` / `MBEDTLS_USER_CONFIG_FILE` names are
        // free. Before "c", which would otherwise claim it.
        globs: &["mbedtls_config.h", "config.h", "*.h"],
        sniff: Some(mbedtls_config::sniff),
        keywords: &["MBEDTLS_SSL_PROTO_"],
        comments: CommentStyle::Slash,
        extracts: "`MBEDTLS_SSL_PROTO_SSL3`/`TLS1`/`TLS1_1`/`TLS1_2`/`TLS1_3` defined, `#undef`ined or commented out (`//#define`): the TLS versions the build compiles in; a header defining `MBEDTLS_SSL_TLS_C` is a complete configuration (missing versions off), others are `MBEDTLS_USER_CONFIG_FILE` fragments; `#if 0` skipped, conditional lines unknown; the example configs of a vendored Mbed TLS tree skipped",
        extract: mbedtls_config::extract,
    },
    FormatSpec {
        id: "c",
        name: "C / C++",
        kind: SourceKind::Code,
        globs: &["*.c", "*.h", "*.cc", "*.cpp", "*.cxx", "*.hpp", "*.hh"],
        sniff: None,
        keywords: &["_method", "proto_version", "SSL_OP_NO_", "curl_easy_setopt", "mbedtls_", "wolfSSL", "htons", "BIO_", "getaddrinfo", "grbitEnabledProtocols", "grbitDisabledProtocols"],
        comments: CommentStyle::Slash,
        extracts: "OpenSSL `SSL_CTX_new(TLSv1_client_method())` pins, `SSL_CTX_set_min/max_proto_version`, `SSL_CTX_set_options(SSL_OP_NO_TLSv1_*)`; libcurl `CURLOPT_SSLVERSION` (`CURL_SSLVERSION_*`, `_MAX_*`) with `CURLOPT_URL` mail URLs and `CURLOPT_USE_SSL`; Mbed TLS `mbedtls_ssl_conf_min/max_version` and `_tls_version`; wolfSSL `wolfTLSv1_client_method`, `wolfSSL_CTX_SetMinVersion`; Schannel `SCHANNEL_CRED.grbitEnabledProtocols` and `SCH_CREDENTIALS` `TLS_PARAMETERS.grbitDisabledProtocols` (`SP_PROT_*_CLIENT` masks); connections to mail ports (`mbedtls_net_connect`, `BIO_new_connect`, `htons(465)`, `#define`d values); `#if 0` blocks skipped",
        extract: c_source::extract,
    },
    FormatSpec {
        id: "csharp",
        name: "C#",
        kind: SourceKind::Code,
        globs: &["*.cs"],
        sniff: None,
        keywords: &["SecurityProtocol", "SslProtocols", "AuthenticateAsClient", "MailKit", "System.Net.Mail", "SmtpClient", "ImapClient", "Pop3Client", "TcpClient"],
        comments: CommentStyle::Slash,
        extracts: "`ServicePointManager.SecurityProtocol = SecurityProtocolType.Tls | ...` and `|=` (members or numeric casts, process-wide); `SslProtocols` on MailKit clients (`client.SslProtocols = SslProtocols.Tls`), in `SslStream.AuthenticateAsClient(Async)(host, certs, protocols, check)` and in `SslClientAuthenticationOptions.EnabledSslProtocols`; MailKit `ImapClient`/`Pop3Client`/`SmtpClient` `Connect(Async)(host, port, SecureSocketOptions or useSsl)`, System.Net.Mail `new SmtpClient(host, port)` with `EnableSsl`, and `SslStream` over `new TcpClient(host, mailPort)` (host, port, TLS mode; `SmtpClient` resolved by `using` directives; locals per method)",
        extract: csharp_source::extract,
    },
    FormatSpec {
        id: "ruby",
        name: "Ruby",
        kind: SourceKind::Code,
        globs: &["*.rb", "Rakefile", "*.rake"],
        sniff: None,
        keywords: &["Net::IMAP", "Net::POP3", "Net::SMTP", "SSLContext", "min_version", "max_version", "ssl_version"],
        comments: CommentStyle::Hash,
        extracts: "OpenSSL `SSLContext` versions (`min_version`/`max_version` with `OpenSSL::SSL::TLS1_VERSION`, `:TLS1_1` or `0x0301`, `ssl_version = :TLSv1` pins, `SSLContext.new(:TLSv1)`, `set_params`), as a context variable or a `set_params` hash (inline or in a variable), and the stdlib mail clients using them: `Net::IMAP.new(host, port:, ssl: hash)` + `starttls(**params)`, `Net::POP3` `enable_ssl(params)` (instance or class-wide), `Net::SMTP` `enable_tls(ctx)`/`enable_starttls(ctx)`/`start(tls:, starttls:, ssl_context_params:)` (host, port, TLS mode, context; local variables per `def`)",
        extract: ruby_source::extract,
    },
    FormatSpec {
        id: "perl",
        name: "Perl",
        kind: SourceKind::Code,
        globs: &["*.pl", "*.pm", "*.t"],
        sniff: None,
        keywords: &["IO::Socket::SSL", "IMAPClient", "Net::IMAP::Simple", "Net::SMTP", "Net::POP3", "SSL_version"],
        comments: CommentStyle::Hash,
        extracts: "IO::Socket::SSL `SSL_version` strings (`TLSv1`/`TLSv11` pins, `SSLv23:!TLSv1_2:!TLSv1_3` exclusions; strings IO::Socket::SSL rejects are ignored) in `IO::Socket::SSL->new` to a mail port and `->start_SSL`, `Mail::IMAPClient->new` (`Server`, `Port`, `Ssl => [...]`, `Starttls => [...]`), `Net::IMAP::Simple->new` (`use_ssl`, `ssl_version`, `ssl_options`, `->starttls`), libnet `Net::SMTP->new`/`Net::POP3->new` (`SSL`, `Port`, `SSL_version`, `->starttls(SSL_version => ...)`), process-wide `IO::Socket::SSL::set_defaults`/`set_client_defaults` (host, port, TLS mode)",
        extract: perl_source::extract,
    },
    FormatSpec {
        id: "esp-idf-sdkconfig",
        name: "ESP-IDF sdkconfig",
        kind: SourceKind::Firmware,
        globs: &["sdkconfig", "sdkconfig.old", "sdkconfig.defaults", "sdkconfig.defaults.*", "sdkconfig.ci", "sdkconfig.ci.*"],
        sniff: None,
        keywords: &["MBEDTLS_SSL_PROTO_"],
        comments: CommentStyle::Hash,
        extracts: "`CONFIG_MBEDTLS_SSL_PROTO_SSL3`/`TLS1`/`TLS1_1` (IDF 4.x), `TLS1_2`, `TLS1_3` (IDF 5.1+) as `=y`, `=n` or `# ... is not set`: the TLS versions the firmware's Mbed TLS compiles in (generated `sdkconfig` complete, `sdkconfig.defaults` over IDF defaults)",
        extract: esp_idf_sdkconfig::extract,
    },
    FormatSpec {
        id: "zephyr-kconfig",
        name: "Zephyr prj.conf / .config",
        kind: SourceKind::Firmware,
        globs: &["prj.conf", "prj_*.conf", "overlay-*.conf", "overlay_*.conf", "**/boards/*.conf", ".config"],
        sniff: Some(zephyr_kconfig::sniff),
        keywords: &["MBEDTLS_TLS_VERSION_", "MBEDTLS_SSL_PROTO_"],
        comments: CommentStyle::Hash,
        extracts: "`CONFIG_MBEDTLS_TLS_VERSION_1_0`/`1_1`/`1_2` (and `CONFIG_MBEDTLS_SSL_PROTO_TLS1*` spellings): the TLS versions the Zephyr Mbed TLS module compiles in (generated `.config` complete, fragments over Kconfig defaults)",
        extract: zephyr_kconfig::extract,
    },
    FormatSpec {
        id: "device-inventory",
        name: "tlsfloor device inventory",
        kind: SourceKind::Firmware,
        globs: &["tlsfloor-devices.toml", "tlsfloor-devices.*.toml"],
        sniff: None,
        keywords: &[],
        comments: CommentStyle::Hash,
        extracts: "`[[device]]` tables (vendor, model, firmware, name, location, owner), their `[[device.mail]]` servers (protocol, host, port, security) and `[device.attestation]` (tls_max, tls_min, url, date, confirmed_by): one device fact per mail server, with the vendor-attested TLS range or none",
        extract: device_inventory::extract,
    },
];
