package fakecognito

import (
	"context"
	"maps"
	"strings"

	"github.com/gocognito/gocognito/transport"
)

// This file holds the call sites of the triggers that change sign-up,
// confirmation, sign-in, migration and messages; lambda.go runs them.
// docs/fake-server.md ("Lambda triggers in the flows") gives the evidence
// for each event and for how its response is applied.

// triggerSource values, per call site.
const (
	srcPreSignUpSignUp             = "PreSignUp_SignUp"
	srcPreSignUpAdminCreateUser    = "PreSignUp_AdminCreateUser"
	srcPostConfirmationSignUp      = "PostConfirmation_ConfirmSignUp"
	srcPostConfirmationForgot      = "PostConfirmation_ConfirmForgotPassword"
	srcPreAuthentication           = "PreAuthentication_Authentication"
	srcPostAuthentication          = "PostAuthentication_Authentication"
	srcMigrationAuthentication     = "UserMigration_Authentication"
	srcMigrationForgotPassword     = "UserMigration_ForgotPassword"
	srcCustomSignUp                = "CustomMessage_SignUp"
	srcCustomAdminCreateUser       = "CustomMessage_AdminCreateUser"
	srcCustomResendCode            = "CustomMessage_ResendCode"
	srcCustomForgotPassword        = "CustomMessage_ForgotPassword"
	srcCustomUpdateUserAttribute   = "CustomMessage_UpdateUserAttribute"
	srcCustomVerifyUserAttribute   = "CustomMessage_VerifyUserAttribute"
	srcCustomMessageAuthentication = "CustomMessage_Authentication"
)

// Placeholders of the CustomMessage event: the function writes them where
// the code (or temporary password) and the user name go, and the fake
// replaces them, as Cognito does.
const (
	codePlaceholder     = "{####}"
	usernamePlaceholder = "{username}"
	linkPlaceholder     = "{##Click Here##}"
)

// flowCall says who a trigger event is about: the pool, the app client of
// the call and the name the event carries as userName.
type flowCall struct {
	poolID, clientID, userName string
}

// The request and response parts of each event, with Cognito's JSON names
// (those of aws-lambda-go's events package).

type preSignUpRequest struct {
	UserAttributes map[string]string `json:"userAttributes"`
	ValidationData map[string]string `json:"validationData"`
	ClientMetadata map[string]string `json:"clientMetadata"`
}

type preSignUpResponse struct {
	AutoConfirmUser bool `json:"autoConfirmUser"`
	AutoVerifyEmail bool `json:"autoVerifyEmail"`
	AutoVerifyPhone bool `json:"autoVerifyPhone"`
}

type postConfirmationRequest struct {
	UserAttributes map[string]string `json:"userAttributes"`
	ClientMetadata map[string]string `json:"clientMetadata"`
}

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

// deref is the value of an optional field of a response, "" or false when
// the function left it null.
func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

// customMessageRequest: usernameParameter is null except for an
// invitation, the only message that tells a user its name.
type customMessageRequest struct {
	UserAttributes    map[string]string `json:"userAttributes"`
	CodeParameter     string            `json:"codeParameter"`
	LinkParameter     string            `json:"linkParameter"`
	UsernameParameter *string           `json:"usernameParameter"`
	ClientMetadata    map[string]string `json:"clientMetadata,omitempty"`
}

type customMessageResponse struct {
	SMSMessage   *string `json:"smsMessage"`
	EmailMessage *string `json:"emailMessage"`
	EmailSubject *string `json:"emailSubject"`
}

// emptyResponse is the response of the triggers that return nothing.
type emptyResponse struct{}

// confirmedAttrs is the request.userAttributes of PostConfirmation: u's
// attributes as the confirmation leaves them, confirmed and with attr (if
// any) verified. The caller holds f.mu.
func confirmedAttrs(p *pool, u *user, attr string) map[string]string {
	probe := *u
	probe.Attrs = maps.Clone(u.Attrs)
	if attr != "" {
		probe.Attrs[attr+"_verified"] = "true"
	}
	probe.Status = transport.StatusConfirmed
	return triggerUserAttributes(p, &probe)
}

