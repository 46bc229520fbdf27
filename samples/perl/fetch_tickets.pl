#!/usr/bin/perl
# Fetches helpdesk tickets from Exchange Online.
use strict;
use warnings;
use Mail::IMAPClient;

my $user = $ENV{HELPDESK_USER};

my $imap = Mail::IMAPClient->new(
    Server   => 'outlook.office365.com',
    Port     => 993,
    User     => $user,
    Password => $ENV{HELPDESK_PASSWORD},
    # legacy proxy only speaks TLS 1.0
    # expect: TLS001
    Ssl      => [ SSL_version => 'TLSv1' ],
) or die "IMAP connect failed: $@\n";

$imap->select('INBOX') or die $imap->LastError;
for my $msg ($imap->unseen) {
    print "ticket $msg\n";
}
$imap->logout;
