package demo

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"
)

// ActivityRecord is one activity record of the demo stream, in the form of
// shared/contracts/scan.md §2 (it marshals to one JSON Lines record).
type ActivityRecord struct {
	ID            string   `json:"id"`
	Platform      string   `json:"platform"`
	Kind          string   `json:"kind"`
	Author        string   `json:"author"`
	CreatedAt     string   `json:"created_at"`
	URL           string   `json:"url,omitempty"`
	Text          string   `json:"text,omitempty"`
	ContextText   string   `json:"context_text,omitempty"`
	MediaCaptions []string `json:"media_captions,omitempty"`
}

// ActivityCount is the number of records [Activities] returns.
const ActivityCount = 300

// Activities returns a deterministic stream of social-media activity of the
// demo Pemda's staff, for the monitoring demo: ActivityCount records, most
// from September to November 2024 (the Pilkada Tanjung Harapan campaign),
// some from January and February 2024 (the Pemilu 2024 campaign). They are
// authored by accounts of ds ("@" + handle, on the account's platform),
// except about one in ten by handles no employee owns. About 30% take sides
// for or against a Pilkada pair (01 HERA, 02 UNUR, 03 DAFA) or a Pemilu
// 2024 pair; the rest are ordinary posts and hard negatives (neutral KPU and
// Bawaslu information, KPPS duty, football, cooking). Every text is made up
// from templates. Unlike the rest of the data set, these dates are later
// than [AsOf]. Ids are stable: "demo-fb-0001", "demo-ig-0001", … numbered
// per platform in time order.
func Activities(ds *Dataset) []ActivityRecord {
	r := rand.New(rand.NewPCG(seedHi^0xac71, seedLo^0x5eed))
	var staff []actAuthor
	for _, e := range ds.Employees {
		opd, _ := ds.OPDByCode(e.Current().OPDCode)
		for _, a := range e.Accounts {
			staff = append(staff, actAuthor{platform: a.Platform, handle: a.Handle, opd: opd.Name})
		}
	}
	if len(staff) == 0 {
		return nil
	}
	// A few dozen staff accounts are partisan; each favours one pair.
	partisans := make([]actAuthor, 0, 36)
	for _, i := range r.Perm(len(staff))[:min(36, len(staff))] {
		a := staff[i]
		a.fav = r.IntN(3)
		partisans = append(partisans, a)
	}
	// The 16 development-set handles are always among the active accounts.
	for _, a := range staff {
		for _, s := range seedPeople {
			if s.platform == a.platform && s.handle == a.handle && !slices.ContainsFunc(partisans, func(p actAuthor) bool {
				return p.platform == a.platform && p.handle == a.handle
			}) {
				a.fav = r.IntN(3)
				partisans = append(partisans, a)
			}
		}
	}

	recs := make([]ActivityRecord, 0, ActivityCount)
	for i := range ActivityCount {
		var a actAuthor
		switch {
		case i%10 == 9: // about 10%: not a registered account
			a = unknownAuthors[r.IntN(len(unknownAuthors))]
			a.fav = r.IntN(3)
		case r.IntN(100) < 45:
			a = partisans[r.IntN(len(partisans))]
		default:
			a = staff[r.IntN(len(staff))]
			a.fav = -1
		}
		var t actTemplate
		var fill *strings.Replacer
		var when time.Time
		roll := r.IntN(100)
		partisan := roll < 30
		if a.fav < 0 && partisan {
			a.fav = r.IntN(3)
		}
		switch {
		case partisan && roll < 8: // Pemilu 2024
			p := pemiluPairs[(a.fav+r.IntN(2))%3]
			if roll < 2 {
				t = pick(r, opposeTemplates)
			} else {
				t = pick(r, supportTemplates)
			}
			fill = p.replacer(r, a)
			when = randomTime(r, wibDate(2024, 1, 2), wibDate(2024, 2, 10))
		case partisan:
			p := pilkadaPairs[a.fav]
			if roll < 14 {
				p = pilkadaPairs[(a.fav+1+r.IntN(2))%3]
				t = pick(r, opposeTemplates)
			} else {
				t = pick(r, supportTemplates)
			}
			fill = p.replacer(r, a)
			when = randomTime(r, wibDate(2024, 9, 25), wibDate(2024, 11, 26))
		default:
			t = pick(r, neutralTemplates)
			fill = pilkadaPairs[r.IntN(3)].replacer(r, a)
			if r.IntN(100) < 15 {
				when = randomTime(r, wibDate(2024, 1, 2), wibDate(2024, 2, 20))
			} else {
				when = randomTime(r, wibDate(2024, 9, 1), wibDate(2024, 11, 30))
			}
		}
		rec := ActivityRecord{Platform: a.platform, Kind: t.kind, Author: "@" + a.handle,
			CreatedAt: when.Format(time.RFC3339), Text: fill.Replace(t.text), ContextText: fill.Replace(t.ctx)}
		for _, c := range t.caps {
			rec.MediaCaptions = append(rec.MediaCaptions, fill.Replace(c))
		}
		recs = append(recs, rec)
	}
	slices.SortStableFunc(recs, func(a, b ActivityRecord) int { return strings.Compare(a.CreatedAt, b.CreatedAt) })
	seq := map[string]int{}
	for i := range recs {
		rec := &recs[i]
		seq[rec.Platform]++
		n := seq[rec.Platform]
		rec.ID = fmt.Sprintf("demo-%s-%04d", platformAbbrev[rec.Platform], n)
		rec.URL = activityURL(rec.Platform, strings.TrimPrefix(rec.Author, "@"), n)
	}
	return recs
}

