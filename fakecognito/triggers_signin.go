package fakecognito

import (
	"context"

	"github.com/gocognito/gocognito/transport"
)

// PreAuthentication, PostAuthentication and UserMigration: the triggers of
// a sign-in with a password, and of ForgotPassword for a user not yet
// migrated.

type preAuthenticationRequest struct {
	UserAttributes map[string]string `json:"userAttributes"`
	ValidationData map[string]string `json:"validationData"`
	UserNotFound   bool              `json:"userNotFound"`
}

type postAuthenticationRequest struct {
	NewDeviceUsed  bool              `json:"newDeviceUsed"`
	UserAttributes map[string]string `json:"userAttributes"`
	ClientMetadata map[string]string `json:"clientMetadata"`
}

// preAuthentication runs PreAuthentication for a sign-in with a password
// (or SRP), before the password is checked: Cognito calls it for a wrong
// password too, and, on a client that prevents user existence errors, for
// a name that matches no user (userNotFound). For a name that matches no
// user on another client the sign-in fails as without the trigger.
func (f *Fake) preAuthentication(ctx context.Context, cv clientView, typed string, metadata map[string]string) error {
	f.mu.RLock()
	if !f.configuredLocked(cv.poolID, TriggerPreAuthentication) {
		f.mu.RUnlock()
		return nil
	}
	var u *user
	p := f.st.Pools[cv.poolID]
	if p != nil {
		u = p.findUser(typed)
	}
	req := preAuthenticationRequest{ValidationData: orEmpty(metadata), UserAttributes: map[string]string{}}
	name := typed
	if u != nil {
		req.UserAttributes, name = triggerUserAttributes(p, u), u.Username
	}
	f.mu.RUnlock()
	if u == nil {
		if !cv.prevent {
			return nil
		}
		req.UserNotFound = true
	}
	_, err := f.fire(ctx, flowCall{poolID: cv.poolID, clientID: cv.id, userName: name},
		TriggerPreAuthentication, srcPreAuthentication, req, &emptyResponse{})
	return err
}

// postAuthentication runs PostAuthentication for a login that has earned
// its tokens, before they are signed and returned. A function that fails
// fails the login: the tokens are never handed out, and their refresh
// token family is revoked so that nothing issued for it stays usable.
func (f *Fake) postAuthentication(ctx context.Context, a *authState, pt *pendingTokens) error {
	f.mu.RLock()
	p := f.st.Pools[a.poolID]
	var u *user
	if p != nil && f.triggerConfigured(p, TriggerPostAuthentication) {
		u = p.lookup(a.username)
	}
	var req postAuthenticationRequest
	if u != nil {
		req = postAuthenticationRequest{
			NewDeviceUsed: pt.newDevice != nil, UserAttributes: triggerUserAttributes(p, u), ClientMetadata: orEmpty(respondMetadata(ctx)),
		}
	}
	f.mu.RUnlock()
	if u == nil {
		return nil
	}
	_, err := f.fire(ctx, flowCall{poolID: a.poolID, clientID: a.clientID, userName: a.username},
		TriggerPostAuthentication, srcPostAuthentication, req, &emptyResponse{})
	if err == nil {
		return nil
	}
	f.lockW()
	if fam := f.st.Families[pt.familyID]; fam != nil {
		fam.Revoked = true
		f.trk.mark(recFamily, "", fam.ID)
	}
	f.unlockW()
	return err
}

// migrateUserRequest carries the password only at sign-in; the
// forgot-password flow has none to give.
type migrateUserRequest struct {
	Password       string            `json:"password,omitempty"`
	ValidationData map[string]string `json:"validationData"`
	ClientMetadata map[string]string `json:"clientMetadata"`
}

// migrateUserResponse is sent with every field null, as Cognito sends it.
type migrateUserResponse struct {
	UserAttributes         map[string]string `json:"userAttributes"`
	FinalUserStatus        *string           `json:"finalUserStatus"`
	MessageAction          *string           `json:"messageAction"`
	DesiredDeliveryMediums []string          `json:"desiredDeliveryMediums"`
	ForceAliasCreation     *bool             `json:"forceAliasCreation"`
	EnableSMSMFA           *bool             `json:"enableSMSMFA"`
}

// migrationMedia are the media a migrated user's welcome message may go by.
func migrationMedia(list []string) bool {
	for _, m := range list {
		if m != mediumSMS && m != mediumEmail {
			return false
		}
	}
	return true
}

// migrationError is Cognito's answer when a migration function's response
// cannot be applied.
func migrationError(clientID string) error {
	return cognitoErr("UserNotFoundException", "Exception migrating user in app client "+clientID)
}

