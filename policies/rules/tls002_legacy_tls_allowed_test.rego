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

test_build_config_keeping_tls10_is_judged_only_with_scope_all if {
	s := fx.fact("tls_setting", {"client": "esp-idf", "scope": "build", "tls": {"min": "1.0", "max": "1.2", "basis": "explicit"}})
	count(tls002.findings) == 0 with input as fx.doc([s])
	count(tls002.findings) == 1 with input as fx.doc_scope([s], "all")
}

test_device_attested_range_is_capability_not_configuration if {
	d := fx.fact("device", {"protocol": "smtp", "tls": {"min": "1.0", "max": "1.2", "basis": "explicit"}, "component": {"name": "X", "version": null, "purl": null, "cpe": null}})
	count(tls002.findings) == 0 with input as fx.doc_scope([d], "all")
}
