package tokens_test

import (
	"context"
	"fmt"

	"github.com/gocognito/gocognito/engine"
	"github.com/gocognito/gocognito/fakecognito"
	"github.com/gocognito/gocognito/tokens"
	"github.com/gocognito/gocognito/transport"
)

// exampleLogin logs alice in to a fake Cognito and returns the fake, the
// engine's configuration and the login's result.
func exampleLogin() (*fakecognito.Fake, engine.Config, *engine.Result) {
	f := fakecognito.New(fakecognito.Options{})
	pool := f.MustCreatePool(transport.CreateUserPoolInput{PoolName: "example"})
	client := f.MustCreateClient(transport.CreateUserPoolClientInput{UserPoolID: pool.ID, GenerateSecret: true,
		ClientSettings: transport.ClientSettings{ClientName: "api", ExplicitAuthFlows: []string{transport.AllowUserSRPAuth, transport.AllowRefreshTokenAuth}}})
	f.MustCreateUser(pool.ID, "alice", "Correct-Horse-1", transport.Attr("email", "alice@example.com"))
	cfg := engine.Config{PoolID: pool.ID, ClientID: client.ClientID, ClientSecret: client.ClientSecret, Transport: f}
	res, err := engine.Authenticate(context.Background(), cfg, engine.Credentials{Username: "alice", Password: "Correct-Horse-1"})
	if err != nil {
		panic(err)
	}
	return f, cfg, res
}

// A resource server checks the tokens it is sent. Against real Cognito,
// tokens.NewVerifier(issuer, clientID) fetches the pool's keys over HTTP;
// here the fake's key set is handed over directly.
func ExampleVerifier() {
	f, cfg, res := exampleLogin()
	jwks, err := f.JWKS(cfg.PoolID)
	if err != nil {
		fmt.Println(err)
		return
	}
	keys, err := tokens.NewStaticKeySet(jwks)
	if err != nil {
		fmt.Println(err)
		return
	}
	v := &tokens.Verifier{Issuer: f.Issuer(cfg.PoolID), ClientID: cfg.ClientID, Keys: keys}

	id, err := v.VerifyID(context.Background(), res.Tokens.IDToken)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(id.TokenUse, id.Username, id.String("email"))

	// An access token is not an ID token.
	_, err = v.VerifyID(context.Background(), res.Tokens.AccessToken)
	fmt.Println(err)
	// Output:
	// id alice alice@example.com
	// tokens: wrong token_use: "access"
}

// A Source keeps the tokens fresh (with GetTokensFromRefreshToken, which
// the fake and the SDK adapter offer) and plugs into anything that takes an
// oauth2.TokenSource, such as oauth2.NewClient. A client without rotation
// keeps its refresh token.
func ExampleSource() {
	_, cfg, res := exampleLogin()
	src, err := tokens.NewSource(context.Background(), tokens.SourceConfig{
		Transport:    cfg.Transport,
		ClientID:     cfg.ClientID,
		ClientSecret: cfg.ClientSecret,
	}, res.Tokens)
	if err != nil {
		fmt.Println(err)
		return
	}
	tok, err := src.Refresh(context.Background())
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(tok.TokenType, tok.AccessToken != res.Tokens.AccessToken, tok.RefreshToken == res.Tokens.RefreshToken, tokens.IDToken(tok) != "")
	// Output: Bearer true true true
}

// An app client with refresh-token rotation answers every refresh with a
// new refresh token and soon refuses the old one: a program that keeps the
// refresh token across restarts saves each new one through the Source's
// Store, here a function.
func ExampleStoreFunc() {
	f := fakecognito.New(fakecognito.Options{})
	pool := f.MustCreatePool(transport.CreateUserPoolInput{PoolName: "example"})
	client := f.MustCreateClient(transport.CreateUserPoolClientInput{UserPoolID: pool.ID, ClientSettings: transport.ClientSettings{
		ClientName:           "mobile",
		ExplicitAuthFlows:    []string{transport.AllowUserSRPAuth}, // a rotating client has no ALLOW_REFRESH_TOKEN_AUTH
		RefreshTokenRotation: &transport.RefreshTokenRotation{Feature: transport.RotationEnabled, RetryGracePeriodSeconds: 10},
	}})
	f.MustCreateUser(pool.ID, "alice", "Correct-Horse-1")
	ctx := context.Background()
	res, err := engine.Authenticate(ctx, engine.Config{PoolID: pool.ID, ClientID: client.ClientID, Transport: f},
		engine.Credentials{Username: "alice", Password: "Correct-Horse-1"})
	if err != nil {
		fmt.Println(err)
		return
	}

	saved := res.Tokens.RefreshToken // what the program stored after the login
	src, err := tokens.NewSource(ctx, tokens.SourceConfig{
		Transport: f,
		ClientID:  client.ClientID,
		Store: tokens.StoreFunc(func(_ context.Context, refreshToken string) error {
			saved = refreshToken // a file, a keychain, a database row
			return nil
		}),
	}, res.Tokens)
	if err != nil {
		fmt.Println(err)
		return
	}
	tok, err := src.Refresh(ctx)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("rotated:", saved != res.Tokens.RefreshToken)
	fmt.Println("kept:", tok.RefreshToken == saved && src.RefreshToken() == saved)
	// Output:
	// rotated: true
	// kept: true
}
