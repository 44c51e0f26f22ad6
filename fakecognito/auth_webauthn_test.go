package fakecognito

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/gocognito/gocognito/fakecognito/webauthntest"
	"github.com/gocognito/gocognito/transport"
)

// passkeyChallenge starts USER_AUTH for alice with a preference for
// WEB_AUTHN and returns the challenge.
func (e *passkeyEnv) passkeyChallenge() *transport.ChallengeOutput {
	e.t.Helper()
	return e.challenge(transport.ChallengeWebAuthn)(e.userAuth("alice", map[string]string{
		transport.ParamPreferredChallenge: transport.ChallengeWebAuthn,
	}))
}

// answerPasskey answers a WEB_AUTHN challenge with credential.
func (e *passkeyEnv) answerPasskey(session string, credential []byte) (*transport.ChallengeOutput, error) {
	return e.respond(transport.ChallengeWebAuthn, session, map[string]string{
		transport.ParamUsername: "alice", transport.ParamCredential: string(credential),
	})
}

// assert has a sign the WEB_AUTHN challenge ch at origin.
func assert(t *testing.T, a *webauthntest.Authenticator, ch *transport.ChallengeOutput, origin string) []byte {
	t.Helper()
	cred, err := a.Get([]byte(ch.ChallengeParameters[transport.ParamCredentialRequestOptions]), origin)
	if err != nil {
		t.Fatal(err)
	}
	return cred
}

// A registered passkey signs its user in, whether the user prefers it or
// picks it from SELECT_CHALLENGE, with ES256 and RS256 keys.
func TestPasskeySignIn(t *testing.T) {
	for _, tc := range []struct {
		name   string
		alg    int
		choose bool // through SELECT_CHALLENGE rather than PREFERRED_CHALLENGE
	}{
		{"ES256 preferred", webauthntest.ES256, false},
		{"RS256 preferred", webauthntest.RS256, false},
		{"ES256 chosen", webauthntest.ES256, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newPasskeyEnv(t, transport.UserVerificationRequired)
			a := newAuthenticator(t, tc.alg)
			e.register(a)
			var ch *transport.ChallengeOutput
			if tc.choose {
				sel := e.challenge(transport.ChallengeSelectChallenge)(e.userAuth("alice", nil))
				if !slices.Contains(sel.AvailableChallenges, transport.ChallengeWebAuthn) {
					t.Fatalf("AvailableChallenges = %v, want WEB_AUTHN among them", sel.AvailableChallenges)
				}
				ch = e.challenge(transport.ChallengeWebAuthn)(e.selectAnswer("alice", sel.Session, transport.ChallengeWebAuthn, nil))
			} else {
				ch = e.passkeyChallenge()
			}
			res := e.tokens(e.answerPasskey(ch.Session, assert(t, a, ch, testOrigin)))
			if got := e.claims(res.AccessToken)["username"]; got != "alice" {
				t.Fatalf("access token of %v, want alice", got)
			}
			// The counter moved on: a second sign-in works and the counter grows.
			ch = e.passkeyChallenge()
			e.tokens(e.answerPasskey(ch.Session, assert(t, a, ch, testOrigin)))
			e.f.mu.RLock()
			count := e.f.st.Pools[e.pool.ID].findUser("alice").Passkeys[a.CredentialID()].SignCount
			e.f.mu.RUnlock()
			if count != a.Counter || count != 2 {
				t.Fatalf("stored counter %d, authenticator's %d, want 2", count, a.Counter)
			}
		})
	}
}

// CREDENTIAL_REQUEST_OPTIONS is the JSON string Cognito sends, member for
// member and in order.
func TestPasskeyRequestOptions(t *testing.T) {
	e := newPasskeyEnv(t, transport.UserVerificationPreferred)
	a := newAuthenticator(t, webauthntest.ES256)
	e.register(a)
	ch := e.passkeyChallenge()
	got := ch.ChallengeParameters[transport.ParamCredentialRequestOptions]
	e.f.mu.RLock()
	challenge := e.f.st.sessions[ch.Session].auth.webAuthn.Challenge
	e.f.mu.RUnlock()
	want := `{"hints":[],"attestation":"none","attestationFormats":[],"challenge":"` + challenge +
		`","timeout":180000,"rpId":"example.com","allowCredentials":[{"id":"` + a.CredentialID() +
		`","type":"public-key"}],"userVerification":"preferred"}`
	if got != want || len(challenge) != 22 {
		t.Fatalf("CREDENTIAL_REQUEST_OPTIONS\n have %s\n want %s", got, want)
	}
	if u := ch.ChallengeParameters[transport.ParamUsername]; u != "alice" {
		t.Errorf("USERNAME = %q", u)
	}
}

