/* expect: none */
/* SMTP submission from the gateway with Mbed TLS 2.28, TLS 1.2 only.
 * Earlier releases used mbedtls_ssl_conf_max_version(&conf, 3, 2). */
#include "mbedtls/net_sockets.h"
#include "mbedtls/ssl.h"

int submit(mbedtls_ssl_context *ssl, mbedtls_ssl_config *unused)
{
    mbedtls_net_context server_fd;
    mbedtls_ssl_config conf;

    (void)unused;
    mbedtls_ssl_config_init(&conf);
    mbedtls_ssl_config_defaults(&conf, MBEDTLS_SSL_IS_CLIENT,
                                MBEDTLS_SSL_TRANSPORT_STREAM, MBEDTLS_SSL_PRESET_DEFAULT);
    mbedtls_ssl_conf_min_version(&conf, MBEDTLS_SSL_MAJOR_VERSION_3, MBEDTLS_SSL_MINOR_VERSION_3);
    mbedtls_ssl_setup(ssl, &conf);
    if (mbedtls_net_connect(&server_fd, "smtp.example.com", "465", MBEDTLS_NET_PROTO_TCP) != 0)
        return -1;
    return 0;
}
