package fakecognito

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"time"

	"github.com/gocognito/gocognito/transport"
)

// mfaStepLocked issues the MFA challenge a login needs, if any: the one
// MFA kind the user has (or prefers), SELECT_MFA_TYPE among several, or
// MFA_SETUP when the pool requires MFA and the user has none. It returns
// nil, nil when no MFA is due.
func (f *Fake) mfaStepLocked(p *pool, u *user, a *authState, ttl time.Duration) (*transport.ChallengeOutput, error) {
	if a.mfaKind != "" {
		// Chosen with SELECT_MFA_TYPE.
		return f.mfaChallengeLocked(p, u, a, a.mfaKind, ttl)
	}
	choices, setup, err := mfaPlan(p, u)
	switch {
	case err != nil:
		return nil, err
	case len(setup) > 0:
		a.setupKinds = setup
		list, _ := json.Marshal(setup) // a []string cannot fail to encode
		out, _, err := f.challengeLocked(a, transport.ChallengeMFASetup, ttl, map[string]string{
			transport.ParamMFAsCanSetup: string(list),
		})
		return out, err
	case len(choices) == 0:
		return nil, nil
	case len(choices) == 1:
		return f.mfaChallengeLocked(p, u, a, choices[0], ttl)
	}
	a.mfaChoices = choices
	list, _ := json.Marshal(choices) // a []string cannot fail to encode
	out, _, err := f.challengeLocked(a, transport.ChallengeSelectMFAType, ttl, map[string]string{
		transport.ParamMFAsCanChoose: string(list), transport.ParamUserIDForSRP: u.Username,
	})
	return out, err
}

// mfaPlan decides which MFA kinds apply to u: those it enabled and the pool
// offers, narrowed to its preferred one. With MFA required and none
// enabled, Cognito falls back to SMS when the user has a phone number and to
// e-mail when it has a verified address; otherwise it asks the user to set
// up MFA (MFA_SETUP), listing in setup every kind the pool offers.
func mfaPlan(p *pool, u *user) (choices, setup []string, err error) {
	mode := p.mfaMode()
	if mode == transport.MFAOff {
		return nil, nil, nil
	}
	hasPhone, hasEmail := u.Attrs["phone_number"] != "", u.Attrs["email"] != ""
	var enabled []string
	if u.MFA.SMS && p.smsMFA() && hasPhone {
		enabled = append(enabled, transport.MFASMS)
	}
	if u.MFA.TOTP && p.totpMFA() && u.MFA.TOTPSecret != "" {
		enabled = append(enabled, transport.MFASoftwareToken)
	}
	if u.MFA.Email && p.emailMFA() && hasEmail {
		enabled = append(enabled, transport.MFAEmail)
	}
	if len(enabled) == 0 {
		switch {
		case mode == transport.MFAOptional:
			return nil, nil, nil
		case p.smsMFA() && hasPhone:
			return []string{transport.MFASMS}, nil, nil
		case p.emailMFA() && hasEmail && u.Attrs["email_verified"] == "true":
			return []string{transport.MFAEmail}, nil, nil
		case p.totpMFA() || p.emailMFA():
			return nil, setupKinds(p), nil
		}
		return nil, nil, cognitoErr("MFAMethodNotFoundException", "No MFA mechanism registered in the account.")
	}
	if slices.Contains(enabled, u.MFA.Preferred) {
		return []string{u.MFA.Preferred}, nil, nil
	}
	return enabled, nil, nil
}

// setupKinds is MFA_SETUP's MFAS_CAN_SETUP: every kind the pool enables,
// SMS only when the pool can send SMS (it has an SmsConfiguration).
func setupKinds(p *pool) []string {
	var kinds []string
	if p.Settings.SmsConfiguration != nil || p.MFA.SMS != nil && p.MFA.SMS.SmsConfiguration != nil {
		kinds = append(kinds, transport.MFASMS)
	}
	if p.totpMFA() {
		kinds = append(kinds, transport.MFASoftwareToken)
	}
	if p.emailMFA() {
		kinds = append(kinds, transport.MFAEmail)
	}
	return kinds
}

