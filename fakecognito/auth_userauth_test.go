package fakecognito

import (
	"bytes"
	"slices"
	"testing"
	"time"

	"github.com/gocognito/gocognito/transport"
)

// allFactors is a sign-in policy with every first factor.
var allFactors = &transport.PoolPolicies{SignInPolicy: &transport.SignInPolicy{AllowedFirstAuthFactors: []string{
	transport.FactorPassword, transport.FactorEmailOTP, transport.FactorSMSOTP, transport.FactorWebAuthn,
}}}

// userAuthFlows are a client's flows with choice-based sign-in.
var userAuthFlows = []string{transport.AllowUserAuth, transport.AllowUserSRPAuth, transport.AllowRefreshTokenAuth}

// userAuthEnv is a pool that sends e-mail and SMS and allows every first
// factor, with a client that allows USER_AUTH, and alice (a password, a
// verified e-mail address and phone number) and bob (a password, an
// unverified e-mail address, no phone).
func userAuthEnv(t *testing.T, client transport.ClientSettings) *env {
	t.Helper()
	if client.ExplicitAuthFlows == nil {
		client.ExplicitAuthFlows = userAuthFlows
	}
	e := newEnv(t, envOpts{pool: transport.CreateUserPoolInput{PoolSettings: transport.PoolSettings{
		Policies:           allFactors,
		EmailConfiguration: sesEmail(),
		SmsConfiguration:   &transport.SmsConfiguration{SnsCallerArn: "arn:aws:iam::123456789012:role/sns"},
	}}, client: client})
	e.f.MustCreateUser(e.pool.ID, "alice", testPassword,
		transport.Attr("email", "alice@example.com"), transport.Attr("phone_number", "+15555550123"))
	e.f.MustCreateUser(e.pool.ID, "bob", testPassword,
		transport.Attr("email", "bob@example.com"), transport.Attr("email_verified", "false"))
	return e
}

// userAuth sends InitiateAuth USER_AUTH for name with extra parameters.
func (e *env) userAuth(name string, extra map[string]string) (*transport.ChallengeOutput, error) {
	params := e.withHash(map[string]string{transport.ParamUsername: name}, name)
	for k, v := range extra {
		params[k] = v
	}
	return e.cog.InitiateAuth(e.ctx, &transport.InitiateAuthInput{
		AuthFlow: transport.FlowUserAuth, ClientID: e.client.ClientID, AuthParameters: params,
	})
}

// selectAnswer answers SELECT_CHALLENGE for name with ANSWER and extra.
func (e *env) selectAnswer(name, session, answer string, extra map[string]string) (*transport.ChallengeOutput, error) {
	resp := e.withHash(map[string]string{transport.ParamUsername: name, transport.ParamAnswer: answer}, name)
	for k, v := range extra {
		resp[k] = v
	}
	return e.respond(transport.ChallengeSelectChallenge, session, resp)
}

// otpAnswer answers an EMAIL_OTP or SMS_OTP challenge with code.
func (e *env) otpAnswer(name, challenge, session, code string) (*transport.ChallengeOutput, error) {
	key := transport.ParamEmailOTPCode
	if challenge == transport.ChallengeSMSOTP {
		key = transport.ParamSMSOTPCode
	}
	return e.respond(challenge, session, e.withHash(map[string]string{transport.ParamUsername: name, key: code}, name))
}

// lastSignInCode returns the last sign-in code sent to name, failing when
// the last message is anything else.
func (e *env) lastSignInCode(name string) Message {
	e.t.Helper()
	m, ok := e.f.Outbox().LastIn(e.pool.ID, name)
	if !ok || m.Purpose != PurposeSignIn || m.Code == "" {
		e.t.Fatalf("last message to %s = %+v, want a sign-in code", name, m)
	}
	return m
}

