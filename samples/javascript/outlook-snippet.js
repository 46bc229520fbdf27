// expect: none
// The classic "send mail through Outlook/Hotmail" snippet: ciphers: 'SSLv3'
// is an OpenSSL cipher-list keyword, not a protocol version.
var nodemailer = require("nodemailer");

var transporter = nodemailer.createTransport({
    host: "smtp-mail.outlook.com", // hostname
    secureConnection: false, // TLS requires secureConnection to be false
    port: 587, // port for secure SMTP
    tls: {
       ciphers:'SSLv3'
    },
    auth: {
        user: 'user@outlook.com',
        pass: 'password'
    }
});

transporter.sendMail({ from: 'user@outlook.com', to: 'x@example.com', subject: 'hi', text: 'hi' });
