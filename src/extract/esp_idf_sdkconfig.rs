//! ESP-IDF project configuration: the generated `sdkconfig` (and the
//! `sdkconfig.old` backup) and the hand-written `sdkconfig.defaults`,
//! `sdkconfig.defaults.<target>` and `sdkconfig.ci.*` fragments, read with
//! `common::kconfig`.
//!
//! ESP-IDF builds Mbed TLS with one Kconfig option per protocol version
//! (`components/mbedtls/Kconfig`): up to IDF 4.4 (Mbed TLS 2.x)
//! `CONFIG_MBEDTLS_SSL_PROTO_SSL3` (default n), `CONFIG_MBEDTLS_SSL_PROTO_TLS1`
//! and `CONFIG_MBEDTLS_SSL_PROTO_TLS1_1` (both default **y**) and
//! `CONFIG_MBEDTLS_SSL_PROTO_TLS1_2` (default y); from IDF 5.0 (Mbed TLS 3.x)
//! only `CONFIG_MBEDTLS_SSL_PROTO_TLS1_2` (default y; current releases
//! select it whenever TLS is enabled) and `CONFIG_MBEDTLS_SSL_PROTO_TLS1_3`
//! (IDF 5.1+, default n).
//!
//! A generated `sdkconfig` lists every option whose dependencies are met,
//! so an option it does not list is off (not in this IDF release, or TLS
//! disabled). A fragment is applied over the defaults of whatever release
//! builds it: TLS 1.2 is on unless the fragment turns it off; the other
//! versions are unknown, except that a fragment using the 2.x-only options
//! implies a release without TLS 1.3, and one using the TLS 1.3 option a
//! release without TLS 1.0/1.1. One `tls_setting` fact of scope `build`
//! (client `esp-idf`) when the file sets any of these options.

use crate::extract::common::build_switches::{Place, Switches};
use crate::extract::common::kconfig::entries;
use crate::extract::ExtractError;
use crate::facts::Fact;
use crate::source::SourceFile;

/// The client name facts carry (selects the remedy).
pub const CLIENT: &str = "esp-idf";

const OPTIONS: &[(&str, &str)] = &[
    ("MBEDTLS_SSL_PROTO_SSL3", "ssl3"),
    ("MBEDTLS_SSL_PROTO_TLS1", "1.0"),
    ("MBEDTLS_SSL_PROTO_TLS1_1", "1.1"),
    ("MBEDTLS_SSL_PROTO_TLS1_2", "1.2"),
    ("MBEDTLS_SSL_PROTO_TLS1_3", "1.3"),
];

const LEGACY: [&str; 3] = ["ssl3", "1.0", "1.1"];

/// Whether the file is the generated, complete configuration.
fn is_generated(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.eq_ignore_ascii_case("sdkconfig") || name.eq_ignore_ascii_case("sdkconfig.old")
}

pub fn extract(file: &SourceFile) -> Result<Vec<Fact>, ExtractError> {
    let mut switches = Switches::new();
    let mut seen = false;
    let (mut legacy, mut tls13) = (false, false);
    for e in entries(file) {
        let Some((_, version)) = OPTIONS.iter().find(|(o, _)| *o == e.name) else {
            continue;
        };
        seen = true;
        legacy |= LEGACY.contains(version);
        tls13 |= *version == "1.3";
        let value = if e.not_set { "is not set" } else { e.value };
        let place = Place::at(file, e.name, &format!("CONFIG_{}", e.name), value);
        switches.set(version, e.as_bool(), Some(place));
    }
    if !seen {
        return Ok(Vec::new());
    }
    if is_generated(file.path) {
        for (_, v) in OPTIONS {
            switches.default_to(v, false);
        }
    } else {
        switches.default_to("1.2", true);
        if legacy && !tls13 {
            switches.default_to("1.3", false);
        }
        if tls13 && !legacy {
            for v in LEGACY {
                switches.default_to(v, false);
            }
        }
    }
    Ok(switches.fact(CLIENT).into_iter().collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::test_support::{facts, range};
    use crate::facts::Basis;

    #[test]
    fn idf44_generated_config_has_tls10_on() {
        let text = "\
CONFIG_MBEDTLS_TLS_ENABLED=y
# CONFIG_MBEDTLS_SSL_PROTO_SSL3 is not set
CONFIG_MBEDTLS_SSL_PROTO_TLS1=y
CONFIG_MBEDTLS_SSL_PROTO_TLS1_1=y
CONFIG_MBEDTLS_SSL_PROTO_TLS1_2=y
";
        let f = facts(extract, "fw/sdkconfig", text);
        assert_eq!(range(&f[0]), (Some("1.0"), Some("1.2"), Basis::Explicit));
        assert_eq!(f[0].location.line, 3);
        assert_eq!(f[0].client.as_deref(), Some(CLIENT));
    }

    #[test]
    fn generated_config_without_tls12() {
        let text = "CONFIG_MBEDTLS_SSL_PROTO_TLS1=y\nCONFIG_MBEDTLS_SSL_PROTO_TLS1_1=y\n# CONFIG_MBEDTLS_SSL_PROTO_TLS1_2 is not set\n";
        let f = facts(extract, "sdkconfig", text);
        assert_eq!(range(&f[0]), (Some("1.0"), Some("1.1"), Basis::Explicit));
        assert_eq!(f[0].location.line, 3);
    }

    #[test]
    fn idf5_fragment_and_defaults() {
        let f = facts(
            extract,
            "sdkconfig.defaults",
            "CONFIG_MBEDTLS_SSL_PROTO_TLS1_3=y\n",
        );
        assert_eq!(range(&f[0]), (Some("1.2"), Some("1.3"), Basis::Explicit));
        let f = facts(
            extract,
            "sdkconfig.defaults",
            "CONFIG_MBEDTLS_SSL_PROTO_TLS1=n\n",
        );
        assert_eq!(range(&f[0]), (Some("1.2"), Some("1.2"), Basis::Explicit));
        assert!(facts(extract, "sdkconfig.defaults", "CONFIG_FREERTOS_HZ=1000\n").is_empty());
    }
}
