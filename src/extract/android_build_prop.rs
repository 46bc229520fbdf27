//! Android system property files (`/system/build.prop`, `/default.prop`,
//! `/prop.default`, firmware dumps of them): the device's Android API level,
//! as a `runtime` fact.
//!
//! Devices that poll mail (MFPs and scanners with an Android panel, POS and
//! handheld terminals, kiosks) inherit their TLS defaults from the platform:
//! `SSLSocket` client defaults depend on the API level (Android's
//! `javax.net.ssl.SSLSocket` reference, "Default configuration"). Which
//! levels can do TLS 1.2, and from which it is on by default, is policy data
//! (`policies/data/runtimes.json`, key `android`).
//!
//! The format (Android's `init` property loader, `property_service.cpp`
//! `LoadProperties`): `key=value` lines, `#` comments, blank lines; other
//! lines (`import …`) are skipped, as `init` does. When a key repeats, the
//! first assignment is used: older `init` versions, those of the Android
//! releases whose TLS defaults matter here, refuse to change a `ro.*`
//! property once set (newer ones let a later assignment override it, with
//! an "Overriding previous property" warning). Saved `adb shell getprop`
//! output (`[ro.build.version.sdk]: [19]`, files named `getprop*`) is read
//! the same way.
//!
//! Read: `ro.build.version.sdk` (the API level, a number: the fact's
//! version, located at the value); `ro.build.version.release` (`4.4.4`),
//! `ro.product.manufacturer` and `ro.product.model` for the evidence. The
//! component is named `Android` and its version is the API level, not the
//! release: API levels are what the platform documents its TLS defaults by,
//! and runtime facts are not matched against SBOM component tables, so an
//! SBOM's `android` component with a release version is never read as one.
//! A file without `ro.build.version.sdk` (`vendor/build.prop` writes
//! `ro.vendor.*` keys) gives no fact.

use crate::extract::common::redact::redact;
use crate::extract::ExtractError;
use crate::facts::{Component, Fact, FactKind, Related};
use crate::source::SourceFile;

const SDK: &str = "ro.build.version.sdk";
const RELEASE: &str = "ro.build.version.release";
const MANUFACTURER: &str = "ro.product.manufacturer";
const MODEL: &str = "ro.product.model";

/// The first value of each property of interest, with its line.
#[derive(Default)]
struct Props<'a> {
    sdk: Option<(&'a str, usize)>,
    release: Option<&'a str>,
    manufacturer: Option<&'a str>,
    model: Option<&'a str>,
}

/// A line of `adb shell getprop` output, `[key]: [value]` (what inventories
/// of Android devices are often collected with), as key and value.
fn getprop_line(line: &str) -> Option<(&str, &str)> {
    let rest = line.strip_prefix('[')?;
    let (key, rest) = rest.split_once(']')?;
    let value = rest.trim_start().strip_prefix(':')?.trim();
    let value = value.strip_prefix('[')?.strip_suffix(']')?;
    Some((key, value))
}

