// Turns on the site AutoConfig file mozilla.cfg in the install directory.
// expect: none (no mail server and no TLS setting here)
pref("general.config.filename", "mozilla.cfg");
pref("general.config.obscure_value", 0);
