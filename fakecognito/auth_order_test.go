package fakecognito

import (
	"slices"
	"testing"
	"time"

	"github.com/gocognito/gocognito/srp"
	"github.com/gocognito/gocognito/transport"
)

// The kinds of device a login of TestChallengeOrder presents.
const (
	devNone          = iota
	devUnconfirmed   // issued by a login, never confirmed
	devNotRemembered // confirmed, then marked not_remembered
	devRemembered    // confirmed and remembered
)

// Where a login of TestChallengeOrder sends DEVICE_KEY.
type keyIn struct{ initiate, pv, mfa, custom bool }

var keyEverywhere = keyIn{initiate: true, pv: true, mfa: true, custom: true}

// orderEnv is a pool with optional SMS MFA that tracks devices and spares
// MFA on remembered ones; alice has a device of the given kind, SMS MFA
// when mfa is set, and a temporary password when newPassword is set.
func orderEnv(t *testing.T, kind int, mfa, newPassword bool) (*env, srp.DeviceSecret, *transport.NewDeviceMetadata) {
	t.Helper()
	e := newEnv(t, envOpts{pool: transport.CreateUserPoolInput{PoolSettings: transport.PoolSettings{
		MfaConfiguration:    transport.MFAOptional,
		SmsConfiguration:    &transport.SmsConfiguration{SnsCallerArn: "arn:aws:iam::123456789012:role/sns"},
		DeviceConfiguration: &transport.DeviceConfiguration{ChallengeRequiredOnNewDevice: true},
	}}})
	e.f.MustCreateUser(e.pool.ID, "alice", testPassword, transport.Attr("phone_number", "+15555550123"))
	if err := e.f.SetTriggers(e.pool.ID, quizTriggers(false, new([]string))); err != nil {
		t.Fatal(err)
	}

	var sec srp.DeviceSecret
	var nd *transport.NewDeviceMetadata
	if kind != devNone {
		first := e.tokens(e.passwordLogin("alice", testPassword))
		nd = first.NewDeviceMetadata
		if nd == nil {
			t.Fatal("no NewDeviceMetadata with device tracking on")
		}
		if kind != devUnconfirmed {
			sec = e.rememberDevice(first)
		}
		if kind == devNotRemembered {
			if _, err := e.cog.UpdateDeviceStatus(e.ctx, &transport.UpdateDeviceStatusInput{AccessToken: first.AccessToken,
				DeviceKey: nd.DeviceKey, DeviceRememberedStatus: transport.DeviceNotRemembered}); err != nil {
				t.Fatal(err)
			}
		}
	}
	if mfa {
		if _, err := e.cog.AdminSetUserMFAPreference(e.ctx, &transport.AdminSetUserMFAPreferenceInput{UserPoolID: e.pool.ID,
			Username: "alice", SMSMfaSettings: &transport.MFASettings{Enabled: true, PreferredMfa: true}}); err != nil {
			t.Fatal(err)
		}
	}
	if newPassword {
		if _, err := e.cog.AdminSetUserPassword(e.ctx, &transport.AdminSetUserPasswordInput{UserPoolID: e.pool.ID,
			Username: "alice", Password: testPassword}); err != nil {
			t.Fatal(err)
		}
	}
	return e, sec, nd
}

