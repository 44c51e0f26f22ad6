package fakecognito

import (
	"slices"
	"time"

	"github.com/gocognito/gocognito/transport"
)

// Lifetimes of the codes the fake sends, as Cognito documents them.
const (
	signUpCodeTTL = 24 * time.Hour
	forgotCodeTTL = time.Hour
	verifyCodeTTL = 24 * time.Hour
	mfaCodeTTL    = 3 * time.Minute
)

// maxCodeFailures is how many wrong guesses a code survives; the next one
// destroys it.
const maxCodeFailures = 5

// codeKey is where a user keeps a code for a purpose (and attribute).
func codeKey(purpose, attr string) string {
	if attr == "" {
		return purpose
	}
	return purpose + ":" + attr
}

// issueCodeLocked makes a code for u, remembers it and "sends" it by
// medium to the matching attribute. The caller holds f.mu for writing.
func (f *Fake) issueCodeLocked(p *pool, u *user, purpose, attr, medium string, ttl time.Duration) (*transport.CodeDeliveryDetails, error) {
	c, err := f.newCode()
	if err != nil {
		return nil, err
	}
	if u.Codes == nil {
		u.Codes = make(map[string]*code)
	}
	u.Codes[codeKey(purpose, attr)] = &code{Value: c, Expires: f.clock().Add(ttl), Attr: attr}
	f.send(p, u, medium, purpose, c)
	return delivery(u, medium), nil
}

// delivery describes where a message to u by medium went.
func delivery(u *user, medium string) *transport.CodeDeliveryDetails {
	attr := "email"
	if medium == mediumSMS {
		attr = "phone_number"
	}
	return &transport.CodeDeliveryDetails{
		Destination: mask(medium, u.Attrs[attr]), DeliveryMedium: medium, AttributeName: attr,
	}
}

// checkCodeLocked consumes a correct code, counts a wrong one and refuses
// an expired one, with Cognito's errors.
func (f *Fake) checkCodeLocked(u *user, key, given string) error {
	c := u.Codes[key]
	switch {
	case c == nil || given == "":
		return cognitoErr("CodeMismatchException", msgVerificationMismatch)
	case f.clock().After(c.Expires):
		delete(u.Codes, key)
		return cognitoErr("ExpiredCodeException", msgCodeExpired)
	case !constantEqual(c.Value, given):
		c.Failures++
		if c.Failures >= maxCodeFailures {
			delete(u.Codes, key)
			return cognitoErr("LimitExceededException", msgAttemptLimit)
		}
		return cognitoErr("CodeMismatchException", msgVerificationMismatch)
	}
	delete(u.Codes, key)
	return nil
}

// signUpMedium picks where a sign-up confirmation code goes: the phone if
// the pool auto-verifies phone numbers and the user has one, else the
// e-mail address likewise; "" when the pool verifies nothing.
func signUpMedium(p *pool, u *user) string {
	auto := p.Settings.AutoVerifiedAttributes
	switch {
	case slices.Contains(auto, "phone_number") && u.Attrs["phone_number"] != "":
		return mediumSMS
	case slices.Contains(auto, "email") && u.Attrs["email"] != "":
		return mediumEmail
	}
	return ""
}

// recoveryMedium picks where a forgot-password code goes, following the
// pool's AccountRecoverySetting, or Cognito's legacy order (verified phone,
// then verified e-mail) without one. "" means nowhere.
func recoveryMedium(p *pool, u *user) string {
	phone := u.Attrs["phone_number"] != "" && u.Attrs["phone_number_verified"] == "true"
	email := u.Attrs["email"] != "" && u.Attrs["email_verified"] == "true"
	if rs := p.Settings.AccountRecoverySetting; rs != nil && len(rs.RecoveryMechanisms) > 0 {
		opts := slices.Clone(rs.RecoveryMechanisms)
		slices.SortFunc(opts, func(a, b transport.RecoveryOption) int { return int(a.Priority) - int(b.Priority) })
		for _, o := range opts {
			switch {
			case o.Name == "verified_phone_number" && phone:
				return mediumSMS
			case o.Name == "verified_email" && email:
				return mediumEmail
			}
		}
		return ""
	}
	switch {
	case phone:
		return mediumSMS
	case email:
		return mediumEmail
	}
	return ""
}
