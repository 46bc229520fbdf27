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
	some i, fact in file.facts
	fact.kind == "component"
	c := fact.component
	c.version != null
	some key in libraries(c)
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
		{"path": file.path, "fact": i, "related": fact.related},
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

# libraries(c): the keys of data.tlsfloor.components that c is, found by
# name, purl name or CPE vendor:product. The indexes below are computed once
# per evaluation, so a 10,000-component SBOM costs a few lookups per
# component rather than a scan of the library table.
libraries(c) := {key |
	some name in component_names(c)
	key := name_index[name]
} | {key |
	some vp in cpe_vendor_products(c)
	key := cpe_index[vp]
}

name_index := {name: key |
	some key, library in data.tlsfloor.components
	some name in library.names
}

cpe_index := {vp: key |
	some key, library in data.tlsfloor.components
	some vp in library.cpes
}

component_names(c) := {lower(c.name), purl_name(c.purl)} if c.purl != null

component_names(c) := {lower(c.name)} if c.purl == null

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
