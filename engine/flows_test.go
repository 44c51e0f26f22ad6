package engine_test

import (
	"context"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/gocognito/gocognito/engine"
	"github.com/gocognito/gocognito/srp"
	"github.com/gocognito/gocognito/states"
	"github.com/gocognito/gocognito/transport"
)

const (
	typed  = "alice@example.com" // the alias the user types
	userID = "8f0c3b2a-alice"    // the name Cognito knows her by
	pw     = "correct horse battery staple"
)

func TestSRPLogin(t *testing.T) {
	for _, secret := range []string{testSecret, ""} {
		t.Run("secret="+secret, func(t *testing.T) {
			e := newEnv(t)
			e.secret = secret
			s := newScript(t,
				e.initiateSRP(transport.FlowUserSRP, typed, "", userID, pw),
				e.passwordVerifier(userID, "", tokens(nil)),
			)
			l, err := engine.Start(context.Background(), e.config(s), engine.Credentials{Username: typed, Password: pw})
			must(t, err)
			s.done()
			if l.State() != states.Done || l.Need() != (states.NeedNothing{}) {
				t.Fatalf("state %s need %#v", l.State(), l.Need())
			}
			res, err := l.Result()
			must(t, err)
			if res.Username != userID || res.Tokens.AccessToken != "access-token" || res.NewDevice != nil || res.DeviceErr != nil {
				t.Fatalf("result %v", res)
			}
			if got := e.path(); got != "Init>PasswordVerifier>Done" {
				t.Fatalf("path %s", got)
			}
			for _, tr := range e.observed {
				if !tr.At.Equal(e.clock.Now()) || tr.Err != nil {
					t.Errorf("transition %+v", tr)
				}
			}
			mustErr(t, l.Submit(context.Background(), engine.MFACode("1")), engine.ErrLoginOver)
		})
	}
}

func TestWrongPasswordFails(t *testing.T) {
	e := newEnv(t)
	s := newScript(t,
		e.initiateSRP(transport.FlowUserSRP, typed, "", userID, pw),
		e.passwordVerifier(userID, "", tokens(nil)),
	)
	l, err := engine.Start(context.Background(), e.config(s), engine.Credentials{Username: typed, Password: "wrong"})
	mustErr(t, err, transport.ErrNotAuthorized)
	if l != nil {
		t.Fatal("Start returned a login with its error")
	}
	s.done()
	if got := e.path(); got != "Init>PasswordVerifier>Failed" {
		t.Fatalf("path %s", got)
	}
	if last := e.observed[len(e.observed)-1]; last.Event != states.EventFail || !errors.Is(last.Err, transport.ErrNotAuthorized) {
		t.Fatalf("last transition %+v", last)
	}
}

func TestMFACodes(t *testing.T) {
	tests := []struct {
		challenge string
		params    map[string]string
		state     states.State
		need      states.Need
		key       string
	}{
		{"SMS_MFA", map[string]string{"CODE_DELIVERY_DELIVERY_MEDIUM": "SMS", "CODE_DELIVERY_DESTINATION": "+*******1234", "USER_ID_FOR_SRP": userID},
			states.SMSMFA, states.NeedMFACode{Medium: "SMS", Destination: "+*******1234"}, "SMS_MFA_CODE"},
		{"EMAIL_OTP", map[string]string{"CODE_DELIVERY_DELIVERY_MEDIUM": "EMAIL", "CODE_DELIVERY_DESTINATION": "a***@e***", "USER_ID_FOR_SRP": userID},
			states.EmailOTP, states.NeedMFACode{Medium: "EMAIL", Destination: "a***@e***"}, "EMAIL_OTP_CODE"},
		{"SOFTWARE_TOKEN_MFA", map[string]string{"USER_ID_FOR_SRP": userID},
			states.SoftwareTokenMFA, states.NeedMFACode{Medium: "SOFTWARE_TOKEN"}, "SOFTWARE_TOKEN_MFA_CODE"},
	}
	for _, tc := range tests {
		t.Run(tc.challenge, func(t *testing.T) {
			e := newEnv(t)
			s := newScript(t,
				e.initiateSRP(transport.FlowUserSRP, typed, "", userID, pw),
				e.passwordVerifier(userID, "", challenge(tc.challenge, "S1", tc.params)),
				e.respond(tc.challenge, "S1", userID, map[string]string{tc.key: "000000"},
					fails(transport.NewError("CodeMismatchException", "Invalid code received for user"))),
				e.respond(tc.challenge, "S1", userID, map[string]string{tc.key: "123456"}, tokens(nil)),
			)
			ctx := context.Background()
			l, err := engine.Start(ctx, e.config(s), engine.Credentials{Username: typed, Password: pw})
			must(t, err)
			if l.State() != tc.state {
				t.Fatalf("state %s, want %s", l.State(), tc.state)
			}
			if diff := cmp.Diff(tc.need, l.Need()); diff != "" {
				t.Fatalf("need (-want +got):\n%s", diff)
			}
			mustErr(t, l.Submit(ctx, engine.MFACode("000000")), transport.ErrCodeMismatch)
			if l.State() != tc.state {
				t.Fatalf("a wrong code moved the login to %s", l.State())
			}
			must(t, l.Submit(ctx, engine.MFACode("123456")))
			s.done()
			if got, want := e.path(), "Init>PasswordVerifier>"+string(tc.state)+">Done"; got != want {
				t.Fatalf("path %s, want %s", got, want)
			}
		})
	}
}

