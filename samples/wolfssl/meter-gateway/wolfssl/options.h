/* wolfssl options.h
 * generated from configure options
 *
 * Copyright (C) 2006-2024 wolfSSL Inc.
 *
 * This file is part of wolfSSL. (formerly known as CyaSSL)
 *
 * ./configure --host=arm-linux-gnueabihf --enable-static --disable-shared
 *             --enable-sni --enable-alpn --enable-oldtls
 *   (--enable-oldtls for the meters' 2016 head-end, which speaks TLS 1.1)
 *
 * expect: none
 * (TLS 1.1 is still compiled in next to 1.2 and 1.3; a warning only with
 *  --scope all, since nothing ties this build to a mail client.)
 */

#ifndef WOLFSSL_OPTIONS_H
#define WOLFSSL_OPTIONS_H


#ifdef __cplusplus
extern "C" {
#endif

#undef  HAVE_THREAD_LS
#define HAVE_THREAD_LS

#undef  NO_DSA
#define NO_DSA

#undef  WOLFSSL_TLS13
#define WOLFSSL_TLS13

#undef  HAVE_TLS_EXTENSIONS
#define HAVE_TLS_EXTENSIONS

#undef  HAVE_SUPPORTED_CURVES
#define HAVE_SUPPORTED_CURVES

#undef  HAVE_SNI
#define HAVE_SNI

#undef  HAVE_ALPN
#define HAVE_ALPN

#undef  WC_RSA_BLINDING
#define WC_RSA_BLINDING

#undef  HAVE_ECC
#define HAVE_ECC

#undef  NO_RC4
#define NO_RC4

#undef  HAVE_HKDF
#define HAVE_HKDF

#undef  NO_MD4
#define NO_MD4

#undef  WOLFSSL_SP_MATH_ALL
#define WOLFSSL_SP_MATH_ALL


#ifdef __cplusplus
}
#endif


#endif /* WOLFSSL_OPTIONS_H */

