//! TLS version spellings, normalised to the names the facts use.
//!
//! Mail clients spell versions in a dozen ways (`TLSv1.1`, `tls1_1`,
//! `TLS1.1`, `TLSv1_1`, `1.1`); the facts use one set of names so that
//! policies compare them with one table (`policies/data/tls.json`).

/// The facts' version names, oldest first.
pub const ORDER: [&str; 6] = ["ssl2", "ssl3", "1.0", "1.1", "1.2", "1.3"];

/// Normalises a version token such as `TLSv1.1`, `tls1_1`, `TLS1`, `SSLv3`
/// or `1.2` to a fact version name. Returns `None` for anything else
/// (including `TLSv1.2+`-style suffixes, which callers strip themselves).
pub fn normalize(token: &str) -> Option<&'static str> {
    let t = token.trim().to_ascii_lowercase().replace('_', ".");
    let (is_ssl, rest) = if let Some(r) = t.strip_prefix("tlsv") {
        (false, r)
    } else if let Some(r) = t.strip_prefix("tls") {
        (false, r)
    } else if let Some(r) = t.strip_prefix("sslv") {
        (true, r)
    } else if let Some(r) = t.strip_prefix("ssl") {
        (true, r)
    } else {
        (false, t.as_str())
    };
    let rest = rest.strip_prefix(['-', ' ']).unwrap_or(rest);
    if is_ssl {
        return match rest {
            "2" | "2.0" => Some("ssl2"),
            "3" | "3.0" => Some("ssl3"),
            _ => None,
        };
    }
    match rest {
        "1" | "1.0" | "10" => Some("1.0"),
        "1.1" | "11" => Some("1.1"),
        "1.2" | "12" => Some("1.2"),
        "1.3" | "13" => Some("1.3"),
        _ => None,
    }
}

/// Position of a version name in [`ORDER`].
pub fn rank(version: &str) -> Option<usize> {
    ORDER.iter().position(|v| *v == version)
}

/// A set of enabled versions, for clients configured by listing or toggling
/// versions one by one (mbsync, mutt, Postfix).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct VersionSet {
    enabled: [bool; ORDER.len()],
}

impl VersionSet {
    pub fn empty() -> Self {
        VersionSet::default()
    }

    /// The set of versions from `min` to `max` inclusive.
    pub fn between(min: &str, max: &str) -> Self {
        let mut set = VersionSet::empty();
        if let (Some(lo), Some(hi)) = (rank(min), rank(max)) {
            for i in lo..=hi {
                set.enabled[i] = true;
            }
        }
        set
    }

    pub fn set(&mut self, version: &str, on: bool) {
        if let Some(i) = rank(version) {
            self.enabled[i] = on;
        }
    }

    pub fn contains(&self, version: &str) -> bool {
        rank(version).is_some_and(|i| self.enabled[i])
    }

    pub fn is_empty(&self) -> bool {
        !self.enabled.iter().any(|&on| on)
    }

    /// The smallest and largest enabled version (a closed interval, as the
    /// facts write ranges); `None` when nothing is enabled.
    pub fn bounds(&self) -> Option<(&'static str, &'static str)> {
        let lo = self.enabled.iter().position(|&on| on)?;
        let hi = self.enabled.iter().rposition(|&on| on)?;
        Some((ORDER[lo], ORDER[hi]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_normalise() {
        for (token, want) in [
            ("TLSv1", "1.0"),
            ("tlsv1", "1.0"),
            ("TLS1", "1.0"),
            ("tls1_0", "1.0"),
            ("TLSv1.1", "1.1"),
            ("TLSv1_1", "1.1"),
            ("tls1_1", "1.1"),
            ("TLS1.2", "1.2"),
            ("1.3", "1.3"),
            ("SSLv3", "ssl3"),
            ("ssl3", "ssl3"),
            ("SSLv2", "ssl2"),
        ] {
            assert_eq!(normalize(token), Some(want), "{token}");
        }
        for token in ["TLS", "SSLv23", "tls1.4", "auto", "", "TLSv1.2+"] {
            assert_eq!(normalize(token), None, "{token}");
        }
    }

    #[test]
    fn version_set_bounds() {
        let mut set = VersionSet::between("1.0", "1.3");
        set.set("1.2", false);
        set.set("1.3", false);
        assert_eq!(set.bounds(), Some(("1.0", "1.1")));
        assert!(VersionSet::empty().bounds().is_none());
    }
}
