package transport_test

import (
	"bytes"
	"fmt"
	"io"
	"log/slog"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/gocognito/gocognito/internal/redactgen"
	"github.com/gocognito/gocognito/transport"
)

// TestSecretsAreRedacted runs over every struct type of the package (the
// generated redactTypes list, so a type added later is checked too): every
// string, reached through pointers, slices, maps and embedded structs, is
// set to a marker, and the markers of fields tagged redact must not appear
// in fmt or log/slog output while those of the other fields must appear in
// String.
func TestSecretsAreRedacted(t *testing.T) {
	if len(redactTypes) < 80 {
		t.Fatalf("only %d types listed: is %s current?", len(redactTypes), redactgen.ListFile)
	}
	for _, rt := range redactTypes {
		typ := reflect.TypeOf(rt.value)
		t.Run(typ.Name(), func(t *testing.T) {
			f := &filler{}
			ptr := reflect.New(typ)
			f.fill(ptr.Elem(), fieldKind{}, 0)
			if !rt.selfFormatted && typ.NumField() > 0 && fmt.Sprint(ptr.Elem().Interface()) == fmt.Sprint(rt.value) {
				t.Errorf("%s prints the same filled as empty: %v", typ, rt.value)
			}
			for _, v := range []any{ptr.Elem().Interface(), ptr.Interface()} {
				for _, out := range outputs(v) {
					for _, m := range f.hidden {
						if strings.Contains(out.text, m) {
							t.Errorf("%T: %s shows the secret %s: %s", v, out.how, m, out.text)
						}
					}
				}
				if rt.selfFormatted {
					continue
				}
				s := fmt.Sprint(v)
				for _, m := range f.shown {
					if !strings.Contains(s, m) {
						t.Errorf("%T: %%v leaves out the non-secret %s: %s", v, m, s)
					}
				}
				if gs := fmt.Sprintf("%#v", v); !strings.HasPrefix(gs, "transport."+typ.Name()+"{") {
					t.Errorf("%T: %%#v = %s, want it to start with transport.%s{", v, gs, typ.Name())
				}
			}
		})
	}
}

type output struct{ how, text string }

// outputs is v as fmt's verbs and slog's two handlers print it.
func outputs(v any) []output {
	var outs []output
	for _, verb := range []string{"%v", "%+v", "%s", "%#v", "%q"} {
		outs = append(outs, output{verb, fmt.Sprintf(verb, v)})
	}
	for name, h := range map[string]func(io.Writer) slog.Handler{
		"slog text": func(w io.Writer) slog.Handler { return slog.NewTextHandler(w, nil) },
		"slog JSON": func(w io.Writer) slog.Handler { return slog.NewJSONHandler(w, nil) },
	} {
		var logged strings.Builder
		slog.New(h(&logged)).Info("call", "in", v, slog.Group("g", "nested", v))
		outs = append(outs, output{name, logged.String()})
	}
	return outs
}

// fieldKind is what the redact tags on the way to a value say about it.
type fieldKind struct{ secret, params bool }

// filler sets every settable string to a unique marker and remembers which
// markers must be hidden and which shown.
type filler struct {
	n             int
	shown, hidden []string
}

func (f *filler) marker(secret bool) string {
	f.n++
	if secret {
		m := fmt.Sprintf("SECRET%03dx", f.n)
		f.hidden = append(f.hidden, m)
		return m
	}
	m := fmt.Sprintf("shown%03dx", f.n)
	f.shown = append(f.shown, m)
	return m
}

var transportPath = reflect.TypeFor[transport.Empty]().PkgPath()

func (f *filler) fill(v reflect.Value, k fieldKind, depth int) {
	if depth > 6 {
		return
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString(f.marker(k.secret))
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(7)
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		f.fill(v.Elem(), k, depth+1)
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 1, 1))
		f.fill(v.Index(0), k, depth+1)
	case reflect.Map:
		if v.Type().Key().Kind() != reflect.String || v.Type().Elem().Kind() != reflect.String {
			return
		}
		m := map[string]string{}
		switch {
		case k.params:
			m[transport.ParamUsername] = f.marker(false)
			for _, key := range []string{transport.ParamPassword, transport.ParamNewPassword, transport.ParamSecretHash,
				transport.ParamRefreshToken, transport.ParamClaimSignature, transport.ParamSoftwareTokenMFACode, transport.ParamAnswer} {
				m[key] = f.marker(true)
			}
		default:
			m["key"] = f.marker(k.secret)
		}
		v.Set(reflect.ValueOf(m))
	case reflect.Struct:
		if v.Type().PkgPath() != transportPath {
			return // time.Time inside Time: no strings to hide or show
		}
		for i := range v.NumField() {
			sf := v.Type().Field(i)
			if !sf.IsExported() {
				continue
			}
			tag := sf.Tag.Get("redact")
			f.fill(v.Field(i), fieldKind{secret: k.secret || tag == "true", params: tag == "params"}, depth+1)
		}
	}
}