func TestSelectMFAType(t *testing.T) {
	e := newEnv(t)
	s := newScript(t,
		e.initiateSRP(transport.FlowUserSRP, typed, "", userID, pw),
		e.passwordVerifier(userID, "", challenge("SELECT_MFA_TYPE", "S1", map[string]string{
			"MFAS_CAN_CHOOSE": `["SMS_MFA","SOFTWARE_TOKEN_MFA"]`, "USER_ID_FOR_SRP": userID,
		})),
		e.respond("SELECT_MFA_TYPE", "S1", userID, map[string]string{"ANSWER": "SOFTWARE_TOKEN_MFA"},
			challenge("SOFTWARE_TOKEN_MFA", "S2", map[string]string{"USER_ID_FOR_SRP": userID})),
		e.respond("SOFTWARE_TOKEN_MFA", "S2", userID, map[string]string{"SOFTWARE_TOKEN_MFA_CODE": "654321"}, tokens(nil)),
	)
	ctx := context.Background()
	l, err := engine.Start(ctx, e.config(s), engine.Credentials{Username: typed, Password: pw})
	must(t, err)
	if diff := cmp.Diff(states.NeedMFAChoice{Options: []string{"SMS_MFA", "SOFTWARE_TOKEN_MFA"}}, l.Need()); diff != "" {
		t.Fatal(diff)
	}
	mustErr(t, l.Submit(ctx, engine.MFAChoice("EMAIL_OTP")), engine.ErrWrongAnswer)
	must(t, l.Submit(ctx, engine.MFAChoice("SOFTWARE_TOKEN_MFA")))
	if l.State() != states.SoftwareTokenMFA {
		t.Fatalf("state %s", l.State())
	}
	must(t, l.Submit(ctx, engine.MFACode("654321")))
	s.done()
	if got := e.path(); got != "Init>PasswordVerifier>SelectMFAType>SoftwareTokenMFA>Done" {
		t.Fatalf("path %s", got)
	}
}

