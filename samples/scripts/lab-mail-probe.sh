#!/bin/bash
# Lab probe, run by the monitoring box every 15 minutes: checks that the test
# tenant still answers on the retired endpoint while the lab exists, and that
# production has moved off it.
set -euo pipefail

LAB_HOST="imap-legacy.office365.com"  # tlsfloor:ignore TLS007 -- lab-only probe of the retired endpoint, deleted with the lab (LAB-7)
# expect: TLS007
PROD_HOST="pop-legacy.office365.com"
TIMEOUT=10

probe() {
    timeout "$TIMEOUT" bash -c "exec 3<>/dev/tcp/$1/$2" && echo "$1:$2 open"
}

probe "$LAB_HOST" 993 || echo "lab endpoint gone" >&2
probe "$PROD_HOST" 995 && echo "production still on the legacy POP endpoint" >&2
