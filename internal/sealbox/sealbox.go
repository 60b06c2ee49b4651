// Package sealbox encrypts small records at rest (a public reporter's
// identity and contact) with AES-256-GCM under a key that is kept outside
// the database: a file (NETRAL_REPORT_KEY_FILE) or an environment variable
// (NETRAL_REPORT_KEY). Without the key, a copy of the database reveals
// nothing of what was sealed.
//
// A sealed value is the text "v1.<key id>.<base64url(nonce‖ciphertext)>":
// the key id (the first 8 hex digits of SHA-256 over the key) tells a value
// sealed under another key apart from a damaged one, and the additional
// data given to [Box.Seal] (e.g. the report's receipt code) binds the value
// to its record, so it cannot be moved to another row.
package sealbox

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"strings"
)

// KeySize is the length of a key in bytes (AES-256).
const KeySize = 32

// Environment variables naming the key.
const (
	EnvKeyFile = "NETRAL_REPORT_KEY_FILE" // path to a file holding the key (32 raw bytes, or base64 of them)
	EnvKey     = "NETRAL_REPORT_KEY"      // the key itself, base64
)

const version = "v1"

// Errors of [Box.Open].
var (
	// ErrWrongKey: the value was sealed under another key.
	ErrWrongKey = errors.New("sealbox: sealed under a different key")
	// ErrCorrupt: the value is malformed, was altered, or belongs to another record.
	ErrCorrupt = errors.New("sealbox: sealed value is damaged or does not belong to this record")
	// ErrNoKey: no key is configured.
	ErrNoKey = errors.New("sealbox: no key configured (set " + EnvKeyFile + " or " + EnvKey + ")")
)

// Box seals and opens values under one key. It is safe for concurrent use.
type Box struct {
	aead  cipher.AEAD
	id    string
	deriv []byte // key for Derive, separate from the encryption key's use
}

// New returns a box for a 32-byte key.
func New(key []byte) (*Box, error) {
	if len(key) != KeySize {
		return nil, fmt.Errorf("sealbox: key must be %d bytes, got %d", KeySize, len(key))
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, fmt.Errorf("sealbox: %w", err)
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, fmt.Errorf("sealbox: %w", err)
	}
	sum := sha256.Sum256(key)
	m := hmac.New(sha256.New, key)
	m.Write([]byte("netral/sealbox/derive/v1"))
	return &Box{aead: aead, id: hex.EncodeToString(sum[:4]), deriv: m.Sum(nil)}, nil
}

// GenerateKey returns a new random key.
func GenerateKey() []byte {
	k := make([]byte, KeySize)
	if _, err := rand.Read(k); err != nil {
		panic("sealbox: no randomness: " + err.Error()) // crypto/rand does not fail on supported systems
	}
	return k
}

// EncodeKey returns the key as standard base64, the form written to key
// files and accepted in NETRAL_REPORT_KEY.
func EncodeKey(key []byte) string { return base64.StdEncoding.EncodeToString(key) }

// ParseKey reads a key: 32 raw bytes, or their base64 (standard or URL
// alphabet, padded or not), surrounding white space ignored.
func ParseKey(b []byte) ([]byte, error) {
	if len(b) == KeySize {
		return append([]byte(nil), b...), nil
	}
	s := strings.TrimSpace(string(b))
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		if k, err := enc.DecodeString(s); err == nil {
			if len(k) != KeySize {
				return nil, fmt.Errorf("sealbox: the key decodes to %d bytes, want %d", len(k), KeySize)
			}
			return k, nil
		}
	}
	return nil, fmt.Errorf("sealbox: the key is neither %d raw bytes nor base64 of them", KeySize)
}

// LoadKeyFile reads a key file. The file should be readable by its owner
// only; a file readable by others is refused, since the key protects
// reporters.
func LoadKeyFile(path string) (*Box, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("sealbox: key file: %w", err)
	}
	if st.IsDir() {
		return nil, fmt.Errorf("sealbox: key file %s is a directory", path)
	}
	if st.Mode().Perm()&0o077 != 0 {
		return nil, fmt.Errorf("sealbox: key file %s is readable by others (mode %v): chmod 600 it", path, st.Mode().Perm())
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("sealbox: key file: %w", err)
	}
	k, err := ParseKey(b)
	if err != nil {
		return nil, fmt.Errorf("%w (file %s)", err, path)
	}
	return New(k)
}

// WriteKeyFile writes a new random key to path (base64, mode 0600) and
// returns its box. It refuses to overwrite an existing file.
func WriteKeyFile(path string) (*Box, error) {
	k := GenerateKey()
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, fmt.Errorf("sealbox: write key file: %w", err)
	}
	if _, err := f.WriteString(EncodeKey(k) + "\n"); err != nil {
		f.Close()
		return nil, fmt.Errorf("sealbox: write key file: %w", err)
	}
	if err := f.Close(); err != nil {
		return nil, fmt.Errorf("sealbox: write key file: %w", err)
	}
	return New(k)
}

// FromEnv loads the key named by the environment (getenv is os.Getenv or a
// test's): NETRAL_REPORT_KEY_FILE first, then NETRAL_REPORT_KEY. It returns
// nil and no error when neither is set.
func FromEnv(getenv func(string) string) (*Box, error) {
	if p := strings.TrimSpace(getenv(EnvKeyFile)); p != "" {
		return LoadKeyFile(p)
	}
	if v := strings.TrimSpace(getenv(EnvKey)); v != "" {
		k, err := ParseKey([]byte(v))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", EnvKey, err)
		}
		return New(k)
	}
	return nil, nil
}

// ID identifies the key (8 hex digits), without revealing it.
func (b *Box) ID() string { return b.id }

// Seal encrypts plaintext bound to ad (additional data that must be given
// again to Open: e.g. the record's receipt code).
func (b *Box) Seal(plaintext []byte, ad string) (string, error) {
	nonce := make([]byte, b.aead.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return "", fmt.Errorf("sealbox: nonce: %w", err)
	}
	out := b.aead.Seal(nonce, nonce, plaintext, []byte(ad))
	return version + "." + b.id + "." + base64.RawURLEncoding.EncodeToString(out), nil
}

// Open decrypts a value made by Seal with the same ad.
func (b *Box) Open(sealed, ad string) ([]byte, error) {
	parts := strings.Split(sealed, ".")
	if len(parts) != 3 || parts[0] != version {
		return nil, ErrCorrupt
	}
	if parts[1] != b.id {
		return nil, ErrWrongKey
	}
	raw, err := base64.RawURLEncoding.DecodeString(parts[2])
	if err != nil || len(raw) < b.aead.NonceSize()+b.aead.Overhead() {
		return nil, ErrCorrupt
	}
	ns := b.aead.NonceSize()
	pt, err := b.aead.Open(nil, raw[:ns], raw[ns:], []byte(ad))
	if err != nil {
		return nil, ErrCorrupt
	}
	return pt, nil
}

// Derive returns a 32-byte key for another purpose (signing form
// challenges, access tokens), derived from the box's key and label, so
// that every server sharing the key agrees on it.
func (b *Box) Derive(label string) []byte {
	m := hmac.New(sha256.New, b.deriv)
	m.Write([]byte(label))
	return m.Sum(nil)
}
