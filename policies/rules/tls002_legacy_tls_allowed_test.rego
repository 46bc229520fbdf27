package tlsfloor.rules.tls002_test

import data.tlsfloor.rules.tls002
import data.tlsfloor.test.fixtures as fx
import rego.v1

test_downgrade_possible_is_reported if {
	found := tls002.findings with input as fx.doc([fx.connection("1.0", "1.3", {})])
	count(found) == 1
}

test_open_upper_bound_counts_as_modern if {
	count(tls002.findings) == 1 with input as fx.doc([fx.connection("1.1", null, {})])
}

test_legacy_only_is_tls001s if {
	count(tls002.findings) == 0 with input as fx.doc([fx.connection("1.0", "1.1", {})])
}

test_modern_minimum_is_clean if {
	count(tls002.findings) == 0 with input as fx.doc([fx.connection("1.2", null, {})])
}

test_defaults_are_not_reported if {
	c := fx.connection("1.0", "1.2", {"tls": {"min": "1.0", "max": "1.2", "basis": "default"}})
	count(tls002.findings) == 0 with input as fx.doc([c])
}
