package violation

const (
	sanksiMoral = "Sanksi moral berupa pernyataan secara tertutup atau terbuka (PP 42/2004 Pasal 15 ayat (1)–(3))"
	hdBerat     = "Hukuman disiplin berat (PP 94/2021 Pasal 8 ayat (4) jo. Pasal 14 huruf i)"
	hdSedang    = "Hukuman disiplin sedang: pemotongan tunjangan kinerja 25% selama 6/9/12 bulan (PP 94/2021 Pasal 8 ayat (3))"
	ptdh        = "Pemberhentian tidak dengan hormat (UU 20/2023 Pasal 52 ayat (3) huruf j; dahulu UU 5/2014 Pasal 87 ayat (4) huruf c)"
	satgas      = "Sanksi dibahas dan diputus oleh Satgas Pembinaan dan Pengawasan Netralitas Pegawai ASN"
)

var catalogue = []Entry{
	{KE01, KodeEtik, "Memasang spanduk/baliho/alat peraga lainnya terkait bakal calon peserta pemilu dan pemilihan", SanksiMoral, sanksiMoral, false, DS01},
	{KE02, KodeEtik, "Sosialisasi/kampanye media sosial/online bakal calon", SanksiMoral, sanksiMoral, true, DS02},
	{KE03, KodeEtik, "Menghadiri deklarasi/kampanye pasangan bakal calon dan memberikan tindakan/dukungan secara aktif", SanksiMoral, sanksiMoral, false, DS04},
	{KE04, KodeEtik, "Membuat posting, comment, share, like, bergabung/follow dalam grup/akun pemenangan bakal calon", SanksiMoral, sanksiMoral, true, DS06},
	{KE05, KodeEtik, "Memposting pada media sosial/media lain yang dapat diakses publik foto bersama bakal calon, tim sukses dengan menunjukkan/memperagakan simbol keberpihakan/memakai atribut partai politik dan/atau latar belakang foto terkait partai politik/bakal calon, atau alat peraga terkait partai politik/bakal calon", SanksiMoral, sanksiMoral, true, DS07},
	{KE06, KodeEtik, "Ikut dalam kegiatan kampanye/sosialisasi/pengenalan bakal calon/partai politik", SanksiMoral, sanksiMoral, false, ""},
	{KE07, KodeEtik, "Mengikuti deklarasi/kampanye bagi suami/istri calon dengan tidak dalam status cuti di luar tanggungan negara (CLTN)", SanksiMoral, sanksiMoral, false, ""},

	{DS01, Disiplin, "Memasang spanduk/baliho/alat peraga lainnya terkait calon peserta pemilu dan pemilihan", DisiplinBerat, hdBerat, false, KE01},
	{DS02, Disiplin, "Sosialisasi/kampanye media sosial/online calon", DisiplinBerat, hdBerat, true, KE02},
	{DS03, Disiplin, "Melakukan pendekatan kepada partai politik atau masyarakat (bagi independen) sebagai bakal calon dengan tidak dalam status CLTN", DisiplinSedang, hdSedang, false, ""},
	{DS04, Disiplin, "Menghadiri deklarasi/kampanye pasangan calon dan memberikan tindakan/dukungan keberpihakan", DisiplinBerat, hdBerat, false, KE03},
	{DS05, Disiplin, "Menjadi anggota dan/atau pengurus partai politik", PTDH, ptdh, false, ""},
	{DS06, Disiplin, "Membuat posting, comment, share, like, bergabung/follow dalam grup/akun pemenangan calon", DisiplinBerat, hdBerat, true, KE04},
	{DS07, Disiplin, "Memposting pada media sosial/media lain yang dapat diakses publik foto bersama calon, tim sukses dengan menunjukkan/memperagakan simbol keberpihakan/memakai atribut partai politik dan/atau latar belakang foto terkait partai politik/calon, serta alat peraga terkait partai politik/calon", DisiplinBerat, hdBerat, true, KE05},
	{DS08, Disiplin, "Mengadakan kegiatan yang mengarah kepada keberpihakan terhadap partai politik atau calon/pasangan calon sebelum, selama, dan sesudah masa kampanye, meliputi pertemuan, ajakan, himbauan, seruan, dan pemberian barang kepada ASN dalam lingkungan unit kerja, anggota keluarga, dan masyarakat", DisiplinBerat, hdBerat, false, ""},
	{DS09, Disiplin, "Menjadi tim ahli/tim pemenangan/konsultan atau sebutan lainnya bagi bakal calon/bakal pasangan calon sebelum penetapan peserta pemilu/pemilihan", DisiplinSedang, hdSedang, false, DS10},
	{DS10, Disiplin, "Menjadi tim ahli/tim pemenangan/konsultan atau sebutan lainnya bagi partai politik atau calon/pasangan calon setelah penetapan peserta pemilu/pemilihan", DisiplinBerat, hdBerat, false, DS09},
	{DS11, Disiplin, "Memberikan dukungan kepada bakal calon perseorangan dengan memberikan surat dukungan atau mengumpulkan fotokopi KTP atau surat keterangan penduduk", DisiplinBerat, hdBerat, false, ""},
	{DS12, Disiplin, "Membuat keputusan/tindakan yang dapat menguntungkan/merugikan partai politik atau calon/pasangan calon pada masa sebelum, selama, dan sesudah masa kampanye", DisiplinBerat, hdBerat, false, ""},
	{DS13, Disiplin, "Bentuk pelanggaran/dugaan pelanggaran yang tidak termasuk dalam matriks, dengan sanksi yang dibahas dan diputus oleh Satgas", SatgasDecides, satgas, false, ""},
}

var byCode = func() map[Code]Entry {
	m := make(map[Code]Entry, len(catalogue))
	for _, e := range catalogue {
		m[e.Code] = e
	}
	return m
}()

// Catalogue returns the 20 entries, KE-01..07 then DS-01..13.
func Catalogue() []Entry { return append([]Entry(nil), catalogue...) }

// Lookup returns the entry of a code.
func Lookup(c Code) (Entry, bool) {
	e, ok := byCode[c]
	return e, ok
}

// Valid reports whether c is in the catalogue.
func (c Code) Valid() bool {
	_, ok := byCode[c]
	return ok
}

// Title returns the Indonesian description of c, or "" when unknown.
func (c Code) Title() string { return byCode[c].Title }

// String returns the code itself.
func (c Code) String() string { return string(c) }
