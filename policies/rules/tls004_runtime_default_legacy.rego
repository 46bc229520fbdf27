# METADATA
# title: Code relies on a runtime whose default TLS is below 1.2
# description: |
#   The code targets a runtime (for example .NET Framework before 4.6)
#   whose default TLS versions for client connections stop below TLS 1.2,
#   the same file opens a mail connection, and it sets no TLS version that
#   reaches 1.2. Its mail connections then offer TLS 1.0 only and fail
#   against Exchange Online once TLS 1.2 is required (MC1293480). The
#   runtime versions are policy data (policies/data/runtimes.json) with
#   their sources. Without a mail connection in the file (a project file
#   alone), the runtime is reported only with --scope all, except a device
#   platform (Android API levels 16-19 from a build.prop), which every mail
#   app on the device inherits.
# custom:
#   id: TLS004
#   name: runtime-default-legacy
#   level: warning
#   security-severity: "5.3"
#   precision: medium
#   tags: [security, tls, exchange-online, external/cwe/cwe-757]
#   help: |
#     **What it finds.** A runtime version whose client default is TLS 1.0
#     (.NET Framework 4.0-4.6.x without strong crypto, Java 7), with no
#     explicit TLS setting in the same file; or a device running Android
#     4.1-4.4 (API levels 16-19), whose `SSLSocket` clients support TLS 1.2
#     but do not enable it by default.
#
#     **Why it matters.** Such code offers the server only TLS 1.0 unless it
#     is told otherwise. Exchange Online refuses TLS 1.0 and 1.1 for POP3
#     and IMAP4 from 2026 (MC1293480) and already does for SMTP AUTH
#     submission, so its mail stops although nothing in the code changed.
#
#     **How to fix.** Retarget to a runtime whose default includes TLS 1.2
#     (.NET Framework 4.7+, Java 8+), or set the version explicitly (for
#     .NET, `SchUseStrongCrypto`/`SystemDefaultTlsVersions`; for Java,
#     `-Djdk.tls.client.protocols=TLSv1.2,TLSv1.3`). Update Android devices
#     to Android 5.0 or later, or make sure their mail app enables TLS 1.2.
#   examples:
#     - file: App.config
#       noncompliant: |
#         <configuration>
#           <startup>
#             <supportedRuntime version="v4.0" sku=".NETFramework,Version=v4.5" />
#           </startup>
#           <system.net>
#             <mailSettings>
#               <smtp from="invoices@contoso.com">
#                 <network host="smtp.office365.com" port="587" enableSsl="true" />
#               </smtp>
#             </mailSettings>
#           </system.net>
#         </configuration>
#       compliant: |
#         <configuration>
#           <startup>
#             <supportedRuntime version="v4.0" sku=".NETFramework,Version=v4.8" />
#           </startup>
#           <system.net>
#             <mailSettings>
#               <smtp from="invoices@contoso.com">
#                 <network host="smtp.office365.com" port="587" enableSsl="true" />
#               </smtp>
#             </mailSettings>
#           </system.net>
#         </configuration>
package tlsfloor.rules.tls004

import data.tlsfloor.lib
import rego.v1

findings contains finding if {
	some file in input.files
	some i, fact in file.facts
	fact.kind == "runtime"
	c := fact.component
	c.version != null
	runtime := data.tlsfloor.runtimes[lower(c.name)]
	not runtime.device_platform
	tlsfloor.compare_versions(c.version, runtime.default_tls12_from) < 0
	not explicit_setting(file)
	mail_context(file)
	problem := sprintf("%s %s defaults to TLS versions below 1.2 for client connections (TLS 1.2 by default from %s) and this file sets no TLS version that reaches 1.2; its mail connections fail once Exchange Online requires TLS 1.2.", [
		runtime.display,
		c.version,
		runtime.default_tls12_from,
	])
	finding := object.union(
		{"path": file.path, "fact": i, "related": fact.related},
		lib.explained(problem, runtime.remedy),
	)
}

explicit_setting(file) if {
	some s in file.facts
	s.kind == "tls_setting"
	s.tls.basis == "explicit"
	s.tls.max != null
	lib.meets_required(s.tls.max)
}

# mail_context(file): the file opens a mail connection (or the user asked
# for every TLS setting).
mail_context(file) if {
	some f in file.facts
	f.kind in {"connection", "mail_usage"}
}

mail_context(_) if input.settings.scope == "all"

# A device platform (Android from a device's build.prop): every app on the
# device inherits the platform's client default, and no file of the device
# shows its mail clients, so it is reported without a mail context. Versions
# that cannot do TLS 1.2 at all (below tls12_from) are TLS003's.
findings contains finding if {
	some file in input.files
	some i, fact in file.facts
	fact.kind == "runtime"
	c := fact.component
	c.version != null
	runtime := data.tlsfloor.runtimes[lower(c.name)]
	runtime.device_platform
	tlsfloor.compare_versions(c.version, runtime.default_tls12_from) < 0
	tlsfloor.compare_versions(c.version, runtime.tls12_from) >= 0
	problem := sprintf("%s %s supports TLS 1.2 but does not enable it by default for client connections (it does from %s); mail apps on this device that keep the platform default offer only TLS 1.0 and fail once Exchange Online requires TLS 1.2 (MC1293480).", [
		runtime.display,
		c.version,
		runtime.default_tls12_from,
	])
	finding := object.union(
		{"path": file.path, "fact": i, "related": fact.related},
		lib.explained(problem, runtime.remedy),
	)
}
