//! wolfSSL build configuration: `user_settings.h` (included by
//! `wolfssl/wolfcrypt/settings.h` when the build defines
//! `WOLFSSL_USER_SETTINGS`, the usual way on embedded targets and IDE
//! projects) and the `wolfssl/options.h` that `./configure` generates
//! (`#undef  NAME` / `#define NAME` pairs).
//!
//! wolfSSL compiles protocol versions in with negative and opt-in macros;
//! as wolfSSL's own sources test them (`SetMinVersionHelper` in `ssl.c`,
//! `SSL_GetMethod` in the example server, `ShowVersions` in the example
//! client):
//!
//! - TLS 1.2 is in unless `WOLFSSL_NO_TLS12` or `NO_TLS`;
//! - TLS 1.1 is in unless `NO_OLD_TLS` or `NO_TLS`;
//! - TLS 1.0 needs `WOLFSSL_ALLOW_TLSV10` as well (current releases; very
//!   old CyaSSL-era releases had it on without the macro);
//! - SSL 3.0 needs `WOLFSSL_ALLOW_SSLV3` and no `NO_OLD_TLS`;
//! - TLS 1.3 needs `WOLFSSL_TLS13` (configure defines it by default);
//! - `WOLFCRYPT_ONLY` builds no TLS at all;
//! - `WOLFSSL_MAX_STRENGTH` makes `settings.h` define `NO_OLD_TLS`.
//!
//! `./configure` leaves old TLS out unless given `--enable-oldtls` or
//! `--enable-tlsv10` (its options.h then lacks `NO_OLD_TLS`); a
//! `user_settings.h` starts from the code's defaults above. The idiom
//! `#ifndef NO_OLD_TLS` / `#define NO_OLD_TLS` / `#endif` defines the macro
//! either way and counts as unconditional.
//!
//! These files are the whole configuration of the build, so a macro they
//! do not define is off. A macro set under a preprocessor condition is
//! unknown (see `common::c_defines`). A file that names none of these
//! macros says nothing about versions and gives no fact; otherwise one
//! `tls_setting` fact of scope `build` with client `wolfssl-config`.

use crate::extract::common::build_switches::{Place, Switches};
use crate::extract::common::c_defines::{directives, Action};
use crate::extract::ExtractError;
use crate::facts::Fact;
use crate::source::SourceFile;
use std::collections::HashMap;

/// The client name facts carry (selects the remedy).
pub const CLIENT: &str = "wolfssl-config";

const MACROS: &[&str] = &[
    "NO_TLS",
    "NO_OLD_TLS",
    "WOLFSSL_NO_TLS12",
    "WOLFSSL_ALLOW_TLSV10",
    "WOLFSSL_ALLOW_SSLV3",
    "WOLFSSL_TLS13",
    "WOLFCRYPT_ONLY",
    "WOLFSSL_MAX_STRENGTH",
];

/// The file names one of the version macros in a `#define`/`#undef`.
pub fn sniff(text: &str) -> bool {
    text.lines().any(|line| {
        let t = line.trim_start();
        let Some(d) = t.strip_prefix('#') else {
            return false;
        };
        let mut words = d.split_whitespace();
        matches!(words.next(), Some("define" | "undef"))
            && words.next().is_some_and(|name| MACROS.contains(&name))
    })
}

/// A macro's state: defined or not (`None`: unknown), and its last line.
struct MacroState<'a> {
    on: Option<bool>,
    name: &'a str,
    value: &'static str,
}

fn and(a: Option<bool>, b: Option<bool>) -> Option<bool> {
    match (a, b) {
        (Some(false), _) | (_, Some(false)) => Some(false),
        (Some(true), Some(true)) => Some(true),
        _ => None,
    }
}

fn not(a: Option<bool>) -> Option<bool> {
    a.map(|v| !v)
}

