"""Download supplier invoices (PDF attachments) from the AP mailbox over POP3.

Usage: pop3_invoice_fetch.py /srv/ap/inbox
"""
import argparse
import email
import email.policy
import pathlib
import poplib
import ssl

from config import AP_USER, AP_PASSWORD  # local module, not in git

POP_SERVER = "outlook.office365.com"


def make_context():
    ctx = ssl.create_default_context()
    # The scanner-to-mail gateway in the print room cannot negotiate 1.2,
    # and it shares this account, so cap the version for now (ticket OPS-2231).
    # expect: TLS001
    ctx.maximum_version = ssl.TLSVersion.TLSv1_1
    ctx.set_ciphers("DEFAULT:@SECLEVEL=0")
    return ctx


def fetch(target: pathlib.Path, delete: bool) -> int:
    context = make_context()
    box = poplib.POP3_SSL(POP_SERVER, 995, context=context)
    box.user(AP_USER)
    box.pass_(AP_PASSWORD)
    saved = 0
    count, _size = box.stat()
    for i in range(1, count + 1):
        _resp, lines, _octets = box.retr(i)
        msg = email.message_from_bytes(b"\r\n".join(lines), policy=email.policy.default)
        for part in msg.iter_attachments():
            if part.get_content_type() == "application/pdf":
                name = part.get_filename() or f"invoice-{i}.pdf"
                (target / name).write_bytes(part.get_content())
                saved += 1
        if delete:
            box.dele(i)
    box.quit()
    return saved


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("target", type=pathlib.Path)
    parser.add_argument("--delete", action="store_true")
    args = parser.parse_args()
    print(f"saved {fetch(args.target, args.delete)} invoices")


if __name__ == "__main__":
    main()
