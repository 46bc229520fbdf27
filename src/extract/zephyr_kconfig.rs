//! Zephyr application configuration: `prj.conf`, `prj_<board>.conf`,
//! overlay fragments (`overlay-tls.conf`, `boards/<board>.conf`) and the
//! generated `build/zephyr/.config`, read with `common::kconfig`.
//!
//! Zephyr builds its Mbed TLS module from Kconfig (`modules/mbedtls/
//! Kconfig.tls-generic`, mapped to macros by `configs/config-tls-generic.h`):
//! `CONFIG_MBEDTLS_TLS_VERSION_1_0` and `_1_1` (default n; removed in
//! Zephyr 4.0, whose migration guide notes that Mbed TLS 3.x has no TLS
//! 1.0/1.1), `CONFIG_MBEDTLS_TLS_VERSION_1_2` (default y unless the
//! OpenThread L2 is used). The generic configuration has no TLS 1.3
//! switch. Some trees spell the options after the Mbed TLS macros
//! (`CONFIG_MBEDTLS_SSL_PROTO_TLS1_2`, `_TLS1_3`); both spellings are read.
//! On a Zephyr 4.x tree a leftover `_1_0`/`_1_1` line does nothing; it is
//! still read as turning the version on, which matters only for the
//! minimum (with TLS 1.2 off such a build has no TLS at all, and a finding
//! about the missing TLS 1.2 holds either way).
//!
//! The generated `.config` lists every visible option, so one it does not
//! list is off. A fragment is applied over the defaults: TLS 1.0/1.1 are
//! off and TLS 1.2 on unless it says otherwise; TLS 1.3 is unknown, except
//! that a fragment using the pre-4.0 `_1_0`/`_1_1` options implies a
//! release without it. One `tls_setting` fact of scope `build` (client
//! `zephyr`) when the file sets any of these options.

use crate::extract::common::build_switches::{Place, Switches};
use crate::extract::common::kconfig::entries;
use crate::extract::ExtractError;
use crate::facts::Fact;
use crate::source::SourceFile;

/// The client name facts carry (selects the remedy).
pub const CLIENT: &str = "zephyr";

const OPTIONS: &[(&str, &str)] = &[
    ("MBEDTLS_TLS_VERSION_1_0", "1.0"),
    ("MBEDTLS_TLS_VERSION_1_1", "1.1"),
    ("MBEDTLS_TLS_VERSION_1_2", "1.2"),
    ("MBEDTLS_TLS_VERSION_1_3", "1.3"),
    ("MBEDTLS_SSL_PROTO_TLS1", "1.0"),
    ("MBEDTLS_SSL_PROTO_TLS1_1", "1.1"),
    ("MBEDTLS_SSL_PROTO_TLS1_2", "1.2"),
    ("MBEDTLS_SSL_PROTO_TLS1_3", "1.3"),
];

/// A `.config` holding Zephyr's Mbed TLS options (the name is shared with
/// every other Kconfig project, the Linux kernel among them).
pub fn sniff(text: &str) -> bool {
    text.contains("CONFIG_MBEDTLS_")
}

fn is_generated(path: &str) -> bool {
    path.rsplit('/').next().unwrap_or(path) == ".config"
}

pub fn extract(file: &SourceFile) -> Result<Vec<Fact>, ExtractError> {
    let mut switches = Switches::new();
    let (mut seen, mut legacy, mut tls13) = (false, false, false);
    for e in entries(file) {
        let Some((_, version)) = OPTIONS.iter().find(|(o, _)| *o == e.name) else {
            continue;
        };
        seen = true;
        legacy |= matches!(*version, "1.0" | "1.1");
        tls13 |= *version == "1.3";
        let value = if e.not_set { "is not set" } else { e.value };
        let place = Place::at(file, e.name, &format!("CONFIG_{}", e.name), value);
        switches.set(version, e.as_bool(), Some(place));
    }
    if !seen {
        return Ok(Vec::new());
    }
    if is_generated(file.path) {
        for v in ["1.0", "1.1", "1.2", "1.3"] {
            switches.default_to(v, false);
        }
    } else {
        switches.default_to("1.0", false);
        switches.default_to("1.1", false);
        switches.default_to("1.2", true);
        if legacy && !tls13 {
            switches.default_to("1.3", false);
        }
    }
    switches.default_to("ssl3", false);
    Ok(switches.fact(CLIENT).into_iter().collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::test_support::{facts, range};
    use crate::facts::Basis;

    #[test]
    fn prj_conf_turning_tls10_on() {
        let text = "CONFIG_MBEDTLS=y\nCONFIG_MBEDTLS_TLS_VERSION_1_0=y\nCONFIG_MBEDTLS_TLS_VERSION_1_2=y\n";
        let f = facts(extract, "app/prj.conf", text);
        assert_eq!(range(&f[0]), (Some("1.0"), Some("1.2"), Basis::Explicit));
        assert_eq!(f[0].location.line, 2);
    }

    #[test]
    fn generated_config_with_tls11_only() {
        let text =
            "CONFIG_MBEDTLS_TLS_VERSION_1_1=y\n# CONFIG_MBEDTLS_TLS_VERSION_1_2 is not set\n";
        let f = facts(extract, "build/zephyr/.config", text);
        assert_eq!(range(&f[0]), (Some("1.1"), Some("1.1"), Basis::Explicit));
        assert_eq!(f[0].location.line, 2);
    }

    #[test]
    fn fragment_with_only_tls12_leaves_tls13_open() {
        let f = facts(extract, "prj.conf", "CONFIG_MBEDTLS_TLS_VERSION_1_2=y\n");
        assert_eq!(range(&f[0]), (Some("1.2"), None, Basis::Explicit));
    }

    #[test]
    fn fragment_disabling_tls12_leaves_nothing() {
        let f = facts(extract, "prj.conf", "CONFIG_MBEDTLS_TLS_VERSION_1_2=n\n");
        assert!(f.is_empty());
    }
}
