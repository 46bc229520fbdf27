<?php
/**
 * Cron job: pulls new support requests from the shared Exchange Online mailbox.
 * STARTTLS on 143; see README for the c-client caveat.
 */
// expect: none
require __DIR__ . '/config.php';

$mailbox = '{outlook.office365.com:143/imap/tls}INBOX';
$inbox = imap_open('{outlook.office365.com:143/imap/tls}INBOX', SUPPORT_USER, SUPPORT_PASS, 0, 1);
if ($inbox === false) {
    error_log('IMAP error: ' . imap_last_error());
    exit(1);
}

$ids = imap_search($inbox, 'UNSEEN');
foreach ($ids ?: [] as $id) {
    $header = imap_headerinfo($inbox, $id);
    echo $header->subject, PHP_EOL;
}
imap_close($inbox);
