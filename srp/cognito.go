package srp

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"strings"
	"time"
)

// SecretHash returns SECRET_HASH for an app client that has a secret:
// base64(HMAC-SHA256(key = clientSecret, message = username || clientID)).
// username must be the name Cognito knows the user by: after a
// PASSWORD_VERIFIER challenge that is its USERNAME (or USER_ID_FOR_SRP), not
// an alias the user typed.
func SecretHash(username, clientID, clientSecret string) string {
	mac := hmac.New(sha256.New, []byte(clientSecret))
	mac.Write([]byte(username))
	mac.Write([]byte(clientID))
	return base64.StdEncoding.EncodeToString(mac.Sum(nil))
}

// timestampLayout is Java's "EEE MMM d HH:mm:ss 'UTC' yyyy": English names,
// 24-hour clock, day of month without zero padding. "UTC" is a literal: Go
// has no layout token spelled that way.
const timestampLayout = "Mon Jan 2 15:04:05 UTC 2006"

// maxTimestampLen bounds what ParseTimestamp looks at; a real one is 28 bytes.
const maxTimestampLen = 64

// FormatTimestamp returns TIMESTAMP for t, converted to UTC, for example
// "Tue Mar 5 07:08:09 UTC 2024". The same string must be signed and sent.
func FormatTimestamp(t time.Time) string {
	return t.UTC().Format(timestampLayout)
}

// ParseTimestamp parses a TIMESTAMP and accepts only the exact form
// FormatTimestamp produces: a zero-padded day, a weekday that does not match
// the date or a 12-hour clock all fail with ErrMalformedTimestamp. A server
// uses the result to check clock skew, which is its policy, not this package's.
func ParseTimestamp(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, inputErr("TIMESTAMP", ErrEmpty)
	}
	if len(s) > maxTimestampLen {
		return time.Time{}, inputErr("TIMESTAMP", ErrTooLong)
	}
	t, err := time.Parse(timestampLayout, s)
	// time.Parse ignores the weekday and accepts "05" for "5"; a round trip
	// catches both.
	if err != nil || FormatTimestamp(t) != s {
		return time.Time{}, inputErr("TIMESTAMP", ErrMalformedTimestamp)
	}
	return t, nil
}

// maxPoolIDLen is Cognito's limit on UserPoolId.
const maxPoolIDLen = 55

// PoolName returns the part of a user pool id after the underscore, which
// Cognito mixes into every SRP hash: "us-east-1_AbC123" gives "AbC123". The id
// must match Cognito's pattern ^[\w-]+_[0-9a-zA-Z]+$ and be at most 55 bytes.
func PoolName(poolID string) (string, error) {
	if len(poolID) > maxPoolIDLen {
		return "", inputErr("UserPoolId", ErrTooLong)
	}
	// The name has no underscore, so the last one separates it; the region
	// part may contain more (\w includes "_").
	i := strings.LastIndexByte(poolID, '_')
	if i <= 0 || i == len(poolID)-1 {
		return "", malformedPoolID(poolID)
	}
	for _, c := range []byte(poolID[:i]) {
		if !isAlnum(c) && c != '_' && c != '-' {
			return "", malformedPoolID(poolID)
		}
	}
	name := poolID[i+1:]
	for _, c := range []byte(name) {
		if !isAlnum(c) {
			return "", malformedPoolID(poolID)
		}
	}
	return name, nil
}

// malformedPoolID shows the id (no secret, and at most 55 bytes here) and
// the form Cognito's ids have.
func malformedPoolID(poolID string) error {
	return &InputError{Param: "UserPoolId", Err: ErrMalformedPoolID,
		Detail: fmt.Sprintf("%q: want REGION_ID, for example us-east-1_AbC123xyZ", poolID)}
}

func isAlnum(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}
