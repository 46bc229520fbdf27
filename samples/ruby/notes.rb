# expect: none
# Migration notes for the mail tooling.
#
# Old code used:
#   imap = Net::IMAP.new(host, port: 993, ssl: { ssl_version: :TLSv1 })
#   ctx.max_version = OpenSSL::SSL::TLS1_1_VERSION
# which Exchange Online rejects since TLS 1.0/1.1 retirement.

NOTES = <<~TEXT
  Do not set ssl_version: :TLSv1 any more; outlook.office365.com needs TLS 1.2.
TEXT

def warn_legacy
  puts 'min_version = TLS1_VERSION is no longer allowed'
  puts "ssl: { ssl_version: :TLSv1 } breaks against outlook.office365.com"
end

imap = Net::IMAP.new('outlook.office365.com', port: 993, ssl: true)
imap.logout