// orderLogin signs alice in by flow, answering every challenge as a client
// does, with DEVICE_KEY (key) where keys says, and returns the challenges
// in the order they came and the result.
func (e *env) orderLogin(flow, key string, keys keyIn, sec srp.DeviceSecret, nd *transport.NewDeviceMetadata) ([]string, *transport.AuthenticationResult) {
	e.t.Helper()
	withKey := func(on bool, m map[string]string) map[string]string {
		if on && key != "" {
			m[transport.ParamDeviceKey] = key
		}
		return m
	}
	var (
		out *transport.ChallengeOutput
		err error
		c   *srp.Client
	)
	start := withKey(keys.initiate, map[string]string{})
	switch flow {
	case transport.FlowUserSRP:
		c, out, err = e.srpStart("alice", start)
	case transport.FlowUserPassword:
		start[transport.ParamUsername], start[transport.ParamPassword] = "alice", testPassword
		out, err = e.cog.InitiateAuth(e.ctx, &transport.InitiateAuthInput{AuthFlow: flow, ClientID: e.client.ClientID, AuthParameters: start})
	case transport.FlowCustom:
		out, err = e.customStart(start)
	}
	var seq []string
	var deviceClient *srp.Client
	for range 10 {
		if err != nil {
			e.t.Fatalf("after %v: %v", seq, err)
		}
		if out.AuthenticationResult != nil {
			return seq, out.AuthenticationResult
		}
		seq = append(seq, out.ChallengeName)
		p := out.ChallengeParameters
		resp := map[string]string{transport.ParamUsername: "alice"}
		switch out.ChallengeName {
		case transport.ChallengePasswordVerifier:
			resp = e.pvAnswer(c, out, testPassword, withKey(keys.pv, map[string]string{}))
		case transport.ChallengeNewPasswordRequired:
			resp[transport.ParamNewPassword] = newPassword
		case transport.ChallengeSMSMFA:
			resp = withKey(keys.mfa, resp)
			resp[transport.ParamSMSMFACode] = e.f.Outbox().LastCode("alice")
		case transport.ChallengeCustom:
			resp = withKey(keys.custom, resp)
			resp[transport.ParamAnswer] = "4"
		case transport.ChallengeDeviceSRPAuth:
			if p[transport.ParamDeviceKey] != key {
				e.t.Fatalf("DEVICE_SRP_AUTH for device %q, want %q", p[transport.ParamDeviceKey], key)
			}
			if deviceClient, err = srp.NewClient(nil); err != nil {
				e.t.Fatal(err)
			}
			resp[transport.ParamDeviceKey], resp[transport.ParamSRPA] = key, deviceClient.SRPA()
		case transport.ChallengeDevicePasswordVerifier:
			ts := srp.FormatTimestamp(e.clk.Now())
			sig, err := deviceClient.DeviceSignature(nd.DeviceGroupKey, key, sec.Password, p[transport.ParamSalt], p[transport.ParamSRPB], p[transport.ParamSecretBlock], ts)
			if err != nil {
				e.t.Fatal(err)
			}
			resp[transport.ParamDeviceKey], resp[transport.ParamTimestamp] = key, ts
			resp[transport.ParamClaimSecretBlock], resp[transport.ParamClaimSignature] = p[transport.ParamSecretBlock], sig
		default:
			e.t.Fatalf("after %v: unexpected challenge %s", seq, out.ChallengeName)
		}
		out, err = e.respond(out.ChallengeName, out.Session, resp)
	}
	e.t.Fatalf("no tokens after %v", seq)
	return nil, nil
}

