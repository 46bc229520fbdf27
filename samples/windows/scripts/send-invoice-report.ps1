<#
.SYNOPSIS
    Mails the nightly invoice summary to accounts payable.
.NOTES
    Runs as a scheduled task on APP03 (Windows PowerShell 5.1).
    2016-03: forced TLS 1.0, the old relay choked on anything else.
#>
[CmdletBinding()]
param(
    [string]$ReportPath = 'D:\Reports\invoices-nightly.csv',
    [string[]]$Recipients = @('accounts-payable@contoso.com')
)

$ErrorActionPreference = 'Stop'

# expect: TLS006
[Net.ServicePointManager]::SecurityProtocol = 'Tls'

$cred = Import-Clixml -Path 'D:\Secure\invoicebot.cred.xml'
$rows = Import-Csv -Path $ReportPath
$body = $rows | ConvertTo-Html -Fragment | Out-String

Send-MailMessage -From 'invoicebot@contoso.com' -To $Recipients `
    -Subject "Invoice summary $(Get-Date -Format yyyy-MM-dd)" `
    -Body $body -BodyAsHtml `
    -SmtpServer 'smtp.office365.com' -Port 587 -UseSsl `
    -Credential $cred
