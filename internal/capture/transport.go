package capture

import (
	"fmt"
	"net/http"
)

// SafeTransport returns an HTTP transport with the Fetcher's protection
// against server-side request forgery, for other readers of untrusted URLs
// (feed polling): every connection — the first request's and every
// redirect's — is dialled only to checked, public addresses, never through a
// proxy, with TLS 1.2 or later. Only opts.AllowHosts and opts.AllowCIDRs (the
// allow-list for tests) matter; it fails with ErrOptions on a bad entry.
func SafeTransport(opts Options) (*http.Transport, error) {
	f, err := New(Options{AllowHosts: opts.AllowHosts, AllowCIDRs: opts.AllowCIDRs})
	if err != nil {
		return nil, err
	}
	return f.transport, nil
}

// SafeClient returns an HTTP client over [SafeTransport] whose requests are
// bounded by opts.Timeout (DefaultTimeout when 0) and follow at most
// opts.MaxRedirects redirects (DefaultMaxRedirects when 0, none when
// negative), to http and https URLs only.
func SafeClient(opts Options) (*http.Client, error) {
	if opts.Timeout < 0 {
		return nil, &Error{Kind: ErrOptions, Detail: "Timeout must not be negative"}
	}
	t, err := SafeTransport(opts)
	if err != nil {
		return nil, err
	}
	timeout := opts.Timeout
	if timeout == 0 {
		timeout = DefaultTimeout
	}
	maxRedirects := opts.MaxRedirects
	if maxRedirects == 0 {
		maxRedirects = DefaultMaxRedirects
	}
	return &http.Client{
		Transport: t,
		Timeout:   timeout,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if maxRedirects < 0 || len(via) > maxRedirects {
				return &Error{Kind: ErrTooManyRedirects, Detail: fmt.Sprintf("more than %d redirects", max(maxRedirects, 0))}
			}
			if s := req.URL.Scheme; s != "http" && s != "https" {
				return &Error{Kind: ErrScheme, Detail: fmt.Sprintf("redirect to a %s: URL", s)}
			}
			return nil
		},
	}, nil
}
