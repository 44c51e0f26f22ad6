package engine

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/gocognito/gocognito/internal/jwtpeek"
	"github.com/gocognito/gocognito/internal/otpauth"
	"github.com/gocognito/gocognito/srp"
	"github.com/gocognito/gocognito/states"
	"github.com/gocognito/gocognito/transport"
)

// startAuth runs the login from InitiateAuth. When Cognito no longer knows
// the login's device (it answers PASSWORD_VERIFIER with ResourceNotFound
// "Device does not exist." after a ForgetDevice, perhaps from another
// machine) it starts once more without the device, as Amplify does, and
// Result.ForgottenDevice names the key the caller should drop. Observers see
// the first attempt fail back to Init.
func (l *Login) startAuth(ctx context.Context) error {
	password := l.password
	err := l.initiate(ctx)
	if err == nil || l.deviceKey == "" || password == "" || !deviceGone(err) {
		return err
	}
	l.mu.Lock()
	from := states.State(l.machine.Current())
	l.forgotten = l.deviceKey
	l.deviceKey, l.deviceGroupKey, l.devicePassword = "", "", ""
	l.password = password
	l.machine = states.NewMachine(states.Init)
	l.challenge, l.params, l.userID = "", nil, ""
	l.setSession("")
	l.mu.Unlock()
	l.observe(Transition{From: from, To: states.Init, Event: states.EventFail, At: l.cfg.Now(), Err: err})
	return l.initiate(ctx)
}

// deviceGone reports whether err is Cognito's refusal of an unknown device.
func deviceGone(err error) bool {
	var te *transport.Error
	return errors.As(err, &te) && te.Code == "ResourceNotFoundException" && strings.Contains(te.Message, "Device")
}

// initiate sends InitiateAuth for the login's flow and runs on.
func (l *Login) initiate(ctx context.Context) error {
	params := map[string]string{transport.ParamUsername: l.username}
	if h := l.cfg.secretHash(l.username); h != "" {
		params[transport.ParamSecretHash] = h
	}
	if l.deviceKey != "" {
		params[transport.ParamDeviceKey] = l.deviceKey
	}
	switch {
	case sendsPassword(l.flow):
		params[transport.ParamPassword] = l.password
	case l.flow == transport.FlowUserAuth:
		if err := l.userAuthParams(params); err != nil {
			return err
		}
	case l.flow == transport.FlowUserSRP || l.password != "":
		c, err := srp.NewClient(l.cfg.Rand)
		if err != nil {
			return fmt.Errorf("engine: SRP secret: %w", err)
		}
		l.srpClient = c
		params[transport.ParamSRPA] = c.SRPA()
		if l.flow == transport.FlowCustom {
			params[transport.ParamChallengeName] = transport.ChallengeSRPA
		}
	}
	if err := l.countRound(ctx); err != nil {
		return err
	}
	op, out, err := l.sendInitiate(ctx, params)
	if sendsPassword(l.flow) || params[transport.ParamPassword] != "" {
		l.password = "" // sent; nothing later needs it
	}
	if err != nil {
		return cognitoErr(op, err)
	}
	if out == nil {
		return fmt.Errorf("%w: %s returned nothing", ErrBadChallenge, op)
	}
	return l.run(ctx, out)
}

// sendInitiate sends InitiateAuth, or AdminInitiateAuth for an admin flow,
// and returns the operation's name with its answer.
func (l *Login) sendInitiate(ctx context.Context, params map[string]string) (string, *transport.ChallengeOutput, error) {
	if !isAdminFlow(l.flow) {
		out, err := l.cfg.Transport.InitiateAuth(ctx, &transport.InitiateAuthInput{
			AuthFlow:       l.flow,
			AuthParameters: params,
			ClientID:       l.cfg.ClientID,
			ClientMetadata: l.clientMetadata,
			Session:        l.signUpSession,
		})
		l.signUpSession = "" // single use, whatever the answer
		return "InitiateAuth", out, err
	}
	const op = "AdminInitiateAuth"
	if err := l.cfg.canRun(l.flow); err != nil {
		return op, nil, err
	}
	out, err := l.cfg.admin.AdminInitiateAuth(ctx, &transport.AdminInitiateAuthInput{
		UserPoolID:     l.cfg.PoolID,
		ClientID:       l.cfg.ClientID,
		AuthFlow:       l.flow,
		AuthParameters: params,
		ClientMetadata: l.clientMetadata,
	})
	return op, out, err
}