// ActivitiesJSONL returns records as JSON Lines (contract §2).
func ActivitiesJSONL(recs []ActivityRecord) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	for _, rec := range recs {
		_ = enc.Encode(rec) // cannot fail: strings only
	}
	return b.Bytes()
}

var platformAbbrev = map[string]string{PlatformFacebook: "fb", PlatformInstagram: "ig", PlatformX: "x", PlatformTikTok: "tt"}

func activityURL(platform, handle string, n int) string {
	id := 7300000000 + n*7919
	switch platform {
	case PlatformFacebook:
		return fmt.Sprintf("https://www.facebook.com/%s/posts/%d", handle, id)
	case PlatformInstagram:
		return fmt.Sprintf("https://www.instagram.com/p/DmO%06d/", id%1000000)
	case PlatformX:
		return fmt.Sprintf("https://x.com/%s/status/18%d", handle, id)
	case PlatformTikTok:
		return fmt.Sprintf("https://www.tiktok.com/@%s/video/74%d", handle, id)
	}
	return ""
}

var wib = time.FixedZone("WIB", 7*3600)

func wibDate(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, wib) }

// randomTime returns a time between from and to (exclusive), between 05:00
// and 23:00 WIB, to the minute.
func randomTime(r *rand.Rand, from, to time.Time) time.Time {
	days := int(to.Sub(from).Hours() / 24)
	return from.AddDate(0, 0, r.IntN(max(days, 1))).Add(time.Duration(5*60+r.IntN(18*60)) * time.Minute)
}

func pick(r *rand.Rand, ts []actTemplate) actTemplate { return ts[r.IntN(len(ts))] }

type actAuthor struct {
	platform, handle string
	opd              string // unit name, "" when unknown
	fav              int    // favoured pair (0..2), -1 for none
}

// unknownAuthors own no demo account: their records stay unattributed.
var unknownAuthors = []actAuthor{
	{platform: PlatformFacebook, handle: "warga.tjharapan"},
	{platform: PlatformFacebook, handle: "info.pasirputih"},
	{platform: PlatformFacebook, handle: "mak.ijah.olshop"},
	{platform: PlatformFacebook, handle: "relawan.kec.timur"},
	{platform: PlatformInstagram, handle: "tanjungharapan.update"},
	{platform: PlatformInstagram, handle: "kuliner.tjh"},
	{platform: PlatformInstagram, handle: "rizky_ardian99"},
	{platform: PlatformX, handle: "bungsu_tjh"},
	{platform: PlatformX, handle: "pengamat_lokal"},
	{platform: PlatformTikTok, handle: "dimas.vlog.tjh"},
	{platform: PlatformTikTok, handle: "ciwi.ciwi.tjh"},
}

