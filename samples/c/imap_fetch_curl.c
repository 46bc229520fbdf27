/*
 * imap-fetch: downloads new invoices from the accounts-payable mailbox.
 * Build: cc -o imap-fetch imap_fetch_curl.c -lcurl
 */
#include <stdio.h>
#include <stdlib.h>
#include <curl/curl.h>

#define MAILBOX_URL "imaps://outlook.office365.com:993/INBOX;UID=1"

static size_t on_data(char *ptr, size_t size, size_t nmemb, void *userdata)
{
    (void)userdata;
    return fwrite(ptr, size, nmemb, stdout);
}

int main(void)
{
    CURL *curl = curl_easy_init();
    CURLcode res;

    if (!curl)
        return 1;
    curl_easy_setopt(curl, CURLOPT_USERNAME, getenv("AP_USER"));
    curl_easy_setopt(curl, CURLOPT_PASSWORD, getenv("AP_PASS"));
    curl_easy_setopt(curl, CURLOPT_URL, MAILBOX_URL);
    /* The scanning proxy in front of the mail gateway cannot do TLS 1.2. */
    /* expect: TLS001 */
    curl_easy_setopt(curl, CURLOPT_SSLVERSION, CURL_SSLVERSION_TLSv1_0 | CURL_SSLVERSION_MAX_TLSv1_1);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_data);

    res = curl_easy_perform(curl);
    if (res != CURLE_OK)
        fprintf(stderr, "imap-fetch: %s\n", curl_easy_strerror(res));
    curl_easy_cleanup(curl);
    return (int)res;
}
