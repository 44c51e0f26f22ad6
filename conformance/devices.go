package conformance

import (
	"testing"

	"github.com/gocognito/gocognito/engine"
	"github.com/gocognito/gocognito/srp"
	"github.com/gocognito/gocognito/transport"
)

// devicePool is a pool with optional TOTP MFA that remembers every device
// and asks for MFA only on new ones.
func devicePool(t *testing.T, tg Target) *fixture {
	return mfaPool(t, tg, transport.MFAOptional, transport.MFASoftwareToken)
}

// rememberedDevice logs in with MFA and returns the device the engine
// confirmed, with the login's result.
func rememberedDevice(t *testing.T, fx *fixture, name, secret string) (*engine.DeviceCredentials, *engine.Result) {
	t.Helper()
	_, err := fx.login(engine.Credentials{Username: name, Password: mfaPassword})
	l := needOf(t, err, engine.ErrMFARequired)
	if err := l.Submit(fx.ctx, engine.MFACode(fx.totp(secret))); err != nil {
		t.Fatal(err)
	}
	res := finish(t, fx, l)
	if res.NewDevice == nil || res.DeviceErr != nil {
		t.Fatalf("no device confirmed: %v", res.DeviceErr)
	}
	return res.NewDevice, res
}

var deviceScenarios = []Scenario{
	{Name: "remembered device logs in by DEVICE_SRP_AUTH and skips MFA", Needs: NeedPool | NeedClock, Run: func(t *testing.T, tg Target) {
		fx := devicePool(t, tg)
		secret := fx.totpUser("pat", mfaPassword, true)
		dev, _ := rememberedDevice(t, fx, "pat", secret)

		res := fx.mustLogin(engine.Credentials{Username: "pat", Password: mfaPassword, Device: dev})
		_, access := fx.checkTokens(res.Tokens)
		if access.DeviceKey != dev.Key {
			t.Errorf("access token device_key %q, want %q", access.DeviceKey, dev.Key)
		}
		if res.NewDevice != nil {
			t.Errorf("a remembered device was registered again: %v", res.NewDevice)
		}
		list, err := tg.Cognito.ListDevices(fx.ctx, &transport.ListDevicesInput{AccessToken: res.Tokens.AccessToken})
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, d := range list.Devices {
			found = found || d.DeviceKey == dev.Key
		}
		if !found {
			t.Errorf("ListDevices %v lacks %s", list.Devices, dev.Key)
		}
	}},
	{Name: "device password verifier refuses a wrong device password", Needs: NeedPool | NeedClock, Run: func(t *testing.T, tg Target) {
		fx := devicePool(t, tg)
		secret := fx.totpUser("pat", mfaPassword, true)
		dev, _ := rememberedDevice(t, fx, "pat", secret)
		forged := *dev
		forged.Password = "bm90LXRoZS1kZXZpY2UtcGFzc3dvcmQtYXQtYWxsLW5vcGU="
		_, err := fx.login(engine.Credentials{Username: "pat", Password: mfaPassword, Device: &forged})
		wantErr(t, err, transport.ErrNotAuthorized, "Incorrect username or password.")
	}},
	{Name: "forgotten device", Needs: NeedPool | NeedClock, Run: func(t *testing.T, tg Target) {
		fx := devicePool(t, tg)
		secret := fx.totpUser("quinn", mfaPassword, true)
		dev, res := rememberedDevice(t, fx, "quinn", secret)
		if _, err := tg.Cognito.ForgetDevice(fx.ctx, &transport.ForgetDeviceInput{AccessToken: res.Tokens.AccessToken, DeviceKey: dev.Key}); err != nil {
			t.Fatal(err)
		}
		// Cognito refuses the device key at PASSWORD_VERIFIER.
		c, err := srp.NewClient(nil)
		if err != nil {
			t.Fatal(err)
		}
		out, err := fx.initiate(transport.FlowUserSRP, map[string]string{"USERNAME": "quinn", "SRP_A": c.SRPA(), "DEVICE_KEY": dev.Key})
		if err != nil {
			t.Fatal(err)
		}
		p := out.ChallengeParameters
		pool, _ := srp.PoolName(fx.poolID)
		ts := srp.FormatTimestamp(tg.now())
		sig, err := c.PasswordSignature(pool, p["USER_ID_FOR_SRP"], mfaPassword, p["SALT"], p["SRP_B"], p["SECRET_BLOCK"], ts)
		if err != nil {
			t.Fatal(err)
		}
		_, err = tg.Cognito.RespondToAuthChallenge(fx.ctx, &transport.RespondToAuthChallengeInput{
			ClientID: fx.clientID, ChallengeName: transport.ChallengePasswordVerifier, Session: out.Session,
			ChallengeResponses: map[string]string{"USERNAME": p["USER_ID_FOR_SRP"], "PASSWORD_CLAIM_SECRET_BLOCK": p["SECRET_BLOCK"],
				"PASSWORD_CLAIM_SIGNATURE": sig, "TIMESTAMP": ts, "DEVICE_KEY": dev.Key},
		})
		wantErr(t, err, transport.ErrResourceNotFound, "Device does not exist.")
		if _, err := tg.Cognito.GetDevice(fx.ctx, &transport.GetDeviceInput{AccessToken: res.Tokens.AccessToken, DeviceKey: dev.Key}); err == nil {
			t.Error("GetDevice found a forgotten device")
		}

		// The engine starts again without the device, as a new one: MFA again.
		_, err = fx.login(engine.Credentials{Username: "quinn", Password: mfaPassword, Device: dev})
		l := needOf(t, err, engine.ErrMFARequired)
		if err := l.Submit(fx.ctx, engine.MFACode(fx.totp(secret))); err != nil {
			t.Fatal(err)
		}
		again := finish(t, fx, l)
		if again.ForgottenDevice != dev.Key || again.NewDevice == nil || again.NewDevice.Key == dev.Key {
			t.Fatalf("ForgottenDevice %q (want %q), NewDevice %v", again.ForgottenDevice, dev.Key, again.NewDevice)
		}
	}},
}
