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

android(level) := fx.fact("runtime", {"component": {"name": "Android", "version": level, "purl": null, "cpe": null}})

test_android_kitkat_is_reported_without_mail if {
	found := tls004.findings with input as fx.doc([android("19")])
	count(found) == 1
	some f in found
	contains(f.message, "Android API level 19 supports TLS 1.2 but does not enable it by default")
	contains(f.message, "from 20")
}

test_android_jelly_bean_mr0_is_the_first_reported_level if {
	count(tls004.findings) == 1 with input as fx.doc([android("16")])
}

test_android_lollipop_and_later_are_fine if {
	count(tls004.findings) == 0 with input as fx.doc([android("20"), android("21"), android("34")])
}

test_android_below_16_is_left_to_tls003 if {
	count(tls004.findings) == 0 with input as fx.doc_scope([android("15"), smtp], "all")
}

test_android_is_reported_once_in_scope_all if {
	count(tls004.findings) == 1 with input as fx.doc_scope([android("18"), smtp], "all")
}
