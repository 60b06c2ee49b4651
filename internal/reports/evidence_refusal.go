package reports

import "errors"

// Refusal reports why [Inspect] refused a file: code is one of the
// ErrCode* values and detail what was found (e.g. the sniffed media type of
// a file of the wrong kind). ok is false when err is not such a refusal (an
// internal error). Other packages that store files checked by Inspect (case
// documents) use it to word their own messages.
func Refusal(err error) (code, detail string, ok bool) {
	var ue *errUpload
	if !errors.As(err, &ue) {
		return "", "", false
	}
	return ue.Code, ue.Detail, true
}
