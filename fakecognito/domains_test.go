package fakecognito

import (
	"bytes"
	"testing"

	"github.com/gocognito/gocognito/transport"
)

func TestUserPoolDomainLifecycle(t *testing.T) {
	e := newEnv(t, envOpts{})
	other := e.f.MustCreatePool(transport.CreateUserPoolInput{PoolName: "other"})

	out, err := e.cog.CreateUserPoolDomain(e.ctx, &transport.CreateUserPoolDomainInput{Domain: "my-app", UserPoolID: e.pool.ID})
	if err != nil {
		t.Fatal(err)
	}
	if out.CloudFrontDomain != "" || out.ManagedLoginVersion == nil || *out.ManagedLoginVersion != 1 {
		t.Fatalf("create = %+v, want no CloudFrontDomain and ManagedLoginVersion 1", out)
	}
	d, err := e.cog.DescribeUserPoolDomain(e.ctx, &transport.DescribeUserPoolDomainInput{Domain: "my-app"})
	if err != nil {
		t.Fatal(err)
	}
	dd := d.DomainDescription
	if dd == nil || dd.UserPoolID != e.pool.ID || dd.Domain != "my-app" || dd.Status != "ACTIVE" || dd.Version != "1" || *dd.ManagedLoginVersion != 1 || dd.AWSAccountID != accountID {
		t.Fatalf("describe = %+v", dd)
	}
	pool, err := e.cog.DescribeUserPool(e.ctx, &transport.PoolRef{UserPoolID: e.pool.ID})
	if err != nil {
		t.Fatal(err)
	}
	if pool.UserPool.Domain != "my-app" {
		t.Fatalf("DescribeUserPool Domain = %q, want my-app", pool.UserPool.Domain)
	}

	up, err := e.cog.UpdateUserPoolDomain(e.ctx, &transport.UpdateUserPoolDomainInput{Domain: "my-app", UserPoolID: e.pool.ID, ManagedLoginVersion: ptr[int32](2)})
	if err != nil {
		t.Fatal(err)
	}
	if *up.ManagedLoginVersion != 2 {
		t.Fatalf("update ManagedLoginVersion = %d, want 2", *up.ManagedLoginVersion)
	}
	d, _ = e.cog.DescribeUserPoolDomain(e.ctx, &transport.DescribeUserPoolDomainInput{Domain: "my-app"})
	if *d.DomainDescription.ManagedLoginVersion != 2 || d.DomainDescription.Version != "2" {
		t.Fatalf("after update = %+v", d.DomainDescription)
	}

	// Refusals once the domain exists.
	_, err = e.cog.CreateUserPoolDomain(e.ctx, &transport.CreateUserPoolDomainInput{Domain: "my-app", UserPoolID: other.ID})
	wantErr(t, err, "InvalidParameterException", "Domain already exists.")
	_, err = e.cog.CreateUserPoolDomain(e.ctx, &transport.CreateUserPoolDomainInput{Domain: "second", UserPoolID: e.pool.ID})
	wantErr(t, err, "InvalidParameterException", "User pool already has a domain configured.")
	_, err = e.cog.DeleteUserPoolDomain(e.ctx, &transport.DeleteUserPoolDomainInput{Domain: "my-app", UserPoolID: other.ID})
	wantErr(t, err, "InvalidParameterException", "No such domain or user pool exists.")

	_, err = e.cog.DeleteUserPool(e.ctx, &transport.PoolRef{UserPoolID: e.pool.ID})
	wantErr(t, err, "InvalidParameterException", "User pool cannot be deleted. It has a domain configured that should be deleted first.")

	if _, err := e.cog.DeleteUserPoolDomain(e.ctx, &transport.DeleteUserPoolDomainInput{Domain: "my-app", UserPoolID: e.pool.ID}); err != nil {
		t.Fatal(err)
	}
	d, err = e.cog.DescribeUserPoolDomain(e.ctx, &transport.DescribeUserPoolDomainInput{Domain: "my-app"})
	if err != nil || d.DomainDescription == nil || *d.DomainDescription != (transport.DomainDescription{}) {
		t.Fatalf("describe after delete = %+v, %v; want an empty description", d, err)
	}
	// The name is free again, for any pool.
	if _, err := e.cog.CreateUserPoolDomain(e.ctx, &transport.CreateUserPoolDomainInput{Domain: "my-app", UserPoolID: other.ID}); err != nil {
		t.Fatal(err)
	}
}

