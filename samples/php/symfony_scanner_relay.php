<?php
// Forwards scans from the warehouse scanners to the ops mailbox. The relay
// in front of the scanners is an old appliance that only negotiates TLS 1.0,
// so the stream's crypto method was pinned when it was set up (OPS-311).

use Symfony\Component\Mailer\Mailer;
use Symfony\Component\Mailer\Transport\Smtp\EsmtpTransport;
use Symfony\Component\Mime\Email;

require 'vendor/autoload.php';

$transport = new EsmtpTransport('relay.warehouse.example.net', 587, false);
$transport->setUsername('scanner');
$transport->setPassword(getenv('RELAY_PASSWORD'));
$transport->getStream()->setStreamOptions([
    'ssl' => [
        'verify_peer' => true,
        'cafile' => '/etc/ssl/certs/warehouse-ca.pem',
        // expect: TLS001
        'crypto_method' => STREAM_CRYPTO_METHOD_TLSv1_0_CLIENT,
    ],
]);

$mailer = new Mailer($transport);
foreach (glob('/var/spool/scans/*.pdf') as $pdf) {
    $mailer->send((new Email())
        ->from('scanner@warehouse.example.net')
        ->to('ops@contoso.example')
        ->subject('Scan ' . basename($pdf))
        ->attachFromPath($pdf));
    unlink($pdf);
}
