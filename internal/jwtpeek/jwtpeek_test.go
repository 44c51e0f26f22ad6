package jwtpeek_test

import (
	"encoding/base64"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/gocognito/gocognito/internal/jwtpeek"
)

func jwt(payload string) string {
	return "eyJhbGciOiJSUzI1NiJ9." + base64.RawURLEncoding.EncodeToString([]byte(payload)) + ".c2ln"
}

func TestClaims(t *testing.T) {
	tests := []struct {
		name           string
		token          string
		user, deviceKy string
		exp            time.Time
		wantErr        bool
	}{
		{"access token", jwt(`{"username":"alice","device_key":"us-east-1_d","exp":1700000000,"token_use":"access"}`),
			"alice", "us-east-1_d", time.Unix(1700000000, 0).UTC(), false},
		{"fractional exp", jwt(`{"username":"a","exp":1700000000.5}`), "a", "", time.Unix(1700000000, 5e8).UTC(), false},
		{"no exp", jwt(`{"username":"a"}`), "a", "", time.Time{}, false},
		{"non-string username", jwt(`{"username":5}`), "", "", time.Time{}, false},
		{"padded payload", strings.Replace(jwt(`{"username":"c"}`), ".c2ln", "==.c2ln", 1), "c", "", time.Time{}, false},
		{"two parts", "a.b", "", "", time.Time{}, true},
		{"four parts", jwt(`{}`) + ".x", "", "", time.Time{}, true},
		{"bad base64", "a.!!!.c", "", "", time.Time{}, true},
		{"not JSON", jwt(`not json`), "", "", time.Time{}, true},
		{"JSON null", jwt(`null`), "", "", time.Time{}, true},
		{"JSON array", jwt(`[]`), "", "", time.Time{}, true},
		{"too long", jwt(`{"x":"` + strings.Repeat("a", jwtpeek.MaxTokenBytes) + `"}`), "", "", time.Time{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := jwtpeek.Claims(tt.token)
			if tt.wantErr {
				if !errors.Is(err, jwtpeek.ErrMalformed) || c != nil {
					t.Fatalf("Claims = %v, %v; want ErrMalformed", c, err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			exp, err := jwtpeek.Time(c, "exp")
			if err != nil {
				t.Fatal(err)
			}
			if got := jwtpeek.String(c, "username"); got != tt.user {
				t.Errorf("username %q, want %q", got, tt.user)
			}
			if got := jwtpeek.String(c, "device_key"); got != tt.deviceKy {
				t.Errorf("device_key %q, want %q", got, tt.deviceKy)
			}
			if !exp.Equal(tt.exp) {
				t.Errorf("exp %v, want %v", exp, tt.exp)
			}
		})
	}
}

func TestTimeRefusesNonDates(t *testing.T) {
	for _, payload := range []string{`{"exp":"1700000000"}`, `{"exp":1e300}`, `{"exp":-1e13}`, `{"exp":true}`} {
		c, err := jwtpeek.Claims(jwt(payload))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := jwtpeek.Time(c, "exp"); !errors.Is(err, jwtpeek.ErrMalformed) {
			t.Errorf("%s: err = %v, want ErrMalformed", payload, err)
		}
	}
}

// FuzzClaims: Claims reads tokens from outside (stored, or handed in by a
// browser); it must never panic, must refuse what is not a JWT, and Time
// must never panic on what it accepts.
func FuzzClaims(f *testing.F) {
	for _, s := range []string{
		jwt(`{"cognito:username":"alice","exp":1700000000}`), jwt(`null`), jwt(`[]`), jwt(`{"exp":"x"}`),
		"a.b.c", "..", "", "a.b", jwt(`{"auth_time":-1e12}`), jwt(`{"exp":1e400}`),
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, token string) {
		c, err := jwtpeek.Claims(token)
		if err != nil {
			if !errors.Is(err, jwtpeek.ErrMalformed) || c != nil {
				t.Fatalf("Claims(%q) = %v, %v", token, c, err)
			}
			return
		}
		if strings.Count(token, ".") != 2 || len(token) > jwtpeek.MaxTokenBytes || c == nil {
			t.Fatalf("accepted %q", token)
		}
		for _, name := range []string{"exp", "iat", "auth_time"} {
			if _, err := jwtpeek.Time(c, name); err != nil && !errors.Is(err, jwtpeek.ErrMalformed) {
				t.Fatalf("Time(%s): %v", name, err)
			}
		}
	})
}
