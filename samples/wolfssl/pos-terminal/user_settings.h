/* user_settings.h for the PT-90 payment terminal (wolfSSL 5.7, ESP32-S3).
 *
 * expect: none
 *
 * TLS 1.2 and 1.3 only: the terminal e-mails end-of-day reports to
 * smtp.office365.com:587 and polls the "orders" mailbox over IMAP 993.
 */
#ifndef PT90_USER_SETTINGS_H
#define PT90_USER_SETTINGS_H

#define WOLFSSL_ESPIDF
#define WOLFSSL_ESP32
#define SINGLE_THREADED
#define NO_FILESYSTEM

#define NO_OLD_TLS
#define WOLFSSL_TLS13
#define HAVE_TLS_EXTENSIONS
#define HAVE_SUPPORTED_CURVES
#define HAVE_HKDF
#define HAVE_AESGCM
#define HAVE_CHACHA
#define HAVE_POLY1305
#define HAVE_ECC
#define WC_RSA_PSS

/* Old field units are upgraded in place; the bootloader never asks for
 * TLS 1.0. Kept off: */
/* #define WOLFSSL_ALLOW_TLSV10 */

#if defined(PT90_FACTORY_TEST)
    #undef  NO_OLD_TLS
#endif

#endif /* PT90_USER_SETTINGS_H */