func TestSignInPolicyChecks(t *testing.T) {
	sms := &transport.SmsConfiguration{SnsCallerArn: "arn:aws:iam::123456789012:role/sns"}
	policy := func(f ...string) *transport.PoolPolicies {
		return &transport.PoolPolicies{SignInPolicy: &transport.SignInPolicy{AllowedFirstAuthFactors: f}}
	}
	for _, tc := range []struct {
		name     string
		settings transport.PoolSettings
		code     string // "" for success
	}{
		{"every factor", transport.PoolSettings{Policies: allFactors, EmailConfiguration: sesEmail(), SmsConfiguration: sms}, ""},
		{"password only in lite", transport.PoolSettings{Policies: policy("PASSWORD"), UserPoolTier: transport.TierLite}, ""},
		{"passkeys in plus", transport.PoolSettings{Policies: policy("PASSWORD", "WEB_AUTHN"), UserPoolTier: transport.TierPlus}, ""},
		{"unknown factor", transport.PoolSettings{Policies: policy("PASSWORD", "MAGIC_LINK")}, "InvalidParameterException"},
		{"password left out", transport.PoolSettings{Policies: policy("EMAIL_OTP"), EmailConfiguration: sesEmail()}, "InvalidParameterException"},
		{"codes in lite", transport.PoolSettings{Policies: policy("PASSWORD", "EMAIL_OTP"), EmailConfiguration: sesEmail(), UserPoolTier: transport.TierLite}, "FeatureUnavailableInTierException"},
		{"passkeys in lite", transport.PoolSettings{Policies: policy("PASSWORD", "WEB_AUTHN"), UserPoolTier: transport.TierLite}, "FeatureUnavailableInTierException"},
		{"e-mail codes without SES", transport.PoolSettings{Policies: policy("PASSWORD", "EMAIL_OTP")}, "InvalidParameterException"},
		{"SMS codes without SMS", transport.PoolSettings{Policies: policy("PASSWORD", "SMS_OTP")}, "InvalidParameterException"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := New(Options{Clock: newTestClock().Now})
			out, err := f.CreateUserPool(t.Context(), &transport.CreateUserPoolInput{PoolName: "p", PoolSettings: tc.settings})
			if tc.code != "" {
				wantErr(t, err, tc.code, "")
			} else if err != nil {
				t.Fatal(err)
			} else if got := out.UserPool.Policies.SignInPolicy.AllowedFirstAuthFactors; !slices.Equal(got, tc.settings.Policies.SignInPolicy.AllowedFirstAuthFactors) {
				t.Fatalf("AllowedFirstAuthFactors = %v", got)
			}
			// UpdateUserPool checks the same.
			p := f.MustCreatePool(transport.CreateUserPoolInput{PoolName: "q"})
			_, err = f.UpdateUserPool(t.Context(), &transport.UpdateUserPoolInput{UserPoolID: p.ID, PoolSettings: tc.settings})
			if tc.code != "" {
				wantErr(t, err, tc.code, "")
			} else if err != nil {
				t.Fatal(err)
			}
		})
	}
}

func TestWebAuthnConfiguration(t *testing.T) {
	for _, tc := range []struct {
		name string
		tier string
		in   *transport.WebAuthnConfiguration
		want *transport.WebAuthnConfiguration
		code string
	}{
		{"required", "", &transport.WebAuthnConfiguration{RelyingPartyID: "example.com", UserVerification: "required"},
			&transport.WebAuthnConfiguration{RelyingPartyID: "example.com", UserVerification: "required"}, ""},
		{"preferred by default", transport.TierPlus, &transport.WebAuthnConfiguration{RelyingPartyID: "example.com"},
			&transport.WebAuthnConfiguration{RelyingPartyID: "example.com", UserVerification: "preferred"}, ""},
		{"left out", "", nil, nil, ""},
		{"bad user verification", "", &transport.WebAuthnConfiguration{UserVerification: "discouraged"}, nil, "InvalidParameterException"},
		{"lite plan", transport.TierLite, &transport.WebAuthnConfiguration{RelyingPartyID: "example.com"}, nil, "FeatureUnavailableInTierException"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := tierEnv(t, tc.tier, nil)
			_, err := e.cog.SetUserPoolMfaConfig(e.ctx, &transport.UserPoolMfaConfig{UserPoolID: e.pool.ID, WebAuthnConfiguration: tc.in})
			if tc.code != "" {
				wantErr(t, err, tc.code, "")
			} else if err != nil {
				t.Fatal(err)
			}
			got, err := e.cog.GetUserPoolMfaConfig(e.ctx, &transport.PoolRef{UserPoolID: e.pool.ID})
			if err != nil {
				t.Fatal(err)
			}
			if (got.WebAuthnConfiguration == nil) != (tc.want == nil) || tc.want != nil && *got.WebAuthnConfiguration != *tc.want {
				t.Fatalf("WebAuthnConfiguration = %+v, want %+v", got.WebAuthnConfiguration, tc.want)
			}
		})
	}
}

