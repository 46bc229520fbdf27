// expect: none
package docs

import (
	"crypto/tls"
	"net/smtp"
)

// Do not set MinVersion: tls.VersionTLS10 here; Exchange Online refuses
// TLS 1.0 and 1.1. The old code was:
//
//	cfg.MaxVersion = tls.VersionTLS11
//	c, _ := client.DialTLS("outlook.office365.com:993", cfg)
/*
	tlsConfig := &tls.Config{MinVersion: tls.VersionTLS10}
*/
const help = `set MaxVersion: tls.VersionTLS11 to talk to old servers`

var warning = "MinVersion: tls.VersionTLS10 is insecure"

// Modern sends with TLS 1.2+ (also Go's default since 1.18).
func Modern(addr string) error {
	c, err := smtp.Dial(addr)
	if err != nil {
		return err
	}
	cfg := &tls.Config{MinVersion: tls.VersionTLS12, ServerName: "smtp.office365.com"}
	return c.StartTLS(cfg)
}

// Default uses Go's default floor.
func Default() (*smtp.Client, error) {
	conn, err := tls.Dial("tcp", "smtp.office365.com:465", &tls.Config{})
	if err != nil {
		return nil, err
	}
	return smtp.NewClient(conn, "smtp.office365.com")
}
