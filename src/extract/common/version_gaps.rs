//! Sets of enabled TLS versions with gaps, turned into the closed ranges the
//! facts use.
//!
//! Libraries configured by switching versions off one by one (OpenSSL's
//! `Protocol`, JSSE's `jdk.tls.disabledAlgorithms`, GnuTLS's
//! `disabled-version`) can end up with a gap, e.g. TLS 1.2 off while 1.0,
//! 1.1 and 1.3 stay on. A fact's range is a closed interval, and what a gap
//! means depends on the library, so each extractor picks one of the two
//! readings here and reports the versions left out of the interval itself:
//!
//! - [`lowest_run`]: OpenSSL clients negotiate only within the lowest
//!   contiguous run of enabled versions (`ssl_get_min_max_version`; the
//!   "holes" warning in `SSL_CONF_cmd(3)` under `Protocol`).
//! - [`around_tls12`]: JSSE and GnuTLS offer every enabled version, so a
//!   gap below TLS 1.2 does not matter, while TLS 1.2 switched off with
//!   older versions still on leaves a client that only reaches TLS 1.2-era
//!   servers with TLS 1.0/1.1: the range is the part below the gap.

use super::tls_version::{VersionSet, ORDER};

/// A closed range of versions and the enabled versions outside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub min: &'static str,
    pub max: &'static str,
    /// Enabled versions above `max` that the range leaves out, oldest first.
    pub left_out: Vec<&'static str>,
}

fn enabled(set: &VersionSet) -> Vec<&'static str> {
    ORDER.iter().copied().filter(|v| set.contains(v)).collect()
}

fn above(set: &VersionSet, max: &str) -> Vec<&'static str> {
    let rank = super::tls_version::rank(max).unwrap_or(ORDER.len());
    ORDER
        .iter()
        .enumerate()
        .filter(|&(i, v)| i > rank && set.contains(v))
        .map(|(_, v)| *v)
        .collect()
}

/// The lowest contiguous run of enabled versions (OpenSSL's reading);
/// `None` when nothing is enabled.
pub fn lowest_run(set: &VersionSet) -> Option<Span> {
    let lo = ORDER.iter().position(|v| set.contains(v))?;
    let mut hi = lo;
    while ORDER.get(hi + 1).is_some_and(|v| set.contains(v)) {
        hi += 1;
    }
    let (min, max) = (ORDER.get(lo)?, ORDER.get(hi)?);
    Some(Span {
        min,
        max,
        left_out: above(set, max),
    })
}

/// The range as seen by a client that must reach a TLS 1.2 server (JSSE's
/// and GnuTLS's reading): lowest to highest enabled version when TLS 1.2 is
/// on; otherwise the versions below TLS 1.2 if any are on (TLS 1.3 above the
/// gap is left out), else what is left (TLS 1.3 only). `None` when nothing
/// is enabled.
pub fn around_tls12(set: &VersionSet) -> Option<Span> {
    let on = enabled(set);
    let (first, last) = (on.first().copied()?, on.last().copied()?);
    if set.contains("1.2") {
        return Some(Span {
            min: first,
            max: last,
            left_out: Vec::new(),
        });
    }
    let below: Vec<&str> = on
        .iter()
        .copied()
        .filter(|v| super::tls_version::rank(v) < super::tls_version::rank("1.2"))
        .collect();
    match below.last() {
        Some(&max) => Some(Span {
            min: first,
            max,
            left_out: above(set, max),
        }),
        None => Some(Span {
            min: first,
            max: last,
            left_out: Vec::new(),
        }),
    }
}

/// "TLS 1.3" / "TLS 1.2 and 1.3" / "SSL 3.0" for messages.
pub fn names(versions: &[&str]) -> String {
    let name = |v: &str| match v {
        "ssl2" => "SSL 2.0".to_owned(),
        "ssl3" => "SSL 3.0".to_owned(),
        other => format!("TLS {other}"),
    };
    match versions {
        [] => String::new(),
        [one] => name(one),
        [rest @ .., last] => format!(
            "{} and {}",
            rest.iter().map(|v| name(v)).collect::<Vec<_>>().join(", "),
            name(last)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(versions: &[&str]) -> VersionSet {
        let mut s = VersionSet::empty();
        for v in versions {
            s.set(v, true);
        }
        s
    }

    #[test]
    fn lowest_run_stops_at_a_hole() {
        let span = lowest_run(&set(&["1.0", "1.2", "1.3"]));
        assert_eq!(
            span,
            Some(Span {
                min: "1.0",
                max: "1.0",
                left_out: vec!["1.2", "1.3"]
            })
        );
        let span = lowest_run(&set(&["1.2", "1.3"]));
        assert_eq!(span.map(|s| (s.min, s.max)), Some(("1.2", "1.3")));
        assert_eq!(lowest_run(&VersionSet::empty()), None);
    }

    #[test]
    fn around_tls12_keeps_gaps_below_12() {
        let span = around_tls12(&set(&["ssl3", "1.2", "1.3"]));
        assert_eq!(span.map(|s| (s.min, s.max)), Some(("ssl3", "1.3")));
        let span = around_tls12(&set(&["1.0", "1.1", "1.3"]));
        assert_eq!(
            span,
            Some(Span {
                min: "1.0",
                max: "1.1",
                left_out: vec!["1.3"]
            })
        );
        let span = around_tls12(&set(&["1.3"]));
        assert_eq!(span.map(|s| (s.min, s.max)), Some(("1.3", "1.3")));
        assert_eq!(around_tls12(&VersionSet::empty()), None);
    }

    #[test]
    fn version_names() {
        assert_eq!(names(&["1.3"]), "TLS 1.3");
        assert_eq!(names(&["1.2", "1.3"]), "TLS 1.2 and TLS 1.3");
        assert_eq!(
            names(&["ssl3", "1.0", "1.1"]),
            "SSL 3.0, TLS 1.0 and TLS 1.1"
        );
    }
}
