package engine_test

import (
	"context"
	"testing"

	"github.com/gocognito/gocognito/engine"
	"github.com/gocognito/gocognito/states"
	"github.com/gocognito/gocognito/transport"
)

// TestDeviceSRPComesLast: the engine follows Cognito's order (a new password,
// MFA, custom rounds, then the device's SRP) and sends DEVICE_KEY on the
// answers where Cognito expects it (PASSWORD_VERIFIER, the MFA codes,
// CUSTOM_CHALLENGE) and not on the others (NEW_PASSWORD_REQUIRED,
// SELECT_MFA_TYPE).
func TestDeviceSRPComesLast(t *testing.T) {
	const key, group = "us-east-1_0a1b2c3d-0000-4000-8000-000000000010", "-grp10"
	mfa := map[string]string{"USER_ID_FOR_SRP": userID}
	tests := []struct {
		name    string
		flow    string
		steps   func(e *env) []step
		answers []engine.Answer
		path    string
	}{
		{name: "SMS code, then the device", steps: func(e *env) []step {
			return []step{
				e.initiateSRP(transport.FlowUserSRP, typed, key, userID, pw),
				e.passwordVerifier(userID, key, challenge("SMS_MFA", "S1", mfa)),
				e.respond("SMS_MFA", "S1", userID, map[string]string{"SMS_MFA_CODE": "123456", "DEVICE_KEY": key},
					challenge("DEVICE_SRP_AUTH", "S2", map[string]string{"USERNAME": userID, "DEVICE_KEY": key})),
				e.deviceSRP(userID, key, "S2"),
				e.devicePasswordVerifier(userID, group, key, "S2", tokens(nil)),
			}
		}, answers: []engine.Answer{engine.MFACode("123456")},
			path: "Init>PasswordVerifier>SMSMFA>DeviceSRP>DevicePasswordVerifier>Done"},
		{name: "choice without the key, TOTP code with it", steps: func(e *env) []step {
			return []step{
				e.initiateSRP(transport.FlowUserSRP, typed, key, userID, pw),
				e.passwordVerifier(userID, key, challenge("SELECT_MFA_TYPE", "S1", map[string]string{
					"MFAS_CAN_CHOOSE": `["SMS_MFA","SOFTWARE_TOKEN_MFA"]`, "USER_ID_FOR_SRP": userID,
				})),
				e.respond("SELECT_MFA_TYPE", "S1", userID, map[string]string{"ANSWER": "SOFTWARE_TOKEN_MFA", "DEVICE_KEY": ""},
					challenge("SOFTWARE_TOKEN_MFA", "S2", mfa)),
				e.respond("SOFTWARE_TOKEN_MFA", "S2", userID, map[string]string{"SOFTWARE_TOKEN_MFA_CODE": "654321", "DEVICE_KEY": key},
					challenge("DEVICE_SRP_AUTH", "S3", map[string]string{"USERNAME": userID, "DEVICE_KEY": key})),
				e.deviceSRP(userID, key, "S3"),
				e.devicePasswordVerifier(userID, group, key, "S3", tokens(nil)),
			}
		}, answers: []engine.Answer{engine.MFAChoice("SOFTWARE_TOKEN_MFA"), engine.MFACode("654321")},
			path: "Init>PasswordVerifier>SelectMFAType>SoftwareTokenMFA>DeviceSRP>DevicePasswordVerifier>Done"},
		{name: "new password without the key, e-mail code with it", steps: func(e *env) []step {
			return []step{
				e.initiateSRP(transport.FlowUserSRP, typed, key, userID, pw),
				e.passwordVerifier(userID, key, challenge("NEW_PASSWORD_REQUIRED", "S1", map[string]string{"USER_ID_FOR_SRP": userID})),
				e.respond("NEW_PASSWORD_REQUIRED", "S1", userID, map[string]string{"NEW_PASSWORD": "N3w-Password!", "DEVICE_KEY": ""},
					challenge("EMAIL_OTP", "S2", map[string]string{"USER_ID_FOR_SRP": userID, "CODE_DELIVERY_DELIVERY_MEDIUM": "EMAIL"})),
				e.respond("EMAIL_OTP", "S2", userID, map[string]string{"EMAIL_OTP_CODE": "11223344", "DEVICE_KEY": key},
					challenge("DEVICE_SRP_AUTH", "S3", map[string]string{"USERNAME": userID, "DEVICE_KEY": key})),
				e.deviceSRP(userID, key, "S3"),
				e.devicePasswordVerifier(userID, group, key, "S3", tokens(nil)),
			}
		}, answers: []engine.Answer{engine.NewPassword{Password: "N3w-Password!"}, engine.MFACode("11223344")},
			path: "Init>PasswordVerifier>NewPasswordRequired>EmailOTP>DeviceSRP>DevicePasswordVerifier>Done"},
		{name: "custom answer, then the device", flow: transport.FlowCustom, steps: func(e *env) []step {
			return []step{
				{op: "InitiateAuth",
					check: func(t *testing.T, in any) {
						expect(t, "InitiateAuth", in.(*transport.InitiateAuthInput).AuthParameters, map[string]string{"USERNAME": typed, "DEVICE_KEY": key})
					},
					reply: challenge("CUSTOM_CHALLENGE", "S1", map[string]string{"USERNAME": userID, "question": "2+2?"})},
				e.respond("CUSTOM_CHALLENGE", "S1", userID, map[string]string{"ANSWER": "4", "DEVICE_KEY": key},
					challenge("DEVICE_SRP_AUTH", "S2", map[string]string{"USERNAME": userID, "DEVICE_KEY": key})),
				e.deviceSRP(userID, key, "S2"),
				e.devicePasswordVerifier(userID, group, key, "S2", tokens(nil)),
			}
		}, answers: []engine.Answer{engine.CustomAnswer("4")},
			path: "Init>CustomChallenge>DeviceSRP>DevicePasswordVerifier>Done"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t)
			dev := e.newDevice(key, group)
			s := newScript(t, tc.steps(e)...)
			c := engine.Credentials{Username: typed, Password: pw, Device: dev, Flow: tc.flow}
			if tc.flow == transport.FlowCustom {
				c.Password = ""
			}
			ctx := context.Background()
			l, err := engine.Start(ctx, e.config(s), c)
			must(t, err)
			for _, a := range tc.answers {
				must(t, l.Submit(ctx, a))
			}
			s.done()
			if got := e.path(); got != tc.path {
				t.Fatalf("path %s, want %s", got, tc.path)
			}
			res, err := l.Result()
			must(t, err)
			if res.NewDevice != nil || res.DeviceKey != key {
				t.Fatalf("NewDevice %v, DeviceKey %q; want the login's device %q", res.NewDevice, res.DeviceKey, key)
			}
		})
	}
}

