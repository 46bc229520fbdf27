package Legacy;
# expect: none
# Documentation only: the old setting was
#   Mail::IMAPClient->new(Server => 'outlook.office365.com', Ssl => [SSL_version => 'TLSv1']);
# and must not come back.
use strict;
use warnings;

our $NOTE = "SSL_version => 'TLSv1' is rejected by Exchange Online";

sub warn_legacy {
    my $msg = <<'EOT';
Do not use SSL_version => 'TLSv1' or 'SSLv23:!TLSv1_2' with outlook.office365.com.
EOT
    print $msg;
}

1;
