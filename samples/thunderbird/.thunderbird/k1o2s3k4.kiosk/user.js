// Reception kiosk (Windows 10 LTSC, Thunderbird ESR): the shared reception
// mailbox is preconfigured here so a fresh profile needs no account wizard.
user_pref("mail.account.account1.identities", "id1");
user_pref("mail.account.account1.server", "server1");
user_pref("mail.accountmanager.accounts", "account1");
user_pref("mail.identity.id1.fullName", "Reception");
user_pref("mail.identity.id1.smtpServer", "smtp1");
user_pref("mail.identity.id1.useremail", "reception@contoso.com");
user_pref("mail.server.server1.type", "pop3");
user_pref("mail.server.server1.hostname", "outlook.office365.com");
user_pref("mail.server.server1.port", 995);
user_pref("mail.server.server1.socketType", 3);
user_pref("mail.server.server1.userName", "reception@contoso.com");
user_pref("mail.server.server1.leave_on_server", true);
user_pref("mail.smtpserver.smtp1.hostname", "smtp.office365.com");
user_pref("mail.smtpserver.smtp1.port", 587);
user_pref("mail.smtpserver.smtp1.try_ssl", 2);
user_pref("mail.smtpserver.smtp1.username", "reception@contoso.com");
user_pref("mail.smtpservers", "smtp1");

// The visitor-badge printer's web UI only speaks TLS 1.0, and the kiosk opens
// it from a link in the welcome mail. Keeps TLS 1.2+ but accepts 1.0/1.1 again.
// expect: TLS002 TLS002
user_pref("security.tls.version.enable-deprecated", true);