// TestNoMFAAfterDeviceSRP: a challenge after the device's proof is not
// Cognito's order, and the engine refuses it.
func TestNoMFAAfterDeviceSRP(t *testing.T) {
	const key, group = "us-east-1_0a1b2c3d-0000-4000-8000-000000000011", "-grp11"
	for _, next := range []string{"SMS_MFA", "SELECT_MFA_TYPE", "MFA_SETUP", "CUSTOM_CHALLENGE"} {
		t.Run(next, func(t *testing.T) {
			e := newEnv(t)
			dev := e.newDevice(key, group)
			s := newScript(t,
				e.initiateSRP(transport.FlowUserSRP, typed, key, userID, pw),
				e.passwordVerifier(userID, key, challenge("DEVICE_SRP_AUTH", "S1", map[string]string{"USERNAME": userID})),
				e.deviceSRP(userID, key, "S1"),
				e.devicePasswordVerifier(userID, group, key, "S1", challenge(next, "S2", map[string]string{"USER_ID_FOR_SRP": userID})),
			)
			_, err := engine.Start(context.Background(), e.config(s), engine.Credentials{Username: typed, Password: pw, Device: dev})
			mustErr(t, err, engine.ErrUnexpectedChallenge, states.ErrNotAllowed)
			s.done()
			if got := e.path(); got != "Init>PasswordVerifier>DeviceSRP>DevicePasswordVerifier>Failed" {
				t.Fatalf("path %s", got)
			}
		})
	}
}

// TestDeviceForgottenBeforeMFAAnswer: Cognito refuses an MFA answer whose
// DEVICE_KEY it no longer knows; the engine answers again without it, and
// the login ends with a new device and the old key in ForgottenDevice.
func TestDeviceForgottenBeforeMFAAnswer(t *testing.T) {
	const key, group = "us-east-1_0a1b2c3d-0000-4000-8000-000000000012", "-grp12"
	md := &transport.NewDeviceMetadata{DeviceKey: "us-east-1_0a1b2c3d-0000-4000-8000-000000000013", DeviceGroupKey: group}
	e := newEnv(t)
	dev := e.newDevice(key, group)
	s := newScript(t,
		e.initiateSRP(transport.FlowUserSRP, typed, key, userID, pw),
		e.passwordVerifier(userID, key, challenge("SMS_MFA", "S1", map[string]string{"USER_ID_FOR_SRP": userID})),
		e.respond("SMS_MFA", "S1", userID, map[string]string{"SMS_MFA_CODE": "123456", "DEVICE_KEY": key},
			fails(transport.NewError("ResourceNotFoundException", "Device does not exist."))),
		e.respond("SMS_MFA", "S1", userID, map[string]string{"SMS_MFA_CODE": "123456", "DEVICE_KEY": ""}, tokens(md)),
		step{op: "ConfirmDevice", reply: func(context.Context, any) (any, error) { return &transport.ConfirmDeviceOutput{}, nil }},
	)
	ctx := context.Background()
	l, err := engine.Start(ctx, e.config(s), engine.Credentials{Username: typed, Password: pw, Device: dev})
	must(t, err)
	must(t, l.Submit(ctx, engine.MFACode("123456")))
	s.done()
	res, err := l.Result()
	must(t, err)
	if res.ForgottenDevice != key || res.NewDevice == nil || res.NewDevice.Key != md.DeviceKey {
		t.Fatalf("ForgottenDevice %q NewDevice %v; want %q and %q", res.ForgottenDevice, res.NewDevice, key, md.DeviceKey)
	}
}

