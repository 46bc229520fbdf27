# METADATA
# title: TLS library or runtime too old for TLS 1.2
# description: |
#   A component listed in a manifest or SBOM (firmware, device, image or
#   application) is a TLS library whose version predates TLS 1.2 support,
#   such as OpenSSL before 1.0.1. Anything that uses it for POP3, IMAP or
#   SMTP cannot connect to Exchange Online once TLS 1.2 is required
#   (MC1293480). The first version with TLS 1.2 for each library is policy
#   data (policies/data/components.json) with its source; for a runtime
#   such as a device's Android API level it is in
#   policies/data/runtimes.json (tls12_from).
# custom:
#   id: TLS003
#   name: tls-library-too-old
#   level: error
#   security-severity: "7.5"
#   precision: high
#   tags: [security, tls, exchange-online, supply-chain, external/cwe/cwe-1104]
#   help: |
#     **What it finds.** A TLS library component whose version cannot
#     negotiate TLS 1.2 (for example OpenSSL 0.9.8 or 1.0.0, GnuTLS before
#     2.10, NSS before 3.15.1, PolarSSL before 1.2), or a device platform
#     that cannot (Android before API level 16, Android 4.1).
#
#     **Why it matters.** Embedded devices (scan-to-email printers, POS
#     terminals, controllers) and old builds that poll POP3/IMAP or submit
#     mail with such a library fail once Exchange Online enforces TLS 1.2.
#
#     **How to fix.** Update the firmware or rebuild with a current TLS
#     library; where the vendor has no update, replace the device or route
#     its mail through a relay that speaks TLS 1.2 upstream. Record the
#     vendor's attestation for devices you keep.
#   examples:
#     - file: bom.json
#       noncompliant: |
#         {
#           "bomFormat": "CycloneDX",
#           "specVersion": "1.5",
#           "components": [
#             {"type": "library", "name": "openssl", "version": "1.0.0t",
#              "purl": "pkg:generic/openssl@1.0.0t"}
#           ]
#         }
#       compliant: |
#         {
#           "bomFormat": "CycloneDX",
#           "specVersion": "1.5",
#           "components": [
#             {"type": "library", "name": "openssl", "version": "1.1.1w",
#              "purl": "pkg:generic/openssl@1.1.1w"}
#           ]
#         }
package tlsfloor.rules.tls003

import data.tlsfloor.lib
import rego.v1

findings contains finding if {
	some file in input.files
	some [path, i, key] in matches
	path == file.path
	c := file.facts[i].component
	c.version != null
	library := data.tlsfloor.components[key]
	tlsfloor.compare_versions(c.version, library.tls12_from) < 0
	problem := sprintf("%s %s (component %q) cannot do TLS 1.2: %s supports it from %s. Mail clients built on it fail once Exchange Online requires TLS 1.2 (MC1293480).", [
		library.display,
		c.version,
		c.name,
		library.display,
		library.tls12_from,
	])
	finding := object.union(
		{"path": file.path, "fact": i, "related": file.facts[i].related},
		lib.explained(problem, lib.remedy("component")),
	)
}

# A runtime whose data names the first version able to do TLS 1.2 at all
# (tls12_from: Android API level 16 from a device's build.prop). Below it no
# setting helps; TLS004 reports versions that can but do not by default.
findings contains finding if {
	some file in input.files
	some i, fact in file.facts
	fact.kind == "runtime"
	c := fact.component
	c.version != null
	runtime := data.tlsfloor.runtimes[lower(c.name)]
	tlsfloor.compare_versions(c.version, runtime.tls12_from) < 0
	problem := sprintf("%s %s cannot do TLS 1.2: it is supported from %s %s. Mail clients that rely on it fail once Exchange Online requires TLS 1.2 (MC1293480).", [
		runtime.display,
		c.version,
		runtime.display,
		runtime.tls12_from,
	])
	finding := object.union(
		{"path": file.path, "fact": i, "related": fact.related},
		lib.explained(problem, runtime.remedy),
	)
}

