package tlsfloor.rules.tls006_test

import data.tlsfloor.rules.tls006
import data.tlsfloor.test.fixtures as fx
import rego.v1

setting(scope, min, max) := fx.fact("tls_setting", {"scope": scope, "tls": {"min": min, "max": max, "basis": "explicit"}})

test_system_cap_below_12_is_reported if {
	found := tls006.findings with input as fx.doc([setting("system", "1.0", "1.1")])
	count(found) == 1
	some f in found
	contains(f.message, "System-wide")
}

test_system_minimum_below_12_alone_is_not_this_rule if {
	count(tls006.findings) == 0 with input as fx.doc([setting("system", "1.0", null)])
}

test_call_scope_is_not_this_rule if {
	count(tls006.findings) == 0 with input as fx.doc([setting("call", "1.0", "1.0")])
}

test_build_config_without_tls12_is_reported_without_a_mail_client if {
	s := fx.fact("tls_setting", {"client": "mbedtls-config", "scope": "build", "tls": {"min": "1.1", "max": "1.1", "basis": "explicit"}})
	found := tls006.findings with input as fx.doc([s])
	count(found) == 1
	some f in found
	contains(f.message, "TLS library build configuration allows only TLS 1.1")
}

test_build_config_keeping_tls10_with_tls12_is_not_this_rule if {
	s := fx.fact("tls_setting", {"scope": "build", "tls": {"min": "1.0", "max": "1.2", "basis": "explicit"}})
	count(tls006.findings) == 0 with input as fx.doc_scope([s], "all")
}
