package fakecognito

import (
	"context"

	"github.com/gocognito/gocognito/transport"
)

// AssociateSoftwareToken gives a user a new TOTP secret to load into an
// authenticator app: for a signed-in user by access token, or during a
// login's MFA_SETUP challenge by Session (which it replaces with a new
// one). VerifySoftwareToken must then accept a code from it.
func (f *Fake) AssociateSoftwareToken(ctx context.Context, in *transport.AssociateSoftwareTokenInput) (*transport.AssociateSoftwareTokenOutput, error) {
	return run(ctx, f, "AssociateSoftwareToken", in, func(in *transport.AssociateSoftwareTokenInput) (*transport.AssociateSoftwareTokenOutput, error) {
		if (in.AccessToken == "") == (in.Session == "") {
			return nil, invalidParam("Exactly one of AccessToken and Session must be given.")
		}
		secret, err := f.newTOTPSecret()
		if err != nil {
			return nil, err
		}
		if in.AccessToken != "" {
			err := f.withUser(in.AccessToken, true, func(_ *pool, u *user, _ *family) error {
				u.MFA.PendingTOTP = secret
				return nil
			})
			if err != nil {
				return nil, err
			}
			return &transport.AssociateSoftwareTokenOutput{SecretCode: secret}, nil
		}
		f.lockW()
		defer f.unlockW()
		s, u, err := f.setupSessionLocked(in.Session)
		if err != nil {
			return nil, err
		}
		u.MFA.PendingTOTP = secret
		f.consumeLocked(s)
		next, err := f.newSessionLocked(s.auth.clone(), transport.ChallengeMFASetup, s.expires.Sub(f.clock()))
		if err != nil {
			return nil, err
		}
		return &transport.AssociateSoftwareTokenOutput{SecretCode: secret, Session: next.id}, nil
	})
}

// setupSessionLocked finds the live MFA_SETUP session of a login and its
// user.
func (f *Fake) setupSessionLocked(id string) (*session, *user, error) {
	s := f.st.sessions[id]
	switch {
	case s == nil:
		return nil, nil, notAuthorized(msgSessionInvalid)
	case s.used:
		return nil, nil, notAuthorized(msgSessionUsed)
	case f.clock().After(s.expires):
		return nil, nil, notAuthorized(msgSessionExpired)
	case s.challenge != transport.ChallengeMFASetup:
		return nil, nil, notAuthorized(msgCodeOrState)
	}
	p := f.st.Pools[s.auth.poolID]
	if p == nil {
		return nil, nil, notAuthorized(msgSessionInvalid)
	}
	u := p.lookup(s.auth.username)
	if u == nil || u.Sub != s.auth.sub {
		return nil, nil, notAuthorized(msgSessionInvalid)
	}
	return s, u, nil
}

// VerifySoftwareToken checks a code from the secret AssociateSoftwareToken
// gave. By access token it registers the secret (SetUserMFAPreference then
// turns TOTP MFA on); in a login's MFA_SETUP it also turns TOTP MFA on and
// returns the Session with which to answer MFA_SETUP.
func (f *Fake) VerifySoftwareToken(ctx context.Context, in *transport.VerifySoftwareTokenInput) (*transport.VerifySoftwareTokenOutput, error) {
	return run(ctx, f, "VerifySoftwareToken", in, func(in *transport.VerifySoftwareTokenInput) (*transport.VerifySoftwareTokenOutput, error) {
		if (in.AccessToken == "") == (in.Session == "") {
			return nil, invalidParam("Exactly one of AccessToken and Session must be given.")
		}
		if in.UserCode == "" {
			return nil, missingParam("UserCode")
		}
		if in.AccessToken != "" {
			err := f.withUser(in.AccessToken, true, func(_ *pool, u *user, _ *family) error {
				return f.registerTOTPLocked(u, in.UserCode)
			})
			if err != nil {
				return nil, err
			}
			return &transport.VerifySoftwareTokenOutput{Status: transport.VerifySuccess}, nil
		}
		f.lockW()
		defer f.unlockW()
		s, u, err := f.setupSessionLocked(in.Session)
		if err != nil {
			return nil, err
		}
		if err := f.registerTOTPLocked(u, in.UserCode); err != nil {
			s.failures++
			if s.failures >= maxMFAFailures {
				f.consumeLocked(s)
			}
			return nil, err
		}
		u.MFA.TOTP = true
		u.MFA.Preferred = transport.MFASoftwareToken
		f.consumeLocked(s)
		a := s.auth.clone()
		a.setupVerified = true
		next, err := f.newSessionLocked(a, transport.ChallengeMFASetup, s.expires.Sub(f.clock()))
		if err != nil {
			return nil, err
		}
		return &transport.VerifySoftwareTokenOutput{Status: transport.VerifySuccess, Session: next.id}, nil
	})
}

