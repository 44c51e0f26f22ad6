package account

import (
	"encoding/base64"
	"errors"
	"strings"
	"testing"

	"github.com/gocognito/gocognito/tokens"
)

func jwt(payload string) string {
	return "eyJhbGciOiJSUzI1NiJ9." + base64.RawURLEncoding.EncodeToString([]byte(payload)) + ".c2ln"
}

func TestPeek(t *testing.T) {
	tests := []struct {
		name             string
		token            string
		username, devKey string
		wantErr          bool
	}{
		{"ID token", jwt(`{"cognito:username":"alice","token_use":"id","exp":1700000000}`), "alice", "", false},
		{"access token", jwt(`{"username":"bob","device_key":"us-east-1_abc","token_use":"access"}`), "bob", "us-east-1_abc", false},
		{"padded payload", strings.Replace(jwt(`{"username":"c"}`), ".c2ln", "==.c2ln", 1), "c", "", false},
		{"two parts", "a.b", "", "", true},
		{"bad base64", "a.!!!.c", "", "", true},
		{"not JSON", jwt(`not json`), "", "", true},
		{"exp out of range", jwt(`{"exp":1e300}`), "", "", true},
		{"exp not a number", jwt(`{"exp":"soon"}`), "", "", true},
		{"JSON null", jwt(`null`), "", "", true},
		{"too long", jwt(`{"x":"` + strings.Repeat("a", 64<<10) + `"}`), "", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := peek(tt.token)
			if tt.wantErr {
				if !errors.Is(err, tokens.ErrMalformed) {
					t.Fatalf("err = %v, want tokens.ErrMalformed", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if c.Username != tt.username || c.DeviceKey != tt.devKey {
				t.Fatalf("username %q device %q", c.Username, c.DeviceKey)
			}
		})
	}
}

// FuzzPeek: peek reads tokens handed in from outside (stored, or from a
// browser); it must never panic and must refuse what is not a JWT.
func FuzzPeek(f *testing.F) {
	for _, s := range []string{
		jwt(`{"cognito:username":"alice","exp":1700000000}`), jwt(`null`), jwt(`[]`), jwt(`{"exp":"x"}`),
		"a.b.c", "..", "", "a.b", jwt(`{"auth_time":-1e12}`),
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, token string) {
		c, err := peek(token)
		if err != nil {
			if !errors.Is(err, tokens.ErrMalformed) {
				t.Fatalf("error %v is not tokens.ErrMalformed", err)
			}
			return
		}
		if strings.Count(token, ".") != 2 || c == nil {
			t.Fatalf("accepted %q", token)
		}
	})
}
