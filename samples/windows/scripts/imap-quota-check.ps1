#Requires -Version 5.1
# Checks the scanner mailbox quota over IMAP with MailKit.
Add-Type -Path "$PSScriptRoot\lib\MimeKit.dll"
Add-Type -Path "$PSScriptRoot\lib\MailKit.dll"

$imap = New-Object MailKit.Net.Imap.ImapClient
# The scanner appliance proxy in front of the mailbox only did TLS 1.0.
# expect: TLS001
$imap.SslProtocols = [System.Security.Authentication.SslProtocols]::Tls
$imap.Connect('outlook.office365.com', 993, [MailKit.Security.SecureSocketOptions]::SslOnConnect)
$imap.Authenticate($env:SCANNER_MAILBOX, $env:SCANNER_PASSWORD)

$quota = $imap.Inbox.GetQuota()
Write-Output ("{0} of {1} KB used" -f $quota.CurrentStorageSize, $quota.StorageLimit)
$imap.Disconnect($true)
