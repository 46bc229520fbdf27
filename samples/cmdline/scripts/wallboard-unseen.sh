#!/bin/sh
# Counts unread messages in the scanner inbox for the old wallboard.
# Written for the on-prem Exchange 2010 box; during the migration only the
# host name was changed to Exchange Online.
USER="wallboard@contoso.com"
PASS="$(cat /etc/wallboard/imap.secret)"

# expect: TLS005
curl -s "imap://outlook.office365.com/INBOX?UNSEEN" --user "$USER:$PASS"

# STARTTLS probe of the same mailbox, still limited to TLS 1.1.
# expect: TLS001
echo "a1 LOGOUT" | openssl s_client -starttls imap -connect outlook.office365.com:143 -tls1_1 -quiet

# The fixed command, waiting for the wallboard change window:
# curl -s --ssl-reqd --tlsv1.2 "imap://outlook.office365.com/INBOX?UNSEEN" --user "$USER:$PASS"
