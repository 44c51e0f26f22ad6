package fakecognito

import (
	"context"

	"github.com/gocognito/gocognito/srp"
	"github.com/gocognito/gocognito/transport"
)

// answerDeviceSRP answers DEVICE_SRP_AUTH (USERNAME, DEVICE_KEY, SRP_A)
// with DEVICE_PASSWORD_VERIFIER. The Session is optional, as pycognito
// sends none: without it the fake finds the login that asked for this
// device's SRP from the client and DEVICE_KEY.
func (f *Fake) answerDeviceSRP(_ context.Context, r respondRequest, cv clientView) (*transport.ChallengeOutput, error) {
	deviceKey := r.responses[transport.ParamDeviceKey]
	if deviceKey == "" {
		return nil, missingParam(transport.ParamDeviceKey)
	}
	srpA := r.responses[transport.ParamSRPA]
	if err := checkSRPA(srpA); err != nil {
		return nil, err
	}
	f.mu.Lock()
	pendingKey := cv.id + "|" + deviceKey
	sid := r.session
	if sid == "" {
		sid = f.st.devicePending[pendingKey]
		if sid == "" {
			f.mu.Unlock()
			return nil, notAuthorized(msgSessionInvalid)
		}
	}
	var (
		a        *authState
		username string
		verifier srp.Verifier
	)
	s, err := f.takeSessionLocked(r, cv, sid)
	if err == nil && s.auth.deviceKey != deviceKey {
		err = notAuthorized(msgIncorrectCredentials)
	}
	if err == nil {
		f.consumeLocked(s)
		if f.st.devicePending[pendingKey] == s.id {
			delete(f.st.devicePending, pendingKey)
		}
		a = s.auth.clone()
		var u *user
		if p := f.st.Pools[a.poolID]; p != nil {
			u = p.Users[p.userKey(a.username)]
		}
		d := (*device)(nil)
		if u != nil && u.Sub == a.sub {
			d = u.Devices[deviceKey]
			username = u.Username
		}
		if d == nil || d.Verifier == nil {
			err = notAuthorized(msgIncorrectCredentials)
		} else {
			verifier = *d.Verifier
		}
	}
	f.mu.Unlock()
	if err != nil {
		return nil, err
	}

	server, block, err := f.newSRPChallenge(verifier, cv.sessionTTL, srpState{srpA: srpA, auth: a, device: true})
	if err != nil {
		return nil, err
	}
	return &transport.ChallengeOutput{
		ChallengeName: transport.ChallengeDevicePasswordVerifier,
		ChallengeParameters: map[string]string{
			transport.ParamUsername:    username,
			transport.ParamDeviceKey:   deviceKey,
			transport.ParamSalt:        server.SaltHex(),
			transport.ParamSRPB:        server.SRPB(),
			transport.ParamSecretBlock: block,
		},
	}, nil
}

// answerDevicePasswordVerifier checks the device's claim, found from its
// PASSWORD_CLAIM_SECRET_BLOCK, then goes on with the login: a remembered
// device may spare the user MFA.
func (f *Fake) answerDevicePasswordVerifier(_ context.Context, r respondRequest, cv clientView) (*transport.ChallengeOutput, error) {
	c, err := readClaim(r.responses)
	if err != nil {
		return nil, err
	}
	st, err := f.takeSRPState(c.block, true, r, cv)
	if err != nil {
		return nil, err
	}
	a := st.auth
	if err := a.checkAnswer(r.responses, cv); err != nil {
		return nil, err
	}
	if dk := r.responses[transport.ParamDeviceKey]; dk != "" && dk != a.deviceKey {
		return nil, notAuthorized(msgIncorrectCredentials)
	}
	f.mu.RLock()
	groupKey := ""
	if p := f.st.Pools[a.poolID]; p != nil {
		if u := p.Users[p.userKey(a.username)]; u != nil && u.Sub == a.sub {
			groupKey = u.DeviceGroupKey
		}
	}
	f.mu.RUnlock()
	if groupKey == "" {
		return nil, notAuthorized(msgIncorrectCredentials)
	}
	if err := st.server.VerifyDevice(groupKey, a.deviceKey, st.srpA, c.block, c.timestamp, c.signature); err != nil {
		return nil, claimError(err)
	}
	a.deviceVerified, a.deviceDone = true, true
	return f.advance(a)
}

// mfaSuppressed reports whether a proven, remembered device spares the
// user MFA: Cognito's ChallengeRequiredOnNewDevice.
func mfaSuppressed(p *pool, u *user, a *authState) bool {
	if !a.deviceVerified || !p.deviceTracking() || !p.Settings.DeviceConfiguration.ChallengeRequiredOnNewDevice {
		return false
	}
	d := u.Devices[a.deviceKey]
	return d != nil && d.Status == transport.DeviceRemembered
}
