package screen

// cueKind classifies a built-in phrase.
type cueKind uint8

const (
	cueNone       cueKind = iota
	cueSupport            // praise and support: dukung, menangkan, jagoan, mantap
	cueVote               // call to vote: coblos, pilih
	cueOppose             // opposition: jangan pilih, tolak, insults
	cueTeam               // campaign team: relawan, tim pemenangan, TKN, posko
	cueMember             // party membership: kader, KTA, pengurus
	cueAttribute          // attributes and props: kaos, bendera, twibbon, berlogo
	cueCampaign           // campaign events and material: kampanye, deklarasi, jingle
	cueMobilise           // using one's office: arahan pimpinan, wajib hadir, seluruh staf
	cueGoods              // handing out goods: sembako, bansos, titipan
	cueInvite             // invitation to an event: hadir, ramaikan, silaturahmi bersama
	cuePhoto              // photo with someone: foto bersama, bersalaman
	cueNeutral            // civic neutrality: hak pilih, jangan golput, ASN netral
	cueOfficial           // official election information: KPU, hasil pengundian
	cueStaff              // serving as election staff: KPPS, PPS, PPK
	cueNews               // news, reports, discussion
	cueInnocent           // a phrase that uses a name or party word innocently
	cueRegion             // the name of an election's region (innocent, and names the election)
	cueOtherElect         // another kind of election: ketua RT, pilkades, ketua OSIS
	cueFamily             // a child or relative: the given names nearby are theirs
	cueAsk                // a question asking whom to vote for ("pilih siapa?")
)

// isStance reports cues that can carry a stance toward a target.
func (k cueKind) isStance() bool {
	switch k {
	case cueSupport, cueVote, cueOppose, cueTeam, cueMember, cueAttribute, cueCampaign,
		cueMobilise, cueGoods, cueInvite, cuePhoto, cueAsk:
		return true
	}
	return false
}

// isNeutral reports cues that point to a neutral reading.
func (k cueKind) isNeutral() bool {
	return k == cueNeutral || k == cueOfficial || k == cueStaff || k == cueNews
}

// cueGroup is a list of phrases of one kind and strength. Phrases are
// written in ordinary Indonesian; they go through the same normaliser as
// the text, so "jgn" and "jangan", "no" and "nomor" need not be listed twice.
type cueGroup struct {
	kind     cueKind
	strength float32
	phrases  []string
}

