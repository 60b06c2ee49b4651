package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/netral-asn/netral/internal/db"
	"github.com/netral-asn/netral/internal/workcal"
)

// The working-day calendar page (/kalender): a year's non-working days of
// the instansi (the shipped national days with the instansi's own changes),
// forms to add, remove and restore days (PermCalendarEdit), and the default
// time limits of the case steps that the calendar serves.

// calendarNotices maps ?ok= after a change to its message.
var calendarNotices = map[string]string{
	"added":    "calendar.notice_added",
	"removed":  "calendar.notice_removed",
	"restored": "calendar.notice_restored",
}

// calendarForm is the state of the add form.
type calendarForm struct {
	Date   string
	Kind   string
	Name   string
	Note   string
	Errors map[string]string // field → message
}

// calendarRow is one listed day.
type calendarRow struct {
	Date        string // YYYY-MM-DD (value of the remove form)
	Shown       string // DD-MM-YYYY
	Weekday     string
	Weekend     bool
	Name        string
	KindLabel   string
	Instansi    bool // added by the instansi
	Provisional bool
	Note        string
}

// calendarLimit is one row of the step-limit table.
type calendarLimit struct {
	Step  string
	Days  int
	Unit  string
	Basis string
}

// calendarPage is what calendar.html receives.
type calendarPage struct {
	Year        int
	Prev, Next  int // 0 when out of range
	Years       []int
	FirstYear   int // editable range
	LastYear    int
	Covered     bool
	Provisional bool
	Source      string
	Zone        string
	WorkingDays int
	Rows        []calendarRow
	Removed     []calendarRow
	Kinds       []option
	Form        calendarForm
	Error       string // a refused remove/restore
	Notice      string
	Limits      []calendarLimit
}

func (s *Server) calendarShow(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	year, _ := strconv.Atoi(r.URL.Query().Get("tahun"))
	note := ""
	if k, ok := calendarNotices[r.URL.Query().Get("ok")]; ok {
		note = c.L.T(k)
	}
	return s.renderCalendar(w, r, c, year, calendarForm{}, "", note, http.StatusOK)
}

// renderCalendar renders a year of the calendar; a year out of the editable
// range shows the current year.
func (s *Server) renderCalendar(w http.ResponseWriter, r *http.Request, c *reqCtx, year int, form calendarForm, errMsg, note string, status int) error {
	cal, err := workcal.Load(r.Context(), s.DB, c.Instansi.ID)
	if err != nil {
		return err
	}
	if year < workcal.EditFirstYear || year > workcal.EditLastYear {
		year = time.Now().In(cal.Location).Year()
		year = min(max(year, workcal.EditFirstYear), workcal.EditLastYear)
	}
	d := calendarPage{Year: year, Covered: cal.Covers(year), Zone: cal.Location.String(), WorkingDays: cal.WorkingDaysIn(year),
		Form: form, Error: errMsg, Notice: note, FirstYear: workcal.EditFirstYear, LastYear: workcal.EditLastYear}
	if year > workcal.EditFirstYear {
		d.Prev = year - 1
	}
	if year < workcal.EditLastYear {
		d.Next = year + 1
	}
	for y := workcal.EditFirstYear; y <= workcal.EditLastYear; y++ {
		d.Years = append(d.Years, y)
	}
	for _, yi := range cal.Years() {
		if yi.Year == year {
			d.Source, d.Provisional = yi.Source, yi.Provisional
		}
	}
	row := func(day workcal.Day) calendarRow {
		wd := day.Date.Weekday()
		return calendarRow{Date: day.DateString(), Shown: day.Date.Format("02-01-2006"),
			Weekday: calendarText(c, "weekday", strconv.Itoa(int(wd))), Weekend: wd == time.Saturday || wd == time.Sunday,
			Name: day.Label(c.L.Lang), KindLabel: calendarText(c, "kind", string(day.Kind)),
			Instansi: day.Origin == workcal.OriginInstansi, Provisional: day.Provisional, Note: day.Note}
	}
	for _, day := range cal.Days(year) {
		d.Rows = append(d.Rows, row(day))
	}
	for _, day := range cal.Removed(year) {
		d.Removed = append(d.Removed, row(day))
	}
	for _, k := range workcal.Kinds {
		d.Kinds = append(d.Kinds, option{string(k), calendarText(c, "kind", string(k))})
	}
	if d.Form.Kind == "" {
		d.Form.Kind = string(workcal.KindRegional)
	}
	for _, l := range workcal.DefaultLimits() {
		unit := c.L.T("calendar.unit_days")
		if l.WorkingDays {
			unit = c.L.T("calendar.unit_working_days")
		}
		d.Limits = append(d.Limits, calendarLimit{Step: calendarText(c, "step", l.Step), Days: l.Days, Unit: unit, Basis: l.Basis})
	}
	s.renderStatus(w, r, c, status, "calendar.html", c.L.T("calendar.title"), d)
	return nil
}

