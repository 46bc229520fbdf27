"""POP3 (port 110 + STLS) fetcher for the branch-office scanners' mailbox.

The multifunction printers relay through this mailbox; their firmware
handshake breaks on TLS 1.2, so TLS 1.2 and 1.3 were switched off.
"""
import poplib
import ssl

from . import store

POP_HOST = "outlook.office365.com"

ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
ctx.load_default_certs()
ctx.options |= (
    ssl.OP_NO_SSLv3
    # expect: TLS001
    | ssl.OP_NO_TLSv1_2
    | ssl.OP_NO_TLSv1_3
)


def drain(user, password):
    pop = poplib.POP3(POP_HOST)
    pop.stls(context=ctx)
    pop.user(user)
    pop.pass_(password)
    for i in range(1, len(pop.list()[1]) + 1):
        store.save(b"\n".join(pop.retr(i)[1]))
        pop.dele(i)
    pop.quit()
