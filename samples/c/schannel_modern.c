/* expect: none
 * SMTP submission client (Schannel, SCH_CREDENTIALS): TLS 1.2 and 1.3 only.
 * Older protocols are switched off explicitly, which is what we want.
 */
#define SCHANNEL_USE_BLACKLISTS
#include <windows.h>
#include <schannel.h>

#define SUBMISSION_PORT 587

static SECURITY_STATUS submission_credentials(CredHandle *out)
{
    TimeStamp expiry;
    TLS_PARAMETERS params = {0};
    SCH_CREDENTIALS cred = {0};
    params.grbitDisabledProtocols = SP_PROT_SSL3_CLIENT | SP_PROT_TLS1_CLIENT | SP_PROT_TLS1_1_CLIENT;
    cred.dwVersion = SCH_CREDENTIALS_VERSION;
    cred.cTlsParameters = 1;
    cred.pTlsParameters = &params;
    return AcquireCredentialsHandleW(NULL, UNISP_NAME_W, SECPKG_CRED_OUTBOUND, NULL,
                                     &cred, NULL, NULL, out, &expiry);
}

unsigned short submission_port(void) { return htons(SUBMISSION_PORT); }