// migrateUser runs UserMigration for a name that matches no user and, when
// the function vouches for it, creates the user: with the password given
// at sign-in (the pool's policy is not applied, as Cognito does not) or,
// from the forgot-password flow, with none, in RESET_REQUIRED. It returns
// the user's internal name and status; "" when the pool has no migration
// trigger or the user exists by now.
func (f *Fake) migrateUser(ctx context.Context, cv clientView, source, typed, password string, validation, metadata map[string]string) (string, string, error) {
	if !f.configured(cv.poolID, TriggerUserMigration) {
		return "", "", nil
	}
	req := migrateUserRequest{Password: password, ValidationData: orEmpty(validation), ClientMetadata: orEmpty(metadata)}
	var resp migrateUserResponse
	ran, err := f.fire(ctx, flowCall{poolID: cv.poolID, clientID: cv.id, userName: typed}, TriggerUserMigration, source, req, &resp)
	if err != nil || !ran {
		return "", "", err
	}
	status := transport.StatusConfirmed
	final, action, force := deref(resp.FinalUserStatus), deref(resp.MessageAction), deref(resp.ForceAliasCreation)
	switch {
	case source == srcMigrationForgotPassword:
		status = transport.StatusResetRequired
	case final == "" || final == transport.StatusConfirmed:
	case final == transport.StatusResetRequired:
		status = transport.StatusResetRequired
	default:
		return "", "", migrationError(cv.id)
	}
	if len(resp.UserAttributes) == 0 || (action != "" && action != "SUPPRESS") ||
		!migrationMedia(resp.DesiredDeliveryMediums) {
		return "", "", migrationError(cv.id)
	}
	attrs := make([]transport.AttributeType, 0, len(resp.UserAttributes))
	for k, v := range resp.UserAttributes {
		attrs = append(attrs, transport.AttributeType{Name: k, Value: v})
	}

	f.mu.RLock()
	p, err := f.poolLocked(cv.poolID)
	var draft *user
	var policy transport.PasswordPolicy
	if err == nil {
		draft, err = f.draftUserLocked(p, typed, attrs, true)
	}
	if err == nil {
		policy = p.passwordPolicy()
	}
	f.mu.RUnlock()
	if err != nil {
		return "", "", err
	}
	var plan passwordPlan
	if password != "" {
		// Only the pool's history rule, vacuous for a new user, may apply:
		// the strength policy is waived for a migrated password.
		policy = transport.PasswordPolicy{PasswordHistorySize: policy.PasswordHistorySize}
		if plan, err = f.planPassword(userSnapshot{poolID: cv.poolID, username: draft.Username, sub: draft.Sub, policy: policy}, password); err != nil {
			return "", "", err
		}
	}
	f.lockW()
	defer f.unlockW()
	if p, err = f.poolLocked(cv.poolID); err != nil {
		return "", "", err
	}
	if p.findUser(typed) != nil {
		return "", "", nil
	}
	if err := f.insertUserLocked(p, draft, force, "User account already exists"); err != nil {
		return "", "", err
	}
	draft.Status = status
	if password != "" {
		if err := f.applyPassword(p, draft, plan, false); err != nil {
			return "", "", err
		}
	}
	if action != "SUPPRESS" {
		f.welcomeLocked(p, draft, resp.DesiredDeliveryMediums)
	}
	return draft.Username, status, nil
}

// welcomeLocked "sends" a migrated user the welcome message, which carries
// no code: by SMS unless asked otherwise, as Cognito.
func (f *Fake) welcomeLocked(p *pool, u *user, media []string) {
	if len(media) == 0 {
		media = []string{mediumSMS}
	}
	for _, m := range media {
		attr := "email"
		if m == mediumSMS {
			attr = "phone_number"
		}
		if u.Attrs[attr] != "" {
			f.outbox.add(f.message(p, u, m, u.Attrs[attr], PurposeWelcome, ""))
		}
	}
}

// loginMigration runs UserMigration_Authentication for a sign-in with a
// password (USER_PASSWORD_AUTH, ADMIN_USER_PASSWORD_AUTH) whose name
// matches no user. Only these flows migrate: with SRP the password never
// reaches Cognito, so there is nothing to give the function.
func (f *Fake) loginMigration(ctx context.Context, r authRequest, cv clientView, typed, password string) error {
	f.mu.RLock()
	missing := false
	if p := f.st.Pools[cv.poolID]; p != nil && f.configuredLocked(cv.poolID, TriggerUserMigration) {
		u := p.findUser(typed)
		missing = u == nil
		if missing {
			if err := cv.checkSecretFor(p, nil, typed, r.params[transport.ParamSecretHash]); err != nil {
				f.mu.RUnlock()
				return err
			}
		}
	}
	f.mu.RUnlock()
	if !missing {
		return nil
	}
	_, status, err := f.migrateUser(ctx, cv, srcMigrationAuthentication, typed, password, r.metadata, nil)
	if err != nil {
		return err
	}
	if status == transport.StatusResetRequired {
		return cognitoErr("PasswordResetRequiredException", msgResetRequired)
	}
	return nil
}

// forgotMigration runs UserMigration_ForgotPassword when ForgotPassword
// names no user of a pool with a migration trigger: the function looks the
// user up (no password to check) and, once it is created, ForgotPassword
// sends it a code as to any user.
func (f *Fake) forgotMigration(ctx context.Context, in *transport.ForgotPasswordInput) error {
	f.mu.RLock()
	c, err := f.clientLocked(in.ClientID)
	missing := false
	var cv clientView
	if err == nil && in.Username != "" && f.configuredLocked(c.PoolID, TriggerUserMigration) {
		p := f.st.Pools[c.PoolID]
		missing = p.findUser(in.Username) == nil
		cv = clientView{id: c.ID, poolID: c.PoolID, secret: c.Secret, prevent: c.preventUserExistence()}
		if missing {
			err = checkSecretHash(c, in.SecretHash, in.Username)
		}
	}
	f.mu.RUnlock()
	if err != nil || !missing {
		return err
	}
	_, _, err = f.migrateUser(ctx, cv, srcMigrationForgotPassword, in.Username, "", nil, in.ClientMetadata)
	return err
}
