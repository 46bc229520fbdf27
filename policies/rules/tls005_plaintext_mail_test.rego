package tlsfloor.rules.tls005_test

import data.tlsfloor.rules.tls005
import data.tlsfloor.test.fixtures as fx
import rego.v1

test_plaintext_imap_to_exchange_is_reported if {
	c := fx.connection(null, null, {"tls_mode": "none", "port": 143, "tls": {"min": null, "max": null, "basis": "unknown"}})
	count(tls005.findings) == 1 with input as fx.doc([c])
}

test_plaintext_to_other_hosts_is_not_this_rule if {
	c := fx.connection(null, null, {"tls_mode": "none", "host": "mail.example.org"})
	count(tls005.findings) == 0 with input as fx.doc([c])
}

test_starttls_is_fine if {
	c := fx.connection(null, null, {"tls_mode": "starttls", "port": 143})
	count(tls005.findings) == 0 with input as fx.doc([c])
}

test_government_cloud_host_counts if {
	c := fx.connection(null, null, {"tls_mode": "none", "protocol": "pop3", "host": "outlook.office365.us"})
	count(tls005.findings) == 1 with input as fx.doc([c])
}

test_device_polling_exchange_without_tls_is_reported if {
	d := fx.fact("device", {
		"client": "device",
		"protocol": "pop3",
		"host": "outlook.office365.com",
		"port": 110,
		"tls_mode": "none",
		"tls": {"min": null, "max": null, "basis": "unknown"},
		"component": {"name": "Adatum AW-60", "version": null, "purl": null, "cpe": null},
	})
	count(tls005.findings) == 1 with input as fx.doc([d])
}