// secretNames are field names that hold passwords, tokens, codes, sessions
// or hashes of secrets: such a field must carry a redact tag, so that a new
// field cannot forget it.
var secretNames = map[string]bool{
	"AccessToken": true, "RefreshToken": true, "IDToken": true, "Token": true, "Session": true,
	"Password": true, "TemporaryPassword": true, "PreviousPassword": true, "ProposedPassword": true,
	"SecretHash": true, "ClientSecret": true, "SecretCode": true, "ConfirmationCode": true,
	"Code": true, "UserCode": true, "PasswordVerifier": true,
	"AuthParameters": true, "ChallengeParameters": true, "ChallengeResponses": true,
}

// notSecret are fields that share a secret's name but hold none.
var notSecret = map[string]bool{
	"Error.Code":                      true, // Cognito's error code
	"TokenValidityUnits.AccessToken":  true, // a unit such as "hours"
	"TokenValidityUnits.IDToken":      true,
	"TokenValidityUnits.RefreshToken": true,
}

func TestSecretFieldsAreTagged(t *testing.T) {
	for _, rt := range redactTypes {
		typ := reflect.TypeOf(rt.value)
		for i := range typ.NumField() {
			sf := typ.Field(i)
			name := typ.Name() + "." + sf.Name
			if secretNames[sf.Name] && !notSecret[name] && sf.Tag.Get("redact") == "" {
				t.Errorf("%s looks secret but has no redact tag", name)
			}
		}
	}
}

func TestGeneratedRedactionIsCurrent(t *testing.T) {
	files, err := redactgen.Generate(".")
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range files {
		got, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s is stale: run go generate ./transport/", name)
		}
	}
}

func TestRedactedOutput(t *testing.T) {
	tests := []struct {
		name string
		v    any
		want string
	}{
		{"params", transport.InitiateAuthInput{AuthFlow: transport.FlowUserPassword, ClientID: "c1",
			AuthParameters: map[string]string{"USERNAME": "alice", "PASSWORD": "p"}},
			"InitiateAuthInput{AuthFlow:USER_PASSWORD_AUTH AuthParameters:{PASSWORD:[redacted] USERNAME:alice} ClientID:c1}"},
		{"unset secret left out", transport.ConfirmSignUpInput{ClientID: "c1", Username: "bob", ConfirmationCode: "123456"},
			"ConfirmSignUpInput{ClientID:c1 Username:bob ConfirmationCode:[redacted]}"},
		{"nested and lists", transport.ChallengeOutput{Session: "s", AvailableChallenges: []string{"PASSWORD", "EMAIL_OTP"},
			AuthenticationResult: &transport.AuthenticationResult{AccessToken: "a", ExpiresIn: 3600, TokenType: "Bearer"}},
			"ChallengeOutput{Session:[redacted] AuthenticationResult:AuthenticationResult{AccessToken:[redacted] ExpiresIn:3600 TokenType:Bearer} AvailableChallenges:[PASSWORD EMAIL_OTP]}"},
		{"embedded settings flattened", transport.UserPoolClient{ClientID: "c1", ClientSecret: "x", ClientSettings: transport.ClientSettings{ClientName: "web"}},
			"UserPoolClient{ClientID:c1 ClientSecret:[redacted] ClientName:web}"},
		{"pointer to number", transport.Group{GroupName: "admins", Precedence: new(int32(0))},
			"Group{GroupName:admins Precedence:0}"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := fmt.Sprint(tt.v); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
	if got := transport.Redacted(map[string]string{"USERNAME": "alice", "PASSWORD": "p"}); got != "{PASSWORD:[redacted] USERNAME:alice}" {
		t.Errorf("Redacted = %s", got)
	}
}
