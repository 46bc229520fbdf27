// user.js -- managed by IT (Ansible role thunderbird-baseline), do not edit.
// Read at every start; its values override prefs.js.
// expect: none (TLS 1.2 minimum; the legacy exceptions below are commented out)

// TLS 1.2 minimum. The exception for the old scanner relay is gone:
// user_pref("security.tls.version.min", 1);
// user_pref("security.tls.version.enable-deprecated", true);
user_pref("security.tls.version.min", 3);
user_pref("security.tls.version.max", 4);
user_pref("security.tls.version.enable-deprecated", false);

/* Shared mailboxes used to go through imap-legacy.office365.com with
   security.tls.version.max = 2; that endpoint is retired. */
user_pref("mail.shell.checkDefaultClient", false);
user_pref("mail.rights.version", 1);
