package monitor_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/netral-asn/netral/internal/monitor"
	"github.com/netral-asn/netral/internal/registry"
)

// manualRecords are unattributed records of several handles: @pak.camat on
// facebook (3, one flagged, one with a stable id), "<script>" on facebook
// (XSS in the handle and text), @warga on instagram, a profile address, and
// one record without an author.
var manualRecords = strings.Join([]string{
	`{"id":"m1","platform":"facebook","kind":"post","author":"@Pak.Camat","created_at":"2024-09-01T08:00:00+07:00","text":"Rapat pagi","author_id":"9001"}`,
	`{"id":"m2","platform":"facebook","kind":"post","author":"pak.camat","created_at":"2024-10-02T08:00:00+07:00","text":"Ayo menangkan Prabowo-Gibran! Coblos 02 #PrabowoGibran2024"}`,
	`{"id":"m3","platform":"facebook","kind":"comment","author":"https://www.facebook.com/pak.camat/","text":"setuju"}`,
	`{"id":"m4","platform":"facebook","kind":"post","author":"<script>alert(1)</script>","text":"<b>halo</b><script>alert(2)</script>"}`,
	`{"id":"m5","platform":"instagram","kind":"like","author":"@warga","context_text":"foto kucing"}`,
	`{"id":"m6","platform":"instagram","kind":"post","author":"@warga","text":"pagi"}`,
	`{"id":"m7","platform":"facebook","kind":"post","author":"https://www.facebook.com/profile.php?id=777","text":"halo"}`,
	`{"id":"m8","platform":"facebook","kind":"post","author":"","text":"tanpa penulis"}`,
	`{"id":"m9","platform":"whatsapp","kind":"post","author":"@wa.user","text":"grup"}`,
}, "\n")

