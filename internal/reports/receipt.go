package reports

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"strconv"
	"strings"
	"time"
)

// A receipt code is "NTR-" and 8 characters of Crockford base32 (40 random
// bits), e.g. NTR-7KQ2-M9XD; the secret is 16 characters (80 random bits),
// e.g. 4F7Q-9ZKM-2B8R-XH3C. Only the secret's hash is stored. Both are read
// leniently: case, spaces and dashes do not matter, and O, I and L are
// read as 0, 1 and 1.
const (
	receiptPrefix = "NTR"
	receiptChars  = 8  // 40 bits
	secretChars   = 16 // 80 bits
)

const crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

// randomCode returns n characters of Crockford base32 (5 random bits each).
func randomCode(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic("reports: no randomness: " + err.Error())
	}
	for i := range b {
		b[i] = crockford[b[i]&31]
	}
	return string(b)
}

// group joins s in groups of 4 with dashes.
func group(s string) string {
	var parts []string
	for len(s) > 4 {
		parts = append(parts, s[:4])
		s = s[4:]
	}
	return strings.Join(append(parts, s), "-")
}

// newReceipt returns a new receipt code.
func newReceipt() string { return receiptPrefix + "-" + group(randomCode(receiptChars)) }

// newSecret returns a new secret.
func newSecret() string { return group(randomCode(secretChars)) }

// cleanCode upper-cases s, drops spaces and dashes and maps the characters
// Crockford base32 reads alike; ok is false when anything else is left.
func cleanCode(s string) (string, bool) {
	var b strings.Builder
	for _, r := range strings.ToUpper(s) {
		switch {
		case r == ' ' || r == '-' || r == '\t':
		case r == 'O':
			b.WriteByte('0')
		case r == 'I' || r == 'L':
			b.WriteByte('1')
		case r < 128 && strings.IndexByte(crockford, byte(r)) >= 0:
			b.WriteRune(r)
		default:
			return "", false
		}
	}
	return b.String(), true
}

// NormalizeReceipt returns the canonical form of a receipt code as typed
// ("ntr 7kq2 m9xd" → "NTR-7KQ2-M9XD"); ok is false when it cannot be one.
func NormalizeReceipt(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if len(s) > 40 {
		return "", false
	}
	up := strings.ToUpper(s)
	up = strings.TrimPrefix(up, receiptPrefix)
	c, ok := cleanCode(up)
	if !ok || len(c) != receiptChars {
		return "", false
	}
	return receiptPrefix + "-" + group(c), true
}

// normalizeSecret returns the canonical form of a secret as typed.
func normalizeSecret(s string) (string, bool) {
	if len(s) > 80 {
		return "", false
	}
	c, ok := cleanCode(strings.TrimSpace(s))
	if !ok || len(c) != secretChars {
		return "", false
	}
	return group(c), true
}

// hashSecret is what is stored of a secret: SHA-256 over the receipt and
// the canonical secret. An 80-bit random secret needs no slow hash (and a
// slow one would let anyone make the server work hard).
func hashSecret(receipt, secret string) string {
	h := sha256.New()
	h.Write([]byte("netral/report-secret/v1\x00"))
	h.Write([]byte(receipt))
	h.Write([]byte{0})
	h.Write([]byte(secret))
	return hex.EncodeToString(h.Sum(nil))
}

// secretMatches compares a secret with a stored hash in constant time.
func secretMatches(receipt, secret, stored string) bool {
	return subtle.ConstantTimeCompare([]byte(hashSecret(receipt, secret)), []byte(stored)) == 1
}

// An access token lets the reporter's browser act on a report for a while
// after the receipt and secret were checked (reply, add evidence) without
// the secret being written into the page. It is "receipt.expiry.mac", the
// MAC (HMAC-SHA-256 under a server key) covering the receipt, the expiry and
// the stored secret hash.

// AccessTTL is how long an access token is valid.
const AccessTTL = time.Hour

func accessMAC(key []byte, receipt string, exp int64, secretHash string) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte("netral/report-access/v1\x00" + receipt + "\x00" + strconv.FormatInt(exp, 10) + "\x00" + secretHash))
	return hex.EncodeToString(m.Sum(nil)[:20])
}

// accessToken returns a token for a report whose secret hash is secretHash.
func accessToken(key []byte, receipt, secretHash string, now time.Time) string {
	exp := now.Add(AccessTTL).Unix()
	return receipt + "." + strconv.FormatInt(exp, 10) + "." + accessMAC(key, receipt, exp, secretHash)
}

// parseAccess splits a token; ok is false when it is malformed or expired.
func parseAccess(tok string, now time.Time) (receipt string, exp int64, mac string, ok bool) {
	parts := strings.Split(tok, ".")
	if len(parts) != 3 || len(tok) > 200 {
		return "", 0, "", false
	}
	exp, err := strconv.ParseInt(parts[1], 10, 64)
	if err != nil || now.Unix() > exp {
		return "", 0, "", false
	}
	return parts[0], exp, parts[2], true
}
