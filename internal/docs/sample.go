package docs

import (
	"fmt"
	"io"
	"time"
)

// Kinds of document, as named by [Sample], the command line (`netral docs
// sample --kind`) and the letterhead preview.
const (
	KindInvitation = "invitation"
	KindMinutes    = "minutes"
	KindReferral   = "referral"
	KindSummary    = "summary"
)

// Kinds lists every kind of document in display order.
var Kinds = []string{KindInvitation, KindMinutes, KindReferral, KindSummary}

// sampleZone is the location of the demonstration dates (WIB).
var sampleZone = time.FixedZone("WIB", 7*3600)

// SampleLetterhead is the letterhead of the fictional demo Pemda.
func SampleLetterhead() Letterhead {
	return Letterhead{
		Line1:   "PEMERINTAH KABUPATEN TANJUNG HARAPAN",
		Line2:   "TIM PENGAWAS NETRALITAS APARATUR SIPIL NEGARA",
		Line3:   "SEKRETARIAT DAERAH",
		Address: "Jalan Merdeka Nomor 1, Tanjung Harapan 99111",
		Phone:   "(0999) 123456",
		Email:   "netralitas@tanjungharapankab.go.id",
		Website: "tanjungharapankab.go.id",
		Place:   "Tanjung Harapan",
	}
}

var (
	sampleASN = Person{Name: "Budi Santoso, S.Pd.", NIP: "198503152010011002", Pangkat: "Penata (III/c)",
		Jabatan: "Guru Ahli Muda", Unit: "SD Negeri 1 Tanjung Harapan, Dinas Pendidikan"}
	sampleChair = Signatory{Name: "Dr. Hendra Wijaya, M.Si.", NIP: "197201011998031005",
		Pangkat: "Pembina Utama Muda (IV/c)", Jabatan: "Ketua Tim Pengawas Netralitas ASN"}
	sampleMember = Signatory{Name: "Sri Lestari, S.H.", NIP: "198807222012122001",
		Pangkat: "Penata Muda Tingkat I (III/b)", Jabatan: "Inspektur Pembantu Wilayah I"}
)

const sampleCase = "NTR-9901-2024-0012"

