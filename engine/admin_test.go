package engine_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/gocognito/gocognito/engine"
	"github.com/gocognito/gocognito/fakecognito"
	"github.com/gocognito/gocognito/states"
	cognitotokens "github.com/gocognito/gocognito/tokens"
	"github.com/gocognito/gocognito/transport"
)

// These tests run the server-side flows (ADMIN_USER_PASSWORD_AUTH,
// ADMIN_NO_SRP_AUTH) against the fake, which ties a session to the
// operation that started it: an admin login answered with the public
// RespondToAuthChallenge fails there.

// adminClient gives fe an app client that enables the admin flows, with or
// without a secret, and makes it the one fe.config logs into.
func (fe *fakeEnv) adminClient(secret bool) {
	fe.t.Helper()
	fe.client = fe.f.MustCreateClient(transport.CreateUserPoolClientInput{UserPoolID: fe.pool.ID, GenerateSecret: secret,
		ClientSettings: transport.ClientSettings{ClientName: "server", ExplicitAuthFlows: []string{
			transport.AllowAdminUserPassword, transport.AllowRefreshTokenAuth,
		}}})
}

// verifyTokens checks the tokens' signatures, issuer and audience against
// the fake's keys and returns the user they were issued to.
func (fe *fakeEnv) verifyTokens(res *engine.Result) string {
	fe.t.Helper()
	jwks, err := fe.f.JWKS(fe.pool.ID)
	must(fe.t, err)
	keys, err := cognitotokens.NewStaticKeySet(jwks)
	must(fe.t, err)
	v := &cognitotokens.Verifier{Issuer: fe.f.Issuer(fe.pool.ID), ClientID: fe.client.ClientID, Keys: keys, Now: fe.clock.Now}
	ctx := context.Background()
	id, err := v.VerifyID(ctx, res.Tokens.IDToken)
	must(fe.t, err)
	access, err := v.VerifyAccess(ctx, res.Tokens.AccessToken)
	must(fe.t, err)
	if id.Username != access.Username || res.Tokens.RefreshToken == "" {
		fe.t.Fatalf("ID token for %q, access token for %q, refresh token %t", id.Username, access.Username, res.Tokens.RefreshToken != "")
	}
	return access.Username
}

// recorder passes the public calls on to a Fake and records them. It
// implements transport.Authenticator only, as a logging wrapper would.
type recorder struct {
	f   *fakecognito.Fake
	mu  sync.Mutex
	ops []string
}

func (r *recorder) record(op string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.ops = append(r.ops, op)
}

func (r *recorder) calls() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.ops)
}

func (r *recorder) InitiateAuth(ctx context.Context, in *transport.InitiateAuthInput) (*transport.InitiateAuthOutput, error) {
	r.record("InitiateAuth " + in.AuthFlow)
	return r.f.InitiateAuth(ctx, in)
}

func (r *recorder) RespondToAuthChallenge(ctx context.Context, in *transport.RespondToAuthChallengeInput) (*transport.RespondToAuthChallengeOutput, error) {
	r.record("RespondToAuthChallenge " + in.ChallengeName)
	return r.f.RespondToAuthChallenge(ctx, in)
}

// adminRecorder passes the admin calls on to a Fake and records them.
type adminRecorder struct{ recorder }

func (r *adminRecorder) AdminInitiateAuth(ctx context.Context, in *transport.AdminInitiateAuthInput) (*transport.AdminInitiateAuthOutput, error) {
	r.record("AdminInitiateAuth " + in.AuthFlow)
	return r.f.AdminInitiateAuth(ctx, in)
}

func (r *adminRecorder) AdminRespondToAuthChallenge(ctx context.Context, in *transport.AdminRespondToAuthChallengeInput) (*transport.AdminRespondToAuthChallengeOutput, error) {
	r.record("AdminRespondToAuthChallenge " + in.ChallengeName)
	return r.f.AdminRespondToAuthChallenge(ctx, in)
}

