package capture

import (
	"errors"
	"strings"
)

// Kinds of failure. Every error [Fetcher.Fetch], [New] and [Capture.Verify]
// return is an [*Error] (or wraps one) whose Kind is one of these, so callers
// test with errors.Is(err, capture.ErrBlockedAddress) and may map each kind to
// a message in the user's language.
var (
	// ErrInvalidURL: the URL cannot be parsed or has no host.
	ErrInvalidURL = errors.New("invalid URL")
	// ErrScheme: the URL (or a redirect) is not http or https.
	ErrScheme = errors.New("only http and https URLs can be captured")
	// ErrBlockedAddress: the host is, or resolves to, an address Netral
	// refuses to connect to (loopback, private, link-local such as the cloud
	// metadata service, CGNAT, multicast, unspecified, reserved …).
	ErrBlockedAddress = errors.New("address not allowed")
	// ErrTooManyRedirects: more than Options.MaxRedirects redirects.
	ErrTooManyRedirects = errors.New("too many redirects")
	// ErrTimeout: the fetch did not finish within Options.Timeout (or the
	// caller's deadline).
	ErrTimeout = errors.New("timed out")
	// ErrTooLarge: the body is longer than Options.MaxBytes. Fetch still
	// returns the Capture with the first MaxBytes bytes and Truncated set.
	ErrTooLarge = errors.New("response too large")
	// ErrContentType: the server answered with a content type that is not in
	// Options.AllowedContentTypes. Fetch still returns the Capture with the
	// response's metadata but no body.
	ErrContentType = errors.New("content type not allowed")
	// ErrHostNotFound: DNS says the host does not exist. Fetch still returns
	// a Capture with Gone set, so a re-capture can record that the post's
	// site disappeared.
	ErrHostNotFound = errors.New("host not found")
	// ErrNetwork: any other failure to talk to the server (connection
	// refused or reset, TLS failure, malformed response …).
	ErrNetwork = errors.New("network error")
	// ErrHashMismatch: a Capture's Body does not match its SHA256.
	ErrHashMismatch = errors.New("body does not match its SHA-256")
	// ErrOptions: invalid [Options] given to [New].
	ErrOptions = errors.New("invalid options")
)

// Error is the error type of this package: a Kind (one of the Err* values,
// or context.Canceled when the caller cancelled), the URL concerned and
// details for a human.
type Error struct {
	// Kind is one of the package's Err* values (or context.Canceled).
	Kind error
	// URL is the URL being fetched when the error happened: the requested
	// URL or a redirect target. Empty for errors not tied to a URL.
	URL string
	// Detail explains the failure, e.g. "127.0.0.1 is a loopback address".
	Detail string
	// Err is the underlying error, if any.
	Err error
}

// Error returns "capture <url>: <kind>: <detail>".
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("capture")
	if e.URL != "" {
		b.WriteString(" ")
		b.WriteString(e.URL)
	}
	b.WriteString(": ")
	if e.Kind != nil {
		b.WriteString(e.Kind.Error())
	} else {
		b.WriteString("error")
	}
	if e.Detail != "" {
		b.WriteString(": ")
		b.WriteString(e.Detail)
	} else if e.Err != nil {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

// Unwrap returns Kind and Err, so errors.Is matches both.
func (e *Error) Unwrap() []error {
	errs := make([]error, 0, 2)
	if e.Kind != nil {
		errs = append(errs, e.Kind)
	}
	if e.Err != nil {
		errs = append(errs, e.Err)
	}
	return errs
}
