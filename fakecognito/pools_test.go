package fakecognito

import (
	"context"
	"regexp"
	"testing"

	"github.com/gocognito/gocognito/transport"
)

func TestIdentifierShapes(t *testing.T) {
	f := New(Options{Region: "eu-west-2"})
	pool := f.MustCreatePool(transport.CreateUserPoolInput{PoolName: "p"})
	client := f.MustCreateClient(transport.CreateUserPoolClientInput{UserPoolID: pool.ID, GenerateSecret: true,
		ClientSettings: transport.ClientSettings{ClientName: "c"}})
	for _, tt := range []struct {
		name, value, pattern string
	}{
		{"pool id", pool.ID, `^eu-west-2_[0-9A-Za-z]{9}$`},
		{"client id", client.ClientID, `^[0-9a-z]{26}$`},
		{"client secret", client.ClientSecret, `^[0-9a-z]{51}$`},
		{"pool ARN", pool.Arn, `^arn:aws:cognito-idp:eu-west-2:\d{12}:userpool/` + pool.ID + `$`},
	} {
		if !regexp.MustCompile(tt.pattern).MatchString(tt.value) {
			t.Errorf("%s = %q, want %s", tt.name, tt.value, tt.pattern)
		}
	}
	uuid, err := f.newUUID()
	if err != nil || !regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`).MatchString(uuid) {
		t.Errorf("uuid = %q, %v", uuid, err)
	}
}

func TestDeterministicRand(t *testing.T) {
	ids := func() (string, string) {
		f := New(Options{Rand: &countingReader{}})
		p := f.MustCreatePool(transport.CreateUserPoolInput{PoolName: "p"})
		c := f.MustCreateClient(transport.CreateUserPoolClientInput{UserPoolID: p.ID, ClientSettings: transport.ClientSettings{ClientName: "c"}})
		return p.ID, c.ClientID
	}
	p1, c1 := ids()
	p2, c2 := ids()
	if p1 != p2 || c1 != c2 {
		t.Errorf("the same Rand gave %s/%s then %s/%s", p1, c1, p2, c2)
	}
}

// countingReader yields 0, 1, 2, ... as bytes: deterministic, for tests only.
type countingReader struct{ n byte }

func (r *countingReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = r.n
		r.n++
	}
	return len(p), nil
}

func TestPoolLifecycle(t *testing.T) {
	f := New(Options{})
	ctx := context.Background()
	var ids []string
	for _, name := range []string{"a", "b", "c"} {
		out, err := f.CreateUserPool(ctx, &transport.CreateUserPoolInput{PoolName: name})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, out.UserPool.ID)
	}
	seen := map[string]bool{}
	tok := ""
	for {
		out, err := f.ListUserPools(ctx, &transport.ListUserPoolsInput{MaxResults: 2, NextToken: tok})
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range out.UserPools {
			seen[p.ID] = true
		}
		if tok = out.NextToken; tok == "" {
			break
		}
	}
	if len(seen) != 3 {
		t.Errorf("ListUserPools saw %d pools, want 3", len(seen))
	}
	_, err := f.ListUserPools(ctx, &transport.ListUserPoolsInput{})
	wantErr(t, err, "InvalidParameterException", "")

	// UpdateUserPool resets what it leaves out; deletion protection holds.
	if _, err := f.UpdateUserPool(ctx, &transport.UpdateUserPoolInput{UserPoolID: ids[0], PoolSettings: transport.PoolSettings{
		DeletionProtection: "ACTIVE", Policies: &transport.PoolPolicies{PasswordPolicy: &transport.PasswordPolicy{MinimumLength: 12}},
	}}); err != nil {
		t.Fatal(err)
	}
	d, err := f.DescribeUserPool(ctx, &transport.PoolRef{UserPoolID: ids[0]})
	if err != nil || d.UserPool.Policies.PasswordPolicy.MinimumLength != 12 || d.UserPool.MfaConfiguration != "OFF" {
		t.Fatalf("DescribeUserPool = %+v, %v", d, err)
	}
	_, err = f.DeleteUserPool(ctx, &transport.PoolRef{UserPoolID: ids[0]})
	wantErr(t, err, "InvalidParameterException", "The user pool cannot be deleted because deletion protection is activated.")
	if _, err := f.DeleteUserPool(ctx, &transport.PoolRef{UserPoolID: ids[1]}); err != nil {
		t.Fatal(err)
	}
	_, err = f.DescribeUserPool(ctx, &transport.PoolRef{UserPoolID: ids[1]})
	wantErr(t, err, "ResourceNotFoundException", "User pool "+ids[1]+" does not exist.")
}

func TestCreateUserPoolValidation(t *testing.T) {
	tests := []struct {
		name string
		in   transport.CreateUserPoolInput
	}{
		{"no name", transport.CreateUserPoolInput{}},
		{"both alias and username attributes", transport.CreateUserPoolInput{PoolName: "p", AliasAttributes: []string{"email"}, UsernameAttributes: []string{"email"}}},
		{"bad username attribute", transport.CreateUserPoolInput{PoolName: "p", UsernameAttributes: []string{"nickname"}}},
		{"bad MFA", transport.CreateUserPoolInput{PoolName: "p", PoolSettings: transport.PoolSettings{MfaConfiguration: "SOMETIMES"}}},
		{"short minimum length", transport.CreateUserPoolInput{PoolName: "p", PoolSettings: transport.PoolSettings{
			Policies: &transport.PoolPolicies{PasswordPolicy: &transport.PasswordPolicy{MinimumLength: 3}}}}},
		{"duplicate schema", transport.CreateUserPoolInput{PoolName: "p", Schema: []transport.SchemaAttribute{{Name: "x"}, {Name: "custom:x"}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(Options{}).CreateUserPool(context.Background(), &tt.in)
			wantErr(t, err, "InvalidParameterException", "")
		})
	}
}

func TestMfaConfig(t *testing.T) {
	e := newEnv(t, envOpts{})
	_, err := e.cog.SetUserPoolMfaConfig(e.ctx, &transport.UserPoolMfaConfig{UserPoolID: e.pool.ID, MfaConfiguration: transport.MFAOn})
	wantErr(t, err, "InvalidParameterException", "")
	out, err := e.cog.SetUserPoolMfaConfig(e.ctx, &transport.UserPoolMfaConfig{UserPoolID: e.pool.ID, MfaConfiguration: transport.MFAOptional,
		SoftwareTokenMfaConfiguration: &transport.SoftwareTokenMfaConfig{Enabled: true}})
	if err != nil || out.MfaConfiguration != transport.MFAOptional {
		t.Fatalf("SetUserPoolMfaConfig = %+v, %v", out, err)
	}
	got, err := e.cog.GetUserPoolMfaConfig(e.ctx, &transport.PoolRef{UserPoolID: e.pool.ID})
	if err != nil || got.SoftwareTokenMfaConfiguration == nil || !got.SoftwareTokenMfaConfiguration.Enabled || got.SmsMfaConfiguration != nil {
		t.Fatalf("GetUserPoolMfaConfig = %+v, %v", got, err)
	}
}

func TestClientDefaultsAndValidation(t *testing.T) {
	e := newEnv(t, envOpts{})
	out, err := e.cog.CreateUserPoolClient(e.ctx, &transport.CreateUserPoolClientInput{UserPoolID: e.pool.ID,
		ClientSettings: transport.ClientSettings{ClientName: "defaults"}})
	if err != nil {
		t.Fatal(err)
	}
	c := out.UserPoolClient
	// The API's default is LEGACY (cognito-user-pool-managing-errors); only
	// the console turns prevention on.
	if c.ClientSecret != "" || c.AccessTokenValidity != 60 || c.IDTokenValidity != 60 || c.RefreshTokenValidity != 30 ||
		c.TokenValidityUnits.AccessToken != "minutes" || c.TokenValidityUnits.RefreshToken != "days" ||
		c.AuthSessionValidity != 3 || c.PreventUserExistenceErrors != "LEGACY" || c.EnableTokenRevocation == nil || !*c.EnableTokenRevocation {
		t.Errorf("defaults = %+v", c.ClientSettings)
	}

	tests := []struct {
		name string
		s    transport.ClientSettings
	}{
		{"no name", transport.ClientSettings{}},
		{"unknown flow", transport.ClientSettings{ClientName: "c", ExplicitAuthFlows: []string{"ALLOW_MAGIC"}}},
		{"mixed legacy and ALLOW_", transport.ClientSettings{ClientName: "c", ExplicitAuthFlows: []string{transport.LegacyUserPasswordAuth, transport.AllowRefreshTokenAuth}}},
		{"no refresh", transport.ClientSettings{ClientName: "c", ExplicitAuthFlows: []string{transport.AllowUserSRPAuth}}},
		{"access token too short", transport.ClientSettings{ClientName: "c", AccessTokenValidity: 4, TokenValidityUnits: &transport.TokenValidityUnits{AccessToken: "minutes"}}},
		{"ID token too long", transport.ClientSettings{ClientName: "c", IDTokenValidity: 25}},
		{"refresh too long", transport.ClientSettings{ClientName: "c", RefreshTokenValidity: 3651}},
		{"bad unit", transport.ClientSettings{ClientName: "c", TokenValidityUnits: &transport.TokenValidityUnits{AccessToken: "weeks"}}},
		{"session too long", transport.ClientSettings{ClientName: "c", AuthSessionValidity: 16}},
		{"bad prevent errors", transport.ClientSettings{ClientName: "c", PreventUserExistenceErrors: "MAYBE"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := e.cog.CreateUserPoolClient(e.ctx, &transport.CreateUserPoolClientInput{UserPoolID: e.pool.ID, ClientSettings: tt.s})
			wantErr(t, err, "InvalidParameterException", "")
		})
	}
}

func TestClientLifecycle(t *testing.T) {
	e := newEnv(t, envOpts{secret: true})
	ref := &transport.ClientRef{UserPoolID: e.pool.ID, ClientID: e.client.ClientID}
	d, err := e.cog.DescribeUserPoolClient(e.ctx, ref)
	if err != nil || d.UserPoolClient.ClientSecret != e.client.ClientSecret {
		t.Fatalf("DescribeUserPoolClient = %v, %v", d, err)
	}
	up, err := e.cog.UpdateUserPoolClient(e.ctx, &transport.UpdateUserPoolClientInput{UserPoolID: e.pool.ID, ClientID: e.client.ClientID,
		ClientSettings: transport.ClientSettings{AccessTokenValidity: 2, TokenValidityUnits: &transport.TokenValidityUnits{AccessToken: "hours"}}})
	if err != nil || up.UserPoolClient.ClientSecret != e.client.ClientSecret || up.UserPoolClient.ClientName != "app" ||
		up.UserPoolClient.AccessTokenValidity != 2 || len(up.UserPoolClient.ExplicitAuthFlows) != 0 {
		t.Fatalf("UpdateUserPoolClient = %v, %v", up, err)
	}
	for range 2 {
		e.f.MustCreateClient(transport.CreateUserPoolClientInput{UserPoolID: e.pool.ID, ClientSettings: transport.ClientSettings{ClientName: "more"}})
	}
	l1, err := e.cog.ListUserPoolClients(e.ctx, &transport.ListUserPoolClientsInput{UserPoolID: e.pool.ID, MaxResults: 2})
	if err != nil || len(l1.UserPoolClients) != 2 || l1.NextToken == "" {
		t.Fatalf("ListUserPoolClients = %+v, %v", l1, err)
	}
	l2, err := e.cog.ListUserPoolClients(e.ctx, &transport.ListUserPoolClientsInput{UserPoolID: e.pool.ID, MaxResults: 2, NextToken: l1.NextToken})
	if err != nil || len(l2.UserPoolClients) != 1 || l2.NextToken != "" {
		t.Fatalf("ListUserPoolClients page 2 = %+v, %v", l2, err)
	}
	// A token of one list is refused by another.
	_, err = e.cog.ListUserPools(e.ctx, &transport.ListUserPoolsInput{MaxResults: 2, NextToken: l1.NextToken})
	wantErr(t, err, "InvalidParameterException", "Invalid pagination token")

	if _, err := e.cog.DeleteUserPoolClient(e.ctx, ref); err != nil {
		t.Fatal(err)
	}
	_, err = e.cog.DescribeUserPoolClient(e.ctx, ref)
	wantErr(t, err, "ResourceNotFoundException", "User pool client "+e.client.ClientID+" does not exist.")
	_, err = e.srpLogin("alice", testPassword, nil)
	wantErr(t, err, "ResourceNotFoundException", "")
}

// TestNoAliasing checks that what callers pass in and get back never
// aliases the fake's state.
func TestNoAliasing(t *testing.T) {
	f := New(Options{})
	ctx := context.Background()
	in := &transport.CreateUserPoolInput{PoolName: "p", PoolSettings: transport.PoolSettings{
		DeviceConfiguration: &transport.DeviceConfiguration{ChallengeRequiredOnNewDevice: true},
		Policies:            &transport.PoolPolicies{PasswordPolicy: &transport.PasswordPolicy{MinimumLength: 10}},
	}}
	out, err := f.CreateUserPool(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	in.DeviceConfiguration.ChallengeRequiredOnNewDevice = false
	in.Policies.PasswordPolicy.MinimumLength = 20
	out.UserPool.DeviceConfiguration.DeviceOnlyRememberedOnUserPrompt = true
	out.UserPool.Policies.PasswordPolicy.MinimumLength = 30
	d, _ := f.DescribeUserPool(ctx, &transport.PoolRef{UserPoolID: out.UserPool.ID})
	if dc := d.UserPool.DeviceConfiguration; !dc.ChallengeRequiredOnNewDevice || dc.DeviceOnlyRememberedOnUserPrompt || d.UserPool.Policies.PasswordPolicy.MinimumLength != 10 {
		t.Errorf("the pool changed through an alias: %+v %+v", dc, d.UserPool.Policies.PasswordPolicy)
	}
	cin := &transport.CreateUserPoolClientInput{UserPoolID: out.UserPool.ID, ClientSettings: transport.ClientSettings{ClientName: "c",
		ExplicitAuthFlows: []string{transport.AllowUserSRPAuth, transport.AllowRefreshTokenAuth}}}
	c, err := f.CreateUserPoolClient(ctx, cin)
	if err != nil {
		t.Fatal(err)
	}
	cin.ExplicitAuthFlows[0] = transport.AllowUserPasswordAuth
	c.UserPoolClient.ExplicitAuthFlows[1] = "changed"
	*c.UserPoolClient.EnableTokenRevocation = false
	dc, _ := f.DescribeUserPoolClient(ctx, &transport.ClientRef{UserPoolID: out.UserPool.ID, ClientID: c.UserPoolClient.ClientID})
	if got := dc.UserPoolClient; got.ExplicitAuthFlows[0] != transport.AllowUserSRPAuth || got.ExplicitAuthFlows[1] != transport.AllowRefreshTokenAuth || !*got.EnableTokenRevocation {
		t.Errorf("the client changed through an alias: %+v", got.ClientSettings)
	}
}
