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

/// Splits a version into alternating numeric and alphabetic runs; other
/// characters (`.`, `-`, `_`, `+`, `~`) only separate. A leading `v` and an
/// epoch (`1:`) are dropped.
fn parts(version: &str) -> Vec<Part<'_>> {
    let v = version.trim();
    let v = v.split_once(':').map_or(v, |(epoch, rest)| {
        if epoch.chars().all(|c| c.is_ascii_digit()) {
            rest
        } else {
            v
        }
    });
    let v = v
        .strip_prefix(['v', 'V'])
        .filter(|r| r.starts_with(|c: char| c.is_ascii_digit()))
        .unwrap_or(v);
    let mut out = Vec::new();
    let bytes = v.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let start = i;
        if bytes[i].is_ascii_digit() {
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            out.push(Part::Num(v[start..i].parse().unwrap_or(u64::MAX)));
        } else if bytes[i].is_ascii_alphabetic() {
            while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
                i += 1;
            }
            out.push(Part::Alpha(&v[start..i]));
        } else {
            i += 1;
        }
    }
    out
}

/// Compares two version strings.
///
/// Numbers compare numerically; a letter run after a number is a later
/// patch (`1.0.1u` > `1.0.1` > `1.0.0zh`, as OpenSSL numbers them) unless
/// it names a pre-release (`rc`, `beta`, ...), which sorts before the bare
/// number. Missing trailing parts count as zero (`1.0` == `1.0.0`).
pub fn compare_versions(a: &str, b: &str) -> Ordering {
    let (pa, pb) = (parts(a), parts(b));
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
            match (a, b) {
                (Some(a), Some(b)) => Ok(regorus::Value::from(match compare_versions(&a, &b) {
                    Ordering::Less => -1i64,
                    Ordering::Equal => 0,
                    Ordering::Greater => 1,
                })),
                _ => Ok(regorus::Value::Undefined),
            }
        }),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use Ordering::*;

    #[test]
    fn openssl_letter_versions() {
        for (a, b, want) in [
            ("0.9.8zh", "1.0.1", Less),
            ("1.0.0t", "1.0.1", Less),
            ("1.0.1", "1.0.1", Equal),
            ("1.0.1u", "1.0.1", Greater),
            ("1.0.1a", "1.0.1u", Less),
            ("1.0.2k-fips", "1.0.1", Greater),
            ("3.0.13", "1.0.1", Greater),
            ("1.0.1-beta1", "1.0.1", Less),
            ("1.0", "1.0.0", Equal),
            ("1:1.0.2g-1ubuntu4", "1.0.1", Greater),
            ("v2.16.0", "2.2.0", Greater),
            ("2.9.4", "2.10.0", Less),
        ] {
            assert_eq!(compare_versions(a, b), want, "{a} vs {b}");
            assert_eq!(compare_versions(b, a), want.reverse(), "{b} vs {a}");
        }
    }
}
