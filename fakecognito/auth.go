package fakecognito

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/json"
	"slices"
	"strings"
	"time"

	"github.com/gocognito/gocognito/internal/uuid"
	"github.com/gocognito/gocognito/srp"
	"github.com/gocognito/gocognito/transport"
)

// InitiateAuth starts a login: USER_SRP_AUTH, USER_PASSWORD_AUTH,
// REFRESH_TOKEN_AUTH (or REFRESH_TOKEN) or CUSTOM_AUTH.
func (f *Fake) InitiateAuth(ctx context.Context, in *transport.InitiateAuthInput) (*transport.InitiateAuthOutput, error) {
	return run(ctx, f, "InitiateAuth", in, func(in *transport.InitiateAuthInput) (*transport.InitiateAuthOutput, error) {
		return f.initiate(ctx, authRequest{
			clientID: in.ClientID, flow: in.AuthFlow, params: in.AuthParameters, metadata: in.ClientMetadata,
			session: in.Session,
		})
	})
}

// AdminInitiateAuth starts a login from a trusted server: the flows of
// InitiateAuth except USER_PASSWORD_AUTH, plus ADMIN_USER_PASSWORD_AUTH and
// ADMIN_NO_SRP_AUTH.
func (f *Fake) AdminInitiateAuth(ctx context.Context, in *transport.AdminInitiateAuthInput) (*transport.AdminInitiateAuthOutput, error) {
	return run(ctx, f, "AdminInitiateAuth", in, func(in *transport.AdminInitiateAuthInput) (*transport.AdminInitiateAuthOutput, error) {
		if in.UserPoolID == "" {
			return nil, missingParam("UserPoolId")
		}
		return f.initiate(ctx, authRequest{
			admin: true, poolID: in.UserPoolID, clientID: in.ClientID, flow: in.AuthFlow,
			params: in.AuthParameters, metadata: in.ClientMetadata, session: in.Session,
		})
	})
}

// RespondToAuthChallenge answers the challenge of a login in progress.
func (f *Fake) RespondToAuthChallenge(ctx context.Context, in *transport.RespondToAuthChallengeInput) (*transport.RespondToAuthChallengeOutput, error) {
	return run(ctx, f, "RespondToAuthChallenge", in, func(in *transport.RespondToAuthChallengeInput) (*transport.RespondToAuthChallengeOutput, error) {
		return f.respond(ctx, respondRequest{
			clientID: in.ClientID, challenge: in.ChallengeName, session: in.Session,
			responses: in.ChallengeResponses,
		})
	})
}

// AdminRespondToAuthChallenge answers the challenge of a login started by
// AdminInitiateAuth.
func (f *Fake) AdminRespondToAuthChallenge(ctx context.Context, in *transport.AdminRespondToAuthChallengeInput) (*transport.AdminRespondToAuthChallengeOutput, error) {
	return run(ctx, f, "AdminRespondToAuthChallenge", in, func(in *transport.AdminRespondToAuthChallengeInput) (*transport.AdminRespondToAuthChallengeOutput, error) {
		if in.UserPoolID == "" {
			return nil, missingParam("UserPoolId")
		}
		return f.respond(ctx, respondRequest{
			admin: true, poolID: in.UserPoolID, clientID: in.ClientID, challenge: in.ChallengeName,
			session: in.Session, responses: in.ChallengeResponses,
		})
	})
}

// authRequest is InitiateAuth or AdminInitiateAuth.
type authRequest struct {
	admin            bool
	poolID, clientID string
	flow             string
	params           map[string]string
	metadata         map[string]string
	session          string // USER_AUTH after ConfirmSignUp: that call's Session
}

// respondRequest is RespondToAuthChallenge or AdminRespondToAuthChallenge.
type respondRequest struct {
	admin              bool
	poolID, clientID   string
	challenge, session string
	responses          map[string]string
}

// clientView is what a login needs of its app client, copied under the
// lock.
type clientView struct {
	id, poolID, secret string
	prevent            bool
	sessionTTL         time.Duration
}

// Flows each operation accepts; any other gives "Initiate Auth method not
// supported.".
var (
	publicFlows = []string{transport.FlowUserSRP, transport.FlowUserPassword, transport.FlowRefreshTokenAuth,
		transport.FlowRefreshToken, transport.FlowCustom, transport.FlowUserAuth}
	adminFlows = []string{transport.FlowUserSRP, transport.FlowAdminUserPassword, transport.FlowAdminNoSRP,
		transport.FlowRefreshTokenAuth, transport.FlowRefreshToken, transport.FlowCustom, transport.FlowUserAuth}
)

