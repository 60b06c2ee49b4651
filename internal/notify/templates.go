package notify

import (
	"strconv"
	"strings"
	"time"

	"github.com/netral-asn/netral/internal/docs"
	"github.com/netral-asn/netral/internal/i18n"
)

// Templates of the messages Netral sends, in Bahasa Indonesia ("id") and
// English ("en"); the text is in the i18n catalogue (docs.json, keys
// "notify.*"). Each returns a [Message] with Subject, Body, Template, Lang
// and the object set; the caller adds InstansiID, To (and Private), and a
// DedupeKey for reminders. Values are inserted as plain text.

// Template names.
const (
	TemplateCaseAssigned   = "case_assigned"
	TemplateStepDue        = "step_due"
	TemplateStepOverdue    = "step_overdue"
	TemplateReporterUpdate = "reporter_update"
	TemplateTest           = "test"
)

// CaseAssigned tells a handler that a case was assigned to them.
type CaseAssigned struct {
	CaseID     int64
	CaseNumber string
	Title      string    // short description of the case
	Recipient  string    // the handler's name
	AssignedBy string    // who assigned it
	Step       string    // the current step, e.g. "Verifikasi"
	Due        time.Time // when the current step is due; optional
	Link       string    // the case's page ([Notifier.Link])
}

// StepReminder reminds of a step due tomorrow or overdue: to the handler,
// or to the chair (ForChair), naming the handler.
type StepReminder struct {
	CaseID     int64
	CaseNumber string
	Title      string
	Step       string
	Due        time.Time
	Overdue    bool
	ForChair   bool
	Recipient  string // the name of whom the message goes to
	Handler    string // the handler's name (shown to the chair)
	Link       string
}

// ReporterUpdate tells a public reporter that their report's status
// changed. It is always private. It never carries the reporter's secret.
type ReporterUpdate struct {
	ReportID int64
	Receipt  string // the receipt code
	Status   string // the new status, in the reporter's words (e.g. "sedang diklarifikasi")
	Note     string // an optional message from the team
	Link     string // the status page, e.g. https://…/lapor/status
}

func loc(lang string) i18n.Localizer {
	if lang != "en" {
		lang = "id"
	}
	return i18n.For(lang)
}

// date writes a date in lang: "7 Oktober 2024" or "7 October 2024".
func date(lang string, t time.Time) string {
	if t.IsZero() {
		return ""
	}
	if lang == "en" {
		return t.Format("2 January 2006")
	}
	return docs.FormatDate(t)
}

// compose joins paragraphs (empty ones dropped) and the footer.
func compose(l i18n.Localizer, paras ...string) string {
	var out []string
	for _, p := range paras {
		if strings.TrimSpace(p) != "" {
			out = append(out, p)
		}
	}
	out = append(out, "—\n"+l.T("notify.footer"))
	return strings.Join(out, "\n\n") + "\n"
}

func caseLabel(number, title string) string {
	if title = oneLine(title); title != "" {
		return oneLine(number) + " (" + title + ")"
	}
	return oneLine(number)
}

// oneLine flattens a value inserted into a sentence.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func idString(id int64) string {
	if id == 0 {
		return ""
	}
	return strconv.FormatInt(id, 10)
}

// Message renders the message in lang ("id" or "en").
func (a CaseAssigned) Message(lang string) Message {
	l := loc(lang)
	body := []string{l.T("notify.greeting", oneLine(a.Recipient)),
		l.T("notify.case_assigned.body", caseLabel(a.CaseNumber, a.Title), oneLine(a.AssignedBy))}
	if a.Step != "" && !a.Due.IsZero() {
		body = append(body, l.T("notify.case_assigned.due", oneLine(a.Step), date(l.Lang, a.Due)))
	}
	if a.Link != "" {
		body = append(body, l.T("notify.open_case", a.Link))
	}
	return Message{Subject: l.T("notify.case_assigned.subject", oneLine(a.CaseNumber)), Body: compose(l, body...),
		Template: TemplateCaseAssigned, Lang: l.Lang, ObjectType: "case", ObjectID: idString(a.CaseID)}
}

// Message renders the reminder in lang ("id" or "en").
func (r StepReminder) Message(lang string) Message {
	l := loc(lang)
	tpl, key := TemplateStepDue, "notify.step_due"
	if r.Overdue {
		tpl, key = TemplateStepOverdue, "notify.step_overdue"
	}
	body := []string{l.T("notify.greeting", oneLine(r.Recipient)),
		l.T(key+".body", oneLine(r.Step), caseLabel(r.CaseNumber, r.Title), date(l.Lang, r.Due))}
	if r.ForChair && r.Handler != "" {
		body = append(body, l.T("notify.handler", oneLine(r.Handler)))
	}
	if r.Link != "" {
		body = append(body, l.T("notify.open_case", r.Link))
	}
	return Message{Subject: l.T(key+".subject", oneLine(r.Step), oneLine(r.CaseNumber)), Body: compose(l, body...),
		Template: tpl, Lang: l.Lang, ObjectType: "case", ObjectID: idString(r.CaseID)}
}

// Message renders the update in lang ("id" or "en"); it is private.
func (u ReporterUpdate) Message(lang string) Message {
	l := loc(lang)
	body := []string{l.T("notify.reporter_update.body", oneLine(u.Receipt), oneLine(u.Status))}
	if strings.TrimSpace(u.Note) != "" {
		body = append(body, l.T("notify.reporter_update.note")+"\n"+strings.TrimSpace(u.Note))
	}
	if u.Link != "" {
		body = append(body, l.T("notify.reporter_update.link", u.Link))
	}
	body = append(body, l.T("notify.reporter_update.secret"))
	return Message{Subject: l.T("notify.reporter_update.subject", oneLine(u.Receipt)), Body: compose(l, body...),
		Template: TemplateReporterUpdate, Lang: l.Lang, ObjectType: "report", ObjectID: idString(u.ReportID),
		Private: true}
}

// TestMessage is the message an admin sends to check the SMTP settings.
func TestMessage(lang, sentBy string) Message {
	l := loc(lang)
	return Message{Subject: l.T("notify.test.subject"), Body: compose(l, l.T("notify.test.body", oneLine(sentBy))),
		Template: TemplateTest, Lang: l.Lang}
}
