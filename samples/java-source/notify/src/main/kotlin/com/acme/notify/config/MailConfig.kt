package com.acme.notify.config

import org.eclipse.angus.mail.util.MailSSLSocketFactory
import org.springframework.beans.factory.annotation.Value
import org.springframework.context.annotation.Bean
import org.springframework.context.annotation.Configuration
import org.springframework.mail.javamail.JavaMailSender
import org.springframework.mail.javamail.JavaMailSenderImpl

/**
 * Outbound notification mail goes through the branch-office relay, which
 * speaks implicit TLS on 465.
 */
@Configuration
class MailConfig(
    @Value("\${notify.mail.password}") private val relayPassword: String,
) {

    @Bean
    fun mailSender(): JavaMailSender = JavaMailSenderImpl().apply {
        host = "relay.branch.acme.example"
        port = 465
        protocol = "smtps"
        username = "notify"
        password = relayPassword
        javaMailProperties["mail.smtps.auth"] = "true"
        javaMailProperties["mail.smtps.connectiontimeout"] = "5000"
        javaMailProperties["mail.smtps.ssl.socketFactory"] = MailSSLSocketFactory(RELAY_TLS).apply {
            isTrustAllHosts = false
            setTrustedHosts("relay.branch.acme.example")
        }
    }

    companion object {
        // The relay appliance (firmware 4.2) cannot go above TLS 1.1.
        // expect: TLS001
        private const val RELAY_TLS = "TLSv1.1"
    }
}