# A platform no release of which does TLS 1.2 (`tls12_from` "never", such
# as Windows XP): its version does not matter.
findings contains finding if {
	some file in input.files
	some [path, i, key] in matches
	path == file.path
	c := file.facts[i].component
	library := data.tlsfloor.components[key]
	library.tls12_from == "never"
	problem := sprintf("%s (component %q%s) cannot do TLS 1.2: no release of it supports TLS 1.2. Mail clients running on it fail once Exchange Online requires TLS 1.2 (MC1293480).", [
		library.display,
		c.name,
		version_note(c.version),
	])
	finding := object.union(
		{"path": file.path, "fact": i, "related": file.facts[i].related},
		lib.explained(problem, lib.remedy("component")),
	)
}

version_note(v) := sprintf(", version %s", [v]) if v != null

version_note(null) := ""

# matches: [path, fact index, library key] for every component fact that is
# a known library, computed once per evaluation for both rules above.
matches contains [file.path, i, key] if {
	some file in input.files
	some i, fact in file.facts
	fact.kind == "component"
	some key in libraries(fact.component)
}

# libraries(c): the keys of data.tlsfloor.components that c is. Package
# identifiers first: a CPE whose vendor:product is a library's decides;
# else the purl's name (unless the purl is a language package, a binding
# such as the Rust crate `openssl`); else the component's name. Names match
# exactly or, for a library's `stems`, after the soname suffix distribution
# package names carry (libssl1.0.0, libgnutls30, libnss3). The indexes
# below are computed once per evaluation, so a 10,000-component SBOM costs a
# few lookups per component rather than a scan of the library table.
libraries(c) := keys if {
	keys := cpe_keys(c)
	count(keys) > 0
} else := keys if {
	keys := purl_keys(c)
	count(keys) > 0
} else := keys if {
	not binding(c)
	keys := name_keys(lower(c.name))
}

cpe_keys(c) := {key |
	some vp in cpe_vendor_products(c)
	key := cpe_index[vp]
} | {key |
	# Yocto writes `*` for the vendor when a recipe names only its product.
	some vp in cpe_vendor_products(c)
	startswith(vp, "*:")
	key := cpe_product_index[trim_prefix(vp, "*:")]
}

purl_keys(c) := name_keys(purl_name(c.purl)) if {
	c.purl != null
	not binding(c)
}

purl_keys(c) := set() if c.purl == null

purl_keys(c) := set() if binding(c)

name_keys(name) := {key | key := name_index[name]} | {key |
	# Only names ending in a digit can carry a soname suffix (cheap test
	# first, the regex for the few that can).
	count(name) > 0
	indexof("0123456789", substring(name, count(name) - 1, 1)) >= 0
	stem := regex.replace(name, matching.soname_suffix, "")
	stem != name
	key := stem_index[stem]
}

matching := data.tlsfloor.component_matching

# binding(c): the component is a language package (purl type cargo, gem,
# pypi, npm, ...), not a system library.
binding(c) if {
	c.purl != null
	purl_type(c.purl) in matching.binding_purl_types
}

# purl_type("pkg:cargo/openssl@0.10.64") == "cargo"
purl_type(purl) := lower(split(trim_left(trim_prefix(purl, "pkg:"), "/"), "/")[0])

name_index := {name: key |
	some key, library in data.tlsfloor.components
	some name in library.names
}

stem_index := {stem: key |
	some key, library in data.tlsfloor.components
	some stem in object.get(library, "stems", [])
}

cpe_index := {vp: key |
	some key, library in data.tlsfloor.components
	some vp in library.cpes
}

cpe_product_index := {product: key |
	some key, library in data.tlsfloor.components
	some vp in library.cpes
	product := split(vp, ":")[1]
}

# purl_name("pkg:deb/debian/libssl1.0.0@1.0.1t-1?arch=amd64") == "libssl1.0.0"
purl_name(purl) := lower(regex.replace(regex.replace(purl, `[@?#].*$`, ""), `^.*/`, ""))

# "cpe:2.3:a:openssl:openssl:1.0.0:..." and "cpe:/a:openssl:openssl:1.0.0"
# both give "openssl:openssl".
cpe_vendor_products(c) := {sprintf("%s:%s", [parts[3], parts[4]])} if {
	c.cpe != null
	parts := split(lower(c.cpe), ":")
	parts[1] == "2.3"
}

cpe_vendor_products(c) := {sprintf("%s:%s", [parts[2], parts[3]])} if {
	c.cpe != null
	parts := split(lower(c.cpe), ":")
	startswith(parts[1], "/")
}

cpe_vendor_products(c) := set() if c.cpe == null
