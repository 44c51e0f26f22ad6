package fakecognito

import (
	"context"
	"slices"
	"time"

	"github.com/gocognito/gocognito/transport"
)

// Choice-based sign-in (USER_AUTH): the user names a first factor with
// PREFERRED_CHALLENGE or picks one of SELECT_CHALLENGE's AvailableChallenges.
// A password (PASSWORD, or PASSWORD_SRP through the PASSWORD_VERIFIER of
// USER_SRP_AUTH) is followed by MFA as in the other flows; a one-time code
// (EMAIL_OTP, SMS_OTP) or a passkey (WEB_AUTHN) is not. Device SRP comes last
// in every case. The evidence is in docs/fake-server.md ("Choice-based
// sign-in").

// otpCodeTTL is how long a sign-in code lives. Cognito does not publish it;
// three minutes is what its e-mail and SMS MFA codes get, and the login's
// Session (3 to 15 minutes) bounds it anyway.
const otpCodeTTL = 3 * time.Minute

// signUpSession is the internal challenge name of the Session ConfirmSignUp
// returns: never sent to a client, it only marks what the Session is for.
const signUpSession = "CONFIRM_SIGN_UP"

// firstFactors are the values PREFERRED_CHALLENGE and ANSWER may take.
var firstFactors = []string{
	transport.ChallengePassword, transport.ChallengePasswordSRP, transport.ChallengeEmailOTP,
	transport.ChallengeSMSOTP, transport.ChallengeWebAuthn,
}

// policyFactors are the values of SignInPolicy.AllowedFirstAuthFactors.
var policyFactors = []string{
	transport.FactorPassword, transport.FactorEmailOTP, transport.FactorSMSOTP, transport.FactorWebAuthn,
}

// checkSignInPolicy validates a pool's AllowedFirstAuthFactors: known
// values, PASSWORD always among them, anything beyond it only in the
// ESSENTIALS and PLUS plans, and the means to send a code for an OTP factor.
func checkSignInPolicy(s *transport.PoolSettings) error {
	if s.Policies == nil || s.Policies.SignInPolicy == nil || len(s.Policies.SignInPolicy.AllowedFirstAuthFactors) == 0 {
		return nil
	}
	factors := s.Policies.SignInPolicy.AllowedFirstAuthFactors
	for _, f := range factors {
		if !slices.Contains(policyFactors, f) {
			return invalidParam("1 validation error detected: Value '%v' at 'policies.signInPolicy.allowedFirstAuthFactors' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [PASSWORD, EMAIL_OTP, SMS_OTP, WEB_AUTHN]]", factors)
		}
	}
	if !slices.Contains(factors, transport.FactorPassword) {
		return invalidParam("PASSWORD must be one of the AllowedFirstAuthFactors.")
	}
	if len(factors) > 1 && !tierAtLeastEssentials(tierOrDefault(s.UserPoolTier)) {
		return errTierFeature("Passwordless sign-in")
	}
	if slices.Contains(factors, transport.FactorEmailOTP) && !sendsEmailWithSES(s) {
		return invalidParam("EMAIL_OTP requires an EmailConfiguration with EmailSendingAccount DEVELOPER (Amazon SES).")
	}
	if slices.Contains(factors, transport.FactorSMSOTP) && s.SmsConfiguration == nil {
		return invalidParam("SMS_OTP requires an SmsConfiguration.")
	}
	return nil
}

// errTierFeature is Cognito's refusal of a feature above the LITE plan.
func errTierFeature(feature string) error {
	return cognitoErr("FeatureUnavailableInTierException", feature+" is not available in the LITE feature plan; it needs ESSENTIALS or PLUS.")
}

// allowedFactors is the pool's AllowedFirstAuthFactors; a pool without a
// sign-in policy signs in with passwords only.
func (p *pool) allowedFactors() []string {
	if p.Settings.Policies == nil || p.Settings.Policies.SignInPolicy == nil || len(p.Settings.Policies.SignInPolicy.AllowedFirstAuthFactors) == 0 {
		return []string{transport.FactorPassword}
	}
	return p.Settings.Policies.SignInPolicy.AllowedFirstAuthFactors
}