var builtinCues = []cueGroup{
	// Calls to vote.
	{cueVote, 0.9, []string{
		"coblos", "mencoblos", "dicoblos", "coblosnya", "coblos lagi", "tusuk", "contreng",
		"pilih", "pilihlah", "memilih", "pilih lagi", "pilih nomor", "coblos nomor",
		"jangan lupa coblos", "jangan lupa pilih", "pilih yang", "ajak pilih",
	}},
	// Repaying a favour with a vote.
	{cueVote, 0.75, []string{"balas budi", "membalas budi", "balas jasa", "tahu balas budi"}},
	// Strong support.
	{cueSupport, 0.85, []string{
		"dukung", "mendukung", "dukunglah", "didukung", "dukungan", "dukungannya", "dukunganku",
		"dukungan kami", "pendukung", "pendukung setia", "pendukung garis lurus", "garis lurus",
		"menangkan", "memenangkan", "siap menangkan", "siap memenangkan", "menangkan lagi",
		"jagoan", "jagoanku", "jagoan kita", "jagoan kami", "idolaku", "idola kita",
		"all in", "all out", "sy dukung", "saya dukung", "kami dukung", "sy pilih", "saya pilih",
		"kami pilih", "dukung 100", "harga mati", "satu putaran", "sekali putaran", "siap kawal", "kawal sampai menang",
		"pilihan kami", "pilihan saya", "pilihanku", "pilihan keluarga", "pilihan tepat", "pilihan terbaik",
		"pilihan rakyat", "pilihan cerdas", "pilihan kita", "pilihan hati", "pilihan hatiku",
		"dalam hati", "di hati", "di hatiku", "tetap di hati",
		"garis keras", "tidak ada obat", "tidak ada lawan", "no debat", "presidenku", "presiden pilihanku", "bupatiku", "gubernurku", "walikotaku",
		"semoga terpilih", "semoga menang", "pasti menang", "menang telak", "insyaallah menang",
		"mohon doa dan dukungan", "mohon dukungan", "mohon dukungannya", "minta dukungan",
		"layak dipilih", "layak jadi", "pantas jadi", "pantas dipimpin", "wajib menang",
		"sudah mantap", "sudah mantep", "jelas ke", "pilihan jatuh", "tetap pilih",
		"lanjutkan", "lanjut 2 periode", "2 periode", "teruskan",
		"panutanku", "panutan kami", "panutan kita", "idolaku", "siapa lagi kalau bukan", "siapa lagi kalau tidak",
		"ini baru pemimpin", "ini baru presiden", "ini baru bupati", "ini baru negarawan",
		"tidak ada alasan untuk tidak", "tidak ada alasan buat tidak",
		"niat sudah bulat", "niatnya sudah bulat", "tekad sudah bulat", "sudah bulat", "pilihan sudah bulat",
		"semoga jadi presiden", "semoga jadi bupati", "semoga jadi gubernur", "semoga jadi walikota",
	}},
	// Medium support and praise.
	{cueSupport, 0.6, []string{
		"menang", "menangkan kita", "kemenangan", "pemenang", "jadi presiden", "jadi bupati",
		"jadi gubernur", "jadi walikota", "jadi wali kota", "presiden kita", "wapres kita",
		"bupati kita", "gubernur kita", "walikota kita", "pemimpin kita", "calon pemimpin kita",
		"pemimpin masa depan", "pemimpin baru", "pemimpin sejati", "pemimpin idaman", "sosok pemimpin",
		"pemimpin yang", "pemimpin yg", "gas", "gas terus", "gaspol", "jos", "mantap", "mantul",
		"hebat", "luar biasa", "terbaik", "paling masuk akal", "paling layak", "paling bagus",
		"paling pas", "merakyat", "amanah", "tegas", "pro rakyat", "peduli rakyat", "hidup",
		"menyala", "bersama kita", "kita wujudkan", "wujudkan", "bersatu", "pokoknya", "nah ini baru",
		"ini baru", "yakin", "optimis", "lanjut", "lanjut terus", "maju terus", "terus maju",
		"jangan lupa", "ingat", "gercep", "bukti nyata", "siap", "kompak", "solid", "tempur",
		"siap tempur", "berjuang", "setuju", "cocok", "sepakat", "top",
		"panutan", "idola", "teladan", "unggul", "terbukti", "sudah terbukti", "berkat", "kata hati",
		"ikut kata hati", "pilihannya", "ri 1", "paling benar", "paling bersih", "paling jujur",
		"paling tepat", "paling cocok", "paling pantas", "paling berpengalaman", "paling siap",
		"paket lengkap",
	}},
	// Weak support: encouragement and approving emoji.
	{cueSupport, 0.35, []string{
		"ayo", "mari", "semangat", "keren", "mantab", "sip", "oke", "joss", "bismillah", "tetap",
		"👍", "👏", "💪", "🔥", "❤", "💙", "💚", "💛", "🧡", "❤️", "😍", "🥰", "🫡", "💯", "🙌",
		"🖤", "🤍", "semoga", "insyaallah", "selamat", "pilihan",
	}},
	{cueSupport, 0.3, []string{"alhamdulillah"}},
	// Opposition.
	{cueOppose, 0.9, []string{
		"jangan pilih", "jangan memilih", "jangan dipilih", "jangan coblos", "jangan dicoblos",
		"jangan mau pilih", "jangan sampai terpilih", "jangan sampai menang", "tolak", "menolak",
		"asal bukan", "turunkan", "ganti presiden", "ganti bupati", "ganti gubernur",
		"haram dipilih", "jangan mau ditipu", "jangan mau dibodohi", "stop", "hentikan",
		"jangan sampai salah pilih", "salah pilih", "tidak layak", "tidak pantas", "gak layak",
		"tidak layak dipilih", "sayangi anak cucu",
	}},
	{cueOppose, 0.65, []string{
		"gagal", "tidak becus", "gak becus", "tidak beres", "gak beres", "pembohong", "bohong",
		"penipu", "ditipu", "tipu", "pencitraan", "karbitan", "anak haram konstitusi", "dinasti",
		"politik dinasti", "nepotisme", "boneka", "petugas partai", "antek", "korup", "koruptor",
		"maling", "bodoh", "goblok", "tolol", "bego", "dungu", "plonga plongo", "planga plongo",
		"cuma modal", "modal bapaknya", "modal bapak", "cuma pinter ngomong", "pinter ngomong doang",
		"hanya pinter ngomong", "cuma jago ngomong", "jago ngomong doang", "cuma bisa ngomong",
		"omdo", "omong doang", "omong kosong", "emosian", "pemarah", "temperamental", "kok mau jadi",
		"mending jangan", "jangan deh", "nol besar", "tidak ada hasil", "tidak ada hasilnya", "jual agama", "pengkhianat", "khianat", "ingkar janji",
		"tersangkut kasus", "tersangka", "banyak omong", "cuma janji", "janji palsu", "share sebanyak",
		"sebarkan", "viralkan", "anti", "lawan", "jangan nyalon", "tidak usah nyalon", "mundur",
		"mangkrak", "bermasalah", "utang", "kasus", "tidak kompeten", "bau kencur", "ingusan",
		"anak ingusan", "anak kemarin sore", "belum layak", "belum pantas", "belum siap", "tidak deh",
		"kecewa", "kecewa dengan", "muak", "benci", "menyesal pilih", "tidak percaya lagi",
	}},
	{cueOppose, 0.35, []string{"🙄", "😒", "👎", "🤮", "💩", "🤡"}},
	// Campaign team and accounts.
	{cueTeam, 0.85, []string{
		"relawan", "tim pemenangan", "tim sukses", "timses", "tim kampanye", "tim nasional pemenangan",
		"tkn", "tkd", "tpn", "tpd", "posko pemenangan", "pemenangan", "posko", "koordinator relawan",
		"korlap", "barisan", "laskar", "simpatisan", "fans club", "fanbase", "komunitas pendukung",
		"juru kampanye", "jurkam", "saksi paslon", "grup pemenangan", "akun pemenangan",
		"tim hore", "sukarelawan", "apel relawan",
	}},
	{cueTeam, 0.5, []string{
		"akun resmi", "grup resmi", "official account", "sahabat", "koalisi", "grup wa", "grup",
	}},
	// Party membership.
	{cueMember, 0.9, []string{
		"kader", "kader partai", "anggota partai", "kta", "kartu tanda anggota", "kartu anggota",
		"pengurus", "pengurus partai", "ketua dpc", "ketua dpd", "ketua dpw", "ketua ranting",
		"dpc", "dpd", "dpw", "dpp", "pac", "ranting", "konsolidasi kader", "rapat kader",
		"resmi bergabung", "bergabung dengan partai", "masuk partai", "keanggotaan", "anggota resmi",
		"bacaleg", "mars partai", "simpatisan", "loyalis",
	}},
	{cueMember, 0.55, []string{"caleg", "anggota", "bersama bapak caleg", "caleg kita"}},
	// Attributes and campaign props.
	{cueAttribute, 0.8, []string{
		"kaos", "kaus", "jaket", "atribut", "bendera", "berlogo", "logo", "bergambar", "bertuliskan",
		"stiker", "sticker", "twibbon", "baliho", "spanduk", "poster", "pin", "rompi", "slayer",
		"seragam partai", "alat peraga", "apk", "banner", "kalender", "topi",
	}},
	{cueAttribute, 0.4, []string{"memakai", "pakai", "mengenakan", "warna", "latar"}},
	// Campaign events and material.
	{cueCampaign, 0.75, []string{
		"kampanye", "kampanye akbar", "deklarasi", "konsolidasi", "jingle", "lagu kampanye",
		"yel yel", "orasi", "blusukan", "safari politik", "konser kampanye", "panggung kampanye",
		"flyer", "pamflet", "brosur", "joget", "rapat umum", "kunjungan kampanye", "slogan",
	}},
	// Using one's office to mobilise others, or threatening them.
	{cueMobilise, 0.75, []string{
		"arahan", "arahan pimpinan", "sesuai arahan", "arahan pak kadis", "instruksi", "perintah",
		"wajib", "wajib hadir", "wajib datang", "wajib ikut", "diwajibkan", "seluruh staf",
		"seluruh pegawai", "semua pegawai", "semua staf", "staf honorer", "pegawai", "honorer",
		"absen", "absensi", "kontrak", "kontraknya", "dievaluasi", "evaluasi", "mutasi", "nik",
		"data nama", "dikumpulkan", "kumpulkan", "minimal", "target suara", "rekan kantor",
		"bapak ibu guru", "wali murid", "ajak keluarga", "ajak", "mengajak", "arahkan",
		"sbg kabid", "sebagai kabid", "sebagai kepala", "kadis", "kabid", "kepala dinas",
		"kepala sekolah", "camat", "lurah", "kepala desa", "kades", "sekdes", "halaman kantor",
		"dari kantor", "bus", "fasilitas kantor", "mobil dinas",
	}},
	// Handing out goods.
	{cueGoods, 0.75, []string{
		"sembako", "bansos", "titipan", "serangan fajar", "amplop", "bagi bagi", "dibagikan",
		"membagikan", "door prize", "doorprize", "paket sembako", "sembako dari", "bantuan dari",
	}},
	{cueGoods, 0.35, []string{
		"bantuan", "paket", "uang", "hadiah", "kupon", "peduli", "sumbangan", "santunan", "berbagi", "bagikan",
	}},
	// Invitations to campaign events.
	{cueInvite, 0.7, []string{
		"hadir", "hadiri", "menghadiri", "datang", "datanglah", "kumpul", "berkumpul", "ramaikan",
		"meriahkan", "undangan", "mengundang", "silaturahmi", "silaturahmi bersama", "acara",
		"temu kangen", "ayo hadir", "mohon hadir", "ikut apel", "apel", "tatap muka",
	}},
	{cueInvite, 0.6, []string{"ikut ya", "ayo ikut", "ikut ke", "ikut kampanye"}},
	// Photos with someone.
	{cuePhoto, 0.6, []string{
		"foto bersama", "berfoto", "berfoto bersama", "swafoto", "selfie", "bersalaman", "salaman",
		"foto pemilik akun bersama", "foto bareng",
	}},
	{cuePhoto, 0.35, []string{"bersama", "bareng", "berpose", "pose"}},
	// Civic neutrality.
	{cueNeutral, 0.75, []string{
		"hak pilih", "gunakan hak pilih", "hak pilihmu", "hak pilihnya", "jangan golput", "golput",
		"apa pun pilihannya", "apapun pilihannya", "apapun hasilnya", "apa pun hasilnya",
		"pilihan boleh beda", "boleh beda pilihan", "beda pilihan", "tentukan pilihan",
		"tentukan pilihanmu", "tentukan pilihan sendiri", "sesuai hati nurani", "pemilu damai",
		"pilkada damai", "pilpres damai", "pemilu jujur dan adil", "jurdil", "jaga persatuan",
		"tetap saudara", "tetap bersatu", "tetap tetangga", "netral", "asn netral", "wajib netral",
		"netralitas", "jaga netralitas", "tolak politik uang", "politik uang", "lawan hoaks",
		"jangan mudah termakan hoaks", "semua paslon", "semua calon", "masing masing paslon",
		"masing masing calon", "paslon mana pun", "calon mana pun", "siapa pun", "siapapun",
		"menilai sendiri", "silakan menilai", "pemilih cerdas", "pemilih kritis", "visi misi semua",
		"bandingkan", "tidak memihak", "tidak mendukung", "bukan pendukung", "tidak berpihak",
		"tanpa memihak", "dilarang", "larangan", "tidak boleh", "jangan ikut", "hindari",
		"ikrar netralitas", "bermartabat", "persaudaraan", "no comment",
	}},
	{cueNeutral, 0.75, []string{
		"jangan share", "jangan sebar", "jangan disebar", "jangan like", "jangan komen", "jangan posting",
		"jangan bagikan", "saya hapus", "sebaiknya dihapus", "mohon dihapus", "tolong dihapus", "harap dihapus",
	}},
	{cueNeutral, 0.6, []string{"rahasia", "pilihan rahasia"}},
	{cueNeutral, 0.4, []string{
		"grup kantor", "grup dinas", "grup sekolah", "grup keluarga", "grup alumni", "grup arisan",
		"grup rt", "grup warga", "grup guru",
	}},
	// Reporting a violation.
	{cueNews, 0.8, []string{
		"laporkan", "lapor ke bawaslu", "laporkan ke bawaslu", "lapor bawaslu", "pelanggaran", "melanggar",
	}},
	{cueNeutral, 0.4, []string{"skip"}},
	// Traffic and service notices: a campaign event as the reason for a closed road.
	{cueOfficial, 0.8, []string{
		"lalu lintas", "info lalu lintas", "jalan ditutup", "ditutup sementara", "penutupan jalan",
		"pengalihan arus", "jalur alternatif", "jalan alternatif", "rekayasa lalu lintas", "hindari ruas",
		"hindari jalan",
	}},
	{cueOfficial, 0.3, []string{"masa tenang", "quick count", "hitung cepat"}},
	// Official election information.
	{cueOfficial, 0.55, []string{
		"kpu", "bawaslu", "dkpp", "panwaslu", "hasil pengundian", "pengundian nomor urut",
		"pengundian", "debat publik", "debat capres", "debat cawapres", "debat kandidat", "debat",
		"jadwal", "daftar pemilih", "cek dpt", "rekapitulasi", "penetapan", "ditetapkan",
		"tetapkan", "menetapkan", "resmi ditetapkan", "terpilih", "dilantik", "pelantikan",
		"resmi dilantik", "mendaftar", "pendaftaran", "bakal calon", "bapaslon", "verifikasi",
		"surat suara", "kotak suara", "logistik", "real count", "hasil resmi",
		"sosialisasi", "simulasi", "polling", "survei",
	}},
	// Serving as election staff.
	{cueStaff, 0.85, []string{
		"kpps", "anggota kpps", "pps", "ppk", "ppdp", "pantarlih", "panwascam", "pengawas tps",
		"ptps", "petugas", "bertugas", "penyelenggara", "linmas", "siap bertugas",
		"rekapitulasi suara", "penghitungan suara", "pemungutan suara",
	}},
	// Fact checks and debunks.
	{cueNews, 0.8, []string{
		"cek fakta", "hoaks", "disinformasi", "klarifikasi", "hasil suntingan", "tidak benar",
		"faktanya", "salah", "keliru", "misinformasi", "turnbackhoax", "menyesatkan",
	}},
	// News, reports and discussion.
	{cueNews, 0.45, []string{
		"berita", "info", "informasi", "breaking news", "menurut", "ujar", "mengatakan",
		"dilaporkan", "melaporkan", "rapat kerja", "kunjungan kerja", "kunker", "meresmikan",
		"peresmian", "menhan", "menteri", "presiden jokowi", "kabinet", "komisi", "dpr",
		"elektabilitas", "hasil survei", "putusan", "sidang", "mahkamah konstitusi", "putusan mk", "gugatan", "diskusi",
		"kuliah", "mahasiswa", "akademik", "argumen", "konstitusional", "analisis", "pengamat",
		"menyapa", "makan bersama", "bertemu", "membahas", "menggelar", "digelar",
		"dihadiri", "ujarnya", "tuturnya", "ungkapnya", "diikuti", "berlangsung", "tampak", "wartawan", "media", "laporan",
		"tautan",
	}},
	// Other elections: the numbers and common names nearby are theirs.
	{cueOtherElect, 0, []string{
		"ketua rt", "ketua rw", "pemilihan rt", "pemilihan rw", "pemilihan ketua", "pilkades",
		"pemilihan kepala desa", "calon kepala desa", "calon kades", "pemilihan kades", "ketua osis",
		"osis", "karang taruna", "ketua kelas", "pemira", "ketua bem", "ketua himpunan", "ketua pkk",
		"ketua arisan", "ketua koperasi", "ketua paguyuban", "ketua panitia", "pilpres as", "pemilu as",
		"pemilihan ketua umum", "musyawarah",
	}},
	// Children and relatives.
	{cueFamily, 0, []string{
		"anakku", "anak saya", "anak kami", "anak kita", "si kecil", "jagoan ayah", "jagoan bunda",
		"jagoan mama", "jagoan papa", "jagoan kecil", "jagoan kecilku", "jagoan ibu", "putraku",
		"putriku", "putra kami", "putri kami", "putra saya", "putri saya", "cucuku", "cucu saya",
		"cucu kami", "keponakan", "ponakan", "ya nak", "anak sholeh", "anak soleh", "anak saleh",
		"anak salihah", "anak sholehah", "khitanan", "sunatan", "aqiqah", "akikah",
	}},
	// Questions asking whom to vote for: a reply naming a contestant answers them.
	{cueAsk, 0.75, []string{
		"pilih siapa", "memilih siapa", "siapa pilihanmu", "pilihanmu siapa", "jagoanmu siapa",
		"siapa jagoanmu", "jagoannya siapa", "siapa jagoannya", "dukung siapa", "coblos siapa",
		"mencoblos siapa", "pilih nomor berapa", "coblos nomor berapa", "bingung memilih",
		"bingung pilih", "minta saran", "saran dong", "calon mana", "paslon mana", "capres mana",
		"calon bupati mana", "calon presiden mana",
	}},
}