func (f *Fake) initiate(ctx context.Context, r authRequest) (*transport.ChallengeOutput, error) {
	if r.flow == "" {
		return nil, missingParam("AuthFlow")
	}
	allowed := publicFlows
	if r.admin {
		allowed = adminFlows
	}
	if !slices.Contains(allowed, r.flow) {
		return nil, invalidParam(msgMethodNotSupported)
	}
	flowCheck := r.flow
	if r.flow == transport.FlowUserSRP && isManagedLogin(ctx) {
		// The managed login page signs in whatever ExplicitAuthFlows say.
		flowCheck = ""
	}
	cv, err := f.authClient(r.admin, r.poolID, r.clientID, flowCheck)
	if err != nil {
		return nil, err
	}
	switch r.flow {
	case transport.FlowUserSRP:
		return f.startSRP(ctx, r, cv)
	case transport.FlowUserPassword, transport.FlowAdminUserPassword, transport.FlowAdminNoSRP:
		return f.startPassword(ctx, r, cv)
	case transport.FlowRefreshToken, transport.FlowRefreshTokenAuth:
		return f.refresh(r, cv)
	case transport.FlowUserAuth:
		return f.startUserAuth(ctx, r, cv)
	default:
		return f.startCustom(ctx, r, cv)
	}
}

// authClient finds the app client of a login (in poolID for the admin
// operations) and checks that it enables flow ("" to skip that check).
func (f *Fake) authClient(admin bool, poolID, clientID, flow string) (clientView, error) {
	f.mu.RLock()
	defer f.mu.RUnlock()
	var c *client
	var err error
	if admin {
		_, c, err = f.poolClientLocked(poolID, clientID)
	} else {
		c, err = f.clientLocked(clientID)
	}
	if err != nil {
		return clientView{}, err
	}
	if flow != "" && !c.flowAllowed(flow) {
		name := flow
		if flow == transport.FlowRefreshToken {
			name = transport.FlowRefreshTokenAuth
		}
		return clientView{}, invalidParam("%s flow not enabled for this client", name)
	}
	return clientView{
		id: c.ID, poolID: c.PoolID, secret: c.Secret, prevent: c.preventUserExistence(),
		sessionTTL: c.sessionTTL(),
	}, nil
}

// checkSecret verifies SECRET_HASH against any of names.
func (cv clientView) checkSecret(given string, names ...string) error {
	return checkSecretHash(&client{ID: cv.id, Secret: cv.secret}, given, names...)
}

// checkSecretFor checks SECRET_HASH over the name typed and, for a known
// user, every name the user goes by, as Cognito accepts any of them.
func (cv clientView) checkSecretFor(p *pool, u *user, typed, given string) error {
	names := []string{typed}
	if u != nil {
		names = append(names, p.aliasNames(u)...)
	}
	return cv.checkSecret(given, names...)
}

// secretHashMatches compares given with the SECRET_HASH of every name, in
// constant time and without stopping early.
func secretHashMatches(c *client, given string, names []string) bool {
	ok := 0
	for _, n := range nonEmpty(names...) {
		want := srp.SecretHash(n, c.ID, c.Secret)
		ok |= subtle.ConstantTimeCompare([]byte(want), []byte(given))
	}
	return ok == 1
}

// preAuthLocked refuses a user who may not sign in whatever the password:
// disabled, locked out after failed attempts, or awaiting a reset.
func (f *Fake) preAuthLocked(u *user) error {
	switch {
	case !u.Enabled:
		return notAuthorized(msgUserDisabled)
	case f.clock().Before(u.LockedUntil):
		return notAuthorized(msgAttemptsExceeded)
	case u.Status == transport.StatusResetRequired:
		return cognitoErr("PasswordResetRequiredException", msgResetRequired)
	case u.Password == nil:
		return notAuthorized(msgIncorrectCredentials)
	}
	return nil
}

// postAuthLocked refuses a user whose password was right but who may not
// go on: not confirmed, or holding an expired temporary password.
func (f *Fake) postAuthLocked(u *user) error {
	switch {
	case u.Status == transport.StatusUnconfirmed:
		return cognitoErr("UserNotConfirmedException", msgUserNotConfirmed)
	case u.Status == transport.StatusForceChangePassword && !u.TempUntil.IsZero() && f.clock().After(u.TempUntil):
		return notAuthorized(msgTempPasswordExpired)
	}
	return nil
}

