package demo

// jab is a position title (jabatan) that can be generated, with what it
// implies about its holder.
type jab struct {
	title  string
	weight int    // relative frequency within a pool
	who    int    // pnsOnly, either or pppkOnly
	edu    string // academic-title family, see gelar
	senior int    // 0 staff, 1 senior staff / eselon IV, 2 eselon III, 3 eselon II head
	female bool   // held by women only (bidan)
}

// Who may hold a jab.
const (
	pnsOnly = iota
	either
	pppkOnly
)

// Mutation groups: an employee moved (mutasi) between units of the same group.
const (
	groupUmum    = "umum"    // offices: secretariats, dinas, badan, bagian, bidang
	groupSchool  = "sekolah" // UPTD schools
	groupHealth  = "sehat"   // Dinkes, puskesmas, RSUD
	groupWilayah = "wilayah" // kecamatan and kelurahan
)

// opdSpec describes one unit of the demo Pemda and how it is staffed.
type opdSpec struct {
	OPD
	head    string  // jabatan of the head of the unit
	headEdu string  // academic-title family of the head
	short   string  // abbreviation, used in handles such as "budi.dinsos"
	size    int     // employees currently in the unit, head included
	pppk    float64 // share of PPPK among the pool positions
	group   string  // mutation group
	fixed   []jab   // positions held by exactly one PNS, besides the head
	pool    []jab   // positions drawn at random for the remaining staff
}

func f(title, edu string, senior int) jab {
	return jab{title: title, weight: 1, who: pnsOnly, edu: edu, senior: senior}
}

// Frequently used fixed positions.
var (
	kasubbagUmum = f("Kepala Sub Bagian Umum dan Kepegawaian", "admin", 1)
	sekDinas     = f("Sekretaris Dinas", "admin", 2)
	sekBadan     = f("Sekretaris Badan", "admin", 2)
)

const (
	titleKasubbagUmum = "Kepala Sub Bagian Umum dan Kepegawaian"
	titleSekcam       = "Sekretaris Kecamatan"
	titleSeklur       = "Sekretaris Kelurahan"
	titleKasiPem      = "Kepala Seksi Pemerintahan"
)

// genericPool is the office staff every office-type unit has.
var genericPool = []jab{
	{title: "Analis Kebijakan Ahli Pertama", weight: 2, who: pnsOnly, edu: "admin"},
	{title: "Analis Kebijakan Ahli Muda", weight: 2, who: pnsOnly, edu: "admin", senior: 1},
	{title: "Pengelola Keuangan", weight: 2, who: pnsOnly, edu: "finance"},
	{title: "Bendahara", weight: 1, who: pnsOnly, edu: "finance"},
	{title: "Pengadministrasi Perkantoran", weight: 2, who: pnsOnly, edu: "none"},
	{title: "Pengurus Barang", weight: 1, who: pnsOnly, edu: "none"},
	{title: "Arsiparis Terampil", weight: 1, who: either, edu: "arsip"},
	{title: "Penata Layanan Operasional", weight: 3, who: either, edu: "admin"},
	{title: "Pengelola Layanan Operasional", weight: 2, who: either, edu: "none"},
	{title: "Operator Layanan Operasional", weight: 2, who: either, edu: "none"},
	{title: "Pranata Komputer Ahli Pertama", weight: 1, who: either, edu: "it"},
	{title: "Perencana Ahli Pertama", weight: 1, who: pnsOnly, edu: "plan"},
}

// withGeneric returns extra followed by the generic office pool.
func withGeneric(extra ...jab) []jab {
	return append(append([]jab(nil), extra...), genericPool...)
}

var schoolPool = []jab{
	{title: "Guru Ahli Pertama", weight: 9, who: either, edu: "edu"},
	{title: "Guru Ahli Muda", weight: 5, who: pnsOnly, edu: "edu", senior: 1},
	{title: "Guru Ahli Madya", weight: 3, who: pnsOnly, edu: "edu", senior: 1},
	{title: "Pengadministrasi Perkantoran", weight: 1, who: pnsOnly, edu: "none"},
	{title: "Pengelola Layanan Operasional", weight: 1, who: either, edu: "none"},
	{title: "Pustakawan Terampil", weight: 1, who: either, edu: "arsip"},
}

