# METADATA
# title: Client uses a retired legacy-TLS Exchange Online endpoint
# description: |
#   A client or script is pointed at one of the opt-in legacy TLS endpoints
#   (`pop-legacy.office365.com`, `imap-legacy.office365.com`,
#   `smtp-legacy.office365.com` and their `partner.outlook.cn` twins), or a
#   script turns on `AllowLegacyTLSClients` for the tenant. Microsoft is
#   removing these endpoints together with TLS 1.0/1.1 for POP3 and IMAP4
#   (MC1293480); anything that depends on them stops working.
# custom:
#   id: TLS007
#   name: legacy-tls-endpoint
#   level: error
#   security-severity: "7.5"
#   precision: very-high
#   tags: [security, tls, exchange-online]
#   help_uri: https://learn.microsoft.com/en-us/exchange/clients-and-mobile-in-exchange-online/opt-in-exchange-online-endpoint-for-legacy-tls-using-pop3-or-imap4
#   help: |
#     **What it finds.** A host name of a retired legacy TLS endpoint in a
#     client configuration, script or code, or `AllowLegacyTLSClients` set
#     to true.
#
#     **Why it matters.** These endpoints existed only for clients that
#     cannot do TLS 1.2. They are being removed (MC1293480), so the client
#     will fail to connect, and it most likely cannot do TLS 1.2 either.
#
#     **How to fix.** Upgrade the client to TLS 1.2+ and point it at the
#     regular endpoint: `outlook.office365.com` (IMAP 993, POP3 995) or
#     `smtp.office365.com` (SMTP 587). Then set `AllowLegacyTLSClients` to
#     `$false`.
#   examples:
#     - file: fetch-mail.sh
#       noncompliant: |
#         #!/bin/sh
#         curl --ssl-reqd "imaps://imap-legacy.office365.com:993/INBOX" --user "$MAIL_USER:$MAIL_PASS"
#       compliant: |
#         #!/bin/sh
#         curl --ssl-reqd --tlsv1.2 "imaps://outlook.office365.com:993/INBOX" --user "$MAIL_USER:$MAIL_PASS"
#     - file: tenant.ps1
#       noncompliant: |
#         Connect-ExchangeOnline -UserPrincipalName admin@contoso.com
#         Set-TransportConfig -AllowLegacyTLSClients $true
#       compliant: |
#         Connect-ExchangeOnline -UserPrincipalName admin@contoso.com
#         Set-TransportConfig -AllowLegacyTLSClients $false
package tlsfloor.rules.tls007

import data.tlsfloor.lib
import rego.v1

findings contains finding if {
	some file in input.files
	some i, fact in file.facts
	fact.host != null
	lib.legacy_host(fact.host)
	problem := sprintf("%s uses the retired legacy TLS endpoint %s, which Microsoft is removing with TLS 1.0/1.1 for POP3 and IMAP4 (MC1293480).", [
		subject(fact),
		fact.host,
	])
	finding := object.union(
		{
			"path": file.path,
			"fact": i,
			"location": host_location(fact),
			"related": [r | some r in fact.related; r.role != "host"],
		},
		lib.explained(problem, lib.remedy("endpoint")),
	)
}

findings contains finding if {
	some file in input.files
	some i, fact in file.facts
	fact.kind == "tls_setting"
	fact.setting.name in lib.exchange.legacy_tenant_settings
	truthy(fact.setting.value)
	problem := sprintf("%s turns on %s, which keeps the legacy TLS endpoints open for clients that cannot do TLS 1.2; Microsoft is removing them (MC1293480).", [
		lib.client_name(fact),
		fact.setting.name,
	])
	finding := object.union(
		{"path": file.path, "fact": i, "related": fact.related},
		lib.explained(problem, lib.remedy("tenant")),
	)
}

subject(fact) := lib.client_name(fact) if not fact.kind in {"endpoint_reference", "device"}

subject(fact) := lib.device_name(fact) if fact.kind == "device"

subject(fact) := "This file" if fact.kind == "endpoint_reference"

# The host's own line is the primary location where the extractor knows it.
host_location(fact) := {
	"line": r.line,
	"column": r.column,
	"end_line": r.end_line,
	"end_column": r.end_column,
} if {
	r := host_related(fact)[0]
}

host_location(fact) := fact.location if count(host_related(fact)) == 0

host_related(fact) := [r | some r in fact.related; r.role == "host"]

truthy(v) if lower(trim_left(v, "$")) in {"true", "1", "yes", "on"}
