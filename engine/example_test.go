package engine_test

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"

	"github.com/gocognito/gocognito/engine"
	"github.com/gocognito/gocognito/fakecognito"
	"github.com/gocognito/gocognito/states"
	"github.com/gocognito/gocognito/transport"
)

// exampleCognito is a fake Cognito with one pool, one app client with a
// secret, and the user alice; mfa turns SMS MFA on.
func exampleCognito(mfa bool) (*fakecognito.Fake, engine.Config) {
	f := fakecognito.New(fakecognito.Options{})
	pool := f.MustCreatePool(transport.CreateUserPoolInput{PoolName: "example"})
	client := f.MustCreateClient(transport.CreateUserPoolClientInput{UserPoolID: pool.ID, GenerateSecret: true,
		ClientSettings: transport.ClientSettings{ClientName: "web", ExplicitAuthFlows: []string{transport.AllowUserSRPAuth, transport.AllowRefreshTokenAuth}}})
	if mfa {
		_, _ = f.SetUserPoolMfaConfig(context.Background(), &transport.UserPoolMfaConfig{UserPoolID: pool.ID,
			MfaConfiguration: transport.MFAOn, SmsMfaConfiguration: &transport.SmsMfaConfig{}})
	}
	f.MustCreateUser(pool.ID, "alice", "Correct-Horse-1", transport.Attr("phone_number", "+15555550100"))
	return f, engine.Config{PoolID: pool.ID, ClientID: client.ClientID, ClientSecret: client.ClientSecret, Transport: f}
}

// One call logs in; a challenge that needs the user comes back as a
// *ChallengeError.
func ExampleAuthenticate() {
	_, cfg := exampleCognito(false)
	res, err := engine.Authenticate(context.Background(), cfg, engine.Credentials{Username: "alice", Password: "Correct-Horse-1"})
	var ce *engine.ChallengeError
	switch {
	case errors.As(err, &ce):
		fmt.Println("the user must answer:", ce.State)
	case err != nil:
		fmt.Println("login failed:", err)
	default:
		fmt.Println("logged in as", res.Username, "with a", res.Tokens.TokenType, "token")
	}
	// Output: logged in as alice with a Bearer token
}

// A service starts the login on one request, keeps the sealed snapshot (in
// a cookie, say), and finishes it on the next request when the SMS code
// arrives, possibly on another instance.
func ExampleResume() {
	f, cfg := exampleCognito(true)
	key := make([]byte, 32)
	_, _ = rand.Read(key)
	ctx := context.Background()

	// Request 1: the password.
	login, err := engine.Start(ctx, cfg, engine.Credentials{Username: "alice", Password: "Correct-Horse-1"})
	if err != nil {
		fmt.Println(err)
		return
	}
	need := login.Need().(states.NeedMFACode)
	fmt.Println("request 1:", login.State(), "- code sent by", need.Medium)
	cookie, err := engine.Seal(login.Snapshot(), key)
	if err != nil {
		fmt.Println(err)
		return
	}

	// Request 2: the code. Nothing is shared with request 1 but the cookie.
	snap, err := engine.Open(cookie, key)
	if err != nil {
		fmt.Println(err)
		return
	}
	login, err = engine.Resume(cfg, snap)
	if err != nil {
		fmt.Println(err)
		return
	}
	code := f.Outbox().LastCode("alice") // what the user read on their phone
	if err := login.Submit(ctx, engine.MFACode(code)); err != nil {
		fmt.Println(err)
		return
	}
	res, _ := login.Result()
	fmt.Println("request 2:", login.State(), "-", res.Username)
	// Output:
	// request 1: SMSMFA - code sent by SMS
	// request 2: Done - alice
}

// A UI binds one screen to each need and loops until the login is over.
func ExampleStart() {
	f, cfg := exampleCognito(true)
	ctx := context.Background()
	// An admin invited bob with a temporary password.
	_, _ = f.AdminCreateUser(ctx, &transport.AdminCreateUserInput{UserPoolID: cfg.PoolID, Username: "bob",
		TemporaryPassword: "Temp-Pass-0!", MessageAction: "SUPPRESS",
		UserAttributes: []transport.AttributeType{transport.Attr("phone_number", "+15555550111")}})
	cfg.Observe = func(t engine.Transition) { fmt.Printf("  %s -> %s (%s)\n", t.From, t.To, t.Event) }

	login, err := engine.Start(ctx, cfg, engine.Credentials{Username: "bob"})
	for err == nil && !login.State().Terminal() {
		var answer engine.Answer
		switch n := login.Need().(type) {
		case states.NeedPassword:
			fmt.Println("screen: password")
			answer = engine.Password("Temp-Pass-0!")
		case states.NeedNewPassword:
			fmt.Println("screen: choose a new password")
			answer = engine.NewPassword{Password: "Brand-New-Pass-3"}
		case states.NeedMFACode:
			fmt.Println("screen: enter the code sent by", n.Medium)
			answer = engine.MFACode(f.Outbox().LastCode("bob"))
		case states.NeedMFAChoice:
			fmt.Println("screen: pick one of", n.Options)
			answer = engine.MFAChoice(n.Options[0])
		default:
			fmt.Printf("screen: unsupported %T\n", n)
			return
		}
		err = login.Submit(ctx, answer)
	}
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	fmt.Println("screen: welcome")
	// Output:
	// screen: password
	//   Init -> PasswordVerifier (PASSWORD_VERIFIER)
	//   PasswordVerifier -> NewPasswordRequired (NEW_PASSWORD_REQUIRED)
	// screen: choose a new password
	//   NewPasswordRequired -> SMSMFA (SMS_MFA)
	// screen: enter the code sent by SMS
	//   SMSMFA -> Done (AUTHENTICATED)
	// screen: welcome
}