func TestMFASetup(t *testing.T) {
	e := newEnv(t)
	const secret = "JBSWY3DPEHPK3PXP"
	s := newScript(t,
		e.initiateSRP(transport.FlowUserSRP, typed, "", userID, pw),
		e.passwordVerifier(userID, "", challenge("MFA_SETUP", "S1", map[string]string{
			"MFAS_CAN_SETUP": `["SMS_MFA","SOFTWARE_TOKEN_MFA"]`, "USER_ID_FOR_SRP": userID,
		})),
		step{op: "AssociateSoftwareToken",
			check: func(t *testing.T, in any) {
				if got := in.(*transport.AssociateSoftwareTokenInput); got.Session != "S1" || got.AccessToken != "" {
					t.Errorf("AssociateSoftwareToken %+v", got)
				}
			},
			reply: func(context.Context, any) (any, error) {
				return &transport.AssociateSoftwareTokenOutput{SecretCode: secret, Session: "S2"}, nil
			}},
		step{op: "VerifySoftwareToken",
			check: func(t *testing.T, in any) {
				got := in.(*transport.VerifySoftwareTokenInput)
				if got.Session != "S2" || got.UserCode != "000000" {
					t.Errorf("VerifySoftwareToken %+v", got)
				}
			},
			reply: fails(transport.NewError("EnableSoftwareTokenMFAException", "Code mismatch"))},
		step{op: "VerifySoftwareToken",
			reply: func(context.Context, any) (any, error) {
				return &transport.VerifySoftwareTokenOutput{Status: "ERROR"}, nil
			}},
		step{op: "VerifySoftwareToken",
			check: func(t *testing.T, in any) {
				got := in.(*transport.VerifySoftwareTokenInput)
				if got.Session != "S2" || got.UserCode != "111111" || got.FriendlyDeviceName != "phone" {
					t.Errorf("VerifySoftwareToken %+v", got)
				}
			},
			reply: func(context.Context, any) (any, error) {
				return &transport.VerifySoftwareTokenOutput{Status: "SUCCESS", Session: "S3"}, nil
			}},
		e.respond("MFA_SETUP", "S3", userID, nil, tokens(nil)),
	)
	ctx := context.Background()
	cfg := e.config(s)
	cfg.TOTPIssuer = "Example: Corp" // a colon and a space, escaped in the label and the query
	l, err := engine.Start(ctx, cfg, engine.Credentials{Username: typed, Password: pw})
	must(t, err)
	want := states.NeedTOTPSetup{Secret: secret,
		URI: "otpauth://totp/Example%3A%20Corp:alice@example.com?secret=" + secret + "&issuer=Example%3A%20Corp"}
	if diff := cmp.Diff(want, l.Need()); diff != "" {
		t.Fatal(diff)
	}
	snap := l.Snapshot()
	if n, ok := snap.Need.Need.(states.NeedTOTPSetup); !ok || n.Secret != "" || n.URI != "" {
		t.Fatalf("snapshot keeps the TOTP secret: %#v", snap.Need.Need)
	}
	mustErr(t, l.Submit(ctx, engine.TOTPSetupCode{Code: "000000"}), engine.ErrTOTPRejected, transport.ErrEnableSoftwareTokenMFA)
	mustErr(t, l.Submit(ctx, engine.TOTPSetupCode{Code: "222222"}), engine.ErrTOTPRejected)
	if l.State() != states.MFASetup {
		t.Fatalf("state %s", l.State())
	}
	must(t, l.Submit(ctx, engine.TOTPSetupCode{Code: "111111", FriendlyName: "phone"}))
	s.done()
	if got := e.path(); got != "Init>PasswordVerifier>MFASetup>Done" {
		t.Fatalf("path %s", got)
	}
}

func TestMFASetupUnsupported(t *testing.T) {
	tests := []struct {
		name      string
		authOnly  bool
		canSetup  string
		wantCalls int
	}{
		{"transport without MFASetup", true, `["SOFTWARE_TOKEN_MFA"]`, 2},
		{"only sms offered", false, `["SMS_MFA"]`, 2},
		{"totp offered, transport without MFASetup", true, `["SMS_MFA","SOFTWARE_TOKEN_MFA"]`, 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t)
			s := newScript(t,
				e.initiateSRP(transport.FlowUserSRP, typed, "", userID, pw),
				e.passwordVerifier(userID, "", challenge("MFA_SETUP", "S1", map[string]string{"MFAS_CAN_SETUP": tc.canSetup})),
			)
			var tr transport.Authenticator = s
			if tc.authOnly {
				tr = authOnly{s}
			}
			_, err := engine.Start(context.Background(), e.config(tr), engine.Credentials{Username: typed, Password: pw})
			mustErr(t, err, engine.ErrUnsupportedChallenge)
			s.done()
			if got := e.path(); got != "Init>PasswordVerifier>Failed" {
				t.Fatalf("path %s", got)
			}
		})
	}
}