// orEmpty makes a nil map the empty object Cognito sends.
func orEmpty(m map[string]string) map[string]string {
	if m == nil {
		return map[string]string{}
	}
	return maps.Clone(m)
}

// attrMap turns a list of name-value pairs into the map events carry.
func attrMap(list []transport.AttributeType) map[string]string {
	m := make(map[string]string, len(list))
	for _, a := range list {
		m[a.Name] = a.Value
	}
	return m
}

// fire builds the event of one call site and runs the pool's trigger with
// it (callTrigger); resp starts as the response the function is sent and
// ends as the one it returned. ran is false when the pool has no such
// trigger.
func (f *Fake) fire(ctx context.Context, c flowCall, trigger, source string, req, resp any) (bool, error) {
	ev := newTriggerEvent(source, c.userName, c.clientID, req, resp)
	return f.callTrigger(ctx, c.poolID, trigger, ev, resp)
}

// triggerConfigured tells whether trigger runs for p: a hook for every
// pool, or a function its LambdaConfig names. The caller holds f.mu; the
// registry's own lock is taken after it, as lookupTrigger never holds it
// while taking f.mu.
func (f *Fake) triggerConfigured(p *pool, trigger string) bool {
	if arn, _ := lambdaARN(p.Settings.LambdaConfig, trigger); arn != "" {
		return true
	}
	f.lambdas.mu.RLock()
	defer f.lambdas.mu.RUnlock()
	_, hooked := f.lambdas.hooks[trigger]
	return hooked
}

// configuredLocked is triggerConfigured by pool id. The caller holds f.mu.
func (f *Fake) configuredLocked(poolID, trigger string) bool {
	p := f.st.Pools[poolID]
	return p != nil && f.triggerConfigured(p, trigger)
}

// configured is configuredLocked for a caller without the lock.
func (f *Fake) configured(poolID, trigger string) bool {
	f.mu.RLock()
	defer f.mu.RUnlock()
	return f.configuredLocked(poolID, trigger)
}

// preSignUp runs PreSignUp for a user about to be created (u is the draft,
// not yet in the pool) and returns what it decided; the zero response when
// the pool has no such trigger.
func (f *Fake) preSignUp(ctx context.Context, c flowCall, source string, u *user, validation []transport.AttributeType, metadata map[string]string) (preSignUpResponse, error) {
	attrs := maps.Clone(u.Attrs)
	delete(attrs, "sub") // not assigned until the user exists
	var resp preSignUpResponse
	_, err := f.fire(ctx, c, TriggerPreSignUp, source, preSignUpRequest{
		UserAttributes: orEmpty(attrs), ValidationData: attrMap(validation), ClientMetadata: orEmpty(metadata),
	}, &resp)
	return resp, err
}

// applyPreSignUpAttrs marks verified the contact attributes PreSignUp
// auto-verifies, when the user has them. Only SignUp applies PreSignUp's
// response: Cognito ignores it for AdminCreateUser.
func applyPreSignUpAttrs(attrs map[string]string, resp preSignUpResponse) {
	for attr, on := range map[string]bool{"email": resp.AutoVerifyEmail, "phone_number": resp.AutoVerifyPhone} {
		if on && attrs[attr] != "" {
			attrs[attr+"_verified"] = "true"
		}
	}
}

