/*
 *  Minimal TLS configuration for the DC-12 door controller firmware
 *  (MBEDTLS_CONFIG_FILE). Based on the upstream "mini TLS 1.1" example:
 *  RSA key exchange, AES-CBC, one protocol version.
 *
 *  The controller mails its daily access log to facilities@ through the
 *  building's relay (see app/mail_report.c).
 */
#ifndef DC12_TLS_CONFIG_H
#define DC12_TLS_CONFIG_H

/* System support */
#define MBEDTLS_HAVE_ASM
#define MBEDTLS_HAVE_TIME

/* mbed TLS feature support */
#define MBEDTLS_CIPHER_MODE_CBC
#define MBEDTLS_PKCS1_V15
#define MBEDTLS_KEY_EXCHANGE_RSA_ENABLED
// expect: TLS006
#define MBEDTLS_SSL_PROTO_TLS1_1

/* mbed TLS modules */
#define MBEDTLS_AES_C
#define MBEDTLS_ASN1_PARSE_C
#define MBEDTLS_ASN1_WRITE_C
#define MBEDTLS_BIGNUM_C
#define MBEDTLS_CIPHER_C
#define MBEDTLS_CTR_DRBG_C
#define MBEDTLS_DES_C
#define MBEDTLS_ENTROPY_C
#define MBEDTLS_MD_C
#define MBEDTLS_MD5_C
#define MBEDTLS_NET_C
#define MBEDTLS_OID_C
#define MBEDTLS_PK_C
#define MBEDTLS_PK_PARSE_C
#define MBEDTLS_RSA_C
#define MBEDTLS_SHA1_C
#define MBEDTLS_SHA256_C
#define MBEDTLS_SSL_CLI_C
#define MBEDTLS_SSL_TLS_C
#define MBEDTLS_X509_CRT_PARSE_C
#define MBEDTLS_X509_USE_C

/* The field units have no file system */
#if 0
#define MBEDTLS_FS_IO
#define MBEDTLS_SSL_PROTO_TLS1_2
#endif

#include "mbedtls/check_config.h"

#endif /* DC12_TLS_CONFIG_H */
