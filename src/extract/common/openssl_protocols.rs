//! OpenSSL-style protocol lists (`!SSLv2, !SSLv3, TLSv1.2`) and OpenSSL's
//! rule for turning a set of enabled versions into the range it negotiates.
//!
//! Postfix (`smtp_tls_protocols`) and Dovecot 2.2 (`ssl_protocols`) both
//! write protocol lists as OpenSSL names, each either included (`TLSv1`) or
//! excluded (`!TLSv1`); an include list also excludes every other version
//! the program knows. OpenSSL then negotiates only a contiguous range: from
//! the lowest enabled version up to the first disabled one, so excluding a
//! middle version disables everything above it (postconf(5): "disabling any
//! higher version implicitly disables all versions above that higher
//! version"). Both programs need exactly this, so it lives here once.

use crate::extract::common::tls_version::{VersionSet, ORDER};

/// The fact version of an OpenSSL protocol name (`SSL_TXT_*`: `SSLv2`,
/// `SSLv3`, `TLSv1`, `TLSv1.1`, `TLSv1.2`, `TLSv1.3`), ASCII
/// case-insensitive as both programs compare them. Other spellings
/// (`TLS1.2`, `tls1_2`) are not protocol names to OpenSSL.
pub fn protocol_name(token: &str) -> Option<&'static str> {
    Some(match token.to_ascii_lowercase().as_str() {
        "sslv2" => "ssl2",
        "sslv3" => "ssl3",
        "tlsv1" => "1.0",
        "tlsv1.1" => "1.1",
        "tlsv1.2" => "1.2",
        "tlsv1.3" => "1.3",
        _ => return None,
    })
}

/// The include and exclude marks of a protocol list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ProtocolMask {
    include: VersionSet,
    exclude: VersionSet,
}

impl ProtocolMask {
    pub fn new() -> Self {
        ProtocolMask::default()
    }

    /// Adds one `name` or `!name` token; `false` when it is not a protocol
    /// name (the caller decides what an invalid list means).
    pub fn add(&mut self, token: &str) -> bool {
        let (negated, name) = match token.strip_prefix('!') {
            Some(rest) => (true, rest),
            None => (false, token),
        };
        let Some(version) = protocol_name(name) else {
            return false;
        };
        if negated {
            self.exclude.set(version, true);
        } else {
            self.include.set(version, true);
        }
        true
    }

    /// Excludes `version` as if the list said `!version`.
    pub fn exclude(&mut self, version: &str) {
        self.exclude.set(version, true);
    }

    /// The versions left enabled: all but the excluded ones and, when the
    /// list includes any version, all `known` versions it does not include
    /// (versions the program cannot name stay enabled).
    pub fn enabled(&self, known: VersionSet) -> VersionSet {
        // SSLv2 is gone from OpenSSL 1.1.0 and off by default before it, so
        // it is only in play when a list names it; otherwise an exclusion
        // list such as `!SSLv3` would leave a lone SSLv2 below the hole.
        let mut set = VersionSet::between("ssl3", ORDER[ORDER.len() - 1]);
        if self.include.contains("ssl2") {
            set.set("ssl2", true);
        }
        for version in ORDER {
            let not_included = !self.include.is_empty() && !self.include.contains(version);
            if self.exclude.contains(version) || (not_included && known.contains(version)) {
                set.set(version, false);
            }
        }
        set
    }
}

/// The range OpenSSL negotiates from `enabled`: the lowest enabled version
/// up to the last one before the first disabled version above it. `None`
/// when nothing is enabled.
pub fn negotiable(enabled: VersionSet) -> Option<(&'static str, &'static str)> {
    let (low, _) = enabled.bounds()?;
    let start = ORDER.iter().position(|v| *v == low)?;
    let mut high = low;
    for version in &ORDER[start..] {
        if !enabled.contains(version) {
            break;
        }
        high = version;
    }
    Some((low, high))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn range(tokens: &[&str], known: VersionSet) -> Option<(&'static str, &'static str)> {
        let mut mask = ProtocolMask::new();
        for t in tokens {
            assert!(mask.add(t), "{t}");
        }
        negotiable(mask.enabled(known))
    }

    fn all() -> VersionSet {
        VersionSet::between("ssl2", "1.3")
    }

    #[test]
    fn exclusions_and_the_contiguity_rule() {
        assert_eq!(range(&["!SSLv2", "!SSLv3"], all()), Some(("1.0", "1.3")));
        assert_eq!(
            range(&["!SSLv2", "!SSLv3", "!TLSv1.1"], all()),
            Some(("1.0", "1.0"))
        );
        assert_eq!(
            range(&["!sslv2", "!sslv3", "!tlsv1.2", "!tlsv1.3"], all()),
            Some(("1.0", "1.1"))
        );
    }

    #[test]
    fn a_lone_exclusion_does_not_leave_sslv2() {
        assert_eq!(range(&["!SSLv3"], all()), Some(("1.0", "1.3")));
        assert_eq!(
            range(&["!SSLv3", "!TLSv1", "!TLSv1.1"], all()),
            Some(("1.2", "1.3"))
        );
        assert_eq!(range(&["SSLv2", "SSLv3"], all()), Some(("ssl2", "ssl3")));
    }

    #[test]
    fn inclusions_exclude_the_rest_of_the_known_versions() {
        assert_eq!(range(&["TLSv1", "TLSv1.1"], all()), Some(("1.0", "1.1")));
        // A program that cannot name TLS 1.3 cannot exclude it either.
        let up_to_12 = VersionSet::between("ssl2", "1.2");
        assert_eq!(range(&["TLSv1.2"], up_to_12), Some(("1.2", "1.3")));
        assert_eq!(range(&["TLSv1", "!TLSv1"], all()), None);
    }

    #[test]
    fn only_openssl_names_are_protocols() {
        let mut mask = ProtocolMask::new();
        for bad in ["TLS1.2", "tls1_2", "!", "", "TLSv1.4", "SSLv23"] {
            assert!(!mask.add(bad), "{bad}");
        }
        assert_eq!(protocol_name("TLSV1.2"), Some("1.2"));
    }
}
