//! The TLS versions a library build compiles in, one switch per version,
//! turned into one `tls_setting` fact of scope `build`.
//!
//! Embedded TLS libraries (Mbed TLS, wolfSSL) are configured at compile
//! time: a macro or Kconfig option per protocol version decides whether its
//! code is in the firmware at all. Every program linked against that build
//! can use only those versions, whatever it asks for at run time. Each
//! switch is on, off, or unknown (set under a preprocessor condition, or
//! left to a default this file cannot see); the fact's range runs from the
//! lowest version known to be on to the highest one, and its maximum is
//! open (`null`) unless every newer version is known to be off.

use crate::extract::common::evidence::line_evidence;
use crate::extract::common::tls_version::{rank, ORDER};
use crate::facts::{Fact, FactKind, Location, Related, Setting, TlsRange};
use crate::source::SourceFile;

/// The line that sets a switch: where it is, the option as written and
/// its value (`defined`, `#undef`, `y`, `is not set`, ...).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub location: Location,
    pub name: String,
    pub value: String,
    /// The line's text, redacted.
    pub evidence: String,
}

impl Place {
    /// The place of `part` (a sub-slice of the file text, usually the
    /// option's name), for the option `name` set to `value`.
    pub fn at(file: &SourceFile, part: &str, name: &str, value: &str) -> Place {
        let start = (part.as_ptr() as usize).saturating_sub(file.text.as_ptr() as usize);
        Place {
            location: file.location_of(part),
            name: name.to_owned(),
            value: value.to_owned(),
            evidence: line_evidence(file, start, start + part.len()),
        }
    }
}

/// One on/off/unknown switch per version in [`ORDER`], each with the line
/// that set it (none for a default).
#[derive(Debug, Clone, Default)]
pub struct Switches {
    state: [Option<bool>; ORDER.len()],
    place: [Option<Place>; ORDER.len()],
}

impl Switches {
    pub fn new() -> Self {
        Switches::default()
    }

    /// Sets `version` on or off (`None`: unknown); a later call wins, as a
    /// later line of a configuration does. A `place` of `None` keeps the
    /// line recorded before.
    pub fn set(&mut self, version: &str, on: Option<bool>, place: Option<Place>) {
        if let Some(i) = rank(version) {
            if let Some(s) = self.state.get_mut(i) {
                *s = on;
            }
            if let (Some(p), Some(slot)) = (place, self.place.get_mut(i)) {
                *slot = Some(p);
            }
        }
    }

    /// Sets `version` to `on` only if nothing set it yet (a documented
    /// default, or what a complete configuration means by leaving it out).
    pub fn default_to(&mut self, version: &str, on: bool) {
        if let Some(s) = rank(version).and_then(|i| self.state.get_mut(i)) {
            if s.is_none() {
                *s = Some(on);
            }
        }
    }

    /// Records where `version` is mentioned without changing its state (a
    /// commented-out line that explains why a complete configuration has
    /// it off).
    pub fn mention(&mut self, version: &str, place: Place) {
        if let Some(slot) = rank(version).and_then(|i| self.place.get_mut(i)) {
            if slot.is_none() {
                *slot = Some(place);
            }
        }
    }

    pub fn get(&self, version: &str) -> Option<bool> {
        rank(version).and_then(|i| self.state.get(i).copied().flatten())
    }

    /// The place recorded for `version`.
    pub fn place(&self, version: &str) -> Option<&Place> {
        rank(version)
            .and_then(|i| self.place.get(i))
            .and_then(Option::as_ref)
    }

    /// `(min, max)`: the lowest version known on, and the highest one if
    /// every newer version is known off (else `None`, open). `None` when no
    /// version is known to be on.
    pub fn range(&self) -> Option<(&'static str, Option<&'static str>)> {
        let lo = self.state.iter().position(|s| *s == Some(true))?;
        let hi = self.state.iter().rposition(|s| *s == Some(true))?;
        let closed = self.state.iter().skip(hi + 1).all(|s| *s == Some(false));
        let min = ORDER.get(lo).copied()?;
        Some((min, if closed { ORDER.get(hi).copied() } else { None }))
    }

