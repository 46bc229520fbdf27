#!/usr/bin/env python2
# -*- coding: utf-8 -*-
#
# Nightly export of the "Orders" folder for the ERP import (Python 2.7,
# runs on the old erp-batch box). The ERP vendor's TLS stack could not do
# TLS 1.2, so the admin pointed this at the opt-in legacy endpoint and
# forced TLS 1.0.
import imaplib
import socket
import ssl
import sys


class IMAP4_TLSv1(imaplib.IMAP4_SSL):
    """IMAP4_SSL that insists on TLS 1.0 (see INC0032211)."""

    def open(self, host='', port=imaplib.IMAP4_SSL_PORT):
        self.host = host
        self.port = port
        self.sock = socket.create_connection((host, port))
        self.sslobj = ssl.wrap_socket(self.sock, self.keyfile, self.certfile,
                                      # expect: TLS001
                                      ssl_version=ssl.PROTOCOL_TLSv1)
        self.file = self.sslobj.makefile('rb')


def main(user, password):
    print "connecting..."
    # expect: TLS007
    M = IMAP4_TLSv1('imap-legacy.office365.com')
    M.login(user, password)
    M.select('Orders')
    typ, data = M.search(None, 'ALL')
    for num in data[0].split():
        typ, msg = M.fetch(num, '(RFC822)')
        sys.stdout.write(msg[0][1])
    M.logout()
    print >>sys.stderr, "done, %d messages" % len(data[0].split())


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
