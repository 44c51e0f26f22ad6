// Package uuid writes random (version 4) UUIDs in their usual text form,
// the shape of Cognito's user subs, token ids, device keys and request ids.
// It is the one place the project formats them; randomness is the caller's
// (an io.Reader), so that tests and the fake's seeded runs stay
// reproducible. It does not parse UUIDs or make other versions.
package uuid

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
)

// New reads 16 bytes from r and returns them as a version 4 UUID. Its error
// is r's, wrapped.
func New(r io.Reader) (string, error) {
	var b [16]byte
	if _, err := io.ReadFull(r, b[:]); err != nil {
		return "", fmt.Errorf("uuid: %w", err)
	}
	return Format(b), nil
}

// Random is New over crypto/rand, which never fails, for ids that no test
// needs to predict (request ids).
func Random() string {
	s, _ := New(rand.Reader) // crypto/rand's Reader never returns an error
	return s
}

// Format returns b as a version 4 UUID, setting the version and variant
// bits: "xxxxxxxx-xxxx-4xxx-[89ab]xxx-xxxxxxxxxxxx". Callers that derive b
// from a hash get a stable UUID-shaped value.
func Format(b [16]byte) string {
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	var s [36]byte
	hex.Encode(s[0:8], b[0:4])
	s[8] = '-'
	hex.Encode(s[9:13], b[4:6])
	s[13] = '-'
	hex.Encode(s[14:18], b[6:8])
	s[18] = '-'
	hex.Encode(s[19:23], b[8:10])
	s[23] = '-'
	hex.Encode(s[24:], b[10:])
	return string(s[:])
}