// availableFactors are the first factors u can use in p, in the order
// SELECT_CHALLENGE lists them: what the pool allows narrowed to what the
// user has (a password, a verified e-mail address, a verified phone number,
// a passkey).
func availableFactors(p *pool, u *user) []string {
	allowed := p.allowedFactors()
	var out []string
	if slices.Contains(allowed, transport.FactorPassword) && (u == nil || u.Password != nil) {
		// A user that does not exist, on a client that hides it, is
		// offered what every user with a password has.
		out = append(out, transport.ChallengePassword, transport.ChallengePasswordSRP)
	}
	if u == nil {
		return out
	}
	if slices.Contains(allowed, transport.FactorEmailOTP) && u.Attrs["email"] != "" && u.Attrs["email_verified"] == "true" {
		out = append(out, transport.ChallengeEmailOTP)
	}
	if slices.Contains(allowed, transport.FactorSMSOTP) && u.Attrs["phone_number"] != "" && u.Attrs["phone_number_verified"] == "true" {
		out = append(out, transport.ChallengeSMSOTP)
	}
	if slices.Contains(allowed, transport.FactorWebAuthn) && hasPasskeyLocked(p, u) {
		out = append(out, transport.ChallengeWebAuthn)
	}
	return out
}

// errPreferredUnavailable refuses a PREFERRED_CHALLENGE the user cannot use.
// Cognito's exact answer is not published; see docs/fake-server.md.
func errPreferredUnavailable(c string) error {
	return invalidParam("The preferred challenge %s is not available for this user.", c)
}

