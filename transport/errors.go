package transport

import (
	"errors"
	"fmt"
)

// Sentinel kinds of Cognito error. An *Error matches the kind named by its
// Code with errors.Is, whichever transport produced it:
//
//	if errors.Is(err, transport.ErrNotAuthorized) { ... }
//
// Each sentinel's Error text is the Cognito exception name.
var (
	ErrAliasExists              error = Kind("AliasExistsException")
	ErrCodeDeliveryFailure      error = Kind("CodeDeliveryFailureException")
	ErrCodeMismatch             error = Kind("CodeMismatchException")
	ErrConcurrentModification   error = Kind("ConcurrentModificationException")
	ErrEnableSoftwareTokenMFA   error = Kind("EnableSoftwareTokenMFAException")
	ErrExpiredCode              error = Kind("ExpiredCodeException")
	ErrFeatureUnavailableInTier error = Kind("FeatureUnavailableInTierException")
	ErrForbidden                error = Kind("ForbiddenException")
	ErrGroupExists              error = Kind("GroupExistsException")
	ErrInternal                 error = Kind("InternalErrorException")
	ErrInvalidLambdaResponse    error = Kind("InvalidLambdaResponseException")
	ErrInvalidParameter         error = Kind("InvalidParameterException")
	ErrInvalidPassword          error = Kind("InvalidPasswordException")
	ErrInvalidUserPoolConfig    error = Kind("InvalidUserPoolConfigurationException")
	ErrLimitExceeded            error = Kind("LimitExceededException")
	ErrMFAMethodNotFound        error = Kind("MFAMethodNotFoundException")
	ErrNotAuthorized            error = Kind("NotAuthorizedException")
	ErrPasswordHistoryViolation error = Kind("PasswordHistoryPolicyViolationException")
	ErrPasswordResetRequired    error = Kind("PasswordResetRequiredException")
	ErrRefreshTokenReuse        error = Kind("RefreshTokenReuseException")
	ErrResourceNotFound         error = Kind("ResourceNotFoundException")
	ErrSoftwareTokenMFANotFound error = Kind("SoftwareTokenMFANotFoundException")
	ErrTooManyFailedAttempts    error = Kind("TooManyFailedAttemptsException")
	ErrTooManyRequests          error = Kind("TooManyRequestsException")
	ErrUnexpectedLambda         error = Kind("UnexpectedLambdaException")
	ErrUnsupportedOperation     error = Kind("UnsupportedOperationException")
	ErrUnsupportedTokenType     error = Kind("UnsupportedTokenTypeException")
	ErrUnsupportedUserState     error = Kind("UnsupportedUserStateException")
	ErrUserLambdaValidation     error = Kind("UserLambdaValidationException")
	ErrUsernameExists           error = Kind("UsernameExistsException")
	ErrUserNotConfirmed         error = Kind("UserNotConfirmedException")
	ErrUserNotFound             error = Kind("UserNotFoundException")
	ErrUserPoolAddOnNotEnabled  error = Kind("UserPoolAddOnNotEnabledException")

	// The refusals of passkey registration (CompleteWebAuthnRegistration,
	// StartWebAuthnRegistration).
	ErrWebAuthnChallengeNotFound      error = Kind("WebAuthnChallengeNotFoundException")
	ErrWebAuthnClientMismatch         error = Kind("WebAuthnClientMismatchException")
	ErrWebAuthnConfigurationMissing   error = Kind("WebAuthnConfigurationMissingException")
	ErrWebAuthnCredentialNotSupported error = Kind("WebAuthnCredentialNotSupportedException")
	ErrWebAuthnNotEnabled             error = Kind("WebAuthnNotEnabledException")
	ErrWebAuthnOriginNotAllowed       error = Kind("WebAuthnOriginNotAllowedException")
	ErrWebAuthnRelyingPartyMismatch   error = Kind("WebAuthnRelyingPartyMismatchException")

	// Errors of the wire protocol rather than of Cognito's model.
	ErrSerialization    error = Kind("SerializationException")
	ErrUnknownOperation error = Kind("UnknownOperationException")
)

// Kind is a Cognito error code used as a sentinel: an *Error with the same
// Code matches it with errors.Is.
type Kind string

func (k Kind) Error() string { return string(k) }

// Error is an error returned by Cognito, or by something that behaves like it.
// Every transport returns its service errors as *Error so that callers branch
// on Code (or errors.Is with a sentinel) without knowing which one ran.
type Error struct {
	Code       string // exception name, e.g. "NotAuthorizedException"
	Message    string // Cognito's message, e.g. "Incorrect username or password."
	StatusCode int    // HTTP status, 400 for most client errors
	RequestID  string // x-amzn-RequestId, when known
	Err        error  // the underlying cause, when one exists (for example the SDK's error)
}

// NewError returns an *Error with the given code and message and the status
// Cognito uses for that code.
func NewError(code, message string) *Error {
	return &Error{Code: code, Message: message, StatusCode: StatusFor(code)}
}

// Errorf is NewError with a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return NewError(code, fmt.Sprintf(format, args...))
}

func (e *Error) Error() string {
	s := "cognito: " + e.Code
	if e.Message != "" {
		s += ": " + e.Message
	}
	if e.Err != nil {
		// The cause, for logs and wrapped errors; the wire carries only
		// Code and Message.
		s += ": " + e.Err.Error()
	}
	return s
}

// Is reports whether target is the Kind of this error's code.
func (e *Error) Is(target error) bool {
	k, ok := target.(Kind)
	return ok && string(k) == e.Code
}

// Unwrap returns the underlying cause, if any.
func (e *Error) Unwrap() error { return e.Err }

// Code returns the Cognito error code of err, or "" if err holds no *Error.
func Code(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}

// StatusFor returns the HTTP status Cognito answers with for an error code:
// 500 for internal errors, 403 for ForbiddenException (a WAF block) and 400
// for the rest, NotAuthorized and TooManyRequests included, as real Cognito
// does.
func StatusFor(code string) int {
	switch code {
	case "InternalErrorException", "InternalServerException":
		return 500
	case "ForbiddenException":
		return 403
	default:
		return 400
	}
}
