package states_test

import (
	"context"
	"errors"
	"testing"

	"github.com/gocognito/gocognito/states"
)

func TestNext(t *testing.T) {
	tests := []struct {
		name    string
		from    states.State
		ev      states.Event
		want    states.State
		wantErr bool
	}{
		{"srp starts with the verifier", states.Init, states.EventPasswordVerifier, states.PasswordVerifier, false},
		{"password auth goes straight to tokens", states.Init, states.EventAuthenticated, states.Done, false},
		{"passwordless custom auth", states.Init, states.EventCustomChallenge, states.CustomChallenge, false},
		{"verifier then device", states.PasswordVerifier, states.EventDeviceSRPAuth, states.DeviceSRP, false},
		{"device steps follow each other", states.DeviceSRP, states.EventDevicePasswordVerifier, states.DevicePasswordVerifier, false},
		{"device proof gives tokens", states.DevicePasswordVerifier, states.EventAuthenticated, states.Done, false},
		{"verifier then sms", states.PasswordVerifier, states.EventSMSMFA, states.SMSMFA, false},
		{"verifier then email", states.PasswordVerifier, states.EventEmailOTP, states.EmailOTP, false},
		{"verifier then totp", states.PasswordVerifier, states.EventSoftwareTokenMFA, states.SoftwareTokenMFA, false},
		{"choice then totp", states.SelectMFAType, states.EventSoftwareTokenMFA, states.SoftwareTokenMFA, false},
		{"choice then sms", states.SelectMFAType, states.EventSMSMFA, states.SMSMFA, false},
		{"verifier then setup", states.PasswordVerifier, states.EventMFASetup, states.MFASetup, false},
		{"setup gives tokens", states.MFASetup, states.EventAuthenticated, states.Done, false},
		{"e-mail setup then its code", states.MFASetup, states.EventEmailOTP, states.EmailOTP, false},
		{"new password then mfa", states.NewPasswordRequired, states.EventSMSMFA, states.SMSMFA, false},
		{"custom challenges repeat", states.CustomChallenge, states.EventCustomChallenge, states.CustomChallenge, false},
		{"srp then custom", states.PasswordVerifier, states.EventCustomChallenge, states.CustomChallenge, false},
		{"sms then device", states.SMSMFA, states.EventDeviceSRPAuth, states.DeviceSRP, false},
		{"totp then device", states.SoftwareTokenMFA, states.EventDeviceSRPAuth, states.DeviceSRP, false},
		{"email then device", states.EmailOTP, states.EventDeviceSRPAuth, states.DeviceSRP, false},
		{"mfa setup then device", states.MFASetup, states.EventDeviceSRPAuth, states.DeviceSRP, false},
		{"custom then device", states.CustomChallenge, states.EventDeviceSRPAuth, states.DeviceSRP, false},
		{"new password then device", states.NewPasswordRequired, states.EventDeviceSRPAuth, states.DeviceSRP, false},
		{"password auth then device", states.Init, states.EventDeviceSRPAuth, states.DeviceSRP, false},
		{"any waiting state fails", states.SelectMFAType, states.EventFail, states.Failed, false},
		{"user auth without a preference", states.Init, states.EventSelectChallenge, states.SelectChallenge, false},
		{"e-mail code preferred", states.Init, states.EventEmailSignInCode, states.SignInEmailCode, false},
		{"SMS code preferred", states.Init, states.EventSMSOTP, states.SignInSMSCode, false},
		{"passkey preferred", states.Init, states.EventWebAuthn, states.WebAuthn, false},
		{"e-mail code chosen", states.SelectChallenge, states.EventEmailSignInCode, states.SignInEmailCode, false},
		{"SMS code chosen", states.SelectChallenge, states.EventSMSOTP, states.SignInSMSCode, false},
		{"passkey chosen", states.SelectChallenge, states.EventWebAuthn, states.WebAuthn, false},
		{"SRP chosen", states.SelectChallenge, states.EventPasswordVerifier, states.PasswordVerifier, false},
		{"password chosen gives tokens", states.SelectChallenge, states.EventAuthenticated, states.Done, false},
		{"password chosen then MFA", states.SelectChallenge, states.EventSMSMFA, states.SMSMFA, false},
		{"password chosen then e-mail MFA", states.SelectChallenge, states.EventEmailOTP, states.EmailOTP, false},
		{"password chosen then device", states.SelectChallenge, states.EventDeviceSRPAuth, states.DeviceSRP, false},
		{"code gives tokens", states.SignInEmailCode, states.EventAuthenticated, states.Done, false},
		{"SMS code then device", states.SignInSMSCode, states.EventDeviceSRPAuth, states.DeviceSRP, false},
		{"passkey gives tokens", states.WebAuthn, states.EventAuthenticated, states.Done, false},
		{"code then new password", states.SignInEmailCode, states.EventNewPasswordRequired, states.NewPasswordRequired, false},
		{"a code can fail", states.SignInSMSCode, states.EventFail, states.Failed, false},

		{"no MFA after a code", states.SignInEmailCode, states.EventSMSMFA, "", true},
		{"no MFA choice after a code", states.SignInSMSCode, states.EventSelectMFAType, "", true},
		{"no MFA setup after a passkey", states.WebAuthn, states.EventMFASetup, "", true},
		{"no choice after the password", states.PasswordVerifier, states.EventSelectChallenge, "", true},
		{"choice does not repeat", states.SelectChallenge, states.EventSelectChallenge, "", true},
		{"a sign-in code only first", states.PasswordVerifier, states.EventEmailSignInCode, "", true},
		{"no passkey after MFA", states.SMSMFA, states.EventWebAuthn, "", true},

		{"verifier twice", states.PasswordVerifier, states.EventPasswordVerifier, "", true},
		{"choice cannot lead to tokens", states.SelectMFAType, states.EventAuthenticated, "", true},
		{"choice cannot repeat", states.SelectMFAType, states.EventSelectMFAType, "", true},
		{"device proof before device srp", states.PasswordVerifier, states.EventDevicePasswordVerifier, "", true},
		{"mfa cannot follow mfa", states.SMSMFA, states.EventSoftwareTokenMFA, "", true},
		{"device srp comes last: no mfa after it", states.DevicePasswordVerifier, states.EventSMSMFA, "", true},
		{"device srp comes last: no choice after it", states.DevicePasswordVerifier, states.EventSelectMFAType, "", true},
		{"device srp comes last: no setup after it", states.DevicePasswordVerifier, states.EventMFASetup, "", true},
		{"device srp comes last: no custom after it", states.DevicePasswordVerifier, states.EventCustomChallenge, "", true},
		{"device srp comes last: no new password after it", states.DevicePasswordVerifier, states.EventNewPasswordRequired, "", true},
		{"choice is not the device", states.SelectMFAType, states.EventDeviceSRPAuth, "", true},
		{"setup sends no sms code", states.MFASetup, states.EventSMSMFA, "", true},
		{"setup does not repeat", states.MFASetup, states.EventMFASetup, "", true},
		{"done is final", states.Done, states.EventFail, "", true},
		{"failed is final", states.Failed, states.EventAuthenticated, "", true},
		{"unknown event", states.Init, states.Event("ADMIN_NO_SRP_AUTH"), "", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := states.Next(tc.from, tc.ev)
			if tc.wantErr {
				var te *states.TransitionError
				if !errors.As(err, &te) || te.State != tc.from || te.Event != tc.ev || !errors.Is(err, states.ErrNotAllowed) {
					t.Fatalf("Next(%s, %s) = %q, %v; want a *TransitionError naming both", tc.from, tc.ev, got, err)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("Next(%s, %s) = %q, %v; want %q", tc.from, tc.ev, got, err, tc.want)
			}
		})
	}
}

