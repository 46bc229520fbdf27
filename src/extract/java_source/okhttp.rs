//! OkHttp `ConnectionSpec.Builder(...).tlsVersions(...)`: the exact TLS
//! versions an OkHttp client offers (okhttp3 `ConnectionSpec.kt`: the
//! builder's `tlsVersions(vararg TlsVersion)` and `tlsVersions(vararg
//! String)` replace the versions of the spec it starts from).
//!
//! OkHttp is an HTTP client, so these settings never tie to a mail client
//! by themselves: the policies judge them only with `--scope all`, or when
//! a mail client in the same file uses a context they cannot tell apart.

use super::{Analysis, VersionSetting};
use crate::extract::common::javamail;
use crate::facts::TlsRange;

/// `TlsVersion` enum constants and their Java names (okhttp3
/// `TlsVersion.kt`).
const TLS_VERSIONS: [(&str, &str); 5] = [
    ("TLS_1_3", "TLSv1.3"),
    ("TLS_1_2", "TLSv1.2"),
    ("TLS_1_1", "TLSv1.1"),
    ("TLS_1_0", "TLSv1"),
    ("SSL_3_0", "SSLv3"),
];

/// The `remedies` key of OkHttp settings.
pub(super) const CLIENT: &str = "okhttp";

impl Analysis<'_, '_> {
    /// The setting of a `tlsVersions(...)` call, when every argument is a
    /// `TlsVersion` constant or a constant string naming a version (a
    /// spread array or an unrelated `tlsVersions` method is not read).
    pub(super) fn okhttp_setting(&self, id: usize) -> Option<VersionSetting> {
        let call = self.calls.get(id)?;
        if call.new
            || call.args.is_empty()
            || call.path.names.len() < 2 && call.path.receiver.is_none()
        {
            return None;
        }
        let mut names = Vec::new();
        for arg in &call.args {
            names.push(self.okhttp_version(arg.value)?);
        }
        let tls = javamail::protocols_range(&names.join(" "), &[]);
        if tls == TlsRange::unknown() {
            return None;
        }
        let first = call.args.first()?.value.0;
        let last = call.args.last()?.value.1;
        let binding = self.enclosing_target(call.path.start).unwrap_or_else(|| {
            let loc = self.location((call.path.start, call.path.end));
            format!("ConnectionSpec@{}:{}", loc.line, loc.column)
        });
        Some(VersionSetting {
            binding,
            tls,
            at: (first, last),
            decl: (call.path.start, call.path.end),
            name: "ConnectionSpec.tlsVersions",
            value: names.join(" "),
        })
    }

    /// `TlsVersion.TLS_1_0` (also `okhttp3.TlsVersion.TLS_1_0` or a static
    /// import `TLS_1_0`) or a constant string such as `"TLSv1"`.
    fn okhttp_version(&self, range: (usize, usize)) -> Option<String> {
        let (s, e) = self.code.strip_parens(range.0, range.1);
        if let Some(path) = self.code.path_at(s, e).filter(|p| p.end == e) {
            let parts = self.code.path_names(&path);
            if let Some(last) = parts.last() {
                let qualified =
                    parts.len() < 2 || parts.get(parts.len() - 2) == Some(&"TlsVersion");
                if let Some((_, java)) = TLS_VERSIONS.iter().find(|(n, _)| n == last) {
                    return qualified.then(|| (*java).to_owned());
                }
            }
        }
        self.const_str((s, e), 0).map(|(v, _)| v)
    }
}
