package main

import (
	"context"
	"errors"
	"fmt"
	"text/tabwriter"

	"github.com/netral-asn/netral/internal/audit"
	"github.com/netral-asn/netral/internal/auth"
	"github.com/netral-asn/netral/internal/db"
	"github.com/netral-asn/netral/internal/registry"
	"github.com/netral-asn/netral/internal/tenant"
)

func init() {
	register(command{name: "user add", summary: "add a user (password on standard input)", run: runUserAdd})
	register(command{name: "user passwd", summary: "set a user's password (on standard input)", run: runUserPasswd})
	register(command{name: "user list", summary: "list users", run: runUserList})
	register(command{name: "token create", summary: "create an API token for a user", run: runTokenCreate})
	register(command{name: "token revoke", summary: "revoke an API token", run: runTokenRevoke})
}

// defaultInstansi returns the only instansi, or an error asking for --instansi.
func pickInstansi(ctx context.Context, d *db.DB, code string) (tenant.Instansi, error) {
	if code != "" {
		i, err := tenant.ByCode(ctx, d, code)
		if err != nil {
			return i, fmt.Errorf("unknown instansi %q", code)
		}
		return i, nil
	}
	all, err := tenant.List(ctx, d)
	if err != nil {
		return tenant.Instansi{}, err
	}
	switch len(all) {
	case 0:
		return tenant.Instansi{}, errors.New("no instansi yet: run 'netral setup' first")
	case 1:
		return all[0], nil
	}
	return tenant.Instansi{}, errors.New("several instansi exist: choose one with --instansi CODE")
}

func runUserAdd(ctx context.Context, e *env, args []string) int {
	fs := newFlags(e, "user add", "--username NAME --role ROLE [--instansi CODE] [--opd CODE] [--nip NIP] [--full-name NAME] [--db PATH|URL]")
	dsn := dbFlag(e, fs)
	username := fs.String("username", "", "user name (required)")
	role := fs.String("role", "", "role: admin, ketua_tim, tim, inspektorat, kepala_opd, pimpinan, bawaslu, asn (required)")
	inst := fs.String("instansi", "", "instansi region code (needed when there are several)")
	opd := fs.String("opd", "", "OPD code (required for kepala_opd)")
	nipFlag := fs.String("nip", "", "NIP of the user's employee record (optional; for asn users)")
	fullName := fs.String("full-name", "", "full name")
	if code, ok := parseFlags(e, fs, args); !ok {
		return code
	}
	if *username == "" || *role == "" {
		fmt.Fprintln(e.stderr, "netral user add: --username and --role are required")
		return exitUsage
	}
	if !auth.Role(*role).Valid() {
		fmt.Fprintf(e.stderr, "netral user add: unknown role %q\n", *role)
		return exitUsage
	}
	pw, err := readPassword(e)
	if err != nil {
		fmt.Fprintf(e.stderr, "netral user add: %v\n", err)
		return exitUsage
	}
	d, i, code := openInstansi(ctx, e, "netral user add", *dsn, *inst)
	if d == nil {
		return code
	}
	defer d.Close()
	u := auth.User{InstansiID: i.ID, Username: *username, FullName: *fullName, Role: auth.Role(*role)}
	reg := &registry.Store{DB: d}
	if *opd != "" {
		tree, err := reg.OPDs(ctx, i.ID)
		if err != nil {
			fmt.Fprintf(e.stderr, "netral user add: %v\n", err)
			return exitInput
		}
		for _, o := range tree {
			if o.Code == *opd {
				u.OPDID = o.ID
			}
		}
		if u.OPDID == 0 {
			fmt.Fprintf(e.stderr, "netral user add: --opd: unknown OPD code %q\n", *opd)
			return exitInput
		}
	}
	if *nipFlag != "" {
		emp, err := reg.EmployeeByNIP(ctx, i.ID, *nipFlag)
		if err != nil {
			fmt.Fprintf(e.stderr, "netral user add: --nip: no employee with NIP %s\n", *nipFlag)
			return exitInput
		}
		u.EmployeeID = emp.ID
	}
	err = d.InTx(ctx, func(tx *db.Tx) error {
		_, err := auth.CreateUser(ctx, tx, audit.System("cli:user"), u, pw)
		return err
	})
	if err != nil {
		fmt.Fprintf(e.stderr, "netral user add: %v\n", err)
		return exitInput
	}
	fmt.Fprintf(e.stdout, "user %q added with role %s in %s\n", auth.NormalizeUsername(*username), *role, i.Code)
	return exitOK
}

