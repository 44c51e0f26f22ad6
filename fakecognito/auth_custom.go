package fakecognito

import (
	"context"
	"maps"

	"github.com/gocognito/gocognito/transport"
)

const msgNoCustomTrigger = "Custom auth lambda trigger is not configured for the user pool."

// maxCustomSteps bounds a custom login, so that a Define trigger that
// never decides cannot keep it going forever.
const maxCustomSteps = 16

// startCustom runs CUSTOM_AUTH: the pool's DefineAuthChallenge trigger
// decides each step. With CHALLENGE_NAME "SRP_A" and SRP_A the history
// starts with SRP_A, so that the trigger may ask for PASSWORD_VERIFIER
// first, as in Cognito.
func (f *Fake) startCustom(ctx context.Context, r authRequest, cv clientView) (*transport.ChallengeOutput, error) {
	name := r.params[transport.ParamUsername]
	if name == "" {
		return nil, missingParam(transport.ParamUsername)
	}
	a := &authState{
		poolID: cv.poolID, clientID: cv.id, typed: name, admin: r.admin, flow: r.flow,
		clientMetadata: r.metadata, deviceKey: r.params[transport.ParamDeviceKey], custom: &customState{},
	}
	switch cn := r.params[transport.ParamChallengeName]; cn {
	case "":
	case transport.ChallengeSRPA:
		srpA := r.params[transport.ParamSRPA]
		if err := checkSRPA(srpA); err != nil {
			return nil, err
		}
		a.custom.srpA = srpA
		a.custom.history = []ChallengeResult{{ChallengeName: transport.ChallengeSRPA, ChallengeResult: true}}
	default:
		return nil, invalidParam("Invalid CHALLENGE_NAME: %q", cn)
	}

	f.mu.RLock()
	p, err := f.poolLocked(cv.poolID)
	var u *user
	uuidNames := false
	if err == nil {
		u = p.findUser(name)
		uuidNames = p.usesUsernameAttributes()
		err = cv.checkSecretFor(p, u, name, r.params[transport.ParamSecretHash])
	}
	switch {
	case err != nil:
	case u == nil && cv.prevent:
		// As Cognito: the triggers still run, told userNotFound, so that
		// they can answer with a challenge no one passes and the caller
		// cannot tell the user does not exist.
		a.ghost = true
	case u == nil:
		err = userNotFound()
	case !u.Enabled:
		err = notAuthorized(msgUserDisabled)
	case u.Status == transport.StatusUnconfirmed:
		err = cognitoErr("UserNotConfirmedException", msgUserNotConfirmed)
	case u.Status == transport.StatusResetRequired:
		err = cognitoErr("PasswordResetRequiredException", msgResetRequired)
	default:
		a.username, a.sub = u.Username, u.Sub
	}
	f.mu.RUnlock()
	if err != nil {
		return nil, err
	}
	if a.ghost {
		if a.decoyID, err = f.decoyIdentity(a.poolID, name, uuidNames); err != nil {
			return nil, err
		}
	}
	return f.customNext(ctx, a)
}

// customEvent gathers, under the lock, the triggers and the user for the
// next trigger call: the Go functions of SetTriggers, and where they leave
// a trigger out, the function the pool's LambdaConfig names.
func (f *Fake) customEvent(a *authState) (Triggers, TriggerUser, error) {
	trig, tu, attrs, err := f.customEventLocked(a)
	if err != nil {
		return Triggers{}, TriggerUser{}, err
	}
	return f.withLambdaTriggers(a.poolID, trig, attrs), tu, nil
}

func (f *Fake) customEventLocked(a *authState) (Triggers, TriggerUser, map[string]string, error) {
	f.mu.RLock()
	defer f.mu.RUnlock()
	p := f.st.Pools[a.poolID]
	if p == nil {
		return Triggers{}, TriggerUser{}, nil, notAuthorized(msgSessionInvalid)
	}
	if a.ghost {
		return p.triggers, TriggerUser{UserPoolID: p.ID, ClientID: a.clientID, Username: a.decoyID,
			UserNotFound: true, ClientMetadata: maps.Clone(a.clientMetadata)}, nil, nil
	}
	u := p.lookup(a.username)
	if u == nil || u.Sub != a.sub {
		return Triggers{}, TriggerUser{}, nil, notAuthorized(msgIncorrectCredentials)
	}
	return p.triggers, triggerUser(p, u, a), triggerUserAttributes(p, u), nil
}

