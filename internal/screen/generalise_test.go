package screen

import "testing"

// Tests of the rules added to generalise beyond the development set: each
// table holds records that must flag and hard negatives that must not.

const (
	g01, g02, g03 = "pemilu-2024/01", "pemilu-2024/02", "pemilu-2024/03"
	h01, h02, h03 = "pilkada-2024-tanjung-harapan/01", "pilkada-2024-tanjung-harapan/02", "pilkada-2024-tanjung-harapan/03"
)

func want(t ...string) []string { return t }

// TestPraiseAndPrayer: praise ("panutanku", "idola"), wishes and prayers
// for a contestant to win or hold office, "siapa lagi kalau bukan X".
func TestPraiseAndPrayer(t *testing.T) {
	runCases(t, []caseRec{
		{date: "2023-12-02", kind: KindComment, text: "Pak Ganjar panutanku 🖤🤍", ctx: "Pagi ini ngobrol bareng pedagang pasar", want: want(g03)},
		{date: "2024-01-08", text: "Pak Anies idolaku, 14 Feb insyaallah", want: want(g01)},
		{date: "2023-12-05", text: "Mugi-mugi Pak Ganjar dadi presiden 🙏", want: want(g03)},
		{date: "2024-10-05", text: "Semoga Pak Hendra jadi bupati, amanah 🤲", want: want(h01)},
		{date: "2024-01-27", text: "Siapa lagi kalau bukan Prabowo? 🇮🇩", want: want(g02)},
		{date: "2024-11-21", text: "Semoga Ustaz Fauzi & Pak Dedi diberi kemenangan 🤲", want: want(h03)},
		// hard negatives
		{date: "2023-12-07", kind: KindComment, text: "Semoga cepat pulih Bu Anis 🙏", ctx: "Bu Anis wali kelas 2B cuti melahirkan"},
		{date: "2024-02-14", text: "Siapa pun yang menang semoga amanah 🇮🇩"},
		{date: "2024-01-03", text: "Siapa pun presidennya nanti, semoga honorer diangkat semua, aamiin"},
	})
}

// TestChoiceSaja: "X aja" closing a clause is a choice; "X saja tidak
// bisa" is not.
func TestChoiceSaja(t *testing.T) {
	runCases(t, []caseRec{
		{date: "2023-12-15", text: "Yg lain boleh ragu, sy mah Anis-Muhaimin aja, udh paling bener", want: want(g01)},
		{date: "2024-02-05", kind: KindComment, text: "Ganjar-Mahfud aja bu 🙏", ctx: "Besok arisan dulu ya bun", want: want(g03)},
		{date: "2024-11-10", text: "Nomor 2 wae lah, Abah Untung wis kebukti 👍", want: want(h02)},
		// hard negatives
		{date: "2024-01-20", text: "Prabowo saja tidak bisa menjawab pertanyaan itu, apalagi kita"},
		{date: "2024-01-17", text: "Menu hari ini: 1. Nasi uduk 2. Lontong sayur 3. Bubur ayam. Pilih nomor 2 aja lah 😋"},
	})
}

// TestAnswers: naming one contestant in reply to "pilih siapa?" answers it.
func TestAnswers(t *testing.T) {
	runCases(t, []caseRec{
		{date: "2024-01-25", kind: KindComment, text: "Sdh pasti lah bu, 01 👍", ctx: "Ibu2 besok nyoblos siapa nih? 🤔", want: want(g01)},
		{date: "2024-11-03", kind: KindComment, text: "Ya jelas Abah Untung lah", ctx: "Calon bupati mana yg paling siap menurut bapak ibu?", want: want(h02)},
		// hard negatives
		{date: "2024-01-25", kind: KindComment, text: "Rahasia dong bu, yg penting datang ke TPS", ctx: "Ibu2 besok nyoblos siapa nih? 🤔"},
		{date: "2024-10-11", kind: KindComment, text: "Sy skip polling ginian ya, ASN wajib netral", ctx: "Polling: Siapa calon bupati pilihanmu? HERA, UNUR atau DAFA?"},
	})
}