// Lockout, as Cognito describes it: after five failed attempts each
// further failure locks the user out for a time that starts at one second
// and doubles, up to about fifteen minutes; the count restarts after
// fifteen minutes without failures.
const (
	lockoutThreshold = 5
	lockoutMax       = 15 * time.Minute
	lockoutReset     = 15 * time.Minute
)

// failLocked records a wrong password and returns the error to answer.
func (f *Fake) failLocked(u *user) error {
	now := f.clock()
	if now.Sub(u.LastFailure) > lockoutReset {
		u.FailedLogins = 0
	}
	u.FailedLogins++
	u.LastFailure = now
	if u.FailedLogins >= lockoutThreshold {
		d := min(time.Second<<min(u.FailedLogins-lockoutThreshold, 12), lockoutMax)
		u.LockedUntil = now.Add(d)
		return notAuthorized(msgAttemptsExceeded)
	}
	return notAuthorized(msgIncorrectCredentials)
}

// succeedLocked clears the failure count after a right password.
func succeedLocked(u *user) {
	u.FailedLogins = 0
	u.LockedUntil = time.Time{}
}

// respond dispatches an answer by challenge name.
func (f *Fake) respond(ctx context.Context, r respondRequest) (*transport.ChallengeOutput, error) {
	if r.challenge == "" {
		return nil, missingParam("ChallengeName")
	}
	cv, err := f.authClient(r.admin, r.poolID, r.clientID, "")
	if err != nil {
		return nil, err
	}
	if r.responses == nil {
		r.responses = map[string]string{}
	}
	switch r.challenge {
	case transport.ChallengePasswordVerifier:
		return f.answerPasswordVerifier(ctx, r, cv)
	case transport.ChallengeDeviceSRPAuth:
		return f.answerDeviceSRP(ctx, r, cv)
	case transport.ChallengeDevicePasswordVerifier:
		return f.answerDevicePasswordVerifier(ctx, r, cv)
	case transport.ChallengeSMSMFA, transport.ChallengeEmailOTP, transport.ChallengeSoftwareTokenMFA,
		transport.ChallengeSMSOTP:
		return f.answerMFA(ctx, r, cv)
	case transport.ChallengeSelectChallenge:
		return f.answerSelectChallenge(ctx, r, cv)
	case transport.ChallengeWebAuthn:
		return f.answerWebAuthn(ctx, r, cv)
	case transport.ChallengeSelectMFAType:
		return f.answerSelectMFA(ctx, r, cv)
	case transport.ChallengeMFASetup:
		return f.answerMFASetup(ctx, r, cv)
	case transport.ChallengeNewPasswordRequired:
		return f.answerNewPassword(ctx, r, cv)
	case transport.ChallengeCustom:
		return f.answerCustom(ctx, r, cv)
	}
	return nil, invalidParam("Invalid ChallengeName: %q", r.challenge)
}

// takeSession finds the session of an answer and checks the answer's
// USERNAME and SECRET_HASH against its login. It does not consume it. The
// caller holds f.mu for writing.
func (f *Fake) takeSessionLocked(r respondRequest, cv clientView, sessionID string) (*session, error) {
	s, err := f.sessionLocked(sessionID, r.challenge, cv.id, r.poolID, r.admin)
	if err != nil {
		return nil, err
	}
	if err := s.auth.checkAnswer(r.responses, cv); err != nil {
		return nil, err
	}
	return s, nil
}

// checkAnswer checks USERNAME and SECRET_HASH in a challenge answer. Both
// must be over the user's internal name (USER_ID_FOR_SRP), whatever name was
// typed at InitiateAuth: Cognito "always compares SECRET_HASH against the
// one calculated based on ultimate username, regardless of whether an alias
// was used" (amazon-cognito-identity-dart-2 PR #211, alexrudd/cognito-srp
// #1), so a client that keeps hashing the alias passes InitiateAuth and
// fails here.
func (a *authState) checkAnswer(resp map[string]string, cv clientView) error {
	name := resp[transport.ParamUsername]
	if name == "" {
		return missingParam(transport.ParamUsername)
	}
	internal := a.internalName()
	if !strings.EqualFold(name, internal) {
		return notAuthorized(msgIncorrectCredentials)
	}
	return cv.checkSecret(resp[transport.ParamSecretHash], internal)
}