// postConfirmation runs PostConfirmation for a user the call is about to
// confirm, with its attributes as they will be.
func (f *Fake) postConfirmation(ctx context.Context, c flowCall, source string, attrs, metadata map[string]string) error {
	_, err := f.fire(ctx, c, TriggerPostConfirmation, source, postConfirmationRequest{
		UserAttributes: attrs, ClientMetadata: orEmpty(metadata),
	}, &emptyResponse{})
	return err
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

// letter is a message waiting for the pool's CustomMessage trigger before
// it goes to the outbox. Sending records letters under f.mu; the call that
// sent them delivers them once it has released the lock.
type letter struct {
	msg      Message
	user     string // the user's internal name, the event's userName
	attrs    map[string]string
	source   string // the CustomMessage triggerSource
	username string // the name an invitation tells, for {username}
}

// defaultSources are the CustomMessage triggerSources of each purpose; a
// call site that sends for another reason (a code sent again, an attribute
// verification asked for) names its own.
var defaultSources = map[string]string{
	PurposeSignUp:          srcCustomSignUp,
	PurposeInvite:          srcCustomAdminCreateUser,
	PurposeForgotPassword:  srcCustomForgotPassword,
	PurposeVerifyAttribute: srcCustomUpdateUserAttribute,
	PurposeMFA:             srcCustomMessageAuthentication,
	PurposeSignIn:          srcCustomMessageAuthentication,
}

// takeLettersLocked hands the caller the letters its write section sent.
// The caller holds f.mu for writing.
func (f *Fake) takeLettersLocked() []letter {
	l := f.letters
	f.letters = nil
	return l
}

// postLettersLocked puts letters nobody delivered into the outbox as they
// are: the fallback of a write section that sends without running
// CustomMessage. The caller holds f.mu for writing.
func (f *Fake) postLettersLocked() {
	for _, l := range f.takeLettersLocked() {
		f.outbox.add(l.msg)
	}
}

// deliver runs CustomMessage for each letter and puts it in the outbox
// with the text the trigger wrote. source, when not "", overrides the
// triggerSource of every letter. A trigger's error fails the call, as in
// Cognito, after what the call changed has been kept.
func (f *Fake) deliver(ctx context.Context, clientID, source string, metadata map[string]string, letters []letter) error {
	for _, l := range letters {
		if source != "" {
			l.source = source
		}
		if err := f.customMessage(ctx, clientID, metadata, &l); err != nil {
			return err
		}
		f.outbox.add(l.msg)
	}
	return nil
}

// customMessage asks the trigger for the text of one message. A text that
// lacks a placeholder Cognito requires (the code; for an invitation the
// user name too) is not used, and the message keeps its default text; a
// subject is used as it is.
func (f *Fake) customMessage(ctx context.Context, clientID string, metadata map[string]string, l *letter) error {
	req := customMessageRequest{
		UserAttributes: l.attrs, CodeParameter: codePlaceholder, LinkParameter: linkPlaceholder,
		ClientMetadata: maps.Clone(metadata),
	}
	invite := l.source == srcCustomAdminCreateUser
	if invite {
		p := usernamePlaceholder
		req.UsernameParameter = &p
	}
	var resp customMessageResponse
	ran, err := f.fire(ctx, flowCall{poolID: l.msg.PoolID, clientID: clientID, userName: l.user},
		TriggerCustomMessage, l.source, req, &resp)
	if err != nil || !ran {
		return err
	}
	text := resp.SMSMessage
	if l.msg.Medium == mediumEmail {
		text = resp.EmailMessage
		if resp.EmailSubject != nil {
			l.msg.Subject = *resp.EmailSubject
		}
	}
	if text == nil || !strings.Contains(*text, codePlaceholder) || (invite && !strings.Contains(*text, usernamePlaceholder)) {
		return nil
	}
	body := strings.ReplaceAll(*text, codePlaceholder, l.msg.Code)
	if invite {
		body = strings.ReplaceAll(body, usernamePlaceholder, l.username)
	}
	l.msg.Text = body
	return nil
}

// adminClientID is the callerContext.clientId of an operation that no app
// client makes (AdminCreateUser, AdminResetUserPassword, ...).
const adminClientID = "CLIENT_ID_NOT_APPLICABLE"

// writeAndDeliver runs fn as a write section and then delivers, with
// CustomMessage, what it sent. It is for the operations that send a code.
func (f *Fake) writeAndDeliver(ctx context.Context, clientID, source string, metadata map[string]string, fn func() error) error {
	f.lockW()
	err := fn()
	letters := f.takeLettersLocked()
	f.unlockW()
	if err != nil {
		return err
	}
	return f.deliver(ctx, clientID, source, metadata, letters)
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

// codeWouldPass tells, without consuming or counting anything, whether
// given is u's live code for key. The caller holds f.mu.
func (f *Fake) codeWouldPass(u *user, key, given string) bool {
	c := u.Codes[key]
	return c != nil && given != "" && !f.clock().After(c.Expires) && constantEqual(c.Value, given)
}

// confirmSignUpTrigger runs PostConfirmation_ConfirmSignUp for a
// confirmation that will succeed, before it takes effect: a function that
// fails leaves the user unconfirmed and its code unused. Any other
// confirmation is left to ConfirmSignUp to refuse.
func (f *Fake) confirmSignUpTrigger(ctx context.Context, in *transport.ConfirmSignUpInput) error {
	f.mu.RLock()
	p, u, err := f.selfServiceUserLocked(in.ClientID, in.Username, in.SecretHash)
	key := codeKey(PurposeSignUp, "")
	if err != nil || u.Status != transport.StatusUnconfirmed || !f.configuredLocked(p.ID, TriggerPostConfirmation) ||
		!f.codeWouldPass(u, key, in.ConfirmationCode) {
		f.mu.RUnlock()
		return nil
	}
	attrs := confirmedAttrs(p, u, u.Codes[key].Attr)
	call := flowCall{poolID: p.ID, clientID: in.ClientID, userName: u.Username}
	f.mu.RUnlock()
	return f.postConfirmation(ctx, call, srcPostConfirmationSignUp, attrs, in.ClientMetadata)
}

// confirmForgotTrigger runs PostConfirmation_ConfirmForgotPassword for a
// password reset that will succeed, before it takes effect, as
// confirmSignUpTrigger does.
func (f *Fake) confirmForgotTrigger(ctx context.Context, in *transport.ConfirmForgotPasswordInput) error {
	f.mu.RLock()
	p, u, err := f.selfServiceUserLocked(in.ClientID, in.Username, in.SecretHash)
	if err != nil || !f.configuredLocked(p.ID, TriggerPostConfirmation) ||
		!f.codeWouldPass(u, codeKey(PurposeForgotPassword, ""), in.ConfirmationCode) {
		f.mu.RUnlock()
		return nil
	}
	attrs := confirmedAttrs(p, u, "")
	call := flowCall{poolID: p.ID, clientID: in.ClientID, userName: u.Username}
	f.mu.RUnlock()
	return f.postConfirmation(ctx, call, srcPostConfirmationForgot, attrs, in.ClientMetadata)
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
			NewDeviceUsed: pt.newDevice != nil, UserAttributes: triggerUserAttributes(p, u), ClientMetadata: orEmpty(callMetadata(ctx)),
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

// adminConfirmTrigger runs PostConfirmation_ConfirmSignUp for an
// AdminConfirmSignUp that will succeed, before it takes effect, as
// confirmSignUpTrigger does; no attribute becomes verified.
func (f *Fake) adminConfirmTrigger(ctx context.Context, in *transport.AdminUserMetadataInput) error {
	f.mu.RLock()
	p, u, err := f.userLocked(in.UserPoolID, in.Username)
	if err != nil || u.Status != transport.StatusUnconfirmed || !f.triggerConfigured(p, TriggerPostConfirmation) {
		f.mu.RUnlock()
		return nil
	}
	attrs := confirmedAttrs(p, u, "")
	call := flowCall{poolID: p.ID, clientID: adminClientID, userName: u.Username}
	f.mu.RUnlock()
	return f.postConfirmation(ctx, call, srcPostConfirmationSignUp, attrs, in.ClientMetadata)
}

// callMetadataKey keys the ClientMetadata of a RespondToAuthChallenge (or
// its admin twin) in the call's context. InitiateAuth's ClientMetadata
// reaches only PreSignUp, PreAuthentication and UserMigration (as
// validationData); the triggers a login runs later (PostAuthentication,
// CustomMessage) get the metadata of the answer that ran them, or none.
type callMetadataKey struct{}

// withCallMetadata records an answer's ClientMetadata in ctx.
func withCallMetadata(ctx context.Context, md map[string]string) context.Context {
	return context.WithValue(ctx, callMetadataKey{}, md)
}

// callMetadata is the ClientMetadata withCallMetadata recorded, or nil.
func callMetadata(ctx context.Context) map[string]string {
	md, _ := ctx.Value(callMetadataKey{}).(map[string]string)
	return md
}
