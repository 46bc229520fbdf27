#!/usr/bin/env ruby
# frozen_string_literal: true

# Polls the shared helpdesk mailbox on Exchange Online and files new tickets.
# The appliance proxy in front of us still only speaks TLS 1.0 (OPS-2291).

require 'net/imap'
require 'logger'

LOG = Logger.new($stdout)

IMAP_HOST = 'outlook.office365.com'
MAILBOX = 'INBOX'

def poll(user, password)
  imap = Net::IMAP.new(IMAP_HOST,
                       port: 993,
                       # expect: TLS001
                       ssl: { ssl_version: :TLSv1, verify_mode: OpenSSL::SSL::VERIFY_PEER })
  imap.authenticate('PLAIN', user, password)
  imap.select(MAILBOX)
  imap.search(%w[UNSEEN]).each do |id|
    envelope = imap.fetch(id, 'ENVELOPE').first.attr['ENVELOPE']
    LOG.info("new ticket: #{envelope.subject}")
  end
ensure
  imap&.logout
end

loop do
  poll(ENV.fetch('HELPDESK_USER'), ENV.fetch('HELPDESK_PASSWORD'))
  sleep 60
end