// Cognito's order: NEW_PASSWORD_REQUIRED, then MFA unless a remembered
// device spares it, then custom rounds, and last DEVICE_SRP_AUTH →
// DEVICE_PASSWORD_VERIFIER. An MFA or custom answer without DEVICE_KEY
// ends with a new device.
func TestChallengeOrder(t *testing.T) {
	const (
		pv      = transport.ChallengePasswordVerifier
		npr     = transport.ChallengeNewPasswordRequired
		sms     = transport.ChallengeSMSMFA
		custom  = transport.ChallengeCustom
		devSRP  = transport.ChallengeDeviceSRPAuth
		devPV   = transport.ChallengeDevicePasswordVerifier
		same    = "same device"
		newOne  = "new device"
		reissue = "the unconfirmed device again"
	)
	tests := []struct {
		name        string
		flow        string
		kind        int
		mfa         bool
		newPassword bool
		keys        keyIn
		want        []string
		device      string
	}{
		{name: "remembered device spares MFA", kind: devRemembered, mfa: true, keys: keyEverywhere,
			want: []string{pv, devSRP, devPV}, device: same},
		{name: "confirmed device, MFA answer with DEVICE_KEY", kind: devNotRemembered, mfa: true, keys: keyEverywhere,
			want: []string{pv, sms, devSRP, devPV}, device: same},
		{name: "confirmed device, MFA answer without DEVICE_KEY", kind: devNotRemembered, mfa: true, keys: keyIn{initiate: true, pv: true},
			want: []string{pv, sms}, device: newOne},
		{name: "DEVICE_KEY only on the MFA answer", kind: devNotRemembered, mfa: true, keys: keyIn{mfa: true},
			want: []string{pv, sms, devSRP, devPV}, device: same},
		{name: "remembered device, no MFA due", kind: devRemembered, keys: keyEverywhere,
			want: []string{pv, devSRP, devPV}, device: same},
		{name: "confirmed device, no MFA due", kind: devNotRemembered, keys: keyEverywhere,
			want: []string{pv, devSRP, devPV}, device: same},
		{name: "new password, MFA, then the device", kind: devNotRemembered, mfa: true, newPassword: true, keys: keyEverywhere,
			want: []string{pv, npr, sms, devSRP, devPV}, device: same},
		{name: "new password, then a remembered device", kind: devRemembered, mfa: true, newPassword: true, keys: keyEverywhere,
			want: []string{pv, npr, devSRP, devPV}, device: same},
		{name: "no device", mfa: true, want: []string{pv, sms}, device: newOne},
		{name: "unconfirmed device comes back for confirmation", kind: devUnconfirmed, mfa: true, keys: keyEverywhere,
			want: []string{pv, sms}, device: reissue},
		{name: "USER_PASSWORD_AUTH, MFA, then the device", flow: transport.FlowUserPassword, kind: devNotRemembered, mfa: true, keys: keyEverywhere,
			want: []string{sms, devSRP, devPV}, device: same},
		{name: "custom auth, then the device", flow: transport.FlowCustom, kind: devNotRemembered, keys: keyEverywhere,
			want: []string{custom, devSRP, devPV}, device: same},
		{name: "custom auth, then a remembered device", flow: transport.FlowCustom, kind: devRemembered, keys: keyEverywhere,
			want: []string{custom, devSRP, devPV}, device: same},
		{name: "custom answer without DEVICE_KEY", flow: transport.FlowCustom, kind: devNotRemembered, keys: keyIn{initiate: true},
			want: []string{custom}, device: newOne},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, sec, nd := orderEnv(t, tt.kind, tt.mfa, tt.newPassword)
			flow := tt.flow
			if flow == "" {
				flow = transport.FlowUserSRP
			}
			key := ""
			if nd != nil {
				key = nd.DeviceKey
			}
			seq, res := e.orderLogin(flow, key, tt.keys, sec, nd)
			if !slices.Equal(seq, tt.want) {
				t.Fatalf("challenges %v, want %v", seq, tt.want)
			}
			claim, _ := e.claims(res.AccessToken)["device_key"].(string)
			got := res.NewDeviceMetadata
			switch tt.device {
			case same:
				if got != nil || claim != key {
					t.Errorf("NewDeviceMetadata %+v, device_key %q; want none and %q", got, claim, key)
				}
			case newOne:
				if got == nil || got.DeviceKey == key || claim != got.DeviceKey {
					t.Errorf("NewDeviceMetadata %+v, device_key %q; want a device other than %q", got, claim, key)
				}
			case reissue:
				if got == nil || got.DeviceKey != key || claim != key {
					t.Errorf("NewDeviceMetadata %+v, device_key %q; want %q again", got, claim, key)
				}
			}
		})
	}
}

