package capture

import (
	"testing"
)

func TestCompare(t *testing.T) {
	page := func(title, desc, text string) *Capture {
		c := &Capture{Status: 200, Title: title, Text: text, OpenGraph: map[string]string{"og:description": desc}}
		c.Body = []byte(title + desc + text)
		c.SHA256 = hashHex(c.Body)
		return c
	}
	post := page("Budi", "Ayo coblos 2", "Ayo coblos 2")
	sameText := page("Budi", "Ayo coblos 2", "Ayo coblos 2")
	sameText.Body = []byte("<html>different markup, nonce=123</html>")
	sameText.SHA256 = hashHex(sameText.Body)
	sameText.OpenGraph["og:image"] = "https://cdn.example/p.jpg?oe=changes-every-time"
	sameText.Headers = map[string][]string{"Date": {"later"}}

	edited := page("Budi", "Ayo coblos 2", "Ayo coblos 1")
	editedDesc := page("Budi", "Ayo coblos 1", "Ayo coblos 2")
	moved := page("Budi", "", "Ayo coblos 2Ayo coblos 2") // text moved between fields
	gone404 := &Capture{Status: 404, Gone: true}
	goneDNS := &Capture{Gone: true}
	forbidden := &Capture{Status: 403, Text: "Log in to continue"}
	throttled := &Capture{Status: 429}

	image := &Capture{Status: 200, Body: []byte("PNG1")}
	image.SHA256 = hashHex(image.Body)
	image2 := &Capture{Status: 200, Body: []byte("PNG2")}
	image2.SHA256 = hashHex(image2.Body)
	imageAgain := &Capture{Status: 200, Body: []byte("PNG1")} // hash not filled in
	imageAgain2 := &Capture{Status: 200, Body: []byte("PNG1"), SHA256: hashHex([]byte("PNG1"))}

	for _, tc := range []struct {
		name        string
		old, latest *Capture
		want        Change
	}{
		{"same content, different bytes", post, sameText, Unchanged},
		{"text edited", post, edited, Changed},
		{"og:description edited", post, editedDesc, Changed},
		{"text moved between fields", post, moved, Changed},
		{"now 404", post, gone404, Gone},
		{"now NXDOMAIN", post, goneDNS, Gone},
		{"still gone", gone404, goneDNS, Unchanged},
		{"back again", gone404, post, Changed},
		{"now 403", post, forbidden, Unknown},
		{"now 429", post, throttled, Unknown},
		{"was 403, now content", forbidden, post, Changed},
		{"no new capture", post, nil, Unknown},
		{"no old capture", nil, post, Unknown},
		{"image same", image, imageAgain2, Unchanged},
		{"image same, hash recomputed", image, imageAgain, Unchanged},
		{"image changed", image, image2, Changed},
	} {
		if got := Compare(tc.old, tc.latest); got != tc.want {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
	for c, s := range map[Change]string{Unknown: "unknown", Unchanged: "unchanged", Changed: "changed", Gone: "gone", Change(99): "unknown"} {
		if c.String() != s {
			t.Errorf("%d: %q", c, c.String())
		}
	}
}
