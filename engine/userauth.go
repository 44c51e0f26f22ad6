package engine

import (
	"context"
	"fmt"
	"slices"

	"github.com/gocognito/gocognito/srp"
	"github.com/gocognito/gocognito/states"
	"github.com/gocognito/gocognito/transport"
)

// Choice-based sign-in (USER_AUTH): InitiateAuth names the preferred first
// factor (Config.PreferredChallenge) or Cognito offers a choice
// (SELECT_CHALLENGE, states.NeedFirstFactorChoice). A password, chosen or
// preferred, goes with the answer that chooses it (PASSWORD, or SRP_A for
// PASSWORD_SRP, whose PASSWORD_VERIFIER the engine then answers by itself);
// a code (NeedSignInCode) or a passkey (NeedPasskey) is the user's to give.

// userAuthParams adds to InitiateAuth's parameters what a USER_AUTH login
// with a preferred first factor sends: PREFERRED_CHALLENGE, and the
// password or SRP_A that a password preference carries.
func (l *Login) userAuthParams(params map[string]string) error {
	pref := l.preferred
	if pref == "" || l.signUpSession != "" {
		// The sign-up's code was the first factor.
		return nil
	}
	params[transport.ParamPreferredChallenge] = pref
	switch pref {
	case transport.ChallengePassword:
		params[transport.ParamPassword] = l.password
	case transport.ChallengePasswordSRP:
		c, err := srp.NewClient(l.cfg.Rand)
		if err != nil {
			return fmt.Errorf("engine: SRP secret: %w", err)
		}
		l.srpClient = c
		params[transport.ParamSRPA] = c.SRPA()
	}
	l.mu.Lock()
	l.firstFactor = pref
	l.mu.Unlock()
	return nil
}

// passwordChosen reports whether the user chose a password factor at
// SelectChallenge and the login waits for the password.
func (l *Login) passwordChosen() bool {
	l.mu.RLock()
	defer l.mu.RUnlock()
	_, waiting := l.need.(states.NeedPassword)
	return waiting && isPasswordFactor(l.firstFactor)
}

func isPasswordFactor(f string) bool {
	return f == transport.ChallengePassword || f == transport.ChallengePasswordSRP
}

// chooseFirstFactor takes the user's pick at SelectChallenge. A password
// factor without the password at hand waits for Submit(Password); any
// other pick is sent at once.
func (l *Login) chooseFirstFactor(ctx context.Context, choice string, wrong error) error {
	if choice == "" {
		return wrong
	}
	l.mu.RLock()
	available := l.available
	l.mu.RUnlock()
	if !slices.Contains(available, choice) {
		return fmt.Errorf("%w: %q is not among %v", ErrWrongAnswer, choice, available)
	}
	if isPasswordFactor(choice) && l.password == "" {
		l.mu.Lock()
		l.firstFactor, l.need = choice, states.NeedPassword{}
		l.mu.Unlock()
		return nil
	}
	return l.answerFirstFactor(ctx, choice)
}

// answerFirstFactor answers SELECT_CHALLENGE with choice and what goes with
// it, and runs on.
func (l *Login) answerFirstFactor(ctx context.Context, choice string) error {
	resp := map[string]string{transport.ParamAnswer: choice}
	switch choice {
	case transport.ChallengePassword:
		resp[transport.ParamPassword] = l.password
		l.password = "" // sent; nothing later needs it
	case transport.ChallengePasswordSRP:
		c, err := srp.NewClient(l.cfg.Rand)
		if err != nil {
			return fmt.Errorf("engine: SRP secret: %w", err)
		}
		l.srpClient = c
		resp[transport.ParamSRPA] = c.SRPA()
	}
	l.mu.Lock()
	l.firstFactor = choice
	l.mu.Unlock()
	return l.respondAndRun(ctx, transport.ChallengeSelectChallenge, resp)
}

// answerSignInCode answers a sign-in code challenge.
func (l *Login) answerSignInCode(ctx context.Context, st states.State, code string, wrong error) error {
	if code == "" {
		return wrong
	}
	var challenge, key string
	switch st {
	case states.SignInEmailCode:
		challenge, key = transport.ChallengeEmailOTP, transport.ParamEmailOTPCode
	case states.SignInSMSCode:
		challenge, key = transport.ChallengeSMSOTP, transport.ParamSMSOTPCode
	default:
		return wrong
	}
	return l.respondWithDevice(ctx, challenge, map[string]string{key: code})
}

// challengeEvent returns the event and state of a challenge Cognito sent:
// the name of the first factor a USER_AUTH login chose or preferred, right
// after choosing, is that factor's (EMAIL_OTP: the sign-in code); anything
// else is as states.ForChallenge says (EMAIL_OTP: e-mail MFA).
func (l *Login) challengeEvent(name string) (states.Event, states.State, bool) {
	l.mu.RLock()
	st, ff := states.State(l.machine.Current()), l.firstFactor
	l.mu.RUnlock()
	if l.flow == transport.FlowUserAuth && ff == name && (st == states.Init || st == states.SelectChallenge) {
		return states.ForFirstFactor(name)
	}
	return states.ForChallenge(name)
}
