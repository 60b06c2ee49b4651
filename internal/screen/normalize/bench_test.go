package normalize

import (
	"strings"
	"testing"
)

var benchLines = []string{
	"gw sih udh mantep, 14 feb c0bl0s n0m3r 2 biar lanjut terus 💪 #PrabowoGibran",
	"Alhamdulillah antri di Samsat dapet nomor urut antrian 2, cepet bgt urusan pajak motor hari ini 😁",
	"Sudah saatnya perubahan! Pilih yg berani bawa Indonesia adil makmur utk semua. AMIN ☝️ #AMIN",
	"Bapak ibu warga RT 03, besok malam yasinan rutin di rumah Pak RW. Mohon hadir 🙏",
	"Sy mau cerita sedikit. Dulu waktu Pak Ganjar masih gubernur, sy pernah lapor jalan rusak lewat Twitter, besoknya langsung ditangani.",
	"rapat koordinasi pelayanan publik di kantor kecamatan hari senin jam sembilan pagi, semua staf hadir",
}

// BenchmarkNormalize measures the normaliser on mixed informal text.
func BenchmarkNormalize(b *testing.B) {
	n := New(Options{Known: []string{"prabowo", "gibran", "ganjar", "amin"}})
	var t Text
	size := 0
	for _, l := range benchLines {
		size += len(l)
	}
	b.SetBytes(int64(size))
	for b.Loop() {
		for _, l := range benchLines {
			n.Normalize(&t, l)
		}
	}
}

// BenchmarkNormalizeASCII measures the ASCII fast path on plain text.
func BenchmarkNormalizeASCII(b *testing.B) {
	n := New(Options{})
	var t Text
	line := strings.Repeat("rapat koordinasi pelayanan publik di kantor kecamatan hari senin jam sembilan pagi ", 4)
	b.SetBytes(int64(len(line)))
	for b.Loop() {
		n.Normalize(&t, line)
	}
}
