# METADATA
# title: Device TLS support not yet confirmed by its vendor
# description: |
#   A device in the device inventory (`tlsfloor-devices.toml`) has no
#   `[device.attestation]`: nobody has recorded what its vendor states
#   about its TLS support. Embedded devices (printers that scan to e-mail,
#   POS terminals, building controllers) carry a TLS library in their
#   firmware that cannot be checked from a configuration file; until the
#   vendor confirms TLS 1.2 support for the installed firmware, the device
#   may stop sending or fetching mail once Exchange Online requires TLS 1.2
#   (MC1293480, which asks admins to validate TLS support with third-party
#   vendors). Reported so that the inventory shows what is still unknown.
# custom:
#   id: TLS008
#   name: tls-support-unattested
#   level: note
#   security-severity: "3.0"
#   precision: high
#   tags: [security, tls, exchange-online, inventory]
#   help: |
#     **What it finds.** A `[[device]]` in `tlsfloor-devices.toml` without
#     an `[device.attestation]` table.
#
#     **How to fix.** Ask the vendor (release notes, a support article, a
#     security advisory, or the device's own TLS settings page) which TLS
#     versions the installed firmware supports, then record it:
#
#     ```toml
#     [device.attestation]
#     tls_max = "1.2"
#     tls_min = "1.2"
#     url = "https://vendor.example/kb/tls-support"
#     date = 2026-05-04
#     confirmed_by = "J. Doe"
#     ```
#
#     If the vendor cannot confirm TLS 1.2, plan a firmware update or a
#     replacement before the Exchange Online change reaches your tenant.
#   examples:
#     - file: tlsfloor-devices.toml
#       noncompliant: |
#         [[device]]
#         vendor = "Northwind Imaging"
#         model = "NX-2100"
#         firmware = "2100.03.51"
#
#           [[device.mail]]
#           protocol = "smtp"
#           host = "smtp.office365.com"
#           port = 587
#           security = "starttls"
#       compliant: |
#         [[device]]
#         vendor = "Northwind Imaging"
#         model = "NX-2100"
#         firmware = "2100.04.02"
#
#           [[device.mail]]
#           protocol = "smtp"
#           host = "smtp.office365.com"
#           port = 587
#           security = "starttls"
#
#           [device.attestation]
#           tls_min = "1.2"
#           tls_max = "1.3"
#           url = "https://support.northwind-imaging.example/kb/NX-2100-tls"
#           date = 2026-05-04
#           confirmed_by = "J. Doe (IT operations)"
package tlsfloor.rules.tls008

import data.tlsfloor.lib
import rego.v1

findings contains finding if {
	some file in input.files
	some i, fact in file.facts
	fact.kind == "device"
	fact.tls.basis == "unknown"
	problem := sprintf("%s%s has no vendor attestation of its TLS support: whether it can do TLS 1.2 is unknown. %s", [
		lib.device_name(fact),
		lib.target(fact),
		lib.exchange_note(fact),
	])
	finding := object.union(
		{"path": file.path, "fact": i, "related": fact.related},
		lib.explained(problem, lib.remedy("device-unattested")),
	)
}