// run takes Cognito's answer (nil: none yet, run the current state's step)
// and runs the automatic steps until the login needs input or is over.
func (l *Login) run(ctx context.Context, out *transport.ChallengeOutput) error {
	for {
		if out != nil {
			if err := l.enter(ctx, out); err != nil {
				return err
			}
			if l.State().Terminal() {
				return nil
			}
		}
		next, err := l.step(ctx)
		if err != nil || next == nil {
			return err
		}
		out = next
	}
}

// enter moves the login to where Cognito's answer leads: Done with tokens, or
// the challenge's state with its need ready. Everything that can fail happens
// before the move, so that observers see a state only when it is complete.
func (l *Login) enter(ctx context.Context, out *transport.ChallengeOutput) error {
	if out.AuthenticationResult != nil {
		return l.finish(ctx, out.AuthenticationResult)
	}
	name := out.ChallengeName
	if name == "" {
		return fmt.Errorf("%w: neither tokens nor a challenge", ErrBadChallenge)
	}
	ev, to, ok := l.challengeEvent(name)
	if !ok {
		return fmt.Errorf("%w: %q", ErrUnsupportedChallenge, name)
	}
	l.mu.RLock()
	from := states.State(l.machine.Current())
	refused := states.Check(l.machine, ev) // asked before the work of entering; Fire moves
	l.mu.RUnlock()
	if refused != nil {
		return &UnexpectedChallengeError{State: from, Challenge: name, Err: refused}
	}
	params := maps.Clone(out.ChallengeParameters)
	if params == nil {
		params = map[string]string{}
	}
	need := states.NeedFor(to, params)
	session := out.Session
	var totpSecret, setupChoice string
	var totpPending bool
	var available []string
	var enterErr error // an error the move happens in spite of
	switch to {
	case states.SelectChallenge:
		// The choices come at the top level, not among the parameters.
		available = slices.Clone(out.AvailableChallenges)
		need = states.FirstFactorNeed(available)
	case states.MFASetup:
		options, err := l.setupOptions(params)
		if err != nil {
			return err
		}
		setupChoice, need = startSetup(options)
		if setupChoice != transport.MFASoftwareToken {
			break // a choice to make, or an address to ask for
		}
		// Cognito accepted the previous answer (a new password, say) and
		// consumed its session: whatever AssociateSoftwareToken does, the
		// login is now in MFA_SETUP, and a failure there is judged there.
		secret, sess, err := l.associate(ctx, session)
		if err != nil {
			totpPending, need = true, states.NeedTOTPSetup{}
			enterErr = fmt.Errorf("%w: %w", ErrTOTPSecretPending, err)
			break
		}
		totpSecret, session = secret, sess
		need = l.totpNeed(secret)
	case states.DeviceSRP:
		if l.deviceKey == "" || l.deviceGroupKey == "" {
			return fmt.Errorf("%w: DEVICE_SRP_AUTH for a login without a device", ErrBadChallenge)
		}
		if l.devicePassword == "" {
			need = states.NeedPassword{Device: true}
		}
	}

	l.mu.Lock()
	to, err := states.Fire(ctx, l.machine, ev)
	if err != nil { // Check allowed it above: a bug, not Cognito's doing
		l.mu.Unlock()
		return fmt.Errorf("engine: %w", err)
	}
	l.challenge, l.params, l.need = name, params, need
	l.totpSecret, l.totpVerified, l.totpPending = totpSecret, false, totpPending
	l.setupChoice = setupChoice
	if to == states.SelectChallenge {
		l.available = available
	}
	l.setSession(session)
	if v := params[transport.ParamUserIDForSRP]; v != "" {
		l.userID = v
	} else if v := params[transport.ParamUsername]; v != "" {
		l.userID = v
	}
	l.mu.Unlock()
	l.observe(Transition{From: from, To: to, Event: ev, At: l.cfg.Now()})
	return enterErr
}

// totpNeed is what MFA_SETUP needs once Cognito has given a secret.
func (l *Login) totpNeed(secret string) states.NeedTOTPSetup {
	return states.NeedTOTPSetup{Secret: secret, URI: otpauth.URI(l.cfg.TOTPIssuer, l.username, secret)}
}

