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

test_distribution_package_names_are_aliases if {
	count(tls003.findings) == 1 with input as fx.doc([component("libopenssl0_9_8", "0.9.8j-0.106.1", null, null)])
	count(tls003.findings) == 1 with input as fx.doc([component("libssl0.9.8", "0.9.8o-4squeeze23", null, null)])
	count(tls003.findings) == 1 with input as fx.doc([component("openssl098e", "0.9.8e-40.el6", null, null)])
	count(tls003.findings) == 1 with input as fx.doc([component("libgnutls26", "2.8.6-1+squeeze6", null, null)])
	count(tls003.findings) == 1 with input as fx.doc([component("libcyassl5", "1.0.6", null, null)])
	count(tls003.findings) == 1 with input as fx.doc([component("libpolarssl0", "1.1.4-2", null, null)])
	count(tls003.findings) == 1 with input as fx.doc([component("libmbedtls10", "1.1.8", null, null)])
}

test_look_alike_packages_are_not_libraries if {
	count(tls003.findings) == 0 with input as fx.doc([
		component("nss-pam-ldapd", "0.8.13-r0", null, null),
		component("libnss-mdns", "0.10-8", "pkg:deb/debian/libnss-mdns@0.10-8", null),
		component("python-gnutls", "1.2.4-r0", null, null),
		component("openssl-perl", "0.9.8e-40.el5", null, null),
		component("libgnutls-openssl27", "2.8.6-1", null, null),
		component("perl-Net-SSLeay", "1.35-9.el6", null, null),
	])
}

test_language_bindings_are_not_the_c_library if {
	count(tls003.findings) == 0 with input as fx.doc([
		component("openssl", "0.10.64", "pkg:cargo/openssl@0.10.64", null),
		component("openssl", "0.9.0", "pkg:gem/openssl@0.9.0", null),
		component("gnutls", "1.0.0", "pkg:pypi/gnutls@1.0.0", null),
	])
}

test_cpe_decides_before_names if {
	# A CPE that names a known library wins over the package name.
	c := component("vendor-tls", "1.0.6", "pkg:generic/vendor-tls@1.0.6", "cpe:2.3:a:yassl:cyassl:1.0.6:*:*:*:*:*:*:*")
	found := tls003.findings with input as fx.doc([c])
	count(found) == 1
	some f in found
	contains(f.message, "wolfSSL / CyaSSL")
}

test_yocto_cpe_without_vendor if {
	c := component("ssl", "1.0.0t", null, "cpe:2.3:*:*:openssl:1.0.0t:*:*:*:*:*:*:*")
	count(tls003.findings) == 1 with input as fx.doc([c])
}

test_purl_name_when_the_component_name_says_nothing if {
	c := component("Vendor TLS stack", null, "pkg:github/ARMmbed/mbedtls@polarssl-1.1.4", null)
	count(tls003.findings) == 1 with input as fx.doc([object.union(c, {"component": object.union(c.component, {"version": "polarssl-1.1.4"})})])
}

test_matrixssl_lower_bound if {
	count(tls003.findings) == 1 with input as fx.doc([component("matrixssl", "3.1.2", null, null)])
	count(tls003.findings) == 0 with input as fx.doc([component("matrixssl", "3.9.3", null, null)])
}

test_platforms_without_tls12_are_reported_whatever_the_version if {
	xp := component("Windows XP Embedded", null, null, "cpe:2.3:o:microsoft:windows_xp_embedded:-:sp3:*:*:*:*:*:*")
	found := tls003.findings with input as fx.doc([xp])
	count(found) == 1
	some f in found
	contains(f.message, "no release of it supports TLS 1.2")
	count(tls003.findings) == 1 with input as fx.doc([component("windows vista", "6.0.6002", null, null)])
	count(tls003.findings) == 0 with input as fx.doc([component("windows 7", "6.1.7601", null, "cpe:2.3:o:microsoft:windows_7:-:sp1:*:*:*:*:*:*")])
}

test_empty_names_and_odd_purls_are_harmless if {
	count(tls003.findings) == 0 with input as fx.doc([
		component("", "0.9.8", null, null),
		component("x", "0.9.8", "pkg:", null),
		component("y", "0.9.8", "pkg:generic/@0.9.8", "cpe:/a"),
	])
}
