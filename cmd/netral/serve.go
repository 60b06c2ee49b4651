package main

import (
	"context"
	"fmt"
	"log/slog"
	"net"

	"github.com/netral-asn/netral/internal/db"
	"github.com/netral-asn/netral/internal/web"
)

// serve listens on addr and serves until ctx ends. banner, when set, is
// printed once the listener is ready.
// The job queue (workers.go) runs beside the web server and is stopped
// gracefully after it.
func serve(ctx context.Context, e *env, d *db.DB, addr string, secure bool, log *slog.Logger, banner string, bg backgroundConfig) int {
	srv, err := web.New(d, web.Options{SecureCookies: secure, Logger: log})
	if err != nil {
		fmt.Fprintf(e.stderr, "netral: %v\n", err)
		return exitUsage
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		fmt.Fprintf(e.stderr, "netral: cannot listen on %s: %v\n", addr, err)
		return exitUsage
	}
	q, err := startBackground(ctx, &background{DB: d, Log: log, Web: srv, Config: bg})
	if err != nil {
		ln.Close()
		fmt.Fprintf(e.stderr, "netral: cannot start the job queue: %v\n", err)
		return exitUsage
	}
	defer stopBackground(q, log)
	url := "http://" + ln.Addr().String()
	if banner != "" {
		fmt.Fprint(e.stdout, banner)
	}
	fmt.Fprintf(e.stdout, "Netral berjalan di / is running at %s\n", url)
	log.Info("serving", "url", url, "db", d.String())
	if err := srv.Serve(ctx, ln); err != nil {
		fmt.Fprintf(e.stderr, "netral: %v\n", err)
		return exitUsage
	}
	return exitOK
}
