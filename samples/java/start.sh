#!/bin/sh
# Starts the returns poller on the old Windows-to-Linux migration box.
set -eu

JAVA_OPTS="${JAVA_OPTS:-} -Xmx256m"
# The partner portal client (HttpsURLConnection) needs TLS 1.0; this does not
# reach the mail sessions.
JAVA_OPTS="$JAVA_OPTS -Dhttps.protocols=TLSv1"

# expect: TLS001
exec java $JAVA_OPTS -Dmail.pop3s.host=outlook.office365.com -Dmail.pop3s.ssl.protocols=TLSv1 \
     -jar /opt/returns-poller/returns-poller.jar   # -Djdk.tls.client.protocols=TLSv1