func TestWebAuthnConfigurationKept(t *testing.T) {
	e := tierEnv(t, "", nil)
	rp := &transport.WebAuthnConfiguration{RelyingPartyID: "example.com", UserVerification: "required"}
	if _, err := e.cog.SetUserPoolMfaConfig(e.ctx, &transport.UserPoolMfaConfig{UserPoolID: e.pool.ID, WebAuthnConfiguration: rp}); err != nil {
		t.Fatal(err)
	}
	// A later MFA change without it keeps it.
	if _, err := e.cog.SetUserPoolMfaConfig(e.ctx, &transport.UserPoolMfaConfig{UserPoolID: e.pool.ID, MfaConfiguration: transport.MFAOff}); err != nil {
		t.Fatal(err)
	}
	// The plan cannot drop below what passkeys need.
	_, err := e.cog.UpdateUserPool(e.ctx, &transport.UpdateUserPoolInput{UserPoolID: e.pool.ID, PoolSettings: transport.PoolSettings{UserPoolTier: transport.TierLite}})
	wantErr(t, err, "FeatureUnavailableInTierException", "")
	var buf bytes.Buffer
	if err := e.f.Save(&buf); err != nil {
		t.Fatal(err)
	}
	g := New(Options{Clock: e.clk.Now})
	if err := g.Load(&buf); err != nil {
		t.Fatal(err)
	}
	got, err := g.GetUserPoolMfaConfig(e.ctx, &transport.PoolRef{UserPoolID: e.pool.ID})
	if err != nil || got.WebAuthnConfiguration == nil || *got.WebAuthnConfiguration != *rp {
		t.Fatalf("after Load: %+v, %v", got, err)
	}
}

func TestSignInPolicySavedAndLoaded(t *testing.T) {
	e := userAuthEnv(t, transport.ClientSettings{})
	var buf bytes.Buffer
	if err := e.f.Save(&buf); err != nil {
		t.Fatal(err)
	}
	g := New(Options{Clock: e.clk.Now})
	if err := g.Load(&buf); err != nil {
		t.Fatal(err)
	}
	e.f, e.cog = g, g
	ch := e.challenge(transport.ChallengeSelectChallenge)(e.userAuth("alice", nil))
	if want := []string{"PASSWORD", "PASSWORD_SRP", "EMAIL_OTP", "SMS_OTP"}; !slices.Equal(ch.AvailableChallenges, want) {
		t.Fatalf("after Load AvailableChallenges = %v, want %v", ch.AvailableChallenges, want)
	}
}

func TestUserAuthAvailableChallenges(t *testing.T) {
	for _, tc := range []struct {
		name     string
		policy   *transport.PoolPolicies
		user     string
		prevent  bool
		want     []string
		wantUser string
	}{
		{"every factor the user has", allFactors, "alice", false, []string{"PASSWORD", "PASSWORD_SRP", "EMAIL_OTP", "SMS_OTP"}, "alice"},
		{"an unverified e-mail address", allFactors, "bob", false, []string{"PASSWORD", "PASSWORD_SRP"}, "bob"},
		{"a pool without a policy", nil, "alice", false, []string{"PASSWORD", "PASSWORD_SRP"}, "alice"},
		{"e-mail only", &transport.PoolPolicies{SignInPolicy: &transport.SignInPolicy{AllowedFirstAuthFactors: []string{"PASSWORD", "EMAIL_OTP"}}},
			"alice", false, []string{"PASSWORD", "PASSWORD_SRP", "EMAIL_OTP"}, "alice"},
		{"alias typed", allFactors, "alice@example.com", false, []string{"PASSWORD", "PASSWORD_SRP", "EMAIL_OTP", "SMS_OTP"}, "alice"},
		{"unknown user, existence hidden", allFactors, "nobody", true, []string{"PASSWORD", "PASSWORD_SRP"}, "nobody"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			client := transport.ClientSettings{ExplicitAuthFlows: userAuthFlows}
			if tc.prevent {
				client.PreventUserExistenceErrors = transport.PreventUserExistenceOn
			}
			e := newEnv(t, envOpts{pool: transport.CreateUserPoolInput{AliasAttributes: []string{"email"}, PoolSettings: transport.PoolSettings{
				Policies: tc.policy, EmailConfiguration: sesEmail(),
				SmsConfiguration: &transport.SmsConfiguration{SnsCallerArn: "arn:aws:iam::123456789012:role/sns"},
			}}, client: client})
			e.f.MustCreateUser(e.pool.ID, "alice", testPassword,
				transport.Attr("email", "alice@example.com"), transport.Attr("phone_number", "+15555550123"))
			e.f.MustCreateUser(e.pool.ID, "bob", testPassword, transport.Attr("email", "bob@example.com"), transport.Attr("email_verified", "false"))
			ch := e.challenge(transport.ChallengeSelectChallenge)(e.userAuth(tc.user, nil))
			if !slices.Equal(ch.AvailableChallenges, tc.want) {
				t.Fatalf("AvailableChallenges = %v, want %v", ch.AvailableChallenges, tc.want)
			}
			if ch.Session == "" || ch.ChallengeParameters[transport.ParamUsername] != tc.wantUser {
				t.Fatalf("SELECT_CHALLENGE session %t, parameters %v", ch.Session != "", ch.ChallengeParameters)
			}
		})
	}
}

