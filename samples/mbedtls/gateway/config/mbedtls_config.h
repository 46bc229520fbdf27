/**
 * \file mbedtls_config.h
 *
 * \brief Mbed TLS 3.6 configuration of the GW-7 building gateway.
 *
 * expect: none
 *
 * TLS 1.2 and 1.3 only (Mbed TLS 3.x has no TLS 1.0/1.1). The gateway
 * relays alarm e-mails to smtp.office365.com:587.
 */

/* Platform */
#define MBEDTLS_HAVE_ASM
#define MBEDTLS_HAVE_TIME
#define MBEDTLS_HAVE_TIME_DATE
#define MBEDTLS_PLATFORM_C

/**
 * \def MBEDTLS_SSL_PROTO_TLS1_2
 *
 * Enable support for TLS 1.2 (and DTLS 1.2 if DTLS is enabled).
 *
 * Comment this macro to disable support for TLS 1.2 / DTLS 1.2
 */
#define MBEDTLS_SSL_PROTO_TLS1_2

/**
 * \def MBEDTLS_SSL_PROTO_TLS1_3
 *
 * Enable support for TLS 1.3. Needs MBEDTLS_USE_PSA_CRYPTO or
 * MBEDTLS_PSA_CRYPTO_C.
 *
 * Uncomment this macro to enable the support for TLS 1.3.
 */
#define MBEDTLS_SSL_PROTO_TLS1_3

#define MBEDTLS_SSL_TLS1_3_COMPATIBILITY_MODE
#define MBEDTLS_SSL_KEEP_PEER_CERTIFICATE
#define MBEDTLS_SSL_SERVER_NAME_INDICATION
//#define MBEDTLS_SSL_PROTO_DTLS

#define MBEDTLS_PSA_CRYPTO_C
#define MBEDTLS_USE_PSA_CRYPTO
#define MBEDTLS_SSL_CLI_C
#define MBEDTLS_SSL_TLS_C
#define MBEDTLS_X509_CRT_PARSE_C

#if defined(GW7_LAB_BUILD)
/* Lab units talk to an old test relay. */
#undef MBEDTLS_SSL_PROTO_TLS1_3
#endif
