# Sends monitoring alerts through the internal relay.
require 'net/smtp'
require 'openssl'

module Alerts
  RELAY = 'relay.corp.example.com'

  def self.deliver(from, to, body)
    ctx = OpenSSL::SSL::SSLContext.new
    # The old relay cannot do better than TLS 1.0.
    # expect: TLS002
    ctx.min_version = OpenSSL::SSL::TLS1_VERSION
    ctx.verify_mode = OpenSSL::SSL::VERIFY_PEER

    smtp = Net::SMTP.new(RELAY, 587)
    smtp.enable_starttls(ctx)
    smtp.start('alerts.corp.example.com', 'alerts', ENV['SMTP_PASSWORD'], :login) do |s|
      s.send_message(body, from, to)
    end
  end
end