func TestUserAuthInitiateRefusals(t *testing.T) {
	liteEnv := func(t *testing.T) *env {
		e := newEnv(t, envOpts{pool: transport.CreateUserPoolInput{PoolSettings: transport.PoolSettings{UserPoolTier: transport.TierLite}},
			client: transport.ClientSettings{ExplicitAuthFlows: userAuthFlows}})
		e.f.MustCreateUser(e.pool.ID, "alice", testPassword)
		return e
	}
	for _, tc := range []struct {
		name   string
		env    func(*testing.T) *env
		user   string
		params map[string]string
		code   string
		msg    string
	}{
		{"lite plan", liteEnv, "alice", nil, "FeatureUnavailableInTierException", ""},
		{"client without USER_AUTH", func(t *testing.T) *env {
			return userAuthEnv(t, transport.ClientSettings{ExplicitAuthFlows: []string{transport.AllowUserSRPAuth, transport.AllowRefreshTokenAuth}})
		}, "alice", nil, "InvalidParameterException", "USER_AUTH flow not enabled for this client"},
		{"client with default flows", func(t *testing.T) *env {
			e := userAuthEnv(t, transport.ClientSettings{ExplicitAuthFlows: []string{}})
			return e
		}, "alice", nil, "InvalidParameterException", "USER_AUTH flow not enabled for this client"},
		{"no user name", nil, "", nil, "InvalidParameterException", ""},
		{"unknown user", nil, "nobody", nil, "UserNotFoundException", ""},
		{"unknown preference", nil, "alice", map[string]string{"PREFERRED_CHALLENGE": "MAGIC_LINK"}, "InvalidParameterException", ""},
		{"e-mail code without a verified address", nil, "bob", map[string]string{"PREFERRED_CHALLENGE": "EMAIL_OTP"}, "InvalidParameterException", ""},
		{"SMS code without a phone", nil, "bob", map[string]string{"PREFERRED_CHALLENGE": "SMS_OTP"}, "InvalidParameterException", ""},
		{"passkey without one", nil, "alice", map[string]string{"PREFERRED_CHALLENGE": "WEB_AUTHN"}, "InvalidParameterException", ""},
		{"factor the pool does not allow", func(t *testing.T) *env {
			e := newEnv(t, envOpts{client: transport.ClientSettings{ExplicitAuthFlows: userAuthFlows}})
			e.f.MustCreateUser(e.pool.ID, "alice", testPassword, transport.Attr("email", "alice@example.com"))
			return e
		}, "alice", map[string]string{"PREFERRED_CHALLENGE": "EMAIL_OTP"}, "InvalidParameterException", ""},
		{"password preferred without one", nil, "alice", map[string]string{"PREFERRED_CHALLENGE": "PASSWORD"}, "InvalidParameterException", ""},
		{"SRP preferred without SRP_A", nil, "alice", map[string]string{"PREFERRED_CHALLENGE": "PASSWORD_SRP"}, "InvalidParameterException", ""},
		{"wrong password preferred", nil, "alice", map[string]string{"PREFERRED_CHALLENGE": "PASSWORD", "PASSWORD": wrongPassword}, "NotAuthorizedException", msgIncorrectCredentials},
	} {
		t.Run(tc.name, func(t *testing.T) {
			mk := tc.env
			if mk == nil {
				mk = func(t *testing.T) *env { return userAuthEnv(t, transport.ClientSettings{}) }
			}
			e := mk(t)
			_, err := e.userAuth(tc.user, tc.params)
			wantErr(t, err, tc.code, tc.msg)
		})
	}
}

