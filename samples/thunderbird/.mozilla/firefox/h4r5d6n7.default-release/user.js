/******
 * user.js for the plant-floor browser profile (Firefox ESR).
 * The HMI panels' web servers cannot do TLS 1.2, so the minimum is lowered
 * for the whole browser. No mail account lives in this profile: the setting
 * is reported only when scanning with --scope all.
 * expect: none
 ******/
user_pref("browser.startup.homepage", "https://hmi-gateway.plant.local/");
user_pref("browser.shell.checkDefaultBrowser", false);
user_pref("security.tls.version.min", 1);
user_pref("security.ssl.require_safe_negotiation", false);
user_pref("network.stricttransportsecurity.preloadlist", false);
