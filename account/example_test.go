package account_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/gocognito/gocognito/account"
	"github.com/gocognito/gocognito/engine"
	"github.com/gocognito/gocognito/fakecognito"
	"github.com/gocognito/gocognito/fakecognito/webauthntest"
	"github.com/gocognito/gocognito/tokens"
	"github.com/gocognito/gocognito/transport"
)

// example is a fake Cognito with a pool that verifies e-mail addresses,
// an app client with a secret, and the account Client and Admin for them.
// Against real Cognito, Cognito would be awssdk.New(cfg) instead.
func example() (*fakecognito.Fake, *account.Client, *account.Admin) {
	f := fakecognito.New(fakecognito.Options{})
	pool := f.MustCreatePool(transport.CreateUserPoolInput{PoolName: "example",
		PoolSettings: transport.PoolSettings{AutoVerifiedAttributes: []string{"email"}}})
	app := f.MustCreateClient(transport.CreateUserPoolClientInput{UserPoolID: pool.ID, GenerateSecret: true,
		ClientSettings: transport.ClientSettings{ClientName: "web",
			ExplicitAuthFlows: []string{transport.AllowUserSRPAuth, transport.AllowRefreshTokenAuth}}})
	client := &account.Client{Cognito: f, ClientID: app.ClientID, ClientSecret: app.ClientSecret, TOTPIssuer: "Example"}
	admin := &account.Admin{Cognito: f, PoolID: pool.ID}
	return f, client, admin
}

// exampleSession signs alice in with the engine and hands her tokens to
// a Session.
func exampleSession(ctx context.Context, f *fakecognito.Fake, client *account.Client, admin *account.Admin) (*account.Session, error) {
	f.MustCreateUser(admin.PoolID, "alice", "Corr3ct-Horse", transport.Attr("email", "alice@example.com"))
	res, err := engine.Authenticate(ctx, engine.Config{
		PoolID: admin.PoolID, ClientID: client.ClientID, ClientSecret: client.ClientSecret, Transport: f,
	}, engine.Credentials{Username: "alice", Password: "Corr3ct-Horse"})
	if err != nil {
		return nil, err
	}
	return client.NewSession(ctx, res.Tokens, account.SessionOptions{Username: res.Username})
}