func runUserPasswd(ctx context.Context, e *env, args []string) int {
	fs := newFlags(e, "user passwd", "--username NAME [--db PATH|URL]  (password on standard input)")
	dsn := dbFlag(e, fs)
	username := fs.String("username", "", "user name (required)")
	if code, ok := parseFlags(e, fs, args); !ok {
		return code
	}
	if *username == "" && fs.NArg() == 1 {
		*username = fs.Arg(0)
	}
	if *username == "" {
		fmt.Fprintln(e.stderr, "netral user passwd: --username is required")
		return exitUsage
	}
	pw, err := readPassword(e)
	if err != nil {
		fmt.Fprintf(e.stderr, "netral user passwd: %v\n", err)
		return exitUsage
	}
	d, code := openDB(ctx, e, *dsn)
	if d == nil {
		return code
	}
	defer d.Close()
	st := &auth.Store{DB: d}
	u, err := st.UserByName(ctx, *username)
	if err != nil {
		fmt.Fprintf(e.stderr, "netral user passwd: no user %q\n", *username)
		return exitInput
	}
	if err := st.SetPassword(ctx, audit.System("cli:passwd"), u.ID, pw); err != nil {
		fmt.Fprintf(e.stderr, "netral user passwd: %v\n", err)
		return exitInput
	}
	fmt.Fprintf(e.stdout, "password of %q changed; their sessions were ended\n", u.Username)
	return exitOK
}

func runUserList(ctx context.Context, e *env, args []string) int {
	fs := newFlags(e, "user list", "[--instansi CODE] [--db PATH|URL]")
	dsn := dbFlag(e, fs)
	inst := fs.String("instansi", "", "only users of this instansi")
	if code, ok := parseFlags(e, fs, args); !ok {
		return code
	}
	d, code := openDB(ctx, e, *dsn)
	if d == nil {
		return code
	}
	defer d.Close()
	var id int64
	if *inst != "" {
		i, err := tenant.ByCode(ctx, d, *inst)
		if err != nil {
			fmt.Fprintf(e.stderr, "netral user list: unknown instansi %q\n", *inst)
			return exitUsage
		}
		id = i.ID
	}
	users, err := (&auth.Store{DB: d}).Users(ctx, id)
	if err != nil {
		fmt.Fprintf(e.stderr, "netral user list: %v\n", err)
		return exitInput
	}
	all, _ := tenant.List(ctx, d)
	codes := map[int64]string{}
	for _, i := range all {
		codes[i.ID] = i.Code
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "USERNAME\tROLE\tINSTANSI\tNAME\tSTATUS")
	for _, u := range users {
		status := "active"
		if u.Disabled {
			status = "disabled"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", u.Username, u.Role, codes[u.InstansiID], u.FullName, status)
	}
	tw.Flush()
	return exitOK
}

func runTokenCreate(ctx context.Context, e *env, args []string) int {
	fs := newFlags(e, "token create", "--username NAME [--name LABEL] [--db PATH|URL]")
	dsn := dbFlag(e, fs)
	username := fs.String("username", "", "owner of the token (required)")
	name := fs.String("name", "cli", "a label for the token")
	if code, ok := parseFlags(e, fs, args); !ok {
		return code
	}
	if *username == "" {
		fmt.Fprintln(e.stderr, "netral token create: --username is required")
		return exitUsage
	}
	d, code := openDB(ctx, e, *dsn)
	if d == nil {
		return code
	}
	defer d.Close()
	st := &auth.Store{DB: d}
	u, err := st.UserByName(ctx, *username)
	if err != nil {
		fmt.Fprintf(e.stderr, "netral token create: no user %q\n", *username)
		return exitInput
	}
	tok, err := st.CreateToken(ctx, audit.System("cli:token"), u.ID, *name)
	if err != nil {
		fmt.Fprintf(e.stderr, "netral token create: %v\n", err)
		return exitInput
	}
	fmt.Fprintln(e.stdout, tok)
	return exitOK
}

func runTokenRevoke(ctx context.Context, e *env, args []string) int {
	fs := newFlags(e, "token revoke", "TOKEN [--db PATH|URL]")
	dsn := dbFlag(e, fs)
	if code, ok := parseFlags(e, fs, args); !ok {
		return code
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(e.stderr, "netral token revoke: give exactly one TOKEN (or its 12-character prefix)")
		return exitUsage
	}
	d, code := openDB(ctx, e, *dsn)
	if d == nil {
		return code
	}
	defer d.Close()
	if err := (&auth.Store{DB: d}).RevokeToken(ctx, audit.System("cli:token"), fs.Arg(0)); err != nil {
		if errors.Is(err, db.ErrNotFound) {
			fmt.Fprintln(e.stderr, "netral token revoke: no active token matches")
			return exitInput
		}
		fmt.Fprintf(e.stderr, "netral token revoke: %v\n", err)
		return exitInput
	}
	fmt.Fprintln(e.stdout, "token revoked")
	return exitOK
}
