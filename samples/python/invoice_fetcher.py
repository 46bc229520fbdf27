"""Downloads supplier invoices from the accounts mailbox.

Uses imap_tools. The vendor portal (HTTPS) and the mailbox have different
TLS needs; only the mailbox matters here.
"""
import os
import ssl
import urllib.request

from imap_tools import AND, MailBox, MailBoxTls

ARCHIVE = os.environ.get("INVOICE_DIR", "/srv/invoices")


def portal_context():
    # The supplier portal is stuck on TLS 1.0; not mail.
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLSv1)
    return ctx


def fetch_portal_index():
    with urllib.request.urlopen("https://portal.supplier.example.com/", context=portal_context()) as r:
        return r.read()


def mailbox_context():
    ctx = ssl.create_default_context()
    # The mail gateway in front of Exchange was pinned during an incident.
    # expect: TLS001
    ctx.maximum_version = ssl.TLSVersion.TLSv1_1
    return ctx


def fetch_invoices():
    ctx = mailbox_context()
    with MailBox("outlook.office365.com", ssl_context=ctx).login(
        os.environ["INVOICE_USER"], os.environ["INVOICE_PASSWORD"], "INBOX/Invoices"
    ) as mailbox:
        for msg in mailbox.fetch(AND(seen=False)):
            for att in msg.attachments:
                with open(os.path.join(ARCHIVE, att.filename), "wb") as f:
                    f.write(att.payload)


def fetch_backup_box():
    # Modern defaults: create_default_context() is TLS 1.2+ on current Python.
    with MailBoxTls("imap.backup.example.org", 143, ssl_context=ssl.create_default_context()) as mb:
        mb.login(os.environ["BACKUP_USER"], os.environ["BACKUP_PASSWORD"])
        return len(mb.numbers())