func TestAdminFlows(t *testing.T) {
	seen := &statesSeen{seen: map[states.State]bool{}}
	ctx := context.Background()

	for _, flow := range []string{transport.FlowAdminUserPassword, transport.FlowAdminNoSRP} {
		t.Run(flow+" without challenges", func(t *testing.T) {
			fe := newFakeEnv(t, seen, transport.CreateUserPoolInput{AliasAttributes: []string{"email"}})
			fe.adminClient(false)
			fe.f.MustCreateUser(fe.pool.ID, "alice", fakePassword, transport.Attr("email", "alice@example.com"))
			res, err := engine.Authenticate(ctx, fe.config(), engine.Credentials{Username: "alice@example.com", Password: fakePassword, Flow: flow})
			must(t, err)
			if got := fe.verifyTokens(res); got != "alice" || res.Username != "alice" {
				t.Fatalf("tokens for %q, Result.Username %q", got, res.Username)
			}
			fe.wantPath("Init>Done")
		})
	}

	t.Run("password submitted later", func(t *testing.T) {
		fe := newFakeEnv(t, seen, transport.CreateUserPoolInput{})
		fe.adminClient(true)
		fe.f.MustCreateUser(fe.pool.ID, "alice", fakePassword)
		l, err := engine.Start(ctx, fe.config(), engine.Credentials{Username: "alice", Flow: transport.FlowAdminUserPassword})
		must(t, err)
		if l.Need() != (states.NeedPassword{}) {
			t.Fatalf("need %#v", l.Need())
		}
		l = fe.resume(l)
		must(t, l.Submit(ctx, engine.Password(fakePassword)))
		res, err := l.Result()
		must(t, err)
		fe.verifyTokens(res)
	})

	t.Run("client secret", func(t *testing.T) {
		fe := newFakeEnv(t, seen, transport.CreateUserPoolInput{})
		fe.adminClient(true)
		fe.f.MustCreateUser(fe.pool.ID, "alice", fakePassword)
		creds := engine.Credentials{Username: "alice", Password: fakePassword, Flow: transport.FlowAdminUserPassword}
		res, err := engine.Authenticate(ctx, fe.config(), creds)
		must(t, err)
		fe.verifyTokens(res)
		fe.wantPath("Init>Done")

		// Without the secret there is no SECRET_HASH, which Cognito demands.
		cfg := fe.config()
		cfg.ClientSecret = ""
		_, err = engine.Authenticate(ctx, cfg, creds)
		mustErr(t, err, transport.ErrNotAuthorized)
		cfg.ClientSecret = "not-the-secret"
		_, err = engine.Authenticate(ctx, cfg, creds)
		mustErr(t, err, transport.ErrNotAuthorized)
		fe.takePath()
	})

	t.Run("wrong password", func(t *testing.T) {
		fe := newFakeEnv(t, seen, transport.CreateUserPoolInput{})
		fe.adminClient(true)
		fe.f.MustCreateUser(fe.pool.ID, "alice", fakePassword)
		_, err := engine.Authenticate(ctx, fe.config(), engine.Credentials{Username: "alice", Password: "Wrong-Horse-2", Flow: transport.FlowAdminNoSRP})
		mustErr(t, err, transport.ErrNotAuthorized)
		fe.wantPath("Init>Failed")
	})

	t.Run("client without ALLOW_ADMIN_USER_PASSWORD_AUTH", func(t *testing.T) {
		fe := newFakeEnv(t, seen, transport.CreateUserPoolInput{}) // its client allows SRP, password, custom, refresh
		fe.f.MustCreateUser(fe.pool.ID, "alice", fakePassword)
		_, err := engine.Authenticate(ctx, fe.config(), engine.Credentials{Username: "alice", Password: fakePassword, Flow: transport.FlowAdminUserPassword})
		mustErr(t, err, transport.ErrInvalidParameter)
		var te *transport.Error
		if !errors.As(err, &te) || te.Message != "ADMIN_USER_PASSWORD_AUTH flow not enabled for this client" {
			t.Fatalf("error %v", err)
		}
		fe.wantPath("Init>Failed")
	})

	t.Run("SMS MFA", func(t *testing.T) {
		fe := newFakeEnv(t, seen, transport.CreateUserPoolInput{})
		fe.adminClient(true)
		fe.mfaConfig(transport.MFAOn, true, false, false)
		fe.f.MustCreateUser(fe.pool.ID, "alice", fakePassword, transport.Attr("phone_number", "+15555550100"))
		l, err := engine.Start(ctx, fe.config(), engine.Credentials{Username: "alice", Password: fakePassword, Flow: transport.FlowAdminUserPassword})
		must(t, err)
		if n, ok := l.Need().(states.NeedMFACode); !ok || n.Medium != "SMS" {
			t.Fatalf("need %#v", l.Need())
		}
		mustErr(t, l.Submit(ctx, engine.MFACode("000000")), transport.ErrCodeMismatch)
		must(t, l.Submit(ctx, fe.code("alice")))
		res, err := l.Result()
		must(t, err)
		fe.verifyTokens(res)
		fe.wantPath("Init>SMSMFA>Done")
	})

	t.Run("new password required", func(t *testing.T) {
		fe := newFakeEnv(t, seen, transport.CreateUserPoolInput{})
		fe.adminClient(true)
		_, err := fe.f.AdminCreateUser(ctx, &transport.AdminCreateUserInput{UserPoolID: fe.pool.ID, Username: "alice",
			TemporaryPassword: "Temp-Pass-0!", MessageAction: "SUPPRESS",
			UserAttributes: []transport.AttributeType{transport.Attr("email", "alice@example.com")}})
		must(t, err)
		l, err := engine.Start(ctx, fe.config(), engine.Credentials{Username: "alice", Password: "Temp-Pass-0!", Flow: transport.FlowAdminNoSRP})
		must(t, err)
		if n, ok := l.Need().(states.NeedNewPassword); !ok || n.Attributes["email"] != "alice@example.com" {
			t.Fatalf("need %#v", l.Need())
		}
		mustErr(t, l.Submit(ctx, engine.NewPassword{Password: "weak"}), transport.ErrInvalidPassword)
		must(t, l.Submit(ctx, engine.NewPassword{Password: fakeNewPass}))
		res, err := l.Result()
		must(t, err)
		fe.verifyTokens(res)
		fe.wantPath("Init>NewPasswordRequired>Done")

		res, err = engine.Authenticate(ctx, fe.config(), engine.Credentials{Username: "alice", Password: fakeNewPass, Flow: transport.FlowAdminUserPassword})
		must(t, err)
		fe.verifyTokens(res)
		fe.wantPath("Init>Done")
	})

	t.Run("MFA setup, then TOTP, then a choice", func(t *testing.T) {
		fe := newFakeEnv(t, seen, transport.CreateUserPoolInput{})
		fe.adminClient(true)
		fe.mfaConfig(transport.MFAOn, true, true, false)
		fe.f.MustCreateUser(fe.pool.ID, "alice", fakePassword)
		creds := engine.Credentials{Username: "alice", Password: fakePassword, Flow: transport.FlowAdminUserPassword}
		l, err := engine.Start(ctx, fe.config(), creds)
		must(t, err)
		need, ok := l.Need().(states.NeedTOTPSetup)
		if !ok || need.Secret == "" {
			t.Fatalf("need %#v", l.Need())
		}
		l = fe.resume(l)
		must(t, l.Submit(ctx, engine.TOTPSetupCode{Code: fe.totp(need.Secret)}))
		fe.wantPath("Init>MFASetup>Done")

		fe.clock.Advance(30 * time.Second)
		l, err = engine.Start(ctx, fe.config(), creds)
		must(t, err)
		if l.Need() != (states.NeedMFACode{Medium: "SOFTWARE_TOKEN"}) {
			t.Fatalf("need %#v", l.Need())
		}
		must(t, l.Submit(ctx, engine.MFACode(fe.totp(need.Secret))))
		fe.wantPath("Init>SoftwareTokenMFA>Done")

		_, err = fe.f.AdminUpdateUserAttributes(ctx, &transport.AdminUpdateUserAttributesInput{UserPoolID: fe.pool.ID, Username: "alice",
			UserAttributes: []transport.AttributeType{transport.Attr("phone_number", "+15555550100"), transport.Attr("phone_number_verified", "true")}})
		must(t, err)
		fe.preference("alice", transport.AdminSetUserMFAPreferenceInput{
			SMSMfaSettings:           &transport.MFASettings{Enabled: true},
			SoftwareTokenMfaSettings: &transport.MFASettings{Enabled: true},
		})
		l, err = engine.Start(ctx, fe.config(), creds)
		must(t, err)
		if _, ok := l.Need().(states.NeedMFAChoice); !ok {
			t.Fatalf("need %#v", l.Need())
		}
		l = fe.resume(l)
		must(t, l.Submit(ctx, engine.MFAChoice("SMS_MFA")))
		must(t, l.Submit(ctx, fe.code("alice")))
		res, err := l.Result()
		must(t, err)
		fe.verifyTokens(res)
		fe.wantPath("Init>SelectMFAType>SMSMFA>Done")
	})

	t.Run("e-mail OTP", func(t *testing.T) {
		fe := newFakeEnv(t, seen, transport.CreateUserPoolInput{})
		fe.adminClient(true)
		fe.mfaConfig(transport.MFAOptional, false, false, true)
		fe.f.MustCreateUser(fe.pool.ID, "alice", fakePassword, transport.Attr("email", "alice@example.com"))
		fe.preference("alice", transport.AdminSetUserMFAPreferenceInput{EmailMfaSettings: &transport.MFASettings{Enabled: true, PreferredMfa: true}})
		l, err := engine.Start(ctx, fe.config(), engine.Credentials{Username: "alice", Password: fakePassword, Flow: transport.FlowAdminNoSRP})
		must(t, err)
		if n, ok := l.Need().(states.NeedMFACode); !ok || n.Medium != "EMAIL" {
			t.Fatalf("need %#v", l.Need())
		}
		must(t, l.Submit(ctx, fe.code("alice")))
		fe.wantPath("Init>EmailOTP>Done")
	})

	t.Run("remembered device skips MFA", func(t *testing.T) {
		fe := newFakeEnv(t, seen, transport.CreateUserPoolInput{PoolSettings: transport.PoolSettings{
			DeviceConfiguration: &transport.DeviceConfiguration{ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: true},
		}})
		fe.adminClient(true)
		fe.mfaConfig(transport.MFAOn, true, false, false)
		fe.f.MustCreateUser(fe.pool.ID, "alice", fakePassword, transport.Attr("phone_number", "+15555550100"))
		cfg := fe.config()
		cfg.RememberDevice = true
		creds := engine.Credentials{Username: "alice", Password: fakePassword, Flow: transport.FlowAdminUserPassword}
		l, err := engine.Start(ctx, cfg, creds)
		must(t, err)
		must(t, l.Submit(ctx, fe.code("alice")))
		res, err := l.Result()
		must(t, err)
		if res.DeviceErr != nil || res.NewDevice == nil || !res.DeviceRemembered {
			t.Fatalf("device not confirmed: %v", res)
		}
		fe.wantPath("Init>SMSMFA>Done")

		creds.Device = res.NewDevice
		res, err = engine.Authenticate(ctx, fe.config(), creds)
		must(t, err)
		fe.verifyTokens(res)
		fe.wantPath("Init>DeviceSRP>DevicePasswordVerifier>Done")
	})

	t.Run("SMS MFA resumed keeps the admin calls", func(t *testing.T) {
		fe := newFakeEnv(t, seen, transport.CreateUserPoolInput{})
		fe.adminClient(true)
		fe.mfaConfig(transport.MFAOn, true, false, false)
		fe.f.MustCreateUser(fe.pool.ID, "alice", fakePassword, transport.Attr("phone_number", "+15555550100"))
		// The first process finds the admin calls on the Fake itself.
		l, err := engine.Start(ctx, fe.config(), engine.Credentials{Username: "alice", Password: fakePassword, Flow: transport.FlowAdminUserPassword})
		must(t, err)
		if l.State() != states.SMSMFA || l.Snapshot().Flow != transport.FlowAdminUserPassword {
			t.Fatalf("state %s, snapshot flow %q", l.State(), l.Snapshot().Flow)
		}
		// The second wraps its transports, so that the admin calls come
		// from Config.Admin; the public recorder must see nothing.
		public := &recorder{f: fe.f}
		admin := &adminRecorder{recorder{f: fe.f}}
		snap := fe.resume(l).Snapshot()
		cfg := fe.config()
		cfg.Transport, cfg.Admin = public, admin
		l2, err := engine.Resume(cfg, snap)
		must(t, err)
		must(t, l2.Submit(ctx, fe.code("alice")))
		res, err := l2.Result()
		must(t, err)
		fe.verifyTokens(res)
		if got := public.calls(); len(got) != 0 {
			t.Errorf("public calls %v", got)
		}
		if got, want := admin.calls(), []string{"AdminRespondToAuthChallenge SMS_MFA"}; !slices.Equal(got, want) {
			t.Errorf("admin calls %v, want %v", got, want)
		}
		fe.wantPath("Init>SMSMFA>Done")

		// Without an Admin the snapshot is refused, not answered publicly.
		_, err = engine.Resume(fe.configWith(public), snap)
		mustErr(t, err, engine.ErrInvalidInput)
	})

	t.Run("Config.Admin serves a wrapped transport", func(t *testing.T) {
		fe := newFakeEnv(t, seen, transport.CreateUserPoolInput{})
		fe.adminClient(true)
		fe.f.MustCreateUser(fe.pool.ID, "alice", fakePassword)
		public := &recorder{f: fe.f}
		creds := engine.Credentials{Username: "alice", Password: fakePassword, Flow: transport.FlowAdminNoSRP}
		_, err := engine.Start(ctx, fe.configWith(public), creds)
		mustErr(t, err, engine.ErrInvalidInput)

		admin := &adminRecorder{recorder{f: fe.f}}
		cfg := fe.configWith(public)
		cfg.Admin = admin
		res, err := engine.Authenticate(ctx, cfg, creds)
		must(t, err)
		fe.verifyTokens(res)
		if got, want := admin.calls(), []string{"AdminInitiateAuth ADMIN_NO_SRP_AUTH"}; !slices.Equal(got, want) || len(public.calls()) != 0 {
			t.Errorf("admin calls %v, public calls %v", got, public.calls())
		}
		fe.takePath()
	})

	// The admin flows send the password itself: every state but the SRP
	// password step, custom challenges and choice-based sign-in's first
	// factors is reachable after them.
	userAuthOnly := []states.State{states.SelectChallenge, states.SignInEmailCode, states.SignInSMSCode, states.WebAuthn}
	for _, st := range states.All() {
		if !seen.seen[st] && st != states.PasswordVerifier && st != states.CustomChallenge && !slices.Contains(userAuthOnly, st) {
			t.Errorf("no admin scenario reaches %s", st)
		}
	}
}

