package screen

import (
	"strings"
	"time"

	"github.com/netral-asn/netral/internal/violation"
)

var kindVerb = map[string]string{
	KindPost:      "Unggahan",
	KindComment:   "Komentar",
	KindShare:     "Membagikan konten",
	KindLike:      "Menyukai unggahan",
	KindReaction:  "Memberi reaksi pada unggahan",
	KindPhoto:     "Foto",
	KindVideo:     "Video",
	KindStory:     "Status",
	KindFollow:    "Mengikuti akun",
	KindJoinGroup: "Bergabung dengan grup",
	KindProfile:   "Profil",
	KindOther:     "Aktivitas",
}

var cueWhat = map[cueKind]string{
	cueVote:      "ajakan mencoblos/memilih",
	cueSupport:   "ungkapan dukungan",
	cueOppose:    "kampanye negatif",
	cueTeam:      "tim/relawan pemenangan",
	cueMember:    "keanggotaan partai",
	cueAttribute: "atribut kampanye",
	cueCampaign:  "kegiatan/materi kampanye",
	cueMobilise:  "pengerahan bawahan/rekan kerja",
	cueGoods:     "pemberian barang",
	cueInvite:    "undangan ke acara",
	cuePhoto:     "foto bersama",
}

// pickAct chooses the SKB act the evidence describes.
func (s *Screener) pickAct(st *state, fields []field, flagged []int32, kind string) violation.Act {
	has := map[cueKind]float32{}
	decision := false
	for _, t := range flagged {
		sc := &st.scores[t]
		for _, list := range [][]evid{sc.evAuth, sc.evAct} {
			for _, e := range list {
				if e.kind == cueMember && !s.targets[t].party {
					continue
				}
				has[e.kind] = max(has[e.kind], e.val)
				if e.cue >= 0 && e.kind == cueMobilise {
					switch fields[e.field].cues[e.cue].term {
					case "kontrak", "kontraknya", "dievaluasi", "evaluasi", "mutasi":
						decision = true
					}
				}
			}
		}
	}
	author := kind != KindLike && kind != KindReaction && kind != KindFollow && kind != KindJoinGroup && kind != KindShare
	switch {
	case has[cueMember] >= 0.5 && author:
		return violation.ActPartyMember
	case decision && has[cueMobilise] >= 0.3:
		return violation.ActDecision
	case (has[cueMobilise] >= 0.3 || has[cueGoods] >= 0.3 || has[cueInvite] >= 0.3) && author:
		return violation.ActMobilise
	case has[cueTeam] >= 0.5 && kind == KindProfile:
		return violation.ActTeam
	case kind == KindPhoto || (author && (has[cuePhoto] >= 0.3 || has[cueAttribute] >= 0.3)):
		return violation.ActPhoto
	case !author || kind == KindComment:
		return violation.ActInteract
	}
	return violation.ActCampaign
}

// violation suggests the code for the primary target.
func (s *Screener) violation(act time.Time, t int32, a violation.Act) string {
	tg := &s.targets[t]
	var det time.Time
	if !tg.party {
		det = s.elecs[tg.elec].determined
	}
	if act.IsZero() {
		act = time.Now()
	}
	return string(violation.Suggest(act, det, a))
}

func (s *Screener) labels(ts []int32) string {
	var parts []string
	for _, t := range ts {
		tg := &s.targets[t]
		parts = append(parts, tg.label+" ["+tg.id+"]")
	}
	return strings.Join(parts, ", ")
}

// explainFlag writes the Indonesian explanation of a flagged record.
func (s *Screener) explainFlag(st *state, fields []field, flagged []int32, kind string, act violation.Act) string {
	var sup, opp []int32
	for _, t := range flagged {
		if st.scores[t].oppose {
			opp = append(opp, t)
		} else {
			sup = append(sup, t)
		}
	}
	var b strings.Builder
	verb := kindVerb[kind]
	if verb == "" {
		verb = "Aktivitas"
	}
	b.WriteString(verb)
	if len(sup) > 0 {
		b.WriteString(" yang mendukung ")
		b.WriteString(s.labels(sup))
	}
	if len(opp) > 0 {
		if len(sup) > 0 {
			b.WriteString(" dan")
		}
		b.WriteString(" yang menyerang/menolak ")
		b.WriteString(s.labels(opp))
	}
	var what []string
	seen := map[string]bool{}
	note := func(w string) {
		if w != "" && !seen[w] {
			seen[w] = true
			what = append(what, w)
		}
	}
	for _, t := range flagged {
		sc := &st.scores[t]
		for _, list := range [][]evid{sc.evAuth, sc.evAct} {
			for _, e := range list {
				if e.val < 0.2 {
					continue
				}
				switch {
				case e.gest >= 0:
					note("gestur jari")
				case e.ment >= 0:
					m := &fields[e.field].ments[e.ment]
					switch m.class {
					case tcHashtag:
						note("tagar kampanye")
					case tcSloganStrong, tcSloganMedium, tcSloganWeak:
						note("slogan kampanye")
					case tcTeam:
						note("tim/relawan pemenangan")
					case tcGestureNum, tcGestureOther:
						note("gestur/simbol kampanye")
					default:
						if m.isNumber {
							note("nomor urut")
						}
					}
				case e.kind == cueVote && e.cue < 0:
					note("nomor urut")
				default:
					note(cueWhat[e.kind])
				}
			}
		}
	}
	if len(what) > 0 {
		b.WriteString("; petunjuk: ")
		b.WriteString(strings.Join(what, ", "))
	}
	switch act {
	case violation.ActPartyMember:
		b.WriteString(". Indikasi keanggotaan/atribut partai politik")
	case violation.ActDecision:
		b.WriteString(". Indikasi penggunaan jabatan yang menguntungkan/merugikan peserta")
	case violation.ActMobilise:
		b.WriteString(". Indikasi kegiatan yang mengarah pada keberpihakan (ajakan, pertemuan, atau pemberian barang)")
	}
	b.WriteString(".")
	return b.String()
}

// explainClear says why a record that names someone was not flagged.
func (s *Screener) explainClear(st *state, fields []field) string {
	var named []int32
	for _, t := range st.touch {
		sc := &st.scores[t]
		if max(sc.idAuth, sc.idAct) >= 0.5 {
			named = append(named, t)
		}
	}
	if len(named) == 0 {
		return "Tidak ada keberpihakan yang jelas: kata yang mirip nama, nomor, atau simbol peserta dipakai dalam arti lain."
	}
	if len(named) > 3 {
		named = named[:3]
	}
	why := ""
	kinds := map[cueKind]bool{}
	for fi := range fields {
		for _, c := range fields[fi].cues {
			kinds[c.kind] = true
		}
	}
	switch {
	case kinds[cueStaff]:
		why = " (konteks: bertugas sebagai penyelenggara pemilu)"
	case kinds[cueOfficial]:
		why = " (konteks: informasi resmi penyelenggara pemilu)"
	case kinds[cueNeutral]:
		why = " (konteks: ajakan umum atau pernyataan netral)"
	case kinds[cueNews]:
		why = " (konteks: berita atau diskusi)"
	}
	return "Menyebut " + s.labels(named) + " tanpa tanda dukungan atau penolakan" + why + "."
}
