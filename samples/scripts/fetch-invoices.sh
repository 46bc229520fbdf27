#!/bin/sh
# Pulls supplier invoices from the shared mailbox into the AP drop folder.
# Runs from cron on the old accounting box (curl 7.29, CentOS 7).
set -eu

MAILBOX="ap-invoices@contoso.com"
# expect: TLS007
IMAP_URL="imaps://imap-legacy.office365.com:993/INBOX"
# IMAP_URL="imaps://outlook.office365.com:993/INBOX"   # after the curl upgrade

curl --silent --user "$MAILBOX:$(cat /etc/ap/imap.secret)" \
     --url "$IMAP_URL" -X 'SEARCH UNSEEN'

# Submission goes through the regular endpoint already.
curl --ssl-reqd --url "smtp://smtp.office365.com:587" \
     --mail-from "$MAILBOX" --mail-rcpt "ap-archive@contoso.com" --upload-file /var/spool/ap/ap-report.eml
