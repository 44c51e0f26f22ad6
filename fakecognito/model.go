package fakecognito

import (
	"encoding/json"
	"slices"
	"strings"
	"time"

	"github.com/gocognito/gocognito/srp"
	"github.com/gocognito/gocognito/transport"
)

// state is everything the fake knows. The persistent part is saved by
// Save; sessions and SRP exchanges are transient, as a restart of Cognito
// would not keep a half-finished login either.
type state struct {
	Pools    map[string]*pool   `json:"pools"`
	Clients  map[string]*client `json:"clients"`  // by client id
	Families map[string]*family `json:"families"` // by family id (origin_jti)
	Refresh  map[string]string  `json:"refresh"`  // SHA-256 of a refresh token -> family id

	// retired finds the family of a rotated-out refresh token by its
	// hash; it is rebuilt from family.Retired on Load, never saved.
	retired map[string]string

	sessions map[string]*session  // by Session string
	srp      map[string]*srpState // by SECRET_BLOCK
	// devicePending finds the session of a DEVICE_SRP_AUTH challenge when
	// the client answers without a Session (pycognito does).
	devicePending map[string]string
	// sweeps counts insertions, to prune expired transient entries now and
	// then.
	sweeps int
	// fams indexes Families by user and by client.
	fams familyIndex
	// used holds the ids of the last maxUsedSessions sessions consumed,
	// oldest first from usedNext: a consumed session stays known (so that
	// a replay hears "already used") until maxUsedSessions more are.
	used     []string
	usedNext int
	// peak* are the sizes the transient maps last grew to (limits.go).
	peakSessions, peakSRP, peakDevicePending int
	// oauth is the transient state of the OAuth endpoints (oauth_state.go).
	oauth oauthPending
}

func newState() *state {
	return &state{
		Pools:         make(map[string]*pool),
		Clients:       make(map[string]*client),
		Families:      make(map[string]*family),
		Refresh:       make(map[string]string),
		retired:       make(map[string]string),
		sessions:      make(map[string]*session),
		srp:           make(map[string]*srpState),
		devicePending: make(map[string]string),
		fams:          newFamilyIndex(),
	}
}

// pool is a user pool.
type pool struct {
	ID                    string                           `json:"id"`
	Name                  string                           `json:"name"`
	Created               time.Time                        `json:"created"`
	Modified              time.Time                        `json:"modified"`
	AliasAttributes       []string                         `json:"aliasAttributes,omitempty"`
	UsernameAttributes    []string                         `json:"usernameAttributes,omitempty"`
	Schema                []transport.SchemaAttribute      `json:"schema,omitempty"`
	UsernameConfiguration *transport.UsernameConfiguration `json:"usernameConfiguration,omitempty"`
	Settings              transport.PoolSettings           `json:"settings"`
	MFA                   poolMFA                          `json:"mfa"`
	Users                 map[string]*user                 `json:"users"` // by userKey(Username)
	Groups                map[string]*group                `json:"groups"`
	// Domain is the pool's prefix domain, nil until CreateUserPoolDomain.
	Domain *poolDomain `json:"domain,omitempty"`
	// ResourceServers are the pool's resource servers by identifier.
	ResourceServers map[string]*transport.ResourceServer `json:"resourceServers,omitempty"`

	// bySub finds a user by its sub, for the admin operations, which take
	// it as Username. It is rebuilt on Load, never saved.
	bySub    map[string]*user
	triggers Triggers
	// trk is the fake's tracker: every user found through the pool for a
	// write section is marked as touched.
	trk *tracker
}

// poolMFA is what SetUserPoolMfaConfig sets beyond MfaConfiguration.
type poolMFA struct {
	SMS   *transport.SmsMfaConfig           `json:"sms,omitempty"`
	TOTP  *transport.SoftwareTokenMfaConfig `json:"totp,omitempty"`
	Email *transport.EmailMfaConfig         `json:"email,omitempty"`
	// WebAuthn is the passkey configuration, which SetUserPoolMfaConfig
	// carries although passkeys are a first factor, not MFA.
	WebAuthn *transport.WebAuthnConfiguration `json:"webAuthn,omitempty"`
}