// calendarText returns the message "calendar.<group>.<value>" (a weekday
// number, a kind, a step name).
func calendarText(c *reqCtx, group, value string) string {
	key := "calendar." + group + "." + value
	return c.L.T(key)
}

// calendarFieldMsg returns the message of a refused edit in the user's
// language; other errors pass through.
func calendarFieldMsg(c *reqCtx, err error) (field, msg string, ok bool) {
	var fe *workcal.FieldError
	if !errors.As(err, &fe) {
		return "", "", false
	}
	return fe.Field, fe.Text(c.L.Lang), true
}

func calendarRedirect(w http.ResponseWriter, r *http.Request, day time.Time, ok string) {
	q := url.Values{"tahun": {strconv.Itoa(day.Year())}, "ok": {ok}}
	http.Redirect(w, r, "/kalender?"+q.Encode()+"#hari-"+day.Format(workcal.DateLayout), http.StatusSeeOther)
}

func (s *Server) calendarAdd(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	ctx := r.Context()
	form := calendarForm{Date: strings.TrimSpace(r.PostFormValue("date")), Kind: strings.TrimSpace(r.PostFormValue("kind")),
		Name: r.PostFormValue("name"), Note: r.PostFormValue("note")}
	fail := func(err error, year int) error {
		field, msg, ok := calendarFieldMsg(c, err)
		if !ok {
			return err
		}
		form.Errors = map[string]string{field: msg}
		return s.renderCalendar(w, r, c, year, form, "", "", http.StatusBadRequest)
	}
	day, err := workcal.ParseDate(form.Date)
	if err != nil {
		return fail(err, 0)
	}
	err = s.DB.InTx(ctx, func(tx *db.Tx) error {
		return workcal.AddDay(ctx, tx, c.actor(r), c.Instansi.ID, workcal.Day{Date: day, Kind: workcal.Kind(form.Kind),
			Name: form.Name, Note: form.Note})
	})
	if err != nil {
		return fail(err, day.Year())
	}
	calendarRedirect(w, r, day, "added")
	return nil
}

// calendarChange runs a remove or restore of the posted date.
func (s *Server) calendarChange(w http.ResponseWriter, r *http.Request, c *reqCtx, restore bool) error {
	ctx := r.Context()
	year, _ := strconv.Atoi(r.PostFormValue("tahun"))
	refuse := func(err error) error {
		_, msg, ok := calendarFieldMsg(c, err)
		if !ok {
			return err
		}
		return s.renderCalendar(w, r, c, year, calendarForm{}, msg, "", http.StatusBadRequest)
	}
	day, err := workcal.ParseDate(r.PostFormValue("date"))
	if err != nil {
		return refuse(err)
	}
	year = day.Year()
	err = s.DB.InTx(ctx, func(tx *db.Tx) error {
		if restore {
			return workcal.RestoreDay(ctx, tx, c.actor(r), c.Instansi.ID, day)
		}
		return workcal.RemoveDay(ctx, tx, c.actor(r), c.Instansi.ID, day, r.PostFormValue("note"))
	})
	if err != nil {
		return refuse(err)
	}
	if restore {
		calendarRedirect(w, r, day, "restored")
	} else {
		calendarRedirect(w, r, day, "removed")
	}
	return nil
}

func (s *Server) calendarRemove(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	return s.calendarChange(w, r, c, false)
}

func (s *Server) calendarRestore(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	return s.calendarChange(w, r, c, true)
}
