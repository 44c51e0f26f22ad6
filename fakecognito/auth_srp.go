package fakecognito

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/gocognito/gocognito/srp"
	"github.com/gocognito/gocognito/transport"
)

// checkSRPA refuses, at InitiateAuth, an SRP_A that is missing, not
// hexadecimal, too long, or 0 mod N: SRP's safety rule, checked before any
// state is kept for the login.
func checkSRPA(a string) error {
	if a == "" {
		return missingParam(transport.ParamSRPA)
	}
	if err := srp.CheckPublic(transport.ParamSRPA, a); err != nil {
		return srpInputError(transport.ParamSRPA, err)
	}
	return nil
}

// startSRP answers USER_SRP_AUTH with a PASSWORD_VERIFIER challenge. For
// a user that does not exist, on a client that prevents user existence
// errors, the challenge is a decoy that no answer passes, as in Cognito.
func (f *Fake) startSRP(ctx context.Context, r authRequest, cv clientView) (*transport.ChallengeOutput, error) {
	name := r.params[transport.ParamUsername]
	if name == "" {
		return nil, missingParam(transport.ParamUsername)
	}
	srpA := r.params[transport.ParamSRPA]
	if err := checkSRPA(srpA); err != nil {
		return nil, err
	}
	// Refuse before the exponentiations when the exchanges are full.
	if err := f.srpRoom(); err != nil {
		return nil, err
	}
	// Cognito asks PreAuthentication before it answers with the challenge;
	// an unknown user is never migrated here, as SRP never shows Cognito
	// the password a migration function would need.
	if err := f.preAuthentication(ctx, cv, name, r.metadata); err != nil {
		return nil, err
	}
	a := &authState{
		poolID: cv.poolID, clientID: cv.id, typed: name, admin: r.admin, flow: r.flow,
		clientMetadata: r.metadata, deviceKey: r.params[transport.ParamDeviceKey],
	}
	return f.passwordVerifierChallenge(a, srpA, r.params[transport.ParamSecretHash], cv)
}

// passwordVerifierChallenge looks the user up, checks SECRET_HASH and
// sends PASSWORD_VERIFIER. It serves USER_SRP_AUTH and CUSTOM_AUTH's SRP
// step (secretHash "" then: already checked).
func (f *Fake) passwordVerifierChallenge(a *authState, srpA, secretHash string, cv clientView) (*transport.ChallengeOutput, error) {
	f.mu.RLock()
	p, err := f.poolLocked(a.poolID)
	var u *user
	var verifier srp.Verifier
	uuidNames := false
	if err == nil {
		uuidNames = p.usesUsernameAttributes()
		if a.username != "" {
			u = p.lookup(a.username)
		} else {
			u = p.findUser(a.typed)
		}
		if a.custom == nil {
			err = cv.checkSecretFor(p, u, a.typed, secretHash)
		}
	}
	switch {
	case err != nil:
	case u == nil && !cv.prevent:
		err = userNotFound()
	case u != nil:
		if err = f.preAuthLocked(u); err == nil {
			a.username, a.sub = u.Username, u.Sub
			verifier = *u.Password
		}
	}
	f.mu.RUnlock()
	if err != nil {
		return nil, err
	}

	decoy := u == nil
	userID := a.username
	if decoy {
		if userID, err = f.decoyIdentity(a.poolID, a.typed, uuidNames); err != nil {
			return nil, err
		}
		a.decoyID = userID
		if verifier, err = f.decoyVerifier(a.poolID, a.typed, userID); err != nil {
			return nil, err
		}
	}
	server, block, err := f.newSRPChallenge(verifier, cv.sessionTTL, srpState{srpA: srpA, auth: a, decoy: decoy})
	if err != nil {
		return nil, err
	}

	// No Session: Cognito sends PASSWORD_VERIFIER without one and finds
	// its state again from the SECRET_BLOCK.
	return &transport.ChallengeOutput{
		ChallengeName: transport.ChallengePasswordVerifier,
		ChallengeParameters: map[string]string{
			transport.ParamSalt:         server.SaltHex(),
			transport.ParamSRPB:         server.SRPB(),
			transport.ParamSecretBlock:  block,
			transport.ParamUsername:     userID,
			transport.ParamUserIDForSRP: userID,
		},
	}, nil
}

