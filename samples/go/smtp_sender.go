package notify

import (
	"crypto/tls"
	"fmt"
	"net/smtp"
)

// Sender delivers alert mail through the Office 365 submission port.
type Sender struct {
	User, Password string
}

// Send submits one message with STARTTLS on port 587.
func (s *Sender) Send(to, subject, body string) error {
	c, err := smtp.Dial("smtp.office365.com:587")
	if err != nil {
		return err
	}
	defer c.Close()
	cfg := &tls.Config{ServerName: "smtp.office365.com"}
	// Some customers still relay through an old Exchange 2010 hub.
	// expect: TLS002
	cfg.MinVersion = tls.VersionTLS10
	if err := c.StartTLS(cfg); err != nil {
		return err
	}
	auth := smtp.PlainAuth("", s.User, s.Password, "smtp.office365.com")
	if err := c.Auth(auth); err != nil {
		return err
	}
	if err := c.Mail(s.User); err != nil {
		return err
	}
	if err := c.Rcpt(to); err != nil {
		return err
	}
	w, err := c.Data()
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "Subject: %s\r\n\r\n%s", subject, body)
	return w.Close()
}
