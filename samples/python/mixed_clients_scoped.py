# expect: none
"""Two jobs in one module: FX rates over a legacy HTTPS API (TLS 1.0, not
mail) and an IMAP check with a modern context. Each function has its own
`ctx`; the mail client must not be tied to the HTTP one."""
import http.client
import imaplib
import ssl


def fetch_rates():
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLSv1)
    conn = http.client.HTTPSConnection("fx.examplebank.com", context=ctx)
    conn.request("GET", "/today")
    return conn.getresponse().read()


def check_mail(user, password):
    ctx = ssl.create_default_context()
    with imaplib.IMAP4_SSL("outlook.office365.com", ssl_context=ctx) as imap:
        imap.login(user, password)
        return imap.select("INBOX")[0] == "OK"


class Notifier:
    def __init__(self):
        self.ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        self.ctx.minimum_version = ssl.TLSVersion.TLSv1_2

    def notify(self, text):
        import smtplib
        with smtplib.SMTP("smtp.office365.com", 587) as s:
            s.starttls(context=self.ctx)
            s.sendmail("ops@contoso.com", ["oncall@contoso.com"], text)
