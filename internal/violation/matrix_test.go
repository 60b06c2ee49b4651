package violation

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

func TestMatrixData(t *testing.T) {
	m := Matrix()
	if m.Version != Version || m.Revision < 1 { // Version is "skb-2022"
		t.Fatalf("version %q rev %d (const %q)", m.Version, m.Revision, Version)
	}
	if m.Effective.Format("2006-01-02") != "2022-09-22" {
		t.Errorf("effective %s", m.Effective)
	}
	for _, want := range []string{"Nomor 2 Tahun 2022", "800-5474", "1447.1/PM.01/K.1/09/2022"} {
		if !strings.Contains(m.Instrument, want) {
			t.Errorf("instrument lacks %q", want)
		}
	}
	for _, want := range []string{"PP 94/2021", "PP 42/2004", "UU 20/2023"} {
		if !strings.Contains(m.Basis, want) {
			t.Errorf("basis lacks %q", want)
		}
	}
	if m.PhaseRule == "" || m.PPPK == "" || len(m.Notes) < 2 {
		t.Error("phase rule, PPPK note or discrepancy notes missing")
	}
	// Every KE code offers exactly the two moral sanctions (PP 42/2004);
	// every DS code offers the disiplin sanctions of its level.
	want := map[Severity][]string{
		SanksiMoral:    {"SM-TTP", "SM-TBK"},
		DisiplinSedang: {"HD-S6", "HD-S9", "HD-S12"},
		DisiplinBerat:  {"HD-B1", "HD-B2", "HD-B3"},
		PTDH:           {"PTDH"},
		SatgasDecides:  {"HD-S6", "HD-S9", "HD-S12", "HD-B1", "HD-B2", "HD-B3"},
	}
	for _, e := range m.Entries() {
		if got := strings.Join(e.SanctionIDs, ","); got != strings.Join(want[e.Severity], ",") {
			t.Errorf("%s (%s): sanctions %s", e.Code, e.Severity, got)
		}
		if e.TitleEN == "" || e.Basis == "" {
			t.Errorf("%s: English title or basis missing", e.Code)
		}
		if (e.Category == KodeEtik) != (e.List() == "KE") || !strings.HasPrefix(string(e.Code), e.List()+"-") {
			t.Errorf("%s: list %s", e.Code, e.List())
		}
		if m.Label(e.Code, "en") != e.TitleEN || m.Label(e.Code, "id") != e.Title {
			t.Errorf("%s: labels", e.Code)
		}
	}
	// The discrepancies of §1.7 are recorded on the entries concerned.
	for _, c := range []Code{DS03, DS08, DS09} {
		if e, _ := Lookup(c); e.Note == "" {
			t.Errorf("%s has no note on the disagreement", c)
		}
	}
	if m.Label("XX-01", "id") != "" || m.SanctionOptions("XX-01") != nil {
		t.Error("unknown code described")
	}
	// The entries returned are copies.
	e, _ := m.Entry(KE04)
	e.SanctionIDs[0] = "changed"
	if e2, _ := m.Entry(KE04); e2.SanctionIDs[0] != "SM-TTP" {
		t.Error("Entry exposes the matrix's slice")
	}
}

