package roster

import (
	"fmt"
	"net/url"
	"strings"
	"unicode"
)

// maxAccountLen bounds one account entry, in bytes.
const maxAccountLen = 2048

// AccountError is the error of ParseAccounts: one entry of the akun cell
// that could not be read, with the reason in English and Bahasa Indonesia.
type AccountError struct {
	Entry     string // the entry as written
	Message   string // English
	MessageID string // Bahasa Indonesia
}

// Error returns the English message.
func (e *AccountError) Error() string { return e.Message }

// ParseAccounts parses the akun cell: entries separated by ";" (or line
// breaks), each "platform:handle-or-url", e.g.
// "instagram:@budi.s; facebook:https://facebook.com/budi.s". Common platform
// aliases are accepted (ig, fb, twitter → x, tt, yt, …) and a bare profile
// address names its platform by its host ("https://tiktok.com/@budi.s").
// Where a platform's address pattern is known the handle is derived from the
// URL and the URL from the handle. Repeated accounts are kept once. An empty
// cell gives no accounts. The error, if any, is an *AccountError.
func ParseAccounts(s string) ([]Account, error) {
	var accs []Account
	for _, entry := range strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == '\n' || r == '\r' }) {
		entry = strings.TrimFunc(entry, isSpace)
		if entry == "" {
			continue
		}
		a, err := parseAccount(entry)
		if err != nil {
			return nil, err
		}
		if !containsAccount(accs, a) {
			accs = append(accs, a)
		}
	}
	return accs, nil
}

// FormatAccounts writes accounts in the form ParseAccounts reads, joined by
// "; ": "platform:@handle" when the URL is the one derived from the handle
// (or empty), "platform:URL" otherwise. A ";" inside a URL, which
// ParseAccounts never returns, is written as %3B; an account with neither
// handle nor URL is left out.
func FormatAccounts(accs []Account) string {
	parts := make([]string, 0, len(accs))
	for _, a := range accs {
		name := strings.ToLower(a.Platform)
		p := platformByAlias[aliasKey(name)]
		switch {
		case a.Handle != "" && (a.URL == "" || p != nil && p.url != nil && p.url(a.Handle) == a.URL):
			parts = append(parts, name+":@"+a.Handle)
		case a.URL != "":
			parts = append(parts, name+":"+strings.ReplaceAll(a.URL, ";", "%3B"))
		}
	}
	return strings.Join(parts, "; ")
}

func containsAccount(accs []Account, a Account) bool {
	for _, b := range accs {
		if b.Platform == a.Platform && (a.Handle != "" && a.Handle == b.Handle || a.Handle == "" && b.Handle == "" && a.URL == b.URL) {
			return true
		}
	}
	return false
}

