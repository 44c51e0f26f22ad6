package main

import (
	"context"
	"testing"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2/clientcredentials"
)

// TestServeOAuth checks that serve, with the example seed (whose pool has
// a domain), serves the OAuth endpoints at its own address: an OpenID
// client discovers them at the issuer, and the seed's machine client gets a
// client_credentials token.
func TestServeOAuth(t *testing.T) {
	s := serveInProcess(t, "--seed", seedExample(t))
	pools, clients := s.ids(t)
	ctx := context.Background()
	provider, err := oidc.NewProvider(ctx, s.url+"/"+pools["app"])
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ name, got, want string }{
		{"authorization_endpoint", provider.Endpoint().AuthURL, s.url + "/oauth2/authorize"},
		{"token_endpoint", provider.Endpoint().TokenURL, s.url + "/oauth2/token"},
		{"userinfo_endpoint", provider.UserInfoEndpoint(), s.url + "/oauth2/userInfo"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s = %q, want %q", tt.name, tt.got, tt.want)
		}
	}
	cfg := clientcredentials.Config{ClientID: clients["backend"], ClientSecret: "examplebackendsecret", TokenURL: provider.Endpoint().TokenURL}
	tok, err := cfg.Token(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if tok.AccessToken == "" || tok.TokenType != "Bearer" {
		t.Errorf("token %+v", tok)
	}
}
