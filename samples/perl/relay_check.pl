#!/usr/bin/perl
# Probes the old relay on its submission port over implicit TLS.
use strict;
use warnings;
use IO::Socket::SSL;

my $sock = IO::Socket::SSL->new(
    PeerAddr    => 'relay.corp.example.com:465',
    # expect: TLS001
    SSL_version => 'SSLv23:!TLSv1_2:!TLSv1_3',
    SSL_verify_mode => SSL_VERIFY_PEER,
) or die "connect failed: $SSL_ERROR";
print $sock "EHLO probe.corp.example.com\r\n";
print scalar <$sock>;
close $sock;