func TestNewPasswordRequired(t *testing.T) {
	e := newEnv(t)
	s := newScript(t,
		e.initiateSRP(transport.FlowUserSRP, typed, "", userID, "temporary"),
		e.passwordVerifier(userID, "", challenge("NEW_PASSWORD_REQUIRED", "S1", map[string]string{
			"requiredAttributes": `["userAttributes.name"]`,
			"userAttributes":     `{"email":"alice@example.com","email_verified":"true"}`,
			"USER_ID_FOR_SRP":    userID,
		})),
		e.respond("NEW_PASSWORD_REQUIRED", "S1", userID, map[string]string{
			"NEW_PASSWORD": "a new password 1!", "userAttributes.name": "Alice", "userAttributes.locale": "fr",
		}, fails(transport.NewError("InvalidPasswordException", "Password does not conform to policy"))),
		e.respond("NEW_PASSWORD_REQUIRED", "S1", userID, map[string]string{
			"NEW_PASSWORD": "a better password 2!", "userAttributes.name": "Alice",
		}, tokens(nil)),
	)
	ctx := context.Background()
	l, err := engine.Start(ctx, e.config(s), engine.Credentials{Username: typed, Password: "temporary"})
	must(t, err)
	want := states.NeedNewPassword{Required: []string{"name"}, Attributes: map[string]string{"email": "alice@example.com", "email_verified": "true"}}
	if diff := cmp.Diff(want, l.Need()); diff != "" {
		t.Fatal(diff)
	}
	mustErr(t, l.Submit(ctx, engine.NewPassword{Password: "x"}), engine.ErrMissingAttributes)
	mustErr(t, l.Submit(ctx, engine.NewPassword{Password: "a new password 1!",
		Attributes: map[string]string{"name": "Alice", "userAttributes.locale": "fr"}}), transport.ErrInvalidPassword)
	must(t, l.Submit(ctx, engine.NewPassword{Password: "a better password 2!", Attributes: map[string]string{"name": "Alice"}}))
	s.done()
	if got := e.path(); got != "Init>PasswordVerifier>NewPasswordRequired>Done" {
		t.Fatalf("path %s", got)
	}
}

func TestCustomAuth(t *testing.T) {
	t.Run("passwordless", func(t *testing.T) {
		e := newEnv(t)
		s := newScript(t,
			step{op: "InitiateAuth",
				check: func(t *testing.T, in any) {
					req := in.(*transport.InitiateAuthInput)
					if req.AuthFlow != "CUSTOM_AUTH" || req.ClientMetadata["app"] != "web" {
						t.Errorf("InitiateAuth %v metadata %v", req, req.ClientMetadata)
					}
					expect(t, "InitiateAuth", req.AuthParameters, map[string]string{"USERNAME": typed, "SECRET_HASH": e.hash(typed), "SRP_A": "", "CHALLENGE_NAME": ""})
				},
				reply: challenge("CUSTOM_CHALLENGE", "S1", map[string]string{"USERNAME": userID, "question": "first?"})},
			e.respond("CUSTOM_CHALLENGE", "S1", userID, map[string]string{"ANSWER": "one"},
				challenge("CUSTOM_CHALLENGE", "S2", map[string]string{"USERNAME": userID, "question": "second?"})),
			e.respond("CUSTOM_CHALLENGE", "S2", userID, map[string]string{"ANSWER": "two"}, tokens(nil)),
		)
		ctx := context.Background()
		l, err := engine.Start(ctx, e.config(s), engine.Credentials{Username: typed, Flow: transport.FlowCustom, ClientMetadata: map[string]string{"app": "web"}})
		must(t, err)
		if diff := cmp.Diff(states.NeedCustomAnswer{Params: map[string]string{"USERNAME": userID, "question": "first?"}}, l.Need()); diff != "" {
			t.Fatal(diff)
		}
		must(t, l.Submit(ctx, engine.CustomAnswer("one")))
		if n := l.Need().(states.NeedCustomAnswer); n.Params["question"] != "second?" {
			t.Fatalf("need %v", n)
		}
		must(t, l.Submit(ctx, engine.CustomAnswer("two")))
		s.done()
		if got := e.path(); got != "Init>CustomChallenge>CustomChallenge>Done" {
			t.Fatalf("path %s", got)
		}
	})
	t.Run("SRP first", func(t *testing.T) {
		e := newEnv(t)
		s := newScript(t,
			e.initiateSRP(transport.FlowCustom, typed, "", userID, pw),
			e.passwordVerifier(userID, "", challenge("CUSTOM_CHALLENGE", "S1", map[string]string{"USERNAME": userID})),
			e.respond("CUSTOM_CHALLENGE", "S1", userID, map[string]string{"ANSWER": "42"}, tokens(nil)),
		)
		ctx := context.Background()
		l, err := engine.Start(ctx, e.config(s), engine.Credentials{Username: typed, Password: pw, Flow: transport.FlowCustom})
		must(t, err)
		must(t, l.Submit(ctx, engine.CustomAnswer("42")))
		s.done()
		if got := e.path(); got != "Init>PasswordVerifier>CustomChallenge>Done" {
			t.Fatalf("path %s", got)
		}
	})
}

