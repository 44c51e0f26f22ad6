// Package jwtpeek reads the claims of a JSON Web Token without checking its
// signature. It is for tokens that just came from Cognito over TLS, or that
// the program stored itself, when all it wants is what to send Cognito next
// (the username for SECRET_HASH, the device_key for DEVICE_KEY): Cognito
// checks those anyway. It is not a verifier: anything that trusts a claim
// must use package tokens, which checks the signature, issuer, audience and
// expiry.
package jwtpeek

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strings"
	"time"
)

// MaxTokenBytes bounds what Claims reads; Cognito's tokens are a few KiB.
const MaxTokenBytes = 64 << 10

// ErrMalformed: the token is not three dot-separated parts whose middle one
// is base64url-encoded JSON object, or a claim has the wrong type.
var ErrMalformed = errors.New("jwtpeek: malformed token")

// Claims returns a JWT's payload as decoded JSON, without checking its
// signature (see the package doc for when that is acceptable).
func Claims(token string) (map[string]any, error) {
	if len(token) > MaxTokenBytes {
		return nil, fmt.Errorf("%w: longer than %d bytes", ErrMalformed, MaxTokenBytes)
	}
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return nil, fmt.Errorf("%w: %d parts, want 3", ErrMalformed, len(parts))
	}
	payload, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(parts[1], "="))
	if err != nil {
		return nil, fmt.Errorf("%w: payload: %w", ErrMalformed, err)
	}
	var claims map[string]any
	if err := json.Unmarshal(payload, &claims); err != nil {
		return nil, fmt.Errorf("%w: payload: %w", ErrMalformed, err)
	}
	if claims == nil {
		return nil, fmt.Errorf("%w: payload is not a JSON object", ErrMalformed)
	}
	return claims, nil
}

// String returns a string claim, "" when it is absent or not a string.
func String(claims map[string]any, name string) string {
	s, _ := claims[name].(string)
	return s
}

// Time returns a NumericDate claim (seconds since the epoch, as exp, iat
// and auth_time are): the zero time when it is absent, ErrMalformed when it
// is not a number or is out of range.
func Time(claims map[string]any, name string) (time.Time, error) {
	v, ok := claims[name]
	if !ok || v == nil {
		return time.Time{}, nil
	}
	f, ok := v.(float64)
	if !ok {
		return time.Time{}, fmt.Errorf("%w: %s is not a number", ErrMalformed, name)
	}
	if math.IsNaN(f) || math.IsInf(f, 0) || math.Abs(f) > 1e12 {
		return time.Time{}, fmt.Errorf("%w: %s %v out of range", ErrMalformed, name, f)
	}
	sec, frac := math.Modf(f)
	return time.Unix(int64(sec), int64(frac*1e9)).UTC(), nil
}