func TestUserPoolDomainRefusals(t *testing.T) {
	tests := []struct {
		name   string
		domain string
		pool   string // "" for the env's pool
		mlv    *int32
		code   string
		msg    string
	}{
		{"missing domain", "", "", nil, "InvalidParameterException", "Missing required parameter Domain"},
		{"upper case", "MyApp", "", nil, "InvalidParameterException", ""},
		{"leading hyphen", "-app", "", nil, "InvalidParameterException", ""},
		{"trailing hyphen", "app-", "", nil, "InvalidParameterException", ""},
		{"dot", "auth.example", "", nil, "InvalidParameterException", ""},
		{"64 characters", "a123456789012345678901234567890123456789012345678901234567890123", "", nil, "InvalidParameterException", ""},
		{"reserved aws", "my-aws-app", "", nil, "InvalidParameterException", "Domain cannot contain reserved word: aws"},
		{"reserved amazon", "amazonapp", "", nil, "InvalidParameterException", "Domain cannot contain reserved word: amazon"},
		{"reserved cognito", "mycognito", "", nil, "InvalidParameterException", "Domain cannot contain reserved word: cognito"},
		{"managed login version 3", "app", "", ptr[int32](3), "InvalidParameterException", "ManagedLoginVersion must be 1 or 2."},
		{"unknown pool", "app", "us-east-1_nothere", nil, "ResourceNotFoundException", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, envOpts{})
			pool := tt.pool
			if pool == "" {
				pool = e.pool.ID
			}
			_, err := e.cog.CreateUserPoolDomain(e.ctx, &transport.CreateUserPoolDomainInput{Domain: tt.domain, UserPoolID: pool, ManagedLoginVersion: tt.mlv})
			wantErr(t, err, tt.code, tt.msg)
		})
	}
}

func TestUpdateUserPoolDomainRefusals(t *testing.T) {
	e := newEnv(t, envOpts{})
	if _, err := e.cog.CreateUserPoolDomain(e.ctx, &transport.CreateUserPoolDomainInput{Domain: "app", UserPoolID: e.pool.ID}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		in   transport.UpdateUserPoolDomainInput
		code string
	}{
		{"other domain", transport.UpdateUserPoolDomainInput{Domain: "nope", UserPoolID: e.pool.ID}, "InvalidParameterException"},
		{"missing domain", transport.UpdateUserPoolDomainInput{UserPoolID: e.pool.ID}, "InvalidParameterException"},
		{"bad version", transport.UpdateUserPoolDomainInput{Domain: "app", UserPoolID: e.pool.ID, ManagedLoginVersion: ptr[int32](0)}, "InvalidParameterException"},
		{"unknown pool", transport.UpdateUserPoolDomainInput{Domain: "app", UserPoolID: "us-east-1_nothere"}, "ResourceNotFoundException"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := e.cog.UpdateUserPoolDomain(e.ctx, &tt.in)
			wantErr(t, err, tt.code, "")
		})
	}
}

// A domain and a resource server survive Save and Load, and the domain
// still holds its name against other pools.
func TestUserPoolDomainSaveLoad(t *testing.T) {
	e := newEnv(t, envOpts{})
	if _, err := e.cog.CreateResourceServer(e.ctx, &transport.ResourceServerInput{UserPoolID: e.pool.ID, Identifier: "api", Name: "API",
		Scopes: []transport.ResourceServerScope{{ScopeName: "read", ScopeDescription: "Read"}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.cog.CreateUserPoolDomain(e.ctx, &transport.CreateUserPoolDomainInput{Domain: "kept", UserPoolID: e.pool.ID, ManagedLoginVersion: ptr[int32](2)}); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := e.f.Save(&buf); err != nil {
		t.Fatal(err)
	}
	g := New(Options{Clock: e.clk.Now})
	if err := g.Load(&buf); err != nil {
		t.Fatal(err)
	}
	d, err := g.DescribeUserPoolDomain(e.ctx, &transport.DescribeUserPoolDomainInput{Domain: "kept"})
	if err != nil {
		t.Fatal(err)
	}
	if d.DomainDescription.UserPoolID != e.pool.ID || *d.DomainDescription.ManagedLoginVersion != 2 {
		t.Fatalf("after Load = %+v", d.DomainDescription)
	}
	rs, err := g.DescribeResourceServer(e.ctx, &transport.ResourceServerRef{UserPoolID: e.pool.ID, Identifier: "api"})
	if err != nil || len(rs.ResourceServer.Scopes) != 1 || rs.ResourceServer.Scopes[0].ScopeName != "read" {
		t.Fatalf("resource server after Load = %+v, %v", rs, err)
	}
	other := g.MustCreatePool(transport.CreateUserPoolInput{PoolName: "other"})
	_, err = g.CreateUserPoolDomain(e.ctx, &transport.CreateUserPoolDomainInput{Domain: "kept", UserPoolID: other.ID})
	wantErr(t, err, "InvalidParameterException", "Domain already exists.")
}
