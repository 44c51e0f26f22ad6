package tokens

import (
	"errors"
	"fmt"
	"time"
)

// Reasons a token is refused. Verify wraps them with %w; an expired token
// gives a *ExpiredError, which also matches ErrExpired.
var (
	ErrMalformed        = errors.New("tokens: malformed token")
	ErrUnsupportedAlg   = errors.New("tokens: algorithm is not RS256")
	ErrUnknownKey       = errors.New("tokens: unknown key id")
	ErrBadKeySet        = errors.New("tokens: bad key set")
	ErrBadSignature     = errors.New("tokens: signature does not verify")
	ErrWrongIssuer      = errors.New("tokens: wrong issuer")
	ErrWrongTokenUse    = errors.New("tokens: wrong token_use")
	ErrWrongAudience    = errors.New("tokens: wrong audience or client_id")
	ErrExpired          = errors.New("tokens: token expired")
	ErrNotYetValid      = errors.New("tokens: token used before it was issued")
	ErrNoRefreshToken   = errors.New("tokens: no refresh token")
	ErrNoTokens         = errors.New("tokens: refresh returned no tokens")
	ErrMissingTransport = errors.New("tokens: no transport")
	ErrNoIssuer         = errors.New("tokens: Verifier.Issuer is empty: iss cannot be checked")
	ErrNoClientID       = errors.New("tokens: Verifier.ClientID is empty: set it, or SkipClientIDCheck to accept every client of the pool")
	// ErrRotatedNotSaved: SourceConfig.Store refused a rotated refresh
	// token. The Source keeps the token and tries again at the next refresh.
	ErrRotatedNotSaved = errors.New("tokens: rotated refresh token not saved")
)

// ExpiredError says when a token expired, so a caller can tell a stale token
// from a forged one and refresh.
type ExpiredError struct {
	Expiry time.Time
}

func (e *ExpiredError) Error() string {
	return fmt.Sprintf("tokens: token expired at %s", e.Expiry.UTC().Format(time.RFC3339))
}

// Is makes errors.Is(err, ErrExpired) hold.
func (e *ExpiredError) Is(target error) bool { return target == ErrExpired }
