package monitor_test

import (
	"bytes"
	"context"
	"fmt"
	"testing"

	"github.com/netral-asn/netral/internal/monitor"
)

// benchTexts are the texts generated records draw from: mostly everyday
// posts, some partisan ones (about one record in six is flagged).
var benchTexts = []string{
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

var benchKinds = []string{"post", "comment", "share", "like", "photo", "story"}

// genRecords returns n activity records as JSON Lines; every tenth author is
// the fixture's registered facebook account.
func genRecords(n int, prefix string) []byte {
	var b bytes.Buffer
	for i := range n {
		author := fmt.Sprintf("@user%d", i%5000)
		if i%10 == 0 {
			author = "@budi.s"
		}
		kind := benchKinds[i%len(benchKinds)]
		text := benchTexts[(i*7)%len(benchTexts)]
		field := "text"
		if kind == "like" || kind == "share" {
			field = "context_text"
		}
		fmt.Fprintf(&b, `{"id":"%s%d","platform":"facebook","kind":"%s","author":"%s","created_at":"2024-10-%02dT%02d:%02d:00+07:00","url":"https://facebook.com/p/%d","%s":%q}`+"\n",
			prefix, i, kind, author, 1+i%28, i%24, i%60, i, field, text)
	}
	return b.Bytes()
}

// BenchmarkImport ingests 50,000 generated records (parse, attribute,
// screen, store) per iteration into a fresh instansi-scoped key space.
// Run it on PostgreSQL with NETRAL_TEST_POSTGRES set.
func BenchmarkImport(b *testing.B) {
	const n = 50000
	f := setup(b)
	ctx := context.Background()
	if _, err := monitor.EnsureElections(ctx, f.d, f.inst.ID); err != nil {
		b.Fatal(err)
	}
	inputs := make([][]byte, b.N)
	for i := range inputs {
		inputs[i] = genRecords(n, fmt.Sprintf("b%d-", i))
	}
	b.SetBytes(int64(len(inputs[0])))
	b.ResetTimer()
	for i := range b.N {
		rep, err := monitor.Ingest(ctx, f.d, bytes.NewReader(inputs[i]), monitor.IngestOptions{
			InstansiID: f.inst.ID, Source: monitor.SourceImport, Actor: actor})
		if err != nil {
			b.Fatal(err)
		}
		if rep.New != n {
			b.Fatalf("report: %+v", rep)
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "records/s")
}
