#!/usr/bin/env bash
# Nightly check that the shared helpdesk mailbox is reachable and not over
# quota. Runs from cron on ops-util-02 (CentOS 7, curl 7.29 built with NSS).
set -euo pipefail

MAILBOX="helpdesk@contoso.com"
PASS_FILE=/etc/helpdesk/imap.secret
IMAP_HOST=outlook.office365.com
RUNDIR=/var/lib/helpdesk-check

log() { printf '%s %s\n' "$(date -Is)" "$*" >&2; }

# NSS on this box negotiated nothing newer than TLS 1.1 when the script was
# written, so it was pinned to what worked then.
log "checking $MAILBOX"
# expect: TLS001
curl --silent --show-error --tlsv1.0 --tls-max 1.1 imaps://outlook.office365.com/INBOX \
     --user "$MAILBOX:$(cat "$PASS_FILE")" -X 'STATUS INBOX (MESSAGES UNSEEN)'

# Old STARTTLS variant, kept for reference until the firewall change lands:
# curl --ssl --tlsv1 --tls-max 1.0 imap://outlook.office365.com/INBOX --user "$MAILBOX:..."

# The quota report goes to the status API (HTTPS, not mail).
curl --tlsv1.0 --tls-max 1.0 -fsS "https://status.contoso.com/api/mailbox/$MAILBOX" -o "$RUNDIR/quota.json"

# The scanner account is read over POP3 with a modern floor.
curl -sS --tlsv1.2 "pop3s://${IMAP_HOST}/1" \
     --user "scanner@contoso.com:$(cat /etc/helpdesk/pop.secret)" -o /dev/null

# Report mail: STARTTLS is required, but the floor still lets TLS 1.1 through.
SMTP_URL="smtp://smtp.office365.com:587"
# expect: TLS002
curl --ssl-reqd --tlsv1.1 --url "$SMTP_URL" --mail-from "$MAILBOX" \
     --mail-rcpt "noc@contoso.com" --upload-file "$RUNDIR/quota-report.eml"
