// expect: none
using System;
using System.Net;

namespace Ops.Tools
{
    /// <summary>
    /// Before 2022 this tool used SecurityProtocolType.Tls11 and SslProtocols.Tls11,
    /// which Exchange Online no longer accepts.
    /// </summary>
    public static class TlsMigrationNotes
    {
        // ServicePointManager.SecurityProtocol = SecurityProtocolType.Tls | SecurityProtocolType.Tls11;
        /* client.SslProtocols = SslProtocols.Tls11; */

        public static void Configure()
        {
            Console.WriteLine("Do not use SslProtocols.Tls11 or SecurityProtocolType.Tls anymore.");
            var hint = @"ServicePointManager.SecurityProtocol = SecurityProtocolType.Tls11";
            Console.WriteLine(hint);
            ServicePointManager.SecurityProtocol |= SecurityProtocolType.Tls12;
        }
    }
}
