package fakecognito

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/gocognito/gocognito/fakecognito/webauthntest"
	"github.com/gocognito/gocognito/transport"
)

const (
	testRPID   = "example.com"
	testOrigin = "https://example.com"
)

// passkeyEnv is an env whose pool allows passkeys for example.com with the
// given user verification, and a signed-in user "alice".
type passkeyEnv struct {
	*env
	access string
}

func newPasskeyEnv(t *testing.T, uv string) *passkeyEnv {
	t.Helper()
	return newPasskeyEnvWith(t, &transport.WebAuthnConfiguration{RelyingPartyID: testRPID, UserVerification: uv})
}

// newPasskeyEnvWith is newPasskeyEnv with the pool's WebAuthnConfiguration
// (nil: none).
func newPasskeyEnvWith(t *testing.T, cfg *transport.WebAuthnConfiguration) *passkeyEnv {
	t.Helper()
	e := newEnv(t, envOpts{
		pool: transport.CreateUserPoolInput{PoolSettings: transport.PoolSettings{
			Policies: &transport.PoolPolicies{SignInPolicy: &transport.SignInPolicy{
				AllowedFirstAuthFactors: []string{transport.FactorPassword, transport.FactorWebAuthn},
			}},
			SmsConfiguration: &transport.SmsConfiguration{SnsCallerArn: "arn:aws:iam::123456789012:role/sns"},
		}},
		client: transport.ClientSettings{ExplicitAuthFlows: []string{
			transport.AllowUserAuth, transport.AllowUserSRPAuth, transport.AllowRefreshTokenAuth,
		}},
	})
	if _, err := e.cog.SetUserPoolMfaConfig(e.ctx, &transport.UserPoolMfaConfig{UserPoolID: e.pool.ID,
		WebAuthnConfiguration: cfg}); err != nil {
		t.Fatal(err)
	}
	e.f.MustCreateUser(e.pool.ID, "alice", testPassword, transport.Attr("phone_number", "+15555550123"))
	return &passkeyEnv{env: e, access: e.signIn("alice")}
}

// signIn signs name in with the test password and returns its access token.
func (e *env) signIn(name string) string {
	e.t.Helper()
	out, err := e.srpLogin(name, testPassword, nil)
	return mustTokens(e.t, out, err).AccessToken
}

