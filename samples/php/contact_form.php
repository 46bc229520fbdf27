<?php
// expect: none
use PHPMailer\PHPMailer\PHPMailer;
use PHPMailer\PHPMailer\SMTP;

$mail = new PHPMailer();
$mail->isSMTP();
$mail->SMTPDebug = SMTP::DEBUG_OFF;
$mail->Host = 'smtp.office365.com';
$mail->Port = 587;
$mail->SMTPSecure = PHPMailer::ENCRYPTION_STARTTLS;
$mail->SMTPAuth = true;
$mail->Username = $_ENV['MAIL_USER'];
$mail->Password = $_ENV['MAIL_PASS'];
$mail->SMTPOptions = [
    'ssl' => [
        'crypto_method' => STREAM_CRYPTO_METHOD_TLSv1_2_CLIENT | STREAM_CRYPTO_METHOD_TLSv1_3_CLIENT,
    ],
];
$mail->setFrom('web@example.com');
$mail->addAddress('sales@example.com');
$mail->Subject = 'Contact form';
$mail->Body = $_POST['message'] ?? '';
$mail->send();
?>
<p>Thanks, we will get back to you.</p>
<!-- old: 'crypto_method' => STREAM_CRYPTO_METHOD_TLSv1_0_CLIENT -->
