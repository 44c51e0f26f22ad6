package srp

import "errors"

// Sentinel errors. Every error this package returns matches one of them with
// errors.Is. Errors about a particular input are *InputError values that name
// the input and wrap one of these.
var (
	// ErrEmpty: a required input is the empty string.
	ErrEmpty = errors.New("srp: empty value")
	// ErrTooLong: an input is longer than anything Cognito sends or accepts;
	// the bound keeps hostile input from costing unbounded work.
	ErrTooLong = errors.New("srp: value too long")
	// ErrInvalidHex: an input that must be hexadecimal is not.
	ErrInvalidHex = errors.New("srp: invalid hex")
	// ErrInvalidBase64: an input that must be standard, padded base64 is not.
	ErrInvalidBase64 = errors.New("srp: invalid base64")
	// ErrOutOfRange: a number is outside the range its role allows (a
	// verifier not in [2, N), a server secret of zero or over 1024 bits).
	ErrOutOfRange = errors.New("srp: value out of range")
	// ErrIllegalPublicValue: SRP_A or SRP_B is 0 mod N. Accepting it would
	// let the peer fix the session key without knowing the password.
	ErrIllegalPublicValue = errors.New("srp: public value is 0 mod N")
	// ErrZeroU: u = H(PAD(A) || PAD(B)) is zero; SRP-6a requires aborting.
	ErrZeroU = errors.New("srp: scrambling parameter u is zero")
	// ErrMalformedPoolID: a user pool id is not "<region>_<name>".
	ErrMalformedPoolID = errors.New("srp: malformed user pool id")
	// ErrMalformedTimestamp: a TIMESTAMP is not exactly what FormatTimestamp
	// produces (real Cognito rejects "Sep 05" and wrong weekdays).
	ErrMalformedTimestamp = errors.New("srp: malformed timestamp")
	// ErrBadSignature: a PASSWORD_CLAIM_SIGNATURE does not match, or is not
	// the base64 of 32 bytes. Cognito answers both with "Incorrect username or
	// password."
	ErrBadSignature = errors.New("srp: signature does not match")
	// ErrRandomness: the random source failed or kept yielding unusable
	// secrets.
	ErrRandomness = errors.New("srp: random source failed")
)

// InputError reports which input was rejected and why. Param is the
// Cognito parameter name where there is one (SRP_B, SALT, SECRET_BLOCK, ...),
// so that a server can answer InvalidParameterException naming it. The
// offending value is included only where it cannot be a secret (a user pool
// id), in Detail.
type InputError struct {
	Param  string
	Err    error  // one of the sentinels above
	Detail string // the value and the form expected, when that is no secret
}

func (e *InputError) Error() string {
	if e.Detail != "" {
		return e.Err.Error() + ": " + e.Param + " " + e.Detail
	}
	return e.Err.Error() + ": " + e.Param
}

func (e *InputError) Unwrap() error { return e.Err }

func inputErr(param string, err error) error { return &InputError{Param: param, Err: err} }
