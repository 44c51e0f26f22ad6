package engine

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"maps"
	"slices"
	"time"

	"github.com/gocognito/gocognito/states"
	"github.com/gocognito/gocognito/transport"
)

// SnapshotVersion is the Version of snapshots this package writes and reads.
const SnapshotVersion = 1

// maxSnapshotBytes bounds what ParseSnapshot and Open accept.
const maxSnapshotBytes = 1 << 20

// Snapshot is a login at rest: everything another process needs to resume it
// with Resume, as plain JSON. It never holds the user's password, the device
// password, a TOTP secret or an SRP secret. It does hold Cognito's Session,
// which lets whoever has it continue this login's challenges until it
// expires: keep snapshots server-side, or Seal them before they leave.
type Snapshot struct {
	Version int          `json:"version"`
	State   states.State `json:"state"`
	// Need is what the login needed when the snapshot was taken; Resume
	// derives it again from State and ChallengeParameters. A TOTP secret is
	// left out.
	Need     states.NeedJSON `json:"need"`
	PoolID   string          `json:"poolId"`
	ClientID string          `json:"clientId"`
	Flow     string          `json:"flow"`
	// Username as typed; UserIDForSRP is the name Cognito knows the user by.
	Username     string `json:"username"`
	UserIDForSRP string `json:"userIdForSrp,omitempty"`

	ChallengeName       string            `json:"challengeName,omitempty"`
	ChallengeParameters map[string]string `json:"challengeParameters,omitempty"`
	Session             string            `json:"session,omitempty"`
	SessionExpires      time.Time         `json:"sessionExpires,omitzero"`
	// TOTPVerified: during MFA_SETUP, VerifySoftwareToken has accepted the
	// code and Session is the one to answer MFA_SETUP with.
	TOTPVerified bool `json:"totpVerified,omitempty"`
	// TOTPSecretPending: during MFA_SETUP, AssociateSoftwareToken failed
	// (ErrTOTPSecretPending) and Session is the one to ask again with:
	// Submit(TOTPSetupCode{}) first.
	TOTPSecretPending bool `json:"totpSecretPending,omitempty"`
	// MFASetupChoice: during MFA_SETUP, the kind being set up
	// ("SOFTWARE_TOKEN_MFA" or "EMAIL_OTP"); empty while the user chooses.
	MFASetupChoice string `json:"mfaSetupChoice,omitempty"`

	// USER_AUTH: PreferredChallenge is Config.PreferredChallenge when the
	// login started (InitiateAuth still to be sent in Init);
	// AvailableChallenges are the first factors SELECT_CHALLENGE offered;
	// FirstFactor is the one chosen or preferred ("PASSWORD" or
	// "PASSWORD_SRP" in SelectChallenge: the choice waits for the password).
	PreferredChallenge  string   `json:"preferredChallenge,omitempty"`
	AvailableChallenges []string `json:"availableChallenges,omitempty"`
	FirstFactor         string   `json:"firstFactor,omitempty"`

	DeviceKey      string `json:"deviceKey,omitempty"`
	DeviceGroupKey string `json:"deviceGroupKey,omitempty"`
	// ForgottenDevice: see Result.ForgottenDevice.
	ForgottenDevice string            `json:"forgottenDevice,omitempty"`
	ClientMetadata  map[string]string `json:"clientMetadata,omitempty"`
	Rounds          int               `json:"rounds"`
	TakenAt         time.Time         `json:"takenAt"`
}

// String hides the session.
func (s Snapshot) String() string {
	return fmt.Sprintf("Snapshot{State:%s Username:%s PoolID:%s ClientID:%s Session:%s SessionExpires:%s}",
		s.State, s.Username, s.PoolID, s.ClientID, redact(s.Session), s.SessionExpires.Format(time.RFC3339))
}

// GoString hides the session from %#v.
func (s Snapshot) GoString() string { return "engine." + s.String() }

// LogValue hides the session from log/slog.
func (s Snapshot) LogValue() slog.Value { return slog.StringValue(s.String()) }

