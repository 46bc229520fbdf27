using System;
using System.IO;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Threading;
using System.Threading.Tasks;
using MailKit.Net.Imap;
using MailKit.Security;

namespace Ops.Monitoring
{
    /// <summary>
    /// Health probes for the mail estate. The POP3 probe talks raw protocol
    /// over an SslStream; the IMAP probe uses MailKit.
    /// </summary>
    public sealed class MailboxProbe
    {
        private const string PopHost = "pop.archive.example.net";

        public async Task<bool> ProbePop3Async(CancellationToken token)
        {
            using var tcp = new TcpClient(PopHost, 995);
            using var ssl = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false);
            var options = new SslClientAuthenticationOptions
            {
                TargetHost = PopHost,
                // The archive appliance was never upgraded past TLS 1.0.
                // expect: TLS001
                EnabledSslProtocols = SslProtocols.Tls,
            };
            await ssl.AuthenticateAsClientAsync(options, token);
            using var reader = new StreamReader(ssl);
            var greeting = await reader.ReadLineAsync();
            return greeting != null && greeting.StartsWith("+OK", StringComparison.Ordinal);
        }

        public async Task<int> ProbeImapAsync(string user, string token, CancellationToken cancel)
        {
            // OS default protocols; the legacy context in ProbeProxy is another local.
            using var client = new ImapClient();
            await client.ConnectAsync("outlook.office365.com", 993, SecureSocketOptions.SslOnConnect, cancel);
            await client.AuthenticateAsync(new SaslMechanismOAuth2(user, token), cancel);
            var count = client.Inbox.Count;
            await client.DisconnectAsync(true, cancel);
            return count;
        }

        public void ProbeProxy()
        {
            // The reporting proxy (not mail) still needs TLS 1.1.
            using var client = new TcpClient("reports-proxy.corp.example.com", 8443);
            using var ssl = new SslStream(client.GetStream());
            ssl.AuthenticateAsClient("reports-proxy.corp.example.com", null, SslProtocols.Tls11, false);
        }
    }
}