func newAuthenticator(t *testing.T, alg int) *webauthntest.Authenticator {
	t.Helper()
	a, err := webauthntest.New(alg, nil)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// start runs StartWebAuthnRegistration and returns the options.
func (e *passkeyEnv) start(access string) []byte {
	e.t.Helper()
	out, err := e.cog.StartWebAuthnRegistration(e.ctx, &transport.StartWebAuthnRegistrationInput{AccessToken: access})
	if err != nil {
		e.t.Fatalf("StartWebAuthnRegistration: %v", err)
	}
	return out.CredentialCreationOptions
}

func (e *passkeyEnv) complete(access string, cred []byte) error {
	_, err := e.cog.CompleteWebAuthnRegistration(e.ctx, &transport.CompleteWebAuthnRegistrationInput{AccessToken: access, Credential: cred})
	return err
}

// register adds a's passkey to alice.
func (e *passkeyEnv) register(a *webauthntest.Authenticator) {
	e.t.Helper()
	cred, err := a.Create(e.start(e.access), testOrigin)
	if err != nil {
		e.t.Fatal(err)
	}
	if err := e.complete(e.access, cred); err != nil {
		e.t.Fatalf("CompleteWebAuthnRegistration: %v", err)
	}
}

func (e *passkeyEnv) list() []transport.WebAuthnCredentialDescription {
	e.t.Helper()
	out, err := e.cog.ListWebAuthnCredentials(e.ctx, &transport.ListWebAuthnCredentialsInput{AccessToken: e.access})
	if err != nil {
		e.t.Fatal(err)
	}
	return out.Credentials
}

// The creation options carry Cognito's members in Cognito's order.
func TestStartWebAuthnRegistrationOptions(t *testing.T) {
	e := newPasskeyEnv(t, transport.UserVerificationRequired)
	opts := e.start(e.access)
	sub := e.claims(e.access)["sub"].(string)
	var o struct {
		Challenge string `json:"challenge"`
	}
	if err := json.Unmarshal(opts, &o); err != nil {
		t.Fatal(err)
	}
	raw, err := base64.RawURLEncoding.DecodeString(o.Challenge)
	if err != nil || len(raw) != 16 {
		t.Fatalf("challenge %q: %d bytes, %v; want 16 bytes of unpadded base64url", o.Challenge, len(raw), err)
	}
	want := `{"rp":{"id":"example.com","name":"example.com"},` +
		`"user":{"id":"` + base64.RawURLEncoding.EncodeToString([]byte(sub)) + `","name":"alice","displayName":""},` +
		`"challenge":"` + o.Challenge + `",` +
		`"pubKeyCredParams":[{"type":"public-key","alg":-7},{"type":"public-key","alg":-257}],` +
		`"timeout":60000,"excludeCredentials":[],` +
		`"authenticatorSelection":{"requireResidentKey":true,"residentKey":"required","userVerification":"required"}}`
	if string(opts) != want {
		t.Fatalf("options\n have %s\n want %s", opts, want)
	}

	// A registered passkey is excluded from the next registration.
	a := newAuthenticator(t, webauthntest.ES256)
	e.register(a)
	if next := e.start(e.access); !bytes.Contains(next, []byte(`"excludeCredentials":[{"type":"public-key","id":"`+a.CredentialID()+`"}]`)) {
		t.Errorf("options after a registration exclude nothing: %s", next)
	}
}

// Passkeys register with ES256 and RS256 keys, attestation none or packed
// self-attestation, and are listed and deleted.
func TestPasskeyRegistrationListDelete(t *testing.T) {
	e := newPasskeyEnv(t, transport.UserVerificationPreferred)
	es := newAuthenticator(t, webauthntest.ES256)
	rs := newAuthenticator(t, webauthntest.RS256)
	rs.Attestation = webauthntest.AttestationPacked
	rs.Attachment, rs.Transports = "cross-platform", []string{"usb", "nfc"}
	e.register(es)
	e.register(rs)

	got := e.list()
	if len(got) != 2 {
		t.Fatalf("ListWebAuthnCredentials = %d credentials, want 2", len(got))
	}
	byID := map[string]transport.WebAuthnCredentialDescription{}
	for _, c := range got {
		byID[c.CredentialID] = c
	}
	for _, tc := range []struct {
		name       string
		a          *webauthntest.Authenticator
		attachment string
		transports string
	}{
		{"ES256, none", es, "platform", "internal,hybrid"},
		{"RS256, packed", rs, "cross-platform", "usb,nfc"},
	} {
		c, ok := byID[tc.a.CredentialID()]
		switch {
		case !ok:
			t.Errorf("%s: credential %s not listed", tc.name, tc.a.CredentialID())
		case c.RelyingPartyID != testRPID || c.AuthenticatorAttachment != tc.attachment ||
			strings.Join(c.AuthenticatorTransports, ",") != tc.transports || c.FriendlyCredentialName == "" ||
			c.CreatedAt == nil || !c.CreatedAt.Equal(testStart):
			t.Errorf("%s: listed as %+v", tc.name, c)
		}
	}

	// Pages of one.
	first, err := e.cog.ListWebAuthnCredentials(e.ctx, &transport.ListWebAuthnCredentialsInput{AccessToken: e.access, MaxResults: 1})
	if err != nil || len(first.Credentials) != 1 || first.NextToken == "" {
		t.Fatalf("first page = %+v, %v", first, err)
	}
	second, err := e.cog.ListWebAuthnCredentials(e.ctx, &transport.ListWebAuthnCredentialsInput{AccessToken: e.access, MaxResults: 1, NextToken: first.NextToken})
	if err != nil || len(second.Credentials) != 1 || second.NextToken != "" || second.Credentials[0].CredentialID == first.Credentials[0].CredentialID {
		t.Fatalf("second page = %+v, %v", second, err)
	}

	if _, err := e.cog.DeleteWebAuthnCredential(e.ctx, &transport.DeleteWebAuthnCredentialInput{AccessToken: e.access, CredentialID: es.CredentialID()}); err != nil {
		t.Fatal(err)
	}
	if got := e.list(); len(got) != 1 || got[0].CredentialID != rs.CredentialID() {
		t.Fatalf("after delete: %+v", got)
	}
	_, err = e.cog.DeleteWebAuthnCredential(e.ctx, &transport.DeleteWebAuthnCredentialInput{AccessToken: e.access, CredentialID: es.CredentialID()})
	if !errors.Is(err, transport.ErrResourceNotFound) {
		t.Fatalf("deleting twice: %v, want ResourceNotFoundException", err)
	}
}

// Every refusal of a registration, with Cognito's exception.
func TestCompleteWebAuthnRegistrationRefusals(t *testing.T) {
	tests := []struct {
		name string
		uv   string
		// run makes the credential to send (and may change the env).
		run  func(e *passkeyEnv, a *webauthntest.Authenticator) (access string, cred []byte)
		want error
	}{
		{"wrong origin", "preferred", func(e *passkeyEnv, a *webauthntest.Authenticator) (string, []byte) {
			return e.access, mustCreate(t, a, e.start(e.access), "https://evil.example.net")
		}, transport.ErrWebAuthnOriginNotAllowed},
		{"http origin of the rp id", "preferred", func(e *passkeyEnv, a *webauthntest.Authenticator) (string, []byte) {
			return e.access, mustCreate(t, a, e.start(e.access), "http://example.com")
		}, transport.ErrWebAuthnOriginNotAllowed},
		{"origin that only ends like the rp id", "preferred", func(e *passkeyEnv, a *webauthntest.Authenticator) (string, []byte) {
			return e.access, mustCreate(t, a, e.start(e.access), "https://badexample.com")
		}, transport.ErrWebAuthnOriginNotAllowed},
		{"wrong rp id", "preferred", func(e *passkeyEnv, a *webauthntest.Authenticator) (string, []byte) {
			a.RPID = "other.example"
			return e.access, mustCreate(t, a, e.start(e.access), testOrigin)
		}, transport.ErrWebAuthnRelyingPartyMismatch},
		{"user verification required", "required", func(e *passkeyEnv, a *webauthntest.Authenticator) (string, []byte) {
			a.NoUserVerification = true
			return e.access, mustCreate(t, a, e.start(e.access), testOrigin)
		}, transport.ErrWebAuthnCredentialNotSupported},
		{"no user presence", "preferred", func(e *passkeyEnv, a *webauthntest.Authenticator) (string, []byte) {
			a.NoUserPresence = true
			return e.access, mustCreate(t, a, e.start(e.access), testOrigin)
		}, transport.ErrWebAuthnCredentialNotSupported},
		{"broken packed attestation", "preferred", func(e *passkeyEnv, a *webauthntest.Authenticator) (string, []byte) {
			a.Attestation, a.BreakSignature = webauthntest.AttestationPacked, true
			return e.access, mustCreate(t, a, e.start(e.access), testOrigin)
		}, transport.ErrWebAuthnCredentialNotSupported},
		{"expired registration challenge", "preferred", func(e *passkeyEnv, a *webauthntest.Authenticator) (string, []byte) {
			cred := mustCreate(t, a, e.start(e.access), testOrigin)
			e.clk.Advance(passkeyRegistrationValidity + time.Second)
			return e.access, cred
		}, transport.ErrWebAuthnChallengeNotFound},
		{"no registration started", "preferred", func(e *passkeyEnv, a *webauthntest.Authenticator) (string, []byte) {
			other := newPasskeyEnv(t, "preferred")
			return e.access, mustCreate(t, a, other.start(other.access), testOrigin)
		}, transport.ErrWebAuthnChallengeNotFound},
		{"replayed challenge", "preferred", func(e *passkeyEnv, a *webauthntest.Authenticator) (string, []byte) {
			old := e.start(e.access)
			e.start(e.access) // a new registration replaces the old challenge
			return e.access, mustCreate(t, a, old, testOrigin)
		}, transport.ErrWebAuthnChallengeNotFound},
		{"registration completed twice", "preferred", func(e *passkeyEnv, a *webauthntest.Authenticator) (string, []byte) {
			cred := mustCreate(t, a, e.start(e.access), testOrigin)
			if err := e.complete(e.access, cred); err != nil {
				t.Fatal(err)
			}
			return e.access, cred
		}, transport.ErrWebAuthnChallengeNotFound},
		{"token of another client", "preferred", func(e *passkeyEnv, a *webauthntest.Authenticator) (string, []byte) {
			cred := mustCreate(t, a, e.start(e.access), testOrigin)
			other := e.f.MustCreateClient(transport.CreateUserPoolClientInput{UserPoolID: e.pool.ID, ClientSettings: transport.ClientSettings{
				ClientName: "other", ExplicitAuthFlows: []string{transport.AllowUserSRPAuth, transport.AllowRefreshTokenAuth},
			}})
			e.client = other
			return e.signIn("alice"), cred
		}, transport.ErrWebAuthnClientMismatch},
		{"not a registration response", "preferred", func(e *passkeyEnv, a *webauthntest.Authenticator) (string, []byte) {
			e.start(e.access)
			return e.access, []byte(`{"id":"AAAA","type":"public-key"}`)
		}, transport.ErrInvalidParameter},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newPasskeyEnv(t, tt.uv)
			access, cred := tt.run(e, newAuthenticator(t, webauthntest.ES256))
			err := e.complete(access, cred)
			if !errors.Is(err, tt.want) {
				t.Fatalf("CompleteWebAuthnRegistration: %v, want %v", err, tt.want)
			}
			if n := len(e.list()); n > 1 || (n == 1 && tt.name != "registration completed twice") {
				t.Errorf("%d passkeys stored after a refusal", n)
			}
		})
	}
}

