import { ImapFlow } from 'imapflow';

// The archive proxy only speaks TLS 1.0/1.1.
const legacyTls = {
  // expect: TLS001
  maxVersion: 'TLSv1.1',
  rejectUnauthorized: false,
};

const client = new ImapFlow({
  host: 'archive-proxy.example.net',
  port: 993,
  secure: true,
  auth: { user: process.env.ARCHIVE_USER, pass: process.env.ARCHIVE_PASS },
  tls: legacyTls,
  logger: false,
});

export async function run() {
  await client.connect();
  const lock = await client.getMailboxLock('INBOX');
  try {
    for await (const msg of client.fetch('1:*', { envelope: true })) {
      console.log(`${msg.uid}: ${msg.envelope.subject}`);
    }
  } finally {
    lock.release();
  }
  await client.logout();
}
