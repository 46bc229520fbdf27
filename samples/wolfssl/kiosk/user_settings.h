/* user_settings.h
 *
 * wolfSSL configuration for the KX-2 visitor kiosk (STM32F4, FreeRTOS,
 * lwIP). The kiosk e-mails badge photos through the reception mailbox
 * (POP3 for replies, SMTP for sending).
 *
 * Build with WOLFSSL_USER_SETTINGS defined.
 */
#ifndef WOLFSSL_USER_SETTINGS_H
#define WOLFSSL_USER_SETTINGS_H

/* ------------------------------------------------------------------------- */
/* Platform */
/* ------------------------------------------------------------------------- */
#define FREERTOS
#define WOLFSSL_LWIP
#define WOLFSSL_STM32F4
#define STM32_HAL_V2
#define SIZEOF_LONG_LONG 8
#define NO_FILESYSTEM
#define NO_WRITEV
#define NO_MAIN_DRIVER

/* ------------------------------------------------------------------------- */
/* TLS */
/* ------------------------------------------------------------------------- */
/* The kiosk only ever talked to the old on-premises relay (TLS 1.0); TLS 1.2
 * was dropped in 2017 to free 9 KB of flash for the camera driver. */
// expect: TLS006
#define WOLFSSL_NO_TLS12
#define WOLFSSL_ALLOW_TLSV10
#undef  WOLFSSL_TLS13
/* #define WOLFSSL_TLS13 */

#define HAVE_TLS_EXTENSIONS
#define HAVE_SUPPORTED_CURVES
#define HAVE_SNI
#define NO_SESSION_CACHE
#define WOLFSSL_SMALL_STACK

/* ------------------------------------------------------------------------- */
/* Crypto */
/* ------------------------------------------------------------------------- */
#define HAVE_ECC
#define ECC_TIMING_RESISTANT
#define TFM_TIMING_RESISTANT
#define WC_RSA_BLINDING
#define USE_FAST_MATH
#define NO_DSA
#define NO_RC4
#define NO_MD4
#define NO_DES3
#define NO_PSK

#if defined(KX2_DEBUG)
    #define DEBUG_WOLFSSL
#endif

#endif /* WOLFSSL_USER_SETTINGS_H */