func TestUserAuthDisabledUser(t *testing.T) {
	e := userAuthEnv(t, transport.ClientSettings{})
	if _, err := e.cog.AdminDisableUser(e.ctx, &transport.UserRef{UserPoolID: e.pool.ID, Username: "alice"}); err != nil {
		t.Fatal(err)
	}
	_, err := e.userAuth("alice", nil)
	wantErr(t, err, "NotAuthorizedException", msgUserDisabled)
}

func TestUserAuthFirstFactors(t *testing.T) {
	for _, tc := range []struct {
		name string
		mfa  bool // the pool requires SMS MFA
		// run signs alice in and returns the challenge names on the way and
		// the last answer.
		run      func(e *env) ([]string, *transport.ChallengeOutput, error)
		wantPath []string
	}{
		{"password chosen", false, func(e *env) ([]string, *transport.ChallengeOutput, error) {
			ch := e.challenge(transport.ChallengeSelectChallenge)(e.userAuth("alice", nil))
			out, err := e.selectAnswer("alice", ch.Session, "PASSWORD", map[string]string{"PASSWORD": testPassword})
			return []string{ch.ChallengeName}, out, err
		}, []string{"SELECT_CHALLENGE"}},
		{"password preferred", false, func(e *env) ([]string, *transport.ChallengeOutput, error) {
			out, err := e.userAuth("alice", map[string]string{"PREFERRED_CHALLENGE": "PASSWORD", "PASSWORD": testPassword})
			return nil, out, err
		}, nil},
		{"SRP chosen", false, func(e *env) ([]string, *transport.ChallengeOutput, error) {
			ch := e.challenge(transport.ChallengeSelectChallenge)(e.userAuth("alice", nil))
			c, _, _ := e.srpStart("alice", nil) // a fresh SRP client; its own challenge is left unanswered
			pv, err := e.selectAnswer("alice", ch.Session, "PASSWORD_SRP", map[string]string{"SRP_A": c.SRPA()})
			pv = e.challenge(transport.ChallengePasswordVerifier)(pv, err)
			out, err := e.respond(transport.ChallengePasswordVerifier, "", e.pvAnswer(c, pv, testPassword, nil))
			return []string{ch.ChallengeName, pv.ChallengeName}, out, err
		}, []string{"SELECT_CHALLENGE", "PASSWORD_VERIFIER"}},
		{"SRP preferred", false, func(e *env) ([]string, *transport.ChallengeOutput, error) {
			c, _, _ := e.srpStart("alice", nil)
			pv := e.challenge(transport.ChallengePasswordVerifier)(e.userAuth("alice", map[string]string{"PREFERRED_CHALLENGE": "PASSWORD_SRP", "SRP_A": c.SRPA()}))
			out, err := e.respond(transport.ChallengePasswordVerifier, "", e.pvAnswer(c, pv, testPassword, nil))
			return []string{pv.ChallengeName}, out, err
		}, []string{"PASSWORD_VERIFIER"}},
		{"e-mail code chosen", false, func(e *env) ([]string, *transport.ChallengeOutput, error) {
			ch := e.challenge(transport.ChallengeSelectChallenge)(e.userAuth("alice", nil))
			otp := e.challenge(transport.ChallengeEmailOTP)(e.selectAnswer("alice", ch.Session, "EMAIL_OTP", nil))
			m := e.lastSignInCode("alice")
			if m.Medium != "EMAIL" || m.Destination != "alice@example.com" ||
				otp.ChallengeParameters[transport.ParamCodeDeliveryMedium] != "EMAIL" || otp.ChallengeParameters[transport.ParamCodeDeliveryDest] != "a***@e***" {
				e.t.Fatalf("message %+v, challenge parameters %v", m, otp.ChallengeParameters)
			}
			out, err := e.otpAnswer("alice", otp.ChallengeName, otp.Session, m.Code)
			return []string{ch.ChallengeName, otp.ChallengeName}, out, err
		}, []string{"SELECT_CHALLENGE", "EMAIL_OTP"}},
		{"SMS code preferred", false, func(e *env) ([]string, *transport.ChallengeOutput, error) {
			otp := e.challenge(transport.ChallengeSMSOTP)(e.userAuth("alice", map[string]string{"PREFERRED_CHALLENGE": "SMS_OTP"}))
			m := e.lastSignInCode("alice")
			if m.Medium != "SMS" || otp.ChallengeParameters[transport.ParamCodeDeliveryMedium] != "SMS" {
				e.t.Fatalf("message %+v, challenge parameters %v", m, otp.ChallengeParameters)
			}
			out, err := e.otpAnswer("alice", otp.ChallengeName, otp.Session, m.Code)
			return []string{otp.ChallengeName}, out, err
		}, []string{"SMS_OTP"}},
		{"password then MFA", true, func(e *env) ([]string, *transport.ChallengeOutput, error) {
			mfa := e.challenge(transport.ChallengeSMSMFA)(e.userAuth("alice", map[string]string{"PREFERRED_CHALLENGE": "PASSWORD", "PASSWORD": testPassword}))
			out, err := e.respond(mfa.ChallengeName, mfa.Session, map[string]string{"USERNAME": "alice", "SMS_MFA_CODE": e.f.Outbox().LastCode("alice")})
			return []string{mfa.ChallengeName}, out, err
		}, []string{"SMS_MFA"}},
		{"e-mail code spares MFA", true, func(e *env) ([]string, *transport.ChallengeOutput, error) {
			otp := e.challenge(transport.ChallengeEmailOTP)(e.userAuth("alice", map[string]string{"PREFERRED_CHALLENGE": "EMAIL_OTP"}))
			out, err := e.otpAnswer("alice", otp.ChallengeName, otp.Session, e.lastSignInCode("alice").Code)
			return []string{otp.ChallengeName}, out, err
		}, []string{"EMAIL_OTP"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := userAuthEnv(t, transport.ClientSettings{})
			if tc.mfa {
				if _, err := e.cog.SetUserPoolMfaConfig(e.ctx, &transport.UserPoolMfaConfig{UserPoolID: e.pool.ID, MfaConfiguration: transport.MFAOn,
					SmsMfaConfiguration: &transport.SmsMfaConfig{SmsAuthenticationMessage: "Code {####}"}}); err != nil {
					t.Fatal(err)
				}
			}
			path, out, err := tc.run(e)
			res := mustTokens(t, out, err)
			if !slices.Equal(path, tc.wantPath) {
				t.Fatalf("challenges = %v, want %v", path, tc.wantPath)
			}
			if c := e.claims(res.AccessToken); c["username"] != "alice" {
				t.Fatalf("access token username = %v", c["username"])
			}
		})
	}
}