func TestSanctions(t *testing.T) {
	all := Sanctions()
	var ids []string
	for _, s := range all {
		ids = append(ids, s.ID)
		if s.Label("id") == "" || s.Label("en") == "" || s.Basis == "" {
			t.Errorf("%s incomplete", s.ID)
		}
		if got, ok := SanctionByID(s.ID); !ok || got.ID != s.ID {
			t.Errorf("SanctionByID(%s)", s.ID)
		}
	}
	// The stable list the case records refer to: changing it breaks stored decisions.
	if got := strings.Join(ids, ","); got != "SM-TTP,SM-TBK,HD-R1,HD-R2,HD-R3,HD-S6,HD-S9,HD-S12,HD-B1,HD-B2,HD-B3,PTDH,LAINNYA" {
		t.Errorf("sanction ids %s", got)
	}
	levels := map[string]SanctionLevel{"SM-TTP": LevelMoralTertutup, "SM-TBK": LevelMoralTerbuka, "HD-R1": LevelRingan,
		"HD-S6": LevelSedang, "HD-S12": LevelSedang, "HD-B1": LevelBerat, "HD-B3": LevelBerat, "PTDH": LevelPTDH, "LAINNYA": LevelOther}
	for id, lvl := range levels {
		if s, _ := SanctionByID(id); s.Severity != lvl {
			t.Errorf("%s level %s, want %s", id, s.Severity, lvl)
		}
	}
	months := map[string]int{"HD-S6": 6, "HD-S9": 9, "HD-S12": 12, "HD-B1": 12, "HD-B2": 12, "HD-B3": 0}
	for id, n := range months {
		if s, _ := SanctionByID(id); s.Months != n {
			t.Errorf("%s months %d", id, s.Months)
		}
	}
	for _, id := range []string{"HD-R1", "HD-R2", "HD-R3", "LAINNYA"} {
		if s, _ := SanctionByID(id); s.InMatrix {
			t.Errorf("%s marked as in the matrix", id)
		}
	}
	if s, _ := SanctionByID("HD-B3"); !strings.Contains(s.LabelID, "pemberhentian dengan hormat") || !strings.Contains(s.Basis, "Pasal 8 ayat (4) huruf c") {
		t.Errorf("HD-B3 %+v", s)
	}
	if s, _ := SanctionByID("PTDH"); s.PPPK == "" {
		t.Error("PTDH has no PPPK note")
	}
	if _, ok := SanctionByID("hd-b1"); ok {
		t.Error("ids are case-sensitive")
	}
	all[0].ID = "changed"
	if Sanctions()[0].ID != "SM-TTP" {
		t.Error("Sanctions exposes the matrix's slice")
	}
}

func TestActs(t *testing.T) {
	acts := Acts()
	if len(acts) != int(ActSupportLetter)+1 {
		t.Fatalf("%d acts", len(acts))
	}
	wib := time.FixedZone("WIB", 7*3600)
	det := time.Date(2024, 9, 22, 0, 0, 0, 0, wib)
	for _, a := range acts {
		if a.Label("id") == "" || a.Label("en") == "" || a.Act.String() != a.Key {
			t.Errorf("%s incomplete", a.Key)
		}
		if p, ok := ParseAct(a.Key); !ok || p != a.Act {
			t.Errorf("ParseAct(%s)", a.Key)
		}
		// The data agrees with Suggest in both phases.
		if got := Suggest(det.AddDate(0, 0, -1), det, a.Act); got != a.BeforeCode {
			t.Errorf("%s before: %s, data %s", a.Key, got, a.BeforeCode)
		}
		if got := Suggest(det, det, a.Act); got != a.AfterCode {
			t.Errorf("%s after: %s, data %s", a.Key, got, a.AfterCode)
		}
	}
	if _, ok := ParseAct("Interact"); ok {
		t.Error("ParseAct is case-sensitive")
	}
	if Act(99).String() != "act(99)" || Suggest(det, det, Act(99)) != DS13 || Suggest(det, det, Act(-1)) != DS13 {
		t.Error("unknown act")
	}
	for c, want := range map[Code]Act{KE04: ActInteract, DS06: ActInteract, DS10: ActTeam, KE07: ActSpouse, DS11: ActSupportLetter} {
		if a, ok := ActOf(c); !ok || a != want {
			t.Errorf("ActOf(%s) = %v", c, a)
		}
	}
}

