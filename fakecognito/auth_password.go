package fakecognito

import (
	"context"

	"github.com/gocognito/gocognito/srp"
	"github.com/gocognito/gocognito/transport"
)

// startPassword runs USER_PASSWORD_AUTH, ADMIN_USER_PASSWORD_AUTH and
// ADMIN_NO_SRP_AUTH: the password travels, and the fake recomputes the
// user's verifier from it and the stored salt.
func (f *Fake) startPassword(ctx context.Context, r authRequest, cv clientView) (*transport.ChallengeOutput, error) {
	name := r.params[transport.ParamUsername]
	if name == "" {
		return nil, missingParam(transport.ParamUsername)
	}
	password := r.params[transport.ParamPassword]
	if password == "" {
		return nil, missingParam(transport.ParamPassword)
	}
	if err := f.loginMigration(ctx, r, cv, name, password); err != nil {
		return nil, err
	}
	if err := f.preAuthentication(ctx, cv, name, r.metadata); err != nil {
		return nil, err
	}
	f.mu.RLock()
	p, err := f.poolLocked(cv.poolID)
	var u *user
	var stored srp.Verifier
	decoy, uuidNames := false, false
	a := &authState{
		poolID: cv.poolID, clientID: cv.id, typed: name, admin: r.admin, flow: r.flow,
		clientMetadata: r.metadata, deviceKey: r.params[transport.ParamDeviceKey],
	}
	if err == nil {
		u = p.findUser(name)
		err = cv.checkSecretFor(p, u, name, r.params[transport.ParamSecretHash])
	}
	switch {
	case err != nil:
	case u == nil && cv.prevent:
		decoy, uuidNames = true, p.usesUsernameAttributes()
	case u == nil:
		err = userNotFound()
	default:
		if err = f.preAuthLocked(u); err == nil {
			a.username, a.sub = u.Username, u.Sub
			stored = *u.Password
		}
	}
	f.mu.RUnlock()
	if err != nil {
		return nil, err
	}
	if decoy {
		return nil, f.decoyPasswordCheck(a.poolID, name, password, uuidNames)
	}

	ok := f.matchPassword(a.poolID, a.username, password, &stored)

	f.lockW()
	u = nil
	if p := f.st.Pools[a.poolID]; p != nil {
		u = p.lookup(a.username)
	}
	switch {
	case u == nil || u.Sub != a.sub:
		err = notAuthorized(msgIncorrectCredentials)
	case f.clock().Before(u.LockedUntil):
		err = notAuthorized(msgAttemptsExceeded)
	case !ok:
		err = f.failLocked(u)
	default:
		succeedLocked(u)
		err = f.postAuthLocked(u)
	}
	f.unlockW()
	if err != nil {
		return nil, err
	}
	return f.advance(ctx, a)
}

// decoyPasswordCheck answers USER_PASSWORD_AUTH for a user that does not
// exist, on a client that prevents user existence errors, after the same
// work as for a real user (the verifier of the password, one modular
// exponentiation, against a decoy one), so that the time of the answer does
// not tell a missing user from a wrong password, as the SRP path's decoy
// challenge does not.
func (f *Fake) decoyPasswordCheck(poolID, typed, password string, uuidNames bool) error {
	userID, err := f.decoyIdentity(poolID, typed, uuidNames)
	if err != nil {
		return err
	}
	salt, err := f.decoySalt(poolID, typed)
	if err != nil {
		return err
	}
	v, err := f.decoyMAC("verifier", poolID, typed)
	if err != nil {
		return err
	}
	f.matchPassword(poolID, userID, password, &srp.Verifier{SaltHex: salt, VerifierHex: hexString(v)})
	return notAuthorized(msgIncorrectCredentials)
}

// refresh runs REFRESH_TOKEN_AUTH: new access and ID tokens for a live
// refresh token of this client, keeping auth_time, with no new refresh
// token. When the sign-in used a device and the pool tracks devices, the
// same DEVICE_KEY must come along.
func (f *Fake) refresh(ctx context.Context, r authRequest, cv clientView) (*transport.ChallengeOutput, error) {
	tok := r.params[transport.ParamRefreshToken]
	if tok == "" {
		return nil, missingParam(transport.ParamRefreshToken)
	}
	f.lockW()
	pt, err := f.refreshLocked(r, cv, tok)
	f.unlockW()
	if err != nil {
		return nil, err
	}
	res, err := f.issue(ctx, pt)
	if err != nil {
		return nil, err
	}
	return &transport.ChallengeOutput{ChallengeParameters: map[string]string{}, AuthenticationResult: res}, nil
}

func (f *Fake) refreshLocked(r authRequest, cv clientView, tok string) (pendingTokens, error) {
	fam := f.st.Families[f.st.Refresh[hashToken(tok)]]
	now := f.clock()
	switch {
	case fam == nil || fam.ClientID != cv.id:
		return pendingTokens{}, notAuthorized(msgInvalidRefreshToken)
	case fam.Revoked:
		if p := f.st.Pools[fam.PoolID]; p != nil {
			if u := p.lookup(fam.Username); u != nil && u.Sub == fam.Sub && !u.Enabled {
				// Disabling revoked the family too; the user hears why.
				return pendingTokens{}, notAuthorized(msgUserDisabled)
			}
		}
		return pendingTokens{}, notAuthorized(msgRefreshTokenRevoked)
	case !now.Before(fam.RefreshExpires):
		return pendingTokens{}, notAuthorized(msgRefreshTokenExpired)
	}
	p := f.st.Pools[fam.PoolID]
	c := f.st.Clients[fam.ClientID]
	if p == nil || c == nil {
		return pendingTokens{}, notAuthorized(msgInvalidRefreshToken)
	}
	u := p.lookup(fam.Username)
	if u == nil || u.Sub != fam.Sub {
		return pendingTokens{}, notAuthorized(msgInvalidRefreshToken)
	}
	// Unlike a login, a refresh has no name typed: Cognito checks SECRET_HASH
	// over the name it knows the user by (or the sub), never an alias, which
	// is what trips clients that hash the e-mail (pycognito #18).
	if err := cv.checkSecret(r.params[transport.ParamSecretHash], u.Username, u.Sub); err != nil {
		return pendingTokens{}, err
	}
	if !u.Enabled {
		return pendingTokens{}, notAuthorized(msgUserDisabled)
	}
	if fam.DeviceKey != "" && p.deviceTracking() {
		// A device never confirmed may have been pruned (a user who signs
		// in often without DEVICE_KEY makes one per login): its family
		// still refreshes. A confirmed device must still exist.
		gone := u.Devices[fam.DeviceKey] == nil && !fam.DeviceUnconfirmed
		if r.params[transport.ParamDeviceKey] != fam.DeviceKey || gone {
			return pendingTokens{}, notAuthorized(msgInvalidRefreshToken)
		}
	}
	return f.mintLocked(p, c, u, fam, fam.DeviceKey, fam.AuthTime)
}