// internalName is the name the login's challenges carry as USERNAME and
// USER_ID_FOR_SRP: the user's internal name or, for a decoy, the name the
// decoy pretends the user has.
func (a *authState) internalName() string {
	if a.username != "" {
		return a.username
	}
	return a.decoyID
}

// advance takes a login whose last step succeeded to its next challenge,
// or to its tokens.
func (f *Fake) advance(a *authState) (*transport.ChallengeOutput, error) {
	f.lockW()
	out, pt, err := f.advanceLocked(a)
	f.unlockW()
	if err != nil {
		return nil, err
	}
	if pt != nil {
		res, err := f.sign(*pt)
		if err != nil {
			return nil, err
		}
		out.AuthenticationResult = res
	}
	return out, nil
}

// advanceLocked decides the next step, in Cognito's order: a new password,
// MFA (unless a remembered device spares it), and last the device's SRP;
// then tokens (returned unsigned). A custom login has had its own rounds
// already and goes straight to the device. The evidence for the order is in
// docs/fake-server.md ("The order of challenges").
func (f *Fake) advanceLocked(a *authState) (*transport.ChallengeOutput, *pendingTokens, error) {
	p := f.st.Pools[a.poolID]
	c := f.st.Clients[a.clientID]
	if p == nil || c == nil || c.PoolID != p.ID {
		return nil, nil, notAuthorized(msgSessionInvalid)
	}
	u := p.lookup(a.username)
	if u == nil || u.Sub != a.sub {
		return nil, nil, notAuthorized(msgIncorrectCredentials)
	}
	if !u.Enabled {
		return nil, nil, notAuthorized(msgUserDisabled)
	}
	ttl := c.sessionTTL()

	if a.custom == nil && !a.newPasswordDone && u.Status == transport.StatusForceChangePassword {
		return f.challengeLocked(a, transport.ChallengeNewPasswordRequired, ttl, newPasswordParams(p, u))
	}

	d, err := loginDevice(p, u, a.deviceKey)
	if err != nil {
		return nil, nil, err
	}

	if a.custom == nil && !a.mfaDone {
		if mfaSpared(p, d) {
			// Decided on the device's word now; its SRP proves it before
			// any token is issued.
			a.mfaDone = true
		} else if out, err := f.mfaStepLocked(p, u, a, ttl); out != nil || err != nil {
			return out, nil, err
		}
	}

	if !a.deviceVerified && d != nil && d.Verifier != nil {
		out, pt, err := f.challengeLocked(a, transport.ChallengeDeviceSRPAuth, ttl, map[string]string{
			transport.ParamUsername: u.Username, transport.ParamDeviceKey: a.deviceKey,
		})
		if err == nil {
			f.st.devicePending[a.clientID+"|"+a.deviceKey] = out.Session
		}
		return out, pt, err
	}

	return f.finishLocked(p, c, u, a)
}

// loginDevice returns the device a login presents (nil for none, or when
// the pool does not track devices). A key the user does not have, never
// issued or forgotten, is refused as Cognito refuses it, and clients retry
// without it (amazon-cognito-identity-js #200, amplify-js #12188).
func loginDevice(p *pool, u *user, key string) (*device, error) {
	if key == "" || !p.deviceTracking() {
		return nil, nil
	}
	d := u.Devices[key]
	if d == nil {
		return nil, deviceNotFound()
	}
	return d, nil
}

// challengeLocked issues a session for challenge and describes it.
func (f *Fake) challengeLocked(a *authState, challenge string, ttl time.Duration, params map[string]string) (*transport.ChallengeOutput, *pendingTokens, error) {
	s, err := f.newSessionLocked(a, challenge, ttl)
	if err != nil {
		return nil, nil, err
	}
	return &transport.ChallengeOutput{ChallengeName: challenge, Session: s.id, ChallengeParameters: params}, nil, nil
}

// newPasswordParams describes NEW_PASSWORD_REQUIRED: the user's attributes
// and the required ones it lacks, as "userAttributes.NAME".
func newPasswordParams(p *pool, u *user) map[string]string {
	required := []string{}
	for _, s := range p.Schema {
		if s.Required && u.Attrs[s.Name] == "" {
			required = append(required, transport.ParamUserAttributePrefix+s.Name)
		}
	}
	attrs := make(map[string]string, len(u.Attrs))
	for k, v := range u.Attrs {
		if k != "sub" {
			attrs[k] = v
		}
	}
	rj, _ := json.Marshal(required) // a []string cannot fail to encode
	aj, _ := json.Marshal(attrs)
	return map[string]string{
		transport.ParamUserIDForSRP:       u.Username,
		transport.ParamRequiredAttributes: string(rj),
		transport.ParamUserAttributes:     string(aj),
	}
}

