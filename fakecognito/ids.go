package fakecognito

import (
	"encoding/base64"
	"encoding/hex"
	"strings"

	"github.com/gocognito/gocognito/internal/uuid"
	"github.com/gocognito/gocognito/transport"
)

// Alphabets of Cognito's identifiers.
const (
	alnum      = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	lowerAlnum = "0123456789abcdefghijklmnopqrstuvwxyz"
	digits     = "0123456789"
)

// randomString draws n characters of alphabet from the injected source,
// without modulo bias: bytes that would favour the first characters are
// drawn again.
func (f *Fake) randomString(alphabet string, n int) (string, error) {
	limit := 256 - 256%len(alphabet)
	out := make([]byte, 0, n)
	buf := make([]byte, n+n/2+8)
	for len(out) < n {
		if err := f.readRand(buf); err != nil {
			return "", err
		}
		for _, b := range buf {
			if int(b) < limit {
				out = append(out, alphabet[int(b)%len(alphabet)])
				if len(out) == n {
					break
				}
			}
		}
	}
	return string(out), nil
}

// newUUID returns a random (version 4) UUID in its usual text form, as
// Cognito uses for sub, jti and device keys.
func (f *Fake) newUUID() (string, error) {
	var b [16]byte
	if err := f.readRand(b[:]); err != nil {
		return "", err
	}
	return uuid.Format(b), nil
}

// newPoolID returns an id like "us-east-1_AbC123xyZ".
func (f *Fake) newPoolID() (string, error) {
	s, err := f.randomString(alnum, 9)
	if err != nil {
		return "", err
	}
	return f.Region() + "_" + s, nil
}

// newClientID returns 26 lowercase letters and digits.
func (f *Fake) newClientID() (string, error) { return f.randomString(lowerAlnum, 26) }

// newClientSecret returns 51 lowercase letters and digits.
func (f *Fake) newClientSecret() (string, error) { return f.randomString(lowerAlnum, 51) }

// newDeviceKey returns "REGION_UUID".
func (f *Fake) newDeviceKey() (string, error) {
	u, err := f.newUUID()
	if err != nil {
		return "", err
	}
	return f.Region() + "_" + u, nil
}

// newDeviceGroupKey returns "-" and nine letters and digits, the shape of
// Cognito's device group keys.
func (f *Fake) newDeviceGroupKey() (string, error) {
	s, err := f.randomString(alnum, 9)
	if err != nil {
		return "", err
	}
	return "-" + s, nil
}

// newCode returns a six-digit verification or MFA code.
func (f *Fake) newCode() (string, error) { return f.randomString(digits, 6) }

// newOpaque returns n random bytes in URL-safe base64: sessions, refresh
// tokens, secret-block handles.
func (f *Fake) newOpaque(n int) (string, error) {
	b := make([]byte, n)
	if err := f.readRand(b); err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// newSecretBlock returns a SECRET_BLOCK: standard base64, as clients decode
// it before signing.
func (f *Fake) newSecretBlock() (string, error) {
	b := make([]byte, secretBlockBytes)
	if err := f.readRand(b); err != nil {
		return "", err
	}
	return base64.StdEncoding.EncodeToString(b), nil
}

// secretBlockBytes is the size of a SECRET_BLOCK before base64. Real ones
// are larger sealed blobs; this one is a random handle the fake looks up.
const secretBlockBytes = 96

func hexString(b []byte) string { return hex.EncodeToString(b) }

// checkChosenPoolID validates a pool id given to CreateUserPoolWithID:
// Cognito's shape, ^[\w-]+_[0-9a-zA-Z]+$, prefixed with the fake's region.
func (f *Fake) checkChosenPoolID(id string) error {
	region := f.Region()
	rest, ok := strings.CutPrefix(id, region+"_")
	if !ok || rest == "" || len(id) > 55 || !onlyOf(rest, alnum) {
		return invalidParam("Invalid user pool id %q: want %s_ followed by letters and digits", id, region)
	}
	return nil
}

// checkChosenClient validates the id and secret given to
// CreateUserPoolClientWithID.
func checkChosenClient(id, secret string, in *transport.CreateUserPoolClientInput) error {
	if id == "" || len(id) > 128 || !onlyOf(id, alnum+"_+") {
		return invalidParam("Invalid client id %q: want 1 to 128 letters, digits, '_' or '+'", id)
	}
	if secret != "" && (!in.GenerateSecret || len(secret) > 128 || !onlyOf(secret, alnum)) {
		return invalidParam("A chosen client secret needs GenerateSecret and 1 to 128 letters and digits")
	}
	return nil
}

// onlyOf reports whether every byte of s is in set.
func onlyOf(s, set string) bool {
	for i := 0; i < len(s); i++ {
		if !strings.ContainsRune(set, rune(s[i])) {
			return false
		}
	}
	return true
}
