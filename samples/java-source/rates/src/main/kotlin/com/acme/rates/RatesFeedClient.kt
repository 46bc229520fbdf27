package com.acme.rates

import okhttp3.CipherSuite
import okhttp3.ConnectionSpec
import okhttp3.OkHttpClient
import okhttp3.Request
import okhttp3.TlsVersion
import org.slf4j.LoggerFactory
import java.time.Duration

/**
 * Pulls the daily FX rates from the bank's feed. The bank's gateway still
 * terminates TLS on an appliance that cannot do TLS 1.2 (ticket FX-812), so
 * the connection spec is pinned to TLS 1.0/1.1 for this one host.
 *
 * This is HTTPS only: nothing here reads or sends mail, so the pinned spec
 * is reported with `--scope all`, not in the default mail scope.
 */
// expect: none
class RatesFeedClient(private val baseUrl: String) {

    private val log = LoggerFactory.getLogger(RatesFeedClient::class.java)

    private val legacySpec = ConnectionSpec.Builder(ConnectionSpec.COMPATIBLE_TLS)
        .tlsVersions(TlsVersion.TLS_1_0, TlsVersion.TLS_1_1)
        .cipherSuites(
            CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA,
            CipherSuite.TLS_RSA_WITH_AES_256_CBC_SHA,
        )
        .build()

    private val client = OkHttpClient.Builder()
        .connectionSpecs(listOf(legacySpec))
        .callTimeout(Duration.ofSeconds(20))
        .build()

    fun fetch(day: String): String {
        val request = Request.Builder().url("$baseUrl/rates/$day.csv").build()
        client.newCall(request).execute().use { response ->
            log.info("rates {} -> HTTP {}", day, response.code)
            return response.body?.string().orEmpty()
        }
    }
}
