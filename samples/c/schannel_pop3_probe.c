/*
 * pop3probe: checks that the archive POP3 service answers over implicit TLS.
 * Windows build uses Schannel; the OpenSSL build is only used for the
 * HTTPS status push and lowers the security level for an old appliance
 * (that is about key sizes, not protocol versions).
 */
#define SECURITY_WIN32
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <schannel.h>
#include <security.h>
#include <openssl/ssl.h>

#define POP3S_PORT 995

static SOCKET connect_archive(const char *host)
{
    struct sockaddr_in addr = {0};
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    addr.sin_family = AF_INET;
    addr.sin_port = htons(POP3S_PORT);
    inet_pton(AF_INET, host, &addr.sin_addr);
    if (connect(s, (struct sockaddr *)&addr, sizeof addr) != 0)
        return INVALID_SOCKET;
    return s;
}

static SECURITY_STATUS archive_credentials(CredHandle *out)
{
    TimeStamp expiry;
    SCHANNEL_CRED cred;
    ZeroMemory(&cred, sizeof cred);
    cred.dwVersion = SCHANNEL_CRED_VERSION;
    /* The archive appliance never got TLS 1.2 (vendor ticket 4411). */
    /* expect: TLS001 */
    cred.grbitEnabledProtocols = SP_PROT_TLS1_CLIENT | SP_PROT_TLS1_1_CLIENT;
    cred.dwFlags = SCH_CRED_NO_DEFAULT_CREDS | SCH_CRED_MANUAL_CRED_VALIDATION;
    return AcquireCredentialsHandleA(NULL, UNISP_NAME_A, SECPKG_CRED_OUTBOUND, NULL,
                                     &cred, NULL, NULL, out, &expiry);
}

static SSL_CTX *status_context(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
    /* Level 0 accepts the appliance's 1024-bit key; versions stay default. */
    SSL_CTX_set_security_level(ctx, 0);
    return ctx;
}

int main(int argc, char **argv)
{
    CredHandle cred;
    SOCKET s = connect_archive(argc > 1 ? argv[1] : "10.20.0.15");
    if (s == INVALID_SOCKET || archive_credentials(&cred) != SEC_E_OK)
        return 1;
    SSL_CTX_free(status_context());
    closesocket(s);
    return 0;
}