// TestWeakNamesCorroborated: a common name counts when the running mate,
// the office, a campaign word or the full name elsewhere backs it.
func TestWeakNamesCorroborated(t *testing.T) {
	runCases(t, []caseRec{
		{date: "2024-08-29", text: "Bang Hendra & Bu Ratna resmi daftar hari ini. Kami siap kawal sampai menang! 🔥", want: want(h01)},
		{date: "2024-10-08", text: "Ustaz Fauzi pantas jadi wakil bupati 🤲", want: want(h03)},
		{date: "2024-10-09", kind: KindComment, text: "Abah Untuuung 🔥🔥 lanjut pak!", ctx: "untungprasetyo.official: Blusukan ke pasar sore ini", want: want(h02)},
		{date: "2024-11-14", text: "Rekan2, Sabtu ikut ya ke kampanye Pak Untung, sy tunggu", want: want(h02)},
		// hard negatives: the same names, someone else
		{date: "2024-10-06", text: "Pak Untung tukang bakso sebelah masjid lagi hajatan, ayo ibu2 rewang 🙏"},
		{date: "2024-10-08", kind: KindComment, text: "Bu Nurul sabar bgt ngajarin anak2, makasih ya bu", ctx: "Khataman santri TPA"},
		{date: "2024-11-02", text: "Sy Ahmad Fauzi, guru SD, bukan calon wakil bupati ya 😅"},
	})
}

// TestOtherPeople: a name that is someone else's — a child, a relative, a
// person with another surname, a brand.
func TestOtherPeople(t *testing.T) {
	runCases(t, []caseRec{
		{date: "2023-11-22", text: "Selamat ulang tahun ke-5 jagoan ayah, Gibran 🎂💙 tumbuh jadi anak sholeh ya nak"},
		{date: "2024-01-15", text: "Anak sy namanya Anies, kemarin juara 2 lomba mewarnai 🥰"},
		{date: "2024-01-23", text: "Pak Ganjar Nugroho, kepala sekolah kami, pensiun bulan depan. Terima kasih pak 🙏"},
		{date: "2024-09-18", kind: KindFollow, ctx: "@hera.beauty.id · HERA Beauty Official Indonesia, kosmetik Korea"},
		{date: "2024-02-05", text: "Ganjar, cucu saya yg paling kecil, hari ini mulai jalan 🥹"},
		// the candidates themselves still count
		{date: "2024-01-20", text: "Ponakan sy jadi relawan Prabowo, bangga 💪", want: want(g02)},
		{date: "2024-10-20", text: "Anakku ikut jalan sehat HERA pagi ini, seru! ☝️", want: want(h01)},
		{date: "2024-01-26", text: "Ikut kata hati aja, Mas Gibran 😍", want: want(g02)},
		{date: "2024-01-18", text: "Pak Ganjar Pranowo memang tegas, lanjutkan!", want: want(g03)},
		{date: "2024-10-01", kind: KindFollow, ctx: "@hendraratna.official · Hendra Wijaya - Ratna Sari, Calon Bupati No. 1", want: want(h01)},
	})
}

// TestOtherElections: ketua RT, kepala desa, OSIS and karang taruna
// elections use ballot numbers and common names too.
func TestOtherElections(t *testing.T) {
	runCases(t, []caseRec{
		{date: "2024-09-22", text: "Pemilihan ketua RT 05 hari Minggu. Calon nomor 1 Pak Slamet, nomor 2 Pak Dedi. Coblos yg amanah ya warga 🙏"},
		{date: "2024-09-05", text: "Pemilihan kepala desa Sukamaju: calon no 1 Pak Hendra, no 2 Pak Slamet. Datang ke balai desa ya"},
		{date: "2024-09-14", text: "Pemilihan ketua karang taruna: nomor 1 Mas Dedi, nomor 2 Mas Fajar. Coblos yang kerja nyata 💪"},
		{date: "2024-09-16", text: "Selamat kpd paslon 02 Ketua & Wakil Ketua OSIS, Dafa & Nurul, yg terpilih hari ini 🎉"},
		// a contestant named in full still counts beside such words
		{date: "2024-10-20", text: "Sbg ketua RT sy ajak warga coblos HERA nomor 1!", want: want(h01)},
	})
}

