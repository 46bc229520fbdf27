<?php
// Minimal POP3 poller for the scanner mailbox (no extensions available on that host).
$host = 'pop-legacy.office365.com';
// expect: TLS001 TLS007
$fp = stream_socket_client('tlsv1.0://pop-legacy.office365.com:995', $errno, $errstr, 15);
if (!$fp) {
    die("connect failed: $errstr ($errno)\n");
}
echo fgets($fp);
fwrite($fp, "USER " . getenv('POP_USER') . "\r\n");
echo fgets($fp);
fwrite($fp, "PASS " . getenv('POP_PASS') . "\r\n");
echo fgets($fp);
fwrite($fp, "QUIT\r\n");
fclose($fp);