// A DEVICE_KEY the user does not have, sent with an MFA code, is refused
// before the code is checked, and leaves the session for an answer without
// it, which ends with a new device.
func TestForgottenDeviceOnMFAAnswer(t *testing.T) {
	e, _, nd := orderEnv(t, devNotRemembered, true, false)
	ch := e.challenge(transport.ChallengeSMSMFA)(e.srpLogin("alice", testPassword, nil))
	if _, err := e.cog.AdminForgetDevice(e.ctx, &transport.AdminForgetDeviceInput{UserPoolID: e.pool.ID, Username: "alice", DeviceKey: nd.DeviceKey}); err != nil {
		t.Fatal(err)
	}
	code := e.f.Outbox().LastCode("alice")
	tests := []struct {
		name string
		key  string
	}{
		{"forgotten", nd.DeviceKey},
		{"never issued", "us-east-1_00000000-0000-4000-8000-000000000000"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := e.respond(transport.ChallengeSMSMFA, ch.Session, map[string]string{
				transport.ParamUsername: "alice", transport.ParamSMSMFACode: code, transport.ParamDeviceKey: tt.key,
			})
			wantErr(t, err, "ResourceNotFoundException", "Device does not exist.")
		})
	}
	res := e.tokens(e.respond(transport.ChallengeSMSMFA, ch.Session, map[string]string{
		transport.ParamUsername: "alice", transport.ParamSMSMFACode: code,
	}))
	if res.NewDeviceMetadata == nil || res.NewDeviceMetadata.DeviceKey == nd.DeviceKey {
		t.Errorf("NewDeviceMetadata %+v, want a new device", res.NewDeviceMetadata)
	}
}

// A login whose device SRP fails gets no tokens, even when the device
// spared it MFA.
func TestRememberedDeviceMustProveItself(t *testing.T) {
	e, _, nd := orderEnv(t, devRemembered, true, false)
	keys := map[string]string{transport.ParamDeviceKey: nd.DeviceKey}
	ch := e.challenge(transport.ChallengeDeviceSRPAuth)(e.srpLogin("alice", testPassword, keys))
	_, err := e.deviceSRP(ch, nd, "bm90IHRoZSBkZXZpY2UgcGFzc3dvcmQ=", ch.Session)
	wantErr(t, err, "NotAuthorizedException", msgIncorrectCredentials)
}

// DEVICE_SRP_AUTH after an MFA code finds its login whatever Session comes
// with it: its own, none (pycognito), or the MFA challenge's, already used
// (amazon-cognito-identity-js's sendMFACode sends that one again). A
// Session of another DEVICE_SRP_AUTH, already used, is still refused.
func TestDeviceSRPSessionAfterMFA(t *testing.T) {
	tests := []struct {
		name    string
		session func(mfa, device string) string
	}{
		{"the DEVICE_SRP_AUTH session", func(_, device string) string { return device }},
		{"no session", func(string, string) string { return "" }},
		{"the MFA challenge's session, used", func(mfa, _ string) string { return mfa }},
		{"a session never issued", func(string, string) string { return "bm90LWEtc2Vzc2lvbi1hdC1hbGwtbm90LW9uZS1hdC1hbGw" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, sec, nd := orderEnv(t, devNotRemembered, true, false)
			keys := map[string]string{transport.ParamDeviceKey: nd.DeviceKey}
			mfa := e.challenge(transport.ChallengeSMSMFA)(e.srpLogin("alice", testPassword, keys))
			ch := e.challenge(transport.ChallengeDeviceSRPAuth)(e.respond(transport.ChallengeSMSMFA, mfa.Session, map[string]string{
				transport.ParamUsername: "alice", transport.ParamSMSMFACode: e.f.Outbox().LastCode("alice"), transport.ParamDeviceKey: nd.DeviceKey,
			}))
			res := e.tokens(e.deviceSRP(ch, nd, sec.Password, tt.session(mfa.Session, ch.Session)))
			if res.NewDeviceMetadata != nil {
				t.Errorf("NewDeviceMetadata %+v after the device proved itself", res.NewDeviceMetadata)
			}
			// The login is over: its DEVICE_SRP_AUTH cannot be answered again.
			c, err := srp.NewClient(nil)
			if err != nil {
				t.Fatal(err)
			}
			_, err = e.respond(transport.ChallengeDeviceSRPAuth, ch.Session, map[string]string{
				transport.ParamUsername: "alice", transport.ParamDeviceKey: nd.DeviceKey, transport.ParamSRPA: c.SRPA(),
			})
			wantErr(t, err, "NotAuthorizedException", msgSessionUsed)
			_, err = e.respond(transport.ChallengeDeviceSRPAuth, "", map[string]string{
				transport.ParamUsername: "alice", transport.ParamDeviceKey: nd.DeviceKey, transport.ParamSRPA: c.SRPA(),
			})
			wantErr(t, err, "NotAuthorizedException", msgSessionInvalid)
		})
	}
}