// innocentPhrases use a name, alias, slogan or party word in another sense.
// Matched leftmost-longest, they hide the shorter term they contain.
var innocentPhrases = []string{
	// Garuda: the football team, the airline, the national emblem.
	"timnas garuda", "garuda muda", "garuda indonesia", "pesawat garuda", "maskapai garuda",
	"garuda di dadaku", "burung garuda", "garuda pancasila", "lambang garuda", "skuad garuda",
	"pasukan garuda", "garuda select", "tim garuda", "garuda nusantara",
	// Gelora: stadiums and the common word.
	"gelora bung karno", "stadion gelora", "gelora bung tomo", "gelora delta", "gelora sriwijaya",
	"gelora semangat", "gelora bandung lautan api", "stadion utama gelora bung karno",
	// PAN: the cooking pan.
	"pan nya", "pan anti lengket", "pan teflon", "pan tahan oven", "frying pan", "satu pan",
	"peter pan", "pan datar",
	// PBB: the United Nations and the land tax.
	"dewan keamanan pbb", "sekjen pbb", "majelis umum pbb", "pbb p2", "bayar pbb", "pajak pbb",
	"sppt pbb", "pasukan perdamaian pbb", "markas pbb", "resolusi pbb", "badan pbb", "lembaga pbb",
	"pbb dan", "sidang pbb",
	// PKB and PKS as administrative abbreviations.
	"bayar pkb", "pajak pkb", "pkb kendaraan", "pkb motor", "penandatanganan pks",
	"tanda tangan pks", "pks antara", "mou dan pks", "perjanjian kerja sama",
	// PKN the school subject.
	"pelajaran pkn", "materi pkn", "guru pkn", "mapel pkn", "ppkn",
	// Other collisions.
	"ummat islam", "ummat muslim", "ummat nabi", "seluruh ummat", "ummat manusia",
	"kahlil gibran", "khalil gibran", "alumni gadjah mada", "universitas gadjah mada", "kagama",
	"kabinet indonesia maju", "nusantara baru indonesia maju", "untung rugi", "untung saja",
	"untung ada", "untung tidak", "untung banget", "untung besar", "ambil untung", "cari untung",
	"raup untung", "untung bisa", "untung sudah", "untung masih", "untung cuma", "untung nya",
	"banteng liar", "kawanan banteng", "banteng jawa", "pohon beringin", "beringin tua",
	"akreditasi unggul", "predikat unggul", "terakreditasi unggul", "kalian pasti bisa",
	"kamu pasti bisa", "anak anak pasti bisa", "amin ya allah", "amin ya rabb", "amin yra",
	"amin paling serius", "amin amin", "perubahan iklim", "perubahan cuaca", "perubahan jadwal",
	"perubahan besar", "dimulai dari diri sendiri",
}

