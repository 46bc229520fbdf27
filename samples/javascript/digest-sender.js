'use strict';

// Sends the daily digest through Microsoft 365 and pings the metrics relay.
const { constants } = require('crypto');
const tls = require('tls');
const nodemailer = require('nodemailer');

// nodemailer's well-known "Outlook365" service is smtp.office365.com:587
// with STARTTLS. The old TLS inspection box on the egress path cannot
// handle TLS 1.2, so someone switched 1.2 and 1.3 off here.
const transporter = nodemailer.createTransport({
  service: 'Outlook365',
  auth: { user: process.env.DIGEST_USER, pass: process.env.DIGEST_PASSWORD },
  tls: {
    // expect: TLS001
    secureOptions: constants.SSL_OP_NO_TLSv1_2 | constants.SSL_OP_NO_TLSv1_3,
    ciphers: 'SSLv3',
  },
});

// A second transport for the bulk provider: nothing legacy here. `ciphers`
// is an OpenSSL cipher list, and SSL_OP_NO_TLSv1 only drops TLS 1.0.
const bulk = nodemailer.createTransport({
  service: 'SendGrid',
  auth: { user: 'apikey', pass: process.env.SENDGRID_KEY },
  tls: { secureOptions: constants.SSL_OP_NO_TLSv1 | constants.SSL_OP_NO_TLSv1_1, ciphers: 'SSLv3' },
});

// Metrics relay (not mail): still TLS 1.0 only.
function pingMetrics() {
  const socket = tls.connect({
    host: 'metrics.corp.example.com',
    port: 8125,
    secureOptions: constants.SSL_OP_NO_TLSv1_1 | constants.SSL_OP_NO_TLSv1_2 | constants.SSL_OP_NO_TLSv1_3,
  });
  socket.end('digest.sent:1|c\n');
}

async function sendDigest(to, html) {
  await transporter.sendMail({ from: 'digest@corp.example.com', to, subject: 'Daily digest', html });
  await bulk.sendMail({ from: 'digest@corp.example.com', to: 'archive@corp.example.com', subject: 'copy', html });
  pingMetrics();
}

module.exports = { sendDigest };
