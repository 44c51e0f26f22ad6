package fakecognito

import (
	"time"

	"github.com/gocognito/gocognito/srp"
)

// authState is a login in progress: who, through which client, and which
// steps are behind it. Sessions and SRP exchanges carry it from one call to
// the next; it never leaves the process.
type authState struct {
	poolID, clientID string
	username, sub    string // the user, by internal name
	typed            string // the name given to InitiateAuth
	decoyID          string // a decoy's USER_ID_FOR_SRP, when the user does not exist
	ghost            bool   // CUSTOM_AUTH for a user that does not exist, on a client that hides it
	admin            bool   // started by AdminInitiateAuth
	flow             string
	clientMetadata   map[string]string

	deviceKey       string // DEVICE_KEY the client presented
	deviceVerified  bool   // the device proved its password: device SRP is done
	newPasswordDone bool
	mfaDone         bool

	// MFA in progress.
	mfaKind        string // SMS_MFA, EMAIL_OTP or SOFTWARE_TOKEN_MFA
	mfaCode        string // the SMS or e-mail code sent
	mfaCodeExpires time.Time
	mfaChoices     []string // SELECT_MFA_TYPE's options
	setupVerified  bool     // MFA_SETUP: VerifySoftwareToken succeeded
	setupKinds     []string // MFA_SETUP's MFAS_CAN_SETUP
	setupEmail     string   // MFA_SETUP answered with EMAIL: the address being set up

	custom *customState // CUSTOM_AUTH

	// USER_AUTH: the first factors SELECT_CHALLENGE offered, the one the
	// login goes on with, and a passkey challenge in progress.
	available   []string
	firstFactor string
	webAuthn    *webAuthnLogin
}

// clone returns a copy for the next step, so that a replayed old session
// never sees the state of a later one.
func (a *authState) clone() *authState {
	c := *a
	if a.custom != nil {
		cs := *a.custom
		cs.history = append([]ChallengeResult(nil), a.custom.history...)
		c.custom = &cs
	}
	c.mfaChoices = append([]string(nil), a.mfaChoices...)
	c.setupKinds = append([]string(nil), a.setupKinds...)
	c.available = append([]string(nil), a.available...)
	if a.webAuthn != nil {
		w := *a.webAuthn
		c.webAuthn = &w
	}
	return &c
}

// customState is a CUSTOM_AUTH login's history and current challenge.
type customState struct {
	history  []ChallengeResult
	srpA     string // given when the flow starts with SRP_A
	private  map[string]string
	metadata string
}

// session is an opaque Session string handed to the client with a
// challenge. It is single-use: answering consumes it, except a wrong MFA
// code, which may be retried a few times.
type session struct {
	id        string
	expires   time.Time
	used      bool
	challenge string
	auth      *authState
	failures  int
}

// srpState is the server side of a PASSWORD_VERIFIER or
// DEVICE_PASSWORD_VERIFIER challenge, found again by its SECRET_BLOCK.
type srpState struct {
	expires time.Time
	server  *srp.Server
	srpA    string
	auth    *authState
	device  bool
	// decoy marks the challenge Cognito sends for a user that does not
	// exist when the client prevents user existence errors: it can only
	// fail.
	decoy bool
}

// maxMFAFailures is how many wrong MFA codes a session survives.
const maxMFAFailures = 3

// sessionBytes is the entropy of a Session; its base64 text is 64
// characters, within Cognito's 20 to 2048.
const sessionBytes = 48

// newSessionLocked issues a Session for the next challenge of a. The
// caller holds f.mu for writing.
func (f *Fake) newSessionLocked(a *authState, challenge string, ttl time.Duration) (*session, error) {
	if err := f.roomLocked(func() int { return len(f.st.sessions) }); err != nil {
		return nil, err
	}
	id, err := f.newOpaque(sessionBytes)
	if err != nil {
		return nil, err
	}
	now := f.clock()
	s := &session{id: id, expires: now.Add(ttl), challenge: challenge, auth: a}
	f.st.sessions[id] = s
	f.sweepLocked(now)
	f.armSweepLocked()
	return s, nil
}

// sessionLocked finds a live session for challenge, issued to clientID
// (and, for the admin operations, poolID). It does not consume it.
func (f *Fake) sessionLocked(id, challenge, clientID, poolID string, admin bool) (*session, error) {
	if id == "" {
		return nil, missingParam("Session")
	}
	s := f.st.sessions[id]
	switch {
	case s == nil:
		return nil, notAuthorized(msgSessionInvalid)
	case s.used:
		return nil, notAuthorized(msgSessionUsed)
	case f.clock().After(s.expires):
		return nil, notAuthorized(msgSessionExpired)
	case s.auth.clientID != clientID || admin && s.auth.poolID != poolID || s.auth.admin != admin:
		return nil, notAuthorized(msgSessionInvalid)
	case challenge != "" && s.challenge != challenge:
		return nil, notAuthorized(msgCodeOrState)
	}
	return s, nil
}

// maxUsedSessions is how many consumed sessions stay known, so that a
// replay is told "already used" rather than "Invalid session".
const maxUsedSessions = 4096

// consumeLocked marks a session used. It stays known until it would have
// expired or maxUsedSessions later sessions are consumed, whichever comes
// first, so that a replay is told so without used sessions piling up when
// the clock stands still.
func (f *Fake) consumeLocked(s *session) {
	if s.used {
		return
	}
	s.used = true
	if len(f.st.used) < maxUsedSessions {
		f.st.used = append(f.st.used, s.id)
		return
	}
	old := f.st.used[f.st.usedNext]
	if o := f.st.sessions[old]; o != nil && o.used {
		delete(f.st.sessions, old)
	}
	f.st.used[f.st.usedNext] = s.id
	f.st.usedNext = (f.st.usedNext + 1) % maxUsedSessions
}