// startUserAuth runs InitiateAuth USER_AUTH: the sign-in that follows
// ConfirmSignUp, a PREFERRED_CHALLENGE, or SELECT_CHALLENGE.
func (f *Fake) startUserAuth(ctx context.Context, r authRequest, cv clientView) (*transport.ChallengeOutput, error) {
	f.mu.RLock()
	p, err := f.poolLocked(cv.poolID)
	if err == nil && !tierAtLeastEssentials(p.tier()) {
		err = errTierFeature("Choice-based sign-in (USER_AUTH)")
	}
	f.mu.RUnlock()
	if err != nil {
		return nil, err
	}
	if r.session != "" {
		return f.signInAfterSignUp(ctx, r, cv)
	}
	name := r.params[transport.ParamUsername]
	if name == "" {
		return nil, missingParam(transport.ParamUsername)
	}
	pref := r.params[transport.ParamPreferredChallenge]
	if pref != "" && !slices.Contains(firstFactors, pref) {
		return nil, invalidParam("Invalid PREFERRED_CHALLENGE: %s", pref)
	}
	switch pref {
	case transport.ChallengePassword:
		return f.startPassword(ctx, r, cv)
	case transport.ChallengePasswordSRP:
		return f.startSRP(ctx, r, cv)
	}

	a := &authState{
		poolID: cv.poolID, clientID: cv.id, typed: name, admin: r.admin, flow: r.flow,
		clientMetadata: r.metadata, deviceKey: r.params[transport.ParamDeviceKey],
	}
	var out *transport.ChallengeOutput
	// InitiateAuth's ClientMetadata does not reach CustomMessage.
	err = f.writeAndDeliver(ctx, cv.id, "", nil, func() error {
		var err error
		out, err = f.userAuthStartLocked(cv, a, name, pref, r.params[transport.ParamSecretHash])
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// userAuthStartLocked is the first answer of USER_AUTH: a first factor's
// challenge, or SELECT_CHALLENGE. The caller holds f.mu for writing.
func (f *Fake) userAuthStartLocked(cv clientView, a *authState, name, pref, secretHash string) (*transport.ChallengeOutput, error) {
	p, err := f.poolLocked(cv.poolID)
	if err != nil {
		return nil, err
	}
	u := p.findUser(name)
	if err := cv.checkSecretFor(p, u, name, secretHash); err != nil {
		return nil, err
	}
	switch {
	case u == nil && !cv.prevent:
		return nil, userNotFound()
	case u == nil:
		if a.decoyID, err = f.decoyIdentity(a.poolID, name, p.usesUsernameAttributes()); err != nil {
			return nil, err
		}
	case !u.Enabled:
		return nil, notAuthorized(msgUserDisabled)
	case u.Status == transport.StatusResetRequired:
		return nil, cognitoErr("PasswordResetRequiredException", msgResetRequired)
	default:
		a.username, a.sub = u.Username, u.Sub
	}
	a.available = availableFactors(p, u)
	ttl := cv.sessionTTL
	if pref != "" {
		if !slices.Contains(a.available, pref) {
			return nil, errPreferredUnavailable(pref)
		}
		return f.firstFactorLocked(p, u, a, pref, ttl)
	}
	if len(a.available) == 0 {
		return nil, notAuthorized(msgIncorrectCredentials)
	}
	out, _, err := f.challengeLocked(a, transport.ChallengeSelectChallenge, ttl, map[string]string{
		transport.ParamUsername: a.internalName(),
	})
	if err != nil {
		return nil, err
	}
	out.AvailableChallenges = slices.Clone(a.available)
	return out, nil
}

// firstFactorLocked issues the challenge of a code or passkey first factor.
func (f *Fake) firstFactorLocked(p *pool, u *user, a *authState, factor string, ttl time.Duration) (*transport.ChallengeOutput, error) {
	if factor == transport.ChallengeWebAuthn {
		return f.webAuthnChallengeLocked(p, u, a, ttl)
	}
	return f.otpChallengeLocked(p, u, a, factor, ttl)
}

// otpChallengeLocked sends a sign-in code by e-mail (EMAIL_OTP) or SMS
// (SMS_OTP) and issues its challenge. The answer goes through answerMFA,
// which checks codes the same way (attempts, expiry); firstFactor spares
// the login the MFA that follows a password.
func (f *Fake) otpChallengeLocked(p *pool, u *user, a *authState, kind string, ttl time.Duration) (*transport.ChallengeOutput, error) {
	code, err := f.newCode()
	if err != nil {
		return nil, err
	}
	medium := mediumEmail
	if kind == transport.ChallengeSMSOTP {
		medium = mediumSMS
	}
	a.firstFactor, a.mfaKind = kind, kind
	a.mfaCode, a.mfaCodeExpires = code, f.clock().Add(otpCodeTTL)
	f.send(p, u, medium, PurposeSignIn, code)
	d := delivery(u, medium)
	out, _, err := f.challengeLocked(a, kind, ttl, map[string]string{
		transport.ParamCodeDeliveryMedium: d.DeliveryMedium,
		transport.ParamCodeDeliveryDest:   d.Destination,
		transport.ParamUsername:           u.Username,
	})
	return out, err
}

// answerSelectChallenge takes the first factor the user picked. PASSWORD
// and PASSWORD_SRP carry their first step in the same answer (PASSWORD, or
// SRP_A); EMAIL_OTP and SMS_OTP send a code; WEB_AUTHN asks for a passkey.
func (f *Fake) answerSelectChallenge(ctx context.Context, r respondRequest, cv clientView) (*transport.ChallengeOutput, error) {
	choice := r.responses[transport.ParamAnswer]
	f.lockW()
	s, err := f.takeSessionLocked(r, cv, r.session)
	switch {
	case err != nil:
	case choice == "":
		err = missingParam(transport.ParamAnswer)
	case !slices.Contains(s.auth.available, choice):
		err = invalidParam("Invalid ANSWER: %s is not one of the available challenges.", choice)
	case choice == transport.ChallengePassword && r.responses[transport.ParamPassword] == "":
		err = missingParam(transport.ParamPassword)
	case choice == transport.ChallengePasswordSRP:
		err = checkSRPA(r.responses[transport.ParamSRPA])
	}
	if err != nil {
		f.unlockW()
		return nil, err
	}
	f.consumeLocked(s)
	a := s.auth.clone()
	if dk := r.responses[transport.ParamDeviceKey]; dk != "" {
		a.deviceKey = dk
	}
	switch choice {
	case transport.ChallengePassword, transport.ChallengePasswordSRP:
		f.unlockW()
		params := map[string]string{
			transport.ParamUsername:   a.typed,
			transport.ParamSecretHash: r.responses[transport.ParamSecretHash],
			transport.ParamDeviceKey:  a.deviceKey,
		}
		if choice == transport.ChallengePassword {
			params[transport.ParamPassword] = r.responses[transport.ParamPassword]
			return f.startPassword(ctx, authRequest{
				admin: a.admin, poolID: a.poolID, clientID: a.clientID, flow: a.flow,
				params: params, metadata: a.clientMetadata,
			}, cv)
		}
		a.firstFactor = choice
		return f.passwordVerifierChallenge(a, r.responses[transport.ParamSRPA], r.responses[transport.ParamSecretHash], cv)
	}
	p, u, err := f.loginUserLocked(a)
	var out *transport.ChallengeOutput
	if err == nil {
		out, err = f.firstFactorLocked(p, u, a, choice, cv.sessionTTL)
	}
	letters := f.takeLettersLocked()
	f.unlockW()
	if err != nil {
		return nil, err
	}
	// A sign-in code goes out through CustomMessage, now that the lock is
	// released.
	if err := f.deliver(ctx, a.clientID, "", respondMetadata(ctx), letters); err != nil {
		return nil, err
	}
	return out, nil
}

// loginUserLocked finds the pool and user of a login, refusing one whose
// user is gone, replaced or disabled since it started.
func (f *Fake) loginUserLocked(a *authState) (*pool, *user, error) {
	p := f.st.Pools[a.poolID]
	if p == nil {
		return nil, nil, notAuthorized(msgSessionInvalid)
	}
	u := p.Users[p.userKey(a.username)]
	switch {
	case u == nil || u.Sub != a.sub:
		return nil, nil, notAuthorized(msgIncorrectCredentials)
	case !u.Enabled:
		return nil, nil, notAuthorized(msgUserDisabled)
	}
	return p, u, nil
}

// answerWebAuthn checks a passkey assertion (CREDENTIAL) against the
// WEB_AUTHN challenge of the login. A refused assertion ends the login with
// NotAuthorizedException: RespondToAuthChallenge models none of the
// WebAuthn exceptions.
func (f *Fake) answerWebAuthn(ctx context.Context, r respondRequest, cv clientView) (*transport.ChallengeOutput, error) {
	credential := r.responses[transport.ParamCredential]
	f.lockW()
	s, err := f.takeSessionLocked(r, cv, r.session)
	if err == nil && credential == "" {
		err = missingParam(transport.ParamCredential)
	}
	var next *authState
	if err == nil {
		f.consumeLocked(s)
		var p *pool
		var u *user
		if p, u, err = f.loginUserLocked(s.auth); err == nil {
			err = f.checkWebAuthnCredentialLocked(p, u, s.auth, credential)
		}
	}
	if err == nil {
		next = s.auth.clone()
		next.firstFactor, next.mfaDone, next.webAuthn = transport.ChallengeWebAuthn, true, nil
		if dk := r.responses[transport.ParamDeviceKey]; dk != "" {
			next.deviceKey = dk
		}
	}
	f.unlockW()
	if err != nil {
		return nil, err
	}
	return f.advance(ctx, next)
}

// signInAfterSignUp is InitiateAuth USER_AUTH with the Session of
// ConfirmSignUp: the confirmation code proved the user, who gets tokens
// (after device SRP, when a device is presented) without another factor.
func (f *Fake) signInAfterSignUp(ctx context.Context, r authRequest, cv clientView) (*transport.ChallengeOutput, error) {
	name := r.params[transport.ParamUsername]
	if name == "" {
		return nil, missingParam(transport.ParamUsername)
	}
	f.lockW()
	s, err := f.sessionLocked(r.session, signUpSession, cv.id, r.poolID, r.admin)
	var next *authState
	if err == nil {
		var p *pool
		var u *user
		if p, u, err = f.loginUserLocked(s.auth); err == nil {
			if found := p.findUser(name); found == nil || found.Sub != u.Sub {
				err = notAuthorized(msgSessionInvalid)
			} else {
				err = cv.checkSecretFor(p, u, name, r.params[transport.ParamSecretHash])
			}
		}
	}
	if err == nil {
		f.consumeLocked(s)
		next = s.auth.clone()
		next.mfaDone = true
		next.deviceKey = r.params[transport.ParamDeviceKey]
	}
	f.unlockW()
	if err != nil {
		return nil, err
	}
	return f.advance(ctx, next)
}

// signUpSessionLocked issues the Session ConfirmSignUp returns when the
// client may sign in with USER_AUTH and the pool's plan has it ("" when
// not).
func (f *Fake) signUpSessionLocked(p *pool, c *client, u *user, typed string) (string, error) {
	if !c.flowAllowed(transport.FlowUserAuth) || !tierAtLeastEssentials(p.tier()) {
		return "", nil
	}
	a := &authState{
		poolID: p.ID, clientID: c.ID, typed: typed, username: u.Username, sub: u.Sub,
		flow: transport.FlowUserAuth, firstFactor: signUpSession,
	}
	s, err := f.newSessionLocked(a, signUpSession, c.sessionTTL())
	if err != nil {
		return "", err
	}
	return s.id, nil
}

// checkWebAuthnConfig validates SetUserPoolMfaConfig's WebAuthnConfiguration
// and returns what the pool keeps: the new one, with Cognito's default user
// verification ("preferred"), or the pool's current one when the request
// leaves it out.
func checkWebAuthnConfig(p *pool, in *transport.WebAuthnConfiguration) (*transport.WebAuthnConfiguration, error) {
	if in == nil {
		return p.MFA.WebAuthn, nil
	}
	if !tierAtLeastEssentials(p.tier()) {
		return nil, errTierFeature("Passkeys")
	}
	out := *in
	switch out.UserVerification {
	case "":
		out.UserVerification = transport.UserVerificationPreferred
	case transport.UserVerificationRequired, transport.UserVerificationPreferred:
	default:
		return nil, invalidParam("1 validation error detected: Value '%s' at 'webAuthnConfiguration.userVerification' failed to satisfy constraint: Member must satisfy enum value set: [required, preferred]", in.UserVerification)
	}
	if len(out.RelyingPartyID) > 127 {
		return nil, invalidParam("1 validation error detected: Value at 'webAuthnConfiguration.relyingPartyId' failed to satisfy constraint: Member must have length less than or equal to 127")
	}
	return &out, nil
}
