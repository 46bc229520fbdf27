#!/usr/bin/perl
# expect: none
# Modern clients: TLS 1.2 and newer only.
use strict;
use warnings;
use Net::SMTP;
use Net::IMAP::Simple;

my $smtp = Net::SMTP->new('smtp.office365.com', Port => 587, Timeout => 30)
    or die "smtp: $@";
$smtp->starttls(SSL_version => 'TLSv1_2');
$smtp->quit;

my $imap = Net::IMAP::Simple->new('imap.example.org', port => 993, use_ssl => 1,
    ssl_version => 'SSLv23:!SSLv3:!TLSv1:!TLSv1_1')
    or die "imap: $Net::IMAP::Simple::errstr";
$imap->quit;
