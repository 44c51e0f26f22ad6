package conformance

import (
	"strings"
	"testing"

	"github.com/gocognito/gocognito/engine"
	"github.com/gocognito/gocognito/srp"
	"github.com/gocognito/gocognito/transport"
)

// The order of challenges: a new password, then MFA unless a remembered
// device spares it, then custom rounds, and last DEVICE_SRP_AUTH →
// DEVICE_PASSWORD_VERIFIER (docs/fake-server.md, "The order of challenges").

// orderPool creates a pool that tracks devices and asks for MFA only on new
// ones; with onPrompt it remembers a device only when the user says so
// (a confirmed device stays not_remembered), with totp it offers optional
// authenticator-app MFA.
func orderPool(t *testing.T, tg Target, onPrompt, totp bool) *fixture {
	t.Helper()
	fx := setup(t, tg, poolSpec{pool: transport.CreateUserPoolInput{PoolSettings: transport.PoolSettings{
		DeviceConfiguration: &transport.DeviceConfiguration{ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: onPrompt},
	}}})
	if totp {
		if _, err := tg.Cognito.SetUserPoolMfaConfig(fx.ctx, &transport.UserPoolMfaConfig{UserPoolID: fx.poolID, MfaConfiguration: transport.MFAOptional,
			SoftwareTokenMfaConfiguration: &transport.SoftwareTokenMfaConfig{Enabled: true}}); err != nil {
			t.Fatalf("SetUserPoolMfaConfig: %v", err)
		}
	}
	return fx
}

// pathRecorder keeps the states a login passes through.
type pathRecorder struct{ states []string }

func (r *pathRecorder) observe(tr engine.Transition) {
	if len(r.states) == 0 {
		r.states = append(r.states, string(tr.From))
	}
	r.states = append(r.states, string(tr.To))
}

// take returns the path so far, as "Init>PasswordVerifier>...", and starts
// a new one.
func (r *pathRecorder) take() string {
	p := strings.Join(r.states, ">")
	r.states = nil
	return p
}

// start begins a login that records its path; answers are submitted in
// turn, each built when its turn comes (a TOTP code must be fresh).
func (fx *fixture) start(c engine.Credentials, answers ...func() engine.Answer) (*engine.Result, string) {
	fx.t.Helper()
	rec := &pathRecorder{}
	cfg := fx.config()
	cfg.Observe = rec.observe
	l, err := engine.Start(fx.ctx, cfg, c)
	if err != nil {
		fx.t.Fatalf("login as %s: %v (path %s)", c.Username, err, rec.take())
	}
	for _, a := range answers {
		if err := l.Submit(fx.ctx, a()); err != nil {
			fx.t.Fatalf("login as %s: %v (path %s)", c.Username, err, rec.take())
		}
	}
	return finish(fx.t, fx, l), rec.take()
}

// totpAnswer answers an authenticator-app challenge with a fresh code.
func (fx *fixture) totpAnswer(secret string) func() engine.Answer {
	return func() engine.Answer { return engine.MFACode(fx.totp(secret)) }
}

// firstDevice signs name in without a device (answering TOTP when secret is
// set) and returns the device the engine confirmed and the login's result.
func (fx *fixture) firstDevice(name, password, secret string) (*engine.DeviceCredentials, *engine.Result) {
	fx.t.Helper()
	var answers []func() engine.Answer
	if secret != "" {
		answers = append(answers, fx.totpAnswer(secret))
	}
	res, _ := fx.start(engine.Credentials{Username: name, Password: password}, answers...)
	if res.NewDevice == nil || res.DeviceErr != nil {
		fx.t.Fatalf("no device confirmed: %v", res.DeviceErr)
	}
	return res.NewDevice, res
}

// deviceCount returns how many devices ListDevices shows the token's user.
func (fx *fixture) deviceCount(accessToken string) int {
	fx.t.Helper()
	out, err := fx.tg.Cognito.ListDevices(fx.ctx, &transport.ListDevicesInput{AccessToken: accessToken, Limit: 60})
	if err != nil {
		fx.t.Fatalf("ListDevices: %v", err)
	}
	return len(out.Devices)
}

// sameDevice fails unless a login ended on dev, without a new device.
func (fx *fixture) sameDevice(res *engine.Result, dev *engine.DeviceCredentials) {
	fx.t.Helper()
	_, access := fx.checkTokens(res.Tokens)
	if res.NewDevice != nil || res.Tokens.NewDeviceMetadata != nil {
		fx.t.Errorf("a known device came back as new: %v", res.Tokens.NewDeviceMetadata)
	}
	if access.DeviceKey != dev.Key || res.DeviceKey != dev.Key {
		fx.t.Errorf("access token device_key %q, Result.DeviceKey %q; want %q", access.DeviceKey, res.DeviceKey, dev.Key)
	}
}

