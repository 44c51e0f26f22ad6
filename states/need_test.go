package states_test

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/gocognito/gocognito/states"
)

func TestNeedFor(t *testing.T) {
	tests := []struct {
		name   string
		state  states.State
		params map[string]string
		want   states.Need
	}{
		{"init asks for the password", states.Init, nil, states.NeedPassword{}},
		{"verifier is automatic", states.PasswordVerifier, map[string]string{"SALT": "ab"}, states.NeedNothing{}},
		{"device srp is automatic", states.DeviceSRP, nil, states.NeedNothing{}},
		{"device verifier is automatic", states.DevicePasswordVerifier, nil, states.NeedNothing{}},
		{"done", states.Done, nil, states.NeedNothing{}},
		{"failed", states.Failed, nil, states.NeedNothing{}},
		{"sms", states.SMSMFA, map[string]string{
			"CODE_DELIVERY_DELIVERY_MEDIUM": "SMS", "CODE_DELIVERY_DESTINATION": "+*******1234",
		}, states.NeedMFACode{Medium: "SMS", Destination: "+*******1234"}},
		{"sms without details", states.SMSMFA, nil, states.NeedMFACode{Medium: "SMS"}},
		{"email", states.EmailOTP, map[string]string{
			"CODE_DELIVERY_DELIVERY_MEDIUM": "EMAIL", "CODE_DELIVERY_DESTINATION": "a***@e***",
		}, states.NeedMFACode{Medium: "EMAIL", Destination: "a***@e***"}},
		{"email without details", states.EmailOTP, nil, states.NeedMFACode{Medium: "EMAIL"}},
		{"totp", states.SoftwareTokenMFA, map[string]string{"FRIENDLY_DEVICE_NAME": "phone"},
			states.NeedMFACode{Medium: "SOFTWARE_TOKEN"}},
		{"choice", states.SelectMFAType, map[string]string{"MFAS_CAN_CHOOSE": `["SMS_MFA","SOFTWARE_TOKEN_MFA"]`},
			states.NeedMFAChoice{Options: []string{"SMS_MFA", "SOFTWARE_TOKEN_MFA"}}},
		{"choice as a plain list", states.SelectMFAType, map[string]string{"MFAS_CAN_CHOOSE": "SMS_MFA, EMAIL_OTP"},
			states.NeedMFAChoice{Options: []string{"SMS_MFA", "EMAIL_OTP"}}},
		{"choice missing", states.SelectMFAType, nil, states.NeedMFAChoice{Options: []string{}}},
		{"setup", states.MFASetup, map[string]string{"MFAS_CAN_SETUP": `["SOFTWARE_TOKEN_MFA"]`}, states.NeedTOTPSetup{}},
		{"setup without a list is totp", states.MFASetup, nil, states.NeedTOTPSetup{}},
		{"setup by e-mail only", states.MFASetup, map[string]string{"MFAS_CAN_SETUP": `["EMAIL_OTP"]`}, states.NeedEmailSetup{}},
		{"setup choice", states.MFASetup, map[string]string{"MFAS_CAN_SETUP": `["SOFTWARE_TOKEN_MFA","EMAIL_OTP"]`},
			states.NeedMFASetupChoice{Options: []string{"SOFTWARE_TOKEN_MFA", "EMAIL_OTP"}}},
		{"setup leaves sms out", states.MFASetup, map[string]string{"MFAS_CAN_SETUP": `["SMS_MFA","SOFTWARE_TOKEN_MFA","EMAIL_OTP"]`},
			states.NeedMFASetupChoice{Options: []string{"SOFTWARE_TOKEN_MFA", "EMAIL_OTP"}}},
		{"setup offering only sms", states.MFASetup, map[string]string{"MFAS_CAN_SETUP": `["SMS_MFA"]`},
			states.NeedMFASetupChoice{Options: []string{}}},
		{"new password", states.NewPasswordRequired, map[string]string{
			"requiredAttributes": `["userAttributes.name","userAttributes.custom:team"]`,
			"userAttributes":     `{"email":"alice@example.com","email_verified":"true","custom:n":7}`,
		}, states.NeedNewPassword{
			Required:   []string{"name", "custom:team"},
			Attributes: map[string]string{"email": "alice@example.com", "email_verified": "true", "custom:n": "7"},
		}},
		{"new password, nothing required", states.NewPasswordRequired, map[string]string{
			"requiredAttributes": `[]`, "userAttributes": `{}`,
		}, states.NeedNewPassword{Required: []string{}, Attributes: map[string]string{}}},
		{"new password, garbage", states.NewPasswordRequired, map[string]string{
			"requiredAttributes": `[1, null, "name"`, "userAttributes": `{"a":`,
		}, states.NeedNewPassword{Required: []string{"1", "null", "name"}, Attributes: map[string]string{}}},
		{"first factor choice", states.SelectChallenge, map[string]string{"USERNAME": "alice"}, states.NeedFirstFactorChoice{Options: []string{}}},
		{"e-mail sign-in code", states.SignInEmailCode, map[string]string{
			"CODE_DELIVERY_DELIVERY_MEDIUM": "EMAIL", "CODE_DELIVERY_DESTINATION": "a***@e***"},
			states.NeedSignInCode{Medium: "EMAIL", Destination: "a***@e***"}},
		{"e-mail sign-in code without details", states.SignInEmailCode, nil, states.NeedSignInCode{Medium: "EMAIL"}},
		{"SMS sign-in code without details", states.SignInSMSCode, nil, states.NeedSignInCode{Medium: "SMS"}},
		{"passkey", states.WebAuthn, map[string]string{"CREDENTIAL_REQUEST_OPTIONS": `{"challenge":"abc","rpId":"example.com"}`},
			states.NeedPasskey{RequestOptions: `{"challenge":"abc","rpId":"example.com"}`}},
		{"custom", states.CustomChallenge, map[string]string{"question": "2+2?", "USERNAME": "alice"},
			states.NeedCustomAnswer{Params: map[string]string{"question": "2+2?", "USERNAME": "alice"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := states.NeedFor(tc.state, tc.params)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Fatalf("NeedFor(%s) mismatch (-want +got):\n%s", tc.state, diff)
			}
		})
	}
}

