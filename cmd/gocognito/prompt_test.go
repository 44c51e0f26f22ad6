package main

import (
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/gocognito/gocognito/engine"
	"github.com/gocognito/gocognito/states"
)

func TestPrompterReadsLines(t *testing.T) {
	tests := []struct {
		name      string
		in        string
		line      string // what line() returns first
		secret    string // what secret() returns next
		secretErr error
	}{
		{"LF", "123456\n pass word \n", "123456", " pass word ", nil},
		{"CRLF", "123456\r\npw\r\n", "123456", "pw", nil},
		{"no final newline", "123456\npw", "123456", "pw", nil},
		{"stdin ends", "123456\n", "123456", "", errNoAnswer},
		{"empty secret line", "123456\n\n", "123456", "", errNoAnswer},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out strings.Builder
			p := newPrompter(strings.NewReader(tt.in), &out)
			if p.interactive() {
				t.Fatal("a strings.Reader taken for a terminal")
			}
			got, err := p.line("Code: ")
			if err != nil || got != tt.line {
				t.Fatalf("line = %q, %v; want %q", got, err, tt.line)
			}
			sec, err := p.secret("Password: ")
			if sec != tt.secret || !errors.Is(err, tt.secretErr) {
				t.Fatalf("secret = %q, %v; want %q, %v", sec, err, tt.secret, tt.secretErr)
			}
			if !strings.HasPrefix(out.String(), "Code: \nPassword: \n") {
				t.Errorf("prompts %q, want each on its own line when stdin is not a terminal", out.String())
			}
		})
	}
}

func TestPrompterLongLine(t *testing.T) {
	p := newPrompter(strings.NewReader(strings.Repeat("x", maxAnswerBytes+10)+"\n"), &strings.Builder{})
	if _, err := p.line("? "); err == nil || !strings.Contains(err.Error(), "longer than") {
		t.Fatalf("error %v, want a refusal of the long line", err)
	}
}

func TestPrompterAnswers(t *testing.T) {
	tests := []struct {
		name    string
		need    states.Need
		in      string
		want    engine.Answer
		wantOut string
	}{
		{"SMS code", states.NeedMFACode{Medium: "SMS", Destination: "+*******0100"}, "123456\n",
			engine.MFACode("123456"), "Code sent by SMS to +*******0100: "},
		{"app code", states.NeedMFACode{Medium: states.MediumSoftwareToken}, "654321\n",
			engine.MFACode("654321"), "Code from your authenticator app: "},
		{"choice by number", states.NeedMFAChoice{Options: []string{"SMS_MFA", "SOFTWARE_TOKEN_MFA"}}, "2\n",
			engine.MFAChoice("SOFTWARE_TOKEN_MFA"), "  1) SMS_MFA\n  2) SOFTWARE_TOKEN_MFA\nChoice: "},
		{"TOTP setup", states.NeedTOTPSetup{Secret: "JBSWY3DPEHPK3PXP", URI: "otpauth://totp/x:alice?secret=JBSWY3DPEHPK3PXP"}, "111111\n",
			engine.TOTPSetupCode{Code: "111111", FriendlyName: "gocognito"}, "  URI:    otpauth://totp/x:alice?secret=JBSWY3DPEHPK3PXP\n  secret: JBSWY3DPEHPK3PXP\n"},
		{"new password and attributes", states.NeedNewPassword{Required: []string{"name", "family_name"}}, "N3w-Password!\nAlice\nLiddell\n",
			engine.NewPassword{Password: "N3w-Password!", Attributes: map[string]string{"name": "Alice", "family_name": "Liddell"}}, "name: \nfamily_name: "},
		{"custom challenge", states.NeedCustomAnswer{Params: map[string]string{"question": "2+2?", "hint": "four"}}, "4\n",
			engine.CustomAnswer("4"), "  hint: four\n  question: 2+2?\nAnswer: "},
		{"password", states.NeedPassword{}, "pw\n", engine.Password("pw"), "Password for alice: "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out strings.Builder
			got, err := newPrompter(strings.NewReader(tt.in), &out).answer(tt.need, testUser)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("answer %#v, want %#v", got, tt.want)
			}
			if !strings.Contains(out.String(), tt.wantOut) {
				t.Errorf("prompt %q lacks %q", out.String(), tt.wantOut)
			}
		})
	}
}

func TestPrompterCannotAnswer(t *testing.T) {
	for _, need := range []states.Need{states.NeedPassword{Device: true}, states.NeedNothing{}, nil} {
		if _, err := newPrompter(strings.NewReader("x\n"), &strings.Builder{}).answer(need, testUser); !errors.Is(err, errCannotAsk) {
			t.Errorf("need %#v: error %v, want errCannotAsk", need, err)
		}
	}
}

func TestParseChoice(t *testing.T) {
	options := []string{"SMS_MFA", "EMAIL_OTP", "SOFTWARE_TOKEN_MFA"}
	tests := []struct {
		in, want, wantErr string
	}{
		{"1", "SMS_MFA", ""},
		{" 3 ", "SOFTWARE_TOKEN_MFA", ""},
		{"email_otp", "EMAIL_OTP", ""},
		{"SMS_MFA", "SMS_MFA", ""},
		{"0", "", "not between 1 and 3"},
		{"4", "", "not between 1 and 3"},
		{"-1", "", "not between 1 and 3"},
		{"push", "", `"push" is not one of SMS_MFA, EMAIL_OTP, SOFTWARE_TOKEN_MFA`},
		{"", "", "is not one of"},
	}
	for _, tt := range tests {
		got, err := parseChoice(tt.in, options)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("parseChoice(%q) error %v, want %q", tt.in, err, tt.wantErr)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("parseChoice(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}

func FuzzParseChoice(f *testing.F) {
	for _, s := range []string{"1", "2", "sms_mfa", "99999999999999999999", " ", "\x00"} {
		f.Add(s)
	}
	options := []string{"SMS_MFA", "EMAIL_OTP", "SOFTWARE_TOKEN_MFA"}
	f.Fuzz(func(t *testing.T, in string) {
		got, err := parseChoice(in, options)
		if err == nil && !slices.Contains(options, got) {
			t.Fatalf("parseChoice(%q) = %q, not an option", in, got)
		}
	})
}
