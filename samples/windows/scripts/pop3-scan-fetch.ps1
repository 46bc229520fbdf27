# expect: none
# Pulls scanned documents from the scanner mailbox over POP3 (MailKit).
Add-Type -Path "$PSScriptRoot\lib\MailKit.dll"

$pop = [MailKit.Net.Pop3.Pop3Client]::new()
$pop.SslProtocols = [System.Security.Authentication.SslProtocols]'Tls12, Tls13'
$pop.Connect('outlook.office365.com', 995, $true)
$pop.Authenticate($env:SCANNER_MAILBOX, $env:SCANNER_PASSWORD)
for ($i = 0; $i -lt $pop.Count; $i++) {
    $msg = $pop.GetMessage($i)
    foreach ($att in $msg.Attachments) {
        $path = Join-Path 'D:\Scans\inbound' $att.FileName
        $stream = [IO.File]::Create($path)
        $att.Content.DecodeTo($stream)
        $stream.Dispose()
    }
}
$pop.Disconnect($true)
