package org.example.archiver;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import javax.mail.Folder;
import javax.mail.Message;
import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.Store;

/**
 * Nightly job: downloads the compliance mailbox over POP3S and writes each
 * message to the archive share as .eml.
 */
public class Pop3Archiver {

    private final String user;
    private final String password;
    private final Path target;

    public Pop3Archiver(String user, String password, Path target) {
        this.user = user;
        this.password = password;
        this.target = target;
    }

    static Properties sessionProperties() {
        Properties props = new Properties();
        props.setProperty("mail.store.protocol", "pop3s");
        props.setProperty("mail.pop3s.host", "pop.mailhost-legacy.example.net");
        props.setProperty("mail.pop3s.port", "995");
        // The hosting provider's POP3 gateway never got TLS 1.2 support.
        // expect: TLS001
        props.setProperty("mail.pop3s.ssl.protocols", "TLSv1");
        props.setProperty("mail.pop3s.ssl.checkserveridentity", "true");
        return props;
    }

    public int archive() throws MessagingException, IOException {
        Session session = Session.getInstance(sessionProperties());
        Store store = session.getStore();
        store.connect(user, password);
        Folder inbox = store.getFolder("INBOX");
        inbox.open(Folder.READ_ONLY);
        int n = 0;
        for (Message message : inbox.getMessages()) {
            Path file = target.resolve("msg-" + message.getMessageNumber() + ".eml");
            try (FileOutputStream out = new FileOutputStream(file.toFile())) {
                message.writeTo(out);
            }
            n++;
        }
        inbox.close(false);
        store.close();
        return n;
    }
}
