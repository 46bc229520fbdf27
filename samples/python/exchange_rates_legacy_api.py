# expect: none
"""Pull daily exchange rates from the bank's legacy partner API.

The bank's endpoint still only negotiates TLS 1.0 (case #44821 with them).
This is HTTPS, not mail: it is out of scope for the mail TLS review.
"""
import http.client
import json
import ssl

import requests
from requests.adapters import HTTPAdapter
from urllib3.poolmanager import PoolManager

BANK_HOST = "partner-api.examplebank.com"


class Tls1Adapter(HTTPAdapter):
    """Transport adapter that pins requests to TLS 1.0."""

    def init_poolmanager(self, connections, maxsize, block=False, **kwargs):
        self.poolmanager = PoolManager(
            num_pools=connections,
            maxsize=maxsize,
            block=block,
            ssl_version=ssl.PROTOCOL_TLSv1,
        )


def rates_via_requests(day):
    session = requests.Session()
    session.mount("https://", Tls1Adapter())
    resp = session.get(f"https://{BANK_HOST}/fx/{day}", timeout=20)
    resp.raise_for_status()
    return resp.json()


def rates_via_http_client(day):
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLSv1)
    ctx.load_default_certs()
    conn = http.client.HTTPSConnection(BANK_HOST, 443, context=ctx, timeout=20)
    conn.request("GET", f"/fx/{day}")
    return json.loads(conn.getresponse().read())