// Snapshot captures the login so that it can be resumed elsewhere. It may be
// called at any time, from Config.Observe too; only logins waiting for the
// user (see Resume) can be resumed.
func (l *Login) Snapshot() Snapshot {
	l.mu.RLock()
	defer l.mu.RUnlock()
	need := l.need
	if _, ok := need.(states.NeedTOTPSetup); ok {
		need = states.NeedTOTPSetup{}
	}
	return Snapshot{
		Version:             SnapshotVersion,
		State:               states.State(l.machine.Current()),
		Need:                states.NeedJSON{Need: need},
		PoolID:              l.cfg.PoolID,
		ClientID:            l.cfg.ClientID,
		Flow:                l.flow,
		Username:            l.username,
		UserIDForSRP:        l.userID,
		ChallengeName:       l.challenge,
		ChallengeParameters: maps.Clone(l.params),
		Session:             l.session,
		SessionExpires:      l.sessionExpires,
		TOTPVerified:        l.totpVerified,
		TOTPSecretPending:   l.totpPending,
		MFASetupChoice:      l.setupChoice,
		PreferredChallenge:  l.preferred,
		AvailableChallenges: slices.Clone(l.available),
		FirstFactor:         l.firstFactor,
		DeviceKey:           l.deviceKey,
		DeviceGroupKey:      l.deviceGroupKey,
		ForgottenDevice:     l.forgotten,
		ClientMetadata:      maps.Clone(l.clientMetadata),
		Rounds:              l.rounds,
		TakenAt:             l.cfg.Now().UTC(),
	}
}

// ParseSnapshot decodes a snapshot's JSON and checks that it is consistent;
// errors match ErrBadSnapshot. Whether it can still be resumed is Resume's
// question.
func ParseSnapshot(data []byte) (Snapshot, error) {
	if len(data) > maxSnapshotBytes {
		return Snapshot{}, fmt.Errorf("%w: %d bytes", ErrBadSnapshot, len(data))
	}
	var s Snapshot
	if err := json.Unmarshal(data, &s); err != nil {
		return Snapshot{}, fmt.Errorf("%w: %w", ErrBadSnapshot, err)
	}
	if err := s.check(); err != nil {
		return Snapshot{}, err
	}
	return s, nil
}

// check reports what makes s unusable, as ErrBadSnapshot.
func (s Snapshot) check() error {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w: "+format, append([]any{ErrBadSnapshot}, args...)...)
	}
	switch {
	case s.Version != SnapshotVersion:
		return bad("version %d, want %d", s.Version, SnapshotVersion)
	case !s.State.Valid():
		return bad("unknown state %q", s.State)
	case s.Username == "":
		return bad("no username")
	case s.Rounds < 0:
		return bad("negative rounds")
	}
	switch s.Flow {
	case transport.FlowUserSRP, transport.FlowUserPassword, transport.FlowCustom,
		transport.FlowAdminUserPassword, transport.FlowAdminNoSRP, transport.FlowUserAuth:
	default:
		return bad("unknown flow %q", s.Flow)
	}
	if s.State == states.Init || s.State.Terminal() {
		return nil
	}
	forChallenge := states.ForChallenge
	if s.Flow == transport.FlowUserAuth && s.FirstFactor == s.ChallengeName {
		forChallenge = states.ForFirstFactor
	}
	if _, to, ok := forChallenge(s.ChallengeName); !ok || to != s.State {
		return bad("challenge %q does not lead to state %s", s.ChallengeName, s.State)
	}
	if s.State != states.PasswordVerifier && (s.Session == "" || s.SessionExpires.IsZero()) {
		return bad("state %s without a session and its expiry", s.State)
	}
	if s.State == states.DeviceSRP && (s.DeviceKey == "" || s.DeviceGroupKey == "") {
		return bad("device SRP without device keys")
	}
	return nil
}

