package engine

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/gocognito/gocognito/states"
	"github.com/gocognito/gocognito/transport"
)

// MFA_SETUP: which kinds a user can set up, the choice among them, and the
// e-mail address answer. TOTP's own steps (AssociateSoftwareToken,
// VerifySoftwareToken) live with the other steps in steps.go.

// setupOptions returns the kinds of MFA the user can set up in an
// MFA_SETUP challenge: among those Cognito offers, e-mail always and TOTP
// when a transport.MFASetup is at hand. It refuses a challenge that leaves
// nothing to set up.
func (l *Login) setupOptions(params map[string]string) ([]string, error) {
	return setupOptionsFor(l.cfg, params)
}

func setupOptionsFor(set *settings, params map[string]string) ([]string, error) {
	var out []string
	for _, k := range states.MFASetupOptions(params) {
		if k == transport.MFASoftwareToken && set.mfaSetup == nil {
			continue
		}
		out = append(out, k)
	}
	if len(out) == 0 {
		offered := params[transport.ParamMFAsCanSetup]
		if set.mfaSetup == nil && strings.Contains(offered, transport.MFASoftwareToken) {
			return nil, fmt.Errorf("%w: MFA_SETUP needs Config.MFASetup or a Transport implementing transport.MFASetup", ErrUnsupportedChallenge)
		}
		return nil, fmt.Errorf("%w: MFA_SETUP offers %s; the engine sets up SOFTWARE_TOKEN_MFA and EMAIL_OTP", ErrUnsupportedChallenge, offered)
	}
	return out, nil
}

// startSetup is where an MFA_SETUP begins: with the one kind offered
// already chosen, or with the choice to make.
func startSetup(options []string) (choice string, need states.Need) {
	need = states.SetupNeed(options)
	if len(options) == 1 {
		choice = options[0]
	}
	return choice, need
}

// setupNeedFor is what a resumed MFA_SETUP needs, given what was chosen.
func setupNeedFor(choice string, options []string) states.Need {
	switch choice {
	case transport.MFASoftwareToken:
		return states.NeedTOTPSetup{}
	case transport.MFAEmail:
		return states.NeedEmailSetup{}
	}
	return states.SetupNeed(options)
}

// answerSetupChoice takes the kind of MFA the user chose to set up: TOTP
// asks Cognito for a secret (AssociateSoftwareToken) to show, e-mail asks
// the user for an address. Until a TOTP code is verified the user may
// change its mind.
func (l *Login) answerSetupChoice(ctx context.Context, choice string, wrong error) error {
	options, err := l.setupOptions(l.params)
	if err != nil {
		return err
	}
	l.mu.RLock()
	verified := l.totpVerified
	l.mu.RUnlock()
	if verified {
		return fmt.Errorf("%w: the TOTP code was already verified: submit TOTPSetupCode to finish", wrong)
	}
	if !slices.Contains(options, choice) {
		return fmt.Errorf("%w: %q is not among %v", wrong, choice, options)
	}
	if choice == transport.MFAEmail {
		l.mu.Lock()
		l.setupChoice, l.need, l.totpSecret, l.totpPending = choice, states.NeedEmailSetup{}, "", false
		l.mu.Unlock()
		return nil
	}
	return l.beginTOTPSetup(ctx, choice)
}

// answerEmailSetup answers MFA_SETUP with the address that is to receive
// e-mail MFA codes; Cognito sends one there and asks for it (EMAIL_OTP).
func (l *Login) answerEmailSetup(ctx context.Context, address string, wrong error) error {
	l.mu.RLock()
	choice := l.setupChoice
	l.mu.RUnlock()
	if choice != transport.MFAEmail || strings.TrimSpace(address) == "" {
		return wrong
	}
	return l.respondAndRun(ctx, transport.ChallengeMFASetup, map[string]string{transport.ParamEmail: address})
}