// ballotWords before a number make it a ballot number.
var ballotWords = map[string]float32{
	"paslon": 0.85, "pasangan": 0.7, "calon": 0.75, "capres": 0.85, "cawapres": 0.85,
	"cagub": 0.85, "cawagub": 0.85, "cabup": 0.85, "cawabup": 0.85, "cawalkot": 0.85,
	"cakada": 0.85, "kandidat": 0.75, "urut": 0.75, "nomor": 0.5, "salam": 0.6, "angka": 0.4,
	"coblos": 0.9, "mencoblos": 0.9, "dicoblos": 0.9, "pilih": 0.85, "memilih": 0.85,
	"dukung": 0.8, "mendukung": 0.8, "menangkan": 0.85, "memenangkan": 0.85, "jagoan": 0.7,
	"kubu": 0.7, "pendukung": 0.75, "relawan": 0.8, "program": 0.5, "jingle": 0.7,
	"akbar": 0.7, "kampanye": 0.7, "ke": 0.3, "pokoknya": 0.6, "arahkan": 0.85, "arahin": 0.85,
	"bismillah": 0.5, "hati": 0.6,
}

// numberInnocentBefore are words after which a number is not a ballot number.
var numberInnocentBefore = map[string]bool{
	"rt": true, "rw": true, "tps": true, "rumah": true, "blok": true, "gang": true, "gg": true,
	"lantai": true, "lt": true, "kamar": true, "ruang": true, "ruangan": true, "kelas": true,
	"antrian": true, "antrean": true, "antri": true, "loket": true, "meja": true, "kursi": true,
	"pintu": true, "gate": true, "jalur": true, "peron": true, "halaman": true, "hal": true,
	"bab": true, "pasal": true, "ayat": true, "ukuran": true, "size": true, "juara": true,
	"peringkat": true, "ranking": true, "rangking": true, "skor": true, "lomba": true,
	"sd": true, "sdn": true, "smp": true, "smpn": true, "sma": true, "sman": true, "smk": true,
	"smkn": true, "mi": true, "mts": true, "man": true, "tk": true, "jam": true, "pukul": true,
	"tanggal": true, "tahun": true, "bulan": true, "minggu": true, "hari": true, "menit": true,
	"km": true, "kg": true, "cm": true, "rp": true, "nik": true, "nip": true, "kk": true, "hp": true,
	"wa": true, "telp": true, "telepon": true, "kode": true, "seri": true, "versi": true, "level": true,
	"tingkat": true, "kelompok": true, "regu": true, "pos": true, "gelombang": true, "sesi": true,
	"babak": true, "ronde": true, "episode": true, "part": true, "season": true, "kloter": true,
	"batch": true, "angkatan": true, "dusun": true, "desa": true, "kavling": true, "no rumah": true,
	"harapan": true, "resep": true, "menu": true, "paket": true, "tipe": true,
	"model": true, "produk": true, "serum": true, "covid": true, "ri": true,
	"hut": true, "x": true, "kali": true, "vs": true, "lawan": true, "dapil": true,
}

