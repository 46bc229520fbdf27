<#
  Keeps the two scan-to-email copiers on floor 3 working until facilities
  replaces them (ticket OPS-4411). Run from an Exchange Online PowerShell
  session with Connect-ExchangeOnline.
#>
Connect-ExchangeOnline -UserPrincipalName admin@contoso.onmicrosoft.com

# expect: TLS007
Set-TransportConfig -AllowLegacyTLSClients $true

# Old rollback line, kept for reference:
# Set-TransportConfig -AllowLegacyTLSClients $false
Get-TransportConfig | Format-List AllowLegacyTLSClients
