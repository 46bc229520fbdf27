/*
 * Firmware alarm notifier: sends an e-mail over SMTPS (implicit TLS, port
 * 465) when a sensor trips. Runs on the controller board with OpenSSL 1.0.2.
 */
#include <string.h>
#include <openssl/ssl.h>
#include <openssl/bio.h>
#include <openssl/err.h>

#define SMTP_SERVER "smtp.office365.com:465"

#if 0
/* Old SSLv3 experiment, disabled. */
static SSL_CTX *old_ctx(void) { return SSL_CTX_new(SSLv3_client_method()); }
#endif

int send_alarm(const char *from, const char *to, const char *text)
{
    SSL_CTX *ctx;
    BIO *bio;
    SSL *ssl;

    SSL_library_init();
    /* expect: TLS001 */
    ctx = SSL_CTX_new(TLSv1_client_method());
    if (ctx == NULL)
        return -1;
    bio = BIO_new_ssl_connect(ctx);
    BIO_get_ssl(bio, &ssl);
    BIO_set_conn_hostname(bio, SMTP_SERVER);
    if (BIO_do_connect(bio) <= 0) {
        SSL_CTX_free(ctx);
        return -1;
    }
    BIO_puts(bio, "EHLO alarm-board\r\n");
    (void)from; (void)to; (void)text;
    BIO_free_all(bio);
    SSL_CTX_free(ctx);
    return 0;
}