// A login that must set up MFA lets the user choose how: here e-mail. The
// code Cognito sends to the address ends the login, and from then on the
// user gets an e-mail code at each sign-in.
func ExampleEmailAddress() {
	ctx := context.Background()
	f := fakecognito.New(fakecognito.Options{})
	pool := f.MustCreatePool(transport.CreateUserPoolInput{PoolName: "example", PoolSettings: transport.PoolSettings{
		// E-mail MFA needs a pool that sends e-mail with Amazon SES.
		EmailConfiguration: &transport.EmailConfiguration{EmailSendingAccount: transport.EmailSendingDeveloper,
			SourceArn: "arn:aws:ses:us-east-1:123456789012:identity/example.com"},
	}})
	client := f.MustCreateClient(transport.CreateUserPoolClientInput{UserPoolID: pool.ID,
		ClientSettings: transport.ClientSettings{ClientName: "web", ExplicitAuthFlows: []string{transport.AllowUserSRPAuth, transport.AllowRefreshTokenAuth}}})
	if _, err := f.SetUserPoolMfaConfig(ctx, &transport.UserPoolMfaConfig{UserPoolID: pool.ID, MfaConfiguration: transport.MFAOn,
		SoftwareTokenMfaConfiguration: &transport.SoftwareTokenMfaConfig{Enabled: true}, EmailMfaConfiguration: &transport.EmailMfaConfig{}}); err != nil {
		fmt.Println(err)
		return
	}
	f.MustCreateUser(pool.ID, "bob", "Correct-Horse-1")
	cfg := engine.Config{PoolID: pool.ID, ClientID: client.ClientID, Transport: f}

	login, err := engine.Start(ctx, cfg, engine.Credentials{Username: "bob", Password: "Correct-Horse-1"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%s: %+v\n", login.State(), login.Need())
	for _, a := range []engine.Answer{engine.MFAChoice("EMAIL_OTP"), engine.EmailAddress("bob@example.com")} {
		if err := login.Submit(ctx, a); err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("%s: %+v\n", login.State(), login.Need())
	}
	if err := login.Submit(ctx, engine.MFACode(f.Outbox().LastCode("bob@example.com"))); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(login.State())
	// Output:
	// MFASetup: {Options:[SOFTWARE_TOKEN_MFA EMAIL_OTP]}
	// MFASetup: {}
	// EmailOTP: {Medium:EMAIL Destination:b***@e***}
	// Done
}

// Choice-based sign-in (USER_AUTH): Cognito offers the first factors the
// pool allows and the user has; the user picks a code by e-mail and types it.
// No password is needed, and no MFA follows a code.
func ExampleFirstFactor() {
	ctx := context.Background()
	f := fakecognito.New(fakecognito.Options{})
	pool := f.MustCreatePool(transport.CreateUserPoolInput{PoolName: "example", PoolSettings: transport.PoolSettings{
		Policies: &transport.PoolPolicies{SignInPolicy: &transport.SignInPolicy{
			AllowedFirstAuthFactors: []string{transport.FactorPassword, transport.FactorEmailOTP},
		}},
		// E-mail codes need a pool that sends e-mail with Amazon SES.
		EmailConfiguration: &transport.EmailConfiguration{EmailSendingAccount: transport.EmailSendingDeveloper,
			SourceArn: "arn:aws:ses:us-east-1:123456789012:identity/example.com"},
	}})
	client := f.MustCreateClient(transport.CreateUserPoolClientInput{UserPoolID: pool.ID,
		ClientSettings: transport.ClientSettings{ClientName: "web", ExplicitAuthFlows: []string{transport.AllowUserAuth, transport.AllowRefreshTokenAuth}}})
	f.MustCreateUser(pool.ID, "carol", "Correct-Horse-1", transport.Attr("email", "carol@example.com"))
	cfg := engine.Config{PoolID: pool.ID, ClientID: client.ClientID, Transport: f, Flow: transport.FlowUserAuth}

	login, err := engine.Start(ctx, cfg, engine.Credentials{Username: "carol"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%s: %+v\n", login.State(), login.Need())
	if err := login.Submit(ctx, engine.FirstFactor("EMAIL_OTP")); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%s: %+v\n", login.State(), login.Need())
	if err := login.Submit(ctx, engine.SignInCode(f.Outbox().LastCode("carol"))); err != nil {
		fmt.Println(err)
		return
	}
	res, err := login.Result()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(login.State(), res.Username)
	// Output:
	// SelectChallenge: {Options:[PASSWORD PASSWORD_SRP EMAIL_OTP]}
	// SignInEmailCode: {Medium:EMAIL Destination:c***@e***}
	// Done carol
}
