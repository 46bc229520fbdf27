"""Copy every message older than 90 days from the shared mailbox into the
archive folder tree, using IMAPClient.

    python archive_sync_imapclient.py --dry-run
"""
import argparse
import datetime as dt
import logging
import ssl

from imapclient import IMAPClient

import settings

log = logging.getLogger(__name__)


def legacy_context(cafile=None):
    """Context for the archive appliance's TLS proxy (it predates TLS 1.2)."""
    # expect: TLS001
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLSv1_1)
    ctx.verify_mode = ssl.CERT_REQUIRED
    if cafile:
        ctx.load_verify_locations(cafile=cafile)
    else:
        ctx.load_default_certs()
    return ctx


def archive(dry_run):
    cutoff = dt.date.today() - dt.timedelta(days=90)
    with IMAPClient(settings.IMAP_HOST, port=993, ssl_context=legacy_context(settings.CA_BUNDLE)) as client:
        client.login(settings.IMAP_USER, settings.IMAP_PASSWORD)
        client.select_folder("INBOX")
        uids = client.search(["BEFORE", cutoff])
        log.info("%d messages before %s", len(uids), cutoff)
        if uids and not dry_run:
            target = f"Archive/{cutoff:%Y}"
            if not client.folder_exists(target):
                client.create_folder(target)
            client.move(uids, target)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--dry-run", action="store_true")
    logging.basicConfig(level=logging.INFO)
    archive(parser.parse_args().dry_run)