func parseAccount(entry string) (Account, error) {
	if len(entry) > maxAccountLen {
		return Account{}, accountError(entry,
			fmt.Sprintf("account entry is too long (%d characters)", len(entry)),
			fmt.Sprintf("isian akun terlalu panjang (%d karakter)", len(entry)))
	}
	if looksLikeURL(entry) {
		u, err := parseURL(entry)
		if err != nil {
			return Account{}, err
		}
		p := platformByHost(u.Hostname())
		if p == nil {
			p = platformByAlias["other"]
		}
		return fromURL(p, u), nil
	}
	name, value, ok := strings.Cut(entry, ":")
	if !ok {
		return Account{}, accountError(entry,
			fmt.Sprintf("account %q does not say its platform; write it as platform:handle, e.g. instagram:@budi.s, and separate accounts with ;", entry),
			fmt.Sprintf("akun %q tidak menyebut platformnya; tulis sebagai platform:nama_akun, mis. instagram:@budi.s, dan pisahkan akun dengan ;", entry))
	}
	name = strings.TrimFunc(name, isSpace)
	p := platformByAlias[aliasKey(name)]
	if p == nil || aliasKey(name) == "" {
		return Account{}, accountError(entry,
			fmt.Sprintf("unknown platform %q in %q; use instagram, facebook, x, tiktok, youtube, threads, linkedin, mastodon, telegram, bluesky or other", name, entry),
			fmt.Sprintf("platform %q pada %q tidak dikenal; gunakan instagram, facebook, x, tiktok, youtube, threads, linkedin, mastodon, telegram, bluesky atau other (lainnya)", name, entry))
	}
	value = strings.TrimFunc(value, isSpace)
	if value == "" {
		return Account{}, accountError(entry,
			fmt.Sprintf("account %q has no handle or address after the colon", entry),
			fmt.Sprintf("akun %q tidak berisi nama akun atau alamat setelah titik dua", entry))
	}
	if looksLikeURL(value) || p.hosts != nil && hostOf(value) != "" && p.ownsHost(hostOf(value)) {
		u, err := parseURL(value)
		if err != nil {
			return Account{}, err
		}
		if !p.ownsHost(u.Hostname()) {
			return Account{}, accountError(entry,
				fmt.Sprintf("%q is not an address on %s", value, p.label),
				fmt.Sprintf("%q bukan alamat %s", value, p.nameID()))
		}
		return fromURL(p, u), nil
	}
	h := strings.ToLower(strings.TrimPrefix(value, "@"))
	if !p.handle.MatchString(h) {
		en := fmt.Sprintf("%q is not a valid %s handle", value, p.label)
		id := fmt.Sprintf("%q bukan nama akun %s yang valid", value, p.nameID())
		if strings.ContainsAny(value, ", ") {
			en += "; separate accounts with ;"
			id += "; pisahkan akun dengan ;"
		} else if p.name == "mastodon" {
			en += "; write it as @user@instance"
			id += "; tulis sebagai @pengguna@server"
		}
		return Account{}, accountError(entry, en, id)
	}
	a := Account{Platform: p.name, Handle: h}
	if p.url != nil {
		a.URL = p.url(h)
	}
	return a, nil
}

// fromURL builds the account of a profile address on p.
func fromURL(p *platform, u *url.URL) Account {
	a := Account{Platform: p.name, URL: u.String()}
	if p.fromPath == nil {
		return a
	}
	var segs []string
	for _, s := range strings.Split(u.EscapedPath(), "/") {
		if s != "" {
			if un, err := url.PathUnescape(s); err == nil {
				segs = append(segs, un)
			}
		}
	}
	if h := p.fromPath(strings.ToLower(u.Hostname()), segs); h != "" {
		a.Handle, a.URL = h, p.url(h)
	}
	return a
}

// looksLikeURL reports whether s starts with http(s):// or www.
func looksLikeURL(s string) bool {
	l := strings.ToLower(s)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "www.")
}

// hostOf returns the host part of a scheme-less address such as
// "instagram.com/budi.s", or "".
func hostOf(s string) string {
	host, _, _ := strings.Cut(s, "/")
	if !strings.Contains(host, ".") || strings.ContainsAny(host, "@:") {
		return ""
	}
	return strings.ToLower(host)
}

// parseURL parses a profile address, adding https:// when no scheme is given.
func parseURL(s string) (*url.URL, error) {
	raw := s
	if l := strings.ToLower(s); !strings.HasPrefix(l, "http://") && !strings.HasPrefix(l, "https://") {
		raw = "https://" + s
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || u.User != nil || strings.ContainsFunc(raw, unicode.IsSpace) || !strings.Contains(u.Hostname(), ".") {
		return nil, accountError(s,
			fmt.Sprintf("%q is not a valid web address", s),
			fmt.Sprintf("%q bukan alamat web yang valid", s))
	}
	u.Scheme = strings.ToLower(u.Scheme)
	u.Host = strings.ToLower(u.Host)
	return u, nil
}

func accountError(entry, en, id string) *AccountError {
	return &AccountError{Entry: entry, Message: en, MessageID: id}
}
