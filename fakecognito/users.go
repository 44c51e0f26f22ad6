package fakecognito

import (
	"crypto/subtle"
	"maps"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/gocognito/gocognito/srp"
	"github.com/gocognito/gocognito/transport"
)

// This file holds what the admin and self-service operations share: the
// password policy, password verifiers, attribute rules and the shapes users
// are described in.

// symbols are the characters Cognito's password policy counts as symbols.
const symbols = "^$*.[]{}()?\"!@#%&/\\,><':;|_~`=+- "

// maxPasswordLen is Cognito's limit on passwords.
const maxPasswordLen = 256

// checkPolicy returns InvalidPasswordException with Cognito's message for
// the first rule pw breaks.
func checkPolicy(pp transport.PasswordPolicy, pw string) error {
	var upper, lower, num, sym bool
	for _, r := range pw {
		switch {
		case unicode.IsUpper(r):
			upper = true
		case unicode.IsLower(r):
			lower = true
		case unicode.IsDigit(r):
			num = true
		case strings.ContainsRune(symbols, r):
			sym = true
		}
	}
	fail := func(why string) error {
		return cognitoErr("InvalidPasswordException", "Password did not conform with policy: "+why)
	}
	switch {
	case len([]rune(pw)) < int(pp.MinimumLength):
		return fail("Password not long enough")
	case len(pw) > maxPasswordLen:
		return fail("Password is too long")
	case pp.RequireLowercase && !lower:
		return fail("Password must have lowercase characters")
	case pp.RequireUppercase && !upper:
		return fail("Password must have uppercase characters")
	case pp.RequireNumbers && !num:
		return fail("Password must have numeric characters")
	case pp.RequireSymbols && !sym:
		return fail("Password must have symbol characters")
	}
	return nil
}

// passwordPattern is the pattern of Cognito's Password type: no white
// space at either end, at least two characters, no line break inside.
var passwordPattern = regexp.MustCompile(`^[\S]+.*[\S]+$`)

// checkPasswordPattern refuses a password that does not match Cognito's
// Password type, with the API's validation message for member (the input
// field's name as the API spells it: "password", "proposedPassword",
// "temporaryPassword"). The API checks it before anything else, so a
// password with a leading or trailing space never reaches the policy.
func checkPasswordPattern(member, pw string) error {
	if passwordPattern.MatchString(pw) {
		return nil
	}
	return invalidParam("1 validation error detected: Value at '%s' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[\\S]+.*[\\S]+$", member)
}

// newVerifier makes the SRP verifier of a password with a fresh salt.
// It does modular exponentiation: call it without the lock.
func (f *Fake) newVerifier(poolID, username, password string) (*srp.Verifier, error) {
	poolName, err := srp.PoolName(poolID)
	if err != nil {
		return nil, internalError(err)
	}
	v, err := srp.NewPasswordVerifier(poolName, username, password, f.rand)
	if err != nil {
		return nil, internalError(err)
	}
	return &v, nil
}

// passwordMatches recomputes the verifier of password with stored's salt
// and compares in constant time. Without the lock.
func passwordMatches(poolID, username, password string, stored *srp.Verifier) bool {
	if stored == nil || password == "" || len(password) > maxPasswordLen {
		return false
	}
	poolName, err := srp.PoolName(poolID)
	if err != nil {
		return false
	}
	v, err := srp.PasswordVerifierWithSalt(poolName, username, password, stored.SaltHex)
	if err != nil {
		return false
	}
	return v.Equal(*stored)
}

// sameVerifier reports whether two stored passwords are the same (nil
// only equals nil).
func sameVerifier(a, b *srp.Verifier) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Equal(*b)
}

// passwordPlan is a password change worked out without the lock: the new
// verifier, checked against the policy and the history.
type passwordPlan struct {
	username, sub string
	verifier      *srp.Verifier
}

// userSnapshot is what password work needs from a user, copied under the
// lock.
type userSnapshot struct {
	poolID, username, sub string
	current               *srp.Verifier
	history               []srp.Verifier
	policy                transport.PasswordPolicy
}

func snapshotUser(p *pool, u *user) userSnapshot {
	s := userSnapshot{poolID: p.ID, username: u.Username, sub: u.Sub, history: slices.Clone(u.History), policy: p.passwordPolicy()}
	if u.Password != nil {
		cur := *u.Password
		s.current = &cur
	}
	return s
}