func mustCreate(t *testing.T, a *webauthntest.Authenticator, opts []byte, origin string) []byte {
	t.Helper()
	cred, err := a.Create(opts, origin)
	if err != nil {
		t.Fatal(err)
	}
	return cred
}

// Registration is refused before it starts in a pool that cannot use
// passkeys.
func TestStartWebAuthnRegistrationRefusals(t *testing.T) {
	// settings changes the pool the way an administrator would.
	settings := func(factors ...string) func(t *testing.T, e *passkeyEnv) {
		return func(t *testing.T, e *passkeyEnv) {
			if _, err := e.cog.UpdateUserPool(e.ctx, &transport.UpdateUserPoolInput{UserPoolID: e.pool.ID, PoolSettings: transport.PoolSettings{
				Policies: &transport.PoolPolicies{SignInPolicy: &transport.SignInPolicy{AllowedFirstAuthFactors: factors}},
			}}); err != nil {
				t.Fatal(err)
			}
		}
	}
	tests := []struct {
		name  string
		cfg   *transport.WebAuthnConfiguration
		setup func(t *testing.T, e *passkeyEnv)
		want  error
	}{
		{"no relying party", nil, func(*testing.T, *passkeyEnv) {}, transport.ErrWebAuthnConfigurationMissing},
		{"passkeys not a first factor", nil, settings(transport.FactorPassword), transport.ErrWebAuthnNotEnabled},
		{"bad access token", nil, func(_ *testing.T, e *passkeyEnv) { e.access = "not-a-token" }, transport.ErrNotAuthorized},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := tt.cfg
			if tt.name != "no relying party" {
				cfg = &transport.WebAuthnConfiguration{RelyingPartyID: testRPID}
			}
			e := newPasskeyEnvWith(t, cfg)
			tt.setup(t, e)
			_, err := e.cog.StartWebAuthnRegistration(e.ctx, &transport.StartWebAuthnRegistrationInput{AccessToken: e.access})
			if !errors.Is(err, tt.want) {
				t.Fatalf("StartWebAuthnRegistration: %v, want %v", err, tt.want)
			}
		})
	}
}

