package main

import (
	"context"
	"fmt"
)

func init() {
	register(command{name: "serve", summary: "run the web server", run: runServe})
	register(command{name: "migrate", summary: "apply database migrations", run: runMigrate})
}

func runServe(ctx context.Context, e *env, args []string) int {
	fs := newFlags(e, "serve", "[--addr HOST:PORT] [--db PATH|URL] [--secure-cookies] [--poll-interval 15m]")
	addr, dsn := addrFlag(e, fs), dbFlag(e, fs)
	bgConfig := backgroundFlags(e, fs)
	secure := fs.Bool("secure-cookies", e.getenv("NETRAL_SECURE_COOKIES") == "1", "always mark cookies Secure (behind a TLS proxy) (env NETRAL_SECURE_COOKIES=1)")
	if code, ok := parseFlags(e, fs, args); !ok {
		return code
	}
	bg, err := bgConfig()
	if err != nil {
		fmt.Fprintf(e.stderr, "netral serve: %v\n", err)
		return exitUsage
	}
	if bg.ReportKey, err = loadReportKey(e); err != nil { // reportkey.go
		fmt.Fprintf(e.stderr, "netral serve: report key: %v\n", err)
		return exitUsage
	}
	log := setupLogger(e)
	d, code := openDB(ctx, e, *dsn)
	if d == nil {
		return code
	}
	defer d.Close()
	if bg.ReportKey == nil {
		warnWithoutKey(ctx, d, log)
	}
	return serve(ctx, e, d, *addr, *secure, log, "", bg)
}

func runMigrate(ctx context.Context, e *env, args []string) int {
	fs := newFlags(e, "migrate", "[--db PATH|URL]")
	dsn := dbFlag(e, fs)
	if code, ok := parseFlags(e, fs, args); !ok {
		return code
	}
	setupLogger(e)
	d, code := openDB(ctx, e, *dsn)
	if d == nil {
		return code
	}
	defer d.Close()
	cur, latest, err := d.MigrationStatus(ctx)
	if err != nil {
		fmt.Fprintf(e.stderr, "netral migrate: %v\n", err)
		return exitUsage
	}
	fmt.Fprintf(e.stdout, "schema version %d of %d (%s)\n", cur, latest, d)
	return exitOK
}
