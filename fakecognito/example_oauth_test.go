package fakecognito_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"strings"

	"golang.org/x/oauth2/clientcredentials"

	"github.com/gocognito/gocognito/fakecognito"
	"github.com/gocognito/gocognito/transport"
)

// The fake serves the OAuth 2.0 endpoints of every pool that has a domain
// at its own address: here a machine client gets an access token with
// client_credentials from {base}/oauth2/token, through golang.org/x/oauth2.
func Example_oauth2ClientCredentials() {
	f := fakecognito.New(fakecognito.Options{})
	srv := httptest.NewServer(f)
	defer srv.Close()
	f.SetIssuerBase(srv.URL) // the base stands for the pool's domain too
	ctx := context.Background()

	pool := f.MustCreatePool(transport.CreateUserPoolInput{PoolName: "api"})
	if _, err := f.CreateUserPoolDomain(ctx, &transport.CreateUserPoolDomainInput{UserPoolID: pool.ID, Domain: "example"}); err != nil {
		fmt.Println(err)
		return
	}
	if _, err := f.CreateResourceServer(ctx, &transport.ResourceServerInput{UserPoolID: pool.ID,
		Identifier: "https://api.example.com", Name: "api",
		Scopes: []transport.ResourceServerScope{{ScopeName: "read", ScopeDescription: "read things"}}}); err != nil {
		fmt.Println(err)
		return
	}
	machine := f.MustCreateClient(transport.CreateUserPoolClientInput{UserPoolID: pool.ID, GenerateSecret: true,
		ClientSettings: transport.ClientSettings{ClientName: "machine", AllowedOAuthFlowsUserPoolClient: true,
			AllowedOAuthFlows: []string{"client_credentials"}, AllowedOAuthScopes: []string{"https://api.example.com/read"}}})

	cfg := clientcredentials.Config{ClientID: machine.ClientID, ClientSecret: machine.ClientSecret,
		TokenURL: srv.URL + "/oauth2/token"}
	tok, err := cfg.Token(ctx)
	if err != nil {
		fmt.Println(err)
		return
	}
	// Read the claims (a resource server would verify them against the
	// JWKS at the issuer).
	payload, _ := base64.RawURLEncoding.DecodeString(strings.Split(tok.AccessToken, ".")[1])
	var claims map[string]any
	_ = json.Unmarshal(payload, &claims)
	fmt.Println(tok.TokenType, claims["token_use"], claims["scope"], claims["sub"] == machine.ClientID)
	// Output: Bearer access https://api.example.com/read true
}
