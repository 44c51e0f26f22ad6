package account

import (
	"fmt"
	"time"

	"github.com/gocognito/gocognito/internal/jwtpeek"
	"github.com/gocognito/gocognito/tokens"
)

// peeked is what a Session reads from its tokens without verifying them.
type peeked struct {
	Username  string    // cognito:username (ID token) or username (access token)
	DeviceKey string    // device_key (access token)
	Email     string    // email (ID token)
	Expiry    time.Time // exp
}

// peek reads a JWT's claims without checking its signature
// (internal/jwtpeek). A Session uses it only to learn what to send Cognito
// on refresh (the username for SECRET_HASH, device_key for DEVICE_KEY),
// which Cognito checks anyway, and when stored tokens expire; anything that
// trusts a claim must use Session.Claims, which verifies. Errors match
// tokens.ErrMalformed.
func peek(token string) (*peeked, error) {
	c, err := jwtpeek.Claims(token)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", tokens.ErrMalformed, err)
	}
	exp, err := jwtpeek.Time(c, "exp")
	if err != nil {
		return nil, fmt.Errorf("%w: %w", tokens.ErrMalformed, err)
	}
	p := &peeked{
		Username:  jwtpeek.String(c, "cognito:username"),
		DeviceKey: jwtpeek.String(c, "device_key"),
		Email:     jwtpeek.String(c, "email"),
		Expiry:    exp,
	}
	if p.Username == "" {
		p.Username = jwtpeek.String(c, "username")
	}
	return p, nil
}