// pair is a contestant pair as the templates name it.
type pair struct {
	no       string   // ballot number, "01"
	names    string   // "Hendra Wijaya–Ratna Sari"
	aliases  []string // short names
	hashtags []string
	slogans  []string
	gesture  string
	place    string // where the pair campaigns
}

var pilkadaPairs = []pair{
	{no: "01", names: "Hendra Wijaya-Ratna Sari", aliases: []string{"HERA", "Bang Hendra", "Hendra-Ratna"},
		hashtags: []string{"#HeRaMenang", "#HERA01"}, slogans: []string{"Tanjung Harapan Bangkit"}, gesture: "☝️", place: "Tanjung Harapan"},
	{no: "02", names: "Untung Prasetyo-Nurul Hidayah", aliases: []string{"UNUR", "Abah Untung", "Untung-Nurul"},
		hashtags: []string{"#UntungNurulMenang", "#UNUR02"}, slogans: []string{"Tanjung Harapan Sejahtera", "Pasti Untung"}, gesture: "✌️", place: "Tanjung Harapan"},
	{no: "03", names: "Dedi Saputra-Ahmad Fauzi", aliases: []string{"DAFA", "Pak Dedi", "Dedi-Fauzi"},
		hashtags: []string{"#DAFAPastiBisa", "#DAFA03"}, slogans: []string{"Tanjung Harapan Pasti Bisa"}, gesture: "salam tiga jari", place: "Tanjung Harapan"},
}

var pemiluPairs = []pair{
	{no: "01", names: "Anies Baswedan-Muhaimin Iskandar", aliases: []string{"AMIN", "Anies-Imin", "Abah Anies"},
		hashtags: []string{"#AMINAjaDulu", "#AniesMuhaimin2024"}, slogans: []string{"Perubahan"}, gesture: "☝️", place: "Indonesia"},
	{no: "02", names: "Prabowo Subianto-Gibran Rakabuming Raka", aliases: []string{"Prabowo-Gibran", "Mas Gibran", "Pak Prabowo"},
		hashtags: []string{"#PrabowoGibran2024", "#PrabowoGibranSatuPutaran"}, slogans: []string{"Oke Gas", "Indonesia Maju"}, gesture: "✌️", place: "Indonesia"},
	{no: "03", names: "Ganjar Pranowo-Mahfud MD", aliases: []string{"Ganjar-Mahfud", "Pak Ganjar", "GAMA"},
		hashtags: []string{"#GanjarMahfud2024", "#GaMa"}, slogans: []string{"Sat Set", "Menuju Indonesia Unggul"}, gesture: "salam tiga jari", place: "Indonesia"},
}

func (p pair) replacer(r *rand.Rand, a actAuthor) *strings.Replacer {
	opd := a.opd
	if opd == "" {
		opd = "kantor"
	}
	return strings.NewReplacer(
		"{NO}", p.no, "{N}", p.names, "{A}", p.aliases[r.IntN(len(p.aliases))],
		"{H}", p.hashtags[r.IntN(len(p.hashtags))], "{S}", p.slogans[r.IntN(len(p.slogans))],
		"{G}", p.gesture, "{P}", p.place, "{OPD}", opd,
		"{TPS}", fmt.Sprintf("%02d", 1+r.IntN(24)), "{KEL}", pickStr(r, "Sukamaju", "Pasar Baru", "Tanjung Sari", "Bukit Indah", "Kampung Nelayan"),
	)
}

// actTemplate is one activity with placeholders: {NO} ballot number, {N}
// the pair's names, {A} an alias, {H} a hashtag, {S} a slogan, {G} the
// gesture, {P} the region, {OPD} the author's unit, {TPS} a polling-station
// number, {KEL} a kelurahan. Empty fields are left out of the record.
type actTemplate struct {
	kind, text, ctx string
	caps            []string
}

