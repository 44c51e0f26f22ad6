package transport_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/gocognito/gocognito/transport"
)

func TestErrorMatchesItsKind(t *testing.T) {
	tests := []struct {
		name   string
		err    error
		target error
		want   bool
	}{
		{"same code", transport.NewError("NotAuthorizedException", "Incorrect username or password."), transport.ErrNotAuthorized, true},
		{"other code", transport.NewError("UserNotFoundException", "User does not exist."), transport.ErrNotAuthorized, false},
		{"wrapped", fmt.Errorf("engine: login: %w", transport.NewError("CodeMismatchException", "")), transport.ErrCodeMismatch, true},
		{"plain error", errors.New("NotAuthorizedException"), transport.ErrNotAuthorized, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := errors.Is(tt.err, tt.target); got != tt.want {
				t.Errorf("errors.Is(%v, %v) = %v, want %v", tt.err, tt.target, got, tt.want)
			}
		})
	}
}

func TestErrorUnwrapsCause(t *testing.T) {
	cause := errors.New("socket closed")
	err := &transport.Error{Code: "InternalErrorException", Err: cause}
	if !errors.Is(err, cause) {
		t.Fatal("cause not reachable through Unwrap")
	}
	if got := transport.Code(fmt.Errorf("x: %w", err)); got != "InternalErrorException" {
		t.Fatalf("Code = %q", got)
	}
	if got := transport.Code(cause); got != "" {
		t.Fatalf("Code of a plain error = %q, want empty", got)
	}
}

func TestStatusFor(t *testing.T) {
	tests := map[string]int{
		"NotAuthorizedException":    400,
		"TooManyRequestsException":  400,
		"ResourceNotFoundException": 400,
		"InternalErrorException":    500,
		"ForbiddenException":        403,
	}
	for code, want := range tests {
		if got := transport.StatusFor(code); got != want {
			t.Errorf("StatusFor(%s) = %d, want %d", code, got, want)
		}
	}
}

func TestWireNames(t *testing.T) {
	in := transport.RespondToAuthChallengeInput{
		ClientID:           "abc",
		ChallengeName:      transport.ChallengePasswordVerifier,
		ChallengeResponses: map[string]string{"USERNAME": "u"},
	}
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"ClientId":"abc","ChallengeName":"PASSWORD_VERIFIER","ChallengeResponses":{"USERNAME":"u"}}`
	if string(b) != want {
		t.Fatalf("got %s\nwant %s", b, want)
	}

	// Embedded settings flatten into the parent object, as on the wire.
	var c transport.CreateUserPoolClientInput
	if err := json.Unmarshal([]byte(`{"UserPoolId":"us-east-1_X","ClientName":"web","GenerateSecret":true,"IdTokenValidity":5}`), &c); err != nil {
		t.Fatal(err)
	}
	if c.ClientName != "web" || !c.GenerateSecret || c.IDTokenValidity != 5 || c.UserPoolID != "us-east-1_X" {
		t.Fatalf("decoded %+v", c)
	}

	// Cognito's names for rotation and for GetTokensFromRefreshToken.
	b, err = json.Marshal(transport.ClientSettings{RefreshTokenRotation: &transport.RefreshTokenRotation{Feature: transport.RotationEnabled, RetryGracePeriodSeconds: 30}})
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"RefreshTokenRotation":{"Feature":"ENABLED","RetryGracePeriodSeconds":30}}`; string(b) != want {
		t.Fatalf("got %s\nwant %s", b, want)
	}
	b, err = json.Marshal(transport.GetTokensFromRefreshTokenInput{RefreshToken: "r", ClientID: "c", ClientSecret: "s", DeviceKey: "d", ClientMetadata: map[string]string{"k": "v"}})
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"RefreshToken":"r","ClientId":"c","ClientSecret":"s","DeviceKey":"d","ClientMetadata":{"k":"v"}}`; string(b) != want {
		t.Fatalf("got %s\nwant %s", b, want)
	}
}

func TestTimeJSON(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want time.Time
		err  bool
	}{
		{"integral", `1700000000`, time.Unix(1700000000, 0), false},
		{"fraction", `1700000000.25`, time.Unix(1700000000, 250e6), false},
		{"string", `"1700000000"`, time.Time{}, true},
		{"huge", `1e300`, time.Time{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got transport.Time
			err := json.Unmarshal([]byte(tt.in), &got)
			if (err != nil) != tt.err {
				t.Fatalf("err = %v, want error %v", err, tt.err)
			}
			if !tt.err && !got.Equal(tt.want) {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
		})
	}
	b, err := json.Marshal(transport.NewTime(time.Unix(1700000000, 500e6)))
	if err != nil || string(b) != "1700000000.5" {
		t.Fatalf("marshal = %s, %v", b, err)
	}
}

func FuzzTimeUnmarshal(f *testing.F) {
	for _, s := range []string{`0`, `1700000000.123`, `-1`, `"x"`, `1e400`, `null`, `NaN`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var tm transport.Time
		if err := json.Unmarshal([]byte(s), &tm); err != nil {
			return
		}
		b, err := json.Marshal(tm)
		if err != nil {
			t.Fatalf("re-marshal %q: %v", s, err)
		}
		var again transport.Time
		if err := json.Unmarshal(b, &again); err != nil || !again.Equal(tm.Time) {
			t.Fatalf("round trip of %q: %s -> %v (%v)", s, b, again, err)
		}
	})
}

func ExampleError() {
	var err error = transport.NewError("NotAuthorizedException", "Incorrect username or password.")
	err = fmt.Errorf("login: %w", err)
	fmt.Println(errors.Is(err, transport.ErrNotAuthorized))
	fmt.Println(errors.Is(err, transport.ErrUserNotFound))
	fmt.Println(transport.Code(err))
	// Output:
	// true
	// false
	// NotAuthorizedException
}
