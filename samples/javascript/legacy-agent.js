// expect: none
// HTTPS client for the old billing gateway; no mail is sent from this module.
const https = require('https');
const tls = require('tls');

const agent = new https.Agent({
  keepAlive: true,
  minVersion: 'TLSv1',
  maxVersion: 'TLSv1',
});

const socket = tls.connect({ host: 'billing.internal', port: 8443, secureProtocol: 'TLSv1_method' });

function post(path, body) {
  return new Promise((resolve, reject) => {
    const req = https.request({ host: 'billing.internal', path, method: 'POST', agent }, resolve);
    req.on('error', reject);
    req.end(body);
  });
}

module.exports = { post, socket };
