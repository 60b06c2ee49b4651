package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/netral-asn/netral/internal/db"
	"github.com/netral-asn/netral/internal/db/dbtest"
)

// TestKillRerun kills `netral import activities` with SIGKILL in the middle of
// a large import (twice: once in the first run, once in the first rerun), runs
// it again to completion and checks that every record is stored exactly once
// and screened, that every flagged activity has exactly one review item, and
// that the audit chain verifies. It builds the binary and imports
// NETRAL_KILL_N records: 50,000 by default, 300,000 with NETRAL_KILL_TEST=1
// (as CI runs it); on PostgreSQL when NETRAL_TEST_POSTGRES is set.
func TestKillRerun(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: this test builds the binary and imports 50,000 records")
	}
	n := 50000
	if os.Getenv("NETRAL_KILL_TEST") == "1" {
		n = 300000
	}
	if s := os.Getenv("NETRAL_KILL_N"); s != "" {
		v, err := strconv.Atoi(s)
		if err != nil || v < 1 {
			t.Fatalf("NETRAL_KILL_N=%q: want a positive number", s)
		}
		n = v
	}
	began := time.Now()
	dir := t.TempDir()
	bin := filepath.Join(dir, "netral")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	dsn := dbtest.DSN(t)
	netral := func(args ...string) *exec.Cmd {
		c := exec.Command(bin, append(args, "--db", dsn)...)
		c.Env = append(os.Environ(), "NETRAL_LOG_LEVEL=warn")
		return c
	}
	if out, err := netral("demo", "--seed-only").CombinedOutput(); err != nil {
		t.Fatalf("demo --seed-only: %v\n%s", err, out)
	}
	input := filepath.Join(dir, "activities.jsonl")
	writeActivities(t, input, n)

	ctx := context.Background()
	d, err := db.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	count := func(q string) int {
		t.Helper()
		var c int
		if err := d.R.QueryRowContext(ctx, d.Rebind(q)).Scan(&c); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		return c
	}
	stored := func() int { return count(`SELECT COUNT(*) FROM activity`) }

	// Kill twice: the first run once its first batch is stored, the first
	// rerun once it has stored a batch of its own.
	// The demo seed may store activities of its own: count from there.
	base := stored()
	before := base
	for k := 1; k <= 2; k++ {
		c := netral("import", "activities", input)
		var errb bytes.Buffer
		c.Stderr = &errb
		if err := c.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- c.Wait() }()
		deadline := time.Now().Add(5 * time.Minute)
		for stored() <= before {
			select {
			case err := <-done:
				t.Fatalf("kill %d: import ended before storing anything new (%v): %s", k, err, errb.String())
			default:
			}
			if time.Now().After(deadline) {
				_ = c.Process.Kill()
				t.Fatalf("kill %d: nothing stored after 5 minutes", k)
			}
			time.Sleep(10 * time.Millisecond)
		}
		if k == 2 {
			// Somewhere inside a later batch, most likely mid-transaction.
			time.Sleep(time.Duration(rand.IntN(150)) * time.Millisecond)
		}
		if err := c.Process.Kill(); err != nil { // SIGKILL
			t.Fatalf("kill %d: %v", k, err)
		}
		<-done
		got := stored()
		if got <= before || got >= base+n {
			t.Fatalf("kill %d: %d of %d records stored after the kill: the import was not interrupted mid-way", k, got-base, n)
		}
		t.Logf("kill %d: SIGKILL with %d of %d records stored", k, got-base, n)
		before = got
	}

	out, err := netral("import", "activities", input).Output()
	if err != nil {
		t.Fatalf("rerun: %v\n%s", err, out)
	}
	t.Logf("rerun: %s", bytes.TrimSpace(out))
	m := regexp.MustCompile(`(\d+) new, (\d+) duplicate, (\d+) rejected`).FindSubmatch(out)
	if m == nil {
		t.Fatalf("rerun: unexpected output %q", out)
	}
	newN, _ := strconv.Atoi(string(m[1]))
	dupN, _ := strconv.Atoi(string(m[2]))
	if newN != base+n-before || dupN != before-base {
		t.Errorf("rerun reported %d new, %d duplicate; want %d new, %d duplicate", newN, dupN, base+n-before, before-base)
	}

	checks := []struct {
		what string
		q    string
		want int
	}{
		{"activities", `SELECT COUNT(*) FROM activity`, base + n},
		{"distinct (platform, external id)", `SELECT COUNT(*) FROM (SELECT DISTINCT platform, external_id FROM activity) x`, base + n},
		{"activities without a screening result",
			`SELECT COUNT(*) FROM activity a WHERE NOT EXISTS (SELECT 1 FROM activity_screening s WHERE s.activity_id = a.id)`, 0},
		{"activities with two results for one election version",
			`SELECT COUNT(*) FROM (SELECT activity_id, election_version FROM activity_screening
				GROUP BY activity_id, election_version HAVING COUNT(*) > 1) x`, 0},
		{"screening results without an activity",
			`SELECT COUNT(*) FROM activity_screening s WHERE NOT EXISTS (SELECT 1 FROM activity a WHERE a.id = s.activity_id)`, 0},
		{"screening results", `SELECT COUNT(*) FROM activity_screening`, base + n},
		{"flagged activities without a review item",
			`SELECT COUNT(*) FROM activity a WHERE a.flagged = 1 AND NOT EXISTS (SELECT 1 FROM review_item r WHERE r.activity_id = a.id)`, 0},
		{"review items of unflagged activities",
			`SELECT COUNT(*) FROM review_item r JOIN activity a ON a.id = r.activity_id WHERE a.flagged <> 1`, 0},
		{"review items minus flagged activities",
			`SELECT (SELECT COUNT(*) FROM review_item) - (SELECT COUNT(*) FROM activity WHERE flagged = 1)`, 0},
		{"activities whose flag differs from their screening",
			`SELECT COUNT(*) FROM activity a JOIN activity_screening s ON s.activity_id = a.id WHERE s.flagged <> a.flagged`, 0},
	}
	for _, c := range checks {
		if got := count(c.q); got != c.want {
			t.Errorf("%s: %d, want %d", c.what, got, c.want)
		}
	}
	flagged := count(`SELECT COUNT(*) FROM activity WHERE flagged = 1`)
	if flagged == 0 {
		t.Errorf("no activity flagged: the generated records should include partisan ones")
	}
	if out, err := netral("audit", "verify").CombinedOutput(); err != nil {
		t.Errorf("audit verify: %v\n%s", err, out)
	}
	t.Logf("%s: %d activities (%d seeded by the demo + %d imported), %d screening results, %d flagged, %d review items; %.1fs",
		d.Engine(), stored(), base, n, count(`SELECT COUNT(*) FROM activity_screening`), flagged,
		count(`SELECT COUNT(*) FROM review_item`), time.Since(began).Seconds())
}

