package fakecognito

import (
	"context"
	"maps"
	"slices"
	"time"

	"github.com/gocognito/gocognito/transport"
)

// GetTokensFromRefreshToken issues new access and ID tokens from a refresh
// token, as Amplify v6 refreshes every session:
//
//   - A client with a secret needs ClientSecret, the secret itself (not a
//     SECRET_HASH), compared in constant time before the token is looked at.
//   - On a client with RefreshTokenRotation ENABLED the answer carries a new
//     refresh token; the one presented keeps working for
//     RetryGracePeriodSeconds and is refused with RefreshTokenReuseException
//     afterwards. The new token expires when the sign-in's first one does:
//     rotation does not extend a session.
//   - In a pool that tracks devices, DeviceKey must be the key of a confirmed
//     device of the user; the new tokens then carry it as device_key.
//     Without it (or with an unknown or unconfirmed key) Cognito issues a
//     new device, returned as NewDeviceMetadata.
//   - A token Cognito did not issue to this client: NotAuthorizedException
//     "Invalid Refresh Token."; revoked, expired or its user disabled: the
//     same errors as REFRESH_TOKEN_AUTH.
//
// Every token a family rotates through shares its origin_jti, so RevokeToken
// (with any of them), GlobalSignOut, AdminUserGlobalSignOut and disabling
// the user revoke them all.
func (f *Fake) GetTokensFromRefreshToken(ctx context.Context, in *transport.GetTokensFromRefreshTokenInput) (*transport.GetTokensFromRefreshTokenOutput, error) {
	return run(ctx, f, "GetTokensFromRefreshToken", in, func(in *transport.GetTokensFromRefreshTokenInput) (*transport.GetTokensFromRefreshTokenOutput, error) {
		if in.ClientID == "" {
			return nil, missingParam("ClientId")
		}
		if in.RefreshToken == "" {
			return nil, missingParam("RefreshToken")
		}
		// Draw what a rotation or a new device may need before taking the
		// lock; what goes unused is dropped.
		fresh, err := f.newOpaque(refreshTokenBytes)
		if err != nil {
			return nil, err
		}
		f.lockW()
		pt, err := f.getTokensLocked(in, fresh)
		f.unlockW()
		if err != nil {
			return nil, err
		}
		pt.pre.clientMetadata = maps.Clone(in.ClientMetadata)
		res, err := f.issue(ctx, pt)
		if err != nil {
			f.undoRotation(pt.rotation)
			return nil, err
		}
		return &transport.GetTokensFromRefreshTokenOutput{AuthenticationResult: res}, nil
	})
}

// Messages of GetTokensFromRefreshToken. The first is the real one
// (aws-sdk-js-v3 #7162, with its period, unlike REFRESH_TOKEN_AUTH's); the
// others are not published and are the fake's choice.
const (
	msgInvalidRefreshTokenGT = "Invalid Refresh Token."
	msgRefreshTokenReused    = "Refresh Token has already been used."
	msgClientSecretMissing   = "Client %s is configured with secret but ClientSecret was not received"
	msgClientSecretWrong     = "Unable to verify secret for client %s"
)

// maxRetiredPerFamily bounds the rotated-out refresh tokens a family
// remembers. An older one is forgotten and answers "Invalid Refresh Token."
// instead of RefreshTokenReuseException; real refresh tokens are encrypted
// documents Cognito can always recognise, the fake keeps hashes.
const maxRetiredPerFamily = 32

// retiredToken is a refresh token a rotation replaced: its hash and the end
// of its grace period.
type retiredToken struct {
	Hash  string    `json:"hash"`
	Until time.Time `json:"until"`
}

func (f *Fake) getTokensLocked(in *transport.GetTokensFromRefreshTokenInput, fresh string) (pendingTokens, error) {
	c, err := f.clientLocked(in.ClientID)
	if err != nil {
		return pendingTokens{}, err
	}
	if c.Secret != "" {
		switch {
		case in.ClientSecret == "":
			return pendingTokens{}, transport.Errorf("NotAuthorizedException", msgClientSecretMissing, c.ID)
		case !constantEqual(c.Secret, in.ClientSecret):
			return pendingTokens{}, transport.Errorf("NotAuthorizedException", msgClientSecretWrong, c.ID)
		}
	}
	now := f.clock()
	h := hashToken(in.RefreshToken)
	fam := f.st.Families[f.st.Refresh[h]]
	retired := -1
	if fam == nil {
		if fam = f.st.Families[f.st.retired[h]]; fam != nil {
			retired = fam.retiredIndex(h)
		}
	}
	switch {
	case fam == nil || fam.ClientID != c.ID || fam.RefreshHash != h && retired < 0:
		return pendingTokens{}, notAuthorized(msgInvalidRefreshTokenGT)
	case fam.Revoked:
		if u := f.familyUserLocked(fam); u != nil && !u.Enabled {
			return pendingTokens{}, notAuthorized(msgUserDisabled)
		}
		return pendingTokens{}, notAuthorized(msgRefreshTokenRevoked)
	case !now.Before(fam.RefreshExpires):
		return pendingTokens{}, notAuthorized(msgRefreshTokenExpired)
	case retired >= 0 && !now.Before(fam.Retired[retired].Until):
		return pendingTokens{}, cognitoErr("RefreshTokenReuseException", msgRefreshTokenReused)
	}
	p := f.st.Pools[fam.PoolID]
	u := f.familyUserLocked(fam)
	if p == nil || u == nil {
		return pendingTokens{}, notAuthorized(msgInvalidRefreshTokenGT)
	}
	if !u.Enabled {
		return pendingTokens{}, notAuthorized(msgUserDisabled)
	}

	var nd *transport.NewDeviceMetadata
	// A sign-in through the OAuth endpoints has no device: the managed
	// login does not remember devices, so its refreshes issue none.
	if p.deviceTracking() && fam.Scopes == nil {
		if d := u.Devices[in.DeviceKey]; in.DeviceKey != "" && d != nil && d.Verifier != nil {
			d.LastAuth = now
			fam.DeviceKey, fam.DeviceUnconfirmed = d.Key, false
			f.trk.mark(recFamily, "", fam.ID)
		} else {
			key, err := f.issueDeviceLocked(u, now)
			if err != nil {
				return pendingTokens{}, err
			}
			fam.DeviceKey, fam.DeviceUnconfirmed = key, true
			f.trk.mark(recFamily, "", fam.ID)
			nd = &transport.NewDeviceMetadata{DeviceKey: key, DeviceGroupKey: u.DeviceGroupKey}
		}
	}

	rotated := ""
	var rot *rotation
	if cfg := c.Settings.RefreshTokenRotation; cfg.Enabled() {
		grace := time.Duration(cfg.RetryGracePeriodSeconds) * time.Second
		rot = &rotation{familyID: fam.ID, from: fam.RefreshHash, to: hashToken(fresh)}
		f.rotateLocked(fam, rot.to, now.Add(grace))
		rotated = fresh
	}
	pt, err := f.mintLocked(p, c, u, fam, fam.DeviceKey, fam.AuthTime)
	if err != nil {
		if rot != nil {
			f.undoRotationLocked(rot)
		}
		return pendingTokens{}, err
	}
	pt.refresh = rotated
	pt.rotation = rot
	pt.newDevice = nd
	return pt, nil
}

