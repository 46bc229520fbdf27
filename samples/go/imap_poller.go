// Command inbox-poller polls the shared helpdesk mailbox on Exchange Online
// and files new tickets. Built for the old appliance proxy, which only
// speaks TLS 1.0/1.1 (see OPS-1412).
package main

import (
	"crypto/tls"
	"log"
	"os"
	"time"

	"github.com/emersion/go-imap"
	"github.com/emersion/go-imap/client"
)

const mailbox = "outlook.office365.com:993"

func poll() error {
	tlsConfig := &tls.Config{
		ServerName: "outlook.office365.com",
		// expect: TLS001
		MaxVersion: tls.VersionTLS11,
	}
	c, err := client.DialTLS(mailbox, tlsConfig)
	if err != nil {
		return err
	}
	defer c.Logout()
	if err := c.Login(os.Getenv("IMAP_USER"), os.Getenv("IMAP_PASS")); err != nil {
		return err
	}
	mbox, err := c.Select("INBOX", false)
	if err != nil {
		return err
	}
	log.Printf("%d messages", mbox.Messages)
	seq := new(imap.SeqSet)
	seq.AddRange(1, mbox.Messages)
	return nil
}

func main() {
	for {
		if err := poll(); err != nil {
			log.Println("poll:", err)
		}
		time.Sleep(time.Minute)
	}
}