// Sample writes a document of the given kind ([Kinds]) with demonstration
// data under lh: for the preview of a letterhead and `netral docs sample`.
func Sample(w io.Writer, lh Letterhead, kind string) error {
	letterDate := time.Date(2024, 10, 2, 0, 0, 0, 0, sampleZone)
	switch kind {
	case KindInvitation:
		return Invitation(w, lh, InvitationInput{
			Letter: Letter{Number: "800.1.6/012/TPN/2024", Nature: "Penting", Date: letterDate,
				CC: []string{"Bupati Tanjung Harapan (sebagai laporan)", "Kepala Dinas Pendidikan Kabupaten Tanjung Harapan"}},
			CaseNumber: sampleCase,
			To:         sampleASN,
			Start:      time.Date(2024, 10, 7, 9, 0, 0, 0, sampleZone),
			Venue:      "Ruang Rapat Inspektorat Daerah, Jalan Merdeka Nomor 3, Tanjung Harapan",
			Purpose:    "Klarifikasi atas dugaan pelanggaran netralitas ASN berupa unggahan di media sosial",
			Bring: []string{"Kartu identitas pegawai", "Surat keputusan jabatan terakhir",
				"Dokumen atau bukti lain yang Saudara anggap perlu"},
			Contact: "Sekretariat Tim, Sdr. Andi Pratama (0812-3456-7890)",
			Signer:  sampleChair,
		})
	case KindMinutes:
		return ClarificationMinutes(w, lh, MinutesInput{
			Number: "800.1.6/013/TPN/2024", CaseNumber: sampleCase,
			Start: time.Date(2024, 10, 7, 9, 15, 0, 0, sampleZone), End: time.Date(2024, 10, 7, 10, 40, 0, 0, sampleZone),
			Place:   "Ruang Rapat Inspektorat Daerah Kabupaten Tanjung Harapan",
			Basis:   "Surat Undangan Nomor 800.1.6/012/TPN/2024 tanggal 2 Oktober 2024",
			Subject: sampleASN,
			Team:    []TeamMember{{sampleChair, "Ketua"}, {sampleMember, "Anggota"}},
			Others: []Participant{{Name: "Dra. Wulan Sari", NIP: "196905121994032004",
				Jabatan: "Kepala SD Negeri 1 Tanjung Harapan", Role: "Atasan langsung"}},
			QA: []QA{
				{"Apakah Saudara pemilik akun Facebook \"Budi Santoso\" dengan alamat facebook.com/budi.s?",
					"Ya, akun tersebut milik saya dan saya kelola sendiri."},
				{"Apakah Saudara mengunggah foto bersama pasangan calon nomor urut 2 dengan tulisan \"Ayo coblos nomor 2\" pada tanggal 28 September 2024?",
					"Benar, foto itu diambil saat saya menghadiri acara keluarga. Saya tidak bermaksud berkampanye, " +
						"tetapi saya mengakui tulisan tersebut tidak pantas bagi seorang ASN."},
				{"Apakah Saudara mengetahui larangan bagi ASN untuk memberikan dukungan kepada calon melalui media sosial?",
					"Saya mengetahuinya dari sosialisasi di sekolah pada bulan Agustus 2024."},
			},
			Statements: []string{"Unggahan telah dihapus oleh yang bersangkutan pada tanggal 30 September 2024.",
				"Yang bersangkutan menyerahkan salinan surat keputusan jabatan terakhir."},
		})
	case KindReferral:
		return Referral(w, lh, ReferralInput{
			Letter: Letter{Number: "800.1.6/020/TPN/2024", Nature: "Segera", Date: time.Date(2024, 10, 9, 0, 0, 0, 0, sampleZone),
				CC: []string{"Bupati Tanjung Harapan (sebagai laporan)", "Kepala Badan Kepegawaian Negara"}},
			Agency:     AgencyBawaslu,
			Addressee:  Addressee{Lines: []string{"Ketua Badan Pengawas Pemilihan Umum Kabupaten Tanjung Harapan"}, Place: "Tanjung Harapan"},
			CaseNumber: sampleCase,
			Subject:    sampleASN,
			Summary: "Pada tanggal 28 September 2024 akun Facebook milik yang bersangkutan mengunggah foto bersama " +
				"pasangan calon bupati nomor urut 2 disertai tulisan \"Ayo coblos nomor 2\". Unggahan tersebut " +
				"dilaporkan oleh masyarakat melalui kanal pengaduan Netral dan ditangkap oleh tim sebagai bukti.",
			Finding: "Berdasarkan klarifikasi tanggal 7 Oktober 2024, yang bersangkutan mengakui sebagai pemilik akun " +
				"dan pengunggah foto tersebut. Tim menyimpulkan bahwa dugaan pelanggaran terbukti.",
			Violation: "DS-07 — memposting foto bersama calon dengan simbol keberpihakan (setelah penetapan calon)",
			Attachments: []string{"Berita Acara Klarifikasi Nomor 800.1.6/013/TPN/2024",
				"Tangkapan unggahan beserta nilai SHA-256 (paket bukti)", "Ringkasan perkara"},
			Signer: sampleChair,
		})
	case KindSummary:
		at := func(d, h, m int) time.Time { return time.Date(2024, 9, d, h, m, 0, 0, sampleZone) }
		oct := func(d, h, m int) time.Time { return time.Date(2024, 10, d, h, m, 0, 0, sampleZone) }
		return CaseSummary(w, lh, SummaryInput{
			CaseNumber: sampleCase, Title: "Unggahan dukungan kepada pasangan calon di Facebook",
			Source: "Laporan masyarakat", Status: "Selesai", OpenedAt: at(29, 8, 30),
			Subject: sampleASN, Violation: "DS-07 — foto bersama calon dengan simbol keberpihakan",
			Summary: "Akun Facebook milik yang bersangkutan mengunggah foto bersama pasangan calon nomor urut 2 " +
				"dengan tulisan \"Ayo coblos nomor 2\".",
			Timeline: []TimelineEntry{
				{at(29, 8, 30), "Laporan diterima", "Sistem", "Laporan masyarakat dengan 2 berkas bukti"},
				{at(29, 10, 5), "Verifikasi", "Andi Pratama", "Terlapor diidentifikasi dengan NIP dari data kepegawaian"},
				{oct(2, 9, 0), "Undangan klarifikasi", "Dr. Hendra Wijaya, M.Si.", "Surat Nomor 800.1.6/012/TPN/2024"},
				{oct(7, 10, 40), "Klarifikasi", "Tim Klarifikasi", "Berita acara ditandatangani"},
				{oct(9, 14, 0), "Penerusan ke Bawaslu", "Dr. Hendra Wijaya, M.Si.", "Surat Nomor 800.1.6/020/TPN/2024"},
				{oct(14, 11, 0), "Rekomendasi Bawaslu", "Bawaslu Kabupaten", "Direkomendasikan hukuman disiplin sedang"},
				{oct(28, 9, 0), "Keputusan PPK", "Bupati Tanjung Harapan", "Keputusan Bupati Nomor 800.1.6.4/123/2024"},
			},
			Evidence: []EvidenceItem{
				{Name: "tangkapan-layar-unggahan.png", Kind: "image/png", Size: 184320,
					SHA256: "3f8a2c1d9b7e6f5a4c3b2a1908f7e6d5c4b3a29180f7e6d5c4b3a2918f7e6d5c", ReceivedAt: at(29, 8, 30)},
				{Name: "tangkapan-url-facebook.html", Kind: "tangkapan URL", Size: 52211,
					SHA256: "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90", ReceivedAt: at(29, 9, 2)},
			},
			Decision: Decision{
				Finding:        "Terbukti",
				Recommendation: "Bawaslu Kabupaten Tanjung Harapan merekomendasikan penjatuhan hukuman disiplin sedang",
				Sanction:       "Hukuman disiplin sedang: pemotongan tunjangan kinerja sebesar 25% selama 6 (enam) bulan",
				LegalBasis:     "PP 94/2021 Pasal 5 huruf n; SKB Nomor 2 Tahun 2022 tentang Pedoman Pembinaan dan Pengawasan Netralitas Pegawai ASN",
				DecreeNumber:   "800.1.6.4/123/2024", DecidedAt: oct(28, 9, 0),
			},
			Generated: oct(29, 8, 0),
			Signer:    &sampleChair,
		})
	}
	return fmt.Errorf("docs: unknown kind %q (want one of %v)", kind, Kinds)
}