var puskesmasPool = []jab{
	{title: "Dokter Ahli Pertama", weight: 2, who: either, edu: "doctor"},
	{title: "Dokter Ahli Muda", weight: 1, who: pnsOnly, edu: "doctor", senior: 1},
	{title: "Dokter Gigi Ahli Pertama", weight: 1, who: either, edu: "dentist"},
	{title: "Perawat Terampil", weight: 4, who: either, edu: "nursed3"},
	{title: "Perawat Mahir", weight: 2, who: pnsOnly, edu: "nursed3"},
	{title: "Perawat Ahli Pertama", weight: 3, who: either, edu: "nurse"},
	{title: "Bidan Terampil", weight: 4, who: either, edu: "midwife", female: true},
	{title: "Bidan Mahir", weight: 2, who: pnsOnly, edu: "midwife", female: true},
	{title: "Bidan Ahli Pertama", weight: 1, who: either, edu: "midwife4", female: true},
	{title: "Nutrisionis Terampil", weight: 1, who: either, edu: "nutri"},
	{title: "Sanitarian Terampil", weight: 1, who: either, edu: "sanit"},
	{title: "Pranata Laboratorium Kesehatan Terampil", weight: 1, who: either, edu: "lab"},
	{title: "Asisten Apoteker Terampil", weight: 1, who: either, edu: "pharmd3"},
	{title: "Apoteker Ahli Pertama", weight: 1, who: either, edu: "pharm"},
	{title: "Penyuluh Kesehatan Masyarakat Ahli Pertama", weight: 1, who: either, edu: "health"},
	{title: "Perekam Medis Terampil", weight: 1, who: either, edu: "rm"},
	{title: "Pengadministrasi Perkantoran", weight: 1, who: pnsOnly, edu: "none"},
}

var rsudPool = []jab{
	{title: "Dokter Ahli Pertama", weight: 2, who: either, edu: "doctor"},
	{title: "Dokter Ahli Muda", weight: 2, who: pnsOnly, edu: "doctor", senior: 1},
	{title: "Dokter Ahli Madya", weight: 2, who: pnsOnly, edu: "specialist", senior: 1},
	{title: "Perawat Terampil", weight: 4, who: either, edu: "nursed3"},
	{title: "Perawat Mahir", weight: 2, who: pnsOnly, edu: "nursed3"},
	{title: "Perawat Ahli Pertama", weight: 4, who: either, edu: "nurse"},
	{title: "Perawat Ahli Muda", weight: 1, who: pnsOnly, edu: "nurse", senior: 1},
	{title: "Bidan Terampil", weight: 2, who: either, edu: "midwife", female: true},
	{title: "Apoteker Ahli Pertama", weight: 1, who: either, edu: "pharm"},
	{title: "Asisten Apoteker Terampil", weight: 1, who: either, edu: "pharmd3"},
	{title: "Radiografer Terampil", weight: 1, who: either, edu: "rad"},
	{title: "Fisioterapis Terampil", weight: 1, who: either, edu: "physio"},
	{title: "Pranata Laboratorium Kesehatan Terampil", weight: 1, who: either, edu: "lab"},
	{title: "Nutrisionis Terampil", weight: 1, who: either, edu: "nutri"},
	{title: "Perekam Medis Terampil", weight: 1, who: either, edu: "rm"},
	{title: "Pengelola Keuangan", weight: 1, who: pnsOnly, edu: "finance"},
	{title: "Penata Layanan Operasional", weight: 1, who: either, edu: "admin"},
}

var kelurahanPool = []jab{
	{title: "Pengadministrasi Perkantoran", weight: 2, who: pnsOnly, edu: "none"},
	{title: "Penata Layanan Operasional", weight: 2, who: either, edu: "admin"},
	{title: "Operator Layanan Operasional", weight: 2, who: either, edu: "none"},
	{title: "Pengelola Keuangan", weight: 1, who: pnsOnly, edu: "finance"},
}

