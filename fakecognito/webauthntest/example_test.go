package webauthntest_test

import (
	"context"
	"fmt"

	"github.com/gocognito/gocognito/fakecognito"
	"github.com/gocognito/gocognito/fakecognito/webauthntest"
	"github.com/gocognito/gocognito/transport"
)

// A test registers a passkey with the fake as a browser would, with the
// software authenticator in the browser's place.
func ExampleAuthenticator_Create() {
	ctx := context.Background()
	f := fakecognito.New(fakecognito.Options{})
	pool := f.MustCreatePool(transport.CreateUserPoolInput{PoolName: "example", PoolSettings: transport.PoolSettings{
		Policies: &transport.PoolPolicies{SignInPolicy: &transport.SignInPolicy{
			AllowedFirstAuthFactors: []string{transport.FactorPassword, transport.FactorWebAuthn}}}}})
	_, _ = f.SetUserPoolMfaConfig(ctx, &transport.UserPoolMfaConfig{UserPoolID: pool.ID,
		WebAuthnConfiguration: &transport.WebAuthnConfiguration{RelyingPartyID: "example.com"}})
	app := f.MustCreateClient(transport.CreateUserPoolClientInput{UserPoolID: pool.ID,
		ClientSettings: transport.ClientSettings{ClientName: "web", ExplicitAuthFlows: []string{transport.AllowUserAuth, transport.AllowRefreshTokenAuth}}})
	f.MustCreateUser(pool.ID, "alice", "Correct-Horse-1")
	signIn, err := f.InitiateAuth(ctx, &transport.InitiateAuthInput{AuthFlow: transport.FlowUserAuth, ClientID: app.ClientID,
		AuthParameters: map[string]string{"USERNAME": "alice", "PREFERRED_CHALLENGE": "PASSWORD", "PASSWORD": "Correct-Horse-1"}})
	if err != nil {
		fmt.Println(err)
		return
	}
	access := signIn.AuthenticationResult.AccessToken

	start, err := f.StartWebAuthnRegistration(ctx, &transport.StartWebAuthnRegistrationInput{AccessToken: access})
	if err != nil {
		fmt.Println(err)
		return
	}
	a, _ := webauthntest.New(webauthntest.ES256, nil)
	credential, err := a.Create(start.CredentialCreationOptions, "https://example.com")
	if err != nil {
		fmt.Println(err)
		return
	}
	_, err = f.CompleteWebAuthnRegistration(ctx, &transport.CompleteWebAuthnRegistrationInput{AccessToken: access, Credential: credential})
	fmt.Println(err)

	list, _ := f.ListWebAuthnCredentials(ctx, &transport.ListWebAuthnCredentialsInput{AccessToken: access})
	fmt.Println(len(list.Credentials), list.Credentials[0].CredentialID == a.CredentialID())
	// Output:
	// <nil>
	// 1 true
}
