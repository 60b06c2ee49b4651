package notify

import (
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/mail"
	"os"
	"strconv"
	"strings"
	"time"
)

// TLS modes of the connection to the SMTP server.
const (
	TLSNone     = "none"     // plain SMTP (a relay on the same host or network)
	TLSStartTLS = "starttls" // plain connection upgraded with STARTTLS, required (port 587)
	TLSImplicit = "tls"      // TLS from the first byte (port 465)
)

// Environment variables of [SMTPFromEnv].
const (
	EnvHost         = "NETRAL_SMTP_HOST"
	EnvPort         = "NETRAL_SMTP_PORT"
	EnvUser         = "NETRAL_SMTP_USER"
	EnvPassword     = "NETRAL_SMTP_PASSWORD"
	EnvPasswordFile = "NETRAL_SMTP_PASSWORD_FILE"
	EnvFrom         = "NETRAL_SMTP_FROM"
	EnvTLS          = "NETRAL_SMTP_TLS"
)

// DefaultSMTPTimeout bounds connecting to the server and each exchange.
const DefaultSMTPTimeout = 30 * time.Second

// SMTPConfig is the mail server of a deployment. The zero value is "not
// configured": messages then stay in the outbox as not_configured.
type SMTPConfig struct {
	Host     string
	Port     int    // 0: 25 for none, 587 for starttls, 465 for tls
	User     string // empty: no authentication
	Password string
	From     string // the sender address, e.g. "Netral <netral@tanjungharapankab.go.id>"
	TLS      string // TLSNone, TLSStartTLS or TLSImplicit; "" means TLSStartTLS
	Timeout  time.Duration
	// TLSConfig overrides the TLS settings (tests give a private root CA);
	// nil verifies the server against the system's roots.
	TLSConfig *tls.Config
}

// Configured reports whether a server is set.
func (c SMTPConfig) Configured() bool { return strings.TrimSpace(c.Host) != "" }

// withDefaults fills in the port, TLS mode and timeout.
func (c SMTPConfig) withDefaults() SMTPConfig {
	if c.TLS == "" {
		c.TLS = TLSStartTLS
	}
	if c.Port == 0 {
		switch c.TLS {
		case TLSNone:
			c.Port = 25
		case TLSImplicit:
			c.Port = 465
		default:
			c.Port = 587
		}
	}
	if c.Timeout <= 0 {
		c.Timeout = DefaultSMTPTimeout
	}
	return c
}

// Validate checks a configured server's settings: a sender address, a
// known TLS mode, a port in range, and no password sent without TLS to a
// server that is not on this host.
func (c SMTPConfig) Validate() error {
	if !c.Configured() {
		return nil
	}
	c = c.withDefaults()
	if strings.ContainsAny(c.Host, " /\r\n") {
		return fmt.Errorf("SMTP host %q is not a host name", c.Host)
	}
	if c.Port < 1 || c.Port > 65535 {
		return fmt.Errorf("SMTP port %d out of range", c.Port)
	}
	switch c.TLS {
	case TLSNone, TLSStartTLS, TLSImplicit:
	default:
		return fmt.Errorf("SMTP TLS mode must be %s, %s or %s, not %q", TLSNone, TLSStartTLS, TLSImplicit, c.TLS)
	}
	if strings.TrimSpace(c.From) == "" {
		return errors.New("SMTP sender address (NETRAL_SMTP_FROM) is required when a server is set")
	}
	if _, err := mail.ParseAddress(c.From); err != nil || strings.ContainsAny(c.From, "\r\n") {
		return fmt.Errorf("SMTP sender address %q is not an e-mail address", c.From)
	}
	if c.TLS == TLSNone && c.User != "" && !isLoopback(c.Host) {
		return errors.New("refusing to send the SMTP password without TLS to another host: use NETRAL_SMTP_TLS=starttls or tls")
	}
	return nil
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// String describes the server without the password, for logs and the
// outbox page: "smtp.example.go.id:587 (starttls, user netral)".
func (c SMTPConfig) String() string {
	if !c.Configured() {
		return "not configured"
	}
	c = c.withDefaults()
	s := fmt.Sprintf("%s (%s", net.JoinHostPort(c.Host, strconv.Itoa(c.Port)), c.TLS)
	if c.User != "" {
		s += ", user " + c.User
	}
	return s + ")"
}

// SMTPFromEnv reads the SMTP settings from the environment (getenv is
// os.Getenv or a test's): NETRAL_SMTP_HOST, _PORT, _USER, _PASSWORD or
// _PASSWORD_FILE (a file holding the password, preferred), _FROM and _TLS
// (none, starttls or tls). No host means not configured. The result is
// validated.
func SMTPFromEnv(getenv func(string) string) (SMTPConfig, error) {
	c := SMTPConfig{
		Host: strings.TrimSpace(getenv(EnvHost)), User: getenv(EnvUser), Password: getenv(EnvPassword),
		From: strings.TrimSpace(getenv(EnvFrom)), TLS: strings.ToLower(strings.TrimSpace(getenv(EnvTLS))),
	}
	if p := strings.TrimSpace(getenv(EnvPort)); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil {
			return SMTPConfig{}, fmt.Errorf("%s: %q is not a port number", EnvPort, p)
		}
		c.Port = n
	}
	if f := strings.TrimSpace(getenv(EnvPasswordFile)); f != "" {
		if c.Password != "" {
			return SMTPConfig{}, fmt.Errorf("set %s or %s, not both", EnvPassword, EnvPasswordFile)
		}
		b, err := os.ReadFile(f)
		if err != nil {
			return SMTPConfig{}, fmt.Errorf("%s: %w", EnvPasswordFile, err)
		}
		c.Password = strings.TrimRight(string(b), "\r\n")
	}
	if !c.Configured() {
		return SMTPConfig{}, nil
	}
	if err := c.Validate(); err != nil {
		return SMTPConfig{}, err
	}
	return c, nil
}
