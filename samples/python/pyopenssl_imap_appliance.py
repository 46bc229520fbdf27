#!/usr/bin/env python3
"""Pull scanned documents from the copier's IMAP drop box.

The copier (Konica bizhub, firmware 2014) only speaks TLS 1.0 and its
certificate uses a 1024-bit key, so the stdlib ``ssl`` module refused it.
This wrapper talks to the mailbox through pyOpenSSL instead.
"""
import imaplib
import logging
import os
import socket

from OpenSSL import SSL

log = logging.getLogger("scan-pull")

SCAN_FOLDER = "INBOX/Scans"
ARCHIVE_DIR = os.environ.get("SCAN_ARCHIVE", "scans")


class _SocketFile:
    """Minimal makefile() stand-in for an OpenSSL.SSL.Connection."""

    def __init__(self, conn):
        self.conn = conn

    def readline(self):
        out = b""
        while not out.endswith(b"\n"):
            out += self.conn.recv(1)
        return out


class PyOpenSSLIMAP(imaplib.IMAP4_SSL):
    """IMAP4_SSL over pyOpenSSL, pinned to what the copier can do."""

    def _create_socket(self, timeout=None):
        # expect: TLS001
        ctx = SSL.Context(SSL.TLSv1_METHOD)
        ctx.set_options(SSL.OP_NO_SSLv2 | SSL.OP_NO_SSLv3)
        ctx.set_verify(SSL.VERIFY_NONE, lambda *args: True)
        raw = socket.create_connection((self.host, self.port), timeout)
        conn = SSL.Connection(ctx, raw)
        conn.set_tlsext_host_name(self.host.encode("ascii"))
        conn.set_connect_state()
        conn.do_handshake()
        return conn


def pull(user, password):
    box = PyOpenSSLIMAP("copier-mail.branch.example.net", 993)
    box.login(user, password)
    box.select(SCAN_FOLDER)
    typ, data = box.search(None, "UNSEEN")
    for num in data[0].split():
        typ, msg = box.fetch(num, "(RFC822)")
        path = os.path.join(ARCHIVE_DIR, "%s.eml" % num.decode())
        with open(path, "wb") as fh:
            fh.write(msg[0][1])
        log.info("saved %s", path)
    box.logout()


if __name__ == "__main__":
    pull(os.environ["SCAN_USER"], os.environ["SCAN_PASSWORD"])