func TestUserPasswordAuth(t *testing.T) {
	e := newEnv(t)
	s := newScript(t,
		step{op: "InitiateAuth",
			check: func(t *testing.T, in any) {
				req := in.(*transport.InitiateAuthInput)
				if req.AuthFlow != "USER_PASSWORD_AUTH" {
					t.Errorf("flow %s", req.AuthFlow)
				}
				expect(t, "InitiateAuth", req.AuthParameters, map[string]string{"USERNAME": typed, "PASSWORD": pw, "SECRET_HASH": e.hash(typed), "SRP_A": "", "DEVICE_KEY": "dk"})
			},
			reply: challenge("SMS_MFA", "S1", map[string]string{"USER_ID_FOR_SRP": userID})},
		e.respond("SMS_MFA", "S1", userID, map[string]string{"SMS_MFA_CODE": "1"}, tokens(nil)),
	)
	ctx := context.Background()
	l, err := engine.Start(ctx, e.config(s), engine.Credentials{Username: typed, Password: pw, Flow: transport.FlowUserPassword,
		Device: &engine.DeviceCredentials{Key: "dk", GroupKey: "gk", Password: "dp"}})
	must(t, err)
	must(t, l.Submit(ctx, engine.MFACode("1")))
	s.done()
	if got := e.path(); got != "Init>SMSMFA>Done" {
		t.Fatalf("path %s", got)
	}
}

// newDevice makes a device as an earlier login would have: its credentials
// for the client and the verifier Cognito stored at ConfirmDevice.
func (e *env) newDevice(key, group string) *engine.DeviceCredentials {
	e.t.Helper()
	sec, err := srp.NewDeviceSecret(group, key, e.rnd)
	must(e.t, err)
	e.deviceVerifier, err = srp.DeviceVerifierFromConfig(sec.Salt, sec.PasswordVerifier)
	must(e.t, err)
	return &engine.DeviceCredentials{Key: key, GroupKey: group, Password: sec.Password}
}

func TestDeviceSRP(t *testing.T) {
	const key, group = "us-east-1_0a1b2c3d-0000-4000-8000-000000000001", "-grp1"
	for _, wrongPassword := range []bool{false, true} {
		name := map[bool]string{false: "right device password", true: "wrong device password"}[wrongPassword]
		t.Run(name, func(t *testing.T) {
			e := newEnv(t)
			dev := e.newDevice(key, group)
			if wrongPassword {
				dev.Password = "not the device password"
			}
			s := newScript(t,
				e.initiateSRP(transport.FlowUserSRP, typed, key, userID, pw),
				e.passwordVerifier(userID, key, challenge("DEVICE_SRP_AUTH", "S1", map[string]string{"USERNAME": userID})),
				e.deviceSRP(userID, key, "S1"),
				e.devicePasswordVerifier(userID, group, key, "S1", tokens(nil)),
			)
			l, err := engine.Start(context.Background(), e.config(s), engine.Credentials{Username: typed, Password: pw, Device: dev})
			s.done()
			if wrongPassword {
				mustErr(t, err, transport.ErrNotAuthorized)
				if got := e.path(); got != "Init>PasswordVerifier>DeviceSRP>DevicePasswordVerifier>Failed" {
					t.Fatalf("path %s", got)
				}
				return
			}
			must(t, err)
			if got := e.path(); got != "Init>PasswordVerifier>DeviceSRP>DevicePasswordVerifier>Done" {
				t.Fatalf("path %s", got)
			}
			if res, _ := l.Result(); res.NewDevice != nil {
				t.Fatalf("a known device came back as new: %v", res.NewDevice)
			}
		})
	}
}