// mfaChallengeLocked sends the code of an SMS or e-mail challenge (a TOTP
// needs none) and issues the challenge.
func (f *Fake) mfaChallengeLocked(p *pool, u *user, a *authState, kind string, ttl time.Duration) (*transport.ChallengeOutput, error) {
	a.mfaKind = kind
	params := map[string]string{transport.ParamUserIDForSRP: u.Username}
	if kind == transport.MFASMS || kind == transport.MFAEmail {
		code, err := f.newCode()
		if err != nil {
			return nil, err
		}
		medium := mediumSMS
		if kind == transport.MFAEmail {
			medium = mediumEmail
		}
		a.mfaCode, a.mfaCodeExpires = code, f.clock().Add(mfaCodeTTL)
		d := delivery(u, medium)
		if kind == transport.MFAEmail && a.setupEmail != "" {
			// MFA_SETUP: the code goes to the address being set up.
			f.sendTo(p, u, medium, a.setupEmail, PurposeMFA, code)
			d.Destination = mask(medium, a.setupEmail)
		} else {
			f.send(p, u, medium, PurposeMFA, code)
		}
		params[transport.ParamCodeDeliveryMedium] = d.DeliveryMedium
		params[transport.ParamCodeDeliveryDest] = d.Destination
	}
	out, _, err := f.challengeLocked(a, kind, ttl, params)
	return out, err
}

// mfaCodeParams are the answer parameters of each MFA challenge.
var mfaCodeParams = map[string]string{
	transport.ChallengeSMSMFA:           transport.ParamSMSMFACode,
	transport.ChallengeEmailOTP:         transport.ParamEmailOTPCode,
	transport.ChallengeSoftwareTokenMFA: transport.ParamSoftwareTokenMFACode,
	transport.ChallengeSMSOTP:           transport.ParamSMSOTPCode,
}

// answerMFA checks an SMS, e-mail or TOTP code. A wrong code may be
// retried on the same session a few times; an expired one may not.
func (f *Fake) answerMFA(ctx context.Context, r respondRequest, cv clientView) (*transport.ChallengeOutput, error) {
	param := mfaCodeParams[r.challenge]
	given := r.responses[param]
	f.lockW()
	s, err := f.takeSessionLocked(r, cv, r.session)
	if err == nil && given == "" {
		err = missingParam(param)
	}
	var next *authState
	var deviceKey string
	if err == nil {
		// Before the code, so that a refused DEVICE_KEY leaves the code
		// and the session for an answer without it.
		deviceKey, err = f.answerDeviceKeyLocked(s.auth, r)
	}
	if err == nil {
		next, err = f.checkMFALocked(s, given)
	}
	if err == nil {
		next.deviceKey = deviceKey
	}
	f.unlockW()
	if err != nil {
		return nil, err
	}
	return f.advance(ctx, next)
}

func (f *Fake) checkMFALocked(s *session, given string) (*authState, error) {
	a := s.auth
	now := f.clock()
	wrong := func(e error) (*authState, error) {
		s.failures++
		if s.failures >= maxMFAFailures {
			f.consumeLocked(s)
			if a.firstFactor != "" && a.firstFactor == a.mfaKind {
				// A sign-in code guessed too often ends the login.
				return nil, notAuthorized(msgSessionInvalid)
			}
			return nil, notAuthorized(msgCodeOrState)
		}
		return nil, e
	}
	mismatch := cognitoErr("CodeMismatchException", msgMFACodeMismatch)
	if a.mfaKind == transport.MFASoftwareToken {
		var u *user
		if p := f.st.Pools[a.poolID]; p != nil {
			u = p.lookup(a.username)
		}
		if u == nil || u.Sub != a.sub || u.MFA.TOTPSecret == "" {
			f.consumeLocked(s)
			return nil, cognitoErr("SoftwareTokenMFANotFoundException", "Software Token MFA mechanism is not enabled for the user.")
		}
		switch res, step := checkTOTP(u.MFA.TOTPSecret, given, now, u.MFA.TOTPLastStep); res {
		case totpReused:
			return wrong(cognitoErr("ExpiredCodeException", "Your software token has already been used once."))
		case totpWrong:
			return wrong(mismatch)
		default:
			u.MFA.TOTPLastStep = step
		}
	} else {
		if now.After(a.mfaCodeExpires) {
			f.consumeLocked(s)
			return nil, cognitoErr("ExpiredCodeException", msgCodeExpired)
		}
		if !constantEqual(a.mfaCode, given) {
			return wrong(mismatch)
		}
	}
	f.consumeLocked(s)
	next := a.clone()
	next.mfaDone = true
	next.mfaCode = ""
	if a.setupEmail != "" {
		f.enableEmailMFALocked(a)
		next.setupEmail = ""
	}
	return next, nil
}

