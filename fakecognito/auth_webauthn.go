package fakecognito

import (
	"bytes"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"time"

	"github.com/go-webauthn/webauthn/protocol"

	"github.com/gocognito/gocognito/transport"
)

// The passkey side of choice-based sign-in. USER_AUTH (auth_userauth.go)
// calls these three functions and nothing else of WebAuthn:
//
//   - hasPasskeyLocked decides whether SELECT_CHALLENGE lists WEB_AUTHN and
//     whether PREFERRED_CHALLENGE=WEB_AUTHN is accepted (the pool must also
//     allow WEB_AUTHN in its SignInPolicy; that is checked before).
//   - webAuthnChallengeLocked issues the WEB_AUTHN challenge, for ANSWER=
//     WEB_AUTHN and PREFERRED_CHALLENGE=WEB_AUTHN.
//   - checkWebAuthnCredentialLocked verifies the CREDENTIAL answer.
//
// Registration and the checks both ceremonies share are in webauthn.go.

// passkeySignInTimeout is the timeout of CREDENTIAL_REQUEST_OPTIONS, in
// milliseconds, as Cognito sends it (amplify-js mocks: 180000).
const passkeySignInTimeout = 180000

// webAuthnLogin is a passkey sign-in in progress, kept in the login's
// authState from the WEB_AUTHN challenge to its answer (and copied by
// authState.clone).
type webAuthnLogin struct {
	// Challenge is what the authenticator must sign: unpadded base64url of
	// 16 random bytes, as in CREDENTIAL_REQUEST_OPTIONS.
	Challenge string
	// RPID and UV are the pool's relying party and user verification when
	// the challenge was issued: the answer is checked against what the
	// options asked for.
	RPID, UV string
}

// hasPasskeyLocked reports whether u has a passkey registered for p's
// relying party. The caller holds f.mu.
func hasPasskeyLocked(p *pool, u *user) bool {
	rpID, _ := p.webAuthnConfig()
	if rpID == "" {
		return false
	}
	for _, pk := range u.Passkeys {
		if pk.RPID == rpID {
			return true
		}
	}
	return false
}

// pkAllow is an entry of allowCredentials, members in Cognito's order.
type pkAllow struct {
	ID   string `json:"id"`
	Type string `json:"type"`
}

// pkRequestOptions is CREDENTIAL_REQUEST_OPTIONS, members in Cognito's
// order, including the creation-only members (attestation,
// attestationFormats) Cognito sends anyway (amplify-js
// packages/auth/__tests__/mockData.ts, passkeyCredentialRequestOptions).
type pkRequestOptions struct {
	Hints              []string  `json:"hints"`
	Attestation        string    `json:"attestation"`
	AttestationFormats []string  `json:"attestationFormats"`
	Challenge          string    `json:"challenge"`
	Timeout            int       `json:"timeout"`
	RPID               string    `json:"rpId"`
	AllowCredentials   []pkAllow `json:"allowCredentials"`
	UserVerification   string    `json:"userVerification"`
}

// webAuthnChallengeLocked issues the WEB_AUTHN challenge: it draws a
// challenge, keeps it in a.webAuthn and sends CREDENTIAL_REQUEST_OPTIONS
// (the JSON of PublicKeyCredentialRequestOptions) with USERNAME, under a new
// Session valid for ttl. The caller holds f.mu for writing and has checked
// that WEB_AUTHN is available to u.
func (f *Fake) webAuthnChallengeLocked(p *pool, u *user, a *authState, ttl time.Duration) (*transport.ChallengeOutput, error) {
	rpID, uv := p.webAuthnConfig()
	if rpID == "" || !hasPasskeyLocked(p, u) {
		return nil, errPreferredUnavailable(transport.ChallengeWebAuthn)
	}
	challenge, err := f.newPasskeyChallenge()
	if err != nil {
		return nil, err
	}
	opts := pkRequestOptions{
		Hints: []string{}, Attestation: "none", AttestationFormats: []string{},
		Challenge: challenge, Timeout: passkeySignInTimeout, RPID: rpID,
		AllowCredentials: []pkAllow{}, UserVerification: uv,
	}
	for _, id := range sortedPasskeyIDs(u) {
		if u.Passkeys[id].RPID == rpID {
			opts.AllowCredentials = append(opts.AllowCredentials, pkAllow{id, "public-key"})
		}
	}
	b, err := json.Marshal(opts)
	if err != nil {
		return nil, internalError(err)
	}
	a.webAuthn = &webAuthnLogin{Challenge: challenge, RPID: rpID, UV: uv}
	out, _, err := f.challengeLocked(a, transport.ChallengeWebAuthn, ttl, map[string]string{
		transport.ParamCredentialRequestOptions: string(b),
		transport.ParamUsername:                 u.Username,
	})
	return out, err
}