var supportTemplates = []actTemplate{
	{kind: "post", text: "Udah mantep pilih {A} nomor urut {NO} 🔥 {S}! {H}"},
	{kind: "post", text: "Tgl coblosan jgn lupa ya gaes, coblos no {NO} {A}, paling peduli sama rakyat kecil 💪 {H}"},
	{kind: "post", text: "Ayo menangkan {N}! Sudah waktunya {P} dipimpin yg amanah 🙏 {H}"},
	{kind: "post", text: "Bismillah, keluarga besar kami solid dukung {A} 💯 {S}"},
	{kind: "post", text: "Yg masih bingung, pilih aja {A}. Programnya jelas, orangnya merakyat 😎 {H}"},
	{kind: "comment", text: "setuju bgt, {A} pasti menang 👍👍", ctx: "Kampanye akbar paslon {NO} {N} di lapangan, ribuan warga hadir"},
	{kind: "comment", text: "gasss {H} 🔥🔥🔥", ctx: "Debat publik: {A} paparkan program berobat gratis"},
	{kind: "comment", text: "pokoknya {NO} menang, harga mati 😤", ctx: "Survei terbaru elektabilitas paslon {P}"},
	{kind: "share", text: "mantap pak 👍", ctx: "Ayo dukung {N}, nomor urut {NO}! {S} {H}"},
	{kind: "share", text: "sebarkan!! {G}", ctx: "Relawan {A} siap menangkan paslon {NO} di semua kecamatan {H}"},
	{kind: "share", text: "ini baru pemimpin 🥹", ctx: "Video: {A} blusukan ke pasar, disambut emak2. Pilih nomor {NO}!"},
	{kind: "like", ctx: "Relawan {A} siap memenangkan paslon {NO}, coblos nomor {NO}! {H}"},
	{kind: "like", ctx: "{S}! Bersama {N} kita menang satu putaran {H}"},
	{kind: "photo", text: "{G} 😁 {H}", caps: []string{"foto bareng {A} di posko pemenangan", "kaos bertuliskan Coblos No {NO}"}},
	{kind: "photo", text: "seru bgt acara td 🥳", caps: []string{"spanduk: Menangkan {N} Nomor Urut {NO} - {S}"}},
	{kind: "video", text: "jingle nya nempel trs 🎶 {H}", caps: []string{"video joget jingle kampanye {A} '{S}'"}},
	{kind: "story", caps: []string{"stiker: Coblos No {NO} {A} {H}"}},
	{kind: "story", text: "otw kampanye {A} 🚗", caps: []string{"foto rombongan berkaos {H}"}},
	{kind: "follow", ctx: "Relawan Pemenangan {A} {NO} - {S} {H}"},
	{kind: "join_group", ctx: "Barisan Pendukung {N} ({A}) Nomor Urut {NO} - Tim Pemenangan {H}"},
	{kind: "profile", text: "ASN | pendukung {A} garis keras {G} {H}"},
}

var opposeTemplates = []actTemplate{
	{kind: "post", text: "Jgn pilih {A}, janji2 doang 😤 paslon {NO} cuma pencitraan"},
	{kind: "post", text: "Asal bukan {A} deh, kapok 🙄 tolak paslon {NO}"},
	{kind: "comment", text: "halah, jangan pilih {A} lah, programnya omong kosong 🙄", ctx: "Paslon {NO} {N} klaim berhasil bangun jalan desa"},
	{kind: "share", text: "nah kan 🤦 jangan sampai {A} menang", ctx: "Rekam jejak {N} dipertanyakan warga, tolak paslon {NO}"},
	{kind: "like", ctx: "Stop {A}! Jangan pilih paslon nomor {NO}, {P} butuh perubahan"},
}

