// Package docs makes the documents of case handling as PDFs under an
// instansi's letterhead (kop surat): the invitation to a clarification
// ([Invitation]), the record of the clarification ([ClarificationMinutes],
// berita acara klarifikasi), the letter forwarding a case to Bawaslu or BKN
// ([Referral]) and the case summary ([CaseSummary]); and the evidence
// package that goes with a referral ([EvidencePackage]: the letter, the
// evidence files and a manifest of their SHA-256 hashes, checked while
// written).
//
// Documents are in Bahasa Indonesia on A4, in the layout of Pemda official
// letters: the letterhead with the logo and a double rule, Nomor, Sifat,
// Lampiran and Hal, the addressee, the body, the place and date ("Tanjung
// Harapan, 2 Oktober 2024"), the signature block with name, rank and NIP,
// and the copy list (tembusan). The fonts are the Go fonts, embedded.
//
// Every text in the input is untrusted: it is drawn as text, never
// interpreted; long texts wrap and continue on the next page; characters
// the fonts cannot draw (emoji, most non-Latin scripts) are replaced (see
// [Clean]).
//
// The letterhead of each instansi is stored in the table letterhead
// ([LoadLetterhead], [SaveLetterhead]); an uploaded logo is checked by its
// content and re-encoded ([NormalizeLogo]). The input types of the
// generators are independent of how cases are stored: the caller fills
// them from its own records.
package docs
