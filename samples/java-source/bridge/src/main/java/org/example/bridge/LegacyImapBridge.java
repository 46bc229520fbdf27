package org.example.bridge;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.Properties;
import javax.mail.Folder;
import javax.mail.Session;
import javax.mail.Store;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Copies the groupware server's shared folders into the new tenant. The
 * groupware server (2011 vintage) only negotiates TLS 1.0/1.1, so every
 * socket JavaMail opens goes through {@link LegacyTlsSocketFactory}.
 */
public class LegacyImapBridge {

    static final class LegacyTlsSocketFactory extends SSLSocketFactory {
        // expect: TLS001
        private static final String[] LEGACY_PROTOCOLS = {"TLSv1", "TLSv1.1"};

        private final SSLSocketFactory delegate = (SSLSocketFactory) SSLSocketFactory.getDefault();

        @Override
        public String[] getDefaultCipherSuites() {
            return delegate.getDefaultCipherSuites();
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return delegate.getSupportedCipherSuites();
        }

        @Override
        public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
            return legacy(delegate.createSocket(s, host, port, autoClose));
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return legacy(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return legacy(delegate.createSocket(host, port, localHost, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return legacy(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
            return legacy(delegate.createSocket(address, port, localAddress, localPort));
        }

        private Socket legacy(Socket socket) {
            if (socket instanceof SSLSocket) {
                ((SSLSocket) socket).setEnabledProtocols(LEGACY_PROTOCOLS);
            }
            return socket;
        }
    }

    public static void main(String[] args) throws Exception {
        Properties props = new Properties();
        props.put("mail.imap.host", "groupware.corp.example");
        props.put("mail.imap.port", "993");
        props.put("mail.imap.ssl.enable", "true");
        props.put("mail.imap.ssl.socketFactory", new LegacyTlsSocketFactory());
        props.put("mail.imap.partialfetch", "false");

        Session session = Session.getInstance(props);
        Store store = session.getStore("imap");
        store.connect(args[0], args[1]);
        for (Folder folder : store.getDefaultFolder().list("*")) {
            System.out.println("would copy " + folder.getFullName());
        }
        store.close();
    }
}