var neutralTemplates = []actTemplate{
	// Office and life.
	{kind: "post", text: "Apel pagi di halaman {OPD}, semangat melayani masyarakat 💪"},
	{kind: "post", text: "Rapat koordinasi penyusunan RKPD 2025 hari ini, lanjut lembur dikit 😅"},
	{kind: "post", text: "Alhamdulillah SPJ triwulan beres jg 🙏 saatnya ngopi ☕"},
	{kind: "post", text: "Hati2 ya, jalan depan pasar Kelurahan {KEL} banjir sebetis 🌧️"},
	{kind: "post", text: "Nasi uduk langganan depan {OPD} emang juara 😋"},
	{kind: "post", text: "Rapat RT malam ini bahas jadwal ronda sama kerja bakti hari Minggu, bapak2 jgn lupa hadir ya"},
	{kind: "post", text: "GARUDA MENANG!! 🇮🇩🔥 Timnas mainnya ngeri bgt malam ini, Garuda di dadaku!"},
	{kind: "post", text: "Resep tumis kangkung pake pan anti lengket, 10 menit jadi 🍳 enak poll"},
	{kind: "post", text: "Pak Untung tetangga sebelah baru buka warung bakso, rame terus 🍜"},
	{kind: "post", text: "Alhamdulillah dilantik jadi anggota KPPS TPS {TPS} Kelurahan {KEL}, mohon doanya lancar bertugas 🙏"},
	{kind: "post", text: "Pengingat: ASN wajib netral dalam Pilkada 2024. Jangan like, share, atau komentar konten kampanye ya rekan2 🙏"},
	{kind: "post", text: "Bimtek KPPS hari ini, belajar isi formulir C hasil. Capek tp seru 📋"},
	{kind: "comment", text: "mantap, sehat2 terus bu 🙏", ctx: "Posyandu balita Kelurahan {KEL} bulan ini ramai"},
	{kind: "comment", text: "wkwk relate bgt", ctx: "Kalau akhir bulan: gaji numpang lewat 😂"},
	{kind: "comment", text: "siap hadir pak", ctx: "Undangan senam sehat bersama hari Jumat di halaman {OPD}"},
	{kind: "comment", text: "makasih infonya min", ctx: "KPU: pemungutan suara Pilkada serentak tanggal 27 November 2024, pukul 07.00-13.00 di TPS masing-masing"},
	{kind: "share", text: "info penting nih, jgn lupa cek DPT ya", ctx: "KPU Kabupaten {P}: cek nama kamu di DPT lewat cekdptonline.kpu.go.id"},
	{kind: "share", text: "📢 untuk rekan2 ASN", ctx: "Bawaslu: ASN dilarang terlibat kampanye, termasuk like dan share unggahan peserta pemilihan"},
	{kind: "share", text: "ayo daftar, kuota terbatas", ctx: "Pendaftaran pelatihan UMKM gratis dari Dinas Koperasi dibuka"},
	{kind: "share", text: "turut berduka 🤲", ctx: "Innalillahi, telah berpulang ayahanda rekan kita di {OPD}"},
	{kind: "like", ctx: "Dinas Kesehatan: jadwal vaksinasi dan posyandu bulan ini"},
	{kind: "like", ctx: "Selamat HUT Kabupaten {P}, makin maju dan sejahtera warganya"},
	{kind: "like", ctx: "Persatu {P} FC menang 2-1 di laga kandang ⚽"},
	{kind: "photo", text: "wisuda TK si kecil 🥹🎓", caps: []string{"anak memakai toga di panggung sekolah"}},
	{kind: "photo", text: "kerja bakti bareng warga RT 03 🧹", caps: []string{"warga membersihkan selokan"}},
	{kind: "photo", text: "siap bertugas di TPS {TPS} 💪", caps: []string{"petugas KPPS berseragam di depan kotak suara"}},
	{kind: "photo", text: "ootd batik hari Kamis 😎", caps: []string{"foto selfie di depan kantor {OPD}"}},
	{kind: "video", text: "senam pagi biar sehat 💃", caps: []string{"video senam bersama pegawai {OPD}"}},
	{kind: "video", text: "gol tadi malem 🔥🔥", caps: []string{"cuplikan gol Timnas Garuda vs lawan"}},
	{kind: "story", caps: []string{"foto kopi susu dan gorengan, tulisan: Senin lagi 😩"}},
	{kind: "story", text: "mudik dulu gaes 🚌", caps: []string{"pemandangan sawah dari jendela bus"}},
	{kind: "follow", ctx: "Pemerintah Kabupaten {P} (akun resmi)"},
	{kind: "follow", ctx: "KPU Kabupaten {P} - informasi tahapan Pilkada 2024"},
	{kind: "follow", ctx: "Resep Masakan Rumahan - ide menu harian"},
	{kind: "join_group", ctx: "Grup Jual Beli {P} & sekitarnya"},
	{kind: "join_group", ctx: "Komunitas Gowes ASN {P} 🚴"},
	{kind: "join_group", ctx: "Info Loker dan Pelatihan Kerja {P}"},
	{kind: "profile", text: "ASN {OPD} | Bapak/Ibu 2 anak | hobi mancing 🎣"},
	{kind: "profile", text: "Melayani dengan hati 🙏 | {OPD}"},
}