pub fn extract(file: &SourceFile) -> Result<Vec<Fact>, ExtractError> {
    let mut state: HashMap<&str, MacroState<'_>> = HashMap::new();
    for d in directives(file) {
        if !MACROS.contains(&d.name) || d.action == Action::CommentedOut {
            continue;
        }
        let on = match (d.action, d.conditional) {
            (_, true) => None,
            (Action::Define, false) => Some(true),
            _ => Some(false),
        };
        let value = match d.action {
            Action::Define => "defined",
            _ => "#undef",
        };
        state.insert(
            d.name,
            MacroState {
                on,
                name: d.name,
                value,
            },
        );
    }
    if state.is_empty() {
        return Ok(Vec::new());
    }
    let is = |m: &str| state.get(m).map_or(Some(false), |s| s.on);
    let place = |m: &str| {
        state
            .get(m)
            .map(|s| Place::at(file, s.name, s.name, s.value))
    };
    let tls = and(not(is("NO_TLS")), not(is("WOLFCRYPT_ONLY")));
    let no_old = match (is("NO_OLD_TLS"), is("WOLFSSL_MAX_STRENGTH")) {
        (_, Some(true)) | (Some(true), _) => Some(true),
        (Some(false), Some(false)) => Some(false),
        _ => None,
    };
    let old = and(tls, not(no_old));
    let versions = [
        (
            "1.3",
            and(tls, is("WOLFSSL_TLS13")),
            ["WOLFSSL_TLS13", "NO_TLS"],
        ),
        (
            "1.2",
            and(tls, not(is("WOLFSSL_NO_TLS12"))),
            ["WOLFSSL_NO_TLS12", "NO_TLS"],
        ),
        ("1.1", old, ["NO_OLD_TLS", "WOLFSSL_MAX_STRENGTH"]),
        (
            "1.0",
            and(old, is("WOLFSSL_ALLOW_TLSV10")),
            ["WOLFSSL_ALLOW_TLSV10", "NO_OLD_TLS"],
        ),
        (
            "ssl3",
            and(old, is("WOLFSSL_ALLOW_SSLV3")),
            ["WOLFSSL_ALLOW_SSLV3", "NO_OLD_TLS"],
        ),
    ];
    let mut switches = Switches::new();
    for (version, on, deciders) in versions {
        let decided_by = deciders.iter().find_map(|m| place(m));
        switches.set(version, on, decided_by);
    }
    Ok(switches.fact(CLIENT).into_iter().collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::test_support::{facts, range};
    use crate::facts::Basis;

    #[test]
    fn options_h_pairs_with_old_tls_and_tls13() {
        let text = "\
#ifndef WOLFSSL_OPTIONS_H
#define WOLFSSL_OPTIONS_H
#undef  WOLFSSL_TLS13
#define WOLFSSL_TLS13
#undef  HAVE_TLS_EXTENSIONS
#define HAVE_TLS_EXTENSIONS
#endif
";
        let f = facts(extract, "wolfssl/options.h", text);
        assert_eq!(range(&f[0]), (Some("1.1"), Some("1.3"), Basis::Explicit));
        assert_eq!(f[0].location.line, 4);
    }

    #[test]
    fn allow_tlsv10_without_no_old_tls() {
        let f = facts(
            extract,
            "user_settings.h",
            "#define WOLFSSL_ALLOW_TLSV10\n#define NO_OLD_TLS_NOT_THIS\n",
        );
        assert_eq!(range(&f[0]), (Some("1.0"), Some("1.2"), Basis::Explicit));
        assert_eq!(f[0].location.line, 1);
    }

    #[test]
    fn no_tls12_leaves_old_tls_only() {
        let f = facts(
            extract,
            "user_settings.h",
            "#define WOLFSSL_NO_TLS12\n#define WOLFSSL_ALLOW_TLSV10\n",
        );
        assert_eq!(range(&f[0]), (Some("1.0"), Some("1.1"), Basis::Explicit));
        assert_eq!(f[0].location.line, 1);
    }

    #[test]
    fn no_old_tls_is_tls12_up() {
        let f = facts(
            extract,
            "user_settings.h",
            "#define NO_OLD_TLS\n#define WOLFSSL_TLS13\n",
        );
        assert_eq!(range(&f[0]), (Some("1.2"), Some("1.3"), Basis::Explicit));
    }

    #[test]
    fn guarded_defines_and_max_strength_switch_old_tls_off() {
        let text =
            "#ifndef NO_OLD_TLS\n    #define NO_OLD_TLS\n#endif\n#define WOLFSSL_ALLOW_TLSV10\n";
        let f = facts(extract, "user_settings.h", text);
        assert_eq!(range(&f[0]), (Some("1.2"), Some("1.2"), Basis::Explicit));
        let f = facts(extract, "user_settings.h", "#define WOLFSSL_MAX_STRENGTH\n");
        assert_eq!(range(&f[0]), (Some("1.2"), Some("1.2"), Basis::Explicit));
    }

    #[test]
    fn conditional_old_tls_is_open() {
        let text = "#ifdef LEGACY_PEERS\n#undef NO_OLD_TLS\n#else\n#define NO_OLD_TLS\n#endif\n";
        let f = facts(extract, "user_settings.h", text);
        assert_eq!(range(&f[0]), (Some("1.2"), Some("1.2"), Basis::Explicit));
        let f = facts(extract, "user_settings.h", "#define WOLFCRYPT_ONLY\n");
        assert!(f.is_empty());
    }
}