// A passkey is a first factor that MFA does not follow; a password still is.
func TestPasskeyNotFollowedByMFA(t *testing.T) {
	e := newPasskeyEnv(t, transport.UserVerificationRequired)
	a := newAuthenticator(t, webauthntest.ES256)
	e.register(a)
	if _, err := e.cog.SetUserPoolMfaConfig(e.ctx, &transport.UserPoolMfaConfig{UserPoolID: e.pool.ID, MfaConfiguration: transport.MFAOn,
		SmsMfaConfiguration: &transport.SmsMfaConfig{SmsAuthenticationMessage: "Code {####}"}}); err != nil {
		t.Fatal(err)
	}
	if out, err := e.srpLogin("alice", testPassword, nil); err != nil || out.ChallengeName != transport.ChallengeSMSMFA {
		t.Fatalf("password sign-in: %+v, %v; want SMS_MFA", out, err)
	}
	ch := e.passkeyChallenge()
	e.tokens(e.answerPasskey(ch.Session, assert(t, a, ch, testOrigin)))
}

// Every refusal of a passkey assertion is NotAuthorizedException, the only
// error RespondToAuthChallenge has for it, and leaves the counter alone.
func TestPasskeySignInRefusals(t *testing.T) {
	tests := []struct {
		name string
		uv   string
		// answer makes the session and credential to send, from a
		// registered authenticator a.
		answer func(t *testing.T, e *passkeyEnv, a *webauthntest.Authenticator) (string, []byte)
	}{
		{"wrong origin", "preferred", func(t *testing.T, e *passkeyEnv, a *webauthntest.Authenticator) (string, []byte) {
			ch := e.passkeyChallenge()
			return ch.Session, assert(t, a, ch, "https://example.net")
		}},
		{"wrong rp id", "preferred", func(t *testing.T, e *passkeyEnv, a *webauthntest.Authenticator) (string, []byte) {
			ch := e.passkeyChallenge()
			a.RPID = "example.net"
			return ch.Session, assert(t, a, ch, testOrigin)
		}},
		{"bad signature", "preferred", func(t *testing.T, e *passkeyEnv, a *webauthntest.Authenticator) (string, []byte) {
			ch := e.passkeyChallenge()
			a.BreakSignature = true
			return ch.Session, assert(t, a, ch, testOrigin)
		}},
		{"counter gone backwards", "preferred", func(t *testing.T, e *passkeyEnv, a *webauthntest.Authenticator) (string, []byte) {
			ch := e.passkeyChallenge()
			e.tokens(e.answerPasskey(ch.Session, assert(t, a, ch, testOrigin)))
			a.Counter = 0 // the next assertion carries 1 again, as a clone would
			ch = e.passkeyChallenge()
			return ch.Session, assert(t, a, ch, testOrigin)
		}},
		{"user verification missing", "required", func(t *testing.T, e *passkeyEnv, a *webauthntest.Authenticator) (string, []byte) {
			ch := e.passkeyChallenge()
			a.NoUserVerification = true
			return ch.Session, assert(t, a, ch, testOrigin)
		}},
		{"user presence missing", "preferred", func(t *testing.T, e *passkeyEnv, a *webauthntest.Authenticator) (string, []byte) {
			ch := e.passkeyChallenge()
			a.NoUserPresence = true
			return ch.Session, assert(t, a, ch, testOrigin)
		}},
		{"replayed session", "preferred", func(t *testing.T, e *passkeyEnv, a *webauthntest.Authenticator) (string, []byte) {
			ch := e.passkeyChallenge()
			cred := assert(t, a, ch, testOrigin)
			e.tokens(e.answerPasskey(ch.Session, cred))
			return ch.Session, cred
		}},
		{"assertion of an earlier challenge", "preferred", func(t *testing.T, e *passkeyEnv, a *webauthntest.Authenticator) (string, []byte) {
			old := assert(t, a, e.passkeyChallenge(), testOrigin)
			return e.passkeyChallenge().Session, old
		}},
		{"unregistered passkey", "preferred", func(t *testing.T, e *passkeyEnv, _ *webauthntest.Authenticator) (string, []byte) {
			ch := e.passkeyChallenge()
			stranger := newAuthenticator(t, webauthntest.ES256)
			mustCreate(t, stranger, e.start(e.access), testOrigin) // bound to alice, never completed
			opts := `{"challenge":"` + e.sessionChallenge(ch.Session) + `","rpId":"example.com"}`
			cred, err := stranger.Get([]byte(opts), testOrigin)
			if err != nil {
				t.Fatal(err)
			}
			return ch.Session, cred
		}},
		{"not an assertion", "preferred", func(t *testing.T, e *passkeyEnv, _ *webauthntest.Authenticator) (string, []byte) {
			return e.passkeyChallenge().Session, []byte(`{"id":"AA","rawId":"AA","type":"public-key","response":{}}`)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newPasskeyEnv(t, tt.uv)
			a := newAuthenticator(t, webauthntest.ES256)
			e.register(a)
			session, cred := tt.answer(t, e, a)
			e.f.mu.RLock()
			before := e.f.st.Pools[e.pool.ID].findUser("alice").Passkeys[a.CredentialID()].SignCount
			e.f.mu.RUnlock()
			out, err := e.answerPasskey(session, cred)
			if !errors.Is(err, transport.ErrNotAuthorized) || !strings.Contains(err.Error(), refusalReasons[tt.name]) {
				t.Fatalf("answer: %+v, %v; want NotAuthorizedException for %q", out, err, refusalReasons[tt.name])
			}
			e.f.mu.RLock()
			after := e.f.st.Pools[e.pool.ID].findUser("alice").Passkeys[a.CredentialID()].SignCount
			e.f.mu.RUnlock()
			if after != before {
				t.Errorf("counter moved from %d to %d on a refusal", before, after)
			}
		})
	}
}

