package weblogin_test

import (
	"bytes"
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/gocognito/gocognito/account"
	"github.com/gocognito/gocognito/engine"
	"github.com/gocognito/gocognito/fakecognito"
	"github.com/gocognito/gocognito/tokens"
	"github.com/gocognito/gocognito/transport"
	"github.com/gocognito/gocognito/weblogin"
)

// This file builds the sites the tests sign in to: a fake Cognito with one
// pool and app client, and one or more weblogin handlers in front of it.

const password = "Corr3ct-Horse-Battery!"

// detRand is a deterministic random source for tests only: SHA-256 in
// counter mode over a seed. Never use it for real secrets.
type detRand struct {
	mu   sync.Mutex
	seed string
	ctr  uint64
	buf  []byte
}

func (r *detRand) Read(p []byte) (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for len(r.buf) < len(p) {
		var c [8]byte
		binary.BigEndian.PutUint64(c[:], r.ctr)
		r.ctr++
		h := sha256.Sum256(append([]byte(r.seed), c[:]...))
		r.buf = append(r.buf, h[:]...)
	}
	n := copy(p, r.buf)
	r.buf = r.buf[n:]
	return n, nil
}

// siteConfig is the pool a test needs.
type siteConfig struct {
	mfa             string // transport.MFAOff (""), MFAOptional or MFAOn
	sms, totp, mail bool   // MFA kinds the pool offers
	requireName     bool   // the schema requires "name"
	flow            string // the handler's flow
	triggers        *fakecognito.Triggers
	factors         []string // first factors of choice-based sign-in, for a USER_AUTH flow
	passkeyOrigin   string   // a page origin the fake accepts passkeys from, relying party "localhost"
}

// site is a fake Cognito with a pool and client, and the pieces a handler
// is built from.
type site struct {
	t      *testing.T
	fake   *fakecognito.Fake
	clock  *fakecognito.Clock
	pool   transport.UserPool
	client transport.UserPoolClient
	keys   [][]byte
	cfg    siteConfig
}

func newSite(t *testing.T, cfg siteConfig) *site {
	t.Helper()
	// A frozen clock near the wall clock: cookies' Max-Age is computed
	// from it and the browser keeps them by its own clock.
	clock := fakecognito.NewClock(time.Now().UTC().Truncate(30 * time.Second).Add(time.Second))
	fo := fakecognito.Options{Clock: clock.Now, Rand: &detRand{seed: t.Name() + "/fake"}}
	if cfg.passkeyOrigin != "" {
		fo.PasskeyOrigins = []string{cfg.passkeyOrigin}
	}
	f := fakecognito.New(fo)
	in := transport.CreateUserPoolInput{PoolName: "web"}
	in.EmailConfiguration = &transport.EmailConfiguration{EmailSendingAccount: transport.EmailSendingDeveloper,
		SourceArn: "arn:aws:ses:us-east-1:123456789012:identity/example.com"}
	in.AutoVerifiedAttributes = []string{"email"}
	if cfg.requireName {
		in.Schema = []transport.SchemaAttribute{{Name: "name", AttributeDataType: "String", Required: true}}
	}
	if len(cfg.factors) > 0 {
		in.Policies = &transport.PoolPolicies{SignInPolicy: &transport.SignInPolicy{AllowedFirstAuthFactors: cfg.factors}}
		in.SmsConfiguration = &transport.SmsConfiguration{SnsCallerArn: "arn:aws:iam::123456789012:role/sns"}
	}
	pool := f.MustCreatePool(in)
	client := f.MustCreateClient(transport.CreateUserPoolClientInput{UserPoolID: pool.ID, GenerateSecret: true,
		ClientSettings: transport.ClientSettings{ClientName: "web", ExplicitAuthFlows: []string{
			transport.AllowUserSRPAuth, transport.AllowCustomAuth, transport.AllowRefreshTokenAuth, transport.AllowUserAuth,
		}}})
	if cfg.mfa != "" && cfg.mfa != transport.MFAOff || cfg.passkeyOrigin != "" {
		mc := &transport.UserPoolMfaConfig{UserPoolID: pool.ID, MfaConfiguration: cmp.Or(cfg.mfa, transport.MFAOff)}
		if cfg.passkeyOrigin != "" {
			mc.WebAuthnConfiguration = &transport.WebAuthnConfiguration{RelyingPartyID: "localhost", UserVerification: transport.UserVerificationPreferred}
		}
		if cfg.sms {
			mc.SmsMfaConfiguration = &transport.SmsMfaConfig{SmsAuthenticationMessage: "Your code is {####}"}
		}
		if cfg.totp {
			mc.SoftwareTokenMfaConfiguration = &transport.SoftwareTokenMfaConfig{Enabled: true}
		}
		if cfg.mail {
			mc.EmailMfaConfiguration = &transport.EmailMfaConfig{Message: "Your code is {####}"}
		}
		if _, err := f.SetUserPoolMfaConfig(context.Background(), mc); err != nil {
			t.Fatal(err)
		}
	}
	if cfg.triggers != nil {
		if err := f.SetTriggers(pool.ID, *cfg.triggers); err != nil {
			t.Fatal(err)
		}
	}
	key := sha256.Sum256([]byte(t.Name() + "/key"))
	return &site{t: t, fake: f, clock: clock, pool: pool, client: client, keys: [][]byte{key[:]}, cfg: cfg}
}

