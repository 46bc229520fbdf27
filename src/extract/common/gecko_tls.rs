//! Gecko's (Thunderbird's, Firefox's) TLS version preferences, shared by the
//! extractors of the files that set them: preference files and AutoConfig
//! (`thunderbird_prefs`) and enterprise policies (`thunderbird_policies`).
//!
//! Gecko reads the range in `nsNSSComponent::SetEnabledTLSVersions`
//! (`security/manager/ssl/nsNSSComponent.cpp`): `security.tls.version.min`
//! and `.max` hold 0 SSL 3.0, 1 TLS 1.0, 2 TLS 1.1, 3 TLS 1.2, 4 TLS 1.3;
//! `security.tls.version.enable-deprecated = true` lowers the minimum to
//! TLS 1.0 (`min(min, 1)`) before the range is checked; a range whose
//! minimum exceeds its maximum is discarded for the defaults (TLS 1.2 to
//! 1.3 since Gecko 78).

/// The minimum version preference.
pub const MIN_PREF: &str = "security.tls.version.min";
/// The maximum version preference.
pub const MAX_PREF: &str = "security.tls.version.max";
/// The switch that re-enables TLS 1.0 and 1.1 below the minimum.
pub const DEPRECATED_PREF: &str = "security.tls.version.enable-deprecated";

/// The preference value `enable-deprecated` lowers the minimum to (TLS 1.0,
/// `PSM_DEPRECATED_TLS_VERSION`).
pub const DEPRECATED_MIN: i64 = 1;

/// A `security.tls.version.*` value as a fact version name (`None` for a
/// value that is not a version).
pub fn version_name(v: i64) -> Option<&'static str> {
    match v {
        0 => Some("ssl3"),
        1 => Some("1.0"),
        2 => Some("1.1"),
        3 => Some("1.2"),
        4 => Some("1.3"),
        _ => None,
    }
}

/// A fact version name for messages: `TLS 1.1`, `SSL 3.0`.
pub fn version_label(v: &str) -> String {
    match v {
        "ssl3" => "SSL 3.0".to_owned(),
        "ssl2" => "SSL 2.0".to_owned(),
        other => format!("TLS {other}"),
    }
}

/// The minimum Gecko uses given the minimum preference (`None`: not set by
/// the file) and whether `enable-deprecated` is on, and whether the switch
/// lowered it. With the switch on and no minimum in the file, the result is
/// TLS 1.0: every Gecko default minimum is TLS 1.0 or higher.
pub fn lowered_min(min: Option<i64>, deprecated: bool) -> (Option<i64>, bool) {
    if !deprecated {
        return (min, false);
    }
    let lowered = min.is_none_or(|v| v > DEPRECATED_MIN);
    (
        Some(min.map_or(DEPRECATED_MIN, |v| v.min(DEPRECATED_MIN))),
        lowered,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_labels() {
        assert_eq!(version_name(0), Some("ssl3"));
        assert_eq!(version_name(2), Some("1.1"));
        assert_eq!(version_name(4), Some("1.3"));
        assert_eq!(version_name(5), None);
        assert_eq!(version_name(-1), None);
        assert_eq!(version_label("1.1"), "TLS 1.1");
        assert_eq!(version_label("ssl3"), "SSL 3.0");
    }

    #[test]
    fn enable_deprecated_lowers_the_minimum_to_tls10() {
        assert_eq!(lowered_min(Some(3), false), (Some(3), false));
        assert_eq!(lowered_min(None, false), (None, false));
        assert_eq!(lowered_min(Some(3), true), (Some(1), true));
        assert_eq!(lowered_min(None, true), (Some(1), true));
        assert_eq!(lowered_min(Some(1), true), (Some(1), false));
        assert_eq!(lowered_min(Some(0), true), (Some(0), false));
    }
}
