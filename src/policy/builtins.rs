//! Functions the policies call that Rego lacks: version comparison that
//! understands OpenSSL-style versions (`0.9.8zh`, `1.0.1u`). They compute,
//! they do not judge: the thresholds they are compared with are policy data.

use std::cmp::Ordering;

/// One piece of a version string.
#[derive(Debug, PartialEq, Eq)]
enum Part<'a> {
    Num(u64),
    Alpha(&'a str),
}

/// Whether an alphabetic part marks a pre-release (`1.0.0-beta1` < `1.0.0`).
fn is_prerelease(alpha: &str) -> bool {
    let a = alpha.to_ascii_lowercase();
    ["alpha", "beta", "pre", "rc", "dev", "snapshot"]
        .iter()
        .any(|p| a.starts_with(p))
}

/// A version split the way packagers write it: the upstream version and,
/// when present, the packager's revision (Debian `-1+deb8u12`, RPM
/// `-60.el7_9.1`, Yocto/OpenEmbedded `-r0`, Alpine `-r3`).
struct Split<'a> {
    upstream: Vec<Part<'a>>,
    revision: Vec<Part<'a>>,
}

/// Prepares a version for comparison; `None` when it is not a version
/// (`*`, `-`, `NOASSERTION`, `unknown`, a digest such as `sha256:…`).
///
/// Dropped, because they never order releases against an upstream
/// threshold: an epoch (`1:`), a leading `v`, and a leading name that tags
/// and purls carry (`OpenSSL_1_0_2u`, `polarssl-1.1.4`, `wolfssl-v4.0.0`).
/// What follows the last `-` is the packager's revision when it starts with
/// a digit or is `r<digits>`; otherwise (`-beta1`, `-fips`, `-stable`) it
/// is part of the upstream version.
fn split(version: &str) -> Option<Split<'_>> {
    let v = version.trim();
    let v = match v.split_once(':') {
        Some((epoch, rest)) if !epoch.is_empty() && epoch.bytes().all(|c| c.is_ascii_digit()) => {
            rest
        }
        _ => v,
    };
    let v = strip_name_prefix(v);
    if !v.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let (upstream, revision) = match v.rsplit_once('-') {
        Some((up, rev)) if is_revision(rev) && up.contains(|c: char| c.is_ascii_digit()) => {
            (up, rev)
        }
        _ => (v, ""),
    };
    Some(Split {
        upstream: parts(upstream),
        revision: parts(revision),
    })
}

/// `OpenSSL_1_0_2u` -> `1_0_2u`, `polarssl-1.1.4` -> `1.1.4`,
/// `wolfssl-v4.0.0` -> `4.0.0`, `v2.16.0` -> `2.16.0`.
fn strip_name_prefix(v: &str) -> &str {
    let mut rest = v;
    if rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
        if let Some(at) = rest.find(['-', '_']) {
            let (name, tail) = rest.split_at(at);
            if name.bytes().all(|c| c.is_ascii_alphanumeric()) {
                rest = &tail[1..];
            }
        }
    }
    rest.strip_prefix(['v', 'V'])
        .filter(|r| r.starts_with(|c: char| c.is_ascii_digit()))
        .unwrap_or(rest)
}

/// Whether the text after the last `-` is a packager's revision.
fn is_revision(tail: &str) -> bool {
    tail.starts_with(|c: char| c.is_ascii_digit())
        || tail
            .strip_prefix('r')
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|c| c.is_ascii_digit()))
}

