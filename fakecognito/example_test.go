package fakecognito_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/gocognito/gocognito/fakecognito"
	"github.com/gocognito/gocognito/srp"
	"github.com/gocognito/gocognito/transport"
)

// A whole SRP login against the fake, as any Cognito client does it: the
// fake checks the password proof for real.
func Example() {
	ctx := context.Background()
	f := fakecognito.New(fakecognito.Options{})
	pool := f.MustCreatePool(transport.CreateUserPoolInput{PoolName: "demo"})
	client := f.MustCreateClient(transport.CreateUserPoolClientInput{
		UserPoolID: pool.ID, ClientSettings: transport.ClientSettings{ClientName: "web"},
	})
	f.MustCreateUser(pool.ID, "alice", "Correct-Horse-1")

	c, _ := srp.NewClient(nil)
	ch, err := f.InitiateAuth(ctx, &transport.InitiateAuthInput{
		AuthFlow: transport.FlowUserSRP, ClientID: client.ClientID,
		AuthParameters: map[string]string{transport.ParamUsername: "alice", transport.ParamSRPA: c.SRPA()},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(ch.ChallengeName)

	p := ch.ChallengeParameters
	poolName, _ := srp.PoolName(pool.ID)
	ts := srp.FormatTimestamp(time.Now())
	sig, _ := c.PasswordSignature(poolName, p[transport.ParamUserIDForSRP], "Correct-Horse-1",
		p[transport.ParamSalt], p[transport.ParamSRPB], p[transport.ParamSecretBlock], ts)
	out, err := f.RespondToAuthChallenge(ctx, &transport.RespondToAuthChallengeInput{
		ClientID: client.ClientID, ChallengeName: transport.ChallengePasswordVerifier,
		ChallengeResponses: map[string]string{
			transport.ParamUsername:         p[transport.ParamUsername],
			transport.ParamClaimSecretBlock: p[transport.ParamSecretBlock],
			transport.ParamClaimSignature:   sig,
			transport.ParamTimestamp:        ts,
		},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(out.AuthenticationResult.TokenType, out.AuthenticationResult.ExpiresIn)
	// Output:
	// PASSWORD_VERIFIER
	// Bearer 3600
}

// Codes the fake "sends" land in its outbox.
func ExampleFake_Outbox() {
	ctx := context.Background()
	f := fakecognito.New(fakecognito.Options{})
	pool := f.MustCreatePool(transport.CreateUserPoolInput{
		PoolName: "demo", PoolSettings: transport.PoolSettings{AutoVerifiedAttributes: []string{"email"}},
	})
	client := f.MustCreateClient(transport.CreateUserPoolClientInput{
		UserPoolID: pool.ID, ClientSettings: transport.ClientSettings{ClientName: "web"},
	})
	_, err := f.SignUp(ctx, &transport.SignUpInput{
		ClientID: client.ClientID, Username: "bob", Password: "Correct-Horse-1",
		UserAttributes: []transport.AttributeType{transport.Attr("email", "bob@example.com")},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	m, _ := f.Outbox().Last("bob@example.com")
	fmt.Println(m.Purpose, m.Medium, m.Destination, len(m.Code))

	_, err = f.ConfirmSignUp(ctx, &transport.ConfirmSignUpInput{
		ClientID: client.ClientID, Username: "bob", ConfirmationCode: m.Code,
	})
	fmt.Println(err)
	// Output:
	// SIGN_UP EMAIL bob@example.com 6
	// <nil>
}

// Fault injection: throttle the next two calls of one operation.
func ExampleFake_Fail() {
	ctx := context.Background()
	f := fakecognito.New(fakecognito.Options{})
	f.Fail("ListUserPools", fakecognito.Fault{Err: fakecognito.Throttle.Err, Times: 2})
	for range 3 {
		_, err := f.ListUserPools(ctx, &transport.ListUserPoolsInput{MaxResults: 10})
		fmt.Println(errors.Is(err, transport.ErrTooManyRequests))
	}
	// Output:
	// true
	// true
	// false
}

// Custom authentication with a trigger written in Go.
func ExampleFake_SetTriggers() {
	ctx := context.Background()
	f := fakecognito.New(fakecognito.Options{})
	pool := f.MustCreatePool(transport.CreateUserPoolInput{PoolName: "demo"})
	client := f.MustCreateClient(transport.CreateUserPoolClientInput{
		UserPoolID: pool.ID, ClientSettings: transport.ClientSettings{ClientName: "web"},
	})
	f.MustCreateUser(pool.ID, "carol", "Correct-Horse-1")
	_ = f.SetTriggers(pool.ID, fakecognito.Triggers{
		DefineAuthChallenge: func(_ context.Context, in fakecognito.DefineAuthChallengeInput) (fakecognito.DefineAuthChallengeOutput, error) {
			if n := len(in.Session); n > 0 && in.Session[n-1].ChallengeResult {
				return fakecognito.DefineAuthChallengeOutput{IssueTokens: true}, nil
			}
			return fakecognito.DefineAuthChallengeOutput{ChallengeName: "CUSTOM_CHALLENGE"}, nil
		},
		CreateAuthChallenge: func(context.Context, fakecognito.CreateAuthChallengeInput) (fakecognito.CreateAuthChallengeOutput, error) {
			return fakecognito.CreateAuthChallengeOutput{
				PublicChallengeParameters:  map[string]string{"hint": "the magic word"},
				PrivateChallengeParameters: map[string]string{"answer": "please"},
			}, nil
		},
		VerifyAuthChallengeResponse: func(_ context.Context, in fakecognito.VerifyAuthChallengeInput) (fakecognito.VerifyAuthChallengeOutput, error) {
			return fakecognito.VerifyAuthChallengeOutput{AnswerCorrect: in.ChallengeAnswer == in.PrivateChallengeParameters["answer"]}, nil
		},
	})
	ch, _ := f.InitiateAuth(ctx, &transport.InitiateAuthInput{
		AuthFlow: transport.FlowCustom, ClientID: client.ClientID,
		AuthParameters: map[string]string{transport.ParamUsername: "carol"},
	})
	fmt.Println(ch.ChallengeName, ch.ChallengeParameters["hint"])
	out, err := f.RespondToAuthChallenge(ctx, &transport.RespondToAuthChallengeInput{
		ClientID: client.ClientID, ChallengeName: ch.ChallengeName, Session: ch.Session,
		ChallengeResponses: map[string]string{transport.ParamUsername: "carol", transport.ParamAnswer: "please"},
	})
	fmt.Println(err, out.AuthenticationResult != nil)
	// Output:
	// CUSTOM_CHALLENGE the magic word
	// <nil> true
}

// A Clock shared by the fake and the test moves time on demand: here past a
// challenge's session validity (three minutes unless the client says
// otherwise).
func ExampleClock() {
	ctx := context.Background()
	clock := fakecognito.NewClock(time.Date(2024, 3, 5, 7, 8, 9, 0, time.UTC))
	f := fakecognito.New(fakecognito.Options{Clock: clock.Now})
	pool := f.MustCreatePool(transport.CreateUserPoolInput{PoolName: "demo"})
	_, _ = f.SetUserPoolMfaConfig(ctx, &transport.UserPoolMfaConfig{UserPoolID: pool.ID,
		MfaConfiguration: transport.MFAOn, SmsMfaConfiguration: &transport.SmsMfaConfig{}})
	client := f.MustCreateClient(transport.CreateUserPoolClientInput{UserPoolID: pool.ID, ClientSettings: transport.ClientSettings{
		ClientName: "web", ExplicitAuthFlows: []string{transport.AllowUserPasswordAuth, transport.AllowRefreshTokenAuth}}})
	f.MustCreateUser(pool.ID, "alice", "Correct-Horse-1", transport.Attr("phone_number", "+15555550100"))

	ch, err := f.InitiateAuth(ctx, &transport.InitiateAuthInput{AuthFlow: transport.FlowUserPassword, ClientID: client.ClientID,
		AuthParameters: map[string]string{transport.ParamUsername: "alice", transport.ParamPassword: "Correct-Horse-1"}})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(ch.ChallengeName)

	clock.Advance(4 * time.Minute)
	_, err = f.RespondToAuthChallenge(ctx, &transport.RespondToAuthChallengeInput{
		ClientID: client.ClientID, ChallengeName: transport.ChallengeSMSMFA, Session: ch.Session,
		ChallengeResponses: map[string]string{transport.ParamUsername: "alice", transport.ParamSMSMFACode: f.Outbox().LastCode("alice")},
	})
	fmt.Println(err)
	// Output:
	// SMS_MFA
	// cognito: NotAuthorizedException: Invalid session for the user, session is expired.
}

// An app client with refresh-token rotation: each GetTokensFromRefreshToken
// returns a new refresh token, and the one it replaces is refused once the
// grace period (here none) is over. The clock is the fake's test control.
func ExampleFake_GetTokensFromRefreshToken() {
	ctx := context.Background()
	f := fakecognito.New(fakecognito.Options{})
	pool := f.MustCreatePool(transport.CreateUserPoolInput{PoolName: "demo"})
	client := f.MustCreateClient(transport.CreateUserPoolClientInput{UserPoolID: pool.ID, ClientSettings: transport.ClientSettings{
		ClientName:           "mobile",
		ExplicitAuthFlows:    []string{transport.AllowUserPasswordAuth}, // no ALLOW_REFRESH_TOKEN_AUTH with rotation
		RefreshTokenRotation: &transport.RefreshTokenRotation{Feature: transport.RotationEnabled},
	}})
	f.MustCreateUser(pool.ID, "alice", "Correct-Horse-1")
	login, err := f.InitiateAuth(ctx, &transport.InitiateAuthInput{
		AuthFlow: transport.FlowUserPassword, ClientID: client.ClientID,
		AuthParameters: map[string]string{transport.ParamUsername: "alice", transport.ParamPassword: "Correct-Horse-1"},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	first := login.AuthenticationResult.RefreshToken

	out, err := f.GetTokensFromRefreshToken(ctx, &transport.GetTokensFromRefreshTokenInput{ClientID: client.ClientID, RefreshToken: first})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("new refresh token:", out.AuthenticationResult.RefreshToken != first)

	_, err = f.GetTokensFromRefreshToken(ctx, &transport.GetTokensFromRefreshTokenInput{ClientID: client.ClientID, RefreshToken: first})
	fmt.Println(errors.Is(err, transport.ErrRefreshTokenReuse))
	// Output:
	// new refresh token: true
	// true
}
