# frozen_string_literal: true

# Gateway between the ticket system and mail: pulls replies from the
# legacy POP3 box and the shared IMAP folder, pushes notifications out,
# and reports its health to the status page.
require 'net/http'
require 'net/imap'
require 'net/pop'
require 'net/smtp'
require 'openssl'

module MailboxGateway
  POP_HOST = 'pop.archive.example.net'
  # Parameters for SSLContext#set_params, shared by the POP3 side.
  LEGACY_POP_TLS = {
    verify_mode: OpenSSL::SSL::VERIFY_PEER,
    # expect: TLS001
    ssl_version: :TLSv1_1
  }.freeze

  module_function

  # Every Net::POP3 instance created after this takes these parameters.
  def configure_pop
    Net::POP3.enable_ssl(LEGACY_POP_TLS)
  end

  def fetch_replies(user, password)
    return [] if user.nil?

    pop = Net::POP3.new(POP_HOST)
    pop.start(user, password) do |session|
      session.mails.map(&:pop)
    end
  end

  # The health check talks to an old appliance that only does TLS 1.0;
  # this context never reaches a mail client.
  def report_health(status)
    ctx = OpenSSL::SSL::SSLContext.new
    ctx.max_version = OpenSSL::SSL::TLS1_VERSION
    http = Net::HTTP.new('status.corp.example.com', 443)
    http.use_ssl = true
    http.ssl_version = :TLSv1
    http.post('/gateway', status.to_s)
  end

  # Notifications go out with a modern context of the same name.
  def notify(to, body)
    ctx = OpenSSL::SSL::SSLContext.new
    ctx.min_version = OpenSSL::SSL::TLS1_2_VERSION
    smtp = Net::SMTP.new('smtp.office365.com', 587)
    smtp.enable_starttls(ctx)
    smtp.start('gateway.corp.example.com', 'gateway', ENV.fetch('SMTP_PASSWORD'), :login) do |s|
      s.send_message(body, 'gateway@corp.example.com', to)
    end
  end

  # net-imap takes a hash of set_params parameters; an SSLContext passed as
  # ssl: is not a hash and is replaced by a default (TLS 1.2+) context, so
  # this pin never takes effect.
  def shared_folder(user, token)
    legacy = OpenSSL::SSL::SSLContext.new(:TLSv1)
    imap = Net::IMAP.new('outlook.office365.com', port: 993, ssl: legacy)
    imap.authenticate('XOAUTH2', user, token)
    imap.select('Shared/Tickets')
  end
end
