package weblogin

import (
	"errors"
	"strings"

	"github.com/gocognito/gocognito/engine"
	"github.com/gocognito/gocognito/transport"
)

// Messages shown to users for errors that are not Cognito's own words.
const (
	msgCSRF         = "This form has expired or did not come from this site. Please start again."
	msgExpired      = "Your sign-in took too long and has expired. Please sign in again."
	msgUnreadable   = "Your sign-in could not be continued. Please sign in again."
	msgTooLarge     = "Your sign-in could not be kept in this browser. Please sign in again."
	msgTooManySteps = "Your sign-in took too many steps. Please sign in again."
	msgStale        = "That page was out of date. Here is the current step."
	msgSessionEnded = "You have been signed out. Please sign in again."
	msgSomething    = "Something went wrong. Please try again."
	msgTOTPRejected = "That code was not accepted. Wait for the next code in your app and try again."
)

// verdict is what the user is told about an error, and whether the login
// goes on (the same screen again) or is over (back to the start).
type verdict struct {
	Message string
	Field   string // the form field the error is about, "" for none
	Code    string // Cognito's exception name, or the engine's error
	Restart bool
}

// judge turns an error of a login step into what the user sees. over says
// whether the login is over (engine.Login in Failed, or none to resume):
// then the user goes back to the start with the reason.
func judge(err error, over bool) verdict {
	v := verdict{Message: msgSomething, Restart: over}
	var te *transport.Error
	switch {
	case errors.Is(err, engine.ErrSessionExpired):
		v.Message, v.Code, v.Restart = msgExpired, "SessionExpired", true
	case errors.Is(err, engine.ErrTampered), errors.Is(err, engine.ErrBadSnapshot),
		errors.Is(err, engine.ErrSnapshotMismatch), errors.Is(err, engine.ErrNotResumable):
		v.Message, v.Code, v.Restart = msgUnreadable, "Unreadable", true
	case errors.Is(err, ErrCookieTooLarge):
		v.Message, v.Code, v.Restart = msgTooLarge, "CookieTooLarge", true
	case errors.Is(err, engine.ErrTooManyRounds):
		v.Message, v.Code, v.Restart = msgTooManySteps, "TooManyRounds", true
	case errors.Is(err, engine.ErrMissingAttributes):
		msg := err.Error()
		missing := msg[strings.LastIndex(msg, ": ")+2:]
		v.Message, v.Code = "Please fill in: "+missing+".", "MissingAttributes"
	case errors.Is(err, engine.ErrTOTPRejected):
		v.Message, v.Code, v.Field = msgTOTPRejected, "TOTPRejected", "code"
	case errors.Is(err, engine.ErrInvalidInput) && !errors.As(err, &te):
		v.Message, v.Code = "Please fill in every field.", "InvalidInput"
	case errors.As(err, &te):
		v.Code = te.Code
		if te.Message != "" {
			v.Message = te.Message
		}
		switch {
		case errors.Is(err, transport.ErrCodeMismatch), errors.Is(err, transport.ErrExpiredCode):
			v.Field = "code"
		case errors.Is(err, transport.ErrInvalidPassword), errors.Is(err, transport.ErrPasswordHistoryViolation):
			v.Field = "new_password"
		case errors.Is(err, transport.ErrNotAuthorized) && !over:
			v.Field = "password"
		}
	}
	return v
}