// setSession records a session and its expiry; l.mu must be held. The
// PASSWORD_VERIFIER challenge comes without a session: none is recorded
// then, and none is sent with its answer.
func (l *Login) setSession(session string) {
	l.session = session
	l.sessionExpires = time.Time{}
	if session != "" {
		l.sessionExpires = l.cfg.Now().Add(l.cfg.SessionValidity)
	}
}

// step runs the current state's automatic step, if it has one and its
// secrets are at hand, and returns Cognito's answer; nil when the login must
// wait for the user.
func (l *Login) step(ctx context.Context) (*transport.ChallengeOutput, error) {
	switch l.State() {
	case states.PasswordVerifier:
		return l.answerPasswordVerifier(ctx)
	case states.DeviceSRP:
		if l.devicePassword == "" {
			return nil, nil // NeedPassword{Device: true}
		}
		return l.answerDeviceSRP(ctx)
	case states.DevicePasswordVerifier:
		return l.answerDevicePasswordVerifier(ctx)
	}
	return nil, nil
}

func (l *Login) answerPasswordVerifier(ctx context.Context) (*transport.ChallengeOutput, error) {
	if l.srpClient == nil || l.password == "" {
		return nil, fmt.Errorf("%w: PASSWORD_VERIFIER needs the SRP secret and password of this login's InitiateAuth", ErrSecretUnavailable)
	}
	p := l.params
	userID := p[transport.ParamUserIDForSRP]
	if userID == "" {
		userID = p[transport.ParamUsername]
	}
	if userID == "" {
		return nil, fmt.Errorf("%w: PASSWORD_VERIFIER without USER_ID_FOR_SRP", ErrBadChallenge)
	}
	ts := srp.FormatTimestamp(l.cfg.Now())
	sig, err := l.srpClient.PasswordSignature(l.cfg.poolName, userID, l.password,
		p[transport.ParamSalt], p[transport.ParamSRPB], p[transport.ParamSecretBlock], ts)
	// The SRP secret and the password are used up either way.
	l.srpClient, l.password = nil, ""
	if err != nil {
		return nil, fmt.Errorf("%w: PASSWORD_VERIFIER: %w", ErrBadChallenge, err)
	}
	return l.respond(ctx, transport.ChallengePasswordVerifier, l.withDevice(transport.ChallengePasswordVerifier, map[string]string{
		transport.ParamUsername:         userID,
		transport.ParamClaimSecretBlock: p[transport.ParamSecretBlock],
		transport.ParamClaimSignature:   sig,
		transport.ParamTimestamp:        ts,
	}))
}

func (l *Login) answerDeviceSRP(ctx context.Context) (*transport.ChallengeOutput, error) {
	c, err := srp.NewClient(l.cfg.Rand) // a fresh secret: never the password step's
	if err != nil {
		return nil, fmt.Errorf("engine: device SRP secret: %w", err)
	}
	l.deviceClient = c
	return l.respond(ctx, transport.ChallengeDeviceSRPAuth, map[string]string{
		transport.ParamDeviceKey: l.deviceKey,
		transport.ParamSRPA:      c.SRPA(),
	})
}

func (l *Login) answerDevicePasswordVerifier(ctx context.Context) (*transport.ChallengeOutput, error) {
	if l.deviceClient == nil || l.devicePassword == "" {
		return nil, fmt.Errorf("%w: DEVICE_PASSWORD_VERIFIER needs the secret of this login's DEVICE_SRP_AUTH", ErrSecretUnavailable)
	}
	p := l.params
	ts := srp.FormatTimestamp(l.cfg.Now())
	sig, err := l.deviceClient.DeviceSignature(l.deviceGroupKey, l.deviceKey, l.devicePassword,
		p[transport.ParamSalt], p[transport.ParamSRPB], p[transport.ParamSecretBlock], ts)
	l.deviceClient, l.devicePassword = nil, ""
	if err != nil {
		return nil, fmt.Errorf("%w: DEVICE_PASSWORD_VERIFIER: %w", ErrBadChallenge, err)
	}
	return l.respond(ctx, transport.ChallengeDevicePasswordVerifier, map[string]string{
		transport.ParamDeviceKey:        l.deviceKey,
		transport.ParamClaimSecretBlock: p[transport.ParamSecretBlock],
		transport.ParamClaimSignature:   sig,
		transport.ParamTimestamp:        ts,
	})
}

