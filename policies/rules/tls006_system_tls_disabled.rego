# METADATA
# title: System-wide TLS configuration caps TLS below 1.2
# description: |
#   An OS-, runtime- or library-wide TLS setting (OpenSSL `openssl.cnf`,
#   GnuTLS system priorities, Java `java.security`, Windows Schannel
#   registry, a process-wide default in code) that disables TLS 1.2 or caps
#   the maximum below it. Every mail client on that system or in that
#   process inherits it and fails against Exchange Online once TLS 1.2 is
#   required (MC1293480).
# custom:
#   id: TLS006
#   name: system-tls-disabled
#   level: error
#   security-severity: "7.5"
#   precision: high
#   tags: [security, tls, exchange-online, external/cwe/cwe-327]
#   help: |
#     **What it finds.** A system- or process-wide TLS setting whose
#     highest allowed version is below TLS 1.2.
#
#     **Why it matters.** Every mail client on the system, or in the
#     process, inherits the cap whatever its own settings say: none of them
#     can offer TLS 1.2, so all of their POP3 and IMAP4 connections to
#     Exchange Online fail once TLS 1.2 is required (MC1293480).
#
#     **How to fix.** Remove the cap (e.g. `MaxProtocol = TLSv1.1` in
#     `openssl.cnf`, `Enabled=0` under `SCHANNEL\Protocols\TLS 1.2\Client`)
#     and set the minimum to TLS 1.2 where the platform allows it.
#   examples:
#     - file: openssl.cnf
#       noncompliant: |
#         openssl_conf = default_conf
#
#         [default_conf]
#         ssl_conf = ssl_sect
#
#         [ssl_sect]
#         system_default = system_default_sect
#
#         [system_default_sect]
#         MinProtocol = TLSv1
#         MaxProtocol = TLSv1.1
#       compliant: |
#         openssl_conf = default_conf
#
#         [default_conf]
#         ssl_conf = ssl_sect
#
#         [ssl_sect]
#         system_default = system_default_sect
#
#         [system_default_sect]
#         MinProtocol = TLSv1.2
#     - file: schannel.reg
#       noncompliant: |
#         Windows Registry Editor Version 5.00
#
#         [HKEY_LOCAL_MACHINE\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL\Protocols\TLS 1.2\Client]
#         "Enabled"=dword:00000000
#         "DisabledByDefault"=dword:00000001
#       compliant: |
#         Windows Registry Editor Version 5.00
#
#         [HKEY_LOCAL_MACHINE\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL\Protocols\TLS 1.2\Client]
#         "Enabled"=dword:00000001
#         "DisabledByDefault"=dword:00000000
package tlsfloor.rules.tls006

import data.tlsfloor.lib
import rego.v1

findings contains finding if {
	some file in input.files
	some i, fact in file.facts
	fact.kind == "tls_setting"
	fact.scope in {"process", "system"}
	fact.tls.max != null
	lib.below_required(fact.tls.max)
	problem := sprintf("%s-wide TLS setting allows %s; every mail client %s inherits it and cannot connect once TLS 1.2 is required (MC1293480).", [
		fact.scope,
		lib.range_text(fact.tls),
		scope_subject[fact.scope],
	])
	finding := object.union(
		{"path": file.path, "fact": i, "related": fact.related},
		lib.explained(problem, lib.remedy(fact.client)),
	)
}

scope_subject := {"process": "in this process", "system": "on this system"}
