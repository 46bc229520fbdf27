package tlsfloor.rules.tls007_test

import data.tlsfloor.rules.tls007
import data.tlsfloor.test.fixtures as fx
import rego.v1

test_legacy_host_is_reported_on_the_host_line if {
	host := {"role": "host", "line": 4, "column": 6, "end_line": 4, "end_column": 31, "message": "Host imap-legacy.office365.com"}
	c := fx.connection("1.2", null, {"host": "imap-legacy.office365.com", "related": [host]})
	found := tls007.findings with input as fx.doc([c])
	count(found) == 1
	some f in found
	f.location.line == 4
	count(f.related) == 0
}

test_legacy_host_reference_anywhere_is_reported if {
	r := fx.fact("endpoint_reference", {"host": "POP-LEGACY.office365.com"})
	count(tls007.findings) == 1 with input as fx.doc([r])
}

test_regular_endpoint_is_fine if {
	count(tls007.findings) == 0 with input as fx.doc([fx.connection("1.2", null, {})])
}

test_allow_legacy_tls_clients_true_is_reported if {
	s := fx.fact("tls_setting", {"scope": "tenant", "setting": {"name": "AllowLegacyTLSClients", "value": "$true"}})
	count(tls007.findings) == 1 with input as fx.doc([s])
}

test_allow_legacy_tls_clients_false_is_fine if {
	s := fx.fact("tls_setting", {"scope": "tenant", "setting": {"name": "AllowLegacyTLSClients", "value": "$false"}})
	count(tls007.findings) == 0 with input as fx.doc([s])
}
