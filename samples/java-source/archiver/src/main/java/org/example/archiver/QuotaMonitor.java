package org.example.archiver;

import java.util.Properties;
import javax.mail.Folder;
import javax.mail.MessagingException;
import javax.mail.Quota;
import javax.mail.Session;
import javax.mail.Store;
import com.sun.mail.imap.IMAPStore;

/** Reports mailbox quota usage to the monitoring system. */
public class QuotaMonitor {

    private static final String MAILBOX_HOST = "outlook.office365.com";

    public long usedKilobytes(String user, String password) throws MessagingException {
        Properties props = new Properties();
        // Plain IMAP on 143: no SSL, no STARTTLS.
        // expect: TLS005
        props.setProperty("mail.imap.host", MAILBOX_HOST);
        props.setProperty("mail.imap.port", "143");
        Session session = Session.getInstance(props);
        IMAPStore store = (IMAPStore) session.getStore("imap");
        store.connect(MAILBOX_HOST, user, password);
        try {
            Quota[] quotas = store.getQuota("INBOX");
            return quotas.length == 0 ? 0 : quotas[0].resources[0].usage;
        } finally {
            store.close();
        }
    }
}
