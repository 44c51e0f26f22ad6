package conformance

import (
	"strings"
	"testing"

	"github.com/gocognito/gocognito/transport"
)

// oauthSetupScenarios manage what the OAuth 2.0 endpoints stand on: the
// pool's domain and its resource servers.
var oauthSetupScenarios = []Scenario{
	{Name: "pool domain lifecycle", Needs: NeedPool, Run: func(t *testing.T, tg Target) {
		fx := setup(t, tg, poolSpec{})
		c := tg.Cognito
		// A prefix unique to the pool: its id, lower case, with a hyphen.
		domain := "conf-" + strings.ToLower(strings.ReplaceAll(fx.poolID, "_", "-"))
		if _, err := c.CreateUserPoolDomain(fx.ctx, &transport.CreateUserPoolDomainInput{UserPoolID: fx.poolID, Domain: domain}); err != nil {
			t.Fatalf("CreateUserPoolDomain: %v", err)
		}
		d, err := c.DescribeUserPoolDomain(fx.ctx, &transport.DescribeUserPoolDomainInput{Domain: domain})
		if err != nil {
			t.Fatal(err)
		}
		if dd := d.DomainDescription; dd == nil || dd.UserPoolID != fx.poolID || dd.Domain != domain || dd.ManagedLoginVersion == nil {
			t.Fatalf("DomainDescription %+v, want the pool's %s", dd, domain)
		}
		p, err := c.DescribeUserPool(fx.ctx, &transport.PoolRef{UserPoolID: fx.poolID})
		if err != nil {
			t.Fatal(err)
		}
		if p.UserPool.Domain != domain {
			t.Errorf("DescribeUserPool Domain %q, want %s", p.UserPool.Domain, domain)
		}
		_, err = c.CreateUserPoolDomain(fx.ctx, &transport.CreateUserPoolDomainInput{UserPoolID: fx.poolID, Domain: domain + "-2"})
		wantErr(t, err, transport.ErrInvalidParameter, "")
		_, err = c.CreateUserPoolDomain(fx.ctx, &transport.CreateUserPoolDomainInput{UserPoolID: fx.poolID, Domain: "my-cognito-app"})
		wantErr(t, err, transport.ErrInvalidParameter, "")
		up, err := c.UpdateUserPoolDomain(fx.ctx, &transport.UpdateUserPoolDomainInput{UserPoolID: fx.poolID, Domain: domain, ManagedLoginVersion: new(int32(2))})
		if err != nil {
			t.Fatal(err)
		}
		if up.ManagedLoginVersion == nil || *up.ManagedLoginVersion != 2 {
			t.Errorf("UpdateUserPoolDomain ManagedLoginVersion %v, want 2", up.ManagedLoginVersion)
		}
		if _, err := c.DeleteUserPoolDomain(fx.ctx, &transport.DeleteUserPoolDomainInput{UserPoolID: fx.poolID, Domain: domain}); err != nil {
			t.Fatal(err)
		}
		d, err = c.DescribeUserPoolDomain(fx.ctx, &transport.DescribeUserPoolDomainInput{Domain: domain})
		if err != nil {
			t.Fatal(err)
		}
		if d.DomainDescription != nil && d.DomainDescription.Domain != "" {
			t.Errorf("after DeleteUserPoolDomain: %+v, want an empty description", d.DomainDescription)
		}
	}},
	{Name: "resource server lifecycle", Needs: NeedPool, Run: func(t *testing.T, tg Target) {
		fx := setup(t, tg, poolSpec{})
		c := tg.Cognito
		in := &transport.ResourceServerInput{UserPoolID: fx.poolID, Identifier: "https://api.example.com", Name: "API",
			Scopes: []transport.ResourceServerScope{{ScopeName: "read", ScopeDescription: "Read"}}}
		if _, err := c.CreateResourceServer(fx.ctx, in); err != nil {
			t.Fatalf("CreateResourceServer: %v", err)
		}
		_, err := c.CreateResourceServer(fx.ctx, in)
		wantErr(t, err, transport.ErrInvalidParameter, "")
		if _, err := c.CreateResourceServer(fx.ctx, &transport.ResourceServerInput{UserPoolID: fx.poolID, Identifier: "second", Name: "Second"}); err != nil {
			t.Fatal(err)
		}
		in.Scopes = append(in.Scopes, transport.ResourceServerScope{ScopeName: "write", ScopeDescription: "Write"})
		if _, err := c.UpdateResourceServer(fx.ctx, in); err != nil {
			t.Fatal(err)
		}
		d, err := c.DescribeResourceServer(fx.ctx, &transport.ResourceServerRef{UserPoolID: fx.poolID, Identifier: in.Identifier})
		if err != nil {
			t.Fatal(err)
		}
		if rs := d.ResourceServer; rs.UserPoolID != fx.poolID || rs.Name != "API" || len(rs.Scopes) != 2 || rs.Scopes[1].ScopeName != "write" {
			t.Fatalf("DescribeResourceServer %+v", rs)
		}
		var ids []string
		tok := ""
		for range 3 {
			l, err := c.ListResourceServers(fx.ctx, &transport.ListResourceServersInput{UserPoolID: fx.poolID, MaxResults: 1, NextToken: tok})
			if err != nil {
				t.Fatal(err)
			}
			for _, rs := range l.ResourceServers {
				ids = append(ids, rs.Identifier)
			}
			if tok = l.NextToken; tok == "" {
				break
			}
		}
		if len(ids) != 2 {
			t.Errorf("ListResourceServers by one listed %v, want both", ids)
		}
		if _, err := c.DeleteResourceServer(fx.ctx, &transport.ResourceServerRef{UserPoolID: fx.poolID, Identifier: in.Identifier}); err != nil {
			t.Fatal(err)
		}
		_, err = c.DescribeResourceServer(fx.ctx, &transport.ResourceServerRef{UserPoolID: fx.poolID, Identifier: in.Identifier})
		wantErr(t, err, transport.ErrResourceNotFound, "")
	}},
	{Name: "app client OAuth settings checked against the pool", Needs: NeedPool, Run: func(t *testing.T, tg Target) {
		fx := setup(t, tg, poolSpec{})
		c := tg.Cognito
		if _, err := c.CreateResourceServer(fx.ctx, &transport.ResourceServerInput{UserPoolID: fx.poolID, Identifier: "api", Name: "API",
			Scopes: []transport.ResourceServerScope{{ScopeName: "read", ScopeDescription: "Read"}}}); err != nil {
			t.Fatal(err)
		}
		web := transport.ClientSettings{ClientName: "web", AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: []string{"code"},
			AllowedOAuthScopes: []string{"openid", "api/read"}, CallbackURLs: []string{"https://app.example.com/cb"},
			DefaultRedirectURI: "https://app.example.com/cb", SupportedIdentityProviders: []string{"COGNITO"}}
		out, err := c.CreateUserPoolClient(fx.ctx, &transport.CreateUserPoolClientInput{UserPoolID: fx.poolID, ClientSettings: web})
		if err != nil {
			t.Fatalf("CreateUserPoolClient: %v", err)
		}
		if got := out.UserPoolClient; !got.AllowedOAuthFlowsUserPoolClient || len(got.AllowedOAuthScopes) != 2 || got.DefaultRedirectURI != web.DefaultRedirectURI {
			t.Fatalf("client %+v does not carry its OAuth settings", got)
		}
		web.AllowedOAuthScopes = []string{"openid", "api/write"}
		_, err = c.CreateUserPoolClient(fx.ctx, &transport.CreateUserPoolClientInput{UserPoolID: fx.poolID, ClientSettings: web})
		wantErr(t, err, transport.Kind("ScopeDoesNotExistException"), "")
		machine := transport.ClientSettings{ClientName: "machine", AllowedOAuthFlowsUserPoolClient: true,
			AllowedOAuthFlows: []string{"client_credentials"}, AllowedOAuthScopes: []string{"api/read"}}
		_, err = c.CreateUserPoolClient(fx.ctx, &transport.CreateUserPoolClientInput{UserPoolID: fx.poolID, ClientSettings: machine})
		wantErr(t, err, transport.ErrInvalidParameter, "")
		if _, err := c.CreateUserPoolClient(fx.ctx, &transport.CreateUserPoolClientInput{UserPoolID: fx.poolID, GenerateSecret: true, ClientSettings: machine}); err != nil {
			t.Fatalf("client_credentials with a secret: %v", err)
		}
	}},
}