// SELECT_MFA_TYPE, whose answer carries no DEVICE_KEY, keeps the login's
// device; the chosen MFA's answer carries it, and device SRP follows.
func TestSelectMFAThenDevice(t *testing.T) {
	e, sec, nd := orderEnv(t, devNotRemembered, false, false)
	if _, err := e.cog.SetUserPoolMfaConfig(e.ctx, &transport.UserPoolMfaConfig{UserPoolID: e.pool.ID, MfaConfiguration: transport.MFAOptional,
		SmsMfaConfiguration:           &transport.SmsMfaConfig{SmsAuthenticationMessage: "Your code is {####}"},
		SoftwareTokenMfaConfiguration: &transport.SoftwareTokenMfaConfig{Enabled: true}}); err != nil {
		t.Fatal(err)
	}
	res := e.tokens(e.passwordLogin("alice", testPassword))
	assoc, err := e.cog.AssociateSoftwareToken(e.ctx, &transport.AssociateSoftwareTokenInput{AccessToken: res.AccessToken})
	if err != nil {
		t.Fatal(err)
	}
	code, _ := TOTPCode(assoc.SecretCode, e.clk.Now())
	if _, err := e.cog.VerifySoftwareToken(e.ctx, &transport.VerifySoftwareTokenInput{AccessToken: res.AccessToken, UserCode: code}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.cog.SetUserMFAPreference(e.ctx, &transport.SetUserMFAPreferenceInput{AccessToken: res.AccessToken,
		SoftwareTokenMfaSettings: &transport.MFASettings{Enabled: true}, SMSMfaSettings: &transport.MFASettings{Enabled: true}}); err != nil {
		t.Fatal(err)
	}

	keys := map[string]string{transport.ParamDeviceKey: nd.DeviceKey}
	ch := e.challenge(transport.ChallengeSelectMFAType)(e.srpLogin("alice", testPassword, keys))
	ch = e.challenge(transport.ChallengeSoftwareTokenMFA)(e.respond(transport.ChallengeSelectMFAType, ch.Session,
		map[string]string{transport.ParamUsername: "alice", transport.ParamAnswer: transport.MFASoftwareToken}))
	e.clk.Advance(30 * time.Second)
	code, _ = TOTPCode(assoc.SecretCode, e.clk.Now())
	ch = e.challenge(transport.ChallengeDeviceSRPAuth)(e.respond(transport.ChallengeSoftwareTokenMFA, ch.Session, map[string]string{
		transport.ParamUsername: "alice", transport.ParamSoftwareTokenMFACode: code, transport.ParamDeviceKey: nd.DeviceKey,
	}))
	done := e.tokens(e.deviceSRP(ch, nd, sec.Password, ch.Session))
	if done.NewDeviceMetadata != nil || e.claims(done.AccessToken)["device_key"] != nd.DeviceKey {
		t.Errorf("NewDeviceMetadata %+v, device_key %v; want device %s", done.NewDeviceMetadata, e.claims(done.AccessToken)["device_key"], nd.DeviceKey)
	}
}
