package account

import (
	"errors"
	"fmt"
)

// Errors of the package. Errors from Cognito are wrapped with %w, so that
// errors.Is(err, transport.ErrUsernameExists) and the like hold as well.
var (
	// ErrInvalidInput: a Client, Admin or argument lacks something the call
	// needs (a transport, a client id, a user name for SECRET_HASH, ...);
	// nothing was sent.
	ErrInvalidInput = errors.New("account: invalid input")
	// ErrNoVerifier: Claims was called on a Session whose Client has no
	// Verifier.
	ErrNoVerifier = errors.New("account: no token verifier")
	// ErrNoRefreshToken: the Session's access token has expired and it has
	// no refresh token to get another.
	ErrNoRefreshToken = errors.New("account: no refresh token")
	// ErrSoftwareTokenRejected: VerifySoftwareToken answered with status
	// ERROR rather than an exception.
	ErrSoftwareTokenRejected = errors.New("account: software token not verified")
	// ErrPagination: a list did not end within maxPages pages, or Cognito
	// sent the same pagination token twice in a row.
	ErrPagination = errors.New("account: pagination did not end")
)

// wrap prefixes an error of operation op with the package name.
func wrap(op string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("account: %s: %w", op, err)
}

// invalid returns ErrInvalidInput with a reason, for operation op.
func invalid(op, format string, args ...any) error {
	return fmt.Errorf("account: %s: %w: %s", op, ErrInvalidInput, fmt.Sprintf(format, args...))
}