func (l *Login) answerMFACode(ctx context.Context, st states.State, code string, wrong error) error {
	if code == "" {
		return wrong
	}
	var challenge, key string
	switch st {
	case states.SMSMFA:
		challenge, key = transport.ChallengeSMSMFA, transport.ParamSMSMFACode
	case states.EmailOTP:
		challenge, key = transport.ChallengeEmailOTP, transport.ParamEmailOTPCode
	case states.SoftwareTokenMFA:
		challenge, key = transport.ChallengeSoftwareTokenMFA, transport.ParamSoftwareTokenMFACode
	default:
		return wrong
	}
	return l.respondWithDevice(ctx, challenge, map[string]string{key: code})
}

// sendsDeviceKey lists the answers that carry the login's DEVICE_KEY, as
// Cognito expects ("Include a DEVICE_KEY for device authentication",
// RespondToAuthChallenge reference) and as Amplify v6 and
// amazon-cognito-identity-js send it. An MFA or custom answer without it
// makes Cognito end the login with a new device instead of running the
// device's SRP. NEW_PASSWORD_REQUIRED, SELECT_MFA_TYPE and MFA_SETUP do not
// carry it: neither client sends it there.
var sendsDeviceKey = map[string]bool{
	transport.ChallengePasswordVerifier: true,
	transport.ChallengeSMSMFA:           true,
	transport.ChallengeSoftwareTokenMFA: true,
	transport.ChallengeEmailOTP:         true,
	transport.ChallengeSMSOTP:           true,
	transport.ChallengeCustom:           true,
}

// withDevice adds the login's DEVICE_KEY to an answer to challenge, where
// Cognito expects it (sendsDeviceKey).
func (l *Login) withDevice(challenge string, resp map[string]string) map[string]string {
	l.mu.RLock()
	key := l.deviceKey
	l.mu.RUnlock()
	if key != "" && sendsDeviceKey[challenge] {
		resp[transport.ParamDeviceKey] = key
	}
	return resp
}

// respondWithDevice answers an MFA or custom challenge with the login's
// DEVICE_KEY and runs on. When Cognito no longer knows the device
// (ResourceNotFound "Device does not exist.": forgotten since the password
// step), it answers once more without it, as startAuth does at the start, and
// Result.ForgottenDevice names the key; the login then ends with a new device.
func (l *Login) respondWithDevice(ctx context.Context, challenge string, resp map[string]string) error {
	out, err := l.respond(ctx, challenge, l.withDevice(challenge, resp))
	if err != nil && resp[transport.ParamDeviceKey] != "" && deviceGone(err) {
		l.mu.Lock()
		l.forgotten = l.deviceKey
		l.deviceKey, l.deviceGroupKey, l.devicePassword = "", "", ""
		l.mu.Unlock()
		delete(resp, transport.ParamDeviceKey)
		out, err = l.respond(ctx, challenge, resp)
	}
	if err != nil {
		return err
	}
	return l.run(ctx, out)
}

func (l *Login) answerMFAChoice(ctx context.Context, st states.State, need states.Need, choice string, wrong error) error {
	if st == states.MFASetup && choice != "" {
		return l.answerSetupChoice(ctx, choice, wrong)
	}
	if st != states.SelectMFAType || choice == "" {
		return wrong
	}
	if n, ok := need.(states.NeedMFAChoice); ok && len(n.Options) > 0 && !slices.Contains(n.Options, choice) {
		return fmt.Errorf("%w: %q is not among %v", ErrWrongAnswer, choice, n.Options)
	}
	return l.respondAndRun(ctx, transport.ChallengeSelectMFAType, map[string]string{transport.ParamAnswer: choice})
}

