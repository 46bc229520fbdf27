package tlsfloor.rules.tls003_test

import data.tlsfloor.rules.tls003
import data.tlsfloor.test.fixtures as fx
import rego.v1

component(name, version, purl, cpe) := fx.fact("component", {"component": {"name": name, "version": version, "purl": purl, "cpe": cpe}})

test_openssl_098_is_too_old if {
	found := tls003.findings with input as fx.doc([component("openssl", "0.9.8zh", null, null)])
	count(found) == 1
	some f in found
	contains(f.message, "OpenSSL 0.9.8zh")
	contains(f.message, "from 1.0.1")
}

test_openssl_100t_is_too_old if {
	count(tls003.findings) == 1 with input as fx.doc([component("openssl", "1.0.0t", null, null)])
}

test_openssl_101_and_later_are_fine if {
	count(tls003.findings) == 0 with input as fx.doc([
		component("openssl", "1.0.1", null, null),
		component("openssl", "1.0.1u", null, null),
		component("OpenSSL", "3.0.13", null, null),
	])
}

test_matched_by_purl_name if {
	c := component("libssl", "0.9.8o-4squeeze14", "pkg:deb/debian/libssl0.9.8@0.9.8o-4squeeze14?arch=armel", null)
	count(tls003.findings) == 1 with input as fx.doc([c])
}

test_matched_by_cpe if {
	c := component("ssl-lib", "1.0.0", null, "cpe:2.3:a:openssl:openssl:1.0.0:*:*:*:*:*:*:*")
	count(tls003.findings) == 1 with input as fx.doc([c])
}

test_unrelated_component_is_ignored if {
	count(tls003.findings) == 0 with input as fx.doc([component("zlib", "1.0.0", null, null)])
}

test_unknown_version_is_not_judged if {
	count(tls003.findings) == 0 with input as fx.doc([component("openssl", null, null, null)])
}

test_other_libraries_use_their_own_threshold if {
	count(tls003.findings) == 1 with input as fx.doc([component("gnutls", "2.8.6", null, null)])
	count(tls003.findings) == 0 with input as fx.doc([component("gnutls", "2.10.0", null, null)])
	count(tls003.findings) == 1 with input as fx.doc([component("nss", "3.14.3", null, null)])
}

android(level) := fx.fact("runtime", {"component": {"name": "Android", "version": level, "purl": null, "cpe": null}})

test_android_below_api_16_cannot_do_tls12 if {
	found := tls003.findings with input as fx.doc([android("15")])
	count(found) == 1
	some f in found
	contains(f.message, "Android API level 15 cannot do TLS 1.2")
	contains(f.message, "from Android API level 16")
}

test_android_16_and_later_are_not_tls003 if {
	count(tls003.findings) == 0 with input as fx.doc([android("16"), android("19"), android("33")])
}

test_runtimes_without_a_tls12_floor_are_not_tls003 if {
	net := fx.fact("runtime", {"component": {"name": ".NET Framework", "version": "4.0", "purl": null, "cpe": null}})
	count(tls003.findings) == 0 with input as fx.doc([net])
}

test_an_sbom_component_named_android_is_not_an_api_level if {
	count(tls003.findings) == 0 with input as fx.doc([component("android", "10", null, null)])
}
