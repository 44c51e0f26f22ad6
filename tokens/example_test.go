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

// A Source keeps the tokens fresh with REFRESH_TOKEN_AUTH and plugs into
// anything that takes an oauth2.TokenSource, such as oauth2.NewClient.
func ExampleSource() {
	_, cfg, res := exampleLogin()
	src, err := tokens.NewSource(context.Background(), tokens.SourceConfig{
		Transport:    cfg.Transport,
		ClientID:     cfg.ClientID,
		ClientSecret: cfg.ClientSecret,
		Username:     res.Username, // SECRET_HASH is over the name Cognito knows
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