// TestFakeNotRememberedDeviceKeepsItsKey: against the fake, a confirmed
// device the user did not ask to remember still faces MFA, and then proves
// itself: every login ends with the same device, none with a new one.
func TestFakeNotRememberedDeviceKeepsItsKey(t *testing.T) {
	ctx := context.Background()
	fe := newFakeEnv(t, &statesSeen{seen: map[states.State]bool{}}, transport.CreateUserPoolInput{PoolSettings: transport.PoolSettings{
		DeviceConfiguration: &transport.DeviceConfiguration{ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: true},
	}})
	fe.mfaConfig(transport.MFAOn, true, false, false)
	fe.f.MustCreateUser(fe.pool.ID, "alice", fakePassword, transport.Attr("phone_number", "+15555550100"))
	l, err := engine.Start(ctx, fe.config(), engine.Credentials{Username: "alice", Password: fakePassword})
	must(t, err)
	must(t, l.Submit(ctx, fe.code("alice")))
	first, err := l.Result()
	must(t, err)
	must(t, first.DeviceErr)
	if first.NewDevice == nil || first.DeviceRemembered {
		t.Fatalf("NewDevice %v DeviceRemembered %v; want a confirmed device that is not remembered", first.NewDevice, first.DeviceRemembered)
	}
	fe.wantPath("Init>PasswordVerifier>SMSMFA>Done")
	for i := range 3 {
		l, err := engine.Start(ctx, fe.config(), engine.Credentials{Username: "alice", Password: fakePassword, Device: first.NewDevice})
		must(t, err)
		must(t, l.Submit(ctx, fe.code("alice")))
		res, err := l.Result()
		must(t, err)
		fe.wantPath("Init>PasswordVerifier>SMSMFA>DeviceSRP>DevicePasswordVerifier>Done")
		if res.NewDevice != nil || res.DeviceKey != first.NewDevice.Key {
			t.Fatalf("login %d: NewDevice %v, DeviceKey %q; want device %q again", i, res.NewDevice, res.DeviceKey, first.NewDevice.Key)
		}
	}
	devs, err := fe.f.AdminListDevices(ctx, &transport.AdminListDevicesInput{UserPoolID: fe.pool.ID, Username: "alice"})
	must(t, err)
	if len(devs.Devices) != 1 || devs.Devices[0].DeviceKey != first.NewDevice.Key {
		t.Fatalf("devices %+v, want only %s", devs.Devices, first.NewDevice.Key)
	}
}

// TestFakeDeviceForgottenDuringLogin: against the fake, a device forgotten
// between the password and the MFA code is dropped; the code still ends the
// login, with a new device.
func TestFakeDeviceForgottenDuringLogin(t *testing.T) {
	ctx := context.Background()
	fe := newFakeEnv(t, &statesSeen{seen: map[states.State]bool{}}, transport.CreateUserPoolInput{PoolSettings: transport.PoolSettings{
		DeviceConfiguration: &transport.DeviceConfiguration{ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: true},
	}})
	fe.mfaConfig(transport.MFAOn, true, false, false)
	fe.f.MustCreateUser(fe.pool.ID, "alice", fakePassword, transport.Attr("phone_number", "+15555550100"))
	l, err := engine.Start(ctx, fe.config(), engine.Credentials{Username: "alice", Password: fakePassword})
	must(t, err)
	must(t, l.Submit(ctx, fe.code("alice")))
	first, err := l.Result()
	must(t, err)
	dev := first.NewDevice
	if dev == nil {
		t.Fatal("no device confirmed")
	}

	l, err = engine.Start(ctx, fe.config(), engine.Credentials{Username: "alice", Password: fakePassword, Device: dev})
	must(t, err)
	if l.State() != states.SMSMFA {
		t.Fatalf("state %s, want SMSMFA", l.State())
	}
	_, err = fe.f.AdminForgetDevice(ctx, &transport.AdminForgetDeviceInput{UserPoolID: fe.pool.ID, Username: "alice", DeviceKey: dev.Key})
	must(t, err)
	must(t, l.Submit(ctx, fe.code("alice")))
	res, err := l.Result()
	must(t, err)
	if res.ForgottenDevice != dev.Key || res.NewDevice == nil || res.NewDevice.Key == dev.Key || res.DeviceKey != res.NewDevice.Key {
		t.Fatalf("ForgottenDevice %q NewDevice %v DeviceKey %q; want %q forgotten and a new device", res.ForgottenDevice, res.NewDevice, res.DeviceKey, dev.Key)
	}
}