// numberInnocentAfter are words after a number that make it a quantity,
// a time or an item rather than a ballot number.
var numberInnocentAfter = map[string]bool{
	"orang": true, "kali": true, "tahun": true, "thn": true, "bulan": true, "hari": true, "jam": true,
	"menit": true, "detik": true, "minggu": true, "persen": true, "kg": true, "cm": true, "km": true,
	"meter": true, "m": true, "ribu": true, "juta": true, "miliar": true, "rb": true, "jt": true,
	"ton": true, "liter": true, "buah": true, "porsi": true, "lembar": true, "kotak": true,
	"biji": true, "unit": true, "pcs": true, "anak": true, "kelas": true, "sks": true,
	"lomba": true, "nastar": true, "kastengel": true, "antrian": true, "antrean": true,
	"katanya": true, "gol": true, "poin": true, "besar": true, "kecil": true,
	"januari": true, "februari": true, "maret": true, "april": true, "mei": true, "juni": true,
	"juli": true, "agustus": true, "september": true, "oktober": true, "november": true,
	"desember": true, "jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true,
	"agu": true, "agt": true, "sep": true, "okt": true, "nov": true, "des": true, "rt": true,
	"rw": true, "sd": true, "smp": true, "sma": true, "tps": true, "lantai": true, "pagi": true,
	"siang": true, "sore": true, "malam": true, "wib": true, "wita": true, "wit": true,
	"putaran": true, "periode": true, "hektar": true, "ha": true, "gram": true}

