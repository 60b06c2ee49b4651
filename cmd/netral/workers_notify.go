package main

import (
	"flag"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/netral-asn/netral/internal/casenotify"
	"github.com/netral-asn/netral/internal/notify"
)

func init() { registerWorkers("notify", setupNotifyWorkers) }

// notifyConfig is what serve and demo are told about e-mail notifications.
type notifyConfig struct {
	SMTP    notify.SMTPConfig
	BaseURL string // for links in messages
}

// notifyFlags adds the e-mail flags to fs (each defaulting to its NETRAL_*
// variable); the function it returns gives the configuration once fs is
// parsed. The password is never a flag (it would show in the process
// list): NETRAL_SMTP_PASSWORD or, better, --smtp-password-file /
// NETRAL_SMTP_PASSWORD_FILE.
func notifyFlags(e *env, fs *flag.FlagSet) func() (notifyConfig, error) {
	host := fs.String("smtp-host", e.getenv(notify.EnvHost), "SMTP server for e-mail notifications; empty: e-mails stay in the outbox (env "+notify.EnvHost+")")
	port := fs.String("smtp-port", e.getenv(notify.EnvPort), "SMTP port; default 587 for starttls, 465 for tls, 25 for none (env "+notify.EnvPort+")")
	user := fs.String("smtp-user", e.getenv(notify.EnvUser), "SMTP user name; empty: no authentication (env "+notify.EnvUser+")")
	pwFile := fs.String("smtp-password-file", e.getenv(notify.EnvPasswordFile), "file holding the SMTP password (env "+notify.EnvPasswordFile+"; or "+notify.EnvPassword+")")
	from := fs.String("smtp-from", e.getenv(notify.EnvFrom), "sender address, e.g. \"Netral <netral@example.go.id>\" (env "+notify.EnvFrom+")")
	tlsMode := fs.String("smtp-tls", e.getenv(notify.EnvTLS), "none, starttls (default) or tls (env "+notify.EnvTLS+")")
	base := fs.String("base-url", e.getenv("NETRAL_BASE_URL"), "address of this Netral as users reach it, for links in e-mails, e.g. https://netral.example.go.id (env NETRAL_BASE_URL)")
	return func() (notifyConfig, error) {
		vals := map[string]string{notify.EnvHost: *host, notify.EnvPort: *port, notify.EnvUser: *user,
			notify.EnvPassword: e.getenv(notify.EnvPassword), notify.EnvPasswordFile: *pwFile, notify.EnvFrom: *from,
			notify.EnvTLS: *tlsMode}
		smtp, err := notify.SMTPFromEnv(func(k string) string { return vals[k] })
		if err != nil {
			return notifyConfig{}, fmt.Errorf("e-mail: %w", err)
		}
		b := strings.TrimSpace(*base)
		if b != "" {
			u, err := url.Parse(b)
			if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
				return notifyConfig{}, fmt.Errorf("--base-url %q is not an http(s) address", b)
			}
		}
		return notifyConfig{SMTP: smtp, BaseURL: b}, nil
	}
}

// setupNotifyWorkers registers e-mail delivery (the send_email worker), the
// periodic reminder run and outbox sweep, and hands the notifier to the web
// server. Reporters' addresses are sealed with the report key when one is
// configured.
func setupNotifyWorkers(b *background) error {
	cfg := notify.Config{SMTP: b.Config.Notify.SMTP, BaseURL: b.Config.Notify.BaseURL, Logger: b.Log}
	if b.Config.ReportKey != nil {
		cfg.Sealer = b.Config.ReportKey
	}
	n, err := notify.New(b.DB, cfg)
	if err != nil {
		return err
	}
	n.Register(b.Workers)
	casenotify.Register(n) // step due tomorrow / overdue reminders (internal/casenotify)
	b.Periodic = append(b.Periodic, n.PeriodicJobs()...)
	b.OnQueue(n.SetQueue)
	if b.Web != nil {
		b.Web.Notify = n
	}
	if n.Configured() {
		b.Log.Info("e-mail notifications", "smtp", n.SMTP(), "reporter_addresses_sealed", strconv.FormatBool(cfg.Sealer != nil))
	} else {
		b.Log.Info("e-mail notifications: no SMTP server (NETRAL_SMTP_HOST): messages stay in the outbox")
	}
	return nil
}