// TestNumbers: lists, spaced digits, number words, a call to vote earlier
// in the sentence, a reported choice.
func TestNumbers(t *testing.T) {
	runCases(t, []caseRec{
		{date: "2024-11-08", text: "U N U R  0 2  p a s t i  u n t u n g 🤙", want: want(h02)},
		{date: "2024-11-27", text: "otw TPS, niatnya udh bulat: 0️⃣1️⃣ HERA 💯", want: want(h01)},
		{date: "2024-11-26", text: "Bsk pilih yg muda & religius ya bpk ibu, yg wakilnya ustaz, nomor 3 🤲", want: want(h03)},
		{date: "2024-11-24", text: "Masa tenang, tapi jgn lupa ya tgl 27 yang nomor tiga 👌", want: want(h03)},
		{date: "2024-02-12", text: "Besok coblos nomer loro ya lur ✌️", want: want(g02)},
		// hard negatives
		{date: "2024-01-10", text: "Pilih yg nomor 3 aja bund, warnanya kalem 😍 (1) maroon (2) navy (3) sage"},
		{date: "2024-01-22", text: "Arisan pilih tempatnya: 1) rumah Bu Tini 2) warung bakso 3) balai RW. Vote nomor ya 🙏"},
		{date: "2024-01-19", text: "Kata tetangga sy, dia pilih 02 krn programnya. Sy mah rahasia dong 🤐"},
		{date: "2024-02-10", text: "Antri di kamar nomor 3, dokternya ramah"},
	})
}

// TestNameHashtags: a contestant's name in a hashtag the election does
// not list ("#GanjarPresiden").
func TestNameHashtags(t *testing.T) {
	runCases(t, []caseRec{
		{date: "2023-10-28", text: "Selamat Hari Sumpah Pemuda 🇮🇩 #GanjarPresiden", want: want(g03)},
		{date: "2024-01-20", text: "Bismillah #AniesMenang", want: want(g01)},
		// hard negatives
		{date: "2024-01-22", kind: KindShare, text: "Berita", ctx: "Menhan Prabowo Subianto rapat kerja dengan Komisi I DPR #Prabowo"},
		{date: "2024-01-20", text: "Nonton debat semalam #DebatCapres"},
	})
}

// TestStanceCues: cues added or corrected — "unggul", "balas budi",
// sarcasm against, and cues that misfired.
func TestStanceCues(t *testing.T) {
	runCases(t, []caseRec{
		{date: "2024-02-15", text: "Alhamdulillah 02 unggul di quick count 🥳 selamat Pak Prabowo ✌️", want: want(g02)},
		{date: "2024-10-28", text: "Dana hibah masjid cair berkat perjuangan Pak Untung. Balas budi ya tgl 27 ✌️", want: want(h02)},
		{date: "2024-02-08", text: "Katanya mau perubahan tapi Anies cuma jago ngomong 🙄", want: want(g01)},
		{date: "2024-01-29", text: "Prabowo emosian gitu kok mau jd presiden, mending jgn", want: want(g02)},
		{date: "2024-09-28", text: "Pilkada ini sy all in HERA. Yg lain? skip 😎", want: want(h01)},
		// hard negatives
		{date: "2024-01-21", text: "Akreditasi unggul untuk SMPN 1, selamat bapak ibu guru 🎉"},
		{date: "2024-01-31", text: "Sy skip dulu bahas politik, ASN wajib netral 🙏"},
	})
}

