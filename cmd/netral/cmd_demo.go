package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/netral-asn/netral/internal/demoseed"
)

func init() {
	register(command{name: "demo", summary: "seed the demo Pemda (Kabupaten Tanjung Harapan) and serve", run: runDemo})
}

func runDemo(ctx context.Context, e *env, args []string) int {
	fs := newFlags(e, "demo", "[--addr HOST:PORT] [--db PATH|URL] [--seed-only] [--poll-interval 15m]")
	addr, dsn := addrFlag(e, fs), dbFlag(e, fs)
	bgConfig := backgroundFlags(e, fs)
	seedOnly := fs.Bool("seed-only", false, "seed the demo data and exit without serving")
	if code, ok := parseFlags(e, fs, args); !ok {
		return code
	}
	bg, err := bgConfig()
	if err != nil {
		fmt.Fprintf(e.stderr, "netral demo: %v\n", err)
		return exitUsage
	}
	log := setupLogger(e)
	d, code := openDB(ctx, e, *dsn)
	if d == nil {
		return code
	}
	defer d.Close()
	key, keyNote, err := demoReportKey(e, d.DSN()) // reportkey.go
	if err != nil {
		fmt.Fprintf(e.stderr, "netral demo: report key: %v\n", err)
		return exitUsage
	}
	bg.ReportKey = key
	res, err := demoseed.SeedWith(ctx, d, demoseed.Options{ReportKey: key})
	if err != nil && res.Created {
		fmt.Fprintf(e.stderr, "netral demo: the demo Pemda was created but loading its activity stream, reports or cases failed (%d activities, %d reports, %d cases stored): %v\n",
			res.Activities, res.Reports, res.Cases, err)
		return exitInput
	} else if err != nil {
		fmt.Fprintf(e.stderr, "netral demo: seeding failed, nothing was written: %v\n", err)
		return exitInput
	}
	var b strings.Builder
	if res.Created {
		fmt.Fprintf(&b, "Demo Pemda Kabupaten Tanjung Harapan (99.01) dibuat / created: %d OPD, %d pegawai, %d akun medsos, %d pengguna.\n",
			res.OPDs, res.Employees, res.Accounts, res.Users)
		fmt.Fprintf(&b, "Aktivitas medsos contoh / demo activity stream: %d dimuat / ingested (%d teratribusi ke pegawai / attributed), %d ditandai ke Deteksi Dini / flagged to the review inbox (/deteksi).\n",
			res.Activities, res.Attributed, res.Flagged)
		fmt.Fprintf(&b, "Laporan publik dan perkara contoh / demo public reports and cases: %d laporan (/laporan), %d perkara (/perkara).\n",
			res.Reports, res.Cases)
	} else {
		fmt.Fprintln(&b, "Demo Pemda Kabupaten Tanjung Harapan (99.01) sudah ada / already present: nothing added.")
	}
	fmt.Fprintf(&b, "Masuk sebagai / sign in as:  %s  /  %s\n", demoseed.AdminUser, demoseed.Password)
	b.WriteString(keyNote)
	fmt.Fprintln(&b, "Laporan publik tanpa masuk / public reports without sign-in: /lapor")
	fmt.Fprintln(&b, "Pengguna lain (kata sandi sama) / other users (same password): ketua.tim, anggota.tim1, inspektorat, kadis.pupr (kepala OPD), sekda (pimpinan), bawaslu, …  (netral user list)")
	if *seedOnly {
		fmt.Fprint(e.stdout, b.String())
		return exitOK
	}
	return serve(ctx, e, d, *addr, false, log, b.String(), bg)
}
