'use strict';
// Sends the nightly report through Exchange Online (SMTP AUTH, STARTTLS on 587).
const nodemailer = require('nodemailer');
const config = require('./config');

const transporter = nodemailer.createTransport({
  host: 'smtp.office365.com',
  port: 587,
  secure: false, // STARTTLS
  requireTLS: true,
  auth: {
    user: config.smtpUser,
    pass: process.env.SMTP_PASSWORD,
  },
  tls: {
    // old scanner appliance in between, see OPS-112
    // expect: TLS002
    minVersion: 'TLSv1',
    rejectUnauthorized: true,
  },
});

async function sendReport(html) {
  await transporter.sendMail({
    from: 'reports@example.com',
    to: config.recipients,
    subject: 'Nightly report',
    html,
  });
}

module.exports = { sendReport };