// user creates a confirmed user with the test password.
func (s *site) user(name string, attrs ...transport.AttributeType) {
	s.fake.MustCreateUser(s.pool.ID, name, password, attrs...)
}

// mfa sets a user's MFA preference.
func (s *site) mfa(name string, in transport.AdminSetUserMFAPreferenceInput) {
	s.t.Helper()
	in.UserPoolID, in.Username = s.pool.ID, name
	if _, err := s.fake.AdminSetUserMFAPreference(context.Background(), &in); err != nil {
		s.t.Fatal(err)
	}
}

// code is the last code the fake sent to a user.
func (s *site) code(name string) string {
	s.t.Helper()
	c := s.fake.Outbox().LastCodeIn(s.pool.ID, name)
	if c == "" {
		s.t.Fatalf("no code sent to %s", name)
	}
	return c
}

// options are a handler's options over this site, with the given keys
// (the site's when nil).
func (s *site) options(keys [][]byte) weblogin.Options {
	s.t.Helper()
	if keys == nil {
		keys = s.keys
	}
	jwks, err := s.fake.JWKS(s.pool.ID)
	if err != nil {
		s.t.Fatal(err)
	}
	ks, err := tokens.NewStaticKeySet(jwks)
	if err != nil {
		s.t.Fatal(err)
	}
	verifier := &tokens.Verifier{Issuer: s.fake.Issuer(s.pool.ID), ClientID: s.client.ClientID, Keys: ks, Now: s.clock.Now}
	return weblogin.Options{
		Engine: engine.Config{
			PoolID: s.pool.ID, ClientID: s.client.ClientID, ClientSecret: s.client.ClientSecret,
			Transport: s.fake, Now: s.clock.Now, Rand: &detRand{seed: s.t.Name() + "/engine"}, TOTPIssuer: "weblogin test",
		},
		Flow: s.cfg.flow,
		Account: &account.Client{Transport: s.fake, ClientID: s.client.ClientID, ClientSecret: s.client.ClientSecret,
			Verifier: verifier, Now: s.clock.Now},
		Verifier: verifier,
		Keys:     keys,
		AppName:  "Example",
	}
}

// serve starts a handler with opts on a test server.
func (s *site) serve(opts weblogin.Options) *httptest.Server {
	s.t.Helper()
	h, err := weblogin.New(opts)
	if err != nil {
		s.t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	s.t.Cleanup(srv.Close)
	return srv
}

// dropAttribute removes an attribute from a user behind the fake's back,
// through its saved state, for a user Cognito keeps without an attribute
// the pool now requires.
func (s *site) dropAttribute(username, attr string) {
	s.t.Helper()
	var buf bytes.Buffer
	if err := s.fake.Save(&buf); err != nil {
		s.t.Fatal(err)
	}
	var state any
	if err := json.Unmarshal(buf.Bytes(), &state); err != nil {
		s.t.Fatal(err)
	}
	dropped := false
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			if attrs, ok := v["attrs"].(map[string]any); ok && v["username"] == username {
				_, dropped = attrs[attr]
				delete(attrs, attr)
			}
			for _, e := range v {
				walk(e)
			}
		case []any:
			for _, e := range v {
				walk(e)
			}
		}
	}
	walk(state)
	if !dropped {
		s.t.Fatalf("no attribute %s of %s in the saved state", attr, username)
	}
	b, _ := json.Marshal(state)
	if err := s.fake.Load(bytes.NewReader(b)); err != nil {
		s.t.Fatal(err)
	}
}

// totp computes the current code of an authenticator app holding secret.
func (s *site) totp(secret string) string {
	s.t.Helper()
	c, err := fakecognito.TOTPCode(secret, s.clock.Now())
	if err != nil {
		s.t.Fatal(err)
	}
	return c
}
