package auth_test

import (
	"encoding/base64"
	"regexp"
	"strings"
	"testing"

	"github.com/netral-asn/netral/internal/auth"
)

func TestHashAndVerifyPassword(t *testing.T) {
	t.Parallel()
	const pw = "kata-sandi-rahasia"
	h1, err := auth.HashPassword(pw)
	if err != nil {
		t.Fatal(err)
	}
	h2, err := auth.HashPassword(pw)
	if err != nil {
		t.Fatal(err)
	}
	phc := regexp.MustCompile(`^\$argon2id\$v=19\$m=47104,t=1,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$`)
	for _, h := range []string{h1, h2} {
		if !phc.MatchString(h) {
			t.Fatalf("hash %q is not an argon2id PHC string with the expected parameters", h)
		}
	}
	if h1 == h2 {
		t.Fatal("two hashes of one password are equal: salt not random")
	}
	if strings.Contains(h1, pw) {
		t.Fatal("hash contains the password")
	}
	tests := []struct {
		hash, pw string
		want     bool
	}{
		{h1, pw, true},
		{h2, pw, true},
		{h1, "kata-sandi-rahasiA", false},
		{h1, "kata-sandi-rahasia ", false},
		{h1, "", false},
		{h1, pw + pw, false},
	}
	for _, tt := range tests {
		got, err := auth.VerifyPassword(tt.hash, tt.pw)
		if err != nil || got != tt.want {
			t.Errorf("VerifyPassword(%q) = %v, %v; want %v", tt.pw, got, err, tt.want)
		}
	}
	// A multi-byte password round-trips.
	h3, err := auth.HashPassword("sandi-ÄÖÜ-日本語-🔒")
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := auth.VerifyPassword(h3, "sandi-ÄÖÜ-日本語-🔒"); !ok || err != nil {
		t.Fatalf("unicode password: %v, %v", ok, err)
	}
}

// TestVerifyPasswordMalformed feeds hashes that HashPassword never writes: a
// corrupted or tampered password_hash must give an error (never a panic, an
// enormous allocation, or a match for any password).
func TestVerifyPasswordMalformed(t *testing.T) {
	t.Parallel()
	good, err := auth.HashPassword("kata-sandi-rahasia")
	if err != nil {
		t.Fatal(err)
	}
	parts := strings.Split(good, "$")
	salt, key := parts[4], parts[5]
	b64 := base64.RawStdEncoding
	with := func(params, s, k string) string { return "$argon2id$v=19$" + params + "$" + s + "$" + k }
	tests := []struct{ name, hash string }{
		{"empty", ""},
		{"plain text", "kata-sandi-rahasia"},
		{"bcrypt", "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy"},
		{"argon2i", "$argon2i$v=19$m=47104,t=1,p=1$" + salt + "$" + key},
		{"too few parts", "$argon2id$v=19$m=47104,t=1,p=1$" + salt},
		{"too many parts", good + "$x"},
		{"old version", "$argon2id$v=16$m=47104,t=1,p=1$" + salt + "$" + key},
		{"version not a number", "$argon2id$v=x$m=47104,t=1,p=1$" + salt + "$" + key},
		{"parameters garbled", with("m=47104;t=1;p=1", salt, key)},
		{"parameters missing", with("", salt, key)},
		{"salt not base64", with("m=47104,t=1,p=1", "!!!!", key)},
		{"key not base64", with("m=47104,t=1,p=1", salt, "!!!!")},
		{"empty key", with("m=47104,t=1,p=1", salt, "")},
		{"empty salt", with("m=47104,t=1,p=1", "", key)},
		{"zero time", with("m=47104,t=0,p=1", salt, key)},
		{"zero threads", with("m=47104,t=1,p=0", salt, key)},
		{"zero memory", with("m=0,t=1,p=1", salt, key)},
		{"huge memory", with("m=4294967295,t=1,p=1", salt, key)},
		{"huge time", with("m=47104,t=4294967295,p=1", salt, key)},
		{"short key", with("m=47104,t=1,p=1", salt, b64.EncodeToString([]byte{1}))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, pw := range []string{"kata-sandi-rahasia", ""} {
				ok, err := auth.VerifyPassword(tt.hash, pw)
				if ok || err == nil {
					t.Fatalf("VerifyPassword(%q, %q) = %v, %v; want false and an error", tt.hash, pw, ok, err)
				}
			}
		})
	}
}

func TestCheckPasswordPolicy(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		pw   string
		ok   bool
	}{
		{"empty", "", false},
		{"9 characters", "123456789", false},
		{"10 characters", "1234567890", true},
		{"spaces count", "          ", true},
		{"128 characters", strings.Repeat("a", 128), true},
		{"129 characters", strings.Repeat("a", 129), false},
		{"10 two-byte runes", strings.Repeat("é", 10), true},
		{"9 four-byte runes (36 bytes)", strings.Repeat("🔒", 9), false},
		{"128 two-byte runes (256 bytes)", strings.Repeat("é", 128), true},
		{"129 two-byte runes", strings.Repeat("é", 129), false},
	}
	for _, tt := range tests {
		err := auth.CheckPasswordPolicy(tt.pw)
		if (err == nil) != tt.ok {
			t.Errorf("%s: CheckPasswordPolicy = %v, want ok=%v", tt.name, err, tt.ok)
		}
		if err != nil && err != auth.ErrWeakPassword {
			t.Errorf("%s: err = %v, want ErrWeakPassword", tt.name, err)
		}
	}
	if auth.MinPasswordLen != 10 {
		t.Fatalf("MinPasswordLen = %d: the policy changed, update this test deliberately", auth.MinPasswordLen)
	}
}

func TestSecrets(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for i := 0; i < 100; i++ {
		s := auth.NewSecret("ntr_")
		if !strings.HasPrefix(s, "ntr_") || len(s) != 4+43 {
			t.Fatalf("NewSecret = %q", s)
		}
		if strings.ContainsAny(s, "+/=") {
			t.Fatalf("NewSecret %q is not URL-safe", s)
		}
		if seen[s] {
			t.Fatalf("NewSecret repeated %q", s)
		}
		seen[s] = true
	}
	if s := auth.NewSecret(""); len(s) != 43 {
		t.Fatalf("NewSecret(\"\") = %q", s)
	}
	h := auth.HashSecret("abc")
	if h != "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" {
		t.Fatalf("HashSecret(abc) = %s", h)
	}
	if auth.HashSecret("abc") != h || auth.HashSecret("abd") == h {
		t.Fatal("HashSecret not a function of its input")
	}
}
