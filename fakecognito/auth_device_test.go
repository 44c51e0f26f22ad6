package fakecognito

import (
	"regexp"
	"testing"
	"time"

	"github.com/gocognito/gocognito/srp"
	"github.com/gocognito/gocognito/transport"
)

// deviceEnv is a pool that requires SMS MFA and remembers devices.
func deviceEnv(t *testing.T, cfg transport.DeviceConfiguration) *env {
	t.Helper()
	e := newEnv(t, envOpts{pool: transport.CreateUserPoolInput{PoolSettings: transport.PoolSettings{
		MfaConfiguration:    transport.MFAOn,
		SmsConfiguration:    &transport.SmsConfiguration{SnsCallerArn: "arn:aws:iam::123456789012:role/sns"},
		DeviceConfiguration: &cfg,
	}}})
	e.f.MustCreateUser(e.pool.ID, "alice", testPassword, transport.Attr("phone_number", "+15555550123"))
	return e
}

// smsLogin signs alice in, answering SMS MFA, with extra AuthParameters
// (and the same extra parameters in every answer, as clients send
// DEVICE_KEY).
func (e *env) smsLogin(extra map[string]string) *transport.AuthenticationResult {
	e.t.Helper()
	ch := e.challenge(transport.ChallengeSMSMFA)(e.srpLogin("alice", testPassword, extra))
	resp := map[string]string{transport.ParamUsername: "alice", transport.ParamSMSMFACode: e.f.Outbox().LastCode("alice")}
	for k, v := range extra {
		resp[k] = v
	}
	return e.tokens(e.respond(transport.ChallengeSMSMFA, ch.Session, resp))
}

// rememberDevice confirms the device of a login and returns its secret.
func (e *env) rememberDevice(res *transport.AuthenticationResult) srp.DeviceSecret {
	e.t.Helper()
	nd := res.NewDeviceMetadata
	if nd == nil {
		e.t.Fatal("no NewDeviceMetadata with device tracking on")
	}
	sec, err := srp.NewDeviceSecret(nd.DeviceGroupKey, nd.DeviceKey, nil)
	if err != nil {
		e.t.Fatal(err)
	}
	if _, err := e.cog.ConfirmDevice(e.ctx, &transport.ConfirmDeviceInput{
		AccessToken: res.AccessToken, DeviceKey: nd.DeviceKey, DeviceName: "laptop",
		DeviceSecretVerifierConfig: &transport.DeviceSecretVerifierConfig{Salt: sec.Salt, PasswordVerifier: sec.PasswordVerifier},
	}); err != nil {
		e.t.Fatal(err)
	}
	return sec
}

// deviceSRP answers DEVICE_SRP_AUTH and DEVICE_PASSWORD_VERIFIER.
func (e *env) deviceSRP(ch *transport.ChallengeOutput, nd *transport.NewDeviceMetadata, devicePassword, session string) (*transport.ChallengeOutput, error) {
	e.t.Helper()
	c, err := srp.NewClient(nil)
	if err != nil {
		e.t.Fatal(err)
	}
	pv, err := e.respond(transport.ChallengeDeviceSRPAuth, session, map[string]string{
		transport.ParamUsername: "alice", transport.ParamDeviceKey: nd.DeviceKey, transport.ParamSRPA: c.SRPA(),
	})
	pv = mustChallenge(e.t, pv, err, transport.ChallengeDevicePasswordVerifier)
	p := pv.ChallengeParameters
	ts := srp.FormatTimestamp(e.clk.Now())
	sig, err := c.DeviceSignature(nd.DeviceGroupKey, nd.DeviceKey, devicePassword, p[transport.ParamSalt], p[transport.ParamSRPB], p[transport.ParamSecretBlock], ts)
	if err != nil {
		e.t.Fatal(err)
	}
	return e.respond(transport.ChallengeDevicePasswordVerifier, "", map[string]string{
		transport.ParamUsername: p[transport.ParamUsername], transport.ParamDeviceKey: nd.DeviceKey,
		transport.ParamClaimSecretBlock: p[transport.ParamSecretBlock], transport.ParamClaimSignature: sig, transport.ParamTimestamp: ts,
	})
}