func TestSuggestFor(t *testing.T) {
	wib := time.FixedZone("WIB", 7*3600)
	det := time.Date(2024, 9, 22, 0, 0, 0, 0, wib) // penetapan paslon Pilkada 2024
	before := time.Date(2024, 9, 21, 22, 0, 0, 0, wib)
	after := time.Date(2024, 10, 2, 19, 4, 0, 0, wib)

	s := SuggestFor(ActInteract, before, det)
	if s.Code != KE04 || s.List != "KE" || s.Phase != PhaseBakalCalon || s.PhaseAssumed || s.Version != "skb-2022" {
		t.Fatalf("before: %+v", s)
	}
	if len(s.SanctionOptions) != 2 || s.SanctionOptions[0].Severity != LevelMoralTertutup || s.SanctionOptions[1].Severity != LevelMoralTerbuka {
		t.Errorf("KE options %+v", s.SanctionOptions)
	}
	if !strings.Contains(s.Basis, "PP 42/2004") || s.Title == "" || s.TitleEN == "" {
		t.Errorf("KE basis %q", s.Basis)
	}

	s = SuggestFor(ActInteract, after, det)
	if s.Code != DS06 || s.List != "DS" || s.Phase != PhaseCalon || s.Severity != DisiplinBerat {
		t.Fatalf("after: %+v", s)
	}
	var ids []string
	for _, o := range s.SanctionOptions {
		ids = append(ids, o.ID)
	}
	if strings.Join(ids, ",") != "HD-B1,HD-B2,HD-B3" || !strings.Contains(s.Basis, "PP 94/2021") {
		t.Errorf("DS-06 options %v basis %q", ids, s.Basis)
	}

	// The day of penetapan itself is in the calon phase.
	if s := SuggestFor(ActPhoto, det.Add(8*time.Hour), det); s.Code != DS07 {
		t.Errorf("on penetapan day: %s", s.Code)
	}
	// Team: DS-09 (sedang) before, DS-10 (berat) after.
	if s := SuggestFor(ActTeam, before, det); s.Code != DS09 || s.SanctionOptions[0].ID != "HD-S6" || s.Note == "" {
		t.Errorf("team before: %+v", s)
	}
	// Party membership is PTDH whatever the date.
	if s := SuggestFor(ActPartyMember, before, det); s.Code != DS05 || len(s.SanctionOptions) != 1 || s.SanctionOptions[0].ID != "PTDH" {
		t.Errorf("party member: %+v", s)
	}
	// Unknown dates: calon assumed and said so.
	for _, s := range []Suggestion{SuggestFor(ActInteract, time.Time{}, det), SuggestFor(ActInteract, before, time.Time{})} {
		if s.Code != DS06 || !s.PhaseAssumed || s.Phase != PhaseCalon {
			t.Errorf("unknown date: %+v", s)
		}
	}

	// By code: a hand-picked code is moved to the list of the act's phase.
	for _, tt := range []struct {
		code Code
		at   time.Time
		want Code
	}{
		{KE04, after, DS06}, {DS06, before, KE04}, {KE05, before, KE05}, {DS09, after, DS10}, {DS10, before, DS09},
		{KE07, after, KE07}, {DS03, before, DS03}, {DS11, before, DS11}, {DS12, before, DS12}, {DS13, before, DS13},
	} {
		s, err := SuggestForCode(tt.code, tt.at, det)
		if err != nil || s.Code != tt.want {
			t.Errorf("SuggestForCode(%s) = %s %v, want %s", tt.code, s.Code, err, tt.want)
		}
	}
	if _, err := SuggestForCode("KE-99", after, det); err == nil {
		t.Error("unknown code accepted")
	}
}

func TestParseMatrixRejectsBadData(t *testing.T) {
	var base map[string]any
	if err := json.Unmarshal(skb2022JSON, &base); err != nil {
		t.Fatal(err)
	}
	mutate := func(f func(m map[string]any)) []byte {
		var m map[string]any
		_ = json.Unmarshal(skb2022JSON, &m)
		f(m)
		b, _ := json.Marshal(m)
		return b
	}
	entry := func(m map[string]any, i int) map[string]any { return m["entries"].([]any)[i].(map[string]any) }
	for name, f := range map[string]func(m map[string]any){
		"no version":       func(m map[string]any) { m["version"] = "" },
		"bad effective":    func(m map[string]any) { m["effective"] = "22-09-2022" },
		"unknown sanction": func(m map[string]any) { entry(m, 0)["sanctions"] = []any{"HD-X"} },
		"no sanctions":     func(m map[string]any) { entry(m, 0)["sanctions"] = []any{} },
		"bad code":         func(m map[string]any) { entry(m, 0)["code"] = "XX-01" },
		"no english":       func(m map[string]any) { entry(m, 1)["title_en"] = "" },
		"bad severity":     func(m map[string]any) { entry(m, 1)["severity"] = "berat" },
		"act to bad code":  func(m map[string]any) { m["acts"].([]any)[0].(map[string]any)["ds"] = "DS-99" },
		"missing act":      func(m map[string]any) { m["acts"] = m["acts"].([]any)[1:] },
		"unknown act":      func(m map[string]any) { m["acts"].([]any)[0].(map[string]any)["key"] = "dance" },
		"sanction level":   func(m map[string]any) { m["sanctions"].([]any)[0].(map[string]any)["severity"] = "heavy" },
		"duplicate code":   func(m map[string]any) { entry(m, 1)["code"] = "KE-01" },
	} {
		if _, err := parseMatrix(mutate(f)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	if _, err := parseMatrix(mutate(func(map[string]any) {})); err != nil {
		t.Fatalf("round trip: %v", err)
	}
}