// user is a user of a pool. It keeps an SRP verifier, never a password.
type user struct {
	Username  string            `json:"username"` // the internal name: USER_ID_FOR_SRP
	Sub       string            `json:"sub"`
	Attrs     map[string]string `json:"attrs"`             // sub included
	Pending   map[string]string `json:"pending,omitempty"` // values waiting for verification
	Status    string            `json:"status"`
	Enabled   bool              `json:"enabled"`
	Created   time.Time         `json:"created"`
	Modified  time.Time         `json:"modified"`
	Password  *srp.Verifier     `json:"password,omitempty"`
	TempUntil time.Time         `json:"tempUntil,omitzero"` // a temporary password's expiry
	History   []srp.Verifier    `json:"history,omitempty"`  // earlier passwords, newest first

	MFA            userMFA            `json:"mfa"`
	Groups         map[string]bool    `json:"groups,omitempty"`
	Devices        map[string]*device `json:"devices,omitempty"`
	DeviceGroupKey string             `json:"deviceGroupKey,omitempty"`
	Codes          map[string]*code   `json:"codes,omitempty"` // by purpose (and attribute)

	FailedLogins int       `json:"failedLogins,omitempty"`
	LastFailure  time.Time `json:"lastFailure,omitzero"`
	LockedUntil  time.Time `json:"lockedUntil,omitzero"`

	// Passkeys are the user's WebAuthn credentials by credential id, and
	// PasskeyRegistration the challenge of a registration in progress.
	Passkeys            map[string]*passkey  `json:"passkeys,omitempty"`
	PasskeyRegistration *passkeyRegistration `json:"passkeyRegistration,omitempty"`
}

// userMFA is a user's MFA settings.
type userMFA struct {
	SMS          bool   `json:"sms,omitempty"`
	TOTP         bool   `json:"totp,omitempty"`
	Email        bool   `json:"email,omitempty"`
	Preferred    string `json:"preferred,omitempty"`   // SMS_MFA, SOFTWARE_TOKEN_MFA, EMAIL_OTP
	TOTPSecret   string `json:"totpSecret,omitempty"`  // base32, once verified
	PendingTOTP  string `json:"pendingTotp,omitempty"` // from AssociateSoftwareToken
	TOTPLastStep int64  `json:"totpLastStep,omitempty"`
}

// code is a verification code sent to a user.
type code struct {
	Value    string    `json:"value"`
	Expires  time.Time `json:"expires"`
	Failures int       `json:"failures,omitempty"`
	Attr     string    `json:"attr,omitempty"`
}

// device is a device Cognito issued a key for.
type device struct {
	Key      string        `json:"key"`
	Name     string        `json:"name,omitempty"`
	Verifier *srp.Verifier `json:"verifier,omitempty"` // set by ConfirmDevice
	Status   string        `json:"status,omitempty"`   // remembered, not_remembered
	Created  time.Time     `json:"created"`
	Modified time.Time     `json:"modified"`
	LastAuth time.Time     `json:"lastAuth,omitzero"`
}

// group is a group of a pool; membership lives in user.Groups.
type group struct {
	Name        string    `json:"name"`
	Description string    `json:"description,omitempty"`
	RoleArn     string    `json:"roleArn,omitempty"`
	Precedence  *int32    `json:"precedence,omitempty"`
	Created     time.Time `json:"created"`
	Modified    time.Time `json:"modified"`
}

// client is an app client.
type client struct {
	PoolID   string                   `json:"poolId"`
	ID       string                   `json:"id"`
	Secret   string                   `json:"secret,omitempty"`
	Created  time.Time                `json:"created"`
	Modified time.Time                `json:"modified"`
	Settings transport.ClientSettings `json:"settings"`
}