// familyUserLocked returns the live user a family was issued to, or nil
// when that user is gone or was replaced by another of the same name.
func (f *Fake) familyUserLocked(fam *family) *user {
	p := f.st.Pools[fam.PoolID]
	if p == nil {
		return nil
	}
	if u := p.lookup(fam.Username); u != nil && u.Sub == fam.Sub {
		return u
	}
	return nil
}

// rotateLocked makes newHash the family's refresh token. The token it
// replaces is retired until graceUntil; a token already retired keeps the
// grace it had, so that a retry inside the grace period does not extend it.
func (f *Fake) rotateLocked(fam *family, newHash string, graceUntil time.Time) {
	f.trk.mark(recFamily, "", fam.ID)
	if old := fam.RefreshHash; old != "" {
		delete(f.st.Refresh, old)
		fam.Retired = append(fam.Retired, retiredToken{Hash: old, Until: graceUntil})
		f.st.retired[old] = fam.ID
	}
	for len(fam.Retired) > maxRetiredPerFamily {
		delete(f.st.retired, fam.Retired[0].Hash)
		fam.Retired = fam.Retired[1:]
	}
	fam.RefreshHash = newHash
	f.st.Refresh[newHash] = fam.ID
}

// rotation is one rotation of a family's refresh token, from the hash that
// was current to the new one.
type rotation struct {
	familyID, from, to string
}

// undoRotation gives back the refresh token a refresh rotated out when
// that refresh issues no tokens after all (its pre token generation
// trigger failed): the caller never saw the new token, so without this the
// user would be signed out by a failing Lambda.
func (f *Fake) undoRotation(r *rotation) {
	if r == nil {
		return
	}
	f.lockW()
	defer f.unlockW()
	f.undoRotationLocked(r)
}

// undoRotationLocked is undoRotation with f.mu held for writing. A family
// rotated again since, or gone, is left alone.
func (f *Fake) undoRotationLocked(r *rotation) {
	fam := f.st.Families[r.familyID]
	if fam == nil || fam.RefreshHash != r.to {
		return
	}
	f.trk.mark(recFamily, "", fam.ID)
	delete(f.st.Refresh, r.to)
	fam.RefreshHash = r.from
	if r.from == "" {
		return
	}
	f.st.Refresh[r.from] = fam.ID
	delete(f.st.retired, r.from)
	if i := fam.retiredIndex(r.from); i >= 0 {
		fam.Retired = slices.Delete(fam.Retired, i, i+1)
	}
}

// retiredIndex returns the index of a retired token's hash in fam.Retired,
// or -1.
func (fam *family) retiredIndex(h string) int {
	for i, r := range fam.Retired {
		if r.Hash == h {
			return i
		}
	}
	return -1
}

// familyOfRefreshLocked finds the family of a refresh token, current or
// rotated out.
func (f *Fake) familyOfRefreshLocked(tok string) *family {
	h := hashToken(tok)
	if fam := f.st.Families[f.st.Refresh[h]]; fam != nil {
		return fam
	}
	return f.st.Families[f.st.retired[h]]
}

// issueDeviceLocked gives u a new, unconfirmed device, as a login without a
// proven device does.
func (f *Fake) issueDeviceLocked(u *user, now time.Time) (string, error) {
	key, err := f.newDeviceKey()
	if err != nil {
		return "", err
	}
	if u.DeviceGroupKey == "" {
		if u.DeviceGroupKey, err = f.newDeviceGroupKey(); err != nil {
			return "", err
		}
	}
	if u.Devices == nil {
		u.Devices = make(map[string]*device)
	}
	pruneUnconfirmed(u)
	u.Devices[key] = &device{Key: key, Status: transport.DeviceNotRemembered, Created: now, Modified: now, LastAuth: now}
	return key, nil
}
