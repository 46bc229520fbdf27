// Nightly report mailer (.NET Framework 4.5 console app).
using System;
using System.Configuration;
using System.Net;
using System.Net.Mail;

namespace Contoso.Reports
{
    internal static class Program
    {
        private static int Main(string[] args)
        {
            // Old Windows Server 2008 box: force the protocol explicitly.
            // expect: TLS006
            ServicePointManager.SecurityProtocol = SecurityProtocolType.Tls;

            var user = ConfigurationManager.AppSettings["MailUser"];
            var password = ConfigurationManager.AppSettings["MailPassword"];

            using (var message = new MailMessage(user, "reports@contoso.com"))
            {
                message.Subject = "Nightly report " + DateTime.Today.ToString("yyyy-MM-dd");
                message.Body = "See attachment.";

                var smtp = new SmtpClient("smtp.office365.com", 587);
                smtp.EnableSsl = true;
                smtp.Credentials = new NetworkCredential(user, password);
                try
                {
                    smtp.Send(message);
                }
                catch (SmtpException ex)
                {
                    Console.Error.WriteLine("Send failed: {0}", ex.Message);
                    return 1;
                }
            }
            return 0;
        }
    }
}