// writeActivities writes n JSON Lines activity records with unique ids
// (scan.md §2), about one in six partisan, to path.
func writeActivities(t *testing.T, path string, n int) {
	t.Helper()
	texts := []string{
		"Hari ini rapat koordinasi dinas pendidikan bersama kepala sekolah se-kecamatan, semua berjalan lancar.",
		"Selamat pagi, jangan lupa sarapan sebelum berangkat kerja ya. Semoga hari ini penuh berkah.",
		"Ayo coblos nomor 2 Untung-Nurul! #UNUR02 Pasti Untung",
		"Jadwal posyandu bulan depan sudah keluar, silakan cek di grup RT masing-masing.",
		"Macet parah di jalan provinsi pagi ini, hati-hati di jalan teman-teman.",
		"Mantap, semoga HERA menang! Tanjung Harapan Bangkit #HeRaMenang",
		"Alhamdulillah panen padi tahun ini lebih baik dari tahun lalu, terima kasih penyuluh pertanian.",
		"Info lowongan PPPK guru sudah dibuka, cek situs resmi BKN untuk persyaratannya.",
		"Nonton bareng timnas malam ini di balai desa, jangan sampai ketinggalan!",
		"Pelatihan aplikasi SRIKANDI untuk arsip dinamis dimulai minggu depan di aula kantor bupati.",
		"Pilih Prabowo-Gibran, lanjutkan! Coblos 02 #PrabowoGibran2024",
		"Resep sayur asem ala ibu, segar dan cocok untuk makan siang keluarga.",
	}
	kinds := []string{"post", "comment", "share", "like", "photo", "story"}
	platforms := []string{"facebook", "instagram", "x", "tiktok"}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	for i := 0; i < n; i++ {
		kind := kinds[i%len(kinds)]
		field := "text"
		if kind == "like" || kind == "share" {
			field = "context_text"
		}
		fmt.Fprintf(w, `{"id":"k%d","platform":%q,"kind":%q,"author":"@user%d","created_at":"2024-10-%02dT%02d:%02d:00+07:00","url":"https://example.com/p/%d",%q:%q}`+"\n",
			i, platforms[i%len(platforms)], kind, i%50000, 1+i%28, i%24, i%60, i, field, texts[(i*7)%len(texts)])
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}
