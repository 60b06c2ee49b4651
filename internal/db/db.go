// Package db opens Netral's database — an embedded SQLite file or a
// PostgreSQL server — applies the embedded migrations, and offers the few
// helpers (placeholder rebinding, transactions, error classification) that let
// one set of SQL queries serve both engines.
package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" database/sql driver
	_ "modernc.org/sqlite"             // registers the pure-Go "sqlite" driver
)

// Engine names the database engine behind a [DB].
type Engine string

// The supported engines.
const (
	SQLite   Engine = "sqlite"
	Postgres Engine = "postgres"
)

// DB is an open Netral database. On SQLite, writes go through a single
// connection (W) and reads through a small pool (R); on PostgreSQL both are the
// same pool.
type DB struct {
	engine Engine
	W      *sql.DB // writer pool: use for transactions and changes
	R      *sql.DB // reader pool: use for plain queries
	dsn    string
}

// ErrConfig marks a configuration problem (bad --db value, unreachable server):
// the command line maps it to exit status 2.
var ErrConfig = errors.New("database configuration")

// IsPostgresDSN reports whether s names a PostgreSQL server rather than a SQLite file.
func IsPostgresDSN(s string) bool {
	return strings.HasPrefix(s, "postgres://") || strings.HasPrefix(s, "postgresql://")
}

// Open opens the database named by dsn (a SQLite file path or a postgres:// URL),
// checks that it answers, and returns it. It does not migrate: call [DB.Migrate].
func Open(ctx context.Context, dsn string) (*DB, error) {
	dsn = strings.TrimSpace(dsn)
	if dsn == "" {
		return nil, fmt.Errorf("%w: --db is empty", ErrConfig)
	}
	var d *DB
	var err error
	if IsPostgresDSN(dsn) {
		d, err = openPostgres(dsn)
	} else {
		d, err = openSQLite(dsn)
	}
	if err != nil {
		return nil, err
	}
	pctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := d.W.PingContext(pctx); err != nil {
		d.Close()
		return nil, fmt.Errorf("%w: cannot open database %s: %v", ErrConfig, redact(dsn), err)
	}
	return d, nil
}

func openPostgres(dsn string) (*DB, error) {
	if _, err := url.Parse(dsn); err != nil {
		return nil, fmt.Errorf("%w: invalid PostgreSQL URL: %v", ErrConfig, err)
	}
	p, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrConfig, err)
	}
	p.SetMaxOpenConns(20)
	p.SetMaxIdleConns(10)
	p.SetConnMaxIdleTime(5 * time.Minute)
	return &DB{engine: Postgres, W: p, R: p, dsn: dsn}, nil
}

func openSQLite(path string) (*DB, error) {
	if strings.Contains(path, "://") {
		return nil, fmt.Errorf("%w: unsupported --db %q: use a SQLite file path or a postgres:// URL", ErrConfig, path)
	}
	path = strings.TrimPrefix(path, "file:")
	if dir := filepath.Dir(path); dir != "" {
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			return nil, fmt.Errorf("%w: cannot open database %s: directory %s does not exist", ErrConfig, path, dir)
		}
	}
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		return nil, fmt.Errorf("%w: cannot open database %s: it is a directory", ErrConfig, path)
	}
	pragmas := "_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)" +
		"&_pragma=synchronous(NORMAL)&_pragma=journal_size_limit(67108864)&_time_format=sqlite"
	// The single writer gets a 64 MiB page cache (the default is 2 MB), so
	// bulk ingest keeps the hot index pages in memory; readers keep the default.
	w, err := sql.Open("sqlite", "file:"+path+"?"+pragmas+"&_pragma=cache_size(-65536)&_txlock=immediate")
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrConfig, err)
	}
	w.SetMaxOpenConns(1) // one writer
	w.SetConnMaxIdleTime(0)
	r, err := sql.Open("sqlite", "file:"+path+"?"+pragmas+"&_pragma=query_only(1)")
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("%w: %v", ErrConfig, err)
	}
	r.SetMaxOpenConns(4)
	d := &DB{engine: SQLite, W: w, R: r, dsn: path}
	// The header check catches a file that is not a SQLite database early,
	// with a clear message, before anything writes to it.
	if err := checkSQLiteHeader(path); err != nil {
		d.Close()
		return nil, err
	}
	return d, nil
}

func checkSQLiteHeader(path string) error {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("%w: cannot open database %s: %v", ErrConfig, path, err)
	}
	defer f.Close()
	hdr := make([]byte, 16)
	n, _ := f.Read(hdr)
	if n == 0 {
		return nil
	}
	if n < 16 || string(hdr) != "SQLite format 3\x00" {
		return fmt.Errorf("%w: cannot open database %s: the file is not a SQLite database", ErrConfig, path)
	}
	return nil
}

// redact hides the password of a PostgreSQL URL for messages.
func redact(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil || u.User == nil {
		return dsn
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}

// String describes the database for logs, without secrets.
func (d *DB) String() string { return string(d.engine) + " " + redact(d.dsn) }

// Engine reports which engine the database runs on.
func (d *DB) Engine() Engine { return d.engine }

// DSN returns the data-source name the database was opened with: the SQLite
// file path, or the PostgreSQL URL including its password. It is for opening
// further connections to the same database (the job queue's pgx pool), never
// for messages or logs: use [DB.String] there.
func (d *DB) DSN() string { return d.dsn }

// Close closes both pools.
func (d *DB) Close() error {
	err := d.W.Close()
	if d.R != d.W {
		if e := d.R.Close(); err == nil {
			err = e
		}
	}
	return err
}

// Rebind turns the portable `?` placeholders of q into `$1, $2…` on PostgreSQL.
// Question marks inside single-quoted literals are left alone.
func (d *DB) Rebind(q string) string {
	if d.engine != Postgres || !strings.Contains(q, "?") {
		return q
	}
	var b strings.Builder
	b.Grow(len(q) + 8)
	n, inQuote := 0, false
	for i := 0; i < len(q); i++ {
		c := q[i]
		switch {
		case c == '\'':
			inQuote = !inQuote
			b.WriteByte(c)
		case c == '?' && !inQuote:
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}
