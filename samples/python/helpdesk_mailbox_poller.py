#!/usr/bin/env python3
"""Poll the helpdesk shared mailbox and turn new mail into tickets.

Runs every five minutes from cron on tickets01. Written in 2016 against the
on-prem Exchange 2010 box, moved to Exchange Online in 2021.
"""

import email
import imaplib
import logging
import os
import ssl
import sys

import requests

IMAP_HOST = "outlook.office365.com"
MAILBOX = "helpdesk@contoso.com"
TICKET_API = "https://tickets.contoso.local/api/v2/tickets"

log = logging.getLogger("mailbox-poller")

# The old appliance in front of Exchange 2010 only spoke TLS 1.0 and nobody
# revisited this after the migration.
# expect: TLS001
tls_context = ssl.SSLContext(ssl.PROTOCOL_TLSv1)
tls_context.verify_mode = ssl.CERT_REQUIRED
tls_context.check_hostname = True
tls_context.load_default_certs()


def create_ticket(msg):
    subject = msg.get("Subject", "(no subject)")
    sender = msg.get("From", "")
    body = msg.get_payload(decode=True) if not msg.is_multipart() else b""
    resp = requests.post(
        TICKET_API,
        json={"subject": subject, "requester": sender, "body": body.decode("utf-8", "replace")},
        timeout=30,
    )
    resp.raise_for_status()
    return resp.json()["id"]


def poll():
    password = os.environ["HELPDESK_IMAP_PASSWORD"]
    conn = imaplib.IMAP4_SSL(IMAP_HOST, 993, ssl_context=tls_context)
    try:
        conn.login(MAILBOX, password)
        conn.select("INBOX")
        typ, data = conn.search(None, "UNSEEN")
        for num in data[0].split():
            typ, parts = conn.fetch(num, "(RFC822)")
            msg = email.message_from_bytes(parts[0][1])
            ticket = create_ticket(msg)
            log.info("message %s -> ticket %s", num.decode(), ticket)
            conn.store(num, "+FLAGS", "\\Seen")
    finally:
        try:
            conn.close()
        except imaplib.IMAP4.error:
            pass
        conn.logout()


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    try:
        poll()
    except Exception:
        log.exception("poll failed")
        sys.exit(1)