func TestUnattributedGroups(t *testing.T) {
	f := setup(t)
	ctx := context.Background()
	f.ingest(t, manualRecords, monitor.FormatAuto)
	// Another instansi's records of the same handle are never shown here.
	f.ingestInto(t, f.inst2.ID, `{"id":"o1","platform":"facebook","kind":"post","author":"@pak.camat","text":"lain"}`, monitor.FormatAuto)
	// An attributed record is not in any group.
	f.ingest(t, `{"id":"b1","platform":"facebook","kind":"post","author":"@budi.s","text":"halo"}`, monitor.FormatAuto)

	p, err := monitor.UnattributedGroups(ctx, f.d, monitor.UnattributedFilter{InstansiID: f.inst.ID})
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, g := range p.Items {
		keys = append(keys, g.Platform+":"+g.Handle)
	}
	// Flagged first, then by count (2 before 1); groups of one record follow
	// by platform and handle (in the database's collation).
	wantKeys := []string{"facebook:pak.camat", "instagram:warga"}
	rest := []string{"facebook:<script>alert(1)</script>", "facebook:facebook.com/profile.php?id=777", "whatsapp:wa.user"}
	if len(keys) != 5 || keys[0] != wantKeys[0] || keys[1] != wantKeys[1] || keys[4] != rest[2] {
		t.Fatalf("groups %q", keys)
	}
	for _, k := range rest[:2] {
		if k != keys[2] && k != keys[3] {
			t.Fatalf("groups %q: %q missing", keys, k)
		}
	}
	if p.Total != 5 || p.Records != 8 || p.Next != "" {
		t.Fatalf("page: total %d records %d next %q", p.Total, p.Records, p.Next)
	}
	g := p.Items[0]
	if g.Count != 3 || g.Flagged != 1 || g.AuthorIDs != 1 || !strings.Contains(g.Sample, "Prabowo") || g.SampleReviewID == 0 ||
		g.FirstSeen.IsZero() || !g.LastSeen.After(g.FirstSeen) {
		t.Fatalf("pak.camat group: %+v", g)
	}
	if w := p.Items[1]; w.Count != 2 || w.Flagged != 0 || w.Sample != "pagi" || w.SampleReviewID != 0 {
		t.Fatalf("warga group: %+v", w)
	}
	for _, x := range p.Items[2:4] {
		if x.Handle == rest[0][len("facebook:"):] && !strings.Contains(x.Sample, "<script>alert(2)</script>") {
			t.Fatalf("the sample is stored as given (escaping is the page's job): %+v", x)
		}
	}
	// One group by its platform and handle, in any spelling.
	if g, err := monitor.UnattributedGroupOf(ctx, f.d, f.inst.ID, "Facebook", "https://www.facebook.com/Pak.Camat"); err != nil ||
		g.Count != 3 || g.Flagged != 1 || !strings.Contains(g.Sample, "Prabowo") {
		t.Fatalf("group of pak.camat: %+v %v", g, err)
	}
	for _, h := range []string{"nobody", "", "budi.s"} { // budi.s: attributed
		if _, err := monitor.UnattributedGroupOf(ctx, f.d, f.inst.ID, "facebook", h); !errors.Is(err, monitor.ErrNotFound) {
			t.Errorf("group of %q: %v", h, err)
		}
	}
	if _, err := monitor.UnattributedGroupOf(ctx, f.d, f.inst2.ID, "facebook", "warga"); !errors.Is(err, monitor.ErrNotFound) {
		t.Errorf("other instansi's group: %v", err)
	}
	sum, err := monitor.SummarizeUnattributed(ctx, f.d, f.inst.ID)
	if err != nil || sum != (monitor.UnattributedSummary{Groups: 5, Records: 8, NoAuthor: 1}) {
		t.Fatalf("summary %+v %v", sum, err)
	}
	if plats, err := monitor.UnattributedPlatforms(ctx, f.d, f.inst.ID); err != nil || strings.Join(plats, ",") != "facebook,instagram,whatsapp" {
		t.Fatalf("platforms %v %v", plats, err)
	}

	// Filters: platform (aliases too) and part of the handle.
	for _, c := range []struct {
		f    monitor.UnattributedFilter
		want int
	}{
		{monitor.UnattributedFilter{Platform: "Instagram"}, 1},
		{monitor.UnattributedFilter{Platform: "wa"}, 1},
		{monitor.UnattributedFilter{Handle: "@CAMAT"}, 1},
		{monitor.UnattributedFilter{Handle: "%"}, 0}, // LIKE wildcards are literal
		{monitor.UnattributedFilter{Handle: "_"}, 0},
		{monitor.UnattributedFilter{Platform: "facebook", Handle: "a"}, 3},
	} {
		c.f.InstansiID = f.inst.ID
		p, err := monitor.UnattributedGroups(ctx, f.d, c.f)
		if err != nil || p.Total != c.want || len(p.Items) != c.want {
			t.Errorf("%+v: total %d items %d (%v), want %d", c.f, p.Total, len(p.Items), err, c.want)
		}
	}

	// Paging one group at a time walks the same order.
	var paged []string
	cursor := ""
	for i := 0; i < 10; i++ {
		p, err := monitor.UnattributedGroups(ctx, f.d, monitor.UnattributedFilter{InstansiID: f.inst.ID, Limit: 1, Cursor: cursor})
		if err != nil {
			t.Fatal(err)
		}
		for _, g := range p.Items {
			paged = append(paged, g.Platform+":"+g.Handle)
		}
		if cursor = p.Next; cursor == "" {
			break
		}
	}
	if strings.Join(paged, " ") != strings.Join(keys, " ") {
		t.Fatalf("paged %q, want %q", paged, keys)
	}
	if _, err := monitor.UnattributedGroups(ctx, f.d, monitor.UnattributedFilter{InstansiID: f.inst.ID, Cursor: "!!"}); !errors.Is(err, monitor.ErrInvalid) {
		t.Fatalf("bad cursor: %v", err)
	}
	// The other instansi sees only its own group.
	p2, err := monitor.UnattributedGroups(ctx, f.d, monitor.UnattributedFilter{InstansiID: f.inst2.ID})
	if err != nil || p2.Total != 1 || p2.Items[0].Sample != "lain" {
		t.Fatalf("instansi 2: %+v %v", p2, err)
	}
}

func attrCode(err error) string {
	var ae *monitor.AttributeError
	if errors.As(err, &ae) {
		return ae.Field + "/" + ae.Code
	}
	return ""
}

