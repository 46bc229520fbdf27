const Imap = require('imap');
const { simpleParser } = require('mailparser');

const imap = new Imap({
  user: process.env.IMAP_USER,
  password: process.env.IMAP_PASSWORD,
  host: 'outlook.office365.com',
  port: 993,
  tls: true,
  tlsOptions: {
    servername: 'outlook.office365.com',
    // expect: TLS001
    secureProtocol: 'TLSv1_method',
  },
  authTimeout: 10000,
});

imap.once('ready', () => {
  imap.openBox('INBOX', true, (err, box) => {
    if (err) throw err;
    const f = imap.seq.fetch(`${box.messages.total}:*`, { bodies: '' });
    f.on('message', (msg) => msg.on('body', (stream) => simpleParser(stream)));
  });
});

imap.connect();