/// Splits a version into alternating numeric and alphabetic runs; other
/// characters (`.`, `-`, `_`, `+`, `~`) only separate.
fn parts(v: &str) -> Vec<Part<'_>> {
    let mut out = Vec::new();
    let bytes = v.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let start = i;
        let run = |i: &mut usize, f: fn(&u8) -> bool| {
            while bytes.get(*i).is_some_and(f) {
                *i += 1;
            }
        };
        if b.is_ascii_digit() {
            run(&mut i, u8::is_ascii_digit);
            out.push(Part::Num(v[start..i].parse().unwrap_or(u64::MAX)));
        } else if b.is_ascii_alphabetic() {
            run(&mut i, u8::is_ascii_alphabetic);
            out.push(Part::Alpha(&v[start..i]));
        } else {
            i += 1;
        }
    }
    out
}

/// Compares two version strings; `None` when either is not a version.
///
/// Upstream versions compare first: numbers numerically; a letter run
/// after a number is a later patch (`1.0.1u` > `1.0.1` > `1.0.0zh`, as
/// OpenSSL numbers them) unless it names a pre-release (`rc`, `beta`, ...),
/// which sorts before the bare number. Missing trailing parts count as zero
/// (`1.0` == `1.0.0`). Only when the upstream versions are equal do the
/// packagers' revisions decide (a threshold has none, so `3.15-1` is NSS
/// 3.15, older than 3.15.1).
pub fn compare_versions(a: &str, b: &str) -> Option<Ordering> {
    let (sa, sb) = (split(a)?, split(b)?);
    Some(compare_parts(&sa.upstream, &sb.upstream).then_with(|| {
        if sa.revision.is_empty() || sb.revision.is_empty() {
            Ordering::Equal
        } else {
            compare_parts(&sa.revision, &sb.revision)
        }
    }))
}

fn compare_parts(pa: &[Part], pb: &[Part]) -> Ordering {
    let n = pa.len().max(pb.len());
    for i in 0..n {
        let ord = match (pa.get(i), pb.get(i)) {
            (Some(Part::Num(x)), Some(Part::Num(y))) => x.cmp(y),
            (Some(Part::Alpha(x)), Some(Part::Alpha(y))) => {
                match (is_prerelease(x), is_prerelease(y)) {
                    (true, false) => Ordering::Less,
                    (false, true) => Ordering::Greater,
                    _ => x.to_ascii_lowercase().cmp(&y.to_ascii_lowercase()),
                }
            }
            // A number against a letter run (`1.0.1.1` vs `1.0.1a`): numbers win.
            (Some(Part::Num(_)), Some(Part::Alpha(_))) => Ordering::Greater,
            (Some(Part::Alpha(_)), Some(Part::Num(_))) => Ordering::Less,
            (Some(Part::Num(x)), None) => x.cmp(&0),
            (None, Some(Part::Num(y))) => 0.cmp(y),
            (Some(Part::Alpha(x)), None) => {
                if is_prerelease(x) {
                    Ordering::Less
                } else {
                    Ordering::Greater
                }
            }
            (None, Some(Part::Alpha(y))) => {
                if is_prerelease(y) {
                    Ordering::Greater
                } else {
                    Ordering::Less
                }
            }
            (None, None) => Ordering::Equal,
        };
        if ord != Ordering::Equal {
            return ord;
        }
    }
    Ordering::Equal
}