// registerTOTPLocked makes u's pending TOTP secret its secret if code
// comes from it.
func (f *Fake) registerTOTPLocked(u *user, code string) error {
	if u.MFA.PendingTOTP == "" {
		return cognitoErr("SoftwareTokenMFANotFoundException", "Software Token MFA mechanism is not associated with the user.")
	}
	res, step := checkTOTP(u.MFA.PendingTOTP, code, f.clock(), 0)
	if res != totpOK {
		return cognitoErr("EnableSoftwareTokenMFAException", "Code mismatch")
	}
	u.MFA.TOTPSecret, u.MFA.PendingTOTP, u.MFA.TOTPLastStep = u.MFA.PendingTOTP, "", step
	return nil
}

// SetUserMFAPreference turns the access token's user's MFA kinds on or
// off and picks the preferred one.
func (f *Fake) SetUserMFAPreference(ctx context.Context, in *transport.SetUserMFAPreferenceInput) (*transport.Empty, error) {
	return run(ctx, f, "SetUserMFAPreference", in, func(in *transport.SetUserMFAPreferenceInput) (*transport.Empty, error) {
		err := f.withUser(in.AccessToken, true, func(_ *pool, u *user, _ *family) error {
			return setMFAPreference(u, in.SMSMfaSettings, in.SoftwareTokenMfaSettings, in.EmailMfaSettings)
		})
		if err != nil {
			return nil, err
		}
		return &transport.Empty{}, nil
	})
}

// AdminSetUserMFAPreference sets a user's MFA kinds as an administrator.
func (f *Fake) AdminSetUserMFAPreference(ctx context.Context, in *transport.AdminSetUserMFAPreferenceInput) (*transport.Empty, error) {
	return run(ctx, f, "AdminSetUserMFAPreference", in, func(in *transport.AdminSetUserMFAPreferenceInput) (*transport.Empty, error) {
		f.lockW()
		defer f.unlockW()
		_, u, err := f.userLocked(in.UserPoolID, in.Username)
		if err != nil {
			return nil, err
		}
		if err := setMFAPreference(u, in.SMSMfaSettings, in.SoftwareTokenMfaSettings, in.EmailMfaSettings); err != nil {
			return nil, err
		}
		return &transport.Empty{}, nil
	})
}

// setMFAPreference applies MFA settings, all or nothing: a kind can be
// turned on only if the user has what it needs (a phone number, a verified
// TOTP secret, an e-mail address), and at most one kind is preferred.
func setMFAPreference(u *user, sms, totp, email *transport.MFASettings) error {
	next := u.MFA
	type kind struct {
		name     string
		settings *transport.MFASettings
		enabled  *bool
		ready    bool
		missing  string
	}
	kinds := []kind{
		{transport.MFASMS, sms, &next.SMS, u.Attrs["phone_number"] != "", "User does not have delivery config set to turn on SMS_MFA"},
		{transport.MFASoftwareToken, totp, &next.TOTP, u.MFA.TOTPSecret != "", "User has not verified software token mfa"},
		{transport.MFAEmail, email, &next.Email, u.Attrs["email"] != "", "User does not have delivery config set to turn on EMAIL_OTP"},
	}
	for _, k := range kinds {
		if k.settings == nil {
			continue
		}
		if k.settings.Enabled && !k.ready {
			return invalidParam("%s", k.missing)
		}
		*k.enabled = k.settings.Enabled
		switch {
		case k.settings.PreferredMfa && !k.settings.Enabled:
			return invalidParam("A disabled MFA method cannot be preferred.")
		case k.settings.PreferredMfa:
			next.Preferred = k.name
		case next.Preferred == k.name:
			next.Preferred = ""
		}
	}
	u.MFA = next
	return nil
}
