/* IMAP idle watcher on the door controller (Mbed TLS 2.16). */
#include "mbedtls/net_sockets.h"
#include "mbedtls/ssl.h"

#define IMAP_HOST "imap.example.net"
#define IMAP_PORT "993"

static mbedtls_ssl_config conf;

int watch(mbedtls_ssl_context *ssl, mbedtls_net_context *fd)
{
    mbedtls_ssl_config_defaults(&conf, MBEDTLS_SSL_IS_CLIENT,
                                MBEDTLS_SSL_TRANSPORT_STREAM, MBEDTLS_SSL_PRESET_DEFAULT);
    /* expect: TLS001 */
    mbedtls_ssl_conf_max_version(&conf, MBEDTLS_SSL_MAJOR_VERSION_3, MBEDTLS_SSL_MINOR_VERSION_2);
    mbedtls_ssl_setup(ssl, &conf);
    return mbedtls_net_connect(fd, IMAP_HOST, IMAP_PORT, MBEDTLS_NET_PROTO_TCP);
}
