/*
 * MBEDTLS_USER_CONFIG_FILE for the GW-7 field-service build: included after
 * mbedtls_config.h. The service laptop's TLS stack cannot do TLS 1.3 yet.
 *
 * expect: none
 */
#undef MBEDTLS_SSL_PROTO_TLS1_3
#undef MBEDTLS_SSL_TLS1_3_COMPATIBILITY_MODE

#define MBEDTLS_SSL_IN_CONTENT_LEN   8192
#define MBEDTLS_SSL_OUT_CONTENT_LEN  4096