// TestNewDeviceThenDeviceLogin confirms a new device and logs in again with
// what the engine handed back: the device password it generated must prove
// itself against the verifier it sent.
func TestNewDeviceThenDeviceLogin(t *testing.T) {
	const key, group = "us-east-1_0a1b2c3d-0000-4000-8000-000000000002", "-grp2"
	e := newEnv(t)
	s := newScript(t,
		e.initiateSRP(transport.FlowUserSRP, typed, "", userID, pw),
		e.passwordVerifier(userID, "", tokens(&transport.NewDeviceMetadata{DeviceKey: key, DeviceGroupKey: group})),
		step{op: "ConfirmDevice",
			check: func(t *testing.T, in any) {
				req := in.(*transport.ConfirmDeviceInput)
				if req.AccessToken != "access-token" || req.DeviceKey != key || req.DeviceName != "laptop" {
					t.Errorf("ConfirmDevice %+v", req)
				}
			},
			reply: func(_ context.Context, in any) (any, error) {
				c := in.(*transport.ConfirmDeviceInput).DeviceSecretVerifierConfig
				v, err := srp.DeviceVerifierFromConfig(c.Salt, c.PasswordVerifier)
				if err != nil {
					return nil, transport.NewError("InvalidParameterException", err.Error())
				}
				e.deviceVerifier = v
				return &transport.ConfirmDeviceOutput{UserConfirmationNecessary: true}, nil
			}},
		step{op: "UpdateDeviceStatus",
			check: func(t *testing.T, in any) {
				req := in.(*transport.UpdateDeviceStatusInput)
				if req.AccessToken != "access-token" || req.DeviceKey != key || req.DeviceRememberedStatus != "remembered" {
					t.Errorf("UpdateDeviceStatus %+v", req)
				}
			},
			reply: func(context.Context, any) (any, error) { return &transport.Empty{}, nil }},
	)
	cfg := e.config(s)
	cfg.DeviceName, cfg.RememberDevice = "laptop", true
	res, err := engine.Authenticate(context.Background(), cfg, engine.Credentials{Username: typed, Password: pw})
	must(t, err)
	s.done()
	if res.DeviceErr != nil || res.NewDevice == nil || res.NewDevice.Key != key || res.NewDevice.GroupKey != group || res.NewDevice.Password == "" {
		t.Fatalf("result %v", res)
	}

	s2 := newScript(t,
		e.initiateSRP(transport.FlowUserSRP, typed, key, userID, pw),
		e.passwordVerifier(userID, key, challenge("DEVICE_SRP_AUTH", "S1", map[string]string{"USERNAME": userID})),
		e.deviceSRP(userID, key, "S1"),
		e.devicePasswordVerifier(userID, group, key, "S1", tokens(nil)),
	)
	_, err = engine.Authenticate(context.Background(), e.config(s2), engine.Credentials{Username: typed, Password: pw, Device: res.NewDevice})
	must(t, err)
	s2.done()
}

func TestNewDeviceNotConfirmed(t *testing.T) {
	md := &transport.NewDeviceMetadata{DeviceKey: "us-east-1_0a1b2c3d-0000-4000-8000-000000000003", DeviceGroupKey: "-grp3"}
	tests := []struct {
		name       string
		authOnly   bool
		remember   bool
		extra      []step
		wantErr    error
		wantDevice bool
	}{
		{"transport without devices", true, false, nil, engine.ErrDevicesUnsupported, false},
		{"ConfirmDevice fails", false, false, []step{{op: "ConfirmDevice", reply: fails(transport.NewError("InvalidParameterException", "bad verifier"))}},
			transport.ErrInvalidParameter, false},
		{"UpdateDeviceStatus fails", false, true, []step{
			{op: "ConfirmDevice", reply: func(context.Context, any) (any, error) { return &transport.ConfirmDeviceOutput{}, nil }},
			{op: "UpdateDeviceStatus", reply: fails(transport.NewError("TooManyRequestsException", "slow down"))},
		}, transport.ErrTooManyRequests, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t)
			s := newScript(t,
				e.initiateSRP(transport.FlowUserSRP, typed, "", userID, pw),
				e.passwordVerifier(userID, "", tokens(md)),
			)
			s.add(tc.extra...)
			var tr transport.Authenticator = s
			if tc.authOnly {
				tr = authOnly{s}
			}
			cfg := e.config(tr)
			cfg.RememberDevice = tc.remember
			res, err := engine.Authenticate(context.Background(), cfg, engine.Credentials{Username: typed, Password: pw})
			must(t, err)
			s.done()
			if res.Tokens == nil || res.Tokens.AccessToken == "" {
				t.Fatal("tokens lost")
			}
			mustErr(t, res.DeviceErr, tc.wantErr)
			if (res.NewDevice != nil) != tc.wantDevice {
				t.Fatalf("NewDevice = %v", res.NewDevice)
			}
		})
	}
}