func TestAttributeHandle(t *testing.T) {
	f := setup(t)
	ctx := context.Background()
	f.ingest(t, manualRecords, monitor.FormatAuto)
	f.ingestInto(t, f.inst2.ID, `{"id":"o1","platform":"facebook","kind":"post","author":"@pak.camat","text":"lain"}`, monitor.FormatAuto)
	audits := func() int {
		return f.count(t, `SELECT COUNT(*) FROM audit_log WHERE action = 'activity.attribute_handle'`)
	}

	res, err := monitor.AttributeHandle(ctx, f.d, actor, f.inst.ID, "Facebook", "@Pak.Camat", f.budi.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !res.AccountCreated || res.Attributed != 3 || res.Employee.ID != f.budi.ID || res.Handle != "pak.camat" {
		t.Fatalf("result %+v", res)
	}
	for _, id := range []string{"m1", "m2", "m3"} {
		a := f.get(t, "facebook", id)
		if at := a.Attribution; at == nil || at.EmployeeID != f.budi.ID || at.OPDID != f.sub.ID || at.AccountID != res.AccountID ||
			at.Handle != "pak.camat" {
			t.Fatalf("%s: attribution %+v", id, a.Attribution)
		}
	}
	// The review item of the flagged record now shows the employee and OPD.
	it, err := monitor.ReviewByActivity(ctx, f.d, f.inst.ID, f.get(t, "facebook", "m2").ID)
	if err != nil || it.Activity.Attribution == nil || it.Activity.Attribution.EmployeeName != "Budi Santoso" ||
		it.Activity.Attribution.OPDCode != "1.01.01" {
		t.Fatalf("review item: %+v %v", it.Activity.Attribution, err)
	}
	// The account is in the registry, with the stable id the records carried.
	accs, err := f.reg.Accounts(ctx, f.inst.ID, f.budi.ID)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, a := range accs {
		if a.Platform == "facebook" && a.Handle == "pak.camat" {
			found = a.ID == res.AccountID && a.PlatformID == "9001"
		}
	}
	if !found {
		t.Fatalf("account not registered: %+v", accs)
	}
	if audits() != 1 || f.count(t, `SELECT COUNT(*) FROM audit_log WHERE action = 'account.create' AND object_id = ?`, itoa(res.AccountID)) != 1 {
		t.Fatal("attribution or account creation not audited")
	}
	// Other instansi untouched.
	if a, err := monitor.ByExternalID(ctx, f.d, f.inst2.ID, "facebook", "o1"); err != nil || a.Attribution != nil {
		t.Fatalf("instansi 2 record: %+v %v", a.Attribution, err)
	}
	// Idempotent: again changes nothing and records nothing.
	res2, err := monitor.AttributeHandle(ctx, f.d, actor, f.inst.ID, "facebook", "pak.camat", f.budi.ID)
	if err != nil || res2.AccountCreated || res2.Attributed != 0 || res2.AccountID != res.AccountID {
		t.Fatalf("second run: %+v %v", res2, err)
	}
	if audits() != 1 {
		t.Fatal("a run that changed nothing was audited")
	}
	// A later record of the handle is attributed at ingest.
	f.ingest(t, `{"id":"m10","platform":"facebook","kind":"post","author":"@pak.camat","text":"lagi"}`, monitor.FormatAuto)
	if a := f.get(t, "facebook", "m10"); a.Attribution == nil || a.Attribution.EmployeeID != f.budi.ID {
		t.Fatalf("later record: %+v", a.Attribution)
	}
	// The handle is now budi's: giving it to siti is refused, naming the owner.
	_, err = monitor.AttributeHandle(ctx, f.d, actor, f.inst.ID, "facebook", "pak.camat", f.siti.ID)
	var ae *monitor.AttributeError
	if !errors.Is(err, monitor.ErrAttributionConflict) || !errors.As(err, &ae) || ae.Code != monitor.AttrHandleTaken ||
		ae.Owner == nil || ae.Owner.Name != "Budi Santoso" || !strings.Contains(err.Error(), "Budi Santoso") {
		t.Fatalf("taken: %v", err)
	}

	// A handle registered to another employee while its records stayed
	// unattributed is refused too, and nothing changes.
	f.saveAccount(t, registry.Account{InstansiID: f.inst.ID, EmployeeID: f.siti.ID, Platform: "instagram", Handle: "warga"})
	if _, err := monitor.AttributeHandle(ctx, f.d, actor, f.inst.ID, "instagram", "warga", f.budi.ID); attrCode(err) != "handle/handle_taken" {
		t.Fatalf("registered to siti: %v", err)
	}
	if a := f.get(t, "instagram", "m5"); a.Attribution != nil {
		t.Fatalf("refused attribution changed the record: %+v", a.Attribution)
	}

	// Refusals, each naming the field.
	for _, c := range []struct {
		platform, handle string
		emp              int64
		code             string
		is               error
	}{
		{"facebook", "nobody.here", f.budi.ID, "handle/no_activity", monitor.ErrNotFound},
		{"facebook", "", f.budi.ID, "handle/handle_invalid", monitor.ErrInvalid},
		{"", "pak.camat", f.budi.ID, "platform/platform_unknown", monitor.ErrInvalid},
		{"whatsapp", "wa.user", f.budi.ID, "platform/platform_unknown", monitor.ErrInvalid},
		{"facebook", "<script>alert(1)</script>", f.budi.ID, "handle/handle_invalid", monitor.ErrInvalid},
		{"instagram", "@WARGA", f.budi.ID, "handle/handle_taken", monitor.ErrAttributionConflict},
	} {
		_, err := monitor.AttributeHandle(ctx, f.d, actor, f.inst.ID, c.platform, c.handle, c.emp)
		if attrCode(err) != c.code || !errors.Is(err, c.is) {
			t.Errorf("%s %q: %v (%s), want %s", c.platform, c.handle, err, attrCode(err), c.code)
		}
	}
	// An employee of another instansi, or none: not found.
	other := f.saveEmployee(t, f.inst2.ID, "197805052005011003", "Joko Lain", f.saveOPD(t, f.inst2.ID, "1.01", "Dinas", 0).ID)
	for _, emp := range []int64{other.ID, 0, 999999} {
		if _, err := monitor.AttributeHandle(ctx, f.d, actor, f.inst.ID, "facebook", "facebook.com/profile.php?id=777", emp); attrCode(err) != "employee/employee_not_found" {
			t.Errorf("employee %d: %v", emp, err)
		}
	}
	// Nor can instansi 2 attribute its record to an employee of instansi 1.
	if _, err := monitor.AttributeHandle(ctx, f.d, actor, f.inst2.ID, "facebook", "pak.camat", f.siti.ID); attrCode(err) != "employee/employee_not_found" {
		t.Errorf("cross-instansi employee: %v", err)
	}

	// A profile address author becomes an address account.
	res, err = monitor.AttributeHandle(ctx, f.d, actor, f.inst.ID, "facebook", "https://www.facebook.com/profile.php?id=777", f.siti.ID)
	if err != nil || res.Attributed != 1 || res.Handle != "facebook.com/profile.php?id=777" {
		t.Fatalf("address author: %+v %v", res, err)
	}
	f.ingest(t, `{"id":"m11","platform":"facebook","kind":"post","author":"https://facebook.com/profile.php?id=777","text":"lagi"}`, monitor.FormatAuto)
	if a := f.get(t, "facebook", "m11"); a.Attribution == nil || a.Attribution.EmployeeID != f.siti.ID {
		t.Fatalf("later address record: %+v", a.Attribution)
	}
	if n := f.count(t, `SELECT COUNT(*) FROM activity WHERE instansi_id = ? AND employee_id IS NULL`, f.inst.ID); n != 5 {
		t.Fatalf("%d unattributed left, want 5 (script, warga ×2, whatsapp, no author)", n)
	}
}

func TestAttributeActivityTo(t *testing.T) {
	f := setup(t)
	ctx := context.Background()
	f.ingest(t, manualRecords, monitor.FormatAuto)
	noAuthor := f.get(t, "facebook", "m8")
	res, err := monitor.AttributeActivityTo(ctx, f.d, actor, f.inst.ID, noAuthor.ID, f.siti.ID)
	if err != nil || !res.Changed || res.AccountID != 0 {
		t.Fatalf("attribute: %+v %v", res, err)
	}
	a := f.get(t, "facebook", "m8")
	if at := a.Attribution; at == nil || at.EmployeeID != f.siti.ID || at.OPDID != f.opd2.ID || at.AccountID != 0 {
		t.Fatalf("attribution %+v", a.Attribution)
	}
	var after string
	if err := f.d.QueryRow(ctx, `SELECT after_json FROM audit_log WHERE action = 'activity.attribute' AND object_id = ?`,
		itoa(a.ID)).Scan(&after); err != nil || !strings.Contains(after, `"by_hand":true`) {
		t.Fatalf("audit: %q %v", after, err)
	}
	// Again to the same employee: nothing changes, nothing is recorded.
	if res, err := monitor.AttributeActivityTo(ctx, f.d, actor, f.inst.ID, noAuthor.ID, f.siti.ID); err != nil || res.Changed {
		t.Fatalf("again: %+v %v", res, err)
	}
	if n := f.count(t, `SELECT COUNT(*) FROM audit_log WHERE action = 'activity.attribute'`); n != 1 {
		t.Fatalf("%d audit entries", n)
	}
	// To someone else: refused, naming the current employee.
	_, err = monitor.AttributeActivityTo(ctx, f.d, actor, f.inst.ID, noAuthor.ID, f.budi.ID)
	var ae *monitor.AttributeError
	if !errors.As(err, &ae) || ae.Code != monitor.AttrAlreadyAttributed || ae.Owner.Name != "Siti Aminah" {
		t.Fatalf("already attributed: %v", err)
	}
	// Only this record: the others of its handle stay unattributed, no account is made.
	warga := f.get(t, "instagram", "m5")
	if _, err := monitor.AttributeActivityTo(ctx, f.d, actor, f.inst.ID, warga.ID, f.budi.ID); err != nil {
		t.Fatal(err)
	}
	if a := f.get(t, "instagram", "m6"); a.Attribution != nil {
		t.Fatalf("sibling attributed: %+v", a.Attribution)
	}
	if n := f.count(t, `SELECT COUNT(*) FROM social_account WHERE handle = 'warga'`); n != 0 {
		t.Fatalf("%d accounts made", n)
	}
	// When the author's handle is an employee's account, it must be theirs.
	f.saveAccount(t, registry.Account{InstansiID: f.inst.ID, EmployeeID: f.siti.ID, Platform: "facebook", Handle: "pak.camat"})
	m1 := f.get(t, "facebook", "m1")
	if _, err := monitor.AttributeActivityTo(ctx, f.d, actor, f.inst.ID, m1.ID, f.budi.ID); attrCode(err) != "handle/handle_taken" {
		t.Fatalf("handle of siti to budi: %v", err)
	}
	res, err = monitor.AttributeActivityTo(ctx, f.d, actor, f.inst.ID, m1.ID, f.siti.ID)
	if err != nil || res.AccountID == 0 {
		t.Fatalf("handle of siti to siti: %+v %v", res, err)
	}
	// Other instansi: the activity is not found; its employee is not found.
	if _, err := monitor.AttributeActivityTo(ctx, f.d, actor, f.inst2.ID, warga.ID, f.budi.ID); !errors.Is(err, monitor.ErrNotFound) {
		t.Fatalf("other instansi activity: %v", err)
	}
	other := f.saveEmployee(t, f.inst2.ID, "197805052005011003", "Joko Lain", f.saveOPD(t, f.inst2.ID, "1.01", "Dinas", 0).ID)
	m6 := f.get(t, "instagram", "m6")
	if _, err := monitor.AttributeActivityTo(ctx, f.d, actor, f.inst.ID, m6.ID, other.ID); attrCode(err) != "employee/employee_not_found" {
		t.Fatalf("other instansi employee: %v", err)
	}
}

func TestFindEmployees(t *testing.T) {
	f := setup(t)
	ctx := context.Background()
	f.saveEmployee(t, f.inst2.ID, "197805052005011003", "Budi Lain", f.saveOPD(t, f.inst2.ID, "1.01", "Dinas", 0).ID)
	names := func(q string) string {
		es, err := monitor.FindEmployees(ctx, f.d, f.inst.ID, q, 0)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, e := range es {
			out = append(out, e.Name)
		}
		return strings.Join(out, ",")
	}
	for q, want := range map[string]string{
		"budi":                      "Budi Santoso",
		"  SANTOSO ":                "Budi Santoso", // start of a word
		"ant":                       "",             // not a prefix
		"198503152010011002":        "Budi Santoso",
		"19850315 201001 1 002":     "Budi Santoso",
		"197805052005011003":        "", // the other instansi's
		"%":                         "",
		"_":                         "",
		"":                          "",
		"1990":                      "Siti Aminah", // start of a NIP (the search key ends with it)
		"siti aminah":               "Siti Aminah",
		"<script>alert(1)</script>": "",
	} {
		if got := names(q); got != want {
			t.Errorf("FindEmployees(%q) = %q, want %q", q, got, want)
		}
	}
	if e, err := monitor.EmployeeByNIP(ctx, f.d, f.inst.ID, "1985 0315 2010 01 1 002"); err != nil || e.ID != f.budi.ID || e.OPDCode != "1.01.01" {
		t.Fatalf("by NIP: %+v %v", e, err)
	}
	for nipText, code := range map[string]string{"197805052005011003": "nip/employee_not_found", "123": "nip/nip_invalid", "abc": "nip/nip_invalid"} {
		if _, err := monitor.EmployeeByNIP(ctx, f.d, f.inst.ID, nipText); attrCode(err) != code {
			t.Errorf("EmployeeByNIP(%q): %v, want %s", nipText, err, code)
		}
	}
}
