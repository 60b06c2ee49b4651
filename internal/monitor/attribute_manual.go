package monitor

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/netral-asn/netral/internal/audit"
	"github.com/netral-asn/netral/internal/clock"
	"github.com/netral-asn/netral/internal/db"
	"github.com/netral-asn/netral/internal/nip"
	"github.com/netral-asn/netral/internal/registry"
)

// Matching by hand. Activities whose author matched no registered account at
// ingest are kept unattributed. They are shown grouped by (platform, author
// handle) — the normalised author_key of the record — so that a team member
// can say "this handle is that employee's account": [AttributeHandle] then
// registers the account in the registry and attributes every unattributed
// record of the group, in one transaction, audited. A single activity can also
// be attributed on its own ([AttributeActivityTo]).

// ErrAttributionConflict is matched by an [AttributeError] refusing a change
// that contradicts what is stored (a handle registered to another employee,
// an activity already attributed to someone else).
var ErrAttributionConflict = errors.New("attribution conflict")

// Reasons an attribution by hand is refused ([AttributeError.Code]).
const (
	AttrPlatformUnknown   = "platform_unknown"   // the registry keeps no accounts of this platform
	AttrHandleInvalid     = "handle_invalid"     // empty, or not a handle the registry accepts
	AttrHandleTaken       = "handle_taken"       // the handle is another employee's account
	AttrNoActivity        = "no_activity"        // no activity of the instansi has this platform and handle
	AttrNIPInvalid        = "nip_invalid"        // not 18 digits
	AttrEmployeeNotFound  = "employee_not_found" // no such employee in the instansi
	AttrAlreadyAttributed = "already_attributed" // the activity belongs to another employee already
)

// AttributeError is a refused attribution by hand. It matches [ErrInvalid],
// [ErrNotFound] or [ErrAttributionConflict] with errors.Is.
type AttributeError struct {
	Field string // the input at fault: platform, handle, nip, employee or activity
	Code  string // one of the Attr… reasons
	Value string // the value at fault, as given
	// Owner is the employee who holds the handle (AttrHandleTaken) or the
	// activity (AttrAlreadyAttributed).
	Owner *registry.Employee
	Msg   string // an English description, for logs and the command line
}

// Error returns the English description naming the field.
func (e *AttributeError) Error() string { return e.Field + ": " + e.Msg }

// Unwrap makes the error match ErrInvalid, ErrNotFound or ErrAttributionConflict.
func (e *AttributeError) Unwrap() error {
	switch e.Code {
	case AttrHandleTaken, AttrAlreadyAttributed:
		return ErrAttributionConflict
	case AttrNoActivity, AttrEmployeeNotFound:
		return ErrNotFound
	}
	return ErrInvalid
}

// UnattributedGroup is the unattributed activity of one author handle on one
// platform.
type UnattributedGroup struct {
	Platform  string
	Handle    string // the normalised author handle (activity author_key)
	Author    string // one author value as given
	Count     int    // unattributed records of the group
	Flagged   int    // of which flagged by their latest screening
	FirstSeen time.Time
	LastSeen  time.Time // by the record's own time, or ingestion time when it has none
	AuthorIDs int       // distinct stable platform ids given with the records
	// Sample is a text of the group: of its latest flagged record that has
	// one, else of its latest record with text; "" when purged or absent.
	Sample           string
	SampleActivityID int64
	SampleReviewID   int64 // review item of the sample record; 0 when it has none
}

// UnattributedFilter selects groups for [UnattributedGroups].
type UnattributedFilter struct {
	InstansiID int64
	Platform   string // exact (normalised) platform
	Handle     string // part of the handle (case-insensitive, "@" ignored)
	Limit      int    // default 50, at most 1000
	Cursor     string // from a previous page's Next
}

// UnattributedPage is one page of groups, flagged groups first, then by
// number of records (most first), platform and handle.
type UnattributedPage struct {
	Items   []UnattributedGroup
	Total   int    // groups matching the filter
	Records int    // unattributed records in those groups
	Next    string // cursor of the next page; "" on the last page
}

