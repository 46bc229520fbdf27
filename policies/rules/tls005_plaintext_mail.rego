# METADATA
# title: POP3/IMAP to Exchange Online without TLS
# description: |
#   A POP3 or IMAP connection to an Exchange Online host with TLS turned off
#   (no implicit TLS and no STARTTLS). Exchange Online requires TLS 1.2 or
#   later for POP3 and IMAP4 (MC1293480); a plaintext session cannot
#   authenticate and exposes credentials on the wire.
# custom:
#   id: TLS005
#   name: plaintext-mail
#   level: error
#   security-severity: "8.1"
#   precision: high
#   tags: [security, tls, exchange-online, external/cwe/cwe-319]
#   help: |
#     **What it finds.** A POP3 or IMAP connection to an Exchange Online
#     host (`outlook.office365.com` and the government and 21Vianet
#     endpoints) configured with no TLS at all.
#
#     **Why it matters.** Exchange Online requires TLS 1.2 or later for
#     POP3 and IMAP4 (MC1293480): a session without TLS cannot log in, and
#     every attempt sends the password across the network in clear text.
#
#     **How to fix.** Use implicit TLS (IMAP on 993, POP3 on 995), e.g.
#     `TLSType IMAPS` (isync), `ssl` (fetchmail), `ssl = yes`
#     (OfflineIMAP), `imaps://` URLs (mutt), socket type 3 (Thunderbird),
#     `IMAP4_SSL` (Python), with TLS 1.2 or later allowed.
#   examples:
#     - file: .mbsyncrc
#       noncompliant: |
#         IMAPAccount work
#         Host outlook.office365.com
#         Port 143
#         TLSType None
#       compliant: |
#         IMAPAccount work
#         Host outlook.office365.com
#         Port 993
#         TLSType IMAPS
#     - file: imap_poll.py
#       noncompliant: |
#         import imaplib
#
#         box = imaplib.IMAP4("outlook.office365.com", 143)
#         box.login(user, secret)
#       compliant: |
#         import imaplib
#
#         box = imaplib.IMAP4_SSL("outlook.office365.com", 993)
#         box.login(user, secret)
package tlsfloor.rules.tls005

import data.tlsfloor.lib
import rego.v1

findings contains finding if {
	some file in input.files
	some i, fact in file.facts
	fact.kind in {"connection", "mail_usage", "device"}
	fact.tls_mode == "none"
	fact.protocol in {"imap", "pop3"}
	fact.host != null
	lib.exchange_host(fact.host)
	problem := sprintf("%s connects without TLS%s; Exchange Online requires TLS 1.2 or later for POP3 and IMAP4 (MC1293480) and the password would cross the network in clear text.", [
		lib.client_name(fact),
		lib.target(fact),
	])
	finding := object.union(
		{"path": file.path, "fact": i, "related": fact.related},
		lib.explained(problem, lib.remedy("plaintext")),
	)
}