// gestureVerbs before "N jari" make it a hand sign for number N.
var gestureVerbs = map[string]bool{
	"salam": true, "acungkan": true, "mengacungkan": true, "acung": true, "diacungkan": true,
	"pose": true, "berpose": true, "angkat": true, "mengangkat": true, "simbol": true, "tanda": true,
	"gestur": true, "gesture": true, "pamer": true, "memamerkan": true, "menunjukkan": true,
	"keduanya": true, "sambil": true, "kompak": true,
}

// gestureEmoji maps hand-sign emoji (after normalisation) to the number
// they show.
var gestureEmoji = map[string]int{
	"☝": 1, "✌": 2, "👌": 3, "🤟": 3,
}

// monthNames maps Indonesian month names and abbreviations (normalised) to
// month numbers, for dates such as "14 Februari" or "27 Nov".
var monthNames = map[string]int{
	"januari": 1, "jan": 1, "februari": 2, "feb": 2, "pebruari": 2, "maret": 3, "mar": 3,
	"april": 4, "apr": 4, "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "agustus": 8,
	"agu": 8, "agt": 8, "agus": 8, "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10,
	"november": 11, "nov": 11, "nop": 11, "desember": 12, "des": 12,
}

// titles precede given names ("Pak Dedi", "Bu Ratna").
var titles = []string{
	"pak", "bapak", "bu", "ibu", "bang", "abang", "mas", "mbak", "abah", "kang", "cak", "ustaz",
	"ustadz", "kyai", "kiai", "gus", "prof", "dr", "haji", "hj", "bunda", "umi", "om", "tante",
	"kak", "uda", "uni", "teh", "daeng", "bung", "opung", "amang", "inang", "ama", "ina",
}