func TestNeedForCopiesCustomParams(t *testing.T) {
	params := map[string]string{"q": "1"}
	n := states.NeedFor(states.CustomChallenge, params).(states.NeedCustomAnswer)
	params["q"] = "changed"
	if n.Params["q"] != "1" {
		t.Fatal("NeedCustomAnswer shares the caller's map")
	}
}

func TestNeedJSONRoundTrip(t *testing.T) {
	needs := []struct {
		need states.Need
		kind string
	}{
		{states.NeedNothing{}, "nothing"},
		{states.NeedPassword{}, "password"},
		{states.NeedPassword{Device: true}, "password"},
		{states.NeedMFACode{Medium: "SMS", Destination: "+***4"}, "mfa_code"},
		{states.NeedNewPassword{Required: []string{"name"}, Attributes: map[string]string{"email": "a@b.c"}}, "new_password"},
		{states.NeedNewPassword{Required: []string{}, Attributes: map[string]string{}}, "new_password"},
		{states.NeedMFAChoice{Options: []string{"SMS_MFA"}}, "mfa_choice"},
		{states.NeedTOTPSetup{Secret: "JBSWY3DPEHPK3PXP", URI: "otpauth://totp/x:y?secret=JBSWY3DPEHPK3PXP"}, "totp_setup"},
		{states.NeedCustomAnswer{Params: map[string]string{"q": "?"}}, "custom_answer"},
		{states.NeedMFASetupChoice{Options: []string{"SOFTWARE_TOKEN_MFA", "EMAIL_OTP"}}, "mfa_setup_choice"},
		{states.NeedMFASetupChoice{Options: []string{}}, "mfa_setup_choice"},
		{states.NeedEmailSetup{}, "email_setup"},
		{states.NeedFirstFactorChoice{Options: []string{"PASSWORD", "EMAIL_OTP"}}, "first_factor_choice"},
		{states.NeedFirstFactorChoice{Options: []string{}}, "first_factor_choice"},
		{states.NeedSignInCode{Medium: "SMS", Destination: "+*******0123"}, "sign_in_code"},
		{states.NeedPasskey{RequestOptions: `{"challenge":"abc","allowCredentials":[]}`}, "passkey"},
	}
	for _, tc := range needs {
		t.Run(fmt.Sprintf("%T", tc.need), func(t *testing.T) {
			b, err := json.Marshal(states.NeedJSON{Need: tc.need})
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(b), `"kind":"`+tc.kind+`"`) {
				t.Fatalf("encoding %s lacks kind %q", b, tc.kind)
			}
			if states.Kind(tc.need) != tc.kind {
				t.Fatalf("Kind = %q, want %q", states.Kind(tc.need), tc.kind)
			}
			var back states.NeedJSON
			if err := json.Unmarshal(b, &back); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.need, back.Need); diff != "" {
				t.Fatalf("round trip of %s (-want +got):\n%s", b, diff)
			}
		})
	}
}

