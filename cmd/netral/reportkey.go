package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"

	"github.com/netral-asn/netral/internal/db"
	"github.com/netral-asn/netral/internal/sealbox"
)

// The report key seals the identity and contact of public reporters
// (internal/reports, internal/sealbox). It is never stored in the database:
// `serve` reads it from NETRAL_REPORT_KEY_FILE (a file holding 32 bytes,
// raw or base64, readable by its owner only) or NETRAL_REPORT_KEY (base64).
// Without one, `serve` runs and the public form accepts anonymous reports
// only. `demo` writes a key file beside the SQLite database (mode 0600) when
// none is configured. `netral keygen` makes a key.

func init() {
	register(command{name: "keygen", summary: "make a report key (for NETRAL_REPORT_KEY_FILE)", run: runKeygen})
	registerWorkers("reports", func(b *background) error {
		if b.Web != nil {
			b.Web.ReportKey = b.Config.ReportKey
		}
		return nil
	})
}

func runKeygen(ctx context.Context, e *env, args []string) int {
	fs := newFlags(e, "keygen", "[--output FILE]")
	out := fs.String("output", "", "write the key to FILE (mode 0600; refuses to overwrite) instead of printing it")
	if code, ok := parseFlags(e, fs, args); !ok {
		return code
	}
	if *out == "" {
		fmt.Fprintln(e.stdout, sealbox.EncodeKey(sealbox.GenerateKey()))
		return exitOK
	}
	box, err := sealbox.WriteKeyFile(*out)
	if err != nil {
		fmt.Fprintf(e.stderr, "netral keygen: %v\n", err)
		return exitUsage
	}
	fmt.Fprintf(e.stdout, "report key %s written to %s\nset %s=%s for netral serve, and back the file up apart from the database\n",
		box.ID(), *out, sealbox.EnvKeyFile, *out)
	return exitOK
}

// loadReportKey reads the report key named by the environment; nil when
// none is configured.
func loadReportKey(e *env) (*sealbox.Box, error) {
	return sealbox.FromEnv(e.getenv)
}

// demoReportKey returns the configured report key or, when none is, the key
// file beside the SQLite database (made on first use; on PostgreSQL there is
// none and reports are anonymous only). note says what was done.
func demoReportKey(e *env, dsn string) (box *sealbox.Box, note string, err error) {
	if box, err = loadReportKey(e); box != nil || err != nil {
		return box, "", err
	}
	if db.IsPostgresDSN(dsn) {
		// No file lies beside a PostgreSQL database: no key, say so.
		return nil, fmt.Sprintf("Laporan publik hanya anonim / public reports anonymous only: set %s (netral keygen)\n",
			sealbox.EnvKeyFile), nil
	}
	path := dsn + ".report-key"
	if _, serr := os.Stat(path); serr == nil {
		box, err = sealbox.LoadKeyFile(path)
		return box, fmt.Sprintf("Kunci laporan / report key: %s\n", path), err
	} else if !errors.Is(serr, fs.ErrNotExist) {
		return nil, "", serr
	}
	if box, err = sealbox.WriteKeyFile(path); err != nil {
		return nil, "", err
	}
	abs, _ := filepath.Abs(path)
	return box, fmt.Sprintf("Kunci laporan publik dibuat / public report key created: %s (0600; %s)\n", abs, sealbox.EnvKeyFile), nil
}

// warnWithoutKey logs what running without a report key means, loudly when
// sealed identities are stored already.
func warnWithoutKey(ctx context.Context, d *db.DB, log *slog.Logger) {
	var n int
	if err := d.QueryRow(ctx, `SELECT COUNT(*) FROM public_report WHERE identity_sealed <> ''`).Scan(&n); err == nil && n > 0 {
		log.Error("no report key configured: the identities of public reporters stored in this database cannot be revealed "+
			"and new reports are anonymous only; set "+sealbox.EnvKeyFile, "sealed_reports", n)
		return
	}
	log.Warn("no report key configured: the public form (/lapor) accepts anonymous reports only; make one with " +
		"`netral keygen --output FILE` and set " + sealbox.EnvKeyFile)
}