// errPasskeyRefused is the refusal of a passkey assertion. Cognito's
// RespondToAuthChallenge models none of the WebAuthn exceptions, so it is
// NotAuthorizedException; its message is not published, and the fake's
// says which check failed.
func errPasskeyRefused(why string) error {
	return notAuthorized("Passkey sign-in failed: " + why + ".")
}

// checkWebAuthnCredentialLocked verifies credential, the
// AuthenticationResponseJSON answering a.webAuthn's challenge, against u's
// passkeys in p: challenge, relying party id hash, origin, user presence
// and verification as the pool requires, signature, signature counter. It
// returns nil when the passkey signs the user in, and
// NotAuthorizedException otherwise. The caller holds f.mu for writing and
// has consumed the session. Verifying is one signature check (well under a
// millisecond), the only cryptography done under the lock.
func (f *Fake) checkWebAuthnCredentialLocked(_ *pool, u *user, a *authState, credential string) error {
	w := a.webAuthn
	if w == nil {
		return errPasskeyRefused("no passkey was asked for")
	}
	if len(credential) > maxCredentialJSON {
		return errPasskeyRefused("the credential is too large")
	}
	par, err := protocol.ParseCredentialRequestResponseBytes([]byte(credential))
	if err != nil || par == nil {
		return errPasskeyRefused("the credential is not a WebAuthn authentication response")
	}
	pk := u.Passkeys[base64.RawURLEncoding.EncodeToString(par.RawID)]
	if pk == nil || pk.RPID != w.RPID {
		return errPasskeyRefused("the user has no such passkey")
	}
	if h := par.Response.UserHandle; len(h) > 0 && !bytes.Equal(h, []byte(u.Sub)) {
		return errPasskeyRefused("the passkey belongs to another user")
	}
	cd := par.Response.CollectedClientData
	if cd.Type != protocol.AssertCeremony {
		return errPasskeyRefused("the client data is not of a sign-in")
	}
	if subtle.ConstantTimeCompare([]byte(cd.Challenge), []byte(w.Challenge)) != 1 {
		return errPasskeyRefused("the challenge does not match")
	}
	if !f.passkeyOriginAllowed(w.RPID, cd.Origin) {
		return errPasskeyRefused("origin " + quoteShort(cd.Origin) + " is not allowed for the relying party")
	}
	ad := par.Response.AuthenticatorData
	if rpHash := sha256.Sum256([]byte(w.RPID)); !bytes.Equal(ad.RPIDHash, rpHash[:]) {
		return errPasskeyRefused("the assertion is for another relying party")
	}
	if !ad.Flags.UserPresent() {
		return errPasskeyRefused("the authenticator did not test user presence")
	}
	uvRequired := w.UV == transport.UserVerificationRequired
	if uvRequired && !ad.Flags.UserVerified() {
		return errPasskeyRefused("the user pool requires user verification")
	}
	if err := par.Verify(w.Challenge, w.RPID, "", []string{cd.Origin}, nil, nil,
		protocol.TopOriginExplicitVerificationMode, false, uvRequired, true, pk.PublicKey, protocol.SignaturePolicy{}); err != nil {
		return errPasskeyRefused(libraryReason(err))
	}
	// WebAuthn §7.2 step 21: a counter that does not grow, where either
	// side counts, may be a cloned authenticator.
	if (ad.Counter != 0 || pk.SignCount != 0) && ad.Counter <= pk.SignCount {
		return errPasskeyRefused("the signature counter did not increase")
	}
	pk.SignCount, pk.LastUsed = ad.Counter, f.clock()
	return nil
}