func TestFirstFactorNeed(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   []string
		want []string
	}{
		{"as offered", []string{"PASSWORD", "PASSWORD_SRP", "EMAIL_OTP"}, []string{"PASSWORD", "PASSWORD_SRP", "EMAIL_OTP"}},
		{"none", nil, []string{}},
		{"duplicates and blanks dropped", []string{"SMS_OTP", "", "SMS_OTP"}, []string{"SMS_OTP"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			n, ok := states.FirstFactorNeed(tc.in).(states.NeedFirstFactorChoice)
			if !ok || !slices.Equal(n.Options, tc.want) {
				t.Fatalf("FirstFactorNeed(%v) = %#v, want options %v", tc.in, n, tc.want)
			}
		})
	}
}

func TestNeedJSONErrors(t *testing.T) {
	if b, err := json.Marshal(states.NeedJSON{}); err != nil || string(b) != `{"kind":"nothing"}` {
		t.Fatalf("nil need encodes as %s, %v", b, err)
	}
	for _, in := range []string{`{"kind":"wat"}`, `{}`, `[]`, `{"kind":"mfa_code","medium":7}`} {
		var n states.NeedJSON
		if err := json.Unmarshal([]byte(in), &n); err == nil {
			t.Errorf("Unmarshal(%s) = %#v, want an error", in, n.Need)
		}
	}
	if states.Kind(nil) != "" {
		t.Error("Kind(nil) is not empty")
	}
}

func TestTOTPSetupRedacts(t *testing.T) {
	const secret = "JBSWY3DPEHPK3PXP"
	n := states.NeedTOTPSetup{Secret: secret, URI: "otpauth://totp/Pool:alice?secret=" + secret}
	var logged strings.Builder
	slog.New(slog.NewTextHandler(&logged, nil)).Info("need", "need", n)
	for _, out := range []string{fmt.Sprint(n), fmt.Sprintf("%v %+v %#v %s", n, n, n, n), logged.String()} {
		if strings.Contains(out, secret) {
			t.Fatalf("secret leaked: %s", out)
		}
		if !strings.Contains(out, "[redacted]") {
			t.Fatalf("no redaction marker in %s", out)
		}
	}
	if got := fmt.Sprint(states.NeedTOTPSetup{}); got != `NeedTOTPSetup{Secret:"" URI:""}` {
		t.Fatalf("empty need prints %s", got)
	}
}

func FuzzNeedFor(f *testing.F) {
	f.Add("SelectMFAType", `["SMS_MFA","SOFTWARE_TOKEN_MFA"]`, `{"email":"a"}`)
	f.Add("NewPasswordRequired", `["userAttributes.name"]`, `{"email":"a","n":1,"x":null}`)
	f.Add("NewPasswordRequired", `[`, `{`)
	f.Add("CustomChallenge", `a,b,,c`, `"x"`)
	f.Fuzz(func(t *testing.T, state, list, attrs string) {
		params := map[string]string{
			"MFAS_CAN_CHOOSE": list, "requiredAttributes": list, "userAttributes": attrs,
			"CODE_DELIVERY_DESTINATION": attrs,
		}
		for _, s := range append(states.All(), states.State(state)) {
			n := states.NeedFor(s, params)
			if n == nil {
				t.Fatalf("NeedFor(%s) = nil", s)
			}
			b, err := json.Marshal(states.NeedJSON{Need: n})
			if err != nil {
				t.Fatalf("marshal %#v: %v", n, err)
			}
			var back states.NeedJSON
			if err := json.Unmarshal(b, &back); err != nil {
				t.Fatalf("unmarshal %s: %v", b, err)
			}
			if states.Kind(back.Need) != states.Kind(n) {
				t.Fatalf("kind changed: %s", b)
			}
		}
	})
}

func FuzzNeedJSON(f *testing.F) {
	f.Add(`{"kind":"mfa_code","medium":"SMS"}`)
	f.Add(`{"kind":"new_password","required":["a"],"attributes":{"b":"c"}}`)
	f.Add(`{"kind":"totp_setup","secret":"x"}`)
	f.Fuzz(func(t *testing.T, in string) {
		var n states.NeedJSON
		if err := json.Unmarshal([]byte(in), &n); err != nil {
			return
		}
		if n.Need == nil {
			t.Fatalf("Unmarshal(%q) succeeded with a nil need", in)
		}
		b, err := json.Marshal(n)
		if err != nil {
			t.Fatalf("re-marshal: %v", err)
		}
		var again states.NeedJSON
		if err := json.Unmarshal(b, &again); err != nil {
			t.Fatalf("re-unmarshal %s: %v", b, err)
		}
		if diff := cmp.Diff(n.Need, again.Need); diff != "" {
			t.Fatalf("not stable (-first +second):\n%s", diff)
		}
	})
}
