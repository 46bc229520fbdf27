// expect: none
using System.Security.Authentication;
using System.Threading.Tasks;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Shop.Notifications
{
    public class ModernSender
    {
        public async Task SendAsync(MimeMessage message, string user, string password)
        {
            using var client = new SmtpClient();
            client.SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13;
            await client.ConnectAsync("smtp.office365.com", 587, SecureSocketOptions.StartTls);
            await client.AuthenticateAsync(user, password);
            await client.SendAsync(message);
            await client.DisconnectAsync(true);
        }

        public void SendSync(MimeMessage message)
        {
            using (var client = new SmtpClient())
            {
                client.SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13;
                client.Connect("smtp.office365.com", 587, SecureSocketOptions.StartTls);
                client.Send(message);
                client.Disconnect(true);
            }
        }
    }
}
