package weblogin

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/gocognito/gocognito/engine"
)

// jwt makes a token shaped like Cognito's: base64url JSON header and
// payload, and random bytes where the signature (or a JWE's key, IV,
// ciphertext and tag) would be.
func jwt(t *testing.T, header, payload map[string]any, random ...int) string {
	t.Helper()
	enc := base64.RawURLEncoding.EncodeToString
	h, _ := json.Marshal(header)
	parts := []string{enc(h)}
	if payload != nil {
		p, _ := json.Marshal(payload)
		parts = append(parts, enc(p))
	}
	for _, n := range random {
		b := make([]byte, n)
		_, _ = rand.Read(b)
		parts = append(parts, enc(b))
	}
	return strings.Join(parts, ".")
}

// cognitoSized are tokens of the sizes real Cognito issues: RS256 ID and
// access tokens with a full set of claims, and a JWE refresh token.
func cognitoSized(t *testing.T) signedIn {
	claims := map[string]any{
		"sub": "8a4c7e1a-90b1-4b4a-9a7e-0c2b6d1f3e21", "email_verified": true, "iss": "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEfGhI",
		"cognito:username": "8a4c7e1a-90b1-4b4a-9a7e-0c2b6d1f3e21", "origin_jti": "1b1c6a0e-2f0e-4c39-9f5e-6b0d2c4f1a77",
		"aud": "4a9c7cqcm1ut3pu8cd7mrvdlq2", "event_id": "0d9c1e55-6a8b-4f0a-8d2b-5f6e7a8b9c0d", "token_use": "id",
		"auth_time": 1796575801, "exp": 1796579401, "iat": 1796575801, "jti": "c2f1b3a4-5d6e-4f70-8a9b-0c1d2e3f4a5b",
		"email": "alice.liddell@example.com", "name": "Alice Pleasance Liddell", "cognito:groups": []string{"readers", "writers", "admins"},
		"custom:team": "wonderland", "phone_number": "+441234567890", "phone_number_verified": true,
	}
	id := jwt(t, map[string]any{"kid": "abcdEFGHijklMNOPqrstUVWXyz0123456789ABCDEF=", "alg": "RS256"}, claims, 256)
	claims["token_use"], claims["scope"], claims["client_id"] = "access", "aws.cognito.signin.user.admin", "4a9c7cqcm1ut3pu8cd7mrvdlq2"
	access := jwt(t, map[string]any{"kid": "ZYXWvutsRQPOnmlkJIHGfedcBA9876543210zyxwvut=", "alg": "RS256"}, claims, 256)
	refresh := jwt(t, map[string]any{"cty": "JWT", "enc": "A256GCM", "alg": "RSA-OAEP"}, nil, 256, 12, 1300, 16)
	return signedIn{IDToken: id, AccessToken: access, RefreshToken: refresh}
}

func TestPackRoundTrip(t *testing.T) {
	full := cognitoSized(t)
	tests := []struct {
		name string
		in   signedIn
	}{
		{"Cognito-sized tokens", full},
		{"no refresh token", signedIn{IDToken: full.IDToken, AccessToken: full.AccessToken}},
		{"single segment", signedIn{IDToken: "YQ", AccessToken: "YWJj"}},
	}
	k, err := newKeyring([][]byte{make([]byte, 32)})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v, err := k.sealSession(tc.in)
			if err != nil {
				t.Fatal(err)
			}
			got, err := k.openSession(v)
			if err != nil || got != tc.in {
				t.Fatalf("round trip: %v, equal %t", err, got == tc.in)
			}
		})
	}
	t.Run("three real-sized tokens fit in a cookie", func(t *testing.T) {
		v, err := k.sealSession(full)
		if err != nil {
			t.Fatal(err)
		}
		plain := len(full.IDToken) + len(full.AccessToken) + len(full.RefreshToken)
		t.Logf("tokens %d bytes, cookie value %d bytes", plain, len(v))
		if len("gocognito_session")+len(v) > 4000 {
			t.Fatalf("cookie value of %d bytes", len(v))
		}
	})
}

func TestPackRefuses(t *testing.T) {
	for _, tok := range []string{"not base64!", "a.b c", "YQ=="} {
		if _, err := pack(tok); !errors.Is(err, errNotPackable) {
			t.Errorf("pack(%q) = %v, want errNotPackable", tok, err)
		}
	}
	k, _ := newKeyring([][]byte{make([]byte, 32)})
	v, err := k.sealSession(signedIn{IDToken: "YQ", AccessToken: "YQ"})
	if err != nil {
		t.Fatal(err)
	}
	b := []byte(v)
	b[len(b)-5] ^= 1
	if _, err := k.openSession(string(b)); !errors.Is(err, engine.ErrTampered) {
		t.Fatalf("a changed cookie opened: %v", err)
	}
	for _, junk := range [][]byte{nil, {0x01}, []byte("not deflate")} {
		if _, err := unpack(junk); err == nil {
			t.Errorf("unpack(%q) succeeded", junk)
		}
	}
}

func FuzzUnpack(f *testing.F) {
	good, _ := pack("YQ.YWJj", "", "eyJ9")
	f.Add(good)
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, b []byte) {
		toks, err := unpack(b)
		if err != nil {
			return
		}
		again, err := pack(toks...)
		if err != nil {
			t.Fatalf("unpacked tokens do not pack: %v", err)
		}
		back, err := unpack(again)
		if err != nil || len(back) != len(toks) {
			t.Fatalf("round trip: %v", err)
		}
	})
}
