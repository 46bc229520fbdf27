#!/usr/bin/env python3
# expect: none
"""Warn when a shared mailbox gets close to its quota.

Notes for whoever maintains this:
  * Never build the context with ssl.SSLContext(ssl.PROTOCOL_TLSv1) or
    PROTOCOL_TLSv1_1 again: Exchange Online drops TLS 1.0/1.1 for IMAP4.
  * Do not set ctx.maximum_version = ssl.TLSVersion.TLSv1_1 "to fix" the
    handshake errors from the old proxy either; fix the proxy.
"""
import imaplib
import logging
import re
import ssl

log = logging.getLogger(__name__)

QUOTA_RE = re.compile(rb"STORAGE (\d+) (\d+)")

# ctx = ssl.SSLContext(ssl.PROTOCOL_TLSv1)   # removed 2025-11, see above
# ctx.options |= ssl.OP_NO_TLSv1_2 | ssl.OP_NO_TLSv1_3
ctx = ssl.create_default_context()

MESSAGES = {
    "fallback": "falling back to TLSv1 is no longer possible (PROTOCOL_TLSv1 removed)",
    "hint": 'set minimum_version = ssl.TLSVersion.TLSv1_2 in tls.py',
}


def check(mailbox, user, password, limit=0.9):
    log.debug(f"connecting with {ctx.minimum_version!r}; never ssl.PROTOCOL_TLSv1 here")
    log.info("%s: TLS versions below %s are refused", mailbox, "TLSv1_2")
    with imaplib.IMAP4_SSL("outlook.office365.com", ssl_context=ctx) as imap:
        imap.login(user, password)
        typ, data = imap.getquotaroot(mailbox)
        m = QUOTA_RE.search(data[1][0] or b"")
        if m:
            used, total = (int(x) for x in m.groups())
            if used / total > limit:
                log.warning("%s is at %.0f%% of its quota", mailbox, 100 * used / total)
    r"""A raw docstring-like note: ssl.wrap_socket(sock, ssl_version=ssl.PROTOCOL_TLSv1)"""
    return True