func TestTransitionErrorNamesStateAndChallenge(t *testing.T) {
	_, err := states.Next(states.SMSMFA, states.EventSelectMFAType)
	if got, want := err.Error(), "states: challenge SELECT_MFA_TYPE not allowed in state SMSMFA"; got != want {
		t.Fatalf("error = %q, want %q", got, want)
	}
	_, err = states.Next(states.Done, states.EventFail)
	if got, want := err.Error(), "states: event FAIL not allowed in state Done"; got != want {
		t.Fatalf("error = %q, want %q", got, want)
	}
}

// TestEveryStateReachable walks the table from Init: every state must be
// reachable, every waiting state must be able to fail, and only Done and
// Failed may have no way out.
func TestEveryStateReachable(t *testing.T) {
	out := map[states.State][]states.State{}
	for _, ev := range states.Table() {
		for _, s := range ev.Src {
			out[states.State(s)] = append(out[states.State(s)], states.State(ev.Dst))
		}
	}
	seen := map[states.State]bool{states.Init: true}
	queue := []states.State{states.Init}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		for _, n := range out[s] {
			if !seen[n] {
				seen[n] = true
				queue = append(queue, n)
			}
		}
	}
	for _, s := range states.All() {
		if !seen[s] {
			t.Errorf("state %s is not reachable from Init", s)
		}
		if !s.Valid() {
			t.Errorf("state %s is not Valid", s)
		}
		_, failErr := states.Next(s, states.EventFail)
		if s.Terminal() {
			if len(out[s]) != 0 {
				t.Errorf("terminal state %s has transitions %v", s, out[s])
			}
			continue
		}
		if failErr != nil {
			t.Errorf("waiting state %s cannot fail: %v", s, failErr)
		}
	}
	for _, ev := range states.Table() {
		for _, s := range append(ev.Src, ev.Dst) {
			if !states.State(s).Valid() {
				t.Errorf("table names unknown state %q", s)
			}
		}
	}
	if states.State("Bogus").Valid() {
		t.Error(`State("Bogus").Valid() = true`)
	}
}

