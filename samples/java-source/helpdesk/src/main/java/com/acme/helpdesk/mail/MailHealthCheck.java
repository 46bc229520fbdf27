// expect: none
package com.acme.helpdesk.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health check for the helpdesk mailbox.
 *
 * History: until 2024 this used SSLContext.getInstance("TLSv1") and
 * props.put("mail.imaps.ssl.protocols", "TLSv1"); both are gone.
 */
@Component
public class MailHealthCheck implements HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(MailHealthCheck.class);

    // Do not go back to this:
    // props.put("mail.imaps.ssl.protocols", "TLSv1 TLSv1.1");
    /*
     * SSLContext legacy = SSLContext.getInstance("TLSv1");
     * props.put("mail.imaps.ssl.socketFactory", legacy.getSocketFactory());
     */

    private static final String RUNBOOK = """
        If the check fails with "Received fatal alert: protocol_version",
        someone re-added SSLContext.getInstance("TLSv1") or
        mail.imaps.ssl.protocols=TLSv1 -- revert it.
        """;

    @Override
    public Health health() {
        Properties props = new Properties();
        props.put("mail.imaps.host", "outlook.office365.com");
        props.put("mail.imaps.ssl.protocols", "TLSv1.2 TLSv1.3");
        try {
            Store store = Session.getInstance(props).getStore("imaps");
            store.connect(System.getenv("HELPDESK_USER"), System.getenv("HELPDESK_PASSWORD"));
            store.close();
            return Health.up().build();
        } catch (MessagingException e) {
            log.error("IMAPS check failed; server may be pinned to TLSv1 / TLSv1.1", e);
            return Health.down(e).withDetail("runbook", RUNBOOK).build();
        }
    }
}
