// Package violation is the catalogue of ASN neutrality violations of the
// SKB 2022 (Keputusan Bersama MenPANRB, Mendagri, Kepala BKN, Ketua KASN
// dan Ketua Bawaslu Nomor 2 Tahun 2022 dkk., 22 September 2022), as
// reproduced in shared/reference/domain-rules.md §1.5–1.6, kept as
// versioned data (data/skb-2022.json, [Matrix]): for each code its list,
// its act in Indonesian and English, the sanctions the PPK may impose and
// their legal basis; the stable list of sanctions a decision can record
// ([Sanctions]); and helpers that suggest a code and its sanction options
// for an act ([Suggest], [SuggestFor]).
//
// The SKB keeps two lists keyed on the election phase: acts concerning a
// bakal calon (before the authority determines the candidates) are
// pelanggaran kode etik (KE-xx, sanksi moral); the same acts concerning a
// calon (from penetapan on) are pelanggaran disiplin (DS-xx, hukuman
// disiplin). The software only suggests a code; the PPK decides.
package violation

// Version identifies the matrix in force ([Matrix]().Version); store it
// with a suggested code, since reproductions differ (domain-rules §1.7) and
// a later SKB will bring a new version.
const Version = "skb-2022"

// Code identifies one form of violation, e.g. "KE-04" or "DS-06".
type Code string

// Kode etik (object: bakal calon) → sanksi moral.
const (
	KE01 Code = "KE-01" // spanduk/baliho/alat peraga bakal calon
	KE02 Code = "KE-02" // sosialisasi/kampanye media sosial/online bakal calon
	KE03 Code = "KE-03" // menghadiri deklarasi/kampanye bakal calon dan mendukung aktif
	KE04 Code = "KE-04" // posting, comment, share, like, bergabung/follow grup/akun pemenangan bakal calon
	KE05 Code = "KE-05" // memposting foto bersama bakal calon/tim sukses dengan simbol keberpihakan
	KE06 Code = "KE-06" // ikut kegiatan kampanye/sosialisasi/pengenalan bakal calon/partai
	KE07 Code = "KE-07" // mengikuti deklarasi/kampanye suami/istri calon tanpa CLTN
)

// Disiplin (object: calon, or conduct as a bakal calon) → hukuman disiplin
// or dismissal.
const (
	DS01 Code = "DS-01" // spanduk/baliho/alat peraga calon
	DS02 Code = "DS-02" // sosialisasi/kampanye media sosial/online calon
	DS03 Code = "DS-03" // pendekatan ke partai/masyarakat sebagai bakal calon tanpa CLTN
	DS04 Code = "DS-04" // menghadiri deklarasi/kampanye paslon dan mendukung
	DS05 Code = "DS-05" // anggota dan/atau pengurus partai politik
	DS06 Code = "DS-06" // posting, comment, share, like, bergabung/follow grup/akun pemenangan calon
	DS07 Code = "DS-07" // memposting foto bersama calon/tim sukses dengan simbol keberpihakan
	DS08 Code = "DS-08" // kegiatan yang mengarah keberpihakan (pertemuan, ajakan, pemberian barang)
	DS09 Code = "DS-09" // tim ahli/pemenangan/konsultan bakal calon sebelum penetapan
	DS10 Code = "DS-10" // tim ahli/pemenangan/konsultan partai/calon setelah penetapan
	DS11 Code = "DS-11" // surat dukungan/fotokopi KTP untuk calon perseorangan
	DS12 Code = "DS-12" // keputusan/tindakan yang menguntungkan/merugikan partai/calon
	DS13 Code = "DS-13" // bentuk lain di luar matriks; diputus Satgas
)

// Category is the SKB list a code belongs to.
type Category string

// The two lists of the SKB matrix.
const (
	KodeEtik Category = "kode_etik" // pelanggaran kode etik → sanksi moral
	Disiplin Category = "disiplin"  // pelanggaran disiplin → hukuman disiplin
)

// Severity is the level of the sanction the matrix foresees.
type Severity string

// Sanction levels.
const (
	SanksiMoral    Severity = "sanksi_moral"    // PP 42/2004 Pasal 15: pernyataan tertutup atau terbuka
	DisiplinSedang Severity = "disiplin_sedang" // PP 94/2021 Pasal 8 ayat (3)
	DisiplinBerat  Severity = "disiplin_berat"  // PP 94/2021 Pasal 8 ayat (4)
	PTDH           Severity = "ptdh"            // pemberhentian tidak dengan hormat
	SatgasDecides  Severity = "satgas"          // decided by the Satgas
)

// Entry describes one code.
type Entry struct {
	// Code is the code, e.g. "DS-06".
	Code Code
	// Category is KodeEtik or Disiplin.
	Category Category
	// Title is the act in the SKB's Indonesian wording.
	Title string
	// Severity is the sanction level.
	Severity Severity
	// Sanction describes the sanction and its legal basis, in Indonesian.
	Sanction string
	// SocialMedia is true for acts done on social media.
	SocialMedia bool
	// Counterpart is the code of the same act in the other list (KE-04 ↔
	// DS-06), or "" when there is none.
	Counterpart Code
	// TitleEN is the act in English.
	TitleEN string
	// SanctionIDs are the sanctions the matrix foresees ([Sanction] IDs).
	SanctionIDs []string
	// Basis is the legal basis of the sanction, in Indonesian.
	Basis string
	// Note records a disagreement between sources about the entry, if any.
	Note string
}

// List returns "KE" for the kode-etik list and "DS" for the disiplin list.
func (e Entry) List() string {
	if e.Category == KodeEtik {
		return "KE"
	}
	return "DS"
}
