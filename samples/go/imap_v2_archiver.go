// Archiver copies a legacy mailbox with go-imap v2.
package main

import (
	"crypto/tls"
	"log"

	"github.com/emersion/go-imap/v2/imapclient"
)

func main() {
	opts := &imapclient.Options{
		TLSConfig: &tls.Config{
			// expect: TLS001
			MaxVersion: 0x0302, // TLS 1.1, the old Dovecot 2.0 box
		},
	}
	c, err := imapclient.DialStartTLS("mail.example.org:143", opts)
	if err != nil {
		log.Fatal(err)
	}
	defer c.Close()

	// A second, modern account: TLS 1.2+ on implicit TLS.
	modern, err := imapclient.DialTLS("outlook.office365.com:993", &imapclient.Options{
		TLSConfig: &tls.Config{MinVersion: tls.VersionTLS12},
	})
	if err != nil {
		log.Fatal(err)
	}
	defer modern.Close()
}
