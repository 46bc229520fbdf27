//! Mbed TLS (and PolarSSL-era) configuration headers: the upstream
//! `include/mbedtls/config.h` (2.x) / `mbedtls_config.h` (3.x) as copied
//! into firmware trees, the complete replacements named by
//! `MBEDTLS_CONFIG_FILE` (upstream `configs/config-*.h`, Zephyr's
//! `config-tls-generic.h`, vendor SDK configs) and the fragments named by
//! `MBEDTLS_USER_CONFIG_FILE`, which are included after the main
//! configuration and add or `#undef` options.
//!
//! The protocol versions are compiled in by one macro each (checked against
//! the upstream headers at v2.28.8 and v3.6.2): `MBEDTLS_SSL_PROTO_SSL3`
//! (2.x, off by default and deprecated), `MBEDTLS_SSL_PROTO_TLS1` and
//! `MBEDTLS_SSL_PROTO_TLS1_1` (2.x, both **on** in the 2.28 default
//! configuration, removed in 3.0), `MBEDTLS_SSL_PROTO_TLS1_2` and
//! `MBEDTLS_SSL_PROTO_TLS1_3` (3.x; on by default from 3.6).
//! `MBEDTLS_SSL_PROTO_TLS1_3_EXPERIMENTAL` (2.28) is documented as "TLS 1.3
//! isn't yet supported" and is not a version here.
//!
//! Reading (`common::c_defines`): an unconditional `#define` turns a version
//! on, `#undef` off, the last line wins; a line under a preprocessor
//! condition makes the version unknown. A header that defines
//! `MBEDTLS_SSL_TLS_C` (the TLS module) is a complete configuration, so a
//! version it does not define (or only as `//#define`) is off; a fragment
//! changes only what it names. The generation follows from the macros a
//! file uses: the 1.0/1.1/SSL 3.0 macros exist only in 2.x, which has no
//! TLS 1.3; `MBEDTLS_SSL_PROTO_TLS1_3` exists only in 3.x, which has no
//! TLS 1.0/1.1.
//!
//! The example configurations Mbed TLS ships (`configs/config-*.h`,
//! `tests/configs/*.h`) are skipped when they sit in a vendored Mbed TLS
//! tree (a path with an `mbedtls` folder above `configs/`, as in ESP-IDF's
//! `components/mbedtls/mbedtls/` or Zephyr's `modules/mbedtls/`): they are
//! examples a build uses only if it names them, and 2.x ships a TLS 1.1-only
//! one (`config-mini-tls1_1.h`) that would otherwise flag every firmware
//! tree that vendors the library.
//!
//! The result is one `tls_setting` fact of scope `build` (see
//! `common::build_switches`) with client `mbedtls-config`. The run-time
//! calls (`mbedtls_ssl_conf_min_version`) are the C source extractor's.

use crate::extract::common::build_switches::{Place, Switches};
use crate::extract::common::c_defines::{directives, Action};
use crate::extract::ExtractError;
use crate::facts::Fact;
use crate::source::SourceFile;

/// The client name facts carry (selects the remedy).
pub const CLIENT: &str = "mbedtls-config";

/// Each version macro and the version it compiles in.
const VERSIONS: &[(&str, &str)] = &[
    ("MBEDTLS_SSL_PROTO_SSL3", "ssl3"),
    ("MBEDTLS_SSL_PROTO_TLS1", "1.0"),
    ("MBEDTLS_SSL_PROTO_TLS1_1", "1.1"),
    ("MBEDTLS_SSL_PROTO_TLS1_2", "1.2"),
    ("MBEDTLS_SSL_PROTO_TLS1_3", "1.3"),
];

const LEGACY: [&str; 3] = ["ssl3", "1.0", "1.1"];

/// The module whose presence makes a header a complete TLS configuration.
const TLS_MODULE: &str = "MBEDTLS_SSL_TLS_C";

fn version_of(name: &str) -> Option<&'static str> {
    VERSIONS.iter().find(|(m, _)| *m == name).map(|(_, v)| *v)
}

/// A header that (un)defines a version macro, possibly commented out, on a
/// line of its own: enough to tell a configuration header from code that
/// only tests the macros.
pub fn sniff(text: &str) -> bool {
    text.contains("MBEDTLS_SSL_PROTO_")
        && text.lines().any(|line| {
            if !line.contains("MBEDTLS_SSL_PROTO_") {
                return false;
            }
            let t = line.trim_start();
            let t = t.strip_prefix("//").map_or(t, str::trim_start);
            let Some(d) = t.strip_prefix('#') else {
                return false;
            };
            let d = d.trim_start();
            (d.starts_with("define") || d.starts_with("undef"))
                && VERSIONS
                    .iter()
                    .any(|(m, _)| d.split_whitespace().nth(1) == Some(*m))
        })
}

/// Whether `path` is one of the example configurations of a vendored
/// Mbed TLS tree (see the module docs).
fn is_shipped_example(path: &str) -> bool {
    let parts: Vec<String> = path.split('/').map(str::to_ascii_lowercase).collect();
    let Some((name, dirs)) = parts.split_last() else {
        return false;
    };
    let Some(configs) = dirs.iter().rposition(|d| d == "configs") else {
        return false;
    };
    let example = configs + 1 == dirs.len()
        && (name.starts_with("config-")
            || dirs
                .get(configs.wrapping_sub(1))
                .is_some_and(|d| d == "tests"));
    example && dirs.iter().take(configs).any(|d| d == "mbedtls")
}

