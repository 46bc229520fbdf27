<?php
// expect: none
# Troubleshooting page. Older versions of this app used
#   'crypto_method' => STREAM_CRYPTO_METHOD_TLSv1_0_CLIENT
/* and stream_socket_client('tlsv1.0://outlook.office365.com:995') */
$help = <<<HTML
<h2>Mail connection problems</h2>
<p>If your server only speaks TLSv1, set
<code>'crypto_method' => STREAM_CRYPTO_METHOD_TLSv1_0_CLIENT</code> or use
<code>imap_open('{outlook.office365.com:993/imap/ssl}INBOX', ...)</code>.
This no longer works with Exchange Online.</p>
HTML;
$note = 'tlsv1.0:// transports are refused by Exchange Online';
echo $help, $note;