// configWith is fe.config with another Transport.
func (fe *fakeEnv) configWith(tr transport.Authenticator) engine.Config {
	cfg := fe.config()
	cfg.Transport = tr
	return cfg
}

// A trusted server logs a user in with ADMIN_USER_PASSWORD_AUTH, as
// pycognito's admin_authenticate does. Against real Cognito the transport
// signs these calls with IAM credentials (awssdk.New with an AWS config).
func ExampleStart_admin() {
	f := fakecognito.New(fakecognito.Options{})
	pool := f.MustCreatePool(transport.CreateUserPoolInput{PoolName: "example"})
	client := f.MustCreateClient(transport.CreateUserPoolClientInput{UserPoolID: pool.ID, GenerateSecret: true,
		ClientSettings: transport.ClientSettings{ClientName: "backend", ExplicitAuthFlows: []string{transport.AllowAdminUserPassword, transport.AllowRefreshTokenAuth}}})
	_, _ = f.SetUserPoolMfaConfig(context.Background(), &transport.UserPoolMfaConfig{UserPoolID: pool.ID,
		MfaConfiguration: transport.MFAOn, SmsMfaConfiguration: &transport.SmsMfaConfig{}})
	f.MustCreateUser(pool.ID, "alice", "Correct-Horse-1", transport.Attr("phone_number", "+15555550100"))

	// The Fake implements transport.AdminAuthenticator, so Config.Admin may
	// stay nil; set it when Transport is a wrapper that hides it.
	cfg := engine.Config{PoolID: pool.ID, ClientID: client.ClientID, ClientSecret: client.ClientSecret, Transport: f}
	ctx := context.Background()
	login, err := engine.Start(ctx, cfg, engine.Credentials{Username: "alice", Password: "Correct-Horse-1", Flow: transport.FlowAdminUserPassword})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("needs", login.State())
	if err := login.Submit(ctx, engine.MFACode(f.Outbox().LastCode("alice"))); err != nil {
		fmt.Println(err)
		return
	}
	res, err := login.Result()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("logged in as", res.Username, "with a", res.Tokens.TokenType, "token")
	// Output:
	// needs SMSMFA
	// logged in as alice with a Bearer token
}
