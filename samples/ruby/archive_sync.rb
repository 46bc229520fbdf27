# expect: none
# Archives the mailbox to local storage. TLS 1.2 and later only.
require 'net/imap'
require 'net/pop'

ctx_params = { min_version: OpenSSL::SSL::TLS1_2_VERSION }

imap = Net::IMAP.new('imap.example.org', port: 993,
                     ssl: { min_version: :TLS1_2, max_version: :TLS1_3 })
imap.login(ENV['ARCHIVE_USER'], ENV['ARCHIVE_PASSWORD'])

legacy = Net::IMAP.new('mail.example.net', port: 143)
legacy.starttls(min_version: OpenSSL::SSL::TLS1_2_VERSION)

pop = Net::POP3.new('pop.example.org', 995)
pop.enable_ssl(ctx_params)
pop.start(ENV['ARCHIVE_USER'], ENV['ARCHIVE_PASSWORD']) do |p|
  p.each_mail { |m| File.write("archive/#{m.unique_id}.eml", m.pop) }
end