func (l *Login) answerNewPassword(ctx context.Context, st states.State, need states.Need, a NewPassword, wrong error) error {
	if st != states.NewPasswordRequired || a.Password == "" {
		return wrong
	}
	attrs := make(map[string]string, len(a.Attributes))
	for k, v := range a.Attributes {
		attrs[strings.TrimPrefix(k, transport.ParamUserAttributePrefix)] = v
	}
	n, _ := need.(states.NeedNewPassword)
	var missing []string
	for _, r := range n.Required {
		if r = strings.TrimPrefix(r, transport.ParamUserAttributePrefix); attrs[r] == "" {
			missing = append(missing, r)
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("%w: %s", ErrMissingAttributes, strings.Join(missing, ", "))
	}
	resp := map[string]string{transport.ParamNewPassword: a.Password}
	for k, v := range attrs {
		if !writableOnNewPassword(k) {
			continue
		}
		if cur, ok := n.Attributes[k]; ok && cur == v {
			continue // unchanged: Cognito refuses even the same e-mail or phone again
		}
		resp[transport.ParamUserAttributePrefix+k] = v
	}
	return l.respondAndRun(ctx, transport.ChallengeNewPasswordRequired, resp)
}

// writableOnNewPassword reports whether a NEW_PASSWORD_REQUIRED answer may
// set an attribute: Cognito refuses sub and the *_verified flags ("Cannot
// modify the non-mutable attribute email_verified"), which a form prefilled
// from NeedNewPassword.Attributes sends back.
func writableOnNewPassword(name string) bool {
	return name != "sub" && !strings.HasSuffix(name, "_verified")
}

// associate gets the TOTP secret for an MFA_SETUP challenge.
func (l *Login) associate(ctx context.Context, session string) (secret, newSession string, err error) {
	ms := l.cfg.mfaSetup
	if ms == nil {
		return "", "", fmt.Errorf("%w: MFA_SETUP needs Config.MFASetup or a Transport implementing transport.MFASetup", ErrUnsupportedChallenge)
	}
	if err := l.countRound(ctx); err != nil {
		return "", "", err
	}
	out, err := ms.AssociateSoftwareToken(ctx, &transport.AssociateSoftwareTokenInput{Session: session})
	if err != nil {
		return "", "", cognitoErr("AssociateSoftwareToken", err)
	}
	if out == nil || out.SecretCode == "" {
		return "", "", fmt.Errorf("%w: AssociateSoftwareToken returned no secret", ErrBadChallenge)
	}
	if out.Session != "" {
		session = out.Session
	}
	return out.SecretCode, session, nil
}

// fetchTOTPSecret runs AssociateSoftwareToken again for a login that entered
// MFASetup without a secret (ErrTOTPSecretPending).
func (l *Login) fetchTOTPSecret(ctx context.Context) error {
	if err := l.checkSession(); err != nil {
		return err
	}
	l.mu.RLock()
	session := l.session
	l.mu.RUnlock()
	secret, newSession, err := l.associate(ctx, session)
	if err != nil {
		return err
	}
	l.mu.Lock()
	l.totpSecret, l.totpPending, l.need = secret, false, l.totpNeed(secret)
	if newSession != session {
		l.setSession(newSession)
	}
	l.mu.Unlock()
	return nil
}

func (l *Login) answerTOTPSetup(ctx context.Context, a TOTPSetupCode, wrong error) error {
	l.mu.RLock()
	pending, choice := l.totpPending, l.setupChoice
	l.mu.RUnlock()
	if choice != transport.MFASoftwareToken {
		return wrong // nothing chosen yet, or e-mail
	}
	if pending {
		if a.Code != "" {
			// No secret was shown yet, so no code can be right.
			return fmt.Errorf("%w: the TOTP secret is still to be fetched: submit TOTPSetupCode{} first", wrong)
		}
		return l.fetchTOTPSecret(ctx)
	}
	if a.Code == "" {
		return wrong
	}
	ms := l.cfg.mfaSetup
	if ms == nil {
		return fmt.Errorf("%w: MFA_SETUP needs Config.MFASetup or a Transport implementing transport.MFASetup", ErrUnsupportedChallenge)
	}
	if !l.totpVerified {
		if err := l.checkSession(); err != nil {
			return err
		}
		if err := l.countRound(ctx); err != nil {
			return err
		}
		out, err := ms.VerifySoftwareToken(ctx, &transport.VerifySoftwareTokenInput{
			Session:            l.session,
			UserCode:           a.Code,
			FriendlyDeviceName: a.FriendlyName,
		})
		if err != nil {
			err = cognitoErr("VerifySoftwareToken", err)
			if errors.Is(err, transport.ErrEnableSoftwareTokenMFA) || errors.Is(err, transport.ErrCodeMismatch) {
				err = fmt.Errorf("%w: %w", ErrTOTPRejected, err)
			}
			return err
		}
		if out == nil {
			return fmt.Errorf("%w: VerifySoftwareToken returned nothing", ErrBadChallenge)
		}
		if out.Status != transport.VerifySuccess {
			return fmt.Errorf("%w: status %q", ErrTOTPRejected, out.Status)
		}
		l.mu.Lock()
		l.totpVerified = true
		if out.Session != "" {
			l.setSession(out.Session)
		}
		l.mu.Unlock()
	}
	return l.respondAndRun(ctx, transport.ChallengeMFASetup, map[string]string{})
}

// respondAndRun answers the current challenge and runs on with the result.
func (l *Login) respondAndRun(ctx context.Context, challenge string, resp map[string]string) error {
	out, err := l.respond(ctx, challenge, resp)
	if err != nil {
		return err
	}
	return l.run(ctx, out)
}

// respond sends RespondToAuthChallenge (AdminRespondToAuthChallenge in an
// admin flow) with the current session (if any), USERNAME as Cognito knows
// the user unless resp sets it, and SECRET_HASH over that USERNAME.
func (l *Login) respond(ctx context.Context, challenge string, resp map[string]string) (*transport.ChallengeOutput, error) {
	if err := l.checkSession(); err != nil {
		return nil, err
	}
	if resp[transport.ParamUsername] == "" {
		resp[transport.ParamUsername] = l.cognitoName()
	}
	if h := l.cfg.secretHash(resp[transport.ParamUsername]); h != "" {
		resp[transport.ParamSecretHash] = h
	}
	if err := l.countRound(ctx); err != nil {
		return nil, err
	}
	l.mu.RLock()
	session := l.session
	l.mu.RUnlock()
	op, out, err := l.sendRespond(ctx, challenge, session, resp)
	if err != nil {
		return nil, cognitoErr(op+" "+challenge, err)
	}
	if out == nil {
		return nil, fmt.Errorf("%w: %s %s returned nothing", ErrBadChallenge, op, challenge)
	}
	return out, nil
}

// sendRespond sends RespondToAuthChallenge, or AdminRespondToAuthChallenge
// for a login in an admin flow (Cognito ties the session to the operation
// that started it), and returns the operation's name with its answer.
func (l *Login) sendRespond(ctx context.Context, challenge, session string, resp map[string]string) (string, *transport.ChallengeOutput, error) {
	if !isAdminFlow(l.flow) {
		out, err := l.cfg.Transport.RespondToAuthChallenge(ctx, &transport.RespondToAuthChallengeInput{
			ClientID:           l.cfg.ClientID,
			ChallengeName:      challenge,
			Session:            session,
			ChallengeResponses: resp,
			ClientMetadata:     l.clientMetadata,
		})
		return "RespondToAuthChallenge", out, err
	}
	const op = "AdminRespondToAuthChallenge"
	if err := l.cfg.canRun(l.flow); err != nil {
		return op, nil, err
	}
	out, err := l.cfg.admin.AdminRespondToAuthChallenge(ctx, &transport.AdminRespondToAuthChallengeInput{
		UserPoolID:         l.cfg.PoolID,
		ClientID:           l.cfg.ClientID,
		ChallengeName:      challenge,
		Session:            session,
		ChallengeResponses: resp,
		ClientMetadata:     l.clientMetadata,
	})
	return op, out, err
}

// checkSession refuses to send a session past its recorded expiry.
func (l *Login) checkSession() error {
	l.mu.RLock()
	defer l.mu.RUnlock()
	if !l.sessionExpires.IsZero() && !l.cfg.Now().Before(l.sessionExpires) {
		return fmt.Errorf("%w: at %s", ErrSessionExpired, l.sessionExpires.UTC().Format(time.RFC3339))
	}
	return nil
}

// countRound counts one call to Cognito against MaxRounds, and refuses it
// when ctx is already done.
func (l *Login) countRound(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("engine: %w", err)
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.rounds >= l.cfg.MaxRounds {
		return fmt.Errorf("%w: %d", ErrTooManyRounds, l.cfg.MaxRounds)
	}
	l.rounds++
	return nil
}

// finish records the tokens, confirms a new device, and moves to Done.
func (l *Login) finish(ctx context.Context, res *transport.AuthenticationResult) error {
	l.mu.RLock()
	from := states.State(l.machine.Current())
	refused := states.Check(l.machine, states.EventAuthenticated) // before confirming a device; Fire moves
	l.mu.RUnlock()
	if refused != nil {
		return fmt.Errorf("%w: tokens in state %s: %w", ErrUnexpectedChallenge, from, refused)
	}
	result := &Result{Tokens: res, ForgottenDevice: l.forgotten}
	result.Username, result.DeviceKey = l.tokenOwner(res)
	if md := res.NewDeviceMetadata; md != nil {
		result.NewDevice, result.DeviceRemembered, result.DeviceErr = l.confirmDevice(ctx, res.AccessToken, md)
	}
	l.mu.Lock()
	to, err := states.Fire(ctx, l.machine, states.EventAuthenticated)
	if err != nil {
		l.mu.Unlock()
		return fmt.Errorf("engine: %w", err)
	}
	l.result = result
	l.need = states.NeedNothing{}
	l.setSession("")
	l.forgetSecrets()
	l.mu.Unlock()
	l.observe(Transition{From: from, To: to, Event: states.EventAuthenticated, At: l.cfg.Now()})
	return nil
}

// tokenOwner returns the name Cognito knows the user by and the device the
// tokens were issued to, as a refresh must send them: the access token's
// username and device_key claims. The token is read without verifying its
// signature: it just came from Cognito over TLS, and Cognito checks both
// values again when they come back with a refresh. Without a readable claim
// (a transport that returns no JWT) the name is the one the challenges
// carried, else the one typed, and the device the one Cognito created for
// this login, else the one it logged in with.
func (l *Login) tokenOwner(res *transport.AuthenticationResult) (username, deviceKey string) {
	username, deviceKey = l.cognitoName(), l.deviceKey
	if md := res.NewDeviceMetadata; md != nil && md.DeviceKey != "" {
		deviceKey = md.DeviceKey
	}
	claims, err := jwtpeek.Claims(res.AccessToken)
	if err != nil {
		return username, deviceKey
	}
	if v := jwtpeek.String(claims, "username"); v != "" {
		username = v
	}
	if v := jwtpeek.String(claims, "device_key"); v != "" {
		deviceKey = v
	}
	return username, deviceKey
}

// confirmDevice confirms the device Cognito created for this login, so that
// later logins can use device SRP, and returns its credentials and whether
// Cognito remembers it (see Result.DeviceRemembered).
func (l *Login) confirmDevice(ctx context.Context, accessToken string, md *transport.NewDeviceMetadata) (*DeviceCredentials, bool, error) {
	dev := l.cfg.devices
	if dev == nil {
		return nil, false, ErrDevicesUnsupported
	}
	if md.DeviceKey == "" || md.DeviceGroupKey == "" {
		return nil, false, fmt.Errorf("%w: NewDeviceMetadata lacks a key", ErrBadChallenge)
	}
	sec, err := srp.NewDeviceSecret(md.DeviceGroupKey, md.DeviceKey, l.cfg.Rand)
	if err != nil {
		return nil, false, fmt.Errorf("engine: device secret: %w", err)
	}
	out, err := dev.ConfirmDevice(ctx, &transport.ConfirmDeviceInput{
		AccessToken: accessToken,
		DeviceKey:   md.DeviceKey,
		DeviceSecretVerifierConfig: &transport.DeviceSecretVerifierConfig{
			PasswordVerifier: sec.PasswordVerifier,
			Salt:             sec.Salt,
		},
		DeviceName: l.cfg.DeviceName,
	})
	if err != nil {
		return nil, false, cognitoErr("ConfirmDevice", err)
	}
	creds := &DeviceCredentials{Key: md.DeviceKey, GroupKey: md.DeviceGroupKey, Password: sec.Password}
	// Without UserConfirmationNecessary the pool remembers every device;
	// with it, only those marked remembered.
	remembered := out == nil || !out.UserConfirmationNecessary
	if l.cfg.RememberDevice {
		_, err := dev.UpdateDeviceStatus(ctx, &transport.UpdateDeviceStatusInput{
			AccessToken:            accessToken,
			DeviceKey:              md.DeviceKey,
			DeviceRememberedStatus: transport.DeviceRemembered,
		})
		if err != nil {
			return creds, remembered, cognitoErr("UpdateDeviceStatus", err)
		}
		remembered = true
	}
	return creds, remembered, nil
}

// cognitoErr wraps an error of a transport call. Cognito's "Invalid session"
// NotAuthorizedException also matches ErrSessionExpired.
func cognitoErr(op string, err error) error {
	var te *transport.Error
	if errors.As(err, &te) && errors.Is(err, transport.ErrNotAuthorized) && strings.HasPrefix(te.Message, "Invalid session") {
		return fmt.Errorf("%w (%s): %w", ErrSessionExpired, op, err)
	}
	return fmt.Errorf("engine: %s: %w", op, err)
}
