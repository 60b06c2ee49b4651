package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"

	"github.com/netral-asn/netral/internal/db"
	"github.com/netral-asn/netral/internal/jobs"
	"github.com/netral-asn/netral/internal/tenant"
)

// openDB opens and migrates the database named by dsn (Netral's schema, then
// River's job tables), printing a clear message and returning the exit status
// on failure.
func openDB(ctx context.Context, e *env, dsn string) (*db.DB, int) {
	d, err := db.Open(ctx, dsn)
	if err != nil {
		fmt.Fprintf(e.stderr, "netral: %v\n", err)
		return nil, exitUsage
	}
	if err := d.Migrate(ctx); err != nil {
		d.Close()
		fmt.Fprintf(e.stderr, "netral: %v\n", err)
		return nil, exitUsage
	}
	if err := jobs.Migrate(ctx, d); err != nil {
		d.Close()
		fmt.Fprintf(e.stderr, "netral: %v\n", err)
		return nil, exitUsage
	}
	return d, exitOK
}

// readPassword reads one line from standard input (the password), without the newline.
func readPassword(e *env) (string, error) {
	line, err := bufio.NewReader(e.stdin).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", err
	}
	line = strings.TrimRight(line, "\r\n")
	if line == "" {
		return "", errors.New("no password on standard input")
	}
	return line, nil
}

// setupLogger sends structured logs to stderr (JSON when NETRAL_LOG_FORMAT=json).
func setupLogger(e *env) *slog.Logger {
	var h slog.Handler
	level := slog.LevelInfo
	if e.getenv("NETRAL_LOG_LEVEL") == "debug" {
		level = slog.LevelDebug
	}
	if e.getenv("NETRAL_LOG_FORMAT") == "json" {
		h = slog.NewJSONHandler(e.stderr, &slog.HandlerOptions{Level: level})
	} else {
		h = slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: level})
	}
	l := slog.New(h)
	if e.stderr == os.Stderr {
		slog.SetDefault(l)
	}
	return l
}

// openInstansi opens the database and picks the instansi named by code (or
// the only one), printing a message prefixed with name on failure. d is nil
// when the command must stop with the returned status.
func openInstansi(ctx context.Context, e *env, name, dsn, code string) (*db.DB, tenant.Instansi, int) {
	d, status := openDB(ctx, e, dsn)
	if d == nil {
		return nil, tenant.Instansi{}, status
	}
	i, err := pickInstansi(ctx, d, code)
	if err != nil {
		d.Close()
		fmt.Fprintf(e.stderr, "%s: %v\n", name, err)
		return nil, tenant.Instansi{}, exitUsage
	}
	return d, i, exitOK
}
