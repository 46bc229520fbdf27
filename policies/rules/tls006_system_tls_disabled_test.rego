package tlsfloor.rules.tls006_test

import data.tlsfloor.rules.tls006
import data.tlsfloor.test.fixtures as fx
import rego.v1

setting(scope, min, max) := fx.fact("tls_setting", {"scope": scope, "tls": {"min": min, "max": max, "basis": "explicit"}})

test_system_cap_below_12_is_reported if {
	found := tls006.findings with input as fx.doc([setting("system", "1.0", "1.1")])
	count(found) == 1
	some f in found
	contains(f.message, "system-wide")
}

test_system_minimum_below_12_alone_is_not_this_rule if {
	count(tls006.findings) == 0 with input as fx.doc([setting("system", "1.0", null)])
}

test_call_scope_is_not_this_rule if {
	count(tls006.findings) == 0 with input as fx.doc([setting("call", "1.0", "1.0")])
}
