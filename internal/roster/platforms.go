package roster

import (
	"regexp"
	"strings"
)

// platform describes how one social-media platform names its accounts.
type platform struct {
	name    string         // canonical name, as in Account.Platform
	label   string         // display name in English messages
	labelID string         // display name in Indonesian messages, when not label
	aliases []string       // other names accepted in the akun column, normalised by aliasKey
	hosts   []string       // web hosts, without "www."; nil accepts any host
	handle  *regexp.Regexp // a valid handle, lower case, without @
	// url builds the profile address from a handle; nil when unknown.
	url func(handle string) string
	// fromPath derives the handle from a profile address; nil when unknown.
	fromPath func(host string, segs []string) string
}

var (
	reIG       = regexp.MustCompile(`^[a-z0-9._]{1,30}$`)
	reFB       = regexp.MustCompile(`^[a-z0-9.]{1,50}$`)
	reX        = regexp.MustCompile(`^[a-z0-9_]{1,15}$`)
	reTikTok   = regexp.MustCompile(`^[a-z0-9._]{1,24}$`)
	reYouTube  = regexp.MustCompile(`^[a-z0-9._-]{3,30}$`)
	reLinkedIn = regexp.MustCompile(`^[\p{Ll}\p{Lo}\p{N}_-]{3,100}$`)
	reMastodon = regexp.MustCompile(`^[a-z0-9_]{1,30}@[a-z0-9-]+(\.[a-z0-9-]+)+$`)
	reTelegram = regexp.MustCompile(`^[a-z0-9_]{5,32}$`)
	reBluesky  = regexp.MustCompile(`^[a-z0-9-]+(\.[a-z0-9-]+)+$`)
	reOther    = regexp.MustCompile(`^[\p{Ll}\p{Lo}\p{N}._@-]{1,100}$`)
)

// platforms lists the known platforms; "other" must stay last.
var platforms = []*platform{
	{name: "instagram", label: "Instagram", aliases: []string{"ig", "insta"}, hosts: []string{"instagram.com", "instagr.am"},
		handle: reIG, url: prefix("https://instagram.com/"),
		fromPath: firstSegment(reIG, "p", "reel", "reels", "stories", "explore", "accounts", "tv", "direct")},
	{name: "facebook", label: "Facebook", aliases: []string{"fb"}, hosts: []string{"facebook.com", "fb.com"},
		handle: reFB, url: prefix("https://facebook.com/"),
		fromPath: firstSegment(reFB, "profile.php", "people", "groups", "pages", "share", "watch", "events", "photo.php", "permalink.php", "story.php", "reel", "marketplace", "gaming")},
	{name: "x", label: "X (Twitter)", aliases: []string{"twitter", "tw", "xcom", "twittercom"}, hosts: []string{"x.com", "twitter.com"},
		handle: reX, url: prefix("https://x.com/"),
		fromPath: firstSegment(reX, "home", "i", "intent", "search", "hashtag", "share", "explore", "settings", "messages", "notifications")},
	{name: "tiktok", label: "TikTok", aliases: []string{"tt"}, hosts: []string{"tiktok.com"},
		handle: reTikTok, url: prefix("https://tiktok.com/@"), fromPath: atSegment(reTikTok)},
	{name: "youtube", label: "YouTube", aliases: []string{"yt"}, hosts: []string{"youtube.com", "youtu.be"},
		handle: reYouTube, url: prefix("https://youtube.com/@"), fromPath: atSegment(reYouTube)},
	{name: "threads", label: "Threads", hosts: []string{"threads.net", "threads.com"},
		handle: reIG, url: prefix("https://threads.com/@"), fromPath: atSegment(reIG)},
	{name: "linkedin", label: "LinkedIn", aliases: []string{"li"}, hosts: []string{"linkedin.com"},
		handle: reLinkedIn, url: prefix("https://linkedin.com/in/"), fromPath: namedSegment("in", reLinkedIn)},
	{name: "mastodon", label: "Mastodon", aliases: []string{"fediverse"},
		handle: reMastodon, url: mastodonURL, fromPath: mastodonHandle},
	{name: "telegram", label: "Telegram", aliases: []string{"tg"}, hosts: []string{"t.me", "telegram.me"},
		handle: reTelegram, url: prefix("https://t.me/"), fromPath: firstSegment(reTelegram, "s", "joinchat", "addstickers", "share")},
	{name: "bluesky", label: "Bluesky", aliases: []string{"bsky"}, hosts: []string{"bsky.app"},
		handle: reBluesky, url: prefix("https://bsky.app/profile/"), fromPath: namedSegment("profile", reBluesky)},
	{name: "other", label: "other platform", labelID: "platform lain", aliases: []string{"lainnya", "lain", "web", "website", "blog", "situs"},
		handle: reOther},
}