// planPassword checks pw against the policy and the password history and
// computes its verifier. Without the lock.
func (f *Fake) planPassword(s userSnapshot, pw string) (passwordPlan, error) {
	if err := checkPolicy(s.policy, pw); err != nil {
		return passwordPlan{}, err
	}
	if n := int(s.policy.PasswordHistorySize); n > 0 {
		recent := s.history
		if s.current != nil {
			recent = append([]srp.Verifier{*s.current}, recent...)
		}
		if len(recent) > n {
			recent = recent[:n]
		}
		for i := range recent {
			if passwordMatches(s.poolID, s.username, pw, &recent[i]) {
				return passwordPlan{}, cognitoErr("PasswordHistoryPolicyViolationException",
					"The password you entered has been used recently. Please choose a different password.")
			}
		}
	}
	v, err := f.newVerifier(s.poolID, s.username, pw)
	if err != nil {
		return passwordPlan{}, err
	}
	return passwordPlan{username: s.username, sub: s.sub, verifier: v}, nil
}

// applyPassword stores a planned password under the lock, keeping the old
// one in the history. It fails if the user changed identity meanwhile.
func (f *Fake) applyPassword(p *pool, u *user, plan passwordPlan, temporary bool) error {
	if u.Sub != plan.sub {
		return userNotFound()
	}
	if u.Password != nil {
		u.History = append([]srp.Verifier{*u.Password}, u.History...)
		if len(u.History) > 24 {
			u.History = u.History[:24]
		}
	}
	u.Password = plan.verifier
	u.TempUntil = time.Time{}
	if temporary {
		u.TempUntil = f.clock().Add(time.Duration(p.passwordPolicy().TemporaryPasswordValidityDays) * 24 * time.Hour)
	}
	u.Modified = f.clock()
	return nil
}

// maxAttrValueLen is Cognito's limit on an attribute value.
const maxAttrValueLen = 2048

// checkAttrs validates attributes a caller wants to set. admin callers may
// set the *_verified flags; creating allows immutable attributes.
func (p *pool) checkAttrs(attrs []transport.AttributeType, admin, creating bool) error {
	for _, a := range attrs {
		if err := p.checkAttrName(a.Name); err != nil {
			return err
		}
		if len(a.Value) > maxAttrValueLen {
			return invalidParam("Attributes did not conform to the schema: %s: String must be no longer than 2048 characters", a.Name)
		}
		switch a.Name {
		case "sub":
			return invalidParam("Attributes did not conform to the schema: sub: Attribute cannot be updated.")
		case "email_verified", "phone_number_verified":
			if !admin {
				return invalidParam("Cannot modify the attribute %s.", a.Name)
			}
			if a.Value != "true" && a.Value != "false" {
				return invalidParam("Invalid value for %s: must be true or false.", a.Name)
			}
		case "email":
			if a.Value != "" && !validEmail(a.Value) {
				return invalidParam("Invalid email address format.")
			}
		case "phone_number":
			if a.Value != "" && !validPhone(a.Value) {
				return invalidParam("Invalid phone number format.")
			}
		}
		if s, ok := p.schemaAttr(a.Name); ok && !creating && s.Mutable != nil && !*s.Mutable {
			return invalidParam("Attributes did not conform to the schema: %s: Attribute cannot be updated.", a.Name)
		}
	}
	return nil
}

// checkAttrName refuses attributes the pool's schema does not know.
func (p *pool) checkAttrName(name string) error {
	if standardAttributes[name] {
		return nil
	}
	if _, ok := p.schemaAttr(name); ok {
		return nil
	}
	return invalidParam("Attributes did not conform to the schema: Type for attribute {%s} could not be determined", name)
}

// checkRequired refuses a new user without the pool's required attributes.
func (p *pool) checkRequired(attrs map[string]string) error {
	for _, s := range p.Schema {
		if s.Required && attrs[s.Name] == "" {
			return invalidParam("Attributes did not conform to the schema: %s: The attribute is required", s.Name)
		}
	}
	return nil
}

func validEmail(s string) bool {
	local, domain, ok := strings.Cut(s, "@")
	return ok && local != "" && domain != "" && !strings.ContainsAny(s, " \t\r\n") && !strings.Contains(domain, "@")
}