// family is one sign-in: the refresh token and every access and ID token
// issued from it share its id (origin_jti), so that revoking it revokes
// them all.
type family struct {
	ID        string `json:"id"`
	PoolID    string `json:"poolId"`
	ClientID  string `json:"clientId"`
	Username  string `json:"username"`
	Sub       string `json:"sub"`
	DeviceKey string `json:"deviceKey,omitempty"`
	// DeviceUnconfirmed marks a family issued to a device nobody has
	// confirmed (through this family): pruning may drop such a device, and
	// its refresh token must outlive it.
	DeviceUnconfirmed bool      `json:"deviceUnconfirmed,omitempty"`
	AuthTime          time.Time `json:"authTime"`
	EventID           string    `json:"eventId"`
	RefreshExpires    time.Time `json:"refreshExpires"`
	// Until is when the last token of the family expires; after it the
	// family is forgotten.
	Until   time.Time `json:"until"`
	Revoked bool      `json:"revoked,omitempty"`
	// RefreshHash is the key of the family's refresh token in
	// state.Refresh, and Seq its order of creation (for the cap per user
	// and client); states saved before them have neither.
	RefreshHash string `json:"refreshHash,omitempty"`
	Seq         int64  `json:"seq,omitempty"`
	// Retired are the refresh tokens rotation replaced, oldest first, at
	// most maxRetiredPerFamily: in their grace period or, after it, known
	// so that a reuse hears RefreshTokenReuseException.
	Retired []retiredToken `json:"retired,omitempty"`
	// Scopes are the OAuth scopes granted to a sign-in through the OAuth
	// endpoints, which every token refreshed from it keeps; nil for a
	// sign-in through InitiateAuth (scope aws.cognito.signin.user.admin).
	Scopes []string `json:"scopes,omitempty"`
}

// deepCopy returns a copy of v that shares no pointer, map or slice with
// it, so that what a caller passes in or gets back can never alias the
// fake's state. v is one of transport's wire shapes, which JSON encodes
// losslessly.
func deepCopy[T any](v T) T {
	var out T
	b, err := json.Marshal(v)
	if err == nil {
		err = json.Unmarshal(b, &out)
	}
	if err != nil {
		panic("fakecognito: copying " + err.Error()) // wire shapes always encode
	}
	return out
}

// userKey is the map key of a user name in a pool: lower case unless the
// pool's user names are case-sensitive.
func (p *pool) userKey(name string) string {
	if p.caseSensitive() {
		return name
	}
	return strings.ToLower(name)
}

// caseSensitive reports whether user names are case-sensitive. Cognito's
// API default, without UsernameConfiguration, is case-sensitive.
func (p *pool) caseSensitive() bool {
	return p.UsernameConfiguration == nil || p.UsernameConfiguration.CaseSensitive
}

// usesUsernameAttributes reports whether users sign up with an e-mail
// address or phone number in place of a user name.
func (p *pool) usesUsernameAttributes() bool { return len(p.UsernameAttributes) > 0 }

// findUser finds a user by the name a person typed: the user name, or an
// e-mail address or phone number the pool accepts in its place (username
// attributes, or verified aliases).
func (p *pool) findUser(name string) *user {
	if name == "" {
		return nil
	}
	if u := p.lookup(name); u != nil {
		return u
	}
	for _, attr := range p.signInAttributes() {
		if u := p.findByAttr(attr, name); u != nil {
			p.trk.markUser(p, u)
			return u
		}
	}
	return nil
}

// lookup finds a user by its user name (not an alias), marking it touched
// in a write section.
func (p *pool) lookup(name string) *user {
	u := p.Users[p.userKey(name)]
	p.trk.markUser(p, u)
	return u
}