const (
	pathDeviceAfterPassword = "Init>PasswordVerifier>DeviceSRP>DevicePasswordVerifier>Done"
	pathDeviceAfterTOTP     = "Init>PasswordVerifier>SoftwareTokenMFA>DeviceSRP>DevicePasswordVerifier>Done"
)

var orderScenarios = []Scenario{
	{Name: "order: not remembered device faces MFA, then device SRP, and keeps its key", Needs: NeedPool | NeedClock, Run: func(t *testing.T, tg Target) {
		fx := orderPool(t, tg, true, true)
		secret := fx.totpUser("nora", mfaPassword, true)
		dev, first := fx.firstDevice("nora", mfaPassword, secret)
		if first.DeviceRemembered {
			t.Fatal("the pool remembers devices only on the user's say-so, yet this one is remembered")
		}
		before := fx.deviceCount(first.Tokens.AccessToken)
		for range 2 {
			res, path := fx.start(engine.Credentials{Username: "nora", Password: mfaPassword, Device: dev}, fx.totpAnswer(secret))
			if path != pathDeviceAfterTOTP {
				t.Fatalf("path %s, want %s", path, pathDeviceAfterTOTP)
			}
			fx.sameDevice(res, dev)
		}
		if after := fx.deviceCount(first.Tokens.AccessToken); after != before {
			t.Errorf("%d devices after logging in with a known one, %d before", after, before)
		}
	}},
	{Name: "order: the MFA answer's DEVICE_KEY decides between device SRP and a new device", Needs: NeedPool | NeedClock, Run: func(t *testing.T, tg Target) {
		fx := orderPool(t, tg, true, true)
		secret := fx.totpUser("otto", mfaPassword, true)
		dev, _ := fx.firstDevice("otto", mfaPassword, secret)
		tests := []struct {
			name    string
			withKey bool
		}{{"with DEVICE_KEY", true}, {"without DEVICE_KEY", false}}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				mfa := fx.rawSRP(t, "otto", mfaPassword, dev.Key)
				if mfa.ChallengeName != transport.ChallengeSoftwareTokenMFA {
					t.Fatalf("after PASSWORD_VERIFIER with a device not remembered: %s, want SOFTWARE_TOKEN_MFA", mfa.ChallengeName)
				}
				resp := fx.withSecretHash(map[string]string{"USERNAME": "otto", "SOFTWARE_TOKEN_MFA_CODE": fx.totp(secret)}, "otto")
				if tt.withKey {
					resp["DEVICE_KEY"] = dev.Key
				}
				out, err := tg.Cognito.RespondToAuthChallenge(fx.ctx, &transport.RespondToAuthChallengeInput{
					ClientID: fx.clientID, ChallengeName: transport.ChallengeSoftwareTokenMFA, Session: mfa.Session, ChallengeResponses: resp,
				})
				if err != nil {
					t.Fatal(err)
				}
				if tt.withKey {
					if out.ChallengeName != transport.ChallengeDeviceSRPAuth || out.ChallengeParameters["DEVICE_KEY"] != dev.Key {
						t.Fatalf("challenge %q %v; want DEVICE_SRP_AUTH for %s", out.ChallengeName, out.ChallengeParameters, dev.Key)
					}
					return
				}
				if out.AuthenticationResult == nil {
					t.Fatalf("challenge %q; want tokens", out.ChallengeName)
				}
				_, access := fx.checkTokens(out.AuthenticationResult)
				nd := out.AuthenticationResult.NewDeviceMetadata
				if nd == nil || nd.DeviceKey == dev.Key || access.DeviceKey != nd.DeviceKey {
					t.Fatalf("NewDeviceMetadata %+v, device_key %q; want a new device, not %s", nd, access.DeviceKey, dev.Key)
				}
			})
		}
	}},
	{Name: "order: remembered device spares MFA, device SRP right after the password", Needs: NeedPool | NeedClock, Run: func(t *testing.T, tg Target) {
		fx := orderPool(t, tg, false, true)
		secret := fx.totpUser("pia", mfaPassword, true)
		dev, first := fx.firstDevice("pia", mfaPassword, secret)
		if !first.DeviceRemembered {
			t.Fatal("the pool remembers every device, yet this one is not remembered")
		}
		res, path := fx.start(engine.Credentials{Username: "pia", Password: mfaPassword, Device: dev})
		if path != pathDeviceAfterPassword {
			t.Fatalf("path %s, want %s", path, pathDeviceAfterPassword)
		}
		fx.sameDevice(res, dev)
	}},
	{Name: "order: without MFA, device SRP right after the password", Needs: NeedPool, Run: func(t *testing.T, tg Target) {
		tests := []struct {
			name     string
			onPrompt bool
		}{{"remembered device", false}, {"device not remembered", true}}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				fx := orderPool(t, tg, tt.onPrompt, false)
				fx.user("quin", mfaPassword)
				dev, _ := fx.firstDevice("quin", mfaPassword, "")
				res, path := fx.start(engine.Credentials{Username: "quin", Password: mfaPassword, Device: dev})
				if path != pathDeviceAfterPassword {
					t.Fatalf("path %s, want %s", path, pathDeviceAfterPassword)
				}
				fx.sameDevice(res, dev)
			})
		}
	}},
	{Name: "order: new password, then MFA, then device SRP", Needs: NeedPool | NeedClock, Run: func(t *testing.T, tg Target) {
		fx := orderPool(t, tg, true, true)
		secret := fx.totpUser("rosa", mfaPassword, true)
		dev, _ := fx.firstDevice("rosa", mfaPassword, secret)
		const temp, final = "Temp0rary-Pass!", "Fin4l-Password!"
		if _, err := tg.Cognito.AdminSetUserPassword(fx.ctx, &transport.AdminSetUserPasswordInput{UserPoolID: fx.poolID, Username: "rosa", Password: temp}); err != nil {
			t.Fatal(err)
		}
		res, path := fx.start(engine.Credentials{Username: "rosa", Password: temp, Device: dev},
			func() engine.Answer { return engine.NewPassword{Password: final} }, fx.totpAnswer(secret))
		if want := "Init>PasswordVerifier>NewPasswordRequired>SoftwareTokenMFA>DeviceSRP>DevicePasswordVerifier>Done"; path != want {
			t.Fatalf("path %s, want %s", path, want)
		}
		fx.sameDevice(res, dev)
	}},
	{Name: "order: custom auth, then device SRP", Needs: NeedPool | NeedFake, Run: func(t *testing.T, tg Target) {
		fx := orderPool(t, tg, true, false)
		fx.user("sven", mfaPassword)
		dev, _ := fx.firstDevice("sven", mfaPassword, "")
		installQuiz(t, tg.Fake, fx.poolID, false)
		res, path := fx.start(engine.Credentials{Username: "sven", Flow: transport.FlowCustom, Device: dev},
			func() engine.Answer { return engine.CustomAnswer("4") })
		if want := "Init>CustomChallenge>DeviceSRP>DevicePasswordVerifier>Done"; path != want {
			t.Fatalf("path %s, want %s", path, want)
		}
		fx.sameDevice(res, dev)
	}},
}