// enableEmailMFALocked finishes an e-mail MFA setup whose code came back
// right: the address becomes the user's verified e-mail (the code proved
// that the user reads it) and e-mail MFA is turned on and preferred, as a
// verified TOTP app is after its setup. The next login then gets EMAIL_OTP
// directly.
func (f *Fake) enableEmailMFALocked(a *authState) {
	p := f.st.Pools[a.poolID]
	if p == nil {
		return
	}
	u := p.lookup(a.username)
	if u == nil || u.Sub != a.sub {
		return
	}
	u.Attrs["email"], u.Attrs["email_verified"] = a.setupEmail, "true"
	u.MFA.Email, u.MFA.Preferred = true, transport.MFAEmail
	u.Modified = f.clock()
}

// answerSelectMFA takes the MFA kind the user picked and sends its
// challenge.
func (f *Fake) answerSelectMFA(ctx context.Context, r respondRequest, cv clientView) (*transport.ChallengeOutput, error) {
	choice := r.responses[transport.ParamAnswer]
	f.lockW()
	s, err := f.takeSessionLocked(r, cv, r.session)
	var next *authState
	var deviceKey string
	if err == nil {
		deviceKey, err = f.answerDeviceKeyLocked(s.auth, r)
	}
	switch {
	case err != nil:
	case choice == "":
		err = missingParam(transport.ParamAnswer)
	case !slices.Contains(s.auth.mfaChoices, choice):
		err = invalidParam("Invalid MFA type: %q", choice)
	default:
		f.consumeLocked(s)
		next = s.auth.clone()
		next.mfaKind = choice
		next.deviceKey = deviceKey
	}
	f.unlockW()
	if err != nil {
		return nil, err
	}
	return f.advance(ctx, next)
}

// answerMFASetup answers MFA_SETUP. With EMAIL it sets up e-mail MFA: the
// code goes to that address and the login moves to EMAIL_OTP, whose code
// ends it. Without, it finishes a TOTP setup once VerifySoftwareToken has
// accepted a code on this login's session.
func (f *Fake) answerMFASetup(ctx context.Context, r respondRequest, cv clientView) (*transport.ChallengeOutput, error) {
	email := r.responses[transport.ParamEmail]
	f.lockW()
	s, err := f.takeSessionLocked(r, cv, r.session)
	var next *authState
	switch {
	case err != nil:
	case email != "" && !slices.Contains(s.auth.setupKinds, transport.MFAEmail):
		err = invalidParam("Email MFA is not enabled for this user pool.")
	case email != "" && !plausibleEmail(email):
		err = invalidParam("Invalid email address format.")
	case email != "":
		f.consumeLocked(s)
		next = s.auth.clone()
		next.mfaKind, next.setupEmail = transport.MFAEmail, email
	case !s.auth.setupVerified:
		err = notAuthorized(msgCodeOrState)
	default:
		f.consumeLocked(s)
		next = s.auth.clone()
		next.mfaDone = true
	}
	f.unlockW()
	if err != nil {
		return nil, err
	}
	return f.advance(ctx, next)
}

// plausibleEmail is the shape check Cognito's email attribute gets: one @
// with something on both sides and no spaces.
func plausibleEmail(s string) bool {
	local, domain, ok := strings.Cut(s, "@")
	return ok && local != "" && domain != "" && !strings.ContainsAny(s, " \t\r\n") && !strings.Contains(domain, "@") && len(s) <= 2048
}