// groupCols are the columns of a group (platform, handle, author, count,
// flagged, first and last seen, distinct author ids, sample id). The
// sample is the latest flagged record with text, else the latest with text
// or context, else the latest.
const groupCols = `a.platform, a.author_key, MAX(a.author), COUNT(*), SUM(a.flagged),
		MIN(COALESCE(a.occurred_at, a.ingested_at)), MAX(COALESCE(a.occurred_at, a.ingested_at)),
		COUNT(DISTINCT NULLIF(a.author_id, '')),
		COALESCE(MAX(CASE WHEN a.flagged = 1 AND a.text IS NOT NULL THEN a.id END),
			MAX(CASE WHEN a.text IS NOT NULL OR a.context_text IS NOT NULL THEN a.id END), MAX(a.id))`

// groupCursor is the sort key of the last group of a page.
type groupCursor struct {
	Flag     int    `json:"f"`
	Count    int    `json:"c"`
	Platform string `json:"p"`
	Handle   string `json:"h"`
}

func (f UnattributedFilter) where() (string, []any) {
	w := ` WHERE a.instansi_id = ? AND a.employee_id IS NULL AND a.author_key <> ''`
	args := []any{f.InstansiID}
	if p := NormalizePlatform(f.Platform); p != "" {
		w += ` AND a.platform = ?`
		args = append(args, p)
	}
	if h := registry.NormalizeHandle(f.Handle); h != "" {
		w += ` AND a.author_key LIKE ? ESCAPE '\'`
		args = append(args, "%"+escapeLike(h)+"%")
	}
	return w, args
}

func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// UnattributedGroups returns a page of the instansi's unattributed activity
// grouped by platform and author handle. Records without an author are not
// in any group (see [UnattributedSummary]).
func UnattributedGroups(ctx context.Context, q db.Querier, f UnattributedFilter) (UnattributedPage, error) {
	var p UnattributedPage
	where, args := f.where()
	if err := q.QueryRow(ctx, `SELECT COUNT(*), COALESCE(SUM(n), 0) FROM (SELECT COUNT(*) AS n FROM activity a`+where+
		` GROUP BY a.platform, a.author_key) g`, args...).Scan(&p.Total, &p.Records); err != nil {
		return p, fmt.Errorf("count unattributed groups: %w", err)
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 50
	}
	limit = min(limit, 1000)
	having := ""
	if f.Cursor != "" {
		var c groupCursor
		b, err := base64.RawURLEncoding.DecodeString(f.Cursor)
		if err != nil || json.Unmarshal(b, &c) != nil || c.Count <= 0 {
			return p, invalid("invalid cursor")
		}
		having = ` HAVING MAX(a.flagged) < ? OR (MAX(a.flagged) = ? AND COUNT(*) < ?)
			OR (MAX(a.flagged) = ? AND COUNT(*) = ? AND (a.platform > ? OR (a.platform = ? AND a.author_key > ?)))`
		args = append(args, c.Flag, c.Flag, c.Count, c.Flag, c.Count, c.Platform, c.Platform, c.Handle)
	}
	rows, err := q.Query(ctx, `SELECT `+groupCols+`, MAX(a.flagged) FROM activity a`+where+` GROUP BY a.platform, a.author_key`+having+`
		ORDER BY MAX(a.flagged) DESC, COUNT(*) DESC, a.platform, a.author_key LIMIT `+strconv.Itoa(limit+1), args...)
	if err != nil {
		return p, fmt.Errorf("list unattributed groups: %w", err)
	}
	var flags []int
	for rows.Next() {
		var g UnattributedGroup
		var flag int
		var first, last string
		if err := rows.Scan(&g.Platform, &g.Handle, &g.Author, &g.Count, &g.Flagged, &first, &last,
			&g.AuthorIDs, &g.SampleActivityID, &flag); err != nil {
			rows.Close()
			return p, err
		}
		g.FirstSeen, g.LastSeen = clock.Parse(first), clock.Parse(last)
		p.Items = append(p.Items, g)
		flags = append(flags, flag)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return p, err
	}
	if len(p.Items) > limit {
		p.Items = p.Items[:limit]
		g := p.Items[limit-1]
		b, _ := json.Marshal(groupCursor{Flag: flags[limit-1], Count: g.Count, Platform: g.Platform, Handle: g.Handle})
		p.Next = base64.RawURLEncoding.EncodeToString(b)
	}
	return p, fillSamples(ctx, q, f.InstansiID, p.Items)
}