// maxUnconfirmedDevices bounds the devices a user accumulates by signing in
// without ever confirming them.
const maxUnconfirmedDevices = 50

// finishLocked ends a login: it records the device (a new one when device
// tracking is on and none was proven) and gathers the tokens.
func (f *Fake) finishLocked(p *pool, c *client, u *user, a *authState) (*transport.ChallengeOutput, *pendingTokens, error) {
	now := f.clock()
	deviceKey := ""
	var nd *transport.NewDeviceMetadata
	if p.deviceTracking() {
		if d := u.Devices[a.deviceKey]; d != nil && (a.deviceVerified || d.Verifier == nil) {
			// A proven device, or one issued earlier and never confirmed,
			// whose metadata the client may confirm now.
			d.LastAuth = now
			deviceKey = d.Key
			if d.Verifier == nil {
				nd = &transport.NewDeviceMetadata{DeviceKey: d.Key, DeviceGroupKey: u.DeviceGroupKey}
			}
		} else {
			key, err := f.issueDeviceLocked(u, now)
			if err != nil {
				return nil, nil, err
			}
			deviceKey = key
			nd = &transport.NewDeviceMetadata{DeviceKey: key, DeviceGroupKey: u.DeviceGroupKey}
		}
	}
	pt, err := f.mintLocked(p, c, u, nil, deviceKey, now)
	if err != nil {
		return nil, nil, err
	}
	if nd != nil {
		f.st.Families[pt.familyID].DeviceUnconfirmed = true
		f.trk.mark(recFamily, "", pt.familyID)
	}
	pt.newDevice = nd
	return &transport.ChallengeOutput{ChallengeParameters: map[string]string{}}, &pt, nil
}

// pruneUnconfirmed drops the oldest devices never confirmed, keeping at
// most maxUnconfirmedDevices-1 so that one more fits. The refresh tokens of
// the logins that got them still work (family.DeviceUnconfirmed).
func pruneUnconfirmed(u *user) {
	var keys []string
	for k, d := range u.Devices {
		if d.Verifier == nil {
			keys = append(keys, k)
		}
	}
	if len(keys) < maxUnconfirmedDevices {
		return
	}
	slices.SortFunc(keys, func(a, b string) int { return u.Devices[a].Created.Compare(u.Devices[b].Created) })
	for _, k := range keys[:len(keys)-maxUnconfirmedDevices+1] {
		delete(u.Devices, k)
	}
}

// decoyMAC returns the HMAC, under the decoy key, of purpose, pool and
// (lower-cased) name.
func (f *Fake) decoyMAC(purpose, poolID, name string) ([]byte, error) {
	key, err := f.decoyKey()
	if err != nil {
		return nil, err
	}
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(purpose + "\x00" + poolID + "\x00" + strings.ToLower(name)))
	return mac.Sum(nil), nil
}

// decoyUserID returns the USER_ID_FOR_SRP of a decoy challenge for a user
// that does not exist in a pool whose users sign in with an e-mail address
// or phone number: there every real user's internal name is a UUID, so the
// typed name would give the decoy away. Cognito "returns the same 'salt'
// and internal user id in UUID format for the same user name and user pool
// combination" (developer guide, cognito-user-pool-managing-errors): the
// fake derives a stable v4-shaped UUID from an HMAC of its decoy key, the
// pool and the name.
func (f *Fake) decoyUserID(poolID, name string) (string, error) {
	sum, err := f.decoyMAC("user-id", poolID, name)
	if err != nil {
		return "", err
	}
	return uuid.Format([16]byte(sum[:16])), nil
}

// decoySalt returns the salt of the PASSWORD_VERIFIER challenge for a user
// that does not exist: stable per name, as Cognito's is, so that repeating
// the attempt does not reveal that the user is missing, and keyed by a
// secret so that nobody can predict it.
func (f *Fake) decoySalt(poolID, name string) (string, error) {
	sum, err := f.decoyMAC("salt", poolID, name)
	if err != nil {
		return "", err
	}
	return hexString(sum[:16]), nil
}
