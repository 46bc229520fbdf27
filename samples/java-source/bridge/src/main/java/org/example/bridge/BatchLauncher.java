package org.example.bridge;

/**
 * Entry point of the nightly batch. Sets JVM-wide TLS properties before any
 * connection is opened.
 */
public final class BatchLauncher {

    private BatchLauncher() {
    }

    public static void main(String[] args) throws Exception {
        // Every JSSE client in this JVM (JavaMail included) uses these.
        // expect: TLS006
        System.setProperty("jdk.tls.client.protocols", "TLSv1,TLSv1.1");
        // Only HttpsURLConnection reads this one: not a mail setting.
        System.setProperty("https.protocols", "TLSv1");
        System.setProperty("mail.debug", "false");
        LegacyImapBridge.main(args);
    }
}
