"""Nagios check: can we log in to the service mailbox? (exit 0/2)

Written for the on-prem server, which allowed plain IMAP inside the LAN.
"""
import imaplib
import sys

try:
    # expect: TLS005
    M = imaplib.IMAP4("outlook.office365.com", 143)
    M.login(sys.argv[1], sys.argv[2])
    M.logout()
except Exception as exc:
    print(f"CRITICAL - {exc}")
    sys.exit(2)
print("OK - login succeeded")
