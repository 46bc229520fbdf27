/* expect: none */
/*
 * Reads the power meter's HTTPS status page. The meter firmware only knows
 * TLS 1.0, so the context is pinned to it. No mail is sent from here:
 * a comment mentioning imaps://outlook.office365.com does not count.
 */
#include <openssl/ssl.h>

#define METER_ADDR "meter.local:443"

int read_meter(char *buf, int len)
{
    SSL_CTX *ctx = SSL_CTX_new(TLSv1_client_method());
    BIO *bio = BIO_new_ssl_connect(ctx);
    BIO_set_conn_hostname(bio, METER_ADDR);
    if (BIO_do_connect(bio) <= 0)
        return -1;
    BIO_puts(bio, "GET /status HTTP/1.0\r\n\r\n");
    return BIO_read(bio, buf, len);
}
