# expect: none
# Sends the shared-mailbox digest. TLS 1.2 is added to whatever the process
# allows (Windows PowerShell 5.1 on Server 2012 R2 would otherwise offer only
# SSL 3.0 / TLS 1.0 to Exchange Online).
[Net.ServicePointManager]::SecurityProtocol = [Net.ServicePointManager]::SecurityProtocol -bor [Net.SecurityProtocolType]::Tls12

$mail = @{
    From       = 'digest@contoso.com'
    To         = 'team-it@contoso.com'
    Subject    = 'Shared mailbox digest'
    SmtpServer = 'smtp.office365.com'
    Port       = 587
    UseSsl     = $true
    Credential = (Get-StoredCredential -Target 'digest-mailer')
}

$items = Get-Content -Path '.\digest.txt' -Raw
Send-MailMessage @mail -Body $items
