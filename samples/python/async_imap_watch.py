"""Watch the alerts mailbox with IMAP IDLE (aioimaplib) and forward new
messages to the on-call chat."""
import asyncio
import ssl as _ssl
from ssl import PROTOCOL_TLSv1_1

from aioimaplib import aioimaplib

import chat

HOST = "outlook.office365.com"


async def watch(user, password):
    client = aioimaplib.IMAP4_SSL(
        host=HOST,
        # expect: TLS001
        ssl_context=_ssl.SSLContext(PROTOCOL_TLSv1_1),
    )
    await client.wait_hello_from_server()
    await client.login(user, password)
    await client.select("Alerts")
    while True:
        idle = await client.idle_start(timeout=60)
        msg = await client.wait_server_push()
        client.idle_done()
        await asyncio.wait_for(idle, 30)
        if msg != aioimaplib.STOP_WAIT_SERVER_PUSH:
            await chat.post(f"new alert mail: {msg}")
