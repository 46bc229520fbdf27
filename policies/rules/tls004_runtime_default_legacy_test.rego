package tlsfloor.rules.tls004_test

import data.tlsfloor.rules.tls004
import data.tlsfloor.test.fixtures as fx
import rego.v1

runtime(version) := fx.fact("runtime", {"component": {"name": ".NET Framework", "version": version, "purl": null, "cpe": null}})

smtp := fx.connection(null, null, {"protocol": "smtp", "host": "smtp.office365.com", "port": 587, "tls": {"min": null, "max": null, "basis": "unknown"}})

test_net40_with_mail_is_reported if {
	count(tls004.findings) == 1 with input as fx.doc([runtime("4.0"), smtp])
}

test_net40_without_mail_only_in_scope_all if {
	count(tls004.findings) == 0 with input as fx.doc([runtime("4.0")])
	count(tls004.findings) == 1 with input as fx.doc_scope([runtime("4.0")], "all")
}

test_net472_is_fine if {
	count(tls004.findings) == 0 with input as fx.doc([runtime("4.7.2"), smtp])
}

test_explicit_tls12_setting_silences_it if {
	s := fx.fact("tls_setting", {"tls": {"min": "1.2", "max": "1.2", "basis": "explicit"}, "scope": "process"})
	count(tls004.findings) == 0 with input as fx.doc([runtime("4.5"), s, smtp])
}
