// expect: none
package com.acme.rates;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Fetches daily exchange rates from the bank's partner API. The bank's
 * endpoint still negotiates TLS 1.0 only (case 44821). This is HTTPS, not
 * mail: it is outside the mail TLS review.
 */
public final class LegacyRatesClient {

    private static final String RATES_URL = "https://partner-api.examplebank.com/v1/rates/daily";
    private static final String[] BANK_PROTOCOLS = {"TLSv1"};

    private final SSLSocketFactory factory;

    public LegacyRatesClient() throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLSv1");
        context.init(null, null, null);
        this.factory = context.getSocketFactory();
    }

    public String fetchRates() throws IOException {
        HttpsURLConnection conn = (HttpsURLConnection) new URL(RATES_URL).openConnection();
        conn.setSSLSocketFactory(factory);
        conn.setConnectTimeout(5_000);
        try (InputStream in = conn.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Raw socket probe used by the ops dashboard. */
    public boolean probe(String host) throws IOException {
        try (SSLSocket socket = (SSLSocket) factory.createSocket(host, 443)) {
            socket.setEnabledProtocols(BANK_PROTOCOLS);
            socket.startHandshake();
            return true;
        }
    }
}