func TestUserAuthAdmin(t *testing.T) {
	e := userAuthEnv(t, transport.ClientSettings{})
	out, err := e.f.AdminInitiateAuth(e.ctx, &transport.AdminInitiateAuthInput{
		UserPoolID: e.pool.ID, ClientID: e.client.ClientID, AuthFlow: transport.FlowUserAuth,
		AuthParameters: map[string]string{"USERNAME": "alice", "PREFERRED_CHALLENGE": "EMAIL_OTP"},
	})
	otp := mustChallenge(t, out, err, transport.ChallengeEmailOTP)
	// The public operation cannot answer an administrator's login.
	_, err = e.otpAnswer("alice", otp.ChallengeName, otp.Session, e.lastSignInCode("alice").Code)
	wantErr(t, err, "NotAuthorizedException", msgSessionInvalid)
	out, err = e.f.AdminRespondToAuthChallenge(e.ctx, &transport.AdminRespondToAuthChallengeInput{
		UserPoolID: e.pool.ID, ClientID: e.client.ClientID, ChallengeName: otp.ChallengeName, Session: otp.Session,
		ChallengeResponses: map[string]string{"USERNAME": "alice", "EMAIL_OTP_CODE": e.lastSignInCode("alice").Code},
	})
	mustTokens(t, out, err)
}