// UnattributedGroupOf returns the group of one platform and author handle
// (given with "@" or as a profile address too); [ErrNotFound] when the
// instansi has no unattributed activity of it.
func UnattributedGroupOf(ctx context.Context, q db.Querier, instansiID int64, platform, handle string) (UnattributedGroup, error) {
	platform, key := NormalizePlatform(platform), AuthorKey(handle)
	if platform == "" || key == "" {
		return UnattributedGroup{}, ErrNotFound
	}
	var g UnattributedGroup
	var first, last string
	err := q.QueryRow(ctx, `SELECT `+groupCols+`
		FROM activity a WHERE a.instansi_id = ? AND a.employee_id IS NULL AND a.platform = ? AND a.author_key = ?
		GROUP BY a.platform, a.author_key`, instansiID, platform, key).
		Scan(&g.Platform, &g.Handle, &g.Author, &g.Count, &g.Flagged, &first, &last, &g.AuthorIDs, &g.SampleActivityID)
	if errors.Is(db.NoRows(err), db.ErrNotFound) {
		return g, ErrNotFound
	}
	if err != nil {
		return g, fmt.Errorf("unattributed group: %w", err)
	}
	g.FirstSeen, g.LastSeen = clock.Parse(first), clock.Parse(last)
	gs := []UnattributedGroup{g}
	if err := fillSamples(ctx, q, instansiID, gs); err != nil {
		return g, err
	}
	return gs[0], nil
}

