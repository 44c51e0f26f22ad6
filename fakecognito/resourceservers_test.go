package fakecognito

import (
	"fmt"
	"strings"
	"testing"

	"github.com/gocognito/gocognito/transport"
)

func TestResourceServerLifecycle(t *testing.T) {
	e := newEnv(t, envOpts{})
	in := &transport.ResourceServerInput{UserPoolID: e.pool.ID, Identifier: "https://api.example.com", Name: "API",
		Scopes: []transport.ResourceServerScope{{ScopeName: "read", ScopeDescription: "Read"}, {ScopeName: "write", ScopeDescription: "Write"}}}
	out, err := e.cog.CreateResourceServer(e.ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	rs := out.ResourceServer
	if rs.UserPoolID != e.pool.ID || rs.Identifier != in.Identifier || rs.Name != "API" || len(rs.Scopes) != 2 || rs.Scopes[1].ScopeName != "write" {
		t.Fatalf("create = %+v", rs)
	}
	_, err = e.cog.CreateResourceServer(e.ctx, in)
	wantErr(t, err, "InvalidParameterException", "https://api.example.com already exists in user pool "+e.pool.ID+".")

	up, err := e.cog.UpdateResourceServer(e.ctx, &transport.ResourceServerInput{UserPoolID: e.pool.ID, Identifier: in.Identifier, Name: "Renamed",
		Scopes: []transport.ResourceServerScope{{ScopeName: "admin", ScopeDescription: "Everything"}}})
	if err != nil {
		t.Fatal(err)
	}
	if up.ResourceServer.Name != "Renamed" || len(up.ResourceServer.Scopes) != 1 || up.ResourceServer.Scopes[0].ScopeName != "admin" {
		t.Fatalf("update = %+v, want the name and scopes replaced", up.ResourceServer)
	}
	d, err := e.cog.DescribeResourceServer(e.ctx, &transport.ResourceServerRef{UserPoolID: e.pool.ID, Identifier: in.Identifier})
	if err != nil {
		t.Fatal(err)
	}
	if d.ResourceServer.Name != "Renamed" {
		t.Fatalf("describe = %+v", d.ResourceServer)
	}
	if _, err := e.cog.DeleteResourceServer(e.ctx, &transport.ResourceServerRef{UserPoolID: e.pool.ID, Identifier: in.Identifier}); err != nil {
		t.Fatal(err)
	}
	_, err = e.cog.DescribeResourceServer(e.ctx, &transport.ResourceServerRef{UserPoolID: e.pool.ID, Identifier: in.Identifier})
	wantErr(t, err, "ResourceNotFoundException", "")
	_, err = e.cog.DeleteResourceServer(e.ctx, &transport.ResourceServerRef{UserPoolID: e.pool.ID, Identifier: in.Identifier})
	wantErr(t, err, "ResourceNotFoundException", "")
	_, err = e.cog.UpdateResourceServer(e.ctx, in)
	wantErr(t, err, "ResourceNotFoundException", "")
}

func TestResourceServerRefusals(t *testing.T) {
	scopes := func(n int) []transport.ResourceServerScope {
		s := make([]transport.ResourceServerScope, n)
		for i := range s {
			s[i] = transport.ResourceServerScope{ScopeName: fmt.Sprintf("s%d", i), ScopeDescription: "d"}
		}
		return s
	}
	tests := []struct {
		name string
		in   transport.ResourceServerInput
		code string
	}{
		{"missing identifier", transport.ResourceServerInput{Name: "n"}, "InvalidParameterException"},
		{"missing name", transport.ResourceServerInput{Identifier: "api"}, "InvalidParameterException"},
		{"identifier with a space", transport.ResourceServerInput{Identifier: "my api", Name: "n"}, "InvalidParameterException"},
		{"identifier with a quote", transport.ResourceServerInput{Identifier: `a"b`, Name: "n"}, "InvalidParameterException"},
		{"identifier too long", transport.ResourceServerInput{Identifier: strings.Repeat("a", 257), Name: "n"}, "InvalidParameterException"},
		{"name with a slash", transport.ResourceServerInput{Identifier: "api", Name: "a/b"}, "InvalidParameterException"},
		{"scope with a slash", transport.ResourceServerInput{Identifier: "api", Name: "n", Scopes: []transport.ResourceServerScope{{ScopeName: "a/b", ScopeDescription: "d"}}}, "InvalidParameterException"},
		{"scope without description", transport.ResourceServerInput{Identifier: "api", Name: "n", Scopes: []transport.ResourceServerScope{{ScopeName: "read"}}}, "InvalidParameterException"},
		{"duplicate scope", transport.ResourceServerInput{Identifier: "api", Name: "n", Scopes: []transport.ResourceServerScope{{ScopeName: "read", ScopeDescription: "d"}, {ScopeName: "read", ScopeDescription: "e"}}}, "InvalidParameterException"},
		{"101 scopes", transport.ResourceServerInput{Identifier: "api", Name: "n", Scopes: scopes(101)}, "InvalidParameterException"},
		{"unknown pool", transport.ResourceServerInput{UserPoolID: "us-east-1_nothere", Identifier: "api", Name: "n"}, "ResourceNotFoundException"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, envOpts{})
			if tt.in.UserPoolID == "" {
				tt.in.UserPoolID = e.pool.ID
			}
			_, err := e.cog.CreateResourceServer(e.ctx, &tt.in)
			wantErr(t, err, tt.code, "")
		})
	}
	t.Run("100 scopes", func(t *testing.T) {
		e := newEnv(t, envOpts{})
		if _, err := e.cog.CreateResourceServer(e.ctx, &transport.ResourceServerInput{UserPoolID: e.pool.ID, Identifier: "api", Name: "n", Scopes: scopes(100)}); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("26th resource server", func(t *testing.T) {
		e := newEnv(t, envOpts{})
		for i := range maxResourceServers {
			if _, err := e.cog.CreateResourceServer(e.ctx, &transport.ResourceServerInput{UserPoolID: e.pool.ID, Identifier: fmt.Sprint("api", i), Name: "n"}); err != nil {
				t.Fatal(err)
			}
		}
		_, err := e.cog.CreateResourceServer(e.ctx, &transport.ResourceServerInput{UserPoolID: e.pool.ID, Identifier: "one-more", Name: "n"})
		wantErr(t, err, "LimitExceededException", "")
	})
}

func TestListResourceServersPages(t *testing.T) {
	e := newEnv(t, envOpts{})
	for i := range 5 {
		if _, err := e.cog.CreateResourceServer(e.ctx, &transport.ResourceServerInput{UserPoolID: e.pool.ID, Identifier: fmt.Sprint("api", i), Name: "n"}); err != nil {
			t.Fatal(err)
		}
	}
	var got []string
	tok := ""
	for pages := 0; ; pages++ {
		if pages > 5 {
			t.Fatal("pagination does not end")
		}
		out, err := e.cog.ListResourceServers(e.ctx, &transport.ListResourceServersInput{UserPoolID: e.pool.ID, MaxResults: 2, NextToken: tok})
		if err != nil {
			t.Fatal(err)
		}
		if len(out.ResourceServers) > 2 {
			t.Fatalf("page of %d, want at most 2", len(out.ResourceServers))
		}
		for _, rs := range out.ResourceServers {
			got = append(got, rs.Identifier)
		}
		if tok = out.NextToken; tok == "" {
			break
		}
	}
	if want := "api0 api1 api2 api3 api4"; strings.Join(got, " ") != want {
		t.Fatalf("listed %v, want %s", got, want)
	}
	_, err := e.cog.ListResourceServers(e.ctx, &transport.ListResourceServersInput{UserPoolID: e.pool.ID, MaxResults: 51})
	wantErr(t, err, "InvalidParameterException", "")
	_, err = e.cog.ListResourceServers(e.ctx, &transport.ListResourceServersInput{UserPoolID: e.pool.ID, NextToken: "garbage"})
	wantErr(t, err, "InvalidParameterException", "")
}
