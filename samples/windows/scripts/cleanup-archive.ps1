# expect: none
param([int]$Days = 30)

# Moves processed scans to the archive share and reports by mail.
# History: the Send step used to need
#   [System.Net.ServicePointManager]::SecurityProtocol = [System.Net.SecurityProtocolType]::Tls
# which broke after the Exchange Online change; removed in CHG-30977.
<#
[Net.ServicePointManager]::SecurityProtocol = 'Ssl3, Tls'
#>

$usage = @'
Usage: cleanup-archive.ps1 -Days 30
Remember: never set [Net.ServicePointManager]::SecurityProtocol = 'Tls' here.
'@

if ([Net.ServicePointManager]::SecurityProtocol -match 'Tls12') {
    Write-Verbose "TLS 1.2 available: $([Net.ServicePointManager]::SecurityProtocol)"
}

Get-ChildItem '\\fileserver01\scans\processed' |
    Where-Object LastWriteTime -lt (Get-Date).AddDays(-$Days) |
    Move-Item -Destination '\\fileserver01\scans\archive'

$smtp = New-Object System.Net.Mail.SmtpClient('smtp.office365.com', 587)
$smtp.EnableSsl = $true
$smtp.Credentials = Get-Credential
$smtp.Send('scans@contoso.com', 'it@contoso.com', 'Archive done', "Moved files older than $Days days")