pub fn extract(file: &SourceFile) -> Result<Vec<Fact>, ExtractError> {
    let mut props = Props::default();
    for (n, line) in file.lines() {
        let t = line.trim();
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        let Some((key, value)) = getprop_line(t).or_else(|| t.split_once('=')) else {
            continue;
        };
        let value = value.trim();
        match key.trim() {
            SDK => {
                props.sdk.get_or_insert((value, n));
            }
            RELEASE => {
                props.release.get_or_insert(value);
            }
            MANUFACTURER => {
                props.manufacturer.get_or_insert(value);
            }
            MODEL => {
                props.model.get_or_insert(value);
            }
            _ => {}
        }
    }
    let Some((sdk, sdk_line)) = props.sdk else {
        return Ok(Vec::new());
    };
    if sdk.is_empty() || !sdk.chars().all(|c| c.is_ascii_digit()) {
        return Err(ExtractError::new(
            format!("`{SDK}={sdk}` is not an API level number"),
            Some(sdk_line),
        ));
    }

    let mut evidence = format!("{SDK}={sdk}");
    let release = props.release.filter(|r| !r.is_empty());
    let mut about = Vec::new();
    if let Some(release) = release {
        about.push(format!("Android {release}"));
    }
    let device: Vec<&str> = [props.manufacturer, props.model]
        .into_iter()
        .flatten()
        .filter(|s| !s.is_empty())
        .collect();
    if !device.is_empty() {
        about.push(device.join(" "));
    }
    if !about.is_empty() {
        evidence.push_str(&format!(" ({})", about.join(", ")));
    }

    let mut fact = Fact::new(FactKind::Runtime, file.location_of(sdk), redact(&evidence));
    if let Some(release) = release {
        fact.related.push(Related::new(
            "version",
            file.location_of(release),
            redact(&format!("Android release {release}")),
        ));
    }
    fact.component = Some(Component {
        name: "Android".to_owned(),
        version: Some(sdk.to_owned()),
        purl: None,
        cpe: None,
    });
    Ok(vec![fact])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(text: &str) -> Vec<Fact> {
        crate::extract::test_support::facts(extract, "system/build.prop", text)
    }

    const KITKAT: &str = "
# begin build properties
# autogenerated by buildinfo.sh
ro.build.id=KTU84P
ro.build.display.id=KTU84P release-keys
ro.build.version.incremental=1227136
ro.build.version.sdk=19
ro.build.version.codename=REL
ro.build.version.release=4.4.4
ro.product.model=MFP-5000
ro.product.brand=acme
ro.product.manufacturer=ACME
# end build properties
import /oem/oem.prop ro.product.*
ro.build.version.sdk=21
";

    #[test]
    fn reads_the_api_level_with_release_and_device() {
        let facts = facts(KITKAT);
        assert_eq!(facts.len(), 1);
        let f = &facts[0];
        assert_eq!(f.kind, FactKind::Runtime);
        let c = f
            .component
            .as_ref()
            .map(|c| (c.name.as_str(), c.version.as_deref()));
        assert_eq!(c, Some(("Android", Some("19"))));
        assert_eq!(
            (f.location.line, f.location.column, f.location.end_column),
            (7, 22, 24)
        );
        assert_eq!(
            f.evidence,
            "ro.build.version.sdk=19 (Android 4.4.4, ACME MFP-5000)"
        );
        assert_eq!(f.related.len(), 1);
        assert_eq!(
            (f.related[0].role.as_str(), f.related[0].line),
            ("version", 9)
        );
    }

    #[test]
    fn files_without_the_sdk_give_nothing() {
        assert!(
            facts("ro.vendor.build.version.sdk=28\nro.vendor.build.version.release=9\n").is_empty()
        );
        assert!(facts("# ro.build.version.sdk=15\nro.secure=1\n").is_empty());
        assert!(facts("").is_empty());
        let bare = facts("ro.build.version.sdk = 15\n");
        assert_eq!(bare[0].evidence, "ro.build.version.sdk=15");
        assert!(bare[0].related.is_empty());
    }

    #[test]
    fn reads_getprop_output() {
        let text = "[dalvik.vm.heapsize]: [256m]\n[ro.build.version.release]: [4.3]\n[ro.build.version.sdk]: [18]\n[ro.product.model]: [CT50]\n[ro.product.manufacturer]: [Honeywell]\n[ro.serialno]: []\n";
        let facts = facts(text);
        assert_eq!(facts.len(), 1);
        let f = &facts[0];
        assert_eq!(
            f.component.as_ref().and_then(|c| c.version.as_deref()),
            Some("18")
        );
        assert_eq!(
            (f.location.line, f.location.column, f.location.end_column),
            (3, 26, 28)
        );
        assert_eq!(
            f.evidence,
            "ro.build.version.sdk=18 (Android 4.3, Honeywell CT50)"
        );
        assert_eq!(getprop_line("[a]: [b=c]"), Some(("a", "b=c")));
        assert_eq!(getprop_line("[a] [b]"), None);
        assert_eq!(getprop_line("[a]: b"), None);
    }

    #[test]
    fn a_non_numeric_api_level_is_an_error() {
        let file = SourceFile::new("build.prop", "ro.secure=1\nro.build.version.sdk=KitKat\n");
        match extract(&file) {
            Ok(f) => panic!("expected an error, got {} facts", f.len()),
            Err(e) => assert_eq!(e.line, Some(2)),
        }
    }
}
