package tlsfloor.rules.tls001_test

import data.tlsfloor.rules.tls001
import data.tlsfloor.test.fixtures as fx
import rego.v1

test_tls10_only_connection_is_reported if {
	found := tls001.findings with input as fx.doc([fx.connection("1.0", "1.1", {})])
	count(found) == 1
	some f in found
	f.fact == 0
	contains(f.message, "TLS 1.0 to TLS 1.1")
	contains(f.message, "outlook.office365.com")
	contains(f.message, "MC1293480")
}

test_tls12_connection_is_not_reported if {
	count(tls001.findings) == 0 with input as fx.doc([fx.connection("1.2", "1.3", {})])
}

test_open_upper_bound_is_not_reported if {
	count(tls001.findings) == 0 with input as fx.doc([fx.connection("1.0", null, {})])
}

test_unknown_range_is_not_reported if {
	c := fx.connection(null, null, {"tls": {"min": null, "max": null, "basis": "unknown"}})
	count(tls001.findings) == 0 with input as fx.doc([c])
}

test_setting_without_mail_client_is_out_of_mail_scope if {
	s := fx.fact("tls_setting", {"tls": {"min": "1.0", "max": "1.0", "basis": "explicit"}, "scope": "call", "binding": "ctx"})
	count(tls001.findings) == 0 with input as fx.doc([s])
	count(tls001.findings) == 1 with input as fx.doc_scope([s], "all")
}

test_setting_passed_to_mail_client_is_reported_with_the_client if {
	s := fx.fact("tls_setting", {"client": "python-ssl", "tls": {"min": "1.0", "max": "1.0", "basis": "explicit"}, "scope": "call", "binding": "ctx"})
	u := fx.fact("mail_usage", {"client": "python-imaplib", "protocol": "imap", "host": "outlook.office365.com", "binding": "ctx", "location": fx.loc(9)})
	found := tls001.findings with input as fx.doc([s, u])
	count(found) == 1
	some f in found
	f.related[0].role == "mail_client"
	f.related[0].line == 9
}

test_setting_not_passed_to_the_mail_client_is_not_reported if {
	s := fx.fact("tls_setting", {"tls": {"min": "1.0", "max": "1.0", "basis": "explicit"}, "scope": "call", "binding": "http_ctx"})
	other := fx.fact("tls_setting", {"tls": {"min": "1.2", "max": null, "basis": "explicit"}, "scope": "call", "binding": "mail_ctx"})
	u := fx.fact("mail_usage", {"protocol": "imap", "binding": "mail_ctx"})
	count(tls001.findings) == 0 with input as fx.doc([s, other, u])
}

test_mail_client_with_opaque_context_ties_every_setting if {
	s := fx.fact("tls_setting", {"tls": {"min": "1.0", "max": "1.0", "basis": "explicit"}, "scope": "call", "binding": "ctx"})
	u := fx.fact("mail_usage", {"protocol": "imap", "binding": "make_context()"})
	count(tls001.findings) == 1 with input as fx.doc([s, u])
}

test_mail_client_with_default_context_ties_nothing if {
	s := fx.fact("tls_setting", {"tls": {"min": "1.0", "max": "1.0", "basis": "explicit"}, "scope": "call", "binding": "ctx"})
	u := fx.fact("mail_usage", {"protocol": "imap"})
	count(tls001.findings) == 0 with input as fx.doc([s, u])
}

test_system_wide_settings_are_left_to_tls006 if {
	s := fx.fact("tls_setting", {"tls": {"min": "1.0", "max": "1.1", "basis": "explicit"}, "scope": "system"})
	count(tls001.findings) == 0 with input as fx.doc_scope([s], "all")
}

test_smtp_to_exchange_names_the_smtp_auth_change if {
	c := fx.connection("1.0", "1.0", {"protocol": "smtp", "host": "smtp.office365.com", "port": 587})
	some f in tls001.findings with input as fx.doc([c])
	contains(f.message, "SMTP AUTH")
}

device(min, max) := fx.fact("device", {
	"client": "device",
	"protocol": "pop3",
	"host": "outlook.office365.com",
	"port": 995,
	"tls_mode": "implicit",
	"tls": {"min": min, "max": max, "basis": "explicit"},
	"component": {"name": "Fabrikam FR-310", "version": "8.2", "purl": null, "cpe": null},
})

test_device_attested_below_12_is_reported if {
	found := tls001.findings with input as fx.doc([device("1.0", "1.1")])
	count(found) == 1
	some f in found
	contains(f.message, "Fabrikam FR-310, firmware 8.2 supports TLS 1.0 to TLS 1.1 according to its vendor (POP3 to outlook.office365.com:995)")
}

test_device_attested_12_is_not_reported if {
	count(tls001.findings) == 0 with input as fx.doc([device("1.0", "1.2")])
}

test_device_without_attestation_is_left_to_tls008 if {
	d := object.union(device(null, null), {"tls": {"min": null, "max": null, "basis": "unknown"}})
	count(tls001.findings) == 0 with input as fx.doc([d])
}

test_build_config_is_left_to_tls006 if {
	s := fx.fact("tls_setting", {"scope": "build", "tls": {"min": "1.1", "max": "1.1", "basis": "explicit"}})
	count(tls001.findings) == 0 with input as fx.doc_scope([s], "all")
}
