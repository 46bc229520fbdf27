// expect: none
package billing

import (
	tlsx "crypto/tls"
	"net/http"
	"time"
)

// The old payment gateway only speaks TLS 1.0; this client talks to it and
// to nothing else (no mail).
func gatewayClient() *http.Client {
	return &http.Client{
		Timeout: 30 * time.Second,
		Transport: &http.Transport{
			TLSClientConfig: &tlsx.Config{
				MinVersion: tlsx.VersionTLS10,
				MaxVersion: tlsx.VersionTLS10,
			},
		},
	}
}
