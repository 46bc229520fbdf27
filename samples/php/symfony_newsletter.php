<?php
// expect: none
//
// Weekly newsletter job (Symfony Mailer, standalone). The DSN options below
// tune certificate checks and throttling; none of them picks a TLS version:
// Symfony negotiates STARTTLS on 587 with PHP's default crypto methods.

declare(strict_types=1);

use Symfony\Component\Mailer\Mailer;
use Symfony\Component\Mailer\Transport;
use Symfony\Component\Mime\Email;

require __DIR__ . '/vendor/autoload.php';

const FROM = 'newsletter@contoso.example';

// Old note from the migration: "crypto_method / STREAM_CRYPTO_METHOD_TLSv1_0_CLIENT
// was needed for the previous relay" - no longer, the relay is Exchange Online.
$transport = Transport::fromDsn(
    'smtp://newsletter%40contoso.example:' . getenv('SMTP_PASSWORD')
    . '@smtp.office365.com:587?verify_peer=0&local_domain=app01.contoso.example&max_per_second=5'
);
$mailer = new Mailer($transport);

$recipients = json_decode(file_get_contents(__DIR__ . '/recipients.json'), true) ?: [];
foreach ($recipients as $r) {
    $email = (new Email())
        ->from(FROM)
        ->to($r['address'])
        ->subject('This week at Contoso')
        ->html(file_get_contents(__DIR__ . '/templates/newsletter.html'));
    $mailer->send($email);
}

// A fallback transport for local testing with MailHog.
$local = Transport::fromDsn('smtp://localhost:1025');
