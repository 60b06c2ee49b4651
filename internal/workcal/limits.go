package workcal

import (
	"fmt"
	"time"
)

// StepLimit is the default time allowed for one step of a case, counted
// from the moment the case enters the step. The figures come from
// shared/reference/domain-rules.md (section cited in Basis); where the
// rules give no figure for a Pemda's own team the nearest rule is used by
// analogy and Basis says so. They are defaults: an instansi may set its own.
type StepLimit struct {
	// Step is the case step: one of the Step* constants.
	Step string
	// Days is the number of days allowed.
	Days int
	// WorkingDays is true when Days counts working days of the calendar,
	// false for calendar days.
	WorkingDays bool
	// Basis names the rule the figure comes from, in Indonesian.
	Basis string
}

// Case steps, in lifecycle order (domain-rules §2.9).
const (
	StepReceived       = "received"       // report or finding received: register or reject
	StepVerification   = "verification"   // verify: complete? which ASN (NIP, position, unit)?
	StepClarification  = "clarification"  // summons, BA klarifikasi, the ASN's reply
	StepFinding        = "finding"        // the team's finding: proven or not
	StepReferral       = "referral"       // referred to Bawaslu / BKN: their study
	StepRecommendation = "recommendation" // recommendation received: the PPK must follow up
	StepDecision       = "decision"       // PPK decision issued: delivered to the ASN
)

// Steps lists the steps with a limit, in lifecycle order.
var Steps = []string{StepReceived, StepVerification, StepClarification, StepFinding, StepReferral,
	StepRecommendation, StepDecision}

// Election kinds whose Bawaslu timelines differ.
const (
	Pilkada = "pilkada" // UU 1/2015 jo. UU 10/2016
	Pemilu  = "pemilu"  // UU 7/2017
)

// ReportWindow is the time a member of the public has to report an act
// after learning of it: 7 days (Perbawaslu 7/2022 Pasal 8 ayat (3); UU
// 7/2017 Pasal 454 ayat (6) says 7 hari kerja; domain-rules §2.2). It is a
// rule for the reporter, not a step of the team: a late report is still
// received but flagged.
func ReportWindow() StepLimit {
	return StepLimit{Step: "report", Days: 7, WorkingDays: false,
		Basis: "Laporan paling lama 7 hari sejak diketahui (Perbawaslu 7/2022 Ps. 8 ayat (3); UU 7/2017 Ps. 454 ayat (6): 7 hari kerja) — domain-rules §2.2"}
}

// DefaultLimits returns the default step limits for a Pilkada, the main
// case of Netral's users (see [LimitsFor] for a Pemilu).
func DefaultLimits() []StepLimit { return LimitsFor(Pilkada) }

// LimitsFor returns the default step limits for an election kind (Pilkada
// or Pemilu; anything else gets the Pilkada figures). Only the referral
// step differs: Bawaslu's study takes 3 working days in a Pilkada and 7
// days in a Pemilu.
func LimitsFor(kind string) []StepLimit {
	referral := StepLimit{Step: StepReferral, Days: 3, WorkingDays: true,
		Basis: "Kajian, verifikasi dan validasi Bawaslu paling lama 3 hari kerja (alur SBT BKN, domain-rules §2.5 langkah 3); " +
			"UU Pilkada: Bawaslu memutus dalam 3 hari, dapat ditambah paling lama 2 hari (§2.2, [P])"}
	if kind == Pemilu {
		referral = StepLimit{Step: StepReferral, Days: 7, WorkingDays: false,
			Basis: "Bawaslu menindaklanjuti laporan/temuan paling lama 7 hari, dapat diperpanjang paling lama 14 hari kerja " +
				"(UU 7/2017 Ps. 454, domain-rules §2.2, §2.9)"}
	}
	return []StepLimit{
		// §2.2: UU 7/2017 Ps. 454 — Bawaslu acts on a laporan/temuan within 7
		// days of receipt and registration; a temuan is determined within 7
		// days of discovery.
		{Step: StepReceived, Days: 7, WorkingDays: false,
			Basis: "Laporan/temuan ditindaklanjuti paling lama 7 hari sejak diterima dan diregistrasi; temuan ditetapkan paling lama 7 hari sejak ditemukan (UU 7/2017 Ps. 454, domain-rules §2.2; analogi untuk tim Pemda)"},
		// §2.5 step 2: joint verification by the Satgas, at most 7 days.
		{Step: StepVerification, Days: 7, WorkingDays: false,
			Basis: "Verifikasi bersama Satgas Netralitas paling lama 7 hari (alur SBT BKN, domain-rules §2.5 langkah 2; analogi untuk tim Pemda)"},
		// §2.2: the 7 days can be extended to 14 working days when more
		// information is needed; §2.6: a summons goes out 7 working days
		// before the examination ([U]).
		{Step: StepClarification, Days: 14, WorkingDays: true,
			Basis: "Perpanjangan paling lama 14 hari kerja bila perlu keterangan tambahan (UU 7/2017 Ps. 454, domain-rules §2.2); panggilan dikirim 7 hari kerja sebelum pemeriksaan (PP 94/2021 Ps. 27 [U], §2.6)"},
		// §2.2: Bawaslu decides on a laporan/temuan within 7 days; used for
		// the team's own finding.
		{Step: StepFinding, Days: 7, WorkingDays: false,
			Basis: "Putusan atas laporan/temuan paling lama 7 hari (UU 7/2017 Ps. 454, domain-rules §2.2; analogi untuk temuan tim Pemda)"},
		referral,
		// §2.4 item 4: no deadline for the PPK in the SKB [U]; Kemendagri
		// told PPKs 10 days (and once 3 days) in 2020.
		{Step: StepRecommendation, Days: 10, WorkingDays: false,
			Basis: "Tenggat tindak lanjut PPK tidak ditemukan dalam SKB [U]; Kemendagri meminta PPK menindaklanjuti dalam 10 hari (2020), sekali 3 hari — domain-rules §2.4 butir 4; sesuaikan"},
		// §2.6: the decision is delivered to the ASN within 14 working days
		// of being issued ([P], PP 53-era practice).
		{Step: StepDecision, Days: 14, WorkingDays: true,
			Basis: "Keputusan hukuman disiplin disampaikan kepada ASN paling lama 14 hari kerja sejak ditetapkan (praktik PP 53/2010, kemungkinan sama di PP 94/2021 [P]) — domain-rules §2.6"},
	}
}

// Limit returns the default limit of step in limits.
func Limit(limits []StepLimit, step string) (StepLimit, bool) {
	for _, l := range limits {
		if l.Step == step {
			return l, true
		}
	}
	return StepLimit{}, false
}

// Validate checks a limit set by an instansi.
func (l StepLimit) Validate() error {
	if l.Step == "" {
		return fmt.Errorf("step limit: step is empty")
	}
	if l.Days < 1 || l.Days > 365 {
		return fmt.Errorf("step limit %s: days must be between 1 and 365, got %d", l.Step, l.Days)
	}
	return nil
}

// Due returns when a step entered at from is due under l: the end of the
// day (23:59:59.999 in the calendar's location) l.Days working days — or
// calendar days — after from's day. A step entered on a Saturday with a
// limit of 3 working days is due at the end of Wednesday (when no holiday
// intervenes).
func (c *Calendar) Due(from time.Time, l StepLimit) time.Time {
	var last time.Time
	if l.WorkingDays {
		last = c.AddWorkingDays(from, l.Days)
	} else {
		last = c.AddDays(from, l.Days)
	}
	return EndOfDay(last, c.loc())
}
