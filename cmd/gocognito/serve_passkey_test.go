package main

import (
	"context"
	"errors"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"

	"github.com/gocognito/gocognito/engine"
	"github.com/gocognito/gocognito/fakecognito/webauthntest"
	"github.com/gocognito/gocognito/transport"
	"github.com/gocognito/gocognito/transport/awssdk"
)

// serve --passkey-origins lets a page on http://localhost register a passkey
// for the relying party "localhost", as browsers allow; without the flag
// only https origins of the relying party are accepted.
func TestServePasskeyOrigin(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		want error
	}{
		{"allowed", []string{"--passkey-origins", "http://localhost:3000, http://localhost:8080/"}, nil},
		{"not allowed", nil, transport.ErrWebAuthnOriginNotAllowed},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			s := serveInProcess(t, tc.args...)
			cog := awssdk.New(aws.Config{Region: "us-east-1", Credentials: aws.AnonymousCredentials{}}, func(o *cip.Options) {
				o.BaseEndpoint = aws.String(s.url)
			})
			pool, err := cog.CreateUserPool(ctx, &transport.CreateUserPoolInput{PoolName: "p", PoolSettings: transport.PoolSettings{
				Policies: &transport.PoolPolicies{SignInPolicy: &transport.SignInPolicy{
					AllowedFirstAuthFactors: []string{transport.FactorPassword, transport.FactorWebAuthn}}}}})
			mustOK(t, err)
			poolID := pool.UserPool.ID
			_, err = cog.SetUserPoolMfaConfig(ctx, &transport.UserPoolMfaConfig{UserPoolID: poolID,
				WebAuthnConfiguration: &transport.WebAuthnConfiguration{RelyingPartyID: "localhost"}})
			mustOK(t, err)
			c, err := cog.CreateUserPoolClient(ctx, &transport.CreateUserPoolClientInput{UserPoolID: poolID, ClientSettings: transport.ClientSettings{
				ClientName: "web", ExplicitAuthFlows: []string{transport.AllowUserAuth, transport.AllowRefreshTokenAuth}}})
			mustOK(t, err)
			_, err = cog.AdminCreateUser(ctx, &transport.AdminCreateUserInput{UserPoolID: poolID, Username: "alice", MessageAction: "SUPPRESS"})
			mustOK(t, err)
			_, err = cog.AdminSetUserPassword(ctx, &transport.AdminSetUserPasswordInput{UserPoolID: poolID, Username: "alice", Password: "Correct-Horse-1", Permanent: true})
			mustOK(t, err)
			res, err := engine.Authenticate(ctx, engine.Config{PoolID: poolID, ClientID: c.UserPoolClient.ClientID, Transport: cog,
				Flow: transport.FlowUserAuth, PreferredChallenge: transport.ChallengePassword},
				engine.Credentials{Username: "alice", Password: "Correct-Horse-1"})
			mustOK(t, err)
			start, err := cog.StartWebAuthnRegistration(ctx, &transport.StartWebAuthnRegistrationInput{AccessToken: res.Tokens.AccessToken})
			mustOK(t, err)
			a, err := webauthntest.New(webauthntest.ES256, nil)
			mustOK(t, err)
			cred, err := a.Create(start.CredentialCreationOptions, "http://localhost:8080")
			mustOK(t, err)
			_, err = cog.CompleteWebAuthnRegistration(ctx, &transport.CompleteWebAuthnRegistrationInput{AccessToken: res.Tokens.AccessToken, Credential: cred})
			if (tc.want == nil && err != nil) || (tc.want != nil && !errors.Is(err, tc.want)) {
				t.Fatalf("CompleteWebAuthnRegistration: %v, want %v", err, tc.want)
			}
		})
	}
}

func mustOK(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
