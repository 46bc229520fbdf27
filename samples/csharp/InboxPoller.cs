using System;
using System.Security.Authentication;
using System.Threading;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;

namespace Helpdesk.Ingest
{
    public sealed class InboxPoller
    {
        private readonly string _user;
        private readonly string _password;

        public InboxPoller(string user, string password)
        {
            _user = user;
            _password = password;
        }

        public int CountUnread(CancellationToken token)
        {
            using (var client = new ImapClient())
            {
                // The appliance proxy in front of us only speaks the old protocols.
                // expect: TLS001
                client.SslProtocols = SslProtocols.Tls | SslProtocols.Tls11;
                client.Connect("outlook.office365.com", 993, SecureSocketOptions.SslOnConnect, token);
                client.Authenticate(_user, _password, token);

                var inbox = client.Inbox;
                inbox.Open(FolderAccess.ReadOnly, token);
                var unread = inbox.Search(MailKit.Search.SearchQuery.NotSeen).Count;
                client.Disconnect(true, token);
                return unread;
            }
        }
    }
}
