package sealbox

import (
	"bytes"
	"encoding/base64"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSealOpen(t *testing.T) {
	b, err := New(GenerateKey())
	if err != nil {
		t.Fatal(err)
	}
	msg := []byte(`{"name":"Rahasia"}`)
	s1, err := b.Seal(msg, "NTR-AAAA-BBBB")
	if err != nil {
		t.Fatal(err)
	}
	s2, _ := b.Seal(msg, "NTR-AAAA-BBBB")
	if s1 == s2 {
		t.Fatal("two seals of the same value are equal: nonce reused")
	}
	if strings.Contains(s1, "Rahasia") || !strings.HasPrefix(s1, "v1."+b.ID()+".") {
		t.Fatalf("sealed = %q", s1)
	}
	got, err := b.Open(s1, "NTR-AAAA-BBBB")
	if err != nil || !bytes.Equal(got, msg) {
		t.Fatalf("open = %q, %v", got, err)
	}
	// Bound to its record.
	if _, err := b.Open(s1, "NTR-AAAA-CCCC"); !errors.Is(err, ErrCorrupt) {
		t.Fatalf("other record: %v", err)
	}
	// Altered.
	raw := []byte(s1)
	raw[len(raw)-3] ^= 1
	if _, err := b.Open(string(raw), "NTR-AAAA-BBBB"); !errors.Is(err, ErrCorrupt) {
		t.Fatalf("altered: %v", err)
	}
	for _, bad := range []string{"", "v1", "v2." + b.ID() + ".AAAA", "v1." + b.ID() + ".!!!", "v1." + b.ID() + ".AAAA"} {
		if _, err := b.Open(bad, "x"); !errors.Is(err, ErrCorrupt) {
			t.Errorf("Open(%q) = %v, want ErrCorrupt", bad, err)
		}
	}
	// Another key.
	other, _ := New(GenerateKey())
	if _, err := other.Open(s1, "NTR-AAAA-BBBB"); !errors.Is(err, ErrWrongKey) {
		t.Fatalf("other key: %v", err)
	}
	if string(b.Derive("a")) == string(b.Derive("b")) || string(b.Derive("a")) == string(other.Derive("a")) {
		t.Fatal("Derive does not separate labels or keys")
	}
}

func TestParseKey(t *testing.T) {
	k := GenerateKey()
	for _, in := range [][]byte{k, []byte(base64.StdEncoding.EncodeToString(k) + "\n"),
		[]byte(base64.RawURLEncoding.EncodeToString(k)), []byte("  " + base64.URLEncoding.EncodeToString(k))} {
		got, err := ParseKey(in)
		if err != nil || !bytes.Equal(got, k) {
			t.Errorf("ParseKey(%q) = %x, %v", in, got, err)
		}
	}
	for _, bad := range []string{"", "short", base64.StdEncoding.EncodeToString(k[:16])} {
		if _, err := ParseKey([]byte(bad)); err == nil {
			t.Errorf("ParseKey(%q) accepted", bad)
		}
	}
	if _, err := New(k[:31]); err == nil {
		t.Error("New accepted a 31-byte key")
	}
}

func TestKeyFiles(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "report.key")
	b, err := WriteKeyFile(p)
	if err != nil {
		t.Fatal(err)
	}
	st, _ := os.Stat(p)
	if st.Mode().Perm() != 0o600 {
		t.Fatalf("mode %v", st.Mode().Perm())
	}
	if _, err := WriteKeyFile(p); err == nil {
		t.Fatal("WriteKeyFile overwrote a key")
	}
	again, err := LoadKeyFile(p)
	if err != nil || again.ID() != b.ID() {
		t.Fatalf("LoadKeyFile: %v", err)
	}
	// Readable by others: refused.
	if err := os.Chmod(p, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadKeyFile(p); err == nil || !strings.Contains(err.Error(), "chmod 600") {
		t.Fatalf("world-readable key file: %v", err)
	}
	os.Chmod(p, 0o600)
	env := map[string]string{}
	getenv := func(k string) string { return env[k] }
	if b, err := FromEnv(getenv); b != nil || err != nil {
		t.Fatalf("no configuration: %v %v", b, err)
	}
	env[EnvKey] = EncodeKey(GenerateKey())
	if b, err := FromEnv(getenv); b == nil || err != nil {
		t.Fatalf("NETRAL_REPORT_KEY: %v", err)
	}
	env[EnvKeyFile] = p // the file wins
	if got, err := FromEnv(getenv); err != nil || got.ID() != b.ID() {
		t.Fatalf("NETRAL_REPORT_KEY_FILE: %v", err)
	}
	env[EnvKeyFile] = filepath.Join(dir, "missing")
	if _, err := FromEnv(getenv); err == nil {
		t.Fatal("missing key file accepted")
	}
	delete(env, EnvKeyFile)
	env[EnvKey] = "not base64 !"
	if _, err := FromEnv(getenv); err == nil {
		t.Fatal("bad NETRAL_REPORT_KEY accepted")
	}
}
