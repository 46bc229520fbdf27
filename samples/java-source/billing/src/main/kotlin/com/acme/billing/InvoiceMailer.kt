// expect: none
package com.acme.billing

import jakarta.mail.Authenticator
import jakarta.mail.Message
import jakarta.mail.PasswordAuthentication
import jakarta.mail.Session
import jakarta.mail.internet.InternetAddress
import jakarta.mail.internet.MimeMessage
import java.util.Properties
import javax.net.ssl.SSLContext

/**
 * Sends invoices through Exchange Online SMTP submission (587, STARTTLS).
 *
 * An old wiki page said `SSLContext.getInstance("TLSv1")` was "good enough";
 * it is not (MC1293480), so the context below and the session both ask for
 * TLS 1.2 or later.
 */
class InvoiceMailer(
    private val user: String,
    private val password: String,
) {
    private val tlsContext: SSLContext = SSLContext.getInstance("TLSv1.2").apply {
        init(null, null, null)
    }

    private val session: Session by lazy {
        val props = Properties().apply {
            put("mail.transport.protocol", "smtp")
            put("mail.smtp.host", SMTP_HOST)
            put("mail.smtp.port", "587")
            put("mail.smtp.auth", "true")
            put("mail.smtp.starttls.enable", "true")
            put("mail.smtp.starttls.required", "true")
            this["mail.smtp.ssl.protocols"] = "TLSv1.2 TLSv1.3"
            this["mail.smtp.ssl.socketFactory"] = tlsContext.socketFactory
        }
        Session.getInstance(props, object : Authenticator() {
            override fun getPasswordAuthentication() = PasswordAuthentication(user, password)
        })
    }

    fun send(to: String, subject: String, body: String) {
        val message = MimeMessage(session).apply {
            setFrom(InternetAddress("billing@acme.example"))
            setRecipients(Message.RecipientType.TO, InternetAddress.parse(to))
            setSubject(subject)
            setText("""
                |$body
                |
                |-- 
                |ACME Billing (sent over "TLSv1.2", not 'TLSv1')
                """.trimMargin())
        }
        session.getTransport("smtp").use { transport ->
            transport.connect(SMTP_HOST, 587, user, password)
            transport.sendMessage(message, message.allRecipients)
        }
    }

    companion object {
        const val SMTP_HOST = "smtp.office365.com"
    }
}
