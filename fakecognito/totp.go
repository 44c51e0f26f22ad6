package fakecognito

import (
	"encoding/base32"
	"strings"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/hotp"
)

// TOTP as Cognito runs it: RFC 6238 with SHA-1, six digits, 30-second
// steps, one step of clock skew either way, and no code accepted twice.
const (
	totpPeriod      = 30
	totpSkew        = 1
	totpSecretBytes = 32 // 52 base32 characters, the length of Cognito's SecretCode
)

var totpOpts = hotp.ValidateOpts{Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1}

// newTOTPSecret returns a fresh secret in unpadded base32.
func (f *Fake) newTOTPSecret() (string, error) {
	b := make([]byte, totpSecretBytes)
	if err := f.readRand(b); err != nil {
		return "", err
	}
	return base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b), nil
}

// totpResult is the outcome of checking a TOTP code.
type totpResult int

const (
	totpWrong  totpResult = iota // no step in the window has this code
	totpReused                   // the code is right but its step was already used
	totpOK
)

// checkTOTP checks code against secret at now, within one step of skew,
// refusing steps at or before lastStep. On success it returns the step to
// remember, so that the same code cannot be used again.
func checkTOTP(secret, code string, now time.Time, lastStep int64) (totpResult, int64) {
	if len(code) != 6 {
		return totpWrong, 0
	}
	cur := now.Unix() / totpPeriod
	result, step := totpWrong, int64(0)
	for s := cur - totpSkew; s <= cur+totpSkew; s++ {
		if s < 0 {
			continue
		}
		want, err := hotp.GenerateCodeCustom(secret, uint64(s), totpOpts)
		if err != nil {
			return totpWrong, 0
		}
		if !constantEqual(want, code) {
			continue
		}
		if s <= lastStep {
			if result == totpWrong {
				result = totpReused
			}
			continue
		}
		result, step = totpOK, s
	}
	return result, step
}

// TOTPCode returns the code an authenticator app shows for secret at t: a
// helper for tests that answer SOFTWARE_TOKEN_MFA challenges or call
// VerifySoftwareToken. Like authenticator apps it takes the secret in
// either case, with or without '=' padding.
func TOTPCode(secret string, t time.Time) (string, error) {
	return hotp.GenerateCodeCustom(normalizeTOTPSecret(secret), uint64(t.Unix()/totpPeriod), totpOpts)
}

// minTOTPSecretBytes is the shortest secret SetUserTOTPSecret takes: RFC
// 4226's minimum of 128 bits.
const minTOTPSecretBytes = 16

// SetUserTOTPSecret gives a user a verified authenticator-app secret
// (base32, as AssociateSoftwareToken hands them out), as if the user had
// enrolled an app with AssociateSoftwareToken and VerifySoftwareToken. It
// is a test control with no Cognito equivalent: a test (or a seed file of
// `gocognito serve`) that knows the secret computes the codes with
// TOTPCode. Like VerifySoftwareToken outside a login it does not turn TOTP
// MFA on: AdminSetUserMFAPreference does.
func (f *Fake) SetUserTOTPSecret(poolID, username, secret string) error {
	secret = normalizeTOTPSecret(secret)
	b, err := base32.StdEncoding.WithPadding(base32.NoPadding).DecodeString(secret)
	if err != nil || len(b) < minTOTPSecretBytes {
		return invalidParam("TOTP secret must be base32 of at least %d bytes", minTOTPSecretBytes)
	}
	f.lockW()
	_, u, err := f.userLocked(poolID, username)
	if err == nil {
		u.MFA.TOTPSecret, u.MFA.PendingTOTP, u.MFA.TOTPLastStep = secret, "", 0
		u.Modified = f.clock()
	}
	f.unlockW()
	if err != nil {
		return err
	}
	// A test control answers like an operation: once the change is durable.
	return f.awaitDurable()
}

// normalizeTOTPSecret writes a base32 secret as Cognito does: upper case,
// without padding.
func normalizeTOTPSecret(s string) string { return strings.ToUpper(strings.TrimRight(s, "=")) }
