package tlsfloor.rules.tls008_test

import data.tlsfloor.rules.tls008
import data.tlsfloor.test.fixtures as fx
import rego.v1

device(tls, overrides) := fx.fact("device", object.union(
	{
		"client": "device",
		"protocol": "smtp",
		"host": "smtp.office365.com",
		"port": 587,
		"tls_mode": "starttls",
		"tls": tls,
		"component": {"name": "Northwind Imaging NX-4520", "version": "2XC_S000.002.271", "purl": null, "cpe": null},
	},
	overrides,
))

test_device_without_attestation_is_reported if {
	found := tls008.findings with input as fx.doc([device({"min": null, "max": null, "basis": "unknown"}, {})])
	count(found) == 1
	some f in found
	contains(f.message, "Northwind Imaging NX-4520, firmware 2XC_S000.002.271 (SMTP to smtp.office365.com:587)")
	contains(f.message, "SMTP AUTH")
}

test_device_without_mail_entry_or_firmware_is_reported if {
	d := device({"min": null, "max": null, "basis": "unknown"}, {"protocol": null, "host": null, "port": null, "component": {"name": "Acme Door 9", "version": null, "purl": null, "cpe": null}})
	some f in tls008.findings with input as fx.doc([d])
	startswith(f.message, "Acme Door 9 has no vendor attestation")
}

test_attested_device_is_not_reported if {
	count(tls008.findings) == 0 with input as fx.doc([device({"min": "1.2", "max": "1.3", "basis": "explicit"}, {})])
	count(tls008.findings) == 0 with input as fx.doc([device({"min": "1.0", "max": "1.1", "basis": "explicit"}, {})])
}

test_connections_with_unknown_tls_are_not_this_rule if {
	c := fx.connection(null, null, {"tls": {"min": null, "max": null, "basis": "unknown"}})
	count(tls008.findings) == 0 with input as fx.doc([c])
}
