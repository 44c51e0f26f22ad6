package engine

import (
	"context"

	"github.com/gocognito/gocognito/states"
)

// Authenticate logs in with one call, for the common case where no step
// needs the user beyond the password: USER_SRP_AUTH, devices, and tokens.
// When a step does (an MFA code, a new password, ...), it returns a
// *ChallengeError carrying the paused Login; Submit the answer to it and
// call its Result:
//
//	res, err := engine.Authenticate(ctx, cfg, creds)
//	var ce *engine.ChallengeError
//	if errors.As(err, &ce) {
//		err = ce.Login.Submit(ctx, engine.MFACode(askUser(ce.Need)))
//		...
//	}
func Authenticate(ctx context.Context, cfg Config, c Credentials) (*Result, error) {
	l, err := Start(ctx, cfg, c)
	if err != nil {
		return nil, err
	}
	if st := l.State(); st != states.Done {
		return nil, &ChallengeError{State: st, Need: l.Need(), Login: l}
	}
	return l.Result()
}