var kecamatanPool = append([]jab{
	{title: "Pengelola Keuangan", weight: 1, who: pnsOnly, edu: "finance"},
	{title: "Analis Kebijakan Ahli Pertama", weight: 1, who: pnsOnly, edu: "gov"},
}, kelurahanPool...)

func school(code, name, short string, size int) opdSpec {
	return opdSpec{
		OPD:  OPD{Code: code, Name: "UPTD " + name, ParentCode: "2.01", Kind: KindUPTD},
		head: "Kepala " + name, headEdu: "edu", short: short, size: size, pppk: 0.65, group: groupSchool,
		pool: schoolPool,
	}
}

func puskesmas(code, place string, size int) opdSpec {
	return opdSpec{
		OPD:  OPD{Code: code, Name: "UPTD Puskesmas " + place, ParentCode: "2.02", Kind: KindUPTD},
		head: "Kepala UPTD Puskesmas " + place, headEdu: "doctor", short: "puskesmas", size: size, pppk: 0.65,
		group: groupHealth, pool: puskesmasPool,
	}
}

func kecamatan(code, place string, size int) opdSpec {
	return opdSpec{
		OPD:  OPD{Code: code, Name: "Kecamatan " + place, Kind: KindKecamatan},
		head: "Camat " + place, headEdu: "gov", short: "kec", size: size, pppk: 0.4, group: groupWilayah,
		fixed: []jab{
			f(titleSekcam, "gov", 2),
			f(titleKasiPem, "gov", 1),
			f("Kepala Seksi Ketenteraman dan Ketertiban Umum", "gov", 1),
			f("Kepala Seksi Pemberdayaan Masyarakat", "admin", 1),
		},
		pool: kecamatanPool,
	}
}

func kelurahan(code, parent, place string, size int) opdSpec {
	return opdSpec{
		OPD:  OPD{Code: code, Name: "Kelurahan " + place, ParentCode: parent, Kind: KindKelurahan},
		head: "Lurah " + place, headEdu: "gov", short: "kelurahan", size: size, pppk: 0.4, group: groupWilayah,
		fixed: []jab{
			f(titleSeklur, "admin", 1),
			f("Kepala Seksi Pemerintahan, Ketenteraman dan Ketertiban", "gov", 1),
		},
		pool: kelurahanPool,
	}
}

func bagian(code, name, short string, size int, extra ...jab) opdSpec {
	return opdSpec{
		OPD:  OPD{Code: code, Name: name, ParentCode: "1.01", Kind: KindBagian},
		head: "Kepala " + name, headEdu: "admin", short: short, size: size, pppk: 0.3, group: groupUmum,
		pool: withGeneric(extra...),
	}
}

func bidang(code, parent, name, short, headEdu string, size int, pppk float64, pool []jab) opdSpec {
	return opdSpec{
		OPD:  OPD{Code: code, Name: name, ParentCode: parent, Kind: KindBidang},
		head: "Kepala " + name, headEdu: headEdu, short: short, size: size, pppk: pppk, group: groupUmum,
		pool: pool,
	}
}