// refusalReasons are what the refusals of TestPasskeySignInRefusals say,
// so that each is shown to come from the check it is about.
var refusalReasons = map[string]string{
	"wrong origin":                      "origin \"https://example.net\" is not allowed",
	"wrong rp id":                       "another relying party",
	"bad signature":                     "error validating the assertion signature",
	"counter gone backwards":            "counter did not increase",
	"user verification missing":         "requires user verification",
	"user presence missing":             "user presence",
	"replayed session":                  "session can only be used once",
	"assertion of an earlier challenge": "challenge does not match",
	"unregistered passkey":              "no such passkey",
	"not an assertion":                  "not a WebAuthn authentication response",
}

// sessionChallenge is the passkey challenge kept for a session.
func (e *passkeyEnv) sessionChallenge(session string) string {
	e.f.mu.RLock()
	defer e.f.mu.RUnlock()
	return e.f.st.sessions[session].auth.webAuthn.Challenge
}

// A user without a passkey for the pool's relying party is not offered
// WEB_AUTHN, and one whose passkey was deleted no longer is.
func TestPasskeyOfferedOnlyWhenRegistered(t *testing.T) {
	e := newPasskeyEnv(t, transport.UserVerificationPreferred)
	offered := func() bool {
		sel := e.challenge(transport.ChallengeSelectChallenge)(e.userAuth("alice", nil))
		return slices.Contains(sel.AvailableChallenges, transport.ChallengeWebAuthn)
	}
	if offered() {
		t.Fatal("WEB_AUTHN offered before any passkey")
	}
	a := newAuthenticator(t, webauthntest.ES256)
	e.register(a)
	if !offered() {
		t.Fatal("WEB_AUTHN not offered with a passkey")
	}
	if _, err := e.cog.DeleteWebAuthnCredential(e.ctx, &transport.DeleteWebAuthnCredentialInput{AccessToken: e.access, CredentialID: a.CredentialID()}); err != nil {
		t.Fatal(err)
	}
	if offered() {
		t.Fatal("WEB_AUTHN offered after the passkey was deleted")
	}
}