func validPhone(s string) bool {
	if len(s) < 3 || len(s) > 20 || s[0] != '+' {
		return false
	}
	for _, c := range s[1:] {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// attrList returns a user's attributes sorted by name, sub first, keeping
// only names if names is non-empty.
func attrList(attrs map[string]string, names []string) []transport.AttributeType {
	keys := slices.Sorted(maps.Keys(attrs))
	out := make([]transport.AttributeType, 0, len(keys))
	if v, ok := attrs["sub"]; ok && (len(names) == 0 || slices.Contains(names, "sub")) {
		out = append(out, transport.Attr("sub", v))
	}
	for _, k := range keys {
		if k == "sub" || len(names) > 0 && !slices.Contains(names, k) {
			continue
		}
		out = append(out, transport.Attr(k, attrs[k]))
	}
	return out
}

// describeUser returns a user as ListUsers shows it.
func describeUser(u *user, names []string) transport.User {
	return transport.User{
		Username:             u.Username,
		Attributes:           attrList(u.Attrs, names),
		UserCreateDate:       transport.NewTime(u.Created),
		UserLastModifiedDate: transport.NewTime(u.Modified),
		Enabled:              u.Enabled,
		UserStatus:           u.Status,
		MFAOptions:           u.mfaOptions(),
	}
}

// mfaOptions returns the legacy MFAOptions: SMS when SMS MFA is on.
func (u *user) mfaOptions() []transport.MFAOption {
	if !u.MFA.SMS {
		return nil
	}
	return []transport.MFAOption{{DeliveryMedium: mediumSMS, AttributeName: "phone_number"}}
}

// mfaSettingList returns the user's enabled MFA kinds, and the preferred.
func (u *user) mfaSettingList() ([]string, string) {
	var list []string
	if u.MFA.SMS {
		list = append(list, transport.MFASMS)
	}
	if u.MFA.TOTP {
		list = append(list, transport.MFASoftwareToken)
	}
	if u.MFA.Email {
		list = append(list, transport.MFAEmail)
	}
	return list, u.MFA.Preferred
}

// userLocked finds a user of a pool by the name an administrator gives:
// the user name, a sign-in alias or, as the API reference allows ("must be
// the sub of a local user" when not an alias), the user's sub. Sign-in does
// not take the sub (findUser).
func (f *Fake) userLocked(poolID, username string) (*pool, *user, error) {
	p, err := f.poolLocked(poolID)
	if err != nil {
		return nil, nil, err
	}
	if username == "" {
		return nil, nil, missingParam("Username")
	}
	u := p.findUser(username)
	if u == nil {
		u = p.bySub[username]
		p.trk.markUser(p, u)
	}
	if u == nil {
		return nil, nil, userNotFound()
	}
	return p, u, nil
}

// uniqueLocked refuses attribute values another user already signs in
// with: an e-mail address or phone number used as a user name.
func (p *pool) uniqueLocked(self *user, attrs map[string]string) error {
	if !p.usesUsernameAttributes() {
		return nil
	}
	for _, a := range p.UsernameAttributes {
		v := attrs[a]
		if v == "" {
			continue
		}
		if other := p.findByAttr(a, v); other != nil && other != self {
			what := "email"
			if a == "phone_number" {
				what = "phone_number"
			}
			return cognitoErr("AliasExistsException", "An account with the given "+what+" already exists.")
		}
	}
	return nil
}

// claimAliasLocked makes value of attr (a verified e-mail address or phone
// number) sign in only u: another user that used it as a verified alias
// loses it when force is set, or the call fails with AliasExistsException.
func (p *pool) claimAliasLocked(u *user, attr string, force bool) error {
	if p.usesUsernameAttributes() || !slices.Contains(p.AliasAttributes, attr) {
		return nil
	}
	value := strings.ToLower(u.Attrs[attr])
	for _, other := range p.Users {
		if other == u || strings.ToLower(other.Attrs[attr]) != value || other.Attrs[attr+"_verified"] != "true" {
			continue
		}
		if !force {
			return cognitoErr("AliasExistsException", "An account with the "+attr+" already exists.")
		}
		other.Attrs[attr+"_verified"] = "false"
		p.trk.markUser(p, other)
	}
	return nil
}

// constantEqual compares two codes in constant time.
func constantEqual(a, b string) bool {
	return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1
}