var deviceKeyPattern = regexp.MustCompile(`^us-east-1_[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

func TestRememberedDeviceSkipsMFA(t *testing.T) {
	e := deviceEnv(t, transport.DeviceConfiguration{ChallengeRequiredOnNewDevice: true})
	first := e.smsLogin(nil)
	nd := first.NewDeviceMetadata
	if nd == nil || !deviceKeyPattern.MatchString(nd.DeviceKey) || !regexp.MustCompile(`^-[0-9A-Za-z]{9}$`).MatchString(nd.DeviceGroupKey) {
		t.Fatalf("NewDeviceMetadata = %+v", nd)
	}
	if got := e.claims(first.AccessToken)["device_key"]; got != nd.DeviceKey {
		t.Errorf("access token device_key = %v, want %s", got, nd.DeviceKey)
	}
	sec := e.rememberDevice(first)

	for _, withSession := range []bool{true, false} {
		ch := e.challenge(transport.ChallengeDeviceSRPAuth)(e.srpLogin("alice", testPassword, map[string]string{transport.ParamDeviceKey: nd.DeviceKey}))
		session := ""
		if withSession {
			session = ch.Session
		}
		res := e.tokens(e.deviceSRP(ch, nd, sec.Password, session))
		if res.NewDeviceMetadata != nil {
			t.Errorf("a known device got NewDeviceMetadata")
		}
		if got := e.claims(res.AccessToken)["device_key"]; got != nd.DeviceKey {
			t.Errorf("device_key = %v, want %s", got, nd.DeviceKey)
		}
	}

	// A wrong device password fails.
	ch := e.challenge(transport.ChallengeDeviceSRPAuth)(e.srpLogin("alice", testPassword, map[string]string{transport.ParamDeviceKey: nd.DeviceKey}))
	_, err := e.deviceSRP(ch, nd, "bm90IHRoZSBkZXZpY2UgcGFzc3dvcmQ=", ch.Session)
	wantErr(t, err, "NotAuthorizedException", msgIncorrectCredentials)

	// Not remembered any more: MFA is due, and the device's SRP follows it.
	if _, err := e.cog.UpdateDeviceStatus(e.ctx, &transport.UpdateDeviceStatusInput{AccessToken: first.AccessToken,
		DeviceKey: nd.DeviceKey, DeviceRememberedStatus: transport.DeviceNotRemembered}); err != nil {
		t.Fatal(err)
	}
	e.challenge(transport.ChallengeSMSMFA)(e.srpLogin("alice", testPassword, map[string]string{transport.ParamDeviceKey: nd.DeviceKey}))
}

func TestDeviceWithoutChallengeRequiredStillNeedsMFA(t *testing.T) {
	e := deviceEnv(t, transport.DeviceConfiguration{})
	first := e.smsLogin(nil)
	e.rememberDevice(first)
	e.challenge(transport.ChallengeSMSMFA)(e.srpLogin("alice", testPassword, map[string]string{transport.ParamDeviceKey: first.NewDeviceMetadata.DeviceKey}))
}

func TestDeviceOnlyRememberedOnUserPrompt(t *testing.T) {
	e := deviceEnv(t, transport.DeviceConfiguration{ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: true})
	first := e.smsLogin(nil)
	nd := first.NewDeviceMetadata
	sec, _ := srp.NewDeviceSecret(nd.DeviceGroupKey, nd.DeviceKey, nil)
	out, err := e.cog.ConfirmDevice(e.ctx, &transport.ConfirmDeviceInput{AccessToken: first.AccessToken, DeviceKey: nd.DeviceKey,
		DeviceSecretVerifierConfig: &transport.DeviceSecretVerifierConfig{Salt: sec.Salt, PasswordVerifier: sec.PasswordVerifier}})
	if err != nil || !out.UserConfirmationNecessary {
		t.Fatalf("ConfirmDevice = %+v, %v; want UserConfirmationNecessary", out, err)
	}
	got, err := e.cog.GetDevice(e.ctx, &transport.GetDeviceInput{AccessToken: first.AccessToken, DeviceKey: nd.DeviceKey})
	if err != nil || transport.Attributes(got.Device.DeviceAttributes)["dev:device_remembered_status"] != "not_remembered" {
		t.Fatalf("GetDevice = %+v, %v", got, err)
	}
}

func TestDeviceOperations(t *testing.T) {
	e := deviceEnv(t, transport.DeviceConfiguration{ChallengeRequiredOnNewDevice: true})
	var keys []string
	var last *transport.AuthenticationResult
	for range 3 {
		last = e.smsLogin(nil)
		e.rememberDevice(last)
		keys = append(keys, last.NewDeviceMetadata.DeviceKey)
	}
	unconfirmed := e.smsLogin(nil) // listed nowhere until confirmed

	page1, err := e.cog.ListDevices(e.ctx, &transport.ListDevicesInput{AccessToken: last.AccessToken, Limit: 2})
	if err != nil || len(page1.Devices) != 2 || page1.PaginationToken == "" {
		t.Fatalf("ListDevices page 1 = %+v, %v", page1, err)
	}
	page2, err := e.cog.ListDevices(e.ctx, &transport.ListDevicesInput{AccessToken: last.AccessToken, Limit: 2, PaginationToken: page1.PaginationToken})
	if err != nil || len(page2.Devices) != 1 || page2.PaginationToken != "" {
		t.Fatalf("ListDevices page 2 = %+v, %v", page2, err)
	}
	seen := map[string]bool{}
	for _, d := range append(page1.Devices, page2.Devices...) {
		seen[d.DeviceKey] = true
		if transport.Attributes(d.DeviceAttributes)["device_name"] != "laptop" {
			t.Errorf("device %s attributes %v", d.DeviceKey, d.DeviceAttributes)
		}
	}
	for _, k := range keys {
		if !seen[k] {
			t.Errorf("device %s not listed", k)
		}
	}
	if seen[unconfirmed.NewDeviceMetadata.DeviceKey] {
		t.Errorf("an unconfirmed device is listed")
	}
	_, err = e.cog.ListDevices(e.ctx, &transport.ListDevicesInput{AccessToken: last.AccessToken, PaginationToken: "bm9wZQ"})
	wantErr(t, err, "InvalidParameterException", "Invalid pagination token")

	admin, err := e.cog.AdminListDevices(e.ctx, &transport.AdminListDevicesInput{UserPoolID: e.pool.ID, Username: "alice"})
	if err != nil || len(admin.Devices) != 3 {
		t.Fatalf("AdminListDevices = %+v, %v", admin, err)
	}
	if _, err := e.cog.AdminGetDevice(e.ctx, &transport.AdminGetDeviceInput{UserPoolID: e.pool.ID, Username: "alice", DeviceKey: keys[0]}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.cog.AdminUpdateDeviceStatus(e.ctx, &transport.AdminUpdateDeviceStatusInput{UserPoolID: e.pool.ID, Username: "alice",
		DeviceKey: keys[0], DeviceRememberedStatus: "sometimes"}); err == nil {
		t.Errorf("AdminUpdateDeviceStatus accepted an unknown status")
	}
	if _, err := e.cog.AdminForgetDevice(e.ctx, &transport.AdminForgetDeviceInput{UserPoolID: e.pool.ID, Username: "alice", DeviceKey: keys[0]}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.cog.ForgetDevice(e.ctx, &transport.ForgetDeviceInput{AccessToken: last.AccessToken, DeviceKey: keys[1]}); err != nil {
		t.Fatal(err)
	}
	_, err = e.cog.GetDevice(e.ctx, &transport.GetDeviceInput{AccessToken: last.AccessToken, DeviceKey: keys[1]})
	wantErr(t, err, "ResourceNotFoundException", "Device does not exist.")
	left, _ := e.cog.AdminListDevices(e.ctx, &transport.AdminListDevicesInput{UserPoolID: e.pool.ID, Username: "alice"})
	if len(left.Devices) != 1 || left.Devices[0].DeviceKey != keys[2] {
		t.Errorf("after forgetting two, devices = %+v", left.Devices)
	}

	// A forgotten device key is refused, as Cognito does; clients retry
	// without it.
	_, err = e.srpLogin("alice", testPassword, map[string]string{transport.ParamDeviceKey: keys[0]})
	wantErr(t, err, "ResourceNotFoundException", "Device does not exist.")
	// A device issued but never confirmed comes back for confirmation.
	res := e.smsLogin(map[string]string{transport.ParamDeviceKey: unconfirmed.NewDeviceMetadata.DeviceKey})
	if res.NewDeviceMetadata == nil || *res.NewDeviceMetadata != *unconfirmed.NewDeviceMetadata {
		t.Errorf("login with an unconfirmed device = %+v, want %+v", res.NewDeviceMetadata, unconfirmed.NewDeviceMetadata)
	}
}

func TestConfirmDeviceRefusals(t *testing.T) {
	e := deviceEnv(t, transport.DeviceConfiguration{})
	res := e.smsLogin(nil)
	nd := res.NewDeviceMetadata
	sec, _ := srp.NewDeviceSecret(nd.DeviceGroupKey, nd.DeviceKey, nil)
	tests := []struct {
		name string
		in   transport.ConfirmDeviceInput
		code string
	}{
		{"unknown device", transport.ConfirmDeviceInput{AccessToken: res.AccessToken, DeviceKey: "us-east-1_00000000-0000-4000-8000-000000000000",
			DeviceSecretVerifierConfig: &transport.DeviceSecretVerifierConfig{Salt: sec.Salt, PasswordVerifier: sec.PasswordVerifier}}, "ResourceNotFoundException"},
		{"no verifier", transport.ConfirmDeviceInput{AccessToken: res.AccessToken, DeviceKey: nd.DeviceKey}, "InvalidParameterException"},
		{"verifier not base64", transport.ConfirmDeviceInput{AccessToken: res.AccessToken, DeviceKey: nd.DeviceKey,
			DeviceSecretVerifierConfig: &transport.DeviceSecretVerifierConfig{Salt: sec.Salt, PasswordVerifier: "%%"}}, "InvalidParameterException"},
		{"verifier of zero", transport.ConfirmDeviceInput{AccessToken: res.AccessToken, DeviceKey: nd.DeviceKey,
			DeviceSecretVerifierConfig: &transport.DeviceSecretVerifierConfig{Salt: sec.Salt, PasswordVerifier: "AA=="}}, "InvalidParameterException"},
		{"bad access token", transport.ConfirmDeviceInput{AccessToken: "a.b.c", DeviceKey: nd.DeviceKey,
			DeviceSecretVerifierConfig: &transport.DeviceSecretVerifierConfig{Salt: sec.Salt, PasswordVerifier: sec.PasswordVerifier}}, "NotAuthorizedException"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := e.cog.ConfirmDevice(e.ctx, &tt.in)
			wantErr(t, err, tt.code, "")
		})
	}
}

func TestRefreshWithDevice(t *testing.T) {
	e := deviceEnv(t, transport.DeviceConfiguration{ChallengeRequiredOnNewDevice: true})
	res := e.smsLogin(nil)
	e.rememberDevice(res)
	refresh := func(deviceKey string) (*transport.ChallengeOutput, error) {
		params := map[string]string{transport.ParamRefreshToken: res.RefreshToken}
		if deviceKey != "" {
			params[transport.ParamDeviceKey] = deviceKey
		}
		return e.cog.InitiateAuth(e.ctx, &transport.InitiateAuthInput{AuthFlow: transport.FlowRefreshTokenAuth, ClientID: e.client.ClientID, AuthParameters: params})
	}
	_, err := refresh("")
	wantErr(t, err, "NotAuthorizedException", msgInvalidRefreshToken)
	out := e.tokens(refresh(res.NewDeviceMetadata.DeviceKey))
	if got := e.claims(out.AccessToken)["device_key"]; got != res.NewDeviceMetadata.DeviceKey {
		t.Errorf("refreshed device_key = %v", got)
	}
}

// With device tracking every login without DEVICE_KEY gets a new,
// unconfirmed device, and the oldest are pruned past maxUnconfirmedDevices;
// the refresh tokens of those logins must keep working. A confirmed device
// that is forgotten still takes its refresh tokens with it.
func TestRefreshOutlivesPrunedUnconfirmedDevice(t *testing.T) {
	e := newEnv(t, envOpts{pool: transport.CreateUserPoolInput{PoolSettings: transport.PoolSettings{
		DeviceConfiguration: &transport.DeviceConfiguration{},
	}}})
	e.f.MustCreateUser(e.pool.ID, "alice", testPassword)
	refresh := func(res *transport.AuthenticationResult) (*transport.ChallengeOutput, error) {
		return e.cog.InitiateAuth(e.ctx, &transport.InitiateAuthInput{AuthFlow: transport.FlowRefreshTokenAuth, ClientID: e.client.ClientID,
			AuthParameters: map[string]string{transport.ParamRefreshToken: res.RefreshToken, transport.ParamDeviceKey: res.NewDeviceMetadata.DeviceKey}})
	}
	const logins = 60
	var first *transport.AuthenticationResult
	for i := range logins {
		res := e.tokens(e.passwordLogin("alice", testPassword))
		if res.NewDeviceMetadata == nil {
			t.Fatalf("login %d: no NewDeviceMetadata", i)
		}
		if i == 0 {
			first = res
		}
		e.clk.Advance(time.Second) // so that the first device is the oldest
	}
	devs, err := e.cog.AdminListDevices(e.ctx, &transport.AdminListDevicesInput{UserPoolID: e.pool.ID, Username: "alice", Limit: 60})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(devs.Devices); n > maxUnconfirmedDevices {
		t.Fatalf("%d unconfirmed devices kept, want at most %d", n, maxUnconfirmedDevices)
	}
	out := e.tokens(refresh(first))
	if got := e.claims(out.AccessToken)["device_key"]; got != first.NewDeviceMetadata.DeviceKey {
		t.Errorf("refreshed device_key = %v, want %s", got, first.NewDeviceMetadata.DeviceKey)
	}

	confirmed := e.tokens(e.passwordLogin("alice", testPassword))
	e.rememberDevice(confirmed)
	if _, err := e.cog.AdminForgetDevice(e.ctx, &transport.AdminForgetDeviceInput{UserPoolID: e.pool.ID, Username: "alice",
		DeviceKey: confirmed.NewDeviceMetadata.DeviceKey}); err != nil {
		t.Fatal(err)
	}
	_, err = refresh(confirmed)
	wantErr(t, err, "NotAuthorizedException", msgInvalidRefreshToken)
}