/// Registers the functions above on a Rego engine.
pub fn register(engine: &mut regorus::Engine) -> anyhow::Result<()> {
    engine.add_extension(
        "tlsfloor.compare_versions".to_owned(),
        2,
        Box::new(|args: Vec<regorus::Value>| {
            let a = args
                .first()
                .and_then(|v| v.as_string().ok())
                .map(|s| s.to_string());
            let b = args
                .get(1)
                .and_then(|v| v.as_string().ok())
                .map(|s| s.to_string());
            // Not a version on either side (`*`, `NOASSERTION`, a digest):
            // undefined, so a rule comparing it does not fire.
            let ordering = match (a, b) {
                (Some(a), Some(b)) => compare_versions(&a, &b),
                _ => None,
            };
            Ok(match ordering {
                Some(Ordering::Less) => regorus::Value::from(-1i64),
                Some(Ordering::Equal) => regorus::Value::from(0i64),
                Some(Ordering::Greater) => regorus::Value::from(1i64),
                None => regorus::Value::Undefined,
            })
        }),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use Ordering::*;

    /// Both directions of every pair, so an asymmetry cannot hide.
    fn check(table: &[(&str, &str, Ordering)]) {
        for &(a, b, want) in table {
            assert_eq!(compare_versions(a, b), Some(want), "{a} vs {b}");
            assert_eq!(compare_versions(b, a), Some(want.reverse()), "{b} vs {a}");
        }
    }

    #[test]
    fn openssl_letter_versions() {
        check(&[
            ("0.9.8zh", "1.0.1", Less),
            ("0.9.8zh", "0.9.8za", Greater),
            ("0.9.8z", "0.9.8za", Less),
            ("1.0.0t", "1.0.1", Less),
            ("1.0.1", "1.0.1", Equal),
            ("1.0.1u", "1.0.1", Greater),
            ("1.0.1a", "1.0.1u", Less),
            ("1.0.1u", "1.0.2", Less),
            ("1.0.2k-fips", "1.0.1", Greater),
            ("3.0.13", "1.0.1", Greater),
            ("1.0.1-beta1", "1.0.1", Less),
            ("1.1.1-pre9", "1.1.1", Less),
            ("1.0", "1.0.0", Equal),
            ("v2.16.0", "2.2.0", Greater),
            ("2.9.4", "2.10.0", Less),
        ]);
    }

    #[test]
    fn distribution_versions() {
        check(&[
            // Debian: epoch, revision, security updates, tilde pre-releases.
            ("1:1.0.1t-1+deb8u12", "1.0.1", Greater),
            ("1:1.0.2g-1ubuntu4", "1.0.1", Greater),
            ("0.9.8o-4squeeze23", "1.0.1", Less),
            ("2:3.26-1+debu8u2", "3.15.1", Greater),
            ("3.15-1", "3.15.1", Less),
            ("3.14.3-0+deb7u1", "3.15.1", Less),
            ("2.8.6-1+squeeze6", "2.10.0", Less),
            ("1.0.1~rc1", "1.0.1", Less),
            ("1.0.1t-1+deb8u12", "1.0.1t-1+deb8u7", Greater),
            ("1.0.1t-1", "1.0.1t", Equal),
            // RPM version-release.
            ("1.0.1e-60.el7_9.1", "1.0.1", Greater),
            ("0.9.8e-40.el5_11", "1.0.1", Less),
            ("1.0.0-27.el6_5.2", "1.0.1", Less),
            // Yocto / OpenEmbedded and Alpine package revisions.
            ("1.0.0k-r0", "1.0.1", Less),
            ("1.0.2k-r3", "1.0.1", Greater),
            ("2.12.23-r2", "2.10.0", Greater),
            ("2.16.0+gitAUTOINC+abc123-r0", "2.16.0", Greater),
            // Tags and purl versions with a name prefix.
            ("OpenSSL_1_0_0t", "1.0.1", Less),
            ("OpenSSL_1_0_2u", "1.0.1", Greater),
            ("polarssl-1.1.4", "1.2.0", Less),
            ("mbedtls-2.16.0", "1.2.0", Greater),
            ("wolfssl-v4.0.0-stable", "1.1.0", Greater),
            ("1.0.6", "1.1.0", Less),
            // Java-style updates.
            ("1.7.0_80", "1.7", Greater),
        ]);
    }

    #[test]
    fn non_versions_are_not_comparable() {
        for v in [
            "*",
            "-",
            "",
            "NOASSERTION",
            "NONE",
            "unknown",
            "sha256:cddc8af5547a",
            "latest",
            "beta1",
        ] {
            assert_eq!(compare_versions(v, "1.0.1"), None, "{v:?}");
            assert_eq!(compare_versions("1.0.1", v), None, "{v:?}");
        }
    }
}
