#!/usr/bin/env python3
# expect: none
"""Daily digest: read the newsletter folder over IMAP, mail a summary.

TLS: the context comes from ssl.create_default_context() and refuses
anything below TLS 1.2, which Exchange Online requires for IMAP4 and POP3.
"""
import imaplib
import smtplib
import ssl
from email.message import EmailMessage
from email.parser import BytesHeaderParser

HOST = "outlook.office365.com"
USER = "digest@contoso.com"


def tls_context() -> ssl.SSLContext:
    ctx = ssl.create_default_context()
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    return ctx


CONTEXT = tls_context()


def subjects(password: str) -> list[str]:
    out = []
    with imaplib.IMAP4_SSL(HOST, ssl_context=CONTEXT) as imap:
        imap.login(USER, password)
        imap.select("Newsletters", readonly=True)
        _, data = imap.search(None, "SINCE", "01-Jan-2026")
        for num in data[0].split()[-50:]:
            _, parts = imap.fetch(num, "(BODY.PEEK[HEADER.FIELDS (SUBJECT)])")
            out.append(BytesHeaderParser().parsebytes(parts[0][1])["Subject"])
    return out


def send_digest(password: str) -> None:
    msg = EmailMessage()
    msg["Subject"] = "Newsletter digest"
    msg["From"] = USER
    msg["To"] = "team@contoso.com"
    msg.set_content("\n".join(f"- {s}" for s in subjects(password)))
    with smtplib.SMTP_SSL("smtp.contoso.com", 465, context=CONTEXT) as smtp:
        smtp.login(USER, password)
        smtp.send_message(msg)
