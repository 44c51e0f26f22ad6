package fakecognito

import (
	"context"
	"strings"

	"github.com/gocognito/gocognito/transport"
)

// answerNewPassword sets the permanent password of a user who signed in
// with a temporary one, with any "userAttributes.NAME" answers, and goes on
// with the login.
func (f *Fake) answerNewPassword(ctx context.Context, r respondRequest, cv clientView) (*transport.ChallengeOutput, error) {
	pw := r.responses[transport.ParamNewPassword]
	var attrs []transport.AttributeType
	for k, v := range r.responses {
		if name, ok := strings.CutPrefix(k, transport.ParamUserAttributePrefix); ok {
			attrs = append(attrs, transport.Attr(name, v))
		}
	}

	f.mu.RLock()
	var snap userSnapshot
	s, err := f.sessionLocked(r.session, r.challenge, cv.id, r.poolID, r.admin)
	if err == nil {
		err = s.auth.checkAnswer(r.responses, cv)
	}
	if err == nil && pw == "" {
		err = missingParam(transport.ParamNewPassword)
	}
	if err == nil {
		// NEW_PASSWORD travels in ChallengeResponses, which the API does
		// not validate by pattern; the fake holds it to the Password type
		// all the same, with the message of the other operations.
		err = checkPasswordPattern("password", pw)
	}
	if err == nil {
		snap, err = f.newPasswordSnapshotLocked(s.auth, attrs)
	}
	f.mu.RUnlock()
	if err != nil {
		return nil, err
	}

	plan, err := f.planPassword(snap, pw)
	if err != nil {
		return nil, err
	}

	f.lockW()
	var next *authState
	s, err = f.sessionLocked(r.session, r.challenge, cv.id, r.poolID, r.admin)
	var deviceKey string
	if err == nil {
		deviceKey, err = f.answerDeviceKeyLocked(s.auth, r)
	}
	if err == nil {
		next, err = f.applyNewPasswordLocked(s, plan, attrs)
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

// newPasswordSnapshotLocked checks the attributes of the answer and that
// the required ones will be present, and copies what the password needs.
func (f *Fake) newPasswordSnapshotLocked(a *authState, attrs []transport.AttributeType) (userSnapshot, error) {
	p := f.st.Pools[a.poolID]
	if p == nil {
		return userSnapshot{}, notAuthorized(msgSessionInvalid)
	}
	u := p.lookup(a.username)
	if u == nil || u.Sub != a.sub {
		return userSnapshot{}, notAuthorized(msgIncorrectCredentials)
	}
	if err := checkNewPasswordAttrs(u, attrs); err != nil {
		return userSnapshot{}, err
	}
	if err := p.checkAttrs(attrs, false, true); err != nil {
		return userSnapshot{}, err
	}
	merged := make(map[string]string, len(u.Attrs)+len(attrs))
	for k, v := range u.Attrs {
		merged[k] = v
	}
	for _, at := range attrs {
		merged[at.Name] = at.Value
	}
	for _, s := range p.Schema {
		if s.Required && merged[s.Name] == "" {
			return userSnapshot{}, invalidParam("Invalid attributes given, %s is missing", s.Name)
		}
	}
	return snapshotUser(p, u), nil
}

// checkNewPasswordAttrs refuses what Cognito refuses in the attributes of
// a NEW_PASSWORD_REQUIRED answer: a *_verified flag (InvalidParameter
// "Cannot modify the non-mutable attribute email_verified", aws-sdk-ios
// #2203), and an e-mail address or phone number the user already has, even
// the same value (NotAuthorized "Cannot modify an already provided email",
// aws-saas-factory-bootcamp #67, since 2022). A missing one may be given.
func checkNewPasswordAttrs(u *user, attrs []transport.AttributeType) error {
	for _, a := range attrs {
		if a.Name == "email_verified" || a.Name == "phone_number_verified" {
			return invalidParam("Cannot modify the non-mutable attribute %s", a.Name)
		}
	}
	for _, a := range attrs {
		if (a.Name == "email" || a.Name == "phone_number") && u.Attrs[a.Name] != "" {
			return notAuthorized("Cannot modify an already provided " + a.Name)
		}
	}
	return nil
}

func (f *Fake) applyNewPasswordLocked(s *session, plan passwordPlan, attrs []transport.AttributeType) (*authState, error) {
	a := s.auth
	p := f.st.Pools[a.poolID]
	if p == nil {
		return nil, notAuthorized(msgSessionInvalid)
	}
	u := p.lookup(a.username)
	if u == nil || u.Sub != a.sub {
		return nil, notAuthorized(msgIncorrectCredentials)
	}
	if err := checkNewPasswordAttrs(u, attrs); err != nil {
		return nil, err
	}
	if len(attrs) > 0 {
		if _, err := f.updateAttrsLocked(p, u, attrs, false); err != nil {
			return nil, err
		}
	}
	if err := f.applyPassword(p, u, plan, false); err != nil {
		return nil, err
	}
	u.Status = transport.StatusConfirmed
	f.consumeLocked(s)
	next := a.clone()
	next.newPasswordDone = true
	return next, nil
}
