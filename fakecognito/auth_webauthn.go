package fakecognito

import (
	"time"

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
// Until the fake keeps passkeys no user has one, so WEB_AUTHN is never
// offered, a preference for it is refused as unavailable, and an answer is
// refused as Cognito refuses a bad assertion.

// webAuthnLogin is a passkey sign-in in progress, kept in the login's
// authState from the WEB_AUTHN challenge to its answer (and copied by
// authState.clone).
type webAuthnLogin struct {
	// Challenge is what the authenticator must sign: unpadded base64url of
	// 16 random bytes, as in CREDENTIAL_REQUEST_OPTIONS.
	Challenge string
}

// hasPasskeyLocked reports whether u has a passkey registered for p's
// relying party. The caller holds f.mu.
func hasPasskeyLocked(_ *pool, _ *user) bool { return false }

// webAuthnChallengeLocked issues the WEB_AUTHN challenge: it draws a
// challenge, keeps it in a.webAuthn and sends CREDENTIAL_REQUEST_OPTIONS
// (the JSON of PublicKeyCredentialRequestOptions) with USERNAME, under a new
// Session valid for ttl. The caller holds f.mu for writing and has checked
// that WEB_AUTHN is available to u.
func (f *Fake) webAuthnChallengeLocked(_ *pool, _ *user, _ *authState, _ time.Duration) (*transport.ChallengeOutput, error) {
	// No user has a passkey yet (hasPasskeyLocked), so none can be asked for.
	return nil, errPreferredUnavailable(transport.ChallengeWebAuthn)
}

// checkWebAuthnCredentialLocked verifies credential, the
// AuthenticationResponseJSON answering a.webAuthn's challenge, against u's
// passkeys in p: challenge, relying party id hash, origin, user presence
// and verification as the pool requires, signature, signature counter. It
// returns nil when the passkey signs the user in, and
// NotAuthorizedException otherwise. The caller holds f.mu for writing and
// has consumed the session.
func (f *Fake) checkWebAuthnCredentialLocked(_ *pool, _ *user, _ *authState, _ string) error {
	return notAuthorized(msgIncorrectCredentials)
}
