// Package web serves Netral's pages and JSON API over HTTP: one route table
// ([Server.routes]) declares each route's access and permission, and one
// middleware chain enforces them, so no handler checks permissions itself.
package web

import (
	"context"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/netral-asn/netral/internal/auth"
	"github.com/netral-asn/netral/internal/db"
	"github.com/netral-asn/netral/internal/monitor"
	"github.com/netral-asn/netral/internal/monitor/feedpoll"
	"github.com/netral-asn/netral/internal/notify"
	"github.com/netral-asn/netral/internal/registry"
	"github.com/netral-asn/netral/internal/sealbox"
	"github.com/netral-asn/netral/internal/tenant"
)

// Options configure a [Server].
type Options struct {
	// SecureCookies forces the Secure flag on cookies; it is also set per
	// request when the request came over TLS or via a proxy saying so.
	SecureCookies bool
	// MaxUploadBytes limits uploaded roster files (default 50 MiB).
	MaxUploadBytes int64
	Logger         *slog.Logger
}

// Server is the HTTP side of Netral.
type Server struct {
	DB    *db.DB
	Auth  *auth.Store
	Reg   *registry.Store
	opts  Options
	log   *slog.Logger
	tpl   *templates
	met   *metrics
	setUp atomic.Bool // true once an instansi exists

	// Feeds polls account feeds; nil: "poll now" on the employee page polls
	// inline with a default poller instead of enqueueing a job.
	Feeds *feedpoll.Poller

	// Capture captures pasted URLs (GET/POST /tangkap) through the job
	// queue; nil: pasting answers 503 (no queue runs).
	Capture *monitor.Capturer

	// Rescreen enqueues "screen again" after a lexicon change (POST
	// /pemilihan/saring-ulang, handlers_elections.go); nil or without a
	// queue: the re-screen runs inline in the request.
	Rescreen *monitor.Rescreener

	// ReportKey seals the identity and contact of public reporters
	// (handlers_report*.go, internal/reports); nil: the public form accepts
	// anonymous reports only.
	ReportKey *sealbox.Box

	// Notify queues e-mail notifications (internal/notify) and backs the
	// outbox page (handlers_notify.go); nil: messages queued through a nil
	// notifier wait in the outbox for a process that runs the job queue, and
	// "send again" answers 503.
	Notify *notify.Notifier

	pubOnce sync.Once
	pub     *publicGuard // rate limits and proof of work of the public report routes (handlers_report_guard.go)
}

// New returns a server over d.
func New(d *db.DB, opts Options) (*Server, error) {
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	if opts.MaxUploadBytes == 0 {
		opts.MaxUploadBytes = 50 << 20
	}
	tpl, err := parseTemplates()
	if err != nil {
		return nil, err
	}
	return &Server{DB: d, Auth: &auth.Store{DB: d}, Reg: &registry.Store{DB: d}, opts: opts, log: opts.Logger,
		tpl: tpl, met: newMetrics()}, nil
}

// isSetUp reports whether the first-run set-up has been done.
func (s *Server) isSetUp(ctx context.Context) bool {
	if s.setUp.Load() {
		return true
	}
	n, err := tenant.Count(ctx, s.DB)
	if err == nil && n > 0 {
		s.setUp.Store(true)
		return true
	}
	return false
}

// Serve serves on ln until ctx is cancelled, then shuts down gracefully.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{Handler: s.Handler(), ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout: 5 * time.Minute, WriteTimeout: 5 * time.Minute, IdleTimeout: 2 * time.Minute}
	errc := make(chan error, 1)
	go func() {
		if err := srv.Serve(ln); err != http.ErrServerClosed {
			errc <- err
		}
	}()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		return srv.Shutdown(sctx)
	}
}