func TestUserAuthSelectRefusals(t *testing.T) {
	for _, tc := range []struct {
		name   string
		user   string
		answer string
		extra  map[string]string
		code   string
		msg    string
		reuse  bool // the session survives the refusal
	}{
		{"no answer", "alice", "", nil, "InvalidParameterException", "", true},
		{"a factor not offered", "bob", "EMAIL_OTP", nil, "InvalidParameterException", "", true},
		{"unknown factor", "alice", "MAGIC_LINK", nil, "InvalidParameterException", "", true},
		{"password missing", "alice", "PASSWORD", nil, "InvalidParameterException", "", true},
		{"SRP_A missing", "alice", "PASSWORD_SRP", nil, "InvalidParameterException", "", true},
		{"wrong password", "alice", "PASSWORD", map[string]string{"PASSWORD": wrongPassword}, "NotAuthorizedException", msgIncorrectCredentials, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := userAuthEnv(t, transport.ClientSettings{})
			ch := e.challenge(transport.ChallengeSelectChallenge)(e.userAuth(tc.user, nil))
			_, err := e.selectAnswer(tc.user, ch.Session, tc.answer, tc.extra)
			wantErr(t, err, tc.code, tc.msg)
			out, err := e.selectAnswer(tc.user, ch.Session, "PASSWORD", map[string]string{"PASSWORD": testPassword})
			if tc.reuse {
				mustTokens(t, out, err)
			} else {
				wantErr(t, err, "NotAuthorizedException", msgSessionUsed)
			}
		})
	}
}

func TestUserAuthSelectWrongUser(t *testing.T) {
	e := userAuthEnv(t, transport.ClientSettings{})
	ch := e.challenge(transport.ChallengeSelectChallenge)(e.userAuth("alice", nil))
	_, err := e.selectAnswer("bob", ch.Session, "PASSWORD", map[string]string{"PASSWORD": testPassword})
	wantErr(t, err, "NotAuthorizedException", "")
}

func TestUserAuthUnknownUserHidden(t *testing.T) {
	e := userAuthEnv(t, preventOn)
	ch := e.challenge(transport.ChallengeSelectChallenge)(e.userAuth("nobody", nil))
	_, err := e.selectAnswer("nobody", ch.Session, "PASSWORD", map[string]string{"PASSWORD": testPassword})
	wantErr(t, err, "NotAuthorizedException", msgIncorrectCredentials)
}

func TestUserAuthCodeRefusals(t *testing.T) {
	for _, tc := range []struct {
		name string
		// wrong answers, each refused with CodeMismatchException, before the
		// last answer
		wrong   int
		advance time.Duration
		last    string // "right" or "wrong"
		code    string // of the last answer; "" for tokens
		msg     string
	}{
		{"right code", 0, 0, "right", "", ""},
		{"wrong then right", 2, 0, "right", "", ""},
		{"attempts used up", 2, 0, "wrong", "NotAuthorizedException", msgSessionInvalid},
		{"expired code", 0, otpCodeTTL + time.Second, "right", "ExpiredCodeException", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := userAuthEnv(t, transport.ClientSettings{AuthSessionValidity: 15})
			otp := e.challenge(transport.ChallengeEmailOTP)(e.userAuth("alice", map[string]string{"PREFERRED_CHALLENGE": "EMAIL_OTP"}))
			code := e.lastSignInCode("alice").Code
			bad := "000000"
			if code == bad {
				bad = "111111"
			}
			for range tc.wrong {
				_, err := e.otpAnswer("alice", otp.ChallengeName, otp.Session, bad)
				wantErr(t, err, "CodeMismatchException", "")
			}
			e.clk.Advance(tc.advance)
			given := code
			if tc.last == "wrong" {
				given = bad
			}
			out, err := e.otpAnswer("alice", otp.ChallengeName, otp.Session, given)
			if tc.code == "" {
				mustTokens(t, out, err)
			} else {
				wantErr(t, err, tc.code, tc.msg)
			}
			// Whatever the outcome, the session is spent: a code is single use.
			_, err = e.otpAnswer("alice", otp.ChallengeName, otp.Session, code)
			wantErr(t, err, "NotAuthorizedException", "")
		})
	}
}

func TestUserAuthWebAuthnAnswerRefused(t *testing.T) {
	e := userAuthEnv(t, transport.ClientSettings{})
	ch := e.challenge(transport.ChallengeSelectChallenge)(e.userAuth("alice", nil))
	// No WEB_AUTHN challenge was issued: an answer to one is refused.
	_, err := e.respond(transport.ChallengeWebAuthn, ch.Session, map[string]string{"USERNAME": "alice", "CREDENTIAL": "{}"})
	wantErr(t, err, "NotAuthorizedException", msgCodeOrState)
	_, err = e.selectAnswer("alice", ch.Session, "WEB_AUTHN", nil)
	wantErr(t, err, "InvalidParameterException", "")
}