// withSecretHash adds SECRET_HASH over name when the client has a secret.
func (fx *fixture) withSecretHash(m map[string]string, name string) map[string]string {
	if fx.secret != "" {
		m["SECRET_HASH"] = srp.SecretHash(name, fx.clientID, fx.secret)
	}
	return m
}

// rawSRP runs USER_SRP_AUTH and PASSWORD_VERIFIER by hand, with DEVICE_KEY
// on both, and returns what follows the password: for scenarios about what
// a client other than the engine sends next.
func (fx *fixture) rawSRP(t *testing.T, name, password, deviceKey string) *transport.ChallengeOutput {
	t.Helper()
	c, err := srp.NewClient(nil)
	if err != nil {
		t.Fatal(err)
	}
	out, err := fx.initiate(transport.FlowUserSRP, fx.withSecretHash(map[string]string{"USERNAME": name, "SRP_A": c.SRPA(), "DEVICE_KEY": deviceKey}, name))
	if err != nil {
		t.Fatal(err)
	}
	p := out.ChallengeParameters
	pool, err := srp.PoolName(fx.poolID)
	if err != nil {
		t.Fatal(err)
	}
	ts := srp.FormatTimestamp(fx.tg.now())
	sig, err := c.PasswordSignature(pool, p["USER_ID_FOR_SRP"], password, p["SALT"], p["SRP_B"], p["SECRET_BLOCK"], ts)
	if err != nil {
		t.Fatal(err)
	}
	next, err := fx.tg.Cognito.RespondToAuthChallenge(fx.ctx, &transport.RespondToAuthChallengeInput{
		ClientID: fx.clientID, ChallengeName: transport.ChallengePasswordVerifier, Session: out.Session,
		ChallengeResponses: fx.withSecretHash(map[string]string{"USERNAME": p["USER_ID_FOR_SRP"], "PASSWORD_CLAIM_SECRET_BLOCK": p["SECRET_BLOCK"],
			"PASSWORD_CLAIM_SIGNATURE": sig, "TIMESTAMP": ts, "DEVICE_KEY": deviceKey}, p["USER_ID_FOR_SRP"]),
	})
	if err != nil {
		t.Fatal(err)
	}
	return next
}