// signInAttributes lists the attributes a person may sign in with.
func (p *pool) signInAttributes() []string {
	if p.usesUsernameAttributes() {
		return p.UsernameAttributes
	}
	return p.AliasAttributes
}

// findByAttr finds the user whose attr equals value and may sign in with
// it: a username attribute always, an e-mail or phone alias only once
// verified, preferred_username always.
func (p *pool) findByAttr(attr, value string) *user {
	want := value
	if attr == "email" || !p.caseSensitive() {
		want = strings.ToLower(value)
	}
	for _, u := range p.Users {
		got, ok := u.Attrs[attr]
		if !ok {
			continue
		}
		if attr == "email" || !p.caseSensitive() {
			got = strings.ToLower(got)
		}
		if got != want {
			continue
		}
		if !p.usesUsernameAttributes() && (attr == "email" || attr == "phone_number") && u.Attrs[attr+"_verified"] != "true" {
			continue
		}
		return u
	}
	return nil
}

// deviceTracking reports whether the pool remembers devices.
func (p *pool) deviceTracking() bool { return p.Settings.DeviceConfiguration != nil }

// mfaMode returns OFF, OPTIONAL or ON.
func (p *pool) mfaMode() string {
	if p.Settings.MfaConfiguration == "" {
		return transport.MFAOff
	}
	return p.Settings.MfaConfiguration
}

// smsMFA, totpMFA and emailMFA report which MFA kinds the pool offers.
func (p *pool) smsMFA() bool   { return p.MFA.SMS != nil || p.Settings.SmsConfiguration != nil }
func (p *pool) totpMFA() bool  { return p.MFA.TOTP != nil && p.MFA.TOTP.Enabled }
func (p *pool) emailMFA() bool { return p.MFA.Email != nil }

// passwordPolicy returns the pool's policy with Cognito's defaults. A
// temporary password's validity comes from the policy or, in older pools,
// from AdminCreateUserConfig.UnusedAccountValidityDays.
func (p *pool) passwordPolicy() transport.PasswordPolicy {
	pp := p.basePasswordPolicy()
	if cfg := p.Settings.AdminCreateUserConfig; cfg != nil && cfg.UnusedAccountValidityDays > 0 &&
		(p.Settings.Policies == nil || p.Settings.Policies.PasswordPolicy == nil || p.Settings.Policies.PasswordPolicy.TemporaryPasswordValidityDays == 0) {
		pp.TemporaryPasswordValidityDays = cfg.UnusedAccountValidityDays
	}
	return pp
}

func (p *pool) basePasswordPolicy() transport.PasswordPolicy {
	pp := transport.PasswordPolicy{
		MinimumLength: 8, RequireUppercase: true, RequireLowercase: true,
		RequireNumbers: true, RequireSymbols: true, TemporaryPasswordValidityDays: 7,
	}
	if p.Settings.Policies != nil && p.Settings.Policies.PasswordPolicy != nil {
		pp = *p.Settings.Policies.PasswordPolicy
		if pp.MinimumLength == 0 {
			pp.MinimumLength = 8
		}
		if pp.TemporaryPasswordValidityDays == 0 {
			pp.TemporaryPasswordValidityDays = 7
		}
	}
	return pp
}

// sortedGroups returns the names of the user's groups, by precedence
// (lowest first, groups without one last) then name, as cognito:groups.
func (p *pool) sortedGroups(u *user) []string {
	names := make([]string, 0, len(u.Groups))
	for g := range u.Groups {
		if p.Groups[g] != nil {
			names = append(names, g)
		}
	}
	slices.SortFunc(names, func(a, b string) int {
		pa, pb := p.Groups[a].Precedence, p.Groups[b].Precedence
		switch {
		case pa != nil && pb != nil && *pa != *pb:
			return int(*pa) - int(*pb)
		case pa != nil && pb == nil:
			return -1
		case pa == nil && pb != nil:
			return 1
		}
		return strings.Compare(a, b)
	})
	return names
}
