package fakecognito

import (
	"testing"

	"github.com/gocognito/gocognito/transport"
)

func TestClientOAuthSettings(t *testing.T) {
	web := func(mod func(*transport.ClientSettings)) transport.ClientSettings {
		s := transport.ClientSettings{
			ClientName: "web", AllowedOAuthFlowsUserPoolClient: true,
			AllowedOAuthFlows: []string{"code"}, AllowedOAuthScopes: []string{"openid", "email"},
			CallbackURLs: []string{"https://app.example.com/cb"}, SupportedIdentityProviders: []string{"COGNITO"},
		}
		if mod != nil {
			mod(&s)
		}
		return s
	}
	tests := []struct {
		name   string
		s      transport.ClientSettings
		secret bool
		code   string // "" when Cognito accepts the settings
	}{
		{"code with openid", web(nil), false, ""},
		{"code and implicit, with logout and default", web(func(s *transport.ClientSettings) {
			s.AllowedOAuthFlows = []string{"code", "implicit"}
			s.LogoutURLs = []string{"https://app.example.com/bye"}
			s.DefaultRedirectURI = "https://app.example.com/cb"
		}), false, ""},
		{"http on localhost", web(func(s *transport.ClientSettings) {
			s.CallbackURLs = []string{"http://localhost:3000/cb", "http://127.0.0.1/cb", "http://[::1]:8080/cb"}
		}), false, ""},
		{"app scheme", web(func(s *transport.ClientSettings) { s.CallbackURLs = []string{"myapp://callback"} }), false, ""},
		{"custom scope", web(func(s *transport.ClientSettings) {
			s.AllowedOAuthScopes = []string{"openid", "https://api.example.com/read"}
		}), false, ""},
		{"client_credentials with secret", web(func(s *transport.ClientSettings) {
			s.AllowedOAuthFlows = []string{"client_credentials"}
			s.AllowedOAuthScopes = []string{"https://api.example.com/read"}
			s.CallbackURLs = nil
		}), true, ""},
		{"no OAuth at all", transport.ClientSettings{ClientName: "sdk"}, false, ""},

		{"unknown flow", web(func(s *transport.ClientSettings) { s.AllowedOAuthFlows = []string{"password"} }), false, "InvalidParameterException"},
		{"client_credentials with code", web(func(s *transport.ClientSettings) {
			s.AllowedOAuthFlows = []string{"client_credentials", "code"}
			s.AllowedOAuthScopes = []string{"https://api.example.com/read"}
		}), true, "InvalidParameterException"},
		{"client_credentials without secret", web(func(s *transport.ClientSettings) {
			s.AllowedOAuthFlows = []string{"client_credentials"}
			s.AllowedOAuthScopes = []string{"https://api.example.com/read"}
		}), false, "InvalidParameterException"},
		{"client_credentials with openid", web(func(s *transport.ClientSettings) {
			s.AllowedOAuthFlows = []string{"client_credentials"}
		}), true, "InvalidParameterException"},
		{"unknown standard-looking scope", web(func(s *transport.ClientSettings) { s.AllowedOAuthScopes = []string{"address"} }), false, "ScopeDoesNotExistException"},
		{"scope of no resource server", web(func(s *transport.ClientSettings) { s.AllowedOAuthScopes = []string{"other/read"} }), false, "ScopeDoesNotExistException"},
		{"unknown scope of a resource server", web(func(s *transport.ClientSettings) { s.AllowedOAuthScopes = []string{"https://api.example.com/delete"} }), false, "ScopeDoesNotExistException"},
		{"http off loopback", web(func(s *transport.ClientSettings) { s.CallbackURLs = []string{"http://app.example.com/cb"} }), false, "InvalidParameterException"},
		{"relative callback", web(func(s *transport.ClientSettings) { s.CallbackURLs = []string{"/cb"} }), false, "InvalidParameterException"},
		{"callback with fragment", web(func(s *transport.ClientSettings) { s.CallbackURLs = []string{"https://app.example.com/cb#x"} }), false, "InvalidParameterException"},
		{"http logout off loopback", web(func(s *transport.ClientSettings) { s.LogoutURLs = []string{"http://app.example.com/"} }), false, "InvalidParameterException"},
		{"code without callback", web(func(s *transport.ClientSettings) { s.CallbackURLs = nil }), false, "InvalidParameterException"},
		{"default redirect not a callback", web(func(s *transport.ClientSettings) { s.DefaultRedirectURI = "https://other.example.com/" }), false, "InvalidParameterException"},
		{"unknown identity provider", web(func(s *transport.ClientSettings) { s.SupportedIdentityProviders = []string{"COGNITO", "Google"} }), false, "InvalidParameterException"},
		{"OAuth settings without the flag", web(func(s *transport.ClientSettings) { s.AllowedOAuthFlowsUserPoolClient = false }), false, "InvalidParameterException"},
		{"flag without flows", web(func(s *transport.ClientSettings) { s.AllowedOAuthFlows = nil }), false, "InvalidParameterException"},
		{"flag without scopes", web(func(s *transport.ClientSettings) { s.AllowedOAuthScopes = nil }), false, "InvalidParameterException"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, envOpts{})
			if _, err := e.cog.CreateResourceServer(e.ctx, &transport.ResourceServerInput{UserPoolID: e.pool.ID, Identifier: "https://api.example.com", Name: "API",
				Scopes: []transport.ResourceServerScope{{ScopeName: "read", ScopeDescription: "Read"}}}); err != nil {
				t.Fatal(err)
			}
			out, err := e.cog.CreateUserPoolClient(e.ctx, &transport.CreateUserPoolClientInput{UserPoolID: e.pool.ID, GenerateSecret: tt.secret, ClientSettings: tt.s})
			if tt.code != "" {
				wantErr(t, err, tt.code, "")
			} else if err != nil {
				t.Fatalf("CreateUserPoolClient: %v", err)
			} else if got := out.UserPoolClient; got.AllowedOAuthFlowsUserPoolClient != tt.s.AllowedOAuthFlowsUserPoolClient || len(got.AllowedOAuthScopes) != len(tt.s.AllowedOAuthScopes) || len(got.CallbackURLs) != len(tt.s.CallbackURLs) {
				t.Fatalf("client %+v does not carry the OAuth settings", got)
			}
			// UpdateUserPoolClient applies the same rules to the env's
			// client, which has no secret.
			if tt.secret {
				return
			}
			_, err = e.cog.UpdateUserPoolClient(e.ctx, &transport.UpdateUserPoolClientInput{UserPoolID: e.pool.ID, ClientID: e.client.ClientID, ClientSettings: tt.s})
			if tt.code != "" {
				wantErr(t, err, tt.code, "")
			} else if err != nil {
				t.Fatalf("UpdateUserPoolClient: %v", err)
			}
		})
	}
}
