"""Mailbox migration helper: copies folders between tenants with IMAPClient.

Old source servers get a context they can still talk to; everything else
gets the library default. The factory below decides per host.
"""
import ssl

import imapclient

LEGACY_SOURCES = {"mail.fabrikam-old.com", "imap.contoso-legacy.net"}


def context_for(host):
    if host in LEGACY_SOURCES:
        # expect: TLS001
        legacy = ssl.SSLContext(ssl.PROTOCOL_TLSv1_1)
        legacy.load_default_certs()
        return legacy
    return ssl.create_default_context()


def copy_folder(src_host, dst_host, user, password, folder):
    src = imapclient.IMAPClient(src_host, ssl_context=context_for(src_host))
    dst = imapclient.IMAPClient(dst_host, ssl_context=context_for(dst_host))
    for client in (src, dst):
        client.login(user, password)
    src.select_folder(folder, readonly=True)
    if not dst.folder_exists(folder):
        dst.create_folder(folder)
    for uid, data in src.fetch(src.search(), ["FLAGS", "INTERNALDATE", "RFC822"]).items():
        dst.append(folder, data[b"RFC822"], data[b"FLAGS"], data[b"INTERNALDATE"])
