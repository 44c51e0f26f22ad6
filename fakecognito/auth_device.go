package fakecognito

import (
	"context"

	"github.com/gocognito/gocognito/srp"
	"github.com/gocognito/gocognito/transport"
)

// answerDeviceSRP answers DEVICE_SRP_AUTH (USERNAME, DEVICE_KEY, SRP_A)
// with DEVICE_PASSWORD_VERIFIER. The login is found from the client and
// DEVICE_KEY unless the Session is that of a DEVICE_SRP_AUTH challenge:
// pycognito sends no Session, and amazon-cognito-identity-js, after an MFA
// code, sends the MFA challenge's Session again (sendMFACode never keeps the
// DEVICE_SRP_AUTH one). Only the device's password, proven next, lets the
// login go on.
func (f *Fake) answerDeviceSRP(ctx context.Context, r respondRequest, cv clientView) (*transport.ChallengeOutput, error) {
	deviceKey := r.responses[transport.ParamDeviceKey]
	if deviceKey == "" {
		return nil, missingParam(transport.ParamDeviceKey)
	}
	srpA := r.responses[transport.ParamSRPA]
	if err := checkSRPA(srpA); err != nil {
		return nil, err
	}
	f.lockW()
	pendingKey := cv.id + "|" + deviceKey
	sid := r.session
	if given := f.st.sessions[sid]; given == nil || given.challenge != transport.ChallengeDeviceSRPAuth {
		sid = f.st.devicePending[pendingKey]
		if sid == "" {
			f.unlockW()
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
			u = p.lookup(a.username)
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
	f.unlockW()
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
// PASSWORD_CLAIM_SECRET_BLOCK, and ends the login: device SRP comes last.
func (f *Fake) answerDevicePasswordVerifier(ctx context.Context, r respondRequest, cv clientView) (*transport.ChallengeOutput, error) {
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
		if u := p.lookup(a.username); u != nil && u.Sub == a.sub {
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
	a.deviceVerified = true
	return f.advance(ctx, a)
}

// mfaSpared reports whether the login's device spares the user MFA: a
// confirmed device the user remembered, in a pool with
// ChallengeRequiredOnNewDevice. The device's SRP, which comes after, proves
// it.
func mfaSpared(p *pool, d *device) bool {
	return d != nil && d.Verifier != nil && d.Status == transport.DeviceRemembered &&
		p.deviceTracking() && p.Settings.DeviceConfiguration.ChallengeRequiredOnNewDevice
}

// answerDeviceKeyLocked returns the device a login goes on with after an
// answer to r.challenge. Cognito reads DEVICE_KEY from every answer
// ("Include a DEVICE_KEY for device authentication", RespondToAuthChallenge
// reference): one that is sent replaces the login's, and must be a device
// the user has. Its absence keeps the login's device, except on the answers
// where clients always send it when they have one (an MFA code, a custom
// answer): there, no DEVICE_KEY means no device, and the login ends with a
// new one.
func (f *Fake) answerDeviceKeyLocked(a *authState, r respondRequest) (string, error) {
	key := r.responses[transport.ParamDeviceKey]
	if key == "" {
		if clearsDevice(r.challenge) {
			return "", nil
		}
		return a.deviceKey, nil
	}
	p := f.st.Pools[a.poolID]
	if p == nil || a.username == "" {
		return key, nil // no such login can end with tokens anyway
	}
	if u := p.lookup(a.username); u != nil && u.Sub == a.sub {
		if _, err := loginDevice(p, u, key); err != nil {
			return "", err
		}
	}
	return key, nil
}

// clearsDevice reports whether an answer to challenge without DEVICE_KEY
// leaves the login without a device: the MFA codes (the "device remembered
// many times" of amplify-js PR #14626 is a client that left it out there)
// and, by the same rule, custom answers.
func clearsDevice(challenge string) bool {
	switch challenge {
	case transport.ChallengeSMSMFA, transport.ChallengeSoftwareTokenMFA, transport.ChallengeEmailOTP,
		transport.ChallengeCustom:
		return true
	}
	return false
}
