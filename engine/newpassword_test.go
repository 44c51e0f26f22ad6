package engine_test

import (
	"context"
	"maps"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/gocognito/gocognito/engine"
	"github.com/gocognito/gocognito/states"
	"github.com/gocognito/gocognito/transport"
)

// TestNewPasswordAttributes: what a NewPassword sends as userAttributes.*:
// required names count with or without the prefix, and sub, the *_verified
// flags and unchanged values are left out, as Cognito refuses them.
func TestNewPasswordAttributes(t *testing.T) {
	tests := []struct {
		name  string
		attrs map[string]string
		want  map[string]string // the userAttributes.* sent
	}{
		{"plain name", map[string]string{"name": "Alice"}, map[string]string{"userAttributes.name": "Alice"}},
		{"prefixed name", map[string]string{"userAttributes.name": "Alice"}, map[string]string{"userAttributes.name": "Alice"}},
		{"form prefilled from the need", map[string]string{
			"name": "Alice", "email": "alice@example.com", "email_verified": "true", "locale": "en", "sub": "0f1e",
		}, map[string]string{"userAttributes.name": "Alice"}},
		{"prefixed flags and sub", map[string]string{
			"userAttributes.name": "Alice", "userAttributes.email_verified": "false", "userAttributes.phone_number_verified": "true", "userAttributes.sub": "x",
		}, map[string]string{"userAttributes.name": "Alice"}},
		{"changed values are sent", map[string]string{"name": "Alice", "locale": "fr", "email": "new@example.com"},
			map[string]string{"userAttributes.name": "Alice", "userAttributes.locale": "fr", "userAttributes.email": "new@example.com"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t)
			var sent map[string]string
			s := newScript(t,
				e.initiateSRP(transport.FlowUserSRP, typed, "", userID, "temporary"),
				e.passwordVerifier(userID, "", challenge("NEW_PASSWORD_REQUIRED", "S1", map[string]string{
					"requiredAttributes": `["userAttributes.name"]`,
					"userAttributes":     `{"email":"alice@example.com","email_verified":"true","locale":"en","sub":"0f1e"}`,
					"USER_ID_FOR_SRP":    userID,
				})),
				step{op: "RespondToAuthChallenge",
					check: func(t *testing.T, in any) {
						sent = maps.Clone(in.(*transport.RespondToAuthChallengeInput).ChallengeResponses)
					},
					reply: tokens(nil)},
			)
			ctx := context.Background()
			l, err := engine.Start(ctx, e.config(s), engine.Credentials{Username: typed, Password: "temporary"})
			must(t, err)
			must(t, l.Submit(ctx, engine.NewPassword{Password: "new password 1!", Attributes: tc.attrs}))
			s.done()
			for _, k := range []string{"USERNAME", "SECRET_HASH", "NEW_PASSWORD"} {
				delete(sent, k)
			}
			if diff := cmp.Diff(tc.want, sent); diff != "" {
				t.Fatalf("userAttributes sent (-want +got):\n%s", diff)
			}
		})
	}
}

func TestNewPasswordMissingAttributes(t *testing.T) {
	tests := []struct {
		name  string
		attrs map[string]string
	}{
		{"none", nil},
		{"empty value", map[string]string{"name": ""}},
		{"another attribute", map[string]string{"userAttributes.family_name": "Smith"}},
		{"a misspelt prefix", map[string]string{"userAttribute.name": "Alice"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t)
			s := newScript(t,
				e.initiateSRP(transport.FlowUserSRP, typed, "", userID, "temporary"),
				e.passwordVerifier(userID, "", challenge("NEW_PASSWORD_REQUIRED", "S1", map[string]string{
					"requiredAttributes": `["userAttributes.name"]`, "USER_ID_FOR_SRP": userID,
				})),
			)
			ctx := context.Background()
			l, err := engine.Start(ctx, e.config(s), engine.Credentials{Username: typed, Password: "temporary"})
			must(t, err)
			mustErr(t, l.Submit(ctx, engine.NewPassword{Password: "new password 1!", Attributes: tc.attrs}), engine.ErrMissingAttributes)
			s.done() // nothing sent
			if l.State() != states.NewPasswordRequired {
				t.Fatalf("state %s", l.State())
			}
		})
	}
}

// TestFakeNewPasswordWithPrefilledForm sends back the need's attributes
// whole, as a form prefilled from them would; the fake, like Cognito,
// refuses email_verified and an e-mail address the user already has.
func TestFakeNewPasswordWithPrefilledForm(t *testing.T) {
	ctx := context.Background()
	fe := newFakeEnv(t, &statesSeen{seen: map[states.State]bool{}}, transport.CreateUserPoolInput{})
	_, err := fe.f.AdminCreateUser(ctx, &transport.AdminCreateUserInput{UserPoolID: fe.pool.ID, Username: "alice",
		TemporaryPassword: "Temp-Pass-0!", MessageAction: "SUPPRESS",
		UserAttributes: []transport.AttributeType{transport.Attr("email", "alice@example.com"), transport.Attr("email_verified", "true")}})
	must(t, err)
	l, err := engine.Start(ctx, fe.config(), engine.Credentials{Username: "alice", Password: "Temp-Pass-0!"})
	must(t, err)
	n, ok := l.Need().(states.NeedNewPassword)
	if !ok || n.Attributes["email_verified"] != "true" {
		t.Fatalf("need %#v", l.Need())
	}
	form := maps.Clone(n.Attributes)
	form["userAttributes.name"] = "Alice"
	must(t, l.Submit(ctx, engine.NewPassword{Password: fakeNewPass, Attributes: form}))
	fe.wantPath("Init>PasswordVerifier>NewPasswordRequired>Done")
}