// platformByAlias maps aliasKey(name or alias) to its platform.
var platformByAlias = func() map[string]*platform {
	m := map[string]*platform{}
	for _, p := range platforms {
		m[aliasKey(p.name)] = p
		for _, a := range p.aliases {
			m[aliasKey(a)] = p
		}
	}
	return m
}()

// aliasKey lower-cases s and drops everything but letters and digits, so
// "Tik Tok", "tik-tok" and "TikTok" are one key.
func aliasKey(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// platformByHost returns the platform whose web host is host (any
// subdomain), or nil.
func platformByHost(host string) *platform {
	for _, p := range platforms {
		if p.ownsHost(host) && p.hosts != nil {
			return p
		}
	}
	return nil
}

// nameID returns the platform's name for Indonesian messages.
func (p *platform) nameID() string {
	if p.labelID != "" {
		return p.labelID
	}
	return p.label
}

// ownsHost reports whether host belongs to p; a platform without hosts
// accepts any host.
func (p *platform) ownsHost(host string) bool {
	if p.hosts == nil {
		return true
	}
	for _, h := range p.hosts {
		if host == h || strings.HasSuffix(host, "."+h) {
			return true
		}
	}
	return false
}

func prefix(base string) func(string) string {
	return func(h string) string { return base + h }
}

// firstSegment derives the handle from the first path segment, as in
// instagram.com/budi.s, unless that segment is one of reserved.
func firstSegment(re *regexp.Regexp, reserved ...string) func(string, []string) string {
	return func(_ string, segs []string) string {
		if len(segs) == 0 {
			return ""
		}
		h := strings.ToLower(segs[0])
		for _, r := range reserved {
			if h == r {
				return ""
			}
		}
		if !re.MatchString(h) {
			return ""
		}
		return h
	}
}

// atSegment derives the handle from a first segment starting with @, as in
// tiktok.com/@budi.s.
func atSegment(re *regexp.Regexp) func(string, []string) string {
	return func(_ string, segs []string) string {
		if len(segs) == 0 || !strings.HasPrefix(segs[0], "@") {
			return ""
		}
		if h := strings.ToLower(segs[0][1:]); re.MatchString(h) {
			return h
		}
		return ""
	}
}

// namedSegment derives the handle from the segment after name, as in
// linkedin.com/in/budi-santoso.
func namedSegment(name string, re *regexp.Regexp) func(string, []string) string {
	return func(_ string, segs []string) string {
		if len(segs) < 2 || strings.ToLower(segs[0]) != name {
			return ""
		}
		if h := strings.ToLower(segs[1]); re.MatchString(h) {
			return h
		}
		return ""
	}
}

func mastodonURL(h string) string {
	user, instance, _ := strings.Cut(h, "@")
	return "https://" + instance + "/@" + user
}

func mastodonHandle(host string, segs []string) string {
	if len(segs) == 0 || !strings.HasPrefix(segs[0], "@") {
		return ""
	}
	if h := strings.ToLower(segs[0][1:]) + "@" + host; reMastodon.MatchString(h) {
		return h
	}
	return ""
}