// newSRPChallenge draws the server's side of an SRP exchange against v and
// keeps it, with st, under a fresh SECRET_BLOCK, where the answer finds it
// again until ttl has passed. The expensive math runs before the lock.
func (f *Fake) newSRPChallenge(v srp.Verifier, ttl time.Duration, st srpState) (*srp.Server, string, error) {
	server, err := f.newSRPServer(v, !st.decoy)
	if err != nil {
		return nil, "", err
	}
	block, err := f.newSecretBlock()
	if err != nil {
		return nil, "", err
	}
	st.server = server
	f.lockW()
	defer f.unlockW()
	if err := f.roomLocked(func() int { return len(f.st.srp) }); err != nil {
		return nil, "", err
	}
	now := f.clock()
	st.expires = now.Add(ttl)
	f.st.srp[block] = &st
	f.sweepLocked(now)
	f.armSweepLocked()
	return server, block, nil
}

// verifierCacheSize is how many verifiers' precomputed powers a Fake keeps:
// about 24 KiB each, 1.5 MiB in all. A test suite or a load test logs in
// far fewer users again and again.
const verifierCacheSize = 64

// newSRPServer starts the server side of an SRP exchange against v with a
// fresh b from the injected source. srp.NewServer draws a 256-bit b, the
// least RFC 5054 (section 2.5.3) asks for and enough for the 128-bit
// security of the 3072-bit group: Cognito's clients draw 1024-bit secrets,
// but the server is free to draw fewer, and the exponentiations with b are
// most of its SRP work, so the fake's share of a login stays below the
// client's. With cached, the check of the answer computes v^u from the
// verifier's precomputed powers once the same verifier has come twice
// (srp.VerifierCache); a decoy's verifier is new every time and would only
// crowd the cache's record of verifiers seen once.
func (f *Fake) newSRPServer(v srp.Verifier, cached bool) (*srp.Server, error) {
	var cache *srp.VerifierCache
	if cached {
		cache = f.verifiers
	}
	s, err := cache.NewServer(v, f.rand)
	if err != nil {
		// A stored verifier is valid, so only the random source can fail.
		return nil, internalError(fmt.Errorf("fakecognito: SRP secret: %w", err))
	}
	return s, nil
}

// decoyIdentity returns the name a decoy challenge gives a user that does
// not exist: the name typed or, where internal names are UUIDs, a UUID
// derived from it.
func (f *Fake) decoyIdentity(poolID, typed string, uuidNames bool) (string, error) {
	if uuidNames {
		return f.decoyUserID(poolID, typed)
	}
	return typed, nil
}

// decoyVerifier makes the verifier of a decoy challenge for the name typed,
// whose USER_ID_FOR_SRP is userID: a salt stable per name and the verifier
// of a random password nobody knows.
func (f *Fake) decoyVerifier(poolID, typed, userID string) (srp.Verifier, error) {
	salt, err := f.decoySalt(poolID, typed)
	if err != nil {
		return srp.Verifier{}, err
	}
	pw, err := f.newOpaque(32)
	if err != nil {
		return srp.Verifier{}, err
	}
	poolName, err := srp.PoolName(poolID)
	if err != nil {
		return srp.Verifier{}, internalError(err)
	}
	v, err := srp.PasswordVerifierWithSalt(poolName, userID, pw, salt)
	if err != nil {
		// A name too long for SRP cannot sign in anyway.
		return srp.Verifier{}, notAuthorized(msgIncorrectCredentials)
	}
	return v, nil
}

// claim is a PASSWORD_VERIFIER or DEVICE_PASSWORD_VERIFIER answer.
type claim struct {
	block, signature, timestamp string
}

