# METADATA
# title: Mail connection still allows TLS 1.0/1.1
# description: |
#   A mail client connection that allows TLS 1.2 or later but also TLS 1.0
#   or 1.1 (or SSL). It works with Exchange Online today, but a server or
#   middlebox that offers only the old versions can downgrade it, and the
#   setting documents a dependency on legacy TLS that should be removed.
# custom:
#   id: TLS002
#   name: legacy-tls-allowed
#   level: warning
#   security-severity: "5.3"
#   precision: high
#   tags: [security, tls, exchange-online, external/cwe/cwe-757]
#   help: |
#     **What it finds.** A mail connection whose lowest allowed TLS version
#     is below TLS 1.2 while TLS 1.2+ is also allowed.
#
#     **Why it matters.** The connection keeps working with servers that
#     require TLS 1.2, but it would accept a downgrade to TLS 1.0/1.1, which
#     Exchange Online and current guidance (RFC 8996) retire.
#
#     **How to fix.** Raise the minimum to TLS 1.2: drop `TLSv1`/`TLSv1.1`
#     from version lists, use `TLS1.2+` rather than `TLS1+` (fetchmail), or
#     set the minimum version to TLS 1.2 in code.
#   examples:
#     - file: .fetchmailrc
#       noncompliant: |
#         poll outlook.office365.com protocol imap
#           user "jane@contoso.com" there is jane here
#           ssl sslproto TLS1+
#       compliant: |
#         poll outlook.office365.com protocol imap
#           user "jane@contoso.com" there is jane here
#           ssl sslproto TLS1.2+
#     - file: .muttrc
#       noncompliant: |
#         set folder = "imaps://jane@outlook.office365.com/"
#         set ssl_use_tlsv1 = yes
#         set ssl_use_tlsv1_1 = yes
#       compliant: |
#         set folder = "imaps://jane@outlook.office365.com/"
#         set ssl_use_tlsv1 = no
#         set ssl_use_tlsv1_1 = no
#     - file: imap_fetch.py
#       noncompliant: |
#         import imaplib
#         import ssl
#
#         ctx = ssl.create_default_context()
#         ctx.minimum_version = ssl.TLSVersion.TLSv1
#         box = imaplib.IMAP4_SSL("outlook.office365.com", 993, ssl_context=ctx)
#       compliant: |
#         import imaplib
#         import ssl
#
#         ctx = ssl.create_default_context()
#         ctx.minimum_version = ssl.TLSVersion.TLSv1_2
#         box = imaplib.IMAP4_SSL("outlook.office365.com", 993, ssl_context=ctx)
package tlsfloor.rules.tls002

import data.tlsfloor.lib
import rego.v1

wide_scopes := {"process", "system", "tenant"}

findings contains finding if {
	some file in input.files
	some i, fact in file.facts
	fact.kind in {"connection", "tls_setting"}
	not fact.scope in wide_scopes
	fact.tls.basis == "explicit"
	fact.tls.min != null
	lib.below_required(fact.tls.min)
	allows_modern(fact.tls)
	lib.in_scope(file, fact)
	problem := sprintf("%s allows %s%s%s: TLS 1.2 works, but TLS 1.0/1.1 are still accepted.", [
		lib.client_name(fact),
		lib.range_text(fact.tls),
		lib.target(fact),
		lib.mail_clause(file, fact),
	])
	finding := object.union(
		{"path": file.path, "fact": i, "related": lib.related_for(file, fact)},
		lib.explained(problem, lib.remedy(fact.client)),
	)
}

allows_modern(tls) if tls.max == null

allows_modern(tls) if {
	tls.max != null
	lib.meets_required(tls.max)
}
