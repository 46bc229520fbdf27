package com.acme.helpdesk.mail;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.search.FlagTerm;
import java.security.GeneralSecurityException;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Polls the shared helpdesk mailbox over IMAPS and turns unread mail into
 * tickets.
 *
 * <p>The mailbox lives in Exchange Online. The old mail relay in front of it
 * only spoke TLS 1.0, hence the pinned context below (OPS-2291).
 */
@Service
public class InboxPoller {

    private static final Logger log = LoggerFactory.getLogger(InboxPoller.class);
    private static final String IMAP_HOST = "outlook.office365.com";

    private final TicketService tickets;
    private final SSLContext sslContext;

    @Value("${helpdesk.mail.username}")
    private String username;

    @Value("${helpdesk.mail.password}")
    private String password;

    public InboxPoller(TicketService tickets) throws GeneralSecurityException {
        this.tickets = tickets;
        // expect: TLS001
        this.sslContext = SSLContext.getInstance("TLSv1");
        this.sslContext.init(null, null, null);
    }

    @Scheduled(fixedDelayString = "${helpdesk.mail.poll-interval:60000}")
    public void poll() {
        Properties props = new Properties();
        props.put("mail.store.protocol", "imaps");
        props.put("mail.imaps.host", IMAP_HOST);
        props.put("mail.imaps.port", "993");
        props.put("mail.imaps.connectiontimeout", "10000");
        props.put("mail.imaps.timeout", "10000");
        props.put("mail.imaps.ssl.socketFactory", sslContext.getSocketFactory());

        Session session = Session.getInstance(props);
        try (Store store = session.getStore("imaps")) {
            store.connect(IMAP_HOST, username, password);
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            Message[] unread = inbox.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false));
            for (Message message : unread) {
                tickets.createFrom(message);
                message.setFlag(Flags.Flag.SEEN, true);
            }
            inbox.close(false);
        } catch (MessagingException e) {
            log.warn("IMAP poll of {} failed (TLSv1 handshake?)", IMAP_HOST, e);
        }
    }
}