// opdSpecs is the organisation of Kabupaten Tanjung Harapan: 44 units, 400
// employees. Parents come before their sub-units.
var opdSpecs = []opdSpec{
	{
		OPD:  OPD{Code: "1.01", Name: "Sekretariat Daerah", Kind: KindSekretariat},
		head: "Sekretaris Daerah", headEdu: "admin", short: "setda", size: 8, pppk: 0.3, group: groupUmum,
		fixed: []jab{
			f("Asisten Pemerintahan dan Kesejahteraan Rakyat", "admin", 2),
			f("Asisten Perekonomian dan Pembangunan", "plan", 2),
			f("Asisten Administrasi Umum", "admin", 2),
			f("Staf Ahli Bupati Bidang Hukum, Politik dan Pemerintahan", "law", 2),
		},
		pool: genericPool,
	},
	bagian("1.01.01", "Bagian Pemerintahan", "setda", 6,
		jab{title: "Analis Kebijakan Ahli Muda", weight: 2, who: pnsOnly, edu: "gov", senior: 1}),
	bagian("1.01.02", "Bagian Hukum", "hukum", 6,
		jab{title: "Analis Hukum Ahli Pertama", weight: 3, who: either, edu: "law"},
		jab{title: "Analis Hukum Ahli Muda", weight: 2, who: pnsOnly, edu: "law", senior: 1},
		jab{title: "Perancang Peraturan Perundang-undangan Ahli Pertama", weight: 2, who: pnsOnly, edu: "law"},
		jab{title: "Perancang Peraturan Perundang-undangan Ahli Muda", weight: 1, who: pnsOnly, edu: "law", senior: 1}),
	bagian("1.01.03", "Bagian Organisasi", "setda", 5,
		jab{title: "Analis Kebijakan Ahli Muda", weight: 2, who: pnsOnly, edu: "admin", senior: 1}),
	bagian("1.01.04", "Bagian Umum", "setda", 7,
		jab{title: "Pengemudi", weight: 2, who: pnsOnly, edu: "bare"},
		jab{title: "Pengadministrasi Perkantoran", weight: 3, who: pnsOnly, edu: "none"}),
	bagian("1.01.05", "Bagian Perekonomian dan Sumber Daya Alam", "setda", 5,
		jab{title: "Analis Kebijakan Ahli Muda", weight: 2, who: pnsOnly, edu: "plan", senior: 1}),
	bagian("1.01.06", "Bagian Protokol dan Komunikasi Pimpinan", "prokopim", 6,
		jab{title: "Pranata Humas Ahli Pertama", weight: 3, who: either, edu: "comm"},
		jab{title: "Pranata Humas Ahli Muda", weight: 1, who: pnsOnly, edu: "comm", senior: 1}),
	{
		OPD:  OPD{Code: "1.02", Name: "Sekretariat DPRD", Kind: KindSekretariat},
		head: "Sekretaris DPRD", headEdu: "admin", short: "setwan", size: 12, pppk: 0.35, group: groupUmum,
		fixed: []jab{
			f("Kepala Bagian Umum dan Keuangan", "finance", 2),
			f("Kepala Bagian Persidangan dan Perundang-undangan", "law", 2),
			f("Kepala Bagian Fasilitasi Penganggaran dan Pengawasan", "admin", 2),
		},
		pool: withGeneric(
			jab{title: "Perancang Peraturan Perundang-undangan Ahli Pertama", weight: 2, who: pnsOnly, edu: "law"},
			jab{title: "Pranata Humas Ahli Pertama", weight: 2, who: either, edu: "comm"}),
	},
	{
		OPD:  OPD{Code: "1.03", Name: "Inspektorat Daerah", Kind: KindInspektorat},
		head: "Inspektur", headEdu: "finance", short: "inspektorat", size: 14, pppk: 0.25, group: groupUmum,
		fixed: []jab{
			f("Sekretaris Inspektorat", "admin", 2),
			f("Inspektur Pembantu Wilayah I", "finance", 2),
			f("Inspektur Pembantu Wilayah II", "admin", 2),
			f("Inspektur Pembantu Wilayah III", "law", 2),
		},
		pool: []jab{
			{title: "Auditor Ahli Pertama", weight: 4, who: either, edu: "finance"},
			{title: "Auditor Ahli Muda", weight: 3, who: pnsOnly, edu: "finance", senior: 1},
			{title: "Auditor Ahli Madya", weight: 1, who: pnsOnly, edu: "finance", senior: 1},
			{title: "Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah Ahli Pertama", weight: 2, who: pnsOnly, edu: "gov"},
			{title: "Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah Ahli Muda", weight: 2, who: pnsOnly, edu: "gov", senior: 1},
			{title: "Pengadministrasi Perkantoran", weight: 1, who: pnsOnly, edu: "none"},
			{title: "Pengelola Keuangan", weight: 1, who: pnsOnly, edu: "finance"},
		},
	},
	{
		OPD:  OPD{Code: "2.01", Name: "Dinas Pendidikan", Kind: KindDinas},
		head: "Kepala Dinas Pendidikan", headEdu: "edu", short: "disdik", size: 9, pppk: 0.35, group: groupUmum,
		fixed: []jab{sekDinas, kasubbagUmum},
		pool: withGeneric(
			jab{title: "Pengawas Sekolah Ahli Madya", weight: 2, who: pnsOnly, edu: "edu", senior: 1},
			jab{title: "Penilik Ahli Muda", weight: 1, who: pnsOnly, edu: "edu", senior: 1}),
	},
	bidang("2.01.01", "2.01", "Bidang Pembinaan Sekolah Dasar", "disdik", "edu", 5, 0.3, withGeneric(
		jab{title: "Pengembang Teknologi Pembelajaran Ahli Pertama", weight: 2, who: either, edu: "edu"})),
	bidang("2.01.02", "2.01", "Bidang Pembinaan Sekolah Menengah Pertama", "disdik", "edu", 5, 0.3, withGeneric(
		jab{title: "Pengembang Teknologi Pembelajaran Ahli Pertama", weight: 2, who: either, edu: "edu"})),
	bidang("2.01.03", "2.01", "Bidang Guru dan Tenaga Kependidikan", "disdik", "edu", 6, 0.3, withGeneric(
		jab{title: "Analis Sumber Daya Manusia Aparatur Ahli Pertama", weight: 2, who: either, edu: "admin"})),
	school("2.01.04", "SD Negeri 1 Tanjung Harapan", "sdn1", 13),
	school("2.01.05", "SD Negeri 3 Pasir Putih", "sdn3", 12),
	school("2.01.06", "SMP Negeri 1 Tanjung Harapan", "smpn1", 16),
	school("2.01.07", "SMP Negeri 2 Sungai Baru", "smpn2", 14),
	{
		OPD:  OPD{Code: "2.02", Name: "Dinas Kesehatan", Kind: KindDinas},
		head: "Kepala Dinas Kesehatan", headEdu: "doctor", short: "dinkes", size: 10, pppk: 0.35, group: groupHealth,
		fixed: []jab{
			sekDinas,
			f("Kepala Bidang Kesehatan Masyarakat", "health", 2),
			f("Kepala Bidang Pencegahan dan Pengendalian Penyakit", "doctor", 2),
			f("Kepala Bidang Sumber Daya Kesehatan", "health", 2),
			kasubbagUmum,
		},
		pool: withGeneric(
			jab{title: "Epidemiolog Kesehatan Ahli Pertama", weight: 2, who: either, edu: "health"},
			jab{title: "Epidemiolog Kesehatan Ahli Muda", weight: 1, who: pnsOnly, edu: "health", senior: 1},
			jab{title: "Administrator Kesehatan Ahli Muda", weight: 2, who: pnsOnly, edu: "health", senior: 1},
			jab{title: "Apoteker Ahli Muda", weight: 1, who: pnsOnly, edu: "pharm", senior: 1}),
	},
	bidang("2.02.01", "2.02", "Bidang Pelayanan Kesehatan", "dinkes", "doctor", 5, 0.3, withGeneric(
		jab{title: "Administrator Kesehatan Ahli Pertama", weight: 3, who: either, edu: "health"})),
	puskesmas("2.02.02", "Tanjung Harapan", 14),
	puskesmas("2.02.03", "Pasir Putih", 13),
	puskesmas("2.02.04", "Sungai Baru", 12),
	{
		OPD:  OPD{Code: "2.03", Name: "Dinas Pekerjaan Umum dan Penataan Ruang", Kind: KindDinas},
		head: "Kepala Dinas Pekerjaan Umum dan Penataan Ruang", headEdu: "eng", short: "dpupr", size: 10, pppk: 0.35, group: groupUmum,
		fixed: []jab{
			sekDinas,
			f("Kepala Bidang Cipta Karya", "eng", 2),
			f("Kepala Bidang Penataan Ruang", "eng", 2),
			kasubbagUmum,
		},
		pool: withGeneric(
			jab{title: "Teknik Tata Bangunan dan Perumahan Ahli Pertama", weight: 3, who: either, edu: "eng"},
			jab{title: "Teknik Tata Bangunan dan Perumahan Ahli Muda", weight: 2, who: pnsOnly, edu: "eng", senior: 1},
			jab{title: "Penata Ruang Ahli Pertama", weight: 2, who: either, edu: "eng"}),
	},
	bidang("2.03.01", "2.03", "Bidang Bina Marga", "pupr", "eng", 7, 0.3, []jab{
		{title: "Teknik Jalan dan Jembatan Ahli Pertama", weight: 3, who: either, edu: "eng"},
		{title: "Teknik Jalan dan Jembatan Ahli Muda", weight: 2, who: pnsOnly, edu: "eng", senior: 1},
		{title: "Teknik Jalan dan Jembatan Terampil", weight: 2, who: either, edu: "engd3"},
		{title: "Pengadministrasi Perkantoran", weight: 1, who: pnsOnly, edu: "none"},
	}),
	bidang("2.03.02", "2.03", "Bidang Sumber Daya Air", "pupr", "eng", 6, 0.3, []jab{
		{title: "Teknik Pengairan Ahli Pertama", weight: 3, who: either, edu: "eng"},
		{title: "Teknik Pengairan Ahli Muda", weight: 2, who: pnsOnly, edu: "eng", senior: 1},
		{title: "Teknik Pengairan Terampil", weight: 2, who: either, edu: "engd3"},
		{title: "Pengadministrasi Perkantoran", weight: 1, who: pnsOnly, edu: "none"},
	}),
	{
		OPD:  OPD{Code: "2.04", Name: "Dinas Sosial", Kind: KindDinas},
		head: "Kepala Dinas Sosial", headEdu: "social", short: "dinsos", size: 12, pppk: 0.45, group: groupUmum,
		fixed: []jab{
			sekDinas,
			f("Kepala Bidang Perlindungan dan Jaminan Sosial", "social", 2),
			f("Kepala Bidang Rehabilitasi Sosial", "social", 2),
			f("Kepala Bidang Pemberdayaan Sosial dan Penanganan Fakir Miskin", "social", 2),
			kasubbagUmum,
		},
		pool: withGeneric(
			jab{title: "Pekerja Sosial Ahli Pertama", weight: 4, who: either, edu: "social"},
			jab{title: "Pekerja Sosial Ahli Muda", weight: 2, who: pnsOnly, edu: "social", senior: 1},
			jab{title: "Penyuluh Sosial Ahli Pertama", weight: 2, who: either, edu: "social"}),
	},
	{
		OPD:  OPD{Code: "2.05", Name: "Dinas Komunikasi dan Informatika", Kind: KindDinas},
		head: "Kepala Dinas Komunikasi dan Informatika", headEdu: "it", short: "kominfo", size: 12, pppk: 0.55, group: groupUmum,
		fixed: []jab{
			sekDinas,
			f("Kepala Bidang Informasi dan Komunikasi Publik", "comm", 2),
			f("Kepala Bidang Aplikasi Informatika", "it", 2),
			f("Kepala Bidang Statistik dan Persandian", "stat", 2),
		},
		pool: []jab{
			{title: "Pranata Komputer Ahli Pertama", weight: 4, who: either, edu: "it"},
			{title: "Pranata Komputer Ahli Muda", weight: 1, who: pnsOnly, edu: "it", senior: 1},
			{title: "Pranata Komputer Terampil", weight: 2, who: either, edu: "itd3"},
			{title: "Pranata Humas Ahli Pertama", weight: 3, who: either, edu: "comm"},
			{title: "Pranata Humas Ahli Muda", weight: 1, who: pnsOnly, edu: "comm", senior: 1},
			{title: "Statistisi Ahli Pertama", weight: 1, who: either, edu: "stat"},
			{title: "Sandiman Ahli Pertama", weight: 1, who: either, edu: "it"},
			{title: "Pengelola Keuangan", weight: 1, who: pnsOnly, edu: "finance"},
		},
	},
	{
		OPD:  OPD{Code: "2.06", Name: "Dinas Kependudukan dan Pencatatan Sipil", Kind: KindDinas},
		head: "Kepala Dinas Kependudukan dan Pencatatan Sipil", headEdu: "admin", short: "dukcapil", size: 12, pppk: 0.45, group: groupUmum,
		fixed: []jab{
			sekDinas,
			f("Kepala Bidang Pelayanan Pendaftaran Penduduk", "admin", 2),
			f("Kepala Bidang Pelayanan Pencatatan Sipil", "law", 2),
			f("Kepala Bidang Pengelolaan Informasi Administrasi Kependudukan", "it", 2),
			kasubbagUmum,
		},
		pool: withGeneric(
			jab{title: "Administrator Database Kependudukan Ahli Pertama", weight: 4, who: either, edu: "it"},
			jab{title: "Administrator Database Kependudukan Ahli Muda", weight: 1, who: pnsOnly, edu: "it", senior: 1}),
	},
	{
		OPD:  OPD{Code: "2.07", Name: "Satuan Polisi Pamong Praja", Kind: KindSatuan},
		head: "Kepala Satuan Polisi Pamong Praja", headEdu: "law", short: "satpolpp", size: 14, pppk: 0.4, group: groupUmum,
		fixed: []jab{
			f("Sekretaris Satuan Polisi Pamong Praja", "admin", 2),
			f("Kepala Bidang Penegakan Peraturan Daerah", "law", 2),
			f("Kepala Bidang Ketenteraman dan Ketertiban Umum", "admin", 2),
			kasubbagUmum,
		},
		pool: []jab{
			{title: "Polisi Pamong Praja Terampil", weight: 6, who: either, edu: "satpol"},
			{title: "Polisi Pamong Praja Mahir", weight: 3, who: pnsOnly, edu: "satpol"},
			{title: "Polisi Pamong Praja Penyelia", weight: 2, who: pnsOnly, edu: "satpol", senior: 1},
			{title: "Polisi Pamong Praja Ahli Pertama", weight: 1, who: pnsOnly, edu: "law"},
			{title: "Pengelola Keuangan", weight: 1, who: pnsOnly, edu: "finance"},
			{title: "Pengadministrasi Perkantoran", weight: 1, who: pnsOnly, edu: "none"},
		},
	},
	{
		OPD:  OPD{Code: "3.01", Name: "Badan Perencanaan Pembangunan Daerah", Kind: KindBadan},
		head: "Kepala Badan Perencanaan Pembangunan Daerah", headEdu: "plan", short: "bappeda", size: 11, pppk: 0.3, group: groupUmum,
		fixed: []jab{
			sekBadan,
			f("Kepala Bidang Perencanaan, Pengendalian dan Evaluasi Pembangunan", "plan", 2),
			f("Kepala Bidang Perekonomian dan Sumber Daya Alam", "plan", 2),
			f("Kepala Bidang Pemerintahan dan Pembangunan Manusia", "admin", 2),
			f("Kepala Bidang Infrastruktur dan Kewilayahan", "eng", 2),
		},
		pool: withGeneric(
			jab{title: "Perencana Ahli Pertama", weight: 3, who: either, edu: "plan"},
			jab{title: "Perencana Ahli Muda", weight: 2, who: pnsOnly, edu: "plan", senior: 1},
			jab{title: "Perencana Ahli Madya", weight: 1, who: pnsOnly, edu: "plan", senior: 1},
			jab{title: "Statistisi Ahli Pertama", weight: 1, who: either, edu: "stat"}),
	},
	{
		OPD:  OPD{Code: "3.02", Name: "Badan Pengelolaan Keuangan dan Aset Daerah", Kind: KindBadan},
		head: "Kepala Badan Pengelolaan Keuangan dan Aset Daerah", headEdu: "finance", short: "bpkad", size: 13, pppk: 0.3, group: groupUmum,
		fixed: []jab{
			sekBadan,
			f("Kepala Bidang Anggaran", "finance", 2),
			f("Kepala Bidang Perbendaharaan", "finance", 2),
			f("Kepala Bidang Akuntansi dan Pelaporan", "finance", 2),
			f("Kepala Bidang Aset", "admin", 2),
		},
		pool: withGeneric(
			jab{title: "Analis Keuangan Pusat dan Daerah Ahli Pertama", weight: 3, who: either, edu: "finance"},
			jab{title: "Analis Keuangan Pusat dan Daerah Ahli Muda", weight: 2, who: pnsOnly, edu: "finance", senior: 1},
			jab{title: "Penata Laksana Barang Terampil", weight: 2, who: either, edu: "none"}),
	},
	{
		OPD:  OPD{Code: "3.03", Name: "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", Kind: KindBadan},
		head: "Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", headEdu: "admin", short: "bkpsdm", size: 14, pppk: 0.3, group: groupUmum,
		fixed: []jab{
			sekBadan,
			f("Kepala Bidang Pengadaan, Pemberhentian dan Informasi", "admin", 2),
			f("Kepala Bidang Mutasi dan Promosi", "law", 2),
			f("Kepala Bidang Pengembangan Kompetensi Aparatur", "admin", 2),
			kasubbagUmum,
		},
		pool: withGeneric(
			jab{title: "Analis Sumber Daya Manusia Aparatur Ahli Pertama", weight: 3, who: either, edu: "admin"},
			jab{title: "Analis Sumber Daya Manusia Aparatur Ahli Muda", weight: 2, who: pnsOnly, edu: "admin", senior: 1},
			jab{title: "Pranata Sumber Daya Manusia Aparatur Terampil", weight: 2, who: either, edu: "none"},
			jab{title: "Pranata Sumber Daya Manusia Aparatur Mahir", weight: 1, who: pnsOnly, edu: "none"},
			jab{title: "Asesor Sumber Daya Manusia Aparatur Ahli Pertama", weight: 1, who: pnsOnly, edu: "admin"}),
	},
	{
		OPD:  OPD{Code: "3.04", Name: "Badan Kesatuan Bangsa dan Politik", Kind: KindBadan},
		head: "Kepala Badan Kesatuan Bangsa dan Politik", headEdu: "admin", short: "kesbangpol", size: 9, pppk: 0.3, group: groupUmum,
		fixed: []jab{
			sekBadan,
			f("Kepala Bidang Politik Dalam Negeri dan Organisasi Kemasyarakatan", "gov", 2),
			f("Kepala Bidang Ideologi, Wawasan Kebangsaan dan Karakter Bangsa", "admin", 2),
			kasubbagUmum,
		},
		pool: withGeneric(
			jab{title: "Analis Kebijakan Ahli Muda", weight: 2, who: pnsOnly, edu: "gov", senior: 1}),
	},
	kecamatan("4.01", "Tanjung Harapan", 7),
	kelurahan("4.01.01", "4.01", "Pasar Lama", 4),
	kelurahan("4.01.02", "4.01", "Sukamaju", 4),
	kecamatan("4.02", "Pasir Putih", 7),
	kelurahan("4.02.01", "4.02", "Pasir Putih", 4),
	kelurahan("4.02.02", "4.02", "Karang Anyar", 4),
	kecamatan("4.03", "Sungai Baru", 7),
	kelurahan("4.03.01", "4.03", "Simpang Tiga", 4),
	kecamatan("4.04", "Bukit Indah", 6),
	kelurahan("4.04.01", "4.04", "Bukit Indah", 4),
	{
		OPD:  OPD{Code: "5.01", Name: "Rumah Sakit Umum Daerah Tanjung Harapan", Kind: KindRSUD},
		head: "Direktur Rumah Sakit Umum Daerah Tanjung Harapan", headEdu: "doctor", short: "rsud", size: 26, pppk: 0.55, group: groupHealth,
		fixed: []jab{
			f("Wakil Direktur Pelayanan", "doctor", 2),
			f("Wakil Direktur Umum dan Keuangan", "admin", 2),
		},
		pool: rsudPool,
	},
}
