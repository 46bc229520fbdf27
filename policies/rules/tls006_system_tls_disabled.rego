# METADATA
# title: System-wide TLS configuration caps TLS below 1.2
# description: |
#   An OS-, runtime- or library-wide TLS setting (OpenSSL `openssl.cnf`,
#   GnuTLS system priorities, Java `java.security`, Windows Schannel
#   registry, a process-wide default in code) that disables TLS 1.2 or caps
#   the maximum below it, or the build configuration of an embedded TLS
#   library (Mbed TLS config header, wolfSSL `user_settings.h`, ESP-IDF
#   `sdkconfig`, Zephyr `prj.conf`) that leaves TLS 1.2 out of the firmware.
#   Every mail client on that system, in that process or in that firmware
#   inherits it and fails against Exchange Online once TLS 1.2 is required
#   (MC1293480).
# custom:
#   id: TLS006
#   name: system-tls-disabled
#   level: error
#   security-severity: "7.5"
#   precision: high
#   tags: [security, tls, exchange-online, external/cwe/cwe-327]
#   help: |
#     **What it finds.** A system- or process-wide TLS setting whose
#     highest allowed version is below TLS 1.2, or a TLS library build
#     configuration that compiles TLS 1.2 out.
#
#     **Why it matters.** Every mail client on the system, or in the
#     process, inherits the cap whatever its own settings say: none of them
#     can offer TLS 1.2, so all of their POP3 and IMAP4 connections to
#     Exchange Online fail once TLS 1.2 is required (MC1293480).
#
#     **How to fix.** Remove the cap (e.g. `MaxProtocol = TLSv1.1` in
#     `openssl.cnf`, `Enabled=0` under `SCHANNEL\Protocols\TLS 1.2\Client`)
#     and set the minimum to TLS 1.2 where the platform allows it. For a
#     firmware build, compile TLS 1.2 in (`#define MBEDTLS_SSL_PROTO_TLS1_2`,
#     no `WOLFSSL_NO_TLS12`, `CONFIG_MBEDTLS_SSL_PROTO_TLS1_2=y`,
#     `CONFIG_MBEDTLS_TLS_VERSION_1_2=y`), rebuild and update the devices.
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
	fact.scope in {"process", "system", "build"}
	fact.tls.max != null
	lib.below_required(fact.tls.max)
	problem := sprintf("%s allows %s; every mail client %s inherits it and cannot connect once TLS 1.2 is required (MC1293480).", [
		scope_label[fact.scope],
		lib.range_text(fact.tls),
		scope_subject[fact.scope],
	])
	finding := object.union(
		{"path": file.path, "fact": i, "related": fact.related},
		lib.explained(problem, lib.remedy(fact.client)),
	)
}

scope_label := {
	"process": "Process-wide TLS setting",
	"system": "System-wide TLS setting",
	"build": "TLS library build configuration",
}

scope_subject := {
	"process": "in this process",
	"system": "on this system",
	"build": "built with it",
}