// TestNeutralNotices: traffic notices, reprimands, reports of violations.
func TestNeutralNotices(t *testing.T) {
	runCases(t, []caseRec{
		{date: "2024-10-22", kind: KindShare, text: "Cari jalan alternatif ya bpk ibu 🙏", ctx: "Info lalin: Jl. Merdeka ditutup Minggu 08.00-13.00 untuk kampanye akbar paslon 02 UNUR"},
		{date: "2024-11-04", text: "Jalan depan kantor ditutup sementara krn kampanye paslon 01 HERA. Lewat jalur belakang ya 🙏"},
		{date: "2024-02-02", kind: KindComment, text: "Bu, maaf ini grup kantor, mohon jangan share materi kampanye di sini ya 🙏", ctx: "Ayo dukung Prabowo-Gibran satu putaran! ✌️"},
		{date: "2024-10-29", kind: KindComment, text: "Lho kok warga dibagi sembako pas kampanye? Laporin ke Bawaslu aja pak", ctx: "Beredar foto pembagian sembako berstiker UNUR"},
		// the same campaign words with a stance still flag
		{date: "2024-11-16", kind: KindShare, text: "Yuk hadir bapak ibu 🙏", ctx: "Kampanye akbar Untung-Nurul, Minggu di Lapangan Merdeka! #UNUR02", want: want(h02)},
	})
}

// TestOldSpellingNames: a KPU name in the old spelling ("Arinal Djunaidi")
// is found when written in today's ("Arinal Junaidi"), and the reverse.
func TestOldSpellingNames(t *testing.T) {
	s := allScreener(t)
	for _, c := range []struct {
		text string
		want string
	}{
		{"Ayo coblos Arinal Junaidi, gubernur Lampung pilihan kita! 💪", "pilkada-2024-18/01"},
		{"Ayo coblos Arinal Djunaidi, gubernur Lampung pilihan kita! 💪", "pilkada-2024-18/01"},
		{"Dumai butuh Ferdiansyah-Suparto, dukung terus! 🔥", "pilkada-2024-14.72/02"},
	} {
		rec := Record{ID: "t", Platform: "facebook", Kind: KindPost, CreatedAt: "2024-10-20T10:00:00+07:00"}
		rec.SetText(c.text)
		res := s.Screen(&rec)
		if !res.Flagged || len(res.Targets) != 1 || res.Targets[0] != c.want {
			t.Errorf("%q: flagged=%v targets %v, want [%s]\n  %s", c.text, res.Flagged, res.Targets, c.want, res.Explanation)
		}
	}
}

// TestSlogansAndSigns: a contestant followed by the office as a slogan,
// or by their own hand sign; a name before a verb in a headline is still
// the contestant.
func TestSlogansAndSigns(t *testing.T) {
	runCases(t, []caseRec{
		{date: "2024-01-20", text: "Anies presiden 2024! ☝️", want: want(g01)},
		{date: "2024-10-20", text: "HERA bupati! 🔥", want: want(h01)},
		{date: "2024-01-20", text: "Bareng Pak Prabowo ✌️", want: want(g02)},
		{date: "2024-01-20", text: "Fix pilih G@njar 🖤", want: want(g03)},
		{date: "2024-01-20", text: "Prabowo Kunjungi Pasar, Warga Teriak Dukung Dua Periode", want: want(g02)},
		// hard negatives
		{date: "2024-01-20", text: "Presiden Jokowi meresmikan tol, didampingi Menhan Prabowo"},
		{date: "2024-02-20", text: "Liburan keluarga ✌️😄"},
		{date: "2024-01-20", text: "Anak2 belajar berhitung: 1 jari, 2 jari, 3 jari 🖐️"},
	})
}

// TestListKeepsBallotNumbers: a numbered list makes "nomor 2" an item,
// but "02" and "paslon 2" in the same text still name the contestant.
func TestListKeepsBallotNumbers(t *testing.T) {
	runCases(t, []caseRec{
		{date: "2024-02-10", text: "Jangan salah pilih ya, coblos 02 ✌️ Programnya: 1. makan gratis 2. lanjut hilirisasi", want: want(g02)},
		{date: "2024-02-10", text: "Program paslon 2 yg sy suka: 1. makan gratis 2. hilirisasi. Mantap, lanjutkan!", want: want(g02)},
		{date: "2024-01-17", text: "Menu: 1. Nasi uduk 2. Lontong sayur 3. Bubur ayam. Pilih nomor 2 aja lah 😋"},
	})
}