func TestForChallenge(t *testing.T) {
	tests := []struct {
		name string
		want states.State
		ok   bool
	}{
		{"PASSWORD_VERIFIER", states.PasswordVerifier, true},
		{"DEVICE_SRP_AUTH", states.DeviceSRP, true},
		{"DEVICE_PASSWORD_VERIFIER", states.DevicePasswordVerifier, true},
		{"SMS_MFA", states.SMSMFA, true},
		{"EMAIL_OTP", states.EmailOTP, true},
		{"SOFTWARE_TOKEN_MFA", states.SoftwareTokenMFA, true},
		{"SELECT_MFA_TYPE", states.SelectMFAType, true},
		{"MFA_SETUP", states.MFASetup, true},
		{"NEW_PASSWORD_REQUIRED", states.NewPasswordRequired, true},
		{"CUSTOM_CHALLENGE", states.CustomChallenge, true},
		{"SELECT_CHALLENGE", states.SelectChallenge, true},
		{"SMS_OTP", states.SignInSMSCode, true},
		{"WEB_AUTHN", states.WebAuthn, true},
		{"ADMIN_NO_SRP_AUTH", "", false},
		{"", "", false},
		{"sms_mfa", "", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ev, s, ok := states.ForChallenge(tc.name)
			if ok != tc.ok || s != tc.want {
				t.Fatalf("ForChallenge(%q) = %q, %q, %v; want state %q, %v", tc.name, ev, s, ok, tc.want, tc.ok)
			}
			if ok && string(ev) != tc.name {
				t.Fatalf("event = %q, want the challenge name", ev)
			}
			if ok {
				from := states.PasswordVerifier
				if tc.want == states.SelectChallenge || tc.want == states.SignInSMSCode || tc.want == states.WebAuthn {
					from = states.Init // first factors: only at the start
				}
				if _, err := states.Next(from, ev); err != nil && tc.want != states.PasswordVerifier && tc.want != states.DevicePasswordVerifier {
					t.Errorf("challenge %s cannot follow the password verifier: %v", tc.name, err)
				}
			}
		})
	}
}

func TestForFirstFactor(t *testing.T) {
	for _, tc := range []struct {
		name  string
		event states.Event
		want  states.State
	}{
		{"EMAIL_OTP", states.EventEmailSignInCode, states.SignInEmailCode},
		{"SMS_OTP", states.EventSMSOTP, states.SignInSMSCode},
		{"WEB_AUTHN", states.EventWebAuthn, states.WebAuthn},
		{"PASSWORD_VERIFIER", states.EventPasswordVerifier, states.PasswordVerifier},
		{"SMS_MFA", states.EventSMSMFA, states.SMSMFA},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ev, s, ok := states.ForFirstFactor(tc.name)
			if !ok || ev != tc.event || s != tc.want {
				t.Fatalf("ForFirstFactor(%q) = %q, %q, %v; want %q, %q", tc.name, ev, s, ok, tc.event, tc.want)
			}
		})
	}
	if _, _, ok := states.ForFirstFactor("MAGIC_LINK"); ok {
		t.Fatal("ForFirstFactor knows MAGIC_LINK")
	}
}

func TestFire(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // Fire records what happened even when ctx is done.
	m := states.NewMachine(states.PasswordVerifier)
	steps := []struct {
		ev      states.Event
		want    states.State
		wantErr bool
	}{
		{states.EventCustomChallenge, states.CustomChallenge, false},
		{states.EventCustomChallenge, states.CustomChallenge, false}, // a self-loop is a transition too
		{states.EventDevicePasswordVerifier, states.CustomChallenge, true},
		{states.Event("ADMIN_NO_SRP_AUTH"), states.CustomChallenge, true}, // an event the table never names
		{states.EventAuthenticated, states.Done, false},
		{states.EventFail, states.Done, true},
	}
	for i, st := range steps {
		from := states.State(m.Current())
		checkErr := states.Check(m, st.ev)
		got, err := states.Fire(ctx, m, st.ev)
		if (err != nil) != st.wantErr || got != st.want {
			t.Fatalf("step %d: Fire(%s) = %q, %v; want %q (error %v)", i, st.ev, got, err, st.want, st.wantErr)
		}
		if st.wantErr {
			var te *states.TransitionError
			if !errors.As(err, &te) || te.State != from || te.Event != st.ev || !errors.Is(err, states.ErrNotAllowed) {
				t.Fatalf("step %d: Fire(%s) error %v; want a *TransitionError naming %s and %s", i, st.ev, err, from, st.ev)
			}
		}
		// Check reads the same answer from the machine before the move.
		if (checkErr != nil) != st.wantErr || st.wantErr && checkErr.Error() != err.Error() {
			t.Fatalf("step %d: Check(%s) = %v, Fire's error %v", i, st.ev, checkErr, err)
		}
		if states.State(m.Current()) != st.want {
			t.Fatalf("step %d: machine in %q, want %q", i, m.Current(), st.want)
		}
	}
}

func TestStateClasses(t *testing.T) {
	for _, s := range states.All() {
		auto := s == states.PasswordVerifier || s == states.DeviceSRP || s == states.DevicePasswordVerifier
		if s.Automatic() != auto {
			t.Errorf("%s.Automatic() = %v", s, s.Automatic())
		}
		if s.Terminal() != (s == states.Done || s == states.Failed) {
			t.Errorf("%s.Terminal() = %v", s, s.Terminal())
		}
		if s.String() != string(s) {
			t.Errorf("String() = %q", s.String())
		}
	}
}