// Resume rebuilds a login from a snapshot, with a Config for the same pool
// and client (ErrSnapshotMismatch otherwise). It does no I/O: the next Submit
// goes on where the snapshot left off.
//
// A login can be resumed while it waits for the user: in Init (for the
// password), at the choice of a first factor (or its password), a sign-in
// code or a passkey (whose request options a browser can sign between the
// two processes), at an MFA code, MFA choice, MFA setup, new password or
// custom challenge, or at device SRP (Need asks for the device password, which a
// snapshot never keeps). Done, Failed and the SRP steps whose secret only the
// first process held give ErrNotResumable; a session past its recorded expiry
// gives ErrSessionExpired. A login in an admin flow goes on with
// AdminRespondToAuthChallenge, so cfg needs an Admin (ErrInvalidInput
// otherwise).
func Resume(cfg Config, s Snapshot) (*Login, error) {
	set, err := cfg.settle()
	if err != nil {
		return nil, err
	}
	if err := s.check(); err != nil {
		return nil, err
	}
	if err := set.canRun(s.Flow); err != nil {
		return nil, err
	}
	if s.PoolID != set.PoolID || s.ClientID != set.ClientID {
		return nil, fmt.Errorf("%w: snapshot for %s/%s, config for %s/%s", ErrSnapshotMismatch, s.PoolID, s.ClientID, set.PoolID, set.ClientID)
	}
	var need states.Need
	switch s.State {
	case states.Done, states.Failed, states.PasswordVerifier, states.DevicePasswordVerifier:
		return nil, fmt.Errorf("%w: state %s", ErrNotResumable, s.State)
	case states.DeviceSRP:
		need = states.NeedPassword{Device: true}
	case states.SelectChallenge:
		need = states.FirstFactorNeed(s.AvailableChallenges)
		if isPasswordFactor(s.FirstFactor) {
			need = states.NeedPassword{}
		}
	case states.MFASetup:
		options, err := setupOptionsFor(set, s.ChallengeParameters)
		if err != nil {
			return nil, err
		}
		if s.MFASetupChoice == "" && len(options) == 1 {
			// Snapshots from before the choice existed: the one kind.
			s.MFASetupChoice = options[0]
		}
		if s.MFASetupChoice != "" && !slices.Contains(options, s.MFASetupChoice) {
			return nil, fmt.Errorf("%w: MFA setup choice %q is not among %v", ErrBadSnapshot, s.MFASetupChoice, options)
		}
		need = setupNeedFor(s.MFASetupChoice, options)
	default:
		need = states.NeedFor(s.State, s.ChallengeParameters)
	}
	if !s.SessionExpires.IsZero() && !set.Now().Before(s.SessionExpires) {
		return nil, fmt.Errorf("%w: at %s", ErrSessionExpired, s.SessionExpires.UTC().Format(time.RFC3339))
	}
	if s.Rounds > set.MaxRounds {
		return nil, fmt.Errorf("%w: snapshot already used %d", ErrTooManyRounds, s.Rounds)
	}
	params := maps.Clone(s.ChallengeParameters)
	if params == nil && s.State != states.Init {
		params = map[string]string{}
	}
	return &Login{
		cfg:            set,
		machine:        states.NewMachine(s.State),
		need:           need,
		flow:           s.Flow,
		username:       s.Username,
		userID:         s.UserIDForSRP,
		challenge:      s.ChallengeName,
		session:        s.Session,
		sessionExpires: s.SessionExpires,
		params:         params,
		totpVerified:   s.TOTPVerified,
		totpPending:    s.TOTPSecretPending,
		setupChoice:    s.MFASetupChoice,
		preferred:      s.PreferredChallenge,
		available:      slices.Clone(s.AvailableChallenges),
		firstFactor:    s.FirstFactor,
		deviceKey:      s.DeviceKey,
		deviceGroupKey: s.DeviceGroupKey,
		forgotten:      s.ForgottenDevice,
		clientMetadata: maps.Clone(s.ClientMetadata),
		rounds:         s.Rounds,
	}, nil
}
