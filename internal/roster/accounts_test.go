package roster

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestParseAccounts(t *testing.T) {
	acc := func(p, h, u string) Account { return Account{Platform: p, Handle: h, URL: u} }
	tests := []struct {
		in   string
		want []Account
	}{
		{"", nil},
		{" ; ;", nil},
		{"instagram:@budi.s; facebook:https://facebook.com/budi.s", []Account{
			acc("instagram", "budi.s", "https://instagram.com/budi.s"),
			acc("facebook", "budi.s", "https://facebook.com/budi.s")}},
		{"IG: Budi.S", []Account{acc("instagram", "budi.s", "https://instagram.com/budi.s")}},
		{"insta:https://www.instagram.com/budi.s/?igsh=MWx4", []Account{acc("instagram", "budi.s", "https://instagram.com/budi.s")}},
		{"instagram:instagram.com/budi.s", []Account{acc("instagram", "budi.s", "https://instagram.com/budi.s")}},
		{"instagram:https://www.instagram.com/p/C1x2y3/", []Account{acc("instagram", "", "https://www.instagram.com/p/C1x2y3/")}},
		{"fb:https://m.facebook.com/profile.php?id=100012345678", []Account{acc("facebook", "", "https://m.facebook.com/profile.php?id=100012345678")}},
		{"twitter:@BudiS_88", []Account{acc("x", "budis_88", "https://x.com/budis_88")}},
		{"x:https://twitter.com/budis_88/status/1", []Account{acc("x", "budis_88", "https://x.com/budis_88")}},
		{"Tik Tok:@budi.s", []Account{acc("tiktok", "budi.s", "https://tiktok.com/@budi.s")}},
		{"tiktok:https://vm.tiktok.com/ZSabc/", []Account{acc("tiktok", "", "https://vm.tiktok.com/ZSabc/")}},
		{"yt:https://www.youtube.com/@BudiChannel", []Account{acc("youtube", "budichannel", "https://youtube.com/@budichannel")}},
		{"youtube:https://www.youtube.com/channel/UCabc", []Account{acc("youtube", "", "https://www.youtube.com/channel/UCabc")}},
		{"threads:@budi.s", []Account{acc("threads", "budi.s", "https://threads.com/@budi.s")}},
		{"threads:https://www.threads.net/@budi.s", []Account{acc("threads", "budi.s", "https://threads.com/@budi.s")}},
		{"linkedin:https://id.linkedin.com/in/budi-santoso-123", []Account{acc("linkedin", "budi-santoso-123", "https://linkedin.com/in/budi-santoso-123")}},
		{"mastodon:@budi@mastodon.social", []Account{acc("mastodon", "budi@mastodon.social", "https://mastodon.social/@budi")}},
		{"mastodon:https://kolektiva.social/@Budi", []Account{acc("mastodon", "budi@kolektiva.social", "https://kolektiva.social/@budi")}},
		{"tg:budi_santoso", []Account{acc("telegram", "budi_santoso", "https://t.me/budi_santoso")}},
		{"bsky:budi.bsky.social", []Account{acc("bluesky", "budi.bsky.social", "https://bsky.app/profile/budi.bsky.social")}},
		{"lainnya:https://budi.blogspot.com", []Account{acc("other", "", "https://budi.blogspot.com")}},
		{"other:budi_s", []Account{acc("other", "budi_s", "")}},
		{"https://www.tiktok.com/@budi.s?lang=id", []Account{acc("tiktok", "budi.s", "https://tiktok.com/@budi.s")}},
		{"www.example.org/budi", []Account{acc("other", "", "https://www.example.org/budi")}},
		{"ig:budi.s\nfb:budi.s\r\nig:@BUDI.S", []Account{
			acc("instagram", "budi.s", "https://instagram.com/budi.s"),
			acc("facebook", "budi.s", "https://facebook.com/budi.s")}},
	}
	for _, tt := range tests {
		got, err := ParseAccounts(tt.in)
		if err != nil {
			t.Errorf("ParseAccounts(%q) error: %v", tt.in, err)
			continue
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ParseAccounts(%q) =\n %+v\nwant\n %+v", tt.in, got, tt.want)
		}
		// What FormatAccounts writes parses back to the same accounts.
		again, err := ParseAccounts(FormatAccounts(got))
		if err != nil || !reflect.DeepEqual(again, got) {
			t.Errorf("round trip of %q via %q = %+v, %v", tt.in, FormatAccounts(got), again, err)
		}
	}
}

func TestParseAccountsErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{"@budi.s", "does not say its platform"},
		{"budi.s", "does not say its platform"},
		{"myspace:budi", `unknown platform "myspace"`},
		{":budi", `unknown platform ""`},
		{"instagram:", "has no handle or address"},
		{"instagram:@budi santoso", "separate accounts with ;"},
		{"ig:@budi, fb:budi", "separate accounts with ;"},
		{"x:@this_handle_is_far_too_long", "not a valid X (Twitter) handle"},
		{"instagram:https://facebook.com/budi.s", "is not an address on Instagram"},
		{"mastodon:budi", "write it as @user@instance"},
		{"https://exa mple.com/x", "not a valid web address"},
		{"https://", "not a valid web address"},
		{"facebook:http://user:pw@facebook.com/x", "not a valid web address"},
		{"other:" + strings.Repeat("a", 3000), "too long"},
		{"other:javascript:alert(1)", "not a valid other platform handle"},
	}
	for _, tt := range tests {
		got, err := ParseAccounts(tt.in)
		var ae *AccountError
		if !errors.As(err, &ae) {
			t.Errorf("ParseAccounts(%q) = %v, %v; want an *AccountError", tt.in, got, err)
			continue
		}
		if !strings.Contains(ae.Message, tt.want) || ae.MessageID == "" || ae.Error() != ae.Message {
			t.Errorf("ParseAccounts(%q) error %+v; want it to contain %q", tt.in, ae, tt.want)
		}
	}
}

func TestFormatAccounts(t *testing.T) {
	accs := []Account{
		{Platform: "instagram", Handle: "budi.s", URL: "https://instagram.com/budi.s"},
		{Platform: "YouTube", URL: "https://www.youtube.com/channel/UCabc"},
		{Platform: "mastodon", Handle: "budi@mastodon.social", URL: "https://mastodon.social/@budi"},
		{Platform: "other", Handle: "budi_s"},
		{Platform: "facebook", Handle: "budi.s", URL: "https://facebook.com/profile.php?id=1"},
		{Platform: "x"},
		{Platform: "other", URL: "https://example.com/a;b"},
	}
	want := "instagram:@budi.s; youtube:https://www.youtube.com/channel/UCabc; mastodon:@budi@mastodon.social; other:@budi_s; facebook:https://facebook.com/profile.php?id=1; other:https://example.com/a%3Bb"
	if got := FormatAccounts(accs); got != want {
		t.Errorf("FormatAccounts =\n %q\nwant\n %q", got, want)
	}
	if got := FormatAccounts(nil); got != "" {
		t.Errorf("FormatAccounts(nil) = %q", got)
	}
}
