package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/netral-asn/netral/internal/audit"
	"github.com/netral-asn/netral/internal/auth"
	"github.com/netral-asn/netral/internal/web"
	"github.com/netral-asn/netral/internal/wilayah"
)

func init() {
	register(command{name: "setup", summary: "create the instansi and its first admin on an empty database", run: runSetup})
}

func runSetup(ctx context.Context, e *env, args []string) int {
	fs := newFlags(e, "setup", "--region CODE --admin NAME [--full-name NAME] [--db PATH|URL]  (password on standard input)")
	dsn := dbFlag(e, fs)
	region := fs.String("region", "", "Kemendagri region code of the Pemda, e.g. 32.16 (required)")
	admin := fs.String("admin", "", "user name of the first admin (required)")
	fullName := fs.String("full-name", "", "full name of the first admin")
	if code, ok := parseFlags(e, fs, args); !ok {
		return code
	}
	if *region == "" || *admin == "" {
		fmt.Fprintln(e.stderr, "netral setup: --region and --admin are required")
		fs.Usage()
		return exitUsage
	}
	r, ok := wilayah.Lookup(*region)
	if !ok {
		fmt.Fprintf(e.stderr, "netral setup: unknown region code %q (see the Kemendagri list, e.g. 32.16)\n", *region)
		return exitUsage
	}
	if !auth.ValidUsername(auth.NormalizeUsername(*admin)) {
		fmt.Fprintln(e.stderr, "netral setup: --admin must be 3–64 characters of a–z, 0–9, '.', '_' or '-'")
		return exitUsage
	}
	pw, err := readPassword(e)
	if err != nil {
		fmt.Fprintf(e.stderr, "netral setup: %v\n", err)
		return exitUsage
	}
	if err := auth.CheckPasswordPolicy(pw); err != nil {
		fmt.Fprintf(e.stderr, "netral setup: %v\n", err)
		return exitUsage
	}
	setupLogger(e)
	d, code := openDB(ctx, e, *dsn)
	if d == nil {
		return code
	}
	defer d.Close()
	inst, _, err := web.Setup(ctx, d, audit.System("cli:setup"), r, auth.NormalizeUsername(*admin), *fullName, pw, "id")
	if errors.Is(err, web.ErrAlreadySetUp) {
		fmt.Fprintln(e.stderr, "netral setup: this database is already set up; use 'netral user add' to add users")
		return exitUsage
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "netral setup: %v\n", err)
		return exitInput
	}
	fmt.Fprintf(e.stdout, "instansi %s (%s) created with admin %q\n", inst.Code, inst.Name, auth.NormalizeUsername(*admin))
	return exitOK
}
