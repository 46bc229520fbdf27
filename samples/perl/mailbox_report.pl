#!/usr/bin/perl
# Nightly mailbox report: counts messages on the old POP3 box and the
# shared IMAP folder, then mails the summary through the relay.
use strict;
use warnings;
use IO::Socket::SSL;
use Net::POP3;
use Net::SMTP;
use Net::IMAP::Simple;
use LWP::UserAgent;

# The archive appliance only negotiates TLS 1.0; these defaults apply to
# every IO::Socket::SSL client below that does not set its own version.
# expect: TLS006
IO::Socket::SSL::set_client_defaults(SSL_version => 'SSLv23:!TLSv1_1:!TLSv1_2:!TLSv1_3');

my $pop = Net::POP3->new('pop.archive.example.net', SSL => 1, Timeout => 60)
    or die "pop3: $@";
$pop->login($ENV{ARCHIVE_USER}, $ENV{ARCHIVE_PASSWORD});
my ($count) = $pop->popstat;
$pop->quit;

# Shared folder on Exchange Online; ssl_version implies use_ssl.
my $imap = Net::IMAP::Simple->new('outlook.office365.com',
    # expect: TLS001
    ssl_version => 'TLSv1',
    timeout     => 30)
    or die "imap: $Net::IMAP::Simple::errstr";
my $shared = $imap->select('Shared/Reports');
$imap->quit;

# The relay does STARTTLS; its own SSL_version wins over the defaults.
my $smtp = Net::SMTP->new('relay.corp.example.com', Port => 587)
    or die "smtp: $@";
$smtp->starttls(SSL_version => 'TLSv1_2:!SSLv3');
$smtp->mail('reports@corp.example.com');
$smtp->to('ops@corp.example.com');
$smtp->data("Subject: mailbox report\n\narchive=$count shared=$shared\n");
$smtp->quit;

# Status page over HTTPS: not a mail client.
my $ua = LWP::UserAgent->new(ssl_opts => { SSL_version => 'TLSv1' });
$ua->get('https://status.corp.example.com/ping');
