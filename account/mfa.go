package account

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/gocognito/gocognito/internal/otpauth"
	"github.com/gocognito/gocognito/transport"
)

// TOTPSecret is a new authenticator-app secret for a user.
type TOTPSecret struct {
	// Secret is the shared secret in base32, for typing into an app.
	Secret string
	// URI is the otpauth://totp/ URI to show as a QR code.
	URI string
}

// String hides the secret.
func (t TOTPSecret) String() string { return "account.TOTPSecret{[redacted]}" }

// GoString hides the secret from %#v.
func (t TOTPSecret) GoString() string { return t.String() }

// LogValue hides the secret from log/slog.
func (t TOTPSecret) LogValue() slog.Value { return slog.StringValue(t.String()) }

// TOTPURI returns the otpauth URI that authenticator apps scan, in Google's
// Key URI format: otpauth://totp/ISSUER:ACCOUNT?secret=SECRET&issuer=ISSUER.
// Colons in issuer and account are escaped, since the label's colon
// separates them, and spaces are %20. The engine's MFA_SETUP writes the same
// URI.
func TOTPURI(issuer, account, secret string) string { return otpauth.URI(issuer, account, secret) }

// AssociateSoftwareToken starts TOTP setup for the user: Cognito makes a
// secret, to be loaded into an authenticator app and confirmed with
// VerifySoftwareToken. The URI names Client.TOTPIssuer and, as the account,
// the user's e-mail address when the ID token carries one, else its user
// name. In tests against the fake, fakecognito.TOTPCode(secret, now) is the
// authenticator app: it computes the code for VerifySoftwareToken and for
// the SOFTWARE_TOKEN_MFA challenges of later logins.
func (s *Session) AssociateSoftwareToken(ctx context.Context) (*TOTPSecret, error) {
	const op = "associate software token"
	tok, err := s.AccessToken(ctx)
	if err != nil {
		return nil, err
	}
	out, err := s.c.Transport.AssociateSoftwareToken(ctx, &transport.AssociateSoftwareTokenInput{AccessToken: tok})
	if err != nil {
		return nil, wrap(op, err)
	}
	issuer := s.c.TOTPIssuer
	if issuer == "" {
		issuer = DefaultTOTPIssuer
	}
	return &TOTPSecret{Secret: out.SecretCode, URI: TOTPURI(issuer, s.label, out.SecretCode)}, nil
}

// VerifySoftwareToken finishes TOTP setup with a code from the
// authenticator app; deviceName names the app in Cognito's records. TOTP
// MFA is then available to SetMFAPreference. A wrong code fails with
// transport.ErrEnableSoftwareTokenMFA (or transport.ErrCodeMismatch).
func (s *Session) VerifySoftwareToken(ctx context.Context, code, deviceName string) error {
	const op = "verify software token"
	tok, err := s.AccessToken(ctx)
	if err != nil {
		return err
	}
	out, err := s.c.Transport.VerifySoftwareToken(ctx, &transport.VerifySoftwareTokenInput{
		AccessToken: tok, UserCode: code, FriendlyDeviceName: deviceName,
	})
	if err != nil {
		return wrap(op, err)
	}
	if out.Status != transport.VerifySuccess {
		return fmt.Errorf("account: %s: %w: status %q", op, ErrSoftwareTokenRejected, out.Status)
	}
	return nil
}

// Toggle turns one MFA kind on or off, or leaves it as it is.
type Toggle uint8

// Values of Toggle.
const (
	Keep    Toggle = iota // leave as it is (not sent)
	Enable                // turn on
	Disable               // turn off
)

// MFAPreference changes a user's MFA kinds (pycognito's
// set_user_mfa_preference, with e-mail added).
type MFAPreference struct {
	SMS           Toggle
	SoftwareToken Toggle
	Email         Toggle
	// Preferred is the kind Cognito asks for first: transport.MFASMS,
	// transport.MFASoftwareToken, transport.MFAEmail, or "" for none. A
	// preferred kind left at Keep is turned on. As in Cognito, a kind turned
	// on or off here without being Preferred stops being preferred.
	Preferred string
}

// wire returns the three settings of SetUserMFAPreference, nil for a kind
// left as it is.
func (p MFAPreference) wire(op string) (sms, totp, email *transport.MFASettings, err error) {
	kinds := []struct {
		name   string
		toggle Toggle
		out    **transport.MFASettings
	}{
		{transport.MFASMS, p.SMS, &sms},
		{transport.MFASoftwareToken, p.SoftwareToken, &totp},
		{transport.MFAEmail, p.Email, &email},
	}
	known := p.Preferred == ""
	for _, k := range kinds {
		preferred := p.Preferred == k.name
		known = known || preferred
		switch {
		case k.toggle > Disable:
			return nil, nil, nil, invalid(op, "unknown Toggle %d for %s", k.toggle, k.name)
		case preferred && k.toggle == Disable:
			return nil, nil, nil, invalid(op, "%s cannot be both disabled and preferred", k.name)
		case k.toggle == Keep && !preferred:
			continue
		}
		*k.out = &transport.MFASettings{Enabled: k.toggle != Disable, PreferredMfa: preferred}
	}
	if !known {
		return nil, nil, nil, invalid(op, "unknown MFA kind %q", p.Preferred)
	}
	return sms, totp, email, nil
}

// SetMFAPreference turns the user's MFA kinds on or off and picks the
// preferred one. TOTP can be turned on only after VerifySoftwareToken, SMS
// only with a phone number, e-mail only with an e-mail address.
func (s *Session) SetMFAPreference(ctx context.Context, p MFAPreference) error {
	const op = "set MFA preference"
	sms, totp, email, err := p.wire(op)
	if err != nil {
		return err
	}
	tok, err := s.AccessToken(ctx)
	if err != nil {
		return err
	}
	_, err = s.c.Transport.SetUserMFAPreference(ctx, &transport.SetUserMFAPreferenceInput{
		AccessToken: tok, SMSMfaSettings: sms, SoftwareTokenMfaSettings: totp, EmailMfaSettings: email,
	})
	return wrap(op, err)
}
