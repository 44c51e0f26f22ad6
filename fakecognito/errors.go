package fakecognito

import (
	"fmt"

	"github.com/gocognito/gocognito/transport"
)

// Messages that real Cognito sends, word for word; tests and clients match
// on some of them.
const (
	msgIncorrectCredentials = "Incorrect username or password."
	msgAttemptsExceeded     = "Password attempts exceeded"
	msgUserNotFound         = "User does not exist."
	msgUserDisabled         = "User is disabled."
	msgUserNotConfirmed     = "User is not confirmed."
	msgResetRequired        = "Password reset required for the user"
	msgUserExists           = "User already exists"
	msgSessionExpired       = "Invalid session for the user, session is expired."
	msgSessionInvalid       = "Invalid session for the user."
	msgSessionUsed          = "Invalid session for the user, session can only be used once."
	msgCodeOrState          = "Invalid code or auth state for the user."
	msgMFACodeMismatch      = "Invalid code received for user"
	msgVerificationMismatch = "Invalid verification code provided, please try again."
	msgCodeExpired          = "Invalid code provided, please request a code again."
	msgMethodNotSupported   = "Initiate Auth method not supported."
	msgInvalidAccessToken   = "Invalid Access Token"
	msgAccessTokenExpired   = "Access Token has expired"
	msgAccessTokenRevoked   = "Access Token has been revoked"
	msgInvalidRefreshToken  = "Invalid Refresh Token"
	msgRefreshTokenRevoked  = "Refresh Token has been revoked"
	msgRefreshTokenExpired  = "Refresh Token has expired"
	msgTempPasswordExpired  = "Temporary password has expired and must be reset by an administrator."
	msgAttemptLimit         = "Attempt limit exceeded, please try after some time."
)

func cognitoErr(code, msg string) error { return transport.NewError(code, msg) }

func invalidParam(format string, args ...any) error {
	return transport.Errorf("InvalidParameterException", format, args...)
}

func notAuthorized(msg string) error { return cognitoErr("NotAuthorizedException", msg) }

func userNotFound() error { return cognitoErr("UserNotFoundException", msgUserNotFound) }

func poolNotFound(id string) error {
	return transport.Errorf("ResourceNotFoundException", "User pool %s does not exist.", id)
}

func clientNotFound(id string) error {
	return transport.Errorf("ResourceNotFoundException", "User pool client %s does not exist.", id)
}

func missingParam(name string) error {
	return invalidParam("Missing required parameter %s", name)
}

// internalError reports a failure of the fake itself (its random source, a
// signing key) as Cognito's InternalErrorException, keeping the cause.
func internalError(err error) error {
	e := transport.NewError("InternalErrorException", "Internal error")
	e.Err = err
	return e
}

// srpInputError turns an error of package srp about an outside value into
// InvalidParameterException, naming the parameter but never its value.
func srpInputError(param string, err error) error {
	e := transport.NewError("InvalidParameterException", fmt.Sprintf("Invalid value for %s", param))
	e.Err = err
	return e
}
