package nip

import "strings"

// Severity tells whether a Problem makes the number unusable.
type Severity string

// Severities of a Problem.
const (
	Error   Severity = "error"   // the number is malformed and must be corrected
	Warning Severity = "warning" // the number is well-formed but unusual; check it
)

// Problem codes, stable for callers and tests.
const (
	CodeEmpty           = "empty"              // nothing left after normalising
	CodeNotDigits       = "not_digits"         // a character other than a digit or separator
	CodeLength          = "length"             // not 18 digits
	CodeBirthDate       = "birth_date"         // digits 1–8 are not a calendar date
	CodeKindCode        = "kind_code"          // digits 13–14 are 00
	CodeTMT             = "tmt_invalid"        // PNS TMT CPNS year is 0000
	CodeTMTFuture       = "tmt_future"         // PNS TMT CPNS after the validation date
	CodeAppointedFuture = "appointment_future" // PPPK appointment year after the validation date
	CodeAppointedYear   = "appointment_year"   // the appointment year is 0000
	CodeGender          = "gender"             // digit 15 is not 1 or 2
	CodeSequence        = "sequence"           // digits 16–18 are 000
	CodeBirthYear       = "birth_year"         // warning: birth year implausible
	CodeAppointedYoung  = "appointed_young"    // warning: appointed before about age 18
	CodePPPKEarly       = "pppk_early"         // warning: PPPK appointment year before 2019
)

// Problem is one finding about a number, with its message in English and in
// Bahasa Indonesia.
type Problem struct {
	Severity  Severity
	Code      string // one of the Code* constants
	Message   string // English
	MessageID string // Bahasa Indonesia
}

// ValidationError is returned by Parse when the number is unusable. It lists
// the problems of severity Error.
type ValidationError struct {
	Input    string    // the text given to Parse
	Problems []Problem // the errors, at least one
}

// Error joins the English messages.
func (e *ValidationError) Error() string {
	return "invalid NIP: " + joinMessages(e.Problems, false)
}

// ErrorID joins the Indonesian messages, for the same use as Error.
func (e *ValidationError) ErrorID() string {
	return "NIP tidak valid: " + joinMessages(e.Problems, true)
}

func joinMessages(ps []Problem, indonesian bool) string {
	msgs := make([]string, len(ps))
	for i, p := range ps {
		msgs[i] = p.Message
		if indonesian {
			msgs[i] = p.MessageID
		}
	}
	return strings.Join(msgs, "; ")
}

func errorf(code, en, id string) Problem {
	return Problem{Severity: Error, Code: code, Message: en, MessageID: id}
}

func warningf(code, en, id string) Problem {
	return Problem{Severity: Warning, Code: code, Message: en, MessageID: id}
}