// protectedCueWords are acronyms among the cues that the slang lexicons
// would rewrite ("kta" → "kita").
var protectedCueWords = []string{"kta"}

// verbCues are calls that take their object after them ("pilih X",
// "tolak X"); a name before them is usually the subject ("X menolak
// bantuan", "X mendukung UMKM"), so that link counts less.
var verbCues = map[string]bool{
	"coblos": true, "mencoblos": true, "dicoblos": true, "pilih": true, "pilihlah": true,
	"memilih": true, "dukung": true, "mendukung": true, "dukunglah": true, "menangkan": true,
	"memenangkan": true, "tolak": true, "menolak": true, "jangan pilih": true, "jangan memilih": true,
	"jangan coblos": true, "lawan": true, "anti": true, "stop": true, "hentikan": true,
	"turunkan": true, "asal bukan": true, "tusuk": true, "contreng": true, "sepakat": true,
	"setuju": true, "kemenangan": true,
}

// personRoles after a common name show that someone else is meant
// ("Pak Dedi ketua RT", "Dafa anak kami", "Hera kucing kami").
var personRoles = map[string]bool{
	"ketua": true, "guru": true, "staf": true, "staff": true, "pegawai": true, "tukang": true,
	"anak": true, "kucing": true, "anjing": true, "teman": true, "tetangga": true, "alumni": true,
	"keponakan": true, "kakak": true, "adik": true, "almarhum": true, "alm": true, "ayah": true,
	"ayahanda": true, "ibunda": true, "pemilik": true, "owner": true, "penjual": true, "pedagang": true,
	"sopir": true, "driver": true, "satpam": true, "dokter": true, "bidan": true, "perawat": true,
	"dosen": true, "mahasiswa": true, "siswa": true, "murid": true, "cucu": true, "suami": true,
	"istri": true, "sepupu": true, "paman": true, "bibi": true, "kafe": true, "warung": true,
	"toko": true, "bengkel": true, "barbershop": true, "nama": true, "rekan": true, "sahabatku": true,
	"temanku": true, "kawan": true, "bapaknya": true, "ibunya": true, "anaknya": true,
}

// roleFillers may stand between a name and its role ("HERA itu nama kafe").
var roleFillers = map[string]bool{"itu": true, "adalah": true, "yang": true, "sang": true, "si": true, "ini": true}