func readClaim(resp map[string]string) (claim, error) {
	c := claim{
		block:     resp[transport.ParamClaimSecretBlock],
		signature: resp[transport.ParamClaimSignature],
		timestamp: resp[transport.ParamTimestamp],
	}
	for _, p := range []struct{ name, v string }{
		{transport.ParamUsername, resp[transport.ParamUsername]},
		{transport.ParamClaimSecretBlock, c.block},
		{transport.ParamClaimSignature, c.signature},
		{transport.ParamTimestamp, c.timestamp},
	} {
		if p.v == "" {
			return c, missingParam(p.name)
		}
	}
	return c, nil
}

// takeSRPState removes and returns the SRP exchange a SECRET_BLOCK names,
// refusing one issued for another kind of challenge, client or pool (which
// leaves it for its rightful owner).
func (f *Fake) takeSRPState(block string, device bool, r respondRequest, cv clientView) (*srpState, error) {
	f.lockW()
	defer f.unlockW()
	st := f.st.srp[block]
	if st == nil || st.device != device || st.auth.clientID != cv.id || st.auth.admin != r.admin ||
		r.admin && st.auth.poolID != r.poolID {
		return nil, notAuthorized(msgIncorrectCredentials)
	}
	delete(f.st.srp, block)
	if f.clock().After(st.expires) {
		return nil, notAuthorized(msgSessionExpired)
	}
	return st, nil
}

// answerPasswordVerifier checks PASSWORD_CLAIM_SIGNATURE with the SRP
// exchange found from PASSWORD_CLAIM_SECRET_BLOCK; a Session, if sent, is
// not needed.
func (f *Fake) answerPasswordVerifier(ctx context.Context, r respondRequest, cv clientView) (*transport.ChallengeOutput, error) {
	c, err := readClaim(r.responses)
	if err != nil {
		return nil, err
	}
	st, err := f.takeSRPState(c.block, false, r, cv)
	if err != nil {
		return nil, err
	}
	a := st.auth
	if err := a.checkAnswer(r.responses, cv); err != nil {
		return nil, err
	}
	userID := a.internalName()
	poolName, err := srp.PoolName(a.poolID)
	if err != nil {
		return nil, internalError(err)
	}
	verr := st.server.VerifyPassword(poolName, userID, st.srpA, c.block, c.timestamp, c.signature)
	if st.decoy {
		return nil, notAuthorized(msgIncorrectCredentials)
	}

	f.lockW()
	p := f.st.Pools[a.poolID]
	var u *user
	if p != nil {
		u = p.lookup(a.username)
	}
	switch {
	case u == nil || u.Sub != a.sub:
		err = notAuthorized(msgIncorrectCredentials)
	case f.clock().Before(u.LockedUntil):
		err = notAuthorized(msgAttemptsExceeded)
	case verr != nil && (errors.Is(verr, srp.ErrBadSignature) || errors.Is(verr, srp.ErrMalformedTimestamp)):
		err = f.failLocked(u)
	case verr != nil:
		err = claimError(verr)
	default:
		succeedLocked(u)
		err = f.postAuthLocked(u)
	}
	f.unlockW()
	if err != nil {
		return nil, err
	}
	// A device this user lacks is refused once the password is proven, by
	// advance, as for one given to InitiateAuth.
	if dk := r.responses[transport.ParamDeviceKey]; dk != "" {
		a.deviceKey = dk
	}
	if a.custom != nil {
		a.custom.history = append(a.custom.history, ChallengeResult{ChallengeName: transport.ChallengePasswordVerifier, ChallengeResult: true})
		return f.customNext(ctx, a)
	}
	return f.advance(ctx, a)
}

// claimError turns a refusal of the srp package other than a wrong
// signature into Cognito's answer: a malformed parameter is
// InvalidParameterException, an illegal public value NotAuthorized.
func claimError(err error) error {
	var ie *srp.InputError
	if errors.As(err, &ie) && !errors.Is(err, srp.ErrIllegalPublicValue) {
		return srpInputError(ie.Param, err)
	}
	return notAuthorized(msgIncorrectCredentials)
}
