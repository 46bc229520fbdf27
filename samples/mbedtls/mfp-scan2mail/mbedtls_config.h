/**
 * \file mbedtls_config.h
 *
 * Mbed TLS 2.28 configuration for the SC-400 scan-to-mail board (SMTP
 * submission and POP3 polling of the "scan" mailbox). Started from the
 * upstream include/mbedtls/config.h; options we changed are marked [SC400].
 *
 * Build with -DMBEDTLS_CONFIG_FILE='"mbedtls_config.h"'.
 */
#ifndef SC400_MBEDTLS_CONFIG_H
#define SC400_MBEDTLS_CONFIG_H

/* System support */
#define MBEDTLS_HAVE_ASM
#define MBEDTLS_HAVE_TIME
//#define MBEDTLS_HAVE_TIME_DATE
#define MBEDTLS_PLATFORM_C
#define MBEDTLS_PLATFORM_MEMORY
#define MBEDTLS_NO_PLATFORM_ENTROPY
#define MBEDTLS_ENTROPY_HARDWARE_ALT

/* Cipher modes and suites */
#define MBEDTLS_CIPHER_MODE_CBC
#define MBEDTLS_PKCS1_V15
#define MBEDTLS_KEY_EXCHANGE_RSA_ENABLED
#define MBEDTLS_KEY_EXCHANGE_ECDHE_RSA_ENABLED
#define MBEDTLS_REMOVE_ARC4_CIPHERSUITES

/**
 * \def MBEDTLS_SSL_PROTO_SSL3
 *
 * Enable support for SSL 3.0. Off: deprecated.
 */
//#define MBEDTLS_SSL_PROTO_SSL3

/**
 * \def MBEDTLS_SSL_PROTO_TLS1
 *
 * Enable support for TLS 1.0 (the 2015 mail relay needed it).
 */
#define MBEDTLS_SSL_PROTO_TLS1

/**
 * \def MBEDTLS_SSL_PROTO_TLS1_1
 *
 * Enable support for TLS 1.1.
 */
#define MBEDTLS_SSL_PROTO_TLS1_1

/**
 * \def MBEDTLS_SSL_PROTO_TLS1_2
 *
 * [SC400] Commented out to keep the image under 448 KiB: the SHA-256/384
 * PRF and the GCM suites do not fit next to the JPEG encoder.
 */
// expect: TLS006
//#define MBEDTLS_SSL_PROTO_TLS1_2

//#define MBEDTLS_SSL_PROTO_DTLS
#define MBEDTLS_SSL_SERVER_NAME_INDICATION
#define MBEDTLS_SSL_MAX_FRAGMENT_LENGTH

/* Modules */
#define MBEDTLS_AES_C
#define MBEDTLS_ASN1_PARSE_C
#define MBEDTLS_ASN1_WRITE_C
#define MBEDTLS_BASE64_C
#define MBEDTLS_BIGNUM_C
#define MBEDTLS_CIPHER_C
#define MBEDTLS_CTR_DRBG_C
#define MBEDTLS_ECDH_C
#define MBEDTLS_ECP_C
#define MBEDTLS_ECP_DP_SECP256R1_ENABLED
#define MBEDTLS_ENTROPY_C
#define MBEDTLS_MD_C
#define MBEDTLS_MD5_C
#define MBEDTLS_NET_C
#define MBEDTLS_OID_C
#define MBEDTLS_PEM_PARSE_C
#define MBEDTLS_PK_C
#define MBEDTLS_PK_PARSE_C
#define MBEDTLS_RSA_C
#define MBEDTLS_SHA1_C
#define MBEDTLS_SHA256_C
#define MBEDTLS_SSL_CLI_C
//#define MBEDTLS_SSL_SRV_C
#define MBEDTLS_SSL_TLS_C
#define MBEDTLS_X509_USE_C
#define MBEDTLS_X509_CRT_PARSE_C

/* Module configuration */
#define MBEDTLS_SSL_MAX_CONTENT_LEN             4096
#define MBEDTLS_MPI_MAX_SIZE                    256
#define MBEDTLS_ENTROPY_MAX_SOURCES             2

#if defined(SC400_DEBUG_BUILD)
#define MBEDTLS_DEBUG_C
#define MBEDTLS_ERROR_C
#endif

#include "mbedtls/check_config.h"

#endif /* SC400_MBEDTLS_CONFIG_H */
