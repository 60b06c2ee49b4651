package violation

import "time"

// Act is the kind of conduct, as far as the matrix distinguishes it.
type Act int

// Acts the matrix distinguishes.
const (
	// ActInteract: posting, commenting, sharing, liking, following or
	// joining a (winning-team) group or account → KE-04 / DS-06.
	ActInteract Act = iota
	// ActCampaign: promoting or campaigning for the candidate online
	// (sosialisasi/kampanye media sosial, e.g. an own call to vote) → KE-02 / DS-02.
	ActCampaign
	// ActPhoto: a public photo with the candidate or team, showing a
	// partisan gesture, party attributes or campaign props → KE-05 / DS-07.
	ActPhoto
	// ActPartyMember: party membership or office, card, attributes → DS-05
	// whatever the date.
	ActPartyMember
	// ActProps: putting up banners or other campaign props → KE-01 / DS-01.
	ActProps
	// ActAttend: attending a declaration or campaign and actively
	// supporting → KE-03 / DS-04.
	ActAttend
	// ActMobilise: meetings, invitations, appeals or goods for colleagues,
	// family or the public → DS-08 (the matrix has no kode-etik twin;
	// before penetapan KE-06 is suggested).
	ActMobilise
	// ActTeam: serving on a winning team → DS-09 before penetapan, DS-10 after.
	ActTeam
	// ActDecision: an official decision or action favouring or harming a
	// candidate or party → DS-12 whatever the date.
	ActDecision
	// ActOther: anything else → DS-13 (the Satgas decides).
	ActOther
	// ActSpouse: joining the declaration or campaign of one's spouse who is
	// a candidate without unpaid leave → KE-07 whatever the date.
	ActSpouse
	// ActCandidacy: approaching a party or the public to become a candidate
	// oneself without unpaid leave → DS-03 whatever the date.
	ActCandidacy
	// ActSupportLetter: a support letter or ID-card copies for an
	// independent candidate → DS-11 whatever the date.
	ActSupportLetter
)

// IsCandidatePhase reports whether an act on act's day concerns a calon
// rather than a bakal calon: true from determinedOn's day on. Days are
// compared in each time's own location (pass determinedOn as midnight in
// the election's time zone). A zero determinedOn (unknown) counts as
// determined, a zero act time as after it.
func IsCandidatePhase(act, determinedOn time.Time) bool {
	if determinedOn.IsZero() || act.IsZero() {
		return true
	}
	ay, am, ad := act.Date()
	dy, dm, dd := determinedOn.Date()
	a := ay*10000 + int(am)*100 + ad
	d := dy*10000 + int(dm)*100 + dd
	return a >= d
}

// Suggest picks the code for an act done at act regarding an election
// whose candidates were determined on determinedOn (the act's codes come
// from the matrix data; an unknown Act gets DS-13).
func Suggest(act, determinedOn time.Time, a Act) Code {
	if a < 0 || int(a) >= len(actCodes) {
		return DS13
	}
	if IsCandidatePhase(act, determinedOn) {
		return actCodes[a][1]
	}
	return actCodes[a][0]
}

// ForSocialMedia suggests the code for a social-media activity record of
// the given kind (contract §2: post, comment, share, like, reaction,
// photo, video, story, follow, join_group, profile, other):
//
//   - photo → the photo item (KE-05 / DS-07): a public photo with the
//     candidate, a partisan gesture or party attributes;
//   - every other kind → the interaction item (KE-04 / DS-06): posting,
//     commenting, sharing, liking, following or joining.
//
// Before determinedOn the KE code is returned, from it on the DS code.
// Callers that know more (an own call to vote → [ActCampaign], party
// membership → [ActPartyMember]) should use [Suggest].
func ForSocialMedia(act, determinedOn time.Time, kind string) Code {
	if kind == "photo" {
		return Suggest(act, determinedOn, ActPhoto)
	}
	return Suggest(act, determinedOn, ActInteract)
}