// fillSamples reads the sample text (and review item) of each group.
func fillSamples(ctx context.Context, q db.Querier, instansiID int64, gs []UnattributedGroup) error {
	if len(gs) == 0 {
		return nil
	}
	byID := map[int64]*UnattributedGroup{}
	args := []any{instansiID}
	for i := range gs {
		byID[gs[i].SampleActivityID] = &gs[i]
		args = append(args, gs[i].SampleActivityID)
	}
	rows, err := q.Query(ctx, `SELECT a.id, a.text, a.context_text, a.media_captions, COALESCE(r.id, 0)
		FROM activity a LEFT JOIN review_item r ON r.activity_id = a.id
		WHERE a.instansi_id = ? AND a.id IN (`+strings.TrimSuffix(strings.Repeat("?,", len(gs)), ",")+`)`, args...)
	if err != nil {
		return fmt.Errorf("sample texts: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, review int64
		var text, ctxText, captions *string
		if err := rows.Scan(&id, &text, &ctxText, &captions, &review); err != nil {
			return err
		}
		g := byID[id]
		if g == nil {
			continue
		}
		g.SampleReviewID = review
		switch {
		case text != nil && strings.TrimSpace(*text) != "":
			g.Sample = *text
		case ctxText != nil && strings.TrimSpace(*ctxText) != "":
			g.Sample = *ctxText
		case captions != nil:
			var cs []string
			if json.Unmarshal([]byte(*captions), &cs) == nil && len(cs) > 0 {
				g.Sample = cs[0]
			}
		}
	}
	return rows.Err()
}

// UnattributedSummary counts the instansi's unattributed activity: the
// groups of [UnattributedGroups], their records, and the records that name
// no author (they can only be attributed one by one).
type UnattributedSummary struct {
	Groups, Records, NoAuthor int
}

// SummarizeUnattributed returns the counts of an instansi's unattributed activity.
func SummarizeUnattributed(ctx context.Context, q db.Querier, instansiID int64) (UnattributedSummary, error) {
	var s UnattributedSummary
	err := q.QueryRow(ctx, `SELECT COUNT(DISTINCT CASE WHEN author_key <> '' THEN platform || ' ' || author_key END),
		COUNT(CASE WHEN author_key <> '' THEN 1 END), COUNT(CASE WHEN author_key = '' THEN 1 END)
		FROM activity WHERE instansi_id = ? AND employee_id IS NULL`, instansiID).Scan(&s.Groups, &s.Records, &s.NoAuthor)
	if err != nil {
		return s, fmt.Errorf("count unattributed activity: %w", err)
	}
	return s, nil
}

// UnattributedPlatforms lists the platforms that have unattributed activity
// in the instansi, by name.
func UnattributedPlatforms(ctx context.Context, q db.Querier, instansiID int64) ([]string, error) {
	rows, err := q.Query(ctx, `SELECT DISTINCT platform FROM activity WHERE instansi_id = ? AND employee_id IS NULL
		AND author_key <> '' ORDER BY platform`, instansiID)
	if err != nil {
		return nil, fmt.Errorf("unattributed platforms: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var p string
		if err := rows.Scan(&p); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// FindEmployees looks employees of an instansi up for an attribution: a
// query of 18 digits (separators allowed) is a NIP, matched exactly;
// anything else matches the start of the name or of a word of it
// (case-insensitive). At most limit employees (default 20), by name.
func FindEmployees(ctx context.Context, q db.Querier, instansiID int64, query string, limit int) ([]registry.Employee, error) {
	query = strings.Join(strings.Fields(query), " ")
	if query == "" {
		return nil, nil
	}
	if limit <= 0 {
		limit = 20
	}
	var where string
	var args []any
	if d := nip.Normalize(query); len(d) == 18 && strings.Trim(d, "0123456789") == "" {
		where, args = `e.nip = ?`, []any{d}
	} else {
		l := escapeLike(strings.ToLower(query))
		where, args = `(e.search LIKE ? ESCAPE '\' OR e.search LIKE ? ESCAPE '\')`, []any{l + "%", "% " + l + "%"}
	}
	rows, err := q.Query(ctx, `SELECT e.id, e.nip, e.name, e.kind, e.jabatan, e.opd_id, o.code, o.name
		FROM employee e JOIN opd o ON o.id = e.opd_id WHERE e.instansi_id = ? AND `+where+`
		ORDER BY e.name, e.id LIMIT `+strconv.Itoa(limit), append([]any{instansiID}, args...)...)
	if err != nil {
		return nil, fmt.Errorf("find employees: %w", err)
	}
	defer rows.Close()
	var out []registry.Employee
	for rows.Next() {
		e := registry.Employee{InstansiID: instansiID}
		if err := rows.Scan(&e.ID, &e.NIP, &e.Name, &e.Kind, &e.Jabatan, &e.OPDID, &e.OPDCode, &e.OPDName); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// EmployeeByNIP returns the employee of an instansi with a NIP (separators
// allowed), or an [AttributeError] naming the field "nip".
func EmployeeByNIP(ctx context.Context, q db.Querier, instansiID int64, nipText string) (registry.Employee, error) {
	d := nip.Normalize(strings.TrimSpace(nipText))
	if len(d) != 18 || strings.Trim(d, "0123456789") != "" {
		return registry.Employee{}, &AttributeError{Field: "nip", Code: AttrNIPInvalid, Value: nipText,
			Msg: fmt.Sprintf("%q is not a NIP (18 digits)", nipText)}
	}
	e, err := employeeByID(ctx, q, instansiID, 0, d)
	if errors.Is(err, ErrNotFound) {
		return e, &AttributeError{Field: "nip", Code: AttrEmployeeNotFound, Value: nipText,
			Msg: fmt.Sprintf("no employee with NIP %s in this instansi", d)}
	}
	return e, err
}

// employeeByID reads an employee of the instansi by id (or, when id is 0, by NIP digits).
func employeeByID(ctx context.Context, q db.Querier, instansiID, id int64, nipDigits string) (registry.Employee, error) {
	e := registry.Employee{InstansiID: instansiID}
	cond, arg := `e.id = ?`, any(id)
	if id == 0 {
		cond, arg = `e.nip = ?`, nipDigits
	}
	err := q.QueryRow(ctx, `SELECT e.id, e.nip, e.name, e.kind, e.jabatan, e.opd_id, o.code, o.name
		FROM employee e JOIN opd o ON o.id = e.opd_id WHERE e.instansi_id = ? AND `+cond, instansiID, arg).
		Scan(&e.ID, &e.NIP, &e.Name, &e.Kind, &e.Jabatan, &e.OPDID, &e.OPDCode, &e.OPDName)
	if errors.Is(db.NoRows(err), db.ErrNotFound) {
		return e, ErrNotFound
	}
	if err != nil {
		return e, fmt.Errorf("employee: %w", err)
	}
	return e, nil
}

func employeeNotFound(id int64) error {
	return &AttributeError{Field: "employee", Code: AttrEmployeeNotFound, Value: strconv.FormatInt(id, 10),
		Msg: fmt.Sprintf("no employee %d in this instansi", id)}
}

// registrable returns the registry account a (platform, handle) group
// becomes: a handle, or for an author known by a profile address the
// address the registry derives the same handle from.
func registrable(platform, handle string) (registry.Account, error) {
	if !slices.Contains(registry.Platforms, platform) {
		return registry.Account{}, &AttributeError{Field: "platform", Code: AttrPlatformUnknown, Value: platform,
			Msg: fmt.Sprintf("the registry keeps no %q accounts (it knows %s)", platform, strings.Join(registry.Platforms, ", "))}
	}
	bad := &AttributeError{Field: "handle", Code: AttrHandleInvalid, Value: handle,
		Msg: fmt.Sprintf("%q is not a handle the registry accepts (one word, at most 100 characters)", handle)}
	if handle == "" || len(handle) > 100 || strings.ContainsAny(handle, " \t\r\n<>\"'\\") {
		return registry.Account{}, bad
	}
	if strings.Contains(handle, "/") {
		// An address handle ("facebook.com/profile.php?id=1"): the registry
		// derives the same handle from the address itself.
		u, err := url.Parse("https://" + handle)
		host, _, _ := strings.Cut(handle, "/")
		if err != nil || !strings.Contains(host, ".") || len(handle) > 400 {
			return registry.Account{}, bad
		}
		return registry.Account{Platform: platform, URL: u.String()}, nil
	}
	return registry.Account{Platform: platform, Handle: handle}, nil
}

// accountOwner returns the account of the instansi with platform and handle
// and its employee; account 0 when there is none.
func accountOwner(ctx context.Context, tx *db.Tx, instansiID int64, platform, handle string) (int64, registry.Employee, error) {
	var acc, emp int64
	err := tx.QueryRow(ctx, `SELECT id, employee_id FROM social_account WHERE instansi_id = ? AND platform = ? AND handle = ?`,
		instansiID, platform, handle).Scan(&acc, &emp)
	if errors.Is(db.NoRows(err), db.ErrNotFound) {
		return 0, registry.Employee{}, nil
	}
	if err != nil {
		return 0, registry.Employee{}, fmt.Errorf("account lookup: %w", err)
	}
	e, err := employeeByID(ctx, tx, instansiID, emp, "")
	if err != nil && !errors.Is(err, ErrNotFound) {
		return 0, e, err
	}
	e.ID = emp
	return acc, e, nil
}

func handleTaken(platform, handle string, owner registry.Employee) error {
	return &AttributeError{Field: "handle", Code: AttrHandleTaken, Value: handle, Owner: &owner,
		Msg: fmt.Sprintf("%s account %q is already registered to %s (NIP %s)", platform, handle, owner.Name, owner.NIP)}
}

// HandleAttribution is the outcome of [AttributeHandle].
type HandleAttribution struct {
	Platform       string
	Handle         string
	AccountID      int64
	AccountCreated bool // false when the employee already had the account
	Employee       registry.Employee
	Attributed     int // records attributed now (0 when run again)
}

// AttributeHandle says that an author handle of a platform is an account of
// an employee of the instansi: the account is added to the employee in the
// registry (unless they have it already) and every unattributed activity of
// the instansi with that platform and handle is attributed to it (and so to
// the employee and their current OPD), in one transaction, audited. handle
// may be given with "@" or as a profile address. Running it again changes
// nothing. It refuses, with an [AttributeError], a platform the registry does
// not know, a handle no activity of the instansi has, an employee of another
// instansi, and a handle that is another employee's account.
func AttributeHandle(ctx context.Context, d *db.DB, actor audit.Actor, instansiID int64, platform, handle string, employeeID int64) (HandleAttribution, error) {
	res := HandleAttribution{Platform: NormalizePlatform(platform), Handle: AuthorKey(handle)}
	if res.Platform == "" {
		return res, &AttributeError{Field: "platform", Code: AttrPlatformUnknown, Msg: "a platform is required"}
	}
	if res.Handle == "" {
		return res, &AttributeError{Field: "handle", Code: AttrHandleInvalid, Msg: "a handle is required"}
	}
	acc, err := registrable(res.Platform, res.Handle)
	if err != nil {
		return res, err
	}
	err = d.InTx(ctx, func(tx *db.Tx) error {
		res.AccountID, res.AccountCreated, res.Attributed = 0, false, 0
		var total int
		var authorIDs []string
		rows, err := tx.Query(ctx, `SELECT DISTINCT author_id FROM activity WHERE instansi_id = ? AND platform = ? AND author_key = ?
			AND employee_id IS NULL`, instansiID, res.Platform, res.Handle)
		if err != nil {
			return fmt.Errorf("author ids: %w", err)
		}
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return err
			}
			if id = strings.TrimSpace(id); id != "" {
				authorIDs = append(authorIDs, id)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM activity WHERE instansi_id = ? AND platform = ? AND author_key = ?`,
			instansiID, res.Platform, res.Handle).Scan(&total); err != nil {
			return fmt.Errorf("count activities: %w", err)
		}
		if total == 0 {
			return &AttributeError{Field: "handle", Code: AttrNoActivity, Value: handle,
				Msg: fmt.Sprintf("no activity of %s handle %q in this instansi", res.Platform, res.Handle)}
		}
		e, err := employeeByID(ctx, tx, instansiID, employeeID, "")
		if errors.Is(err, ErrNotFound) {
			return employeeNotFound(employeeID)
		}
		if err != nil {
			return err
		}
		res.Employee = e
		// The registry's form of the handle (the same, or derived from the address).
		probe := acc
		probe.InstansiID, probe.EmployeeID = instansiID, e.ID
		accID, owner, err := accountOwner(ctx, tx, instansiID, res.Platform, res.Handle)
		if err != nil {
			return err
		}
		switch {
		case accID != 0 && owner.ID != e.ID:
			return handleTaken(res.Platform, res.Handle, owner)
		case accID != 0:
			res.AccountID = accID
		default:
			if len(authorIDs) == 1 { // one stable id: keep it, so a later rename still matches
				probe.PlatformID = authorIDs[0]
			}
			a, created, err := registry.SaveAccountTx(ctx, tx, actor, probe)
			var fe *registry.FieldError
			switch {
			case errors.As(err, &fe) && errors.Is(err, registry.ErrConflict):
				return handleTaken(res.Platform, res.Handle, registry.Employee{Name: "?"})
			case errors.As(err, &fe):
				return &AttributeError{Field: "handle", Code: AttrHandleInvalid, Value: handle, Msg: fe.Message}
			case err != nil:
				return fmt.Errorf("register account: %w", err)
			}
			if a.Handle != res.Handle {
				return &AttributeError{Field: "handle", Code: AttrHandleInvalid, Value: handle,
					Msg: fmt.Sprintf("the registry would keep %q as %q", res.Handle, a.Handle)}
			}
			res.AccountID, res.AccountCreated = a.ID, created
		}
		r, err := tx.Exec(ctx, `UPDATE activity SET account_id = ?, employee_id = ?, opd_id = ?
			WHERE instansi_id = ? AND platform = ? AND author_key = ? AND employee_id IS NULL`,
			res.AccountID, e.ID, e.OPDID, instansiID, res.Platform, res.Handle)
		if err != nil {
			return fmt.Errorf("attribute activities: %w", err)
		}
		n, err := r.RowsAffected()
		if err != nil {
			return err
		}
		res.Attributed = int(n)
		if n == 0 && !res.AccountCreated {
			return nil // nothing changed: nothing to record
		}
		return audit.Record(ctx, tx, actor, audit.Event{InstansiID: instansiID, Action: "activity.attribute_handle",
			ObjectType: "social_account", ObjectID: strconv.FormatInt(res.AccountID, 10),
			After: map[string]any{"platform": res.Platform, "handle": res.Handle, "account_id": res.AccountID,
				"account_created": res.AccountCreated, "employee_id": e.ID, "nip": e.NIP, "opd_id": e.OPDID,
				"attributed": res.Attributed}})
	})
	return res, err
}

// ActivityAttribution is the outcome of [AttributeActivityTo].
type ActivityAttribution struct {
	ActivityID int64
	AccountID  int64 // the employee's registered account of the author, 0 when none
	Employee   registry.Employee
	Changed    bool // false when the activity was already the employee's
}

// AttributeActivityTo attributes one activity of the instansi to an employee
// (and their current OPD) without registering an account: for records whose
// author is unknown or is not the employee's own account. When the author's
// handle is a registered account, it must be the employee's (the activity is
// then attributed to that account too). An activity already attributed to
// another employee is refused; to the same employee, nothing changes. The
// change is audited.
func AttributeActivityTo(ctx context.Context, d *db.DB, actor audit.Actor, instansiID, activityID, employeeID int64) (ActivityAttribution, error) {
	res := ActivityAttribution{ActivityID: activityID}
	err := d.InTx(ctx, func(tx *db.Tx) error {
		var platform, key string
		var cur *int64
		err := tx.QueryRow(ctx, `SELECT platform, author_key, employee_id FROM activity WHERE id = ? AND instansi_id = ?`,
			activityID, instansiID).Scan(&platform, &key, &cur)
		if errors.Is(db.NoRows(err), db.ErrNotFound) {
			return ErrNotFound
		}
		if err != nil {
			return fmt.Errorf("activity: %w", err)
		}
		e, err := employeeByID(ctx, tx, instansiID, employeeID, "")
		if errors.Is(err, ErrNotFound) {
			return employeeNotFound(employeeID)
		}
		if err != nil {
			return err
		}
		res.Employee = e
		if cur != nil {
			if *cur == e.ID {
				return nil
			}
			owner, err := employeeByID(ctx, tx, instansiID, *cur, "")
			if err != nil && !errors.Is(err, ErrNotFound) {
				return err
			}
			return &AttributeError{Field: "activity", Code: AttrAlreadyAttributed, Value: strconv.FormatInt(activityID, 10),
				Owner: &owner, Msg: fmt.Sprintf("activity %d is already attributed to %s", activityID, owner.Name)}
		}
		if key != "" {
			acc, owner, err := accountOwner(ctx, tx, instansiID, platform, key)
			if err != nil {
				return err
			}
			if acc != 0 && owner.ID != e.ID {
				return handleTaken(platform, key, owner)
			}
			res.AccountID = acc
		}
		r, err := tx.Exec(ctx, `UPDATE activity SET account_id = ?, employee_id = ?, opd_id = ?
			WHERE id = ? AND instansi_id = ? AND employee_id IS NULL`, nullID(res.AccountID), e.ID, e.OPDID, activityID, instansiID)
		if err != nil {
			return fmt.Errorf("attribute activity: %w", err)
		}
		if n, err := r.RowsAffected(); err != nil || n != 1 {
			return fmt.Errorf("attribute activity %d: %d rows changed (%v)", activityID, n, err)
		}
		res.Changed = true
		return audit.Record(ctx, tx, actor, audit.Event{InstansiID: instansiID, Action: "activity.attribute",
			ObjectType: "activity", ObjectID: strconv.FormatInt(activityID, 10),
			Before: map[string]any{"account_id": nil, "employee_id": nil, "opd_id": nil},
			After: map[string]any{"account_id": nullID(res.AccountID), "employee_id": e.ID, "nip": e.NIP, "opd_id": e.OPDID,
				"by_hand": true}})
	})
	return res, err
}