// A user signs up, receives a code by e-mail and confirms. SECRET_HASH is
// computed for every call, since the app client has a secret.
func ExampleClient_SignUp() {
	f, client, _ := example()
	ctx := context.Background()

	_, err := client.SignUp(ctx, account.Registration{
		Username: "bob",
		Password: "Corr3ct-Horse",
		Attributes: map[string]string{
			"email":                "bob@example.com",
			account.Custom("plan"): "free", // custom:plan, if the pool declares it
		},
	})
	fmt.Println(err) // the pool has no custom:plan attribute
	res, err := client.SignUp(ctx, account.Registration{
		Username: "bob", Password: "Corr3ct-Horse", Attributes: map[string]string{"email": "bob@example.com"},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("confirmed:", res.Confirmed, "- code sent by", res.Delivery.DeliveryMedium, "to", res.Delivery.Destination)

	err = client.ConfirmSignUp(ctx, "bob", "000000")
	fmt.Println("wrong code:", errors.Is(err, transport.ErrCodeMismatch))

	code := f.Outbox().LastCode("bob") // what bob reads in his mailbox
	fmt.Println("right code:", client.ConfirmSignUp(ctx, "bob", code))
	// Output:
	// account: sign-up: cognito: InvalidParameterException: Attributes did not conform to the schema: Type for attribute {custom:plan} could not be determined
	// confirmed: false - code sent by EMAIL to b***@e***
	// wrong code: true
	// right code: <nil>
}

// A user who forgot the password asks for a code and sets a new one.
func ExampleClient_ForgotPassword() {
	f, client, admin := example()
	ctx := context.Background()
	f.MustCreateUser(admin.PoolID, "carol", "Corr3ct-Horse", transport.Attr("email", "carol@example.com"))

	d, err := client.ForgotPassword(ctx, "carol")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("code sent to", d.Destination)

	code := f.Outbox().LastCode("carol")
	err = client.ConfirmForgotPassword(ctx, "carol", code, "short")
	fmt.Println("weak password refused:", errors.Is(err, transport.ErrInvalidPassword))
	fmt.Println("new password set:", client.ConfirmForgotPassword(ctx, "carol", code, "N3w-Battery-Staple"))
	// Output:
	// code sent to c***@e***
	// weak password refused: true
	// new password set: <nil>
}

// A signed-in user reads and updates its profile. Attributes are a map,
// in and out.
func ExampleSession_UpdateAttributes() {
	f, client, admin := example()
	ctx := context.Background()
	s, err := exampleSession(ctx, f, client, admin)
	if err != nil {
		fmt.Println(err)
		return
	}

	sent, err := s.UpdateAttributes(ctx, map[string]string{"name": "Alice Liddell", "email": "alice@example.org"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("verify the new", sent[0].AttributeName, "with the code sent to", sent[0].Destination)
	if err := s.VerifyAttribute(ctx, "email", f.Outbox().LastCode("alice")); err != nil {
		fmt.Println(err)
		return
	}

	u, err := s.User(ctx)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(u.Username, u.Attributes["name"], u.Attributes["email"], u.Attributes["email_verified"])
	// Output:
	// verify the new email with the code sent to a***@e***
	// alice Alice Liddell alice@example.org true
}

// A signed-in user sets up an authenticator app and makes it its MFA.
func ExampleSession_AssociateSoftwareToken() {
	f, client, admin := example()
	ctx := context.Background()
	s, err := exampleSession(ctx, f, client, admin)
	if err != nil {
		fmt.Println(err)
		return
	}

	secret, err := s.AssociateSoftwareToken(ctx)
	if err != nil {
		fmt.Println(err)
		return
	}
	// Show secret.URI as a QR code; the app then shows codes.
	fmt.Println(strings.Split(secret.URI, "?")[0])
	code, _ := fakecognito.TOTPCode(secret.Secret, time.Now()) // what the app shows
	if err := s.VerifySoftwareToken(ctx, code, "my phone"); err != nil {
		fmt.Println(err)
		return
	}
	err = s.SetMFAPreference(ctx, account.MFAPreference{SoftwareToken: account.Enable, Preferred: transport.MFASoftwareToken})
	if err != nil {
		fmt.Println(err)
		return
	}
	u, err := s.User(ctx)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("MFA:", u.MFA.Enabled, "preferred:", u.MFA.Preferred)
	// Output:
	// otpauth://totp/Example:alice@example.com
	// MFA: [SOFTWARE_TOKEN_MFA] preferred: SOFTWARE_TOKEN_MFA
}

// An administrator invites a user, puts it in a group and lists the
// group's members.
func ExampleAdmin_CreateUser() {
	f, _, admin := example()
	ctx := context.Background()

	u, err := admin.CreateUser(ctx, account.NewUser{
		Username:        "dave",
		Attributes:      map[string]string{"email": "dave@example.com", "email_verified": "true"},
		DeliveryMediums: []string{transport.MediumEmail}, // the temporary password goes by e-mail
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	invite, _ := f.Outbox().Last("dave")
	fmt.Println(u.Username, u.Status, "- invitation by", invite.Medium)

	precedence := int32(1)
	if _, err := admin.CreateGroup(ctx, account.Group{Name: "editors", Precedence: &precedence}); err != nil {
		fmt.Println(err)
		return
	}
	if err := admin.AddUserToGroup(ctx, "dave", "editors"); err != nil {
		fmt.Println(err)
		return
	}
	for m, err := range admin.UsersInGroup(ctx, "editors") {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println("editor:", m.Username, m.Attributes["email"])
	}
	groups, err := account.Collect(admin.GroupsForUser(ctx, "dave"))
	fmt.Println(len(groups), groups[0].Name, err)
	// Output:
	// dave FORCE_CHANGE_PASSWORD - invitation by EMAIL
	// editor: dave dave@example.com
	// 1 editors <nil>
}

// Users lists a pool's users through every page; FilterEquals quotes the
// value for Cognito's filter syntax.
func ExampleAdmin_Users() {
	f, _, admin := example()
	for _, name := range []string{"erin", "frank", "grace"} {
		f.MustCreateUser(admin.PoolID, name, "Corr3ct-Horse", transport.Attr("email", name+"@example.com"))
	}
	ctx := context.Background()
	for u, err := range admin.Users(ctx, account.UserQuery{Filter: account.FilterEquals("email", "frank@example.com")}) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(u.Username, u.Status)
	}
	// Output:
	// frank CONFIRMED
}

// On an app client that rotates refresh tokens, each refresh brings a new
// refresh token. SessionOptions.Store receives it, so that a program that
// keeps the refresh token across restarts always has the one that works.
func ExampleSessionOptions_store() {
	ctx := context.Background()
	f := fakecognito.New(fakecognito.Options{})
	pool := f.MustCreatePool(transport.CreateUserPoolInput{PoolName: "example"})
	app := f.MustCreateClient(transport.CreateUserPoolClientInput{UserPoolID: pool.ID, ClientSettings: transport.ClientSettings{
		ClientName:           "mobile",
		ExplicitAuthFlows:    []string{transport.AllowUserSRPAuth},
		RefreshTokenRotation: &transport.RefreshTokenRotation{Feature: transport.RotationEnabled, RetryGracePeriodSeconds: 10},
	}})
	f.MustCreateUser(pool.ID, "alice", "Corr3ct-Horse")
	res, err := engine.Authenticate(ctx, engine.Config{PoolID: pool.ID, ClientID: app.ClientID, Transport: f},
		engine.Credentials{Username: "alice", Password: "Corr3ct-Horse"})
	if err != nil {
		fmt.Println(err)
		return
	}
	client := &account.Client{Cognito: f, ClientID: app.ClientID}

	saved := res.Tokens.RefreshToken
	s, err := client.NewSession(ctx, res.Tokens, account.SessionOptions{
		Store: tokens.StoreFunc(func(_ context.Context, refreshToken string) error {
			saved = refreshToken // write it where the next start reads it
			return nil
		}),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	if _, err := s.Refresh(ctx); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("saved a new refresh token:", saved != res.Tokens.RefreshToken)
	// Output: saved a new refresh token: true
}

// A signed-in user adds a passkey: the options go to the browser's
// navigator.credentials.create and what it returns comes back unchanged.
// Here a software authenticator plays the browser.
func ExampleSession_StartPasskeyRegistration() {
	f := fakecognito.New(fakecognito.Options{})
	ctx := context.Background()
	pool := f.MustCreatePool(transport.CreateUserPoolInput{PoolName: "example", PoolSettings: transport.PoolSettings{
		Policies: &transport.PoolPolicies{SignInPolicy: &transport.SignInPolicy{
			AllowedFirstAuthFactors: []string{transport.FactorPassword, transport.FactorWebAuthn}}}}})
	if _, err := f.SetUserPoolMfaConfig(ctx, &transport.UserPoolMfaConfig{UserPoolID: pool.ID,
		WebAuthnConfiguration: &transport.WebAuthnConfiguration{RelyingPartyID: "example.com"}}); err != nil {
		fmt.Println(err)
		return
	}
	app := f.MustCreateClient(transport.CreateUserPoolClientInput{UserPoolID: pool.ID,
		ClientSettings: transport.ClientSettings{ClientName: "web",
			ExplicitAuthFlows: []string{transport.AllowUserSRPAuth, transport.AllowUserAuth, transport.AllowRefreshTokenAuth}}})
	client := &account.Client{Cognito: f, ClientID: app.ClientID}
	f.MustCreateUser(pool.ID, "alice", "Corr3ct-Horse")
	res, err := engine.Authenticate(ctx, engine.Config{PoolID: pool.ID, ClientID: app.ClientID, Transport: f},
		engine.Credentials{Username: "alice", Password: "Corr3ct-Horse"})
	if err != nil {
		fmt.Println(err)
		return
	}
	session, err := client.NewSession(ctx, res.Tokens, account.SessionOptions{Username: res.Username})
	if err != nil {
		fmt.Println(err)
		return
	}

	options, err := session.StartPasskeyRegistration(ctx)
	if err != nil {
		fmt.Println(err)
		return
	}
	browser, _ := webauthntest.New(webauthntest.ES256, nil)
	credential, err := browser.Create(options, "https://example.com")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(session.CompletePasskeyRegistration(ctx, credential))

	for pk, err := range session.Passkeys(ctx) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(pk.RelyingPartyID, pk.Attachment, pk.ID == browser.CredentialID())
		fmt.Println(session.DeletePasskey(ctx, pk.ID))
	}
	// Output:
	// <nil>
	// example.com platform true
	// <nil>
}