pub fn extract(file: &SourceFile) -> Result<Vec<Fact>, ExtractError> {
    if is_shipped_example(file.path) {
        return Ok(Vec::new());
    }
    let lines = directives(file);
    let complete = lines
        .iter()
        .any(|d| d.name == TLS_MODULE && d.action == Action::Define && !d.conditional);
    let mut switches = Switches::new();
    let mut generation_2x = false;
    let mut generation_3x = false;
    for d in &lines {
        let Some(version) = version_of(d.name) else {
            continue;
        };
        generation_2x |= LEGACY.contains(&version);
        generation_3x |= version == "1.3";
        let value = match d.action {
            Action::Define => "defined",
            Action::Undef => "#undef",
            Action::CommentedOut => "commented out",
        };
        let place = Place::at(file, d.name, d.name, value);
        match (d.action, d.conditional) {
            (Action::CommentedOut, _) => switches.mention(version, place),
            (_, true) => switches.set(version, None, Some(place)),
            (Action::Define, false) => switches.set(version, Some(true), Some(place)),
            (Action::Undef, false) => switches.set(version, Some(false), Some(place)),
        }
    }
    if generation_2x && !generation_3x {
        switches.default_to("1.3", false);
    }
    if generation_3x && !generation_2x {
        for v in LEGACY {
            switches.default_to(v, false);
        }
    }
    if complete {
        for (_, v) in VERSIONS {
            switches.default_to(v, false);
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
    fn default_228_config_enables_tls10_to_12() {
        let text = "\
#ifndef MBEDTLS_CONFIG_H
#define MBEDTLS_CONFIG_H
//#define MBEDTLS_SSL_PROTO_SSL3
#define MBEDTLS_SSL_PROTO_TLS1
#define MBEDTLS_SSL_PROTO_TLS1_1
#define MBEDTLS_SSL_PROTO_TLS1_2
//#define MBEDTLS_SSL_PROTO_TLS1_3_EXPERIMENTAL
#define MBEDTLS_SSL_TLS_C
#endif
";
        let f = facts(extract, "config.h", text);
        assert_eq!(f.len(), 1);
        assert_eq!(range(&f[0]), (Some("1.0"), Some("1.2"), Basis::Explicit));
        assert_eq!(f[0].location.line, 4);
        assert_eq!(f[0].scope.as_deref(), Some("build"));
    }

    #[test]
    fn mini_tls11_config_stops_below_12() {
        let text = "#define MBEDTLS_SSL_PROTO_TLS1_1\n#define MBEDTLS_SSL_CLI_C\n#define MBEDTLS_SSL_TLS_C\n";
        let f = facts(extract, "config-mini-tls1_1.h", text);
        assert_eq!(range(&f[0]), (Some("1.1"), Some("1.1"), Basis::Explicit));
        assert_eq!(f[0].location.line, 1);
    }

    #[test]
    fn commented_out_tls12_in_complete_config_is_the_location() {
        let text = "#define MBEDTLS_SSL_PROTO_TLS1\n#define MBEDTLS_SSL_PROTO_TLS1_1\n//#define MBEDTLS_SSL_PROTO_TLS1_2\n#define MBEDTLS_SSL_TLS_C\n";
        let f = facts(extract, "mbedtls_config.h", text);
        assert_eq!(range(&f[0]), (Some("1.0"), Some("1.1"), Basis::Explicit));
        assert_eq!(f[0].location.line, 3);
    }

    #[test]
    fn user_fragment_changes_only_what_it_names() {
        // 3.x fragment: TLS 1.3 only.
        let f = facts(
            extract,
            "tls13-only.h",
            "#define MBEDTLS_SSL_PROTO_TLS1_3\n#undef MBEDTLS_SSL_PROTO_TLS1_2\n",
        );
        assert_eq!(range(&f[0]), (Some("1.3"), Some("1.3"), Basis::Explicit));
        // 2.x fragment turning TLS 1.0 on: 1.2 stays as the base has it.
        let f = facts(extract, "user.h", "#define MBEDTLS_SSL_PROTO_TLS1\n");
        assert_eq!(range(&f[0]), (Some("1.0"), None, Basis::Explicit));
    }

    #[test]
    fn conditional_versions_are_unknown() {
        let text = "#if defined(CONFIG_MBEDTLS_TLS_VERSION_1_2)\n#define MBEDTLS_SSL_PROTO_TLS1_2\n#endif\n#define MBEDTLS_SSL_TLS_C\n";
        assert!(facts(extract, "config-tls-generic.h", text).is_empty());
    }

    #[test]
    fn shipped_examples_of_a_vendored_tree_are_skipped() {
        for path in [
            "components/mbedtls/mbedtls/configs/config-mini-tls1_1.h",
            "modules/mbedtls/configs/config-mini-tls1_1.h",
            "third_party/mbedtls/tests/configs/tls13-only.h",
        ] {
            assert!(is_shipped_example(path), "{path}");
        }
        for path in [
            "firmware/configs/config-mini-tls1_1.h",
            "mbedtls/include/mbedtls/config.h",
            "app/mbedtls/configs/board/tls_config.h",
            "config.h",
        ] {
            assert!(!is_shipped_example(path), "{path}");
        }
    }

    #[test]
    fn sniff_wants_a_directive() {
        assert!(sniff("  //#define MBEDTLS_SSL_PROTO_TLS1_2\n"));
        assert!(sniff("#undef MBEDTLS_SSL_PROTO_TLS1\n"));
        assert!(!sniff("#if defined(MBEDTLS_SSL_PROTO_TLS1_2)\n"));
        assert!(!sniff("#define MBEDTLS_SSL_PROTO_TLS1_3_EXPERIMENTAL\n"));
    }
}
