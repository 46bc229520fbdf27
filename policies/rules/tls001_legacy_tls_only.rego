# METADATA
# title: Mail connection limited to TLS 1.0/1.1
# description: |
#   A mail client connection (IMAP, POP3 or SMTP) whose highest allowed TLS
#   version is below TLS 1.2. Exchange Online retires TLS 1.0 and 1.1 for
#   POP3 and IMAP4 (Message Center MC1293480, rollout July 1 to December 31,
#   2026) and already refuses them for SMTP AUTH; a client that cannot
#   offer TLS 1.2 stops connecting. Reported for connection settings, for
#   TLS settings in code that reach a mail client, and for devices in a
#   device inventory (`tlsfloor-devices.toml`) whose vendor attests a
#   maximum below TLS 1.2.
# custom:
#   id: TLS001
#   name: legacy-tls-only
#   level: error
#   security-severity: "7.5"
#   precision: high
#   tags: [security, tls, exchange-online, external/cwe/cwe-327]
#   help_uri: https://learn.microsoft.com/en-us/exchange/clients-and-mobile-in-exchange-online/opt-in-exchange-online-endpoint-for-legacy-tls-using-pop3-or-imap4
#   help: |
#     **What it finds.** A mail connection that can only use TLS 1.0 or 1.1
#     (or SSL): its highest allowed version is below TLS 1.2.
#
#     **Why it matters.** Exchange Online requires TLS 1.2 or later for POP3
#     and IMAP4 from 2026 (MC1293480). A client pinned to an older version
#     fails to connect; the opt-in legacy endpoints that once accepted it are
#     being removed.
#
#     **How to fix.** Allow TLS 1.2 and 1.3 in the client's settings, e.g.
#     `TLSVersions +1.2 +1.3` (isync 1.5), `sslproto TLS1.2+` (fetchmail),
#     `ssl_version = tls1_2` (OfflineIMAP), `set ssl_use_tlsv1_2=yes`
#     (mutt), `security.tls.version.max` 4 (Thunderbird), or
#     `ctx.minimum_version = ssl.TLSVersion.TLSv1_2` (Python). Each finding
#     names the fix for its client. For a device whose firmware cannot do
#     TLS 1.2, get a firmware update from the vendor or replace the device.
#   examples:
#     - file: .mbsyncrc
#       noncompliant: |
#         IMAPAccount work
#         Host outlook.office365.com
#         User jane@contoso.com
#         PassCmd "pass show mail/work"
#         SSLType IMAPS
#         SSLVersions TLSv1
#       compliant: |
#         IMAPAccount work
#         Host outlook.office365.com
#         User jane@contoso.com
#         PassCmd "pass show mail/work"
#         SSLType IMAPS
#         SSLVersions TLSv1.2 TLSv1.3
#     - file: .fetchmailrc
#       noncompliant: |
#         poll outlook.office365.com protocol imap
#           user "jane@contoso.com" there is jane here
#           ssl sslproto TLS1
#       compliant: |
#         poll outlook.office365.com protocol imap
#           user "jane@contoso.com" there is jane here
#           ssl sslproto TLS1.2+
#     - file: imap_fetch.py
#       noncompliant: |
#         import imaplib
#         import ssl
#
#         ctx = ssl.SSLContext(ssl.PROTOCOL_TLSv1)
#         box = imaplib.IMAP4_SSL("outlook.office365.com", 993, ssl_context=ctx)
#       compliant: |
#         import imaplib
#         import ssl
#
#         ctx = ssl.create_default_context()
#         ctx.minimum_version = ssl.TLSVersion.TLSv1_2
#         box = imaplib.IMAP4_SSL("outlook.office365.com", 993, ssl_context=ctx)
package tlsfloor.rules.tls001

import data.tlsfloor.lib
import rego.v1

# Settings whose scope is wider than one client (a TLS library build caps
# every program of the firmware) are TLS006's.
wide_scopes := {"process", "system", "tenant", "build"}

findings contains finding if {
	some file in input.files
	some i, fact in file.facts
	fact.kind in {"connection", "tls_setting"}
	not fact.scope in wide_scopes
	fact.tls.max != null
	lib.below_required(fact.tls.max)
	lib.in_scope(file, fact)
	problem := sprintf("%s allows %s%s%s; it cannot connect once TLS 1.2 is required. %s", [
		lib.client_name(fact),
		lib.range_text(fact.tls),
		lib.target(fact),
		lib.mail_clause(file, fact),
		lib.exchange_note(fact),
	])
	finding := object.union(
		{"path": file.path, "fact": i, "related": lib.related_for(file, fact)},
		lib.explained(problem, lib.remedy(fact.client)),
	)
}

# A device from a device inventory whose vendor attests a maximum below
# TLS 1.2: it cannot connect, whatever it is configured to do.
findings contains finding if {
	some file in input.files
	some i, fact in file.facts
	fact.kind == "device"
	fact.tls.max != null
	lib.below_required(fact.tls.max)
	problem := sprintf("%s supports %s according to its vendor%s; it cannot connect once TLS 1.2 is required. %s", [
		lib.device_name(fact),
		lib.range_text(fact.tls),
		lib.target(fact),
		lib.exchange_note(fact),
	])
	finding := object.union(
		{"path": file.path, "fact": i, "related": fact.related},
		lib.explained(problem, lib.remedy(fact.client)),
	)
}
