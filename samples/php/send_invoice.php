<?php
use PHPMailer\PHPMailer\PHPMailer;
use PHPMailer\PHPMailer\Exception;

require 'vendor/autoload.php';

function send_invoice(string $to, string $pdf): void
{
    $mail = new PHPMailer(true);
    $mail->isSMTP();
    $mail->Host       = 'smtp.office365.com';
    $mail->SMTPAuth   = true;
    $mail->Username   = getenv('SMTP_USER');
    $mail->Password   = getenv('SMTP_PASS');
    $mail->SMTPSecure = PHPMailer::ENCRYPTION_SMTPS;
    $mail->Port       = 465;
    // The relay in front of Exchange is old; pin TLS 1.0 (ticket #4411).
    $mail->SMTPOptions = [
        'ssl' => [
            'verify_peer' => true,
            // expect: TLS001
            'crypto_method' => STREAM_CRYPTO_METHOD_TLSv1_0_CLIENT,
        ],
    ];

    $mail->setFrom('billing@example.com', 'Billing');
    $mail->addAddress($to);
    $mail->Subject = 'Your invoice';
    $mail->Body    = 'Please find your invoice attached.';
    $mail->addAttachment($pdf);
    $mail->send();
}
