package tlsfloor.status_test

import data.tlsfloor.status
import data.tlsfloor.test.fixtures as fx
import rego.v1

# doc(facts, findings): one file's facts plus the findings the rules made.
doc(facts, findings) := object.union(fx.doc(facts), {"findings": findings})

item(facts, findings, i) := it if {
	some it in status.items with input as doc(facts, findings)
	it.fact == i
}

test_reported_connection_is_non_compliant_with_its_rules if {
	c := fx.connection("1.0", "1.1", {})
	it := item([c], [{"fact": 0, "rule_id": "TLS007", "level": "error"}, {"fact": 0, "rule_id": "TLS001", "level": "error"}], 0)
	it.status == "non-compliant"
	it.rules == ["TLS001", "TLS007"]
	it.pass_rule == null
	contains(it.remedy, "TLSVersions")
	it.range == "TLS 1.0 to TLS 1.1"
}

test_tls12_connection_is_compliant_and_passes_tls001 if {
	it := item([fx.connection("1.2", "1.3", {})], [], 0)
	it.status == "compliant"
	it.pass_rule == "TLS001"
	it.remedy == null
	contains(it.reason, "TLS 1.2 to TLS 1.3")
}

test_default_range_reaching_tls12_is_compliant if {
	c := fx.connection("1.0", null, {"tls": {"min": "1.0", "max": null, "basis": "default"}})
	item([c], [], 0).status == "compliant"
}

test_unknown_range_is_unknown_not_dropped if {
	c := fx.connection(null, null, {"tls": {"min": null, "max": null, "basis": "unknown"}})
	it := item([c], [], 0)
	it.status == "unknown"
	it.range == "unknown"
	contains(it.reason, "cannot be determined")
}

test_connection_without_tls_range_is_unknown if {
	c := fx.connection(null, null, {"tls": null})
	item([c], [], 0).status == "unknown"
}

test_plaintext_to_other_server_is_unknown_with_reason if {
	c := fx.connection(null, null, {"tls": null, "tls_mode": "none", "host": "mail.example.org", "port": 143})
	it := item([c], [], 0)
	it.status == "unknown"
	contains(it.reason, "without TLS")
}

test_unknown_tls_mode_with_good_range_is_unknown if {
	c := fx.connection("1.2", null, {"tls_mode": "unknown"})
	item([c], [], 0).status == "unknown"
}

test_mail_client_using_a_reported_context_is_non_compliant if {
	s := fx.fact("tls_setting", {"client": "python-ssl", "tls": {"min": "1.0", "max": "1.0", "basis": "explicit"}, "scope": "call", "binding": "ctx"})
	u := fx.fact("mail_usage", {"client": "python-imaplib", "protocol": "imap", "tls_mode": "implicit", "binding": "ctx", "location": fx.loc(9)})
	it := item([s, u], [{"fact": 0, "rule_id": "TLS001", "level": "error"}], 1)
	it.status == "non-compliant"
	it.rules == ["TLS001"]
	contains(it.reason, "ctx")
}

test_mail_client_using_a_tls12_context_is_compliant if {
	s := fx.fact("tls_setting", {"client": "python-ssl", "tls": {"min": "1.2", "max": null, "basis": "explicit"}, "scope": "call", "binding": "ctx"})
	u := fx.fact("mail_usage", {"client": "python-imaplib", "protocol": "imap", "tls_mode": "implicit", "binding": "ctx"})
	facts := [s, u]
	item(facts, [], 0).status == "compliant"
	it := item(facts, [], 1)
	it.status == "compliant"
	it.pass_rule == "TLS001"
}

test_mail_client_with_default_or_foreign_context_is_unknown if {
	u := fx.fact("mail_usage", {"client": "python-imaplib", "protocol": "imap", "tls_mode": "implicit"})
	contains(item([u], [], 0).reason, "default TLS context")
	v := fx.fact("mail_usage", {"client": "python-imaplib", "protocol": "imap", "tls_mode": "implicit", "binding": "make_ctx()"})
	w := item([v], [], 0)
	w.status == "unknown"
	contains(w.reason, "outside this file")
}

test_low_setting_outside_mail_scope_is_unknown if {
	s := fx.fact("tls_setting", {"tls": {"min": "1.0", "max": "1.0", "basis": "explicit"}, "scope": "call", "binding": "ctx"})
	it := item([s], [], 0)
	it.status == "unknown"
	contains(it.reason, "scope all")
}

test_system_setting_passes_tls006 if {
	s := fx.fact("tls_setting", {"tls": {"min": "1.2", "max": null, "basis": "explicit"}, "scope": "system"})
	item([s], [], 0).pass_rule == "TLS006"
}

test_tls_library_components_are_judged_and_others_are_not_items if {
	ok := fx.fact("component", {"component": {"name": "openssl", "version": "1.1.1w", "purl": null, "cpe": null}})
	old := fx.fact("component", {"component": {"name": "openssl", "version": "1.0.0", "purl": null, "cpe": null}, "location": fx.loc(2)})
	noversion := fx.fact("component", {"component": {"name": "libssl1.0.0", "version": null, "purl": null, "cpe": null}, "location": fx.loc(3)})
	zlib := fx.fact("component", {"component": {"name": "zlib", "version": "1.2.13", "purl": null, "cpe": null}, "location": fx.loc(4)})
	facts := [ok, old, noversion, zlib]
	found := status.items with input as doc(facts, [{"fact": 1, "rule_id": "TLS003", "level": "error"}])
	{i.fact: i.status | some i in found} == {0: "compliant", 1: "non-compliant", 2: "unknown"}
	item(facts, [], 0).pass_rule == "TLS003"
}

test_runtime_with_explicit_tls12_setting_is_compliant if {
	rt := fx.fact("runtime", {"component": {"name": ".NET Framework", "version": "4.5", "purl": null, "cpe": null}})
	s := fx.fact("tls_setting", {"tls": {"min": "1.2", "max": "1.2", "basis": "explicit"}, "scope": "process", "location": fx.loc(2)})
	item([rt, s], [], 0).status == "compliant"
	alone := item([rt], [], 0)
	alone.status == "unknown"
	contains(alone.reason, "no mail client")
	new := fx.fact("runtime", {"component": {"name": ".NET Framework", "version": "4.8", "purl": null, "cpe": null}})
	item([new], [], 0).pass_rule == "TLS004"
}

test_endpoint_mention_is_unknown_unless_reported if {
	e := fx.fact("endpoint_reference", {"host": "outlook.office365.com", "port": 993})
	it := item([e], [], 0)
	it.status == "unknown"
	contains(it.reason, "outlook.office365.com:993")
	contains(it.remedy, "regular endpoint")
	item([e], [{"fact": 0, "rule_id": "TLS007", "level": "error"}], 0).status == "non-compliant"
}
