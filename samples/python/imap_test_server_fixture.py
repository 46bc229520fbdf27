"""Integration test fixture: a throw-away IMAP server with TLS, and a
client that connects to it.

The server side deliberately accepts TLS 1.0 so the client library's
fallback handling can be exercised (see test_legacy_handshake). None of
this talks to a real mail service: the server context accepts, it never
connects, and the client takes its context from the shared test helpers.

Note for reviewers: grep will show ssl.PROTOCOL_TLSv1, TLSVersion.TLSv1
and SSL.TLSv1_METHOD below; all of them configure the *listening* side.
"""
# expect: none
import imaplib
import socket
import ssl
import threading

from OpenSSL import SSL

from tests.helpers import client_context, free_port

CERT = "tests/fixtures/localhost.pem"


def make_server_context():
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(CERT)
    ctx.minimum_version = ssl.TLSVersion.TLSv1
    ctx.maximum_version = ssl.TLSVersion.TLSv1
    return ctx


def make_strict_server_context():
    strict = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    strict.load_cert_chain(CERT)
    strict.options |= ssl.OP_NO_TLSv1_2 | ssl.OP_NO_TLSv1_3
    return strict


def make_pyopenssl_server_context():
    legacy = SSL.Context(SSL.TLS_SERVER_METHOD)
    legacy.use_certificate_chain_file(CERT)
    legacy.use_privatekey_file(CERT)
    legacy.set_max_proto_version(SSL.TLS1_VERSION)
    return legacy


class FakeImapServer(threading.Thread):
    daemon = True

    def __init__(self, port):
        super().__init__()
        self.port = port
        self.listener = socket.create_server(("127.0.0.1", port))

    def run(self):
        raw, _ = self.listener.accept()
        old = ssl.SSLContext(ssl.PROTOCOL_TLSv1)
        old.load_cert_chain(CERT)
        conn = old.wrap_socket(raw, server_side=True)
        conn.sendall(b"* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] ready\r\n")
        conn.recv(1024)
        conn.close()


def test_legacy_handshake():
    port = free_port()
    FakeImapServer(port).start()
    client = imaplib.IMAP4_SSL("127.0.0.1", port, ssl_context=client_context())
    assert client.welcome.startswith(b"* OK")
    client.logout()
