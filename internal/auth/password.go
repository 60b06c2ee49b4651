package auth

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"
)

// argon2id parameters (OWASP: m=46 MiB, t=1, p=1), about 25 ms here.
const (
	argonMemory  = 46 * 1024
	argonTime    = 1
	argonThreads = 1
	argonKeyLen  = 32

	// Upper bounds of the parameters VerifyPassword accepts from a stored hash.
	maxArgonMemory = 1024 * 1024 // KiB: 1 GiB
	maxArgonTime   = 16
)

// MinPasswordLen is the shortest password accepted.
const MinPasswordLen = 10

// ErrWeakPassword is returned for a password that is too short or too long.
var ErrWeakPassword = fmt.Errorf("password must be %d to 128 characters", MinPasswordLen)

// CheckPasswordPolicy reports whether pw is acceptable as a new password.
func CheckPasswordPolicy(pw string) error {
	if n := utf8.RuneCountInString(pw); n < MinPasswordLen || n > 128 {
		return ErrWeakPassword
	}
	return nil
}

// HashPassword returns the argon2id hash of pw in PHC string form.
func HashPassword(pw string) (string, error) {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key := argon2.IDKey([]byte(pw), salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, argonMemory, argonTime, argonThreads,
		b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// VerifyPassword reports whether pw matches the PHC-encoded argon2id hash.
func VerifyPassword(hash, pw string) (bool, error) {
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false, errors.New("auth: unsupported password hash")
	}
	var v int
	var m uint32
	var t uint32
	var p uint8
	if _, err := fmt.Sscanf(parts[2], "v=%d", &v); err != nil || v != argon2.Version {
		return false, errors.New("auth: unsupported argon2 version")
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &m, &t, &p); err != nil {
		return false, errors.New("auth: malformed argon2 parameters")
	}
	// Bounds keep a corrupted hash from panicking argon2 (t or p of 0) or
	// costing gigabytes or minutes (huge m or t).
	if t < 1 || t > maxArgonTime || p < 1 || m < 8*uint32(p) || m > maxArgonMemory {
		return false, errors.New("auth: argon2 parameters out of range")
	}
	b64 := base64.RawStdEncoding
	salt, err := b64.DecodeString(parts[4])
	if err != nil || len(salt) < 8 {
		return false, errors.New("auth: malformed salt")
	}
	want, err := b64.DecodeString(parts[5])
	// An empty key would match every password; a short one is not ours.
	if err != nil || len(want) < 16 || len(want) > 64 {
		return false, errors.New("auth: malformed key")
	}
	got := argon2.IDKey([]byte(pw), salt, t, m, p, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}

// dummyHash is verified against when a user does not exist, so that sign-in
// takes the same time whether or not the user name is known.
// It is computed on first use, so commands that never sign anyone in do not
// pay for an argon2 hash at start-up.
var dummyHash = sync.OnceValue(func() string {
	h, _ := HashPassword("netral-dummy-password")
	return h
})
