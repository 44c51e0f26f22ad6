package transport_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"log/slog"
	"path/filepath"
	"reflect"
	"strings"
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

func TestSecretsAreRedacted(t *testing.T) {
	secret := "hunter2-SECRET"
	values := []any{
		transport.InitiateAuthInput{AuthFlow: transport.FlowUserPassword, AuthParameters: map[string]string{"USERNAME": "alice", "PASSWORD": secret, "SECRET_HASH": secret}},
		transport.RespondToAuthChallengeInput{Session: secret, ChallengeResponses: map[string]string{"SOFTWARE_TOKEN_MFA_CODE": secret, "NEW_PASSWORD": secret}},
		transport.AdminInitiateAuthInput{AuthParameters: map[string]string{"REFRESH_TOKEN": secret}},
		transport.AdminRespondToAuthChallengeInput{ChallengeResponses: map[string]string{"PASSWORD_CLAIM_SIGNATURE": secret}},
		&transport.AuthenticationResult{AccessToken: secret, IDToken: secret, RefreshToken: secret},
		transport.AuthenticationResult{AccessToken: secret, IDToken: secret, RefreshToken: secret},
		transport.ChallengeOutput{Session: secret, AuthenticationResult: &transport.AuthenticationResult{AccessToken: secret}},
		transport.AssociateSoftwareTokenOutput{SecretCode: secret},
		transport.SignUpInput{Password: secret},
		transport.ConfirmForgotPasswordInput{Password: secret},
		transport.ChangePasswordInput{PreviousPassword: secret, ProposedPassword: secret, AccessToken: secret},
		transport.AccessTokenInput{AccessToken: secret},
		transport.RevokeTokenInput{Token: secret, ClientSecret: secret},
		transport.AdminCreateUserInput{TemporaryPassword: secret},
		transport.AdminSetUserPasswordInput{Password: secret},
		transport.UserPoolClient{ClientSecret: secret},
		transport.ConfirmSignUpInput{SecretHash: secret, ConfirmationCode: secret, Session: secret},
		transport.ConfirmSignUpOutput{Session: secret},
		transport.SignUpOutput{Session: secret},
		transport.ResendConfirmationCodeInput{SecretHash: secret},
		transport.ForgotPasswordInput{SecretHash: secret},
		transport.UpdateUserAttributesInput{AccessToken: secret},
		transport.DeleteUserAttributesInput{AccessToken: secret},
		transport.GetUserAttributeVerificationCodeInput{AccessToken: secret},
		transport.VerifyUserAttributeInput{AccessToken: secret, Code: secret},
		transport.AssociateSoftwareTokenInput{AccessToken: secret, Session: secret},
		transport.VerifySoftwareTokenInput{AccessToken: secret, Session: secret, UserCode: secret},
		transport.VerifySoftwareTokenOutput{Session: secret},
		transport.SetUserMFAPreferenceInput{AccessToken: secret},
		transport.ConfirmDeviceInput{AccessToken: secret},
		transport.GetDeviceInput{AccessToken: secret},
		transport.ListDevicesInput{AccessToken: secret},
		transport.UpdateDeviceStatusInput{AccessToken: secret},
		transport.ForgetDeviceInput{AccessToken: secret},
		transport.GetTokensFromRefreshTokenInput{RefreshToken: secret, ClientSecret: secret},
		transport.GetTokensFromRefreshTokenOutput{AuthenticationResult: &transport.AuthenticationResult{AccessToken: secret, IDToken: secret, RefreshToken: secret}},
	}
	// Every type of the package with a field that holds a secret must be
	// among values, so that a new one cannot leak unnoticed.
	covered := map[string]bool{}
	for _, v := range values {
		covered[reflect.Indirect(reflect.ValueOf(v)).Type().Name()] = true
	}
	// Fields that share a secret's name but hold none.
	notSecret := map[string]bool{
		"Error":              true, // Code is Cognito's error code
		"TokenValidityUnits": true, // AccessToken, IDToken, RefreshToken are units
	}
	for _, name := range typesWithSecrets(t) {
		if !covered[name] && !notSecret[name] {
			t.Errorf("%s holds a secret but is not checked here (and may not redact it)", name)
		}
	}
	for _, v := range values {
		for _, verb := range []string{"%v", "%+v", "%s", "%#v"} {
			if out := fmt.Sprintf(verb, v); strings.Contains(out, secret) {
				t.Errorf("%T printed with %s leaks the secret: %s", v, verb, out)
			}
		}
		for name, h := range map[string]func(io.Writer) slog.Handler{
			"text": func(w io.Writer) slog.Handler { return slog.NewTextHandler(w, nil) },
			"JSON": func(w io.Writer) slog.Handler { return slog.NewJSONHandler(w, nil) },
		} {
			var logged strings.Builder
			slog.New(h(&logged)).Info("call", "in", v)
			if strings.Contains(logged.String(), secret) {
				t.Errorf("%T logged by the slog %s handler leaks the secret: %s", v, name, logged.String())
			}
		}
		if _, ok := v.(fmt.GoStringer); !ok {
			t.Errorf("%T has no GoString", v)
		}
		if _, ok := v.(slog.LogValuer); !ok {
			t.Errorf("%T has no LogValue", v)
		}
	}
	if got := transport.Redacted(map[string]string{"USERNAME": "alice", "PASSWORD": "p"}); got != "{PASSWORD:[redacted] USERNAME:alice}" {
		t.Errorf("Redacted = %s", got)
	}
}

// secretFields are the field names that hold passwords, tokens, codes,
// sessions or hashes of secrets.
var secretFields = map[string]bool{
	"AccessToken": true, "RefreshToken": true, "IDToken": true, "Token": true, "Session": true,
	"Password": true, "TemporaryPassword": true, "PreviousPassword": true, "ProposedPassword": true,
	"SecretHash": true, "ClientSecret": true, "SecretCode": true, "ConfirmationCode": true,
	"Code": true, "UserCode": true,
}

// typesWithSecrets lists the package's struct types that have a secret
// field, read from its source.
func typesWithSecrets(t *testing.T) []string {
	t.Helper()
	fset := token.NewFileSet()
	var names []string
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range files {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			ts, ok := n.(*ast.TypeSpec)
			if !ok {
				return true
			}
			st, ok := ts.Type.(*ast.StructType)
			if !ok {
				return false
			}
			for _, fl := range st.Fields.List {
				for _, id := range fl.Names {
					if secretFields[id.Name] {
						names = append(names, ts.Name.Name)
						return false
					}
				}
			}
			return false
		})
	}
	if len(names) < 20 {
		t.Fatalf("found only %d types with secrets: is the source readable?", len(names))
	}
	return names
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
