#!/usr/bin/env python3
"""Mail the nightly KPI report (CSV) to the management list.

SMTP submission through Exchange Online with STARTTLS on 587.
"""
import csv
import io
import os
import smtplib
import ssl
from datetime import date
from email.message import EmailMessage

import psycopg2

SMTP_HOST = "smtp.office365.com"
SMTP_PORT = 587
SENDER = "reports@contoso.com"
RECIPIENTS = ["mgmt@contoso.com"]


def build_report():
    conn = psycopg2.connect(os.environ["KPI_DSN"])
    with conn, conn.cursor() as cur:
        cur.execute("SELECT region, orders, revenue FROM kpi_daily WHERE day = current_date - 1")
        rows = cur.fetchall()
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(["region", "orders", "revenue"])
    writer.writerows(rows)
    return buf.getvalue()


def send(report_csv):
    msg = EmailMessage()
    msg["Subject"] = f"KPI report {date.today():%Y-%m-%d}"
    msg["From"] = SENDER
    msg["To"] = ", ".join(RECIPIENTS)
    msg.set_content("Attached: yesterday's KPIs.")
    msg.add_attachment(report_csv.encode(), maintype="text", subtype="csv", filename="kpi.csv")

    context = ssl.create_default_context()
    # Keep the old Windows 2008 relay working as a fallback.
    # expect: TLS002
    context.minimum_version = ssl.TLSVersion.TLSv1

    with smtplib.SMTP(SMTP_HOST, SMTP_PORT, timeout=60) as server:
        server.ehlo()
        server.starttls(context=context)
        server.ehlo()
        server.login(SENDER, os.environ["REPORTS_SMTP_PASSWORD"])
        server.send_message(msg)


if __name__ == "__main__":
    send(build_report())
