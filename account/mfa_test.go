package account_test

import (
	"errors"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/gocognito/gocognito/account"
	"github.com/gocognito/gocognito/engine"
	"github.com/gocognito/gocognito/transport"
)

func TestTOTPSetup(t *testing.T) {
	forEachTarget(t, options{secret: true}, func(t *testing.T, fx *fixture) {
		if _, err := fx.cog.SetUserPoolMfaConfig(fx.ctx, &transport.UserPoolMfaConfig{UserPoolID: fx.poolID, MfaConfiguration: transport.MFAOptional,
			SoftwareTokenMfaConfiguration: &transport.SoftwareTokenMfaConfig{Enabled: true}}); err != nil {
			t.Fatal(err)
		}
		fx.user("sam")
		s := fx.session("sam")

		// TOTP cannot be turned on before a secret is verified.
		err := s.SetMFAPreference(fx.ctx, account.MFAPreference{SoftwareToken: account.Enable, Preferred: transport.MFASoftwareToken})
		if !errors.Is(err, transport.ErrInvalidParameter) {
			t.Fatalf("SetMFAPreference before setup: %v, want InvalidParameterException", err)
		}

		sec, err := s.AssociateSoftwareToken(fx.ctx)
		if err != nil {
			t.Fatalf("AssociateSoftwareToken: %v", err)
		}
		u, err := url.Parse(sec.URI)
		if err != nil {
			t.Fatal(err)
		}
		if u.Scheme != "otpauth" || u.Host != "totp" || u.Path != "/Example:sam@example.com" ||
			u.Query().Get("secret") != sec.Secret || u.Query().Get("issuer") != "Example" || len(sec.Secret) < 16 {
			t.Fatalf("URI %s does not name the issuer, the account and the secret", u.Redacted())
		}

		if err := s.VerifySoftwareToken(fx.ctx, wrong(fx.totp(sec.Secret)), "phone"); !errors.Is(err, transport.ErrEnableSoftwareTokenMFA) {
			t.Fatalf("VerifySoftwareToken with a wrong code: %v, want EnableSoftwareTokenMFAException", err)
		}
		if err := s.VerifySoftwareToken(fx.ctx, fx.totp(sec.Secret), "phone"); err != nil {
			t.Fatalf("VerifySoftwareToken: %v", err)
		}
		if err := s.SetMFAPreference(fx.ctx, account.MFAPreference{SoftwareToken: account.Enable, Preferred: transport.MFASoftwareToken}); err != nil {
			t.Fatalf("SetMFAPreference: %v", err)
		}
		got, err := s.User(fx.ctx)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got.MFA.Enabled, []string{transport.MFASoftwareToken}) || got.MFA.Preferred != transport.MFASoftwareToken {
			t.Fatalf("MFA = %+v", got.MFA)
		}
		// The next login asks for the code.
		if _, err := fx.login("sam", password); !errors.Is(err, engine.ErrMFARequired) {
			t.Fatalf("login with TOTP on: %v, want ErrMFARequired", err)
		}

		// Turning it off again.
		if err := s.SetMFAPreference(fx.ctx, account.MFAPreference{SoftwareToken: account.Disable}); err != nil {
			t.Fatal(err)
		}
		if _, err := fx.login("sam", password); err != nil {
			t.Fatalf("login with TOTP off: %v", err)
		}
	})
}

func TestAdminMFAPreference(t *testing.T) {
	forEachTarget(t, options{}, func(t *testing.T, fx *fixture) {
		fx.user("tess", transport.Attr("phone_number", "+15555550100"))
		err := fx.admin.SetMFAPreference(fx.ctx, "tess", account.MFAPreference{SMS: account.Enable, Email: account.Enable, Preferred: transport.MFAEmail})
		if err != nil {
			t.Fatalf("SetMFAPreference: %v", err)
		}
		u, err := fx.admin.User(fx.ctx, "tess")
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Contains(u.MFA.Enabled, transport.MFASMS) || !slices.Contains(u.MFA.Enabled, transport.MFAEmail) || u.MFA.Preferred != transport.MFAEmail {
			t.Fatalf("MFA = %+v", u.MFA)
		}
		// Keep leaves SMS on; e-mail off drops the preference.
		if err := fx.admin.SetMFAPreference(fx.ctx, "tess", account.MFAPreference{Email: account.Disable}); err != nil {
			t.Fatal(err)
		}
		if u, err = fx.admin.User(fx.ctx, "tess"); err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(u.MFA.Enabled, []string{transport.MFASMS}) || u.MFA.Preferred != "" {
			t.Fatalf("MFA after turning e-mail off = %+v", u.MFA)
		}
	})
}

func TestMFAPreferenceRefusedBeforeSending(t *testing.T) {
	fx := newFixture(t, options{})
	fx.user("uma")
	s := fx.session("uma")
	tests := []struct {
		name string
		p    account.MFAPreference
	}{
		{"preferred and disabled", account.MFAPreference{SMS: account.Disable, Preferred: transport.MFASMS}},
		{"unknown kind", account.MFAPreference{Preferred: "VOICE_MFA"}},
		{"unknown toggle", account.MFAPreference{Email: account.Toggle(9)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := s.SetMFAPreference(fx.ctx, tt.p); !errors.Is(err, account.ErrInvalidInput) {
				t.Errorf("Session: %v, want ErrInvalidInput", err)
			}
			if err := fx.admin.SetMFAPreference(fx.ctx, "uma", tt.p); !errors.Is(err, account.ErrInvalidInput) {
				t.Errorf("Admin: %v, want ErrInvalidInput", err)
			}
		})
	}
}

func TestTOTPURI(t *testing.T) {
	tests := []struct {
		issuer, account, secret, want string
	}{
		{"Example", "alice", "JBSWY3DP", "otpauth://totp/Example:alice?secret=JBSWY3DP&issuer=Example"},
		{"ACME Co", "a@b.c", "S", "otpauth://totp/ACME%20Co:a@b.c?secret=S&issuer=ACME%20Co"},
		{"a:b", "c:d", "S", "otpauth://totp/a%3Ab:c%3Ad?secret=S&issuer=a%3Ab"},
		{"x&y", "é", "S", "otpauth://totp/x&y:%C3%A9?secret=S&issuer=x%26y"},
	}
	for _, tt := range tests {
		got := account.TOTPURI(tt.issuer, tt.account, tt.secret)
		if got != tt.want {
			t.Errorf("TOTPURI(%q, %q) = %s, want %s", tt.issuer, tt.account, got, tt.want)
		}
		u, err := url.Parse(got)
		if err != nil {
			t.Errorf("%s does not parse: %v", got, err)
			continue
		}
		// The label's only literal colon separates issuer from account.
		rawIssuer, rawAcct, _ := strings.Cut(strings.TrimPrefix(u.EscapedPath(), "/"), ":")
		issuer, err1 := url.PathUnescape(rawIssuer)
		acct, err2 := url.PathUnescape(rawAcct)
		if err1 != nil || err2 != nil || issuer != tt.issuer || acct != tt.account || u.Query().Get("issuer") != tt.issuer {
			t.Errorf("%s parses back to issuer %q account %q", got, issuer, acct)
		}
	}
}