    /// The line a finding about this build should point at: the TLS 1.2
    /// switch when the build stops below TLS 1.2 (else the highest version
    /// on), the lowest version on when that is below TLS 1.2, else the
    /// highest version on; failing those, the first line recorded.
    fn primary(&self) -> Option<(&'static str, &Place)> {
        let (min, max) = self.range()?;
        let below_12 = |v: &str| rank(v) < rank("1.2");
        let mut order: Vec<&'static str> = Vec::new();
        match max {
            Some(max) if below_12(max) => order.extend(["1.2", max]),
            _ if below_12(min) => order.push(min),
            Some(max) => order.push(max),
            None => order.push(min),
        }
        order
            .into_iter()
            .find_map(|v| self.place(v).map(|p| (v, p)))
            .or_else(|| {
                let mut all: Vec<(&'static str, &Place)> = ORDER
                    .iter()
                    .filter_map(|v| self.place(v).map(|p| (*v, p)))
                    .collect();
                all.sort_by_key(|(_, p)| p.location);
                all.into_iter().next()
            })
    }

    /// The `tls_setting` fact of scope `build` for `client`, or `None` when
    /// no version is known to be on or no line sets a switch.
    pub fn fact(&self, client: &str) -> Option<Fact> {
        let (min, max) = self.range()?;
        let (primary_version, primary) = self.primary()?;
        let mut fact = Fact::new(
            FactKind::TlsSetting,
            primary.location,
            primary.evidence.clone(),
        );
        fact.client = Some(client.to_owned());
        fact.scope = Some("build".to_owned());
        fact.tls = Some(TlsRange::explicit(Some(min), max));
        fact.setting = Some(Setting {
            name: primary.name.clone(),
            value: primary.value.clone(),
        });
        let mut others: Vec<&Place> = ORDER
            .iter()
            .filter(|v| **v != primary_version)
            .filter_map(|v| self.place(v))
            .filter(|p| p.location != primary.location)
            .collect();
        others.sort_by_key(|p| p.location);
        others.dedup_by_key(|p| p.location);
        fact.related = others
            .into_iter()
            .map(|p| Related::new("version", p.location, p.evidence.clone()))
            .collect();
        Some(fact)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(line: usize, name: &str) -> Option<Place> {
        Some(Place {
            location: Location::on_line(line, 1, 5),
            name: name.to_owned(),
            value: "defined".to_owned(),
            evidence: name.to_owned(),
        })
    }

    #[test]
    fn range_is_open_until_newer_versions_are_known_off() {
        let mut s = Switches::new();
        s.set("1.0", Some(true), place(1, "TLS1"));
        s.set("1.2", Some(true), place(2, "TLS1_2"));
        assert_eq!(s.range(), Some(("1.0", None)));
        s.default_to("1.3", false);
        assert_eq!(s.range(), Some(("1.0", Some("1.2"))));
        s.set("1.2", None, None);
        assert_eq!(s.range(), Some(("1.0", None)));
    }

    #[test]
    fn a_build_without_tls12_points_at_the_tls12_line() {
        let mut s = Switches::new();
        s.set("1.1", Some(true), place(3, "TLS1_1"));
        s.set("1.2", Some(false), place(7, "TLS1_2"));
        s.default_to("1.3", false);
        let f = s.fact("mbedtls").unwrap_or_else(|| panic!("no fact"));
        assert_eq!(f.location.line, 7);
        let tls = f.tls.unwrap_or_else(|| panic!("no range"));
        assert_eq!(
            (tls.min.as_deref(), tls.max.as_deref()),
            (Some("1.1"), Some("1.1"))
        );
        assert_eq!(f.scope.as_deref(), Some("build"));
        assert_eq!(f.related.len(), 1);
    }

    #[test]
    fn nothing_on_is_no_fact() {
        let mut s = Switches::new();
        s.set("1.2", Some(false), place(1, "TLS1_2"));
        assert!(s.fact("x").is_none());
    }
}
