package main

import (
	"context"
	"fmt"
	"text/tabwriter"

	"github.com/netral-asn/netral/internal/audit"
	"github.com/netral-asn/netral/internal/auth"
	"github.com/netral-asn/netral/internal/db"
	"github.com/netral-asn/netral/internal/tenant"
	"github.com/netral-asn/netral/internal/web"
	"github.com/netral-asn/netral/internal/wilayah"
)

func init() {
	register(command{name: "instansi add", summary: "host another Pemda on this server, with its first admin (password on standard input)", run: runInstansiAdd})
	register(command{name: "instansi list", summary: "list the instansi on this server", run: runInstansiList})
}

func runInstansiAdd(ctx context.Context, e *env, args []string) int {
	fs := newFlags(e, "instansi add", "--region CODE --admin NAME [--full-name NAME] [--db PATH|URL]  (password on standard input)")
	dsn := dbFlag(e, fs)
	region := fs.String("region", "", "Kemendagri region code, e.g. 32.16 (required)")
	admin := fs.String("admin", "", "user name of the instansi's first admin (required)")
	fullName := fs.String("full-name", "", "full name of the admin")
	if code, ok := parseFlags(e, fs, args); !ok {
		return code
	}
	r, ok := wilayah.Lookup(*region)
	if !ok || *admin == "" {
		fmt.Fprintln(e.stderr, "netral instansi add: --region must be a known Kemendagri code and --admin is required")
		return exitUsage
	}
	pw, err := readPassword(e)
	if err != nil {
		fmt.Fprintf(e.stderr, "netral instansi add: %v\n", err)
		return exitUsage
	}
	d, code := openDB(ctx, e, *dsn)
	if d == nil {
		return code
	}
	defer d.Close()
	actor := audit.System("cli:instansi")
	err = d.InTx(ctx, func(tx *db.Tx) error {
		i, err := tenant.Create(ctx, tx, actor, r.Code, r.Name, web.InstansiKind(r))
		if err != nil {
			return err
		}
		name := *fullName
		if name == "" {
			name = *admin
		}
		_, err = auth.CreateUser(ctx, tx, actor, auth.User{InstansiID: i.ID, Username: *admin, FullName: name, Role: auth.RoleAdmin}, pw)
		return err
	})
	if err != nil {
		fmt.Fprintf(e.stderr, "netral instansi add: %v (nothing was added)\n", err)
		return exitInput
	}
	fmt.Fprintf(e.stdout, "instansi %s (%s) added with admin %q\n", r.Code, r.Name, auth.NormalizeUsername(*admin))
	return exitOK
}

func runInstansiList(ctx context.Context, e *env, args []string) int {
	fs := newFlags(e, "instansi list", "[--db PATH|URL]")
	dsn := dbFlag(e, fs)
	if code, ok := parseFlags(e, fs, args); !ok {
		return code
	}
	d, code := openDB(ctx, e, *dsn)
	if d == nil {
		return code
	}
	defer d.Close()
	all, err := tenant.List(ctx, d)
	if err != nil {
		fmt.Fprintf(e.stderr, "netral instansi list: %v\n", err)
		return exitInput
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "CODE\tKIND\tNAME")
	for _, i := range all {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", i.Code, i.Kind, i.Name)
	}
	tw.Flush()
	return exitOK
}
