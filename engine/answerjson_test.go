package engine_test

import (
	"encoding/json"
	"errors"
	"net/url"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/gocognito/gocognito/engine"
	"github.com/gocognito/gocognito/states"
)

func TestAnswerJSONRoundTrip(t *testing.T) {
	tests := []struct {
		name   string
		answer engine.Answer
		json   string
	}{
		{"password", engine.Password("pw"), `{"kind":"password","password":"pw"}`},
		{"device password", engine.DevicePassword("dp"), `{"kind":"device_password","password":"dp"}`},
		{"mfa code", engine.MFACode("123456"), `{"kind":"mfa_code","code":"123456"}`},
		{"mfa choice", engine.MFAChoice("SOFTWARE_TOKEN_MFA"), `{"kind":"mfa_choice","choice":"SOFTWARE_TOKEN_MFA"}`},
		{"totp setup", engine.TOTPSetupCode{Code: "654321", FriendlyName: "phone"}, `{"kind":"totp_setup_code","code":"654321","friendlyName":"phone"}`},
		{"totp secret again", engine.TOTPSetupCode{}, `{"kind":"totp_setup_code"}`},
		{"e-mail", engine.EmailAddress("a@example.org"), `{"kind":"email_address","email":"a@example.org"}`},
		{"new password", engine.NewPassword{Password: "np", Attributes: map[string]string{"name": "Ann"}}, `{"kind":"new_password","password":"np","attributes":{"name":"Ann"}}`},
		{"custom", engine.CustomAnswer("42"), `{"kind":"custom_answer","answer":"42"}`},
		{"first factor", engine.FirstFactor("EMAIL_OTP"), `{"kind":"first_factor","choice":"EMAIL_OTP"}`},
		{"sign-in code", engine.SignInCode("123456"), `{"kind":"sign_in_code","code":"123456"}`},
		{"passkey", engine.PasskeyAssertion(`{"id":"abc","type":"public-key"}`), `{"kind":"passkey_assertion","credential":{"id":"abc","type":"public-key"}}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b, err := json.Marshal(engine.AnswerJSON{Answer: tc.answer})
			must(t, err)
			if string(b) != tc.json {
				t.Fatalf("got %s, want %s", b, tc.json)
			}
			var back engine.AnswerJSON
			must(t, json.Unmarshal(b, &back))
			if diff := cmp.Diff(tc.answer, back.Answer); diff != "" {
				t.Fatalf("round trip (-want +got):\n%s", diff)
			}
		})
	}
}

func TestAnswerJSONRefuses(t *testing.T) {
	tests := []struct {
		name, json string
	}{
		{"unknown kind", `{"kind":"sms","code":"1"}`},
		{"no kind", `{"code":"1"}`},
		{"field of another kind", `{"kind":"mfa_code","password":"secret-pw"}`},
		{"unknown field", `{"kind":"mfa_code","code":"1","extra":"secret-pw"}`},
		{"not an object", `"secret-pw"`},
		{"passkey of another kind", `{"kind":"sign_in_code","credential":{"x":"secret-pw"}}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var a engine.AnswerJSON
			err := json.Unmarshal([]byte(tc.json), &a)
			if !errors.Is(err, engine.ErrInvalidInput) {
				t.Fatalf("err %v, want ErrInvalidInput", err)
			}
			if strings.Contains(err.Error(), "secret-pw") {
				t.Fatalf("error quotes a value: %v", err)
			}
			if a.Answer != nil {
				t.Fatalf("answer %v set on error", a.Answer)
			}
		})
	}
}

func TestAnswerFromForm(t *testing.T) {
	tests := []struct {
		name    string
		need    states.Need
		form    url.Values
		want    engine.Answer
		wantErr error
	}{
		{"password", states.NeedPassword{}, url.Values{"password": {"pw"}}, engine.Password("pw"), nil},
		{"device password", states.NeedPassword{Device: true}, url.Values{"password": {"dp"}}, engine.DevicePassword("dp"), nil},
		{"code with spaces", states.NeedMFACode{Medium: "SMS"}, url.Values{"code": {" 123 456 "}}, engine.MFACode("123456"), nil},
		{"choice", states.NeedMFAChoice{Options: []string{"SMS_MFA"}}, url.Values{"choice": {"SMS_MFA"}}, engine.MFAChoice("SMS_MFA"), nil},
		{"setup choice", states.NeedMFASetupChoice{}, url.Values{"choice": {"EMAIL_OTP"}}, engine.MFAChoice("EMAIL_OTP"), nil},
		{"totp", states.NeedTOTPSetup{}, url.Values{"code": {"654321"}, "friendly_name": {" phone "}}, engine.TOTPSetupCode{Code: "654321", FriendlyName: "phone"}, nil},
		{"e-mail", states.NeedEmailSetup{}, url.Values{"email": {" a@example.org "}}, engine.EmailAddress("a@example.org"), nil},
		{"new password", states.NeedNewPassword{Required: []string{"name"}},
			url.Values{"new_password": {"np"}, "attribute.name": {" Ann "}, "csrf": {"x"}},
			engine.NewPassword{Password: "np", Attributes: map[string]string{"name": "Ann"}}, nil},
		{"custom", states.NeedCustomAnswer{}, url.Values{"answer": {"42"}}, engine.CustomAnswer("42"), nil},
		{"first factor", states.NeedFirstFactorChoice{}, url.Values{"choice": {"SMS_OTP"}}, engine.FirstFactor("SMS_OTP"), nil},
		{"sign-in code", states.NeedSignInCode{}, url.Values{"code": {"12 34 56"}}, engine.SignInCode("123456"), nil},
		{"passkey", states.NeedPasskey{}, url.Values{"credential": {`{"id":"abc"}`}}, engine.PasskeyAssertion(`{"id":"abc"}`), nil},
		{"passkey not JSON", states.NeedPasskey{}, url.Values{"credential": {`secret-pw`}}, nil, engine.ErrInvalidInput},
		{"empty code", states.NeedMFACode{}, url.Values{"code": {"  "}}, nil, engine.ErrInvalidInput},
		{"missing password", states.NeedPassword{}, url.Values{}, nil, engine.ErrInvalidInput},
		{"nothing needed", states.NeedNothing{}, url.Values{"code": {"1"}}, nil, engine.ErrWrongAnswer},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := engine.AnswerFromForm(tc.need, tc.form)
			if !errors.Is(err, tc.wantErr) {
				t.Fatalf("err %v, want %v", err, tc.wantErr)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Fatalf("answer (-want +got):\n%s", diff)
			}
		})
	}
}