// The origins a relying party accepts: its own https origin and its
// subdomains', and those the fake was told to accept.
func TestPasskeyOriginAllowed(t *testing.T) {
	f := New(Options{PasskeyOrigins: []string{"http://localhost:8080/"}})
	for _, tc := range []struct {
		rpID, origin string
		want         bool
	}{
		{"example.com", "https://example.com", true},
		{"example.com", "https://EXAMPLE.com:8443", true},
		{"example.com", "https://login.example.com", true},
		{"example.com", "https://example.com/", true},
		{"example.com", "http://example.com", false},
		{"example.com", "https://badexample.com", false},
		{"example.com", "https://example.com.evil.net", false},
		{"example.com", "https://example.com/path", false},
		{"example.com", "https://user@example.com", false},
		{"example.com", "", false},
		{"example.com", "%zz", false},
		{"login.example.com", "https://example.com", false},
		{"", "https://example.com", false},
		{"localhost", "http://localhost:8080", true},
		{"localhost", "http://localhost:9090", false},
	} {
		if got := f.passkeyOriginAllowed(tc.rpID, tc.origin); got != tc.want {
			t.Errorf("rp %q origin %q: allowed = %v, want %v", tc.rpID, tc.origin, got, tc.want)
		}
	}
}

// Passkeys survive Save and Load.
func TestPasskeysPersist(t *testing.T) {
	e := newPasskeyEnv(t, "preferred")
	a := newAuthenticator(t, webauthntest.ES256)
	e.register(a)
	var buf bytes.Buffer
	if err := e.f.Save(&buf); err != nil {
		t.Fatal(err)
	}
	f2 := New(Options{Clock: e.clk.Now})
	if err := f2.Load(&buf); err != nil {
		t.Fatal(err)
	}
	e.f, e.cog = f2, f2
	if got := e.list(); len(got) != 1 || got[0].CredentialID != a.CredentialID() {
		t.Fatalf("after Load: %+v", got)
	}
	f2.mu.RLock()
	defer f2.mu.RUnlock()
	pk := f2.st.Pools[e.pool.ID].findUser("alice").Passkeys[a.CredentialID()]
	if pk == nil || len(pk.PublicKey) == 0 || pk.Algorithm != webauthntest.ES256 {
		t.Fatalf("stored passkey after Load: %+v", pk)
	}
}

// Concurrent completions of one registration: the challenge admits one,
// the others hear WebAuthnChallengeNotFoundException, and one passkey is
// stored.
func TestCompleteWebAuthnRegistrationConcurrent(t *testing.T) {
	e := newPasskeyEnv(t, "preferred")
	cred := mustCreate(t, newAuthenticator(t, webauthntest.ES256), e.start(e.access), testOrigin)
	const n = 8
	errs := make(chan error, n)
	for range n {
		go func() { errs <- e.complete(e.access, cred) }()
	}
	ok := 0
	for range n {
		err := <-errs
		switch {
		case err == nil:
			ok++
		case !errors.Is(err, transport.ErrWebAuthnChallengeNotFound):
			t.Errorf("concurrent completion: %v", err)
		}
	}
	if ok != 1 || len(e.list()) != 1 {
		t.Fatalf("%d completions succeeded and %d passkeys stored, want 1 and 1", ok, len(e.list()))
	}
}
