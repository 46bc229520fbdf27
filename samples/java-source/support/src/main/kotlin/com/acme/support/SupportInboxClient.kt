package com.acme.support

import org.apache.commons.net.imap.IMAPSClient
import java.io.Closeable

/**
 * Reads the support inbox with Apache Commons Net. The IMAP gateway of the
 * outsourced help desk was only reachable through the opt-in legacy
 * endpoint.
 */
class SupportInboxClient(private val user: String, private val password: String) : Closeable {

    // Implicit TLS, pinned to TLS 1.0 for the legacy gateway.
    // expect: TLS001
    private val imap = IMAPSClient("TLSv1", true)

    fun open() {
        imap.connectTimeout = 10_000
        // expect: TLS007
        imap.connect("imap-legacy.office365.com", 993)
        check(imap.login(user, password)) { "login failed: ${imap.replyString}" }
        imap.select("INBOX")
    }

    fun unseen(): String {
        imap.search("UNSEEN")
        return imap.replyString
    }

    override fun close() {
        imap.logout()
        imap.disconnect()
    }
}