// customNext asks DefineAuthChallenge what comes next and does it.
func (f *Fake) customNext(ctx context.Context, a *authState) (*transport.ChallengeOutput, error) {
	if len(a.custom.history) >= maxCustomSteps {
		return nil, notAuthorized(msgIncorrectCredentials)
	}
	trig, tu, err := f.customEvent(a)
	if err != nil {
		return nil, err
	}
	if trig.DefineAuthChallenge == nil {
		return nil, notAuthorized(msgNoCustomTrigger)
	}
	def, err := trig.DefineAuthChallenge(ctx, DefineAuthChallengeInput{TriggerUser: tu, Session: a.custom.historyCopy()})
	if err != nil {
		return nil, lambdaError("DefineAuthChallenge", err)
	}
	switch {
	case def.FailAuthentication:
		return nil, notAuthorized(msgIncorrectCredentials)
	case def.IssueTokens && a.ghost:
		// No tokens for a user that does not exist, whatever the trigger says.
		return nil, notAuthorized(msgIncorrectCredentials)
	case def.IssueTokens:
		return f.advance(ctx, a)
	case def.ChallengeName == transport.ChallengePasswordVerifier:
		if a.custom.srpA == "" {
			return nil, missingParam(transport.ParamSRPA)
		}
		cv, err := f.authClient(a.admin, a.poolID, a.clientID, "")
		if err != nil {
			return nil, err
		}
		return f.passwordVerifierChallenge(a, a.custom.srpA, "", cv)
	case def.ChallengeName == transport.ChallengeCustom:
		if trig.CreateAuthChallenge == nil || trig.VerifyAuthChallengeResponse == nil {
			return nil, notAuthorized(msgNoCustomTrigger)
		}
		cr, err := trig.CreateAuthChallenge(ctx, CreateAuthChallengeInput{
			TriggerUser: tu, ChallengeName: transport.ChallengeCustom, Session: a.custom.historyCopy(),
		})
		if err != nil {
			return nil, lambdaError("CreateAuthChallenge", err)
		}
		a.custom.private = maps.Clone(cr.PrivateChallengeParameters)
		a.custom.metadata = cr.ChallengeMetadata
		params := maps.Clone(cr.PublicChallengeParameters)
		if params == nil {
			params = map[string]string{}
		}
		params[transport.ParamUsername] = tu.Username
		f.lockW()
		defer f.unlockW()
		c := f.st.Clients[a.clientID]
		if c == nil {
			return nil, clientNotFound(a.clientID)
		}
		out, _, err := f.challengeLocked(a, transport.ChallengeCustom, c.sessionTTL(), params)
		return out, err
	}
	return nil, cognitoErr("InvalidLambdaResponseException", "Invalid challenge name "+def.ChallengeName+" from DefineAuthChallenge.")
}

// answerCustom passes the ANSWER of a CUSTOM_CHALLENGE to
// VerifyAuthChallengeResponse and lets DefineAuthChallenge decide again.
func (f *Fake) answerCustom(ctx context.Context, r respondRequest, cv clientView) (*transport.ChallengeOutput, error) {
	answer := r.responses[transport.ParamAnswer]
	f.lockW()
	s, err := f.takeSessionLocked(r, cv, r.session)
	var a *authState
	var deviceKey string
	if err == nil {
		deviceKey, err = f.answerDeviceKeyLocked(s.auth, r)
	}
	switch {
	case err != nil:
	case answer == "":
		err = missingParam(transport.ParamAnswer)
	case s.auth.custom == nil:
		err = notAuthorized(msgCodeOrState)
	default:
		f.consumeLocked(s)
		a = s.auth.clone()
		a.deviceKey = deviceKey
	}
	f.unlockW()
	if err != nil {
		return nil, err
	}
	trig, tu, err := f.customEvent(a)
	if err != nil {
		return nil, err
	}
	if trig.VerifyAuthChallengeResponse == nil {
		return nil, notAuthorized(msgNoCustomTrigger)
	}
	vr, err := trig.VerifyAuthChallengeResponse(ctx, VerifyAuthChallengeInput{
		TriggerUser: tu, PrivateChallengeParameters: maps.Clone(a.custom.private), ChallengeAnswer: answer,
	})
	if err != nil {
		return nil, lambdaError("VerifyAuthChallengeResponse", err)
	}
	a.custom.history = append(a.custom.history, ChallengeResult{
		ChallengeName: transport.ChallengeCustom, ChallengeResult: vr.AnswerCorrect, ChallengeMetadata: a.custom.metadata,
	})
	return f.customNext(ctx, a)
}