// TestNewPhrasings: new wordings of the dev set's classes (obfuscation,
// negative campaigning, party attributes, gestures in reply to a
// contestant, invitations, office, goods, bios) and of its hard negatives.
func TestNewPhrasings(t *testing.T) {
	runCases(t, []caseRec{
		{date: "2024-01-20", text: "4nies pr3siden 2024 ☝️", want: want(g01)},
		{date: "2024-01-20", text: "Gibran anak haram konstitusi, tolak dinasti!", want: want(g02)},
		{date: "2024-01-20", text: "Ganjar cuma petugas partai, gak punya sikap sendiri 🙄", want: want(g03)},
		{date: "2024-01-20", text: "Anies jago tata kata, kerja nol besar", want: want(g01)},
		{date: "2024-01-21", kind: KindPhoto, text: "Rapat rutin DPC 🌹", caption: "Foto pemilik akun memakai jaket PSI di kantor DPC", want: want("pemilu-2024/psi")},
		{date: "2024-10-20", kind: KindComment, text: "☝️☝️", ctx: "Hendra Wijaya: Terima kasih warga Sungai Baru!", want: want(h01)},
		{date: "2024-10-20", kind: KindShare, text: "👍👍", ctx: "Debat publik: Untung Prasetyo paparkan program air bersih #UNUR02", want: want(h02)},
		{date: "2024-10-20", text: "Yuk ibu2 hadir di pengajian akbar bersama Bu Ratna Sari, calon wakil bupati no 1, Jumat di masjid agung", want: want(h01)},
		{date: "2024-10-20", text: "Pak Kadis minta semua staf hadir di deklarasi relawan DAFA Sabtu, absen dicek", want: want(h03)},
		{date: "2024-10-20", text: "Sembako dari Abah Untung sudah sampai di RW 03, jangan lupa tgl 27 ya ✌️", want: want(h02)},
		{date: "2024-10-20", kind: KindProfile, text: "ASN | Ayah | #DAFA03", want: want(h03)},
		{date: "2024-10-20", kind: KindProfile, text: "Pegawai Dinas Sosial", caption: "Foto profil twibbon 'Bersama HERA Tanjung Harapan Bangkit'", want: want(h01)},
		{date: "2024-02-14", text: "Alhamdulillah versi QC 01 menang di Jakarta!! ☝️ perubahan datang", want: want(g01)},
		{date: "2024-01-20", text: "Tahun ini sy nyoblos 03 aja lah, paling masuk akal programnya", want: want(g03)},
		{date: "2024-10-20", text: "Dari dulu keluarga besar kami pilih Pak Dedi, orangnya merakyat, insyaallah amanah", want: want(h03)},
		// negatives
		{date: "2024-01-20", text: "Garuda Indonesia delay lagi 2 jam 😩"},
		{date: "2024-01-20", text: "Pemutihan PKB kendaraan sampai akhir bulan, yuk bayar"},
		{date: "2024-01-20", text: "Anak2 belajar demokrasi lewat pemilihan ketua kelas, yg terpilih nomor 2 😄"},
		{date: "2024-10-20", text: "Bu Nurul Hidayah, kepala TK kami, pensiun bulan ini 🙏"},
		{date: "2024-10-20", text: "Untung ada tukang tambal ban dekat kantor 😅"},
		{date: "2024-10-20", text: "Tanjung Harapan sejahtera! Panen raya tahun ini melimpah 🌾"},
		{date: "2024-10-20", text: "KPU: pemungutan suara 27 November, cek DPT dan bawa undangan. Jangan golput!"},
		{date: "2024-10-20", kind: KindShare, text: "Info", ctx: "Bawaslu temukan APK paslon 01 dan 02 dipasang di pohon, segera ditertibkan"},
		{date: "2024-01-20", text: "Dinas kami menerima kunjungan Menhan Prabowo untuk peresmian gedung"},
		{date: "2024-01-20", text: "Nobar debat capres di kantor seru juga, beda pilihan tetap ngopi bareng ☕"},
	})
}