func TestSignUpThenSignIn(t *testing.T) {
	for _, tc := range []struct {
		name        string
		flows       []string
		wantSession bool
	}{
		{"client with USER_AUTH", userAuthFlows, true},
		{"client without", []string{transport.AllowUserSRPAuth, transport.AllowRefreshTokenAuth}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, envOpts{pool: transport.CreateUserPoolInput{PoolSettings: transport.PoolSettings{
				AutoVerifiedAttributes: []string{"email"}, EmailConfiguration: sesEmail(),
			}}, client: transport.ClientSettings{ExplicitAuthFlows: tc.flows}})
			if _, err := e.cog.SignUp(e.ctx, &transport.SignUpInput{ClientID: e.client.ClientID, Username: "carol", Password: testPassword,
				UserAttributes: []transport.AttributeType{transport.Attr("email", "carol@example.com")}}); err != nil {
				t.Fatal(err)
			}
			conf, err := e.cog.ConfirmSignUp(e.ctx, &transport.ConfirmSignUpInput{ClientID: e.client.ClientID, Username: "carol",
				ConfirmationCode: e.f.Outbox().LastCode("carol")})
			if err != nil {
				t.Fatal(err)
			}
			if (conf.Session != "") != tc.wantSession {
				t.Fatalf("ConfirmSignUp Session given = %t, want %t", conf.Session != "", tc.wantSession)
			}
			if !tc.wantSession {
				return
			}
			start := func(name string) (*transport.ChallengeOutput, error) {
				return e.cog.InitiateAuth(e.ctx, &transport.InitiateAuthInput{AuthFlow: transport.FlowUserAuth, ClientID: e.client.ClientID,
					AuthParameters: map[string]string{"USERNAME": name}, Session: conf.Session})
			}
			_, err = start("someone-else")
			wantErr(t, err, "NotAuthorizedException", msgSessionInvalid)
			res := e.tokens(start("carol"))
			if c := e.claims(res.IDToken); c["email"] != "carol@example.com" {
				t.Fatalf("ID token email = %v", c["email"])
			}
			_, err = start("carol")
			wantErr(t, err, "NotAuthorizedException", msgSessionUsed)
			// The Session is no challenge's: it answers nothing.
			_, err = e.respond(transport.ChallengeSelectChallenge, conf.Session, map[string]string{"USERNAME": "carol", "ANSWER": "PASSWORD"})
			wantErr(t, err, "NotAuthorizedException", "")
		})
	}
}

// TestUserAuthMFAAttempts: MFA after a password chosen with SELECT_CHALLENGE
// keeps MFA's own refusal when its code is guessed too often.
func TestUserAuthMFAAttempts(t *testing.T) {
	e := userAuthEnv(t, transport.ClientSettings{})
	if _, err := e.cog.SetUserPoolMfaConfig(e.ctx, &transport.UserPoolMfaConfig{UserPoolID: e.pool.ID, MfaConfiguration: transport.MFAOn,
		SmsMfaConfiguration: &transport.SmsMfaConfig{SmsAuthenticationMessage: "Code {####}"}}); err != nil {
		t.Fatal(err)
	}
	ch := e.challenge(transport.ChallengeSelectChallenge)(e.userAuth("alice", nil))
	c, _, _ := e.srpStart("alice", nil)
	pv := e.challenge(transport.ChallengePasswordVerifier)(e.selectAnswer("alice", ch.Session, "PASSWORD_SRP", map[string]string{"SRP_A": c.SRPA()}))
	mfa := e.challenge(transport.ChallengeSMSMFA)(e.respond(transport.ChallengePasswordVerifier, "", e.pvAnswer(c, pv, testPassword, nil)))
	bad := "000000"
	if e.f.Outbox().LastCode("alice") == bad {
		bad = "111111"
	}
	for i := range maxMFAFailures {
		_, err := e.respond(mfa.ChallengeName, mfa.Session, map[string]string{"USERNAME": "alice", "SMS_MFA_CODE": bad})
		if i < maxMFAFailures-1 {
			wantErr(t, err, "CodeMismatchException", "")
		} else {
			wantErr(t, err, "NotAuthorizedException", msgCodeOrState)
		}
	}
}
