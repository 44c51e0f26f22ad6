package fakecognito

import (
	"encoding/json"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gocognito/gocognito/transport"
)

func (e *env) refresh(tok string) (*transport.ChallengeOutput, error) {
	return e.cog.InitiateAuth(e.ctx, &transport.InitiateAuthInput{
		AuthFlow: transport.FlowRefreshTokenAuth, ClientID: e.client.ClientID,
		AuthParameters: e.withHash(map[string]string{transport.ParamRefreshToken: tok}, "alice"),
	})
}

func (e *env) getUser(tok string) error {
	_, err := e.cog.GetUser(e.ctx, &transport.AccessTokenInput{AccessToken: tok})
	return err
}

func TestRefreshKeepsAuthTime(t *testing.T) {
	e := newEnv(t, envOpts{secret: true, client: transport.ClientSettings{
		AccessTokenValidity: 10, IDTokenValidity: 20, RefreshTokenValidity: 2,
		TokenValidityUnits: &transport.TokenValidityUnits{AccessToken: "minutes", IDToken: "minutes", RefreshToken: "hours"},
	}})
	e.f.MustCreateUser(e.pool.ID, "alice", testPassword)
	res := e.tokens(e.srpLogin("alice", testPassword, nil))
	if res.ExpiresIn != 600 {
		t.Errorf("ExpiresIn = %d, want 600", res.ExpiresIn)
	}
	if c := e.claims(res.IDToken); c["exp"].(float64)-c["iat"].(float64) != 1200 {
		t.Errorf("ID token lifetime = %v s, want 1200", c["exp"].(float64)-c["iat"].(float64))
	}

	e.clk.Advance(15 * time.Minute)
	if err := e.getUser(res.AccessToken); err == nil {
		t.Fatal("an expired access token was accepted")
	} else {
		wantErr(t, err, "NotAuthorizedException", msgAccessTokenExpired)
	}
	out := e.tokens(e.refresh(res.RefreshToken))
	if out.RefreshToken != "" {
		t.Errorf("refresh returned a new refresh token")
	}
	old, fresh := e.claims(res.AccessToken), e.claims(out.AccessToken)
	if fresh["auth_time"] != old["auth_time"] || fresh["iat"] == old["iat"] || fresh["origin_jti"] != old["origin_jti"] {
		t.Errorf("refreshed claims: auth_time %v (was %v), iat %v (was %v), origin_jti %v (was %v)",
			fresh["auth_time"], old["auth_time"], fresh["iat"], old["iat"], fresh["origin_jti"], old["origin_jti"])
	}
	if err := e.getUser(out.AccessToken); err != nil {
		t.Fatal(err)
	}

	// Refresh needs the secret hash of the user, by any of its names.
	_, err := e.cog.InitiateAuth(e.ctx, &transport.InitiateAuthInput{AuthFlow: transport.FlowRefreshToken, ClientID: e.client.ClientID,
		AuthParameters: map[string]string{transport.ParamRefreshToken: res.RefreshToken}})
	wantErr(t, err, "NotAuthorizedException", "Client "+e.client.ClientID+" is configured with secret but SECRET_HASH was not received")

	e.clk.Advance(2 * time.Hour)
	_, err = e.refresh(res.RefreshToken)
	wantErr(t, err, "NotAuthorizedException", msgRefreshTokenExpired)
	_, err = e.refresh("not-a-refresh-token")
	wantErr(t, err, "NotAuthorizedException", msgInvalidRefreshToken)
}

func TestRevocation(t *testing.T) {
	login := func(t *testing.T) (*env, *transport.AuthenticationResult) {
		e := newEnv(t, envOpts{})
		e.f.MustCreateUser(e.pool.ID, "alice", testPassword)
		return e, e.tokens(e.srpLogin("alice", testPassword, nil))
	}
	tests := []struct {
		name   string
		revoke func(e *env, res *transport.AuthenticationResult) error
	}{
		{"RevokeToken", func(e *env, res *transport.AuthenticationResult) error {
			_, err := e.cog.RevokeToken(e.ctx, &transport.RevokeTokenInput{Token: res.RefreshToken, ClientID: e.client.ClientID})
			return err
		}},
		{"GlobalSignOut", func(e *env, res *transport.AuthenticationResult) error {
			_, err := e.cog.GlobalSignOut(e.ctx, &transport.AccessTokenInput{AccessToken: res.AccessToken})
			return err
		}},
		{"AdminUserGlobalSignOut", func(e *env, res *transport.AuthenticationResult) error {
			_, err := e.cog.AdminUserGlobalSignOut(e.ctx, &transport.UserRef{UserPoolID: e.pool.ID, Username: "alice"})
			return err
		}},
		// Disabling revokes: enabling again does not revive old tokens.
		{"AdminDisableUser", func(e *env, res *transport.AuthenticationResult) error {
			ref := &transport.UserRef{UserPoolID: e.pool.ID, Username: "alice"}
			if _, err := e.cog.AdminDisableUser(e.ctx, ref); err != nil {
				return err
			}
			_, err := e.cog.AdminEnableUser(e.ctx, ref)
			return err
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, res := login(t)
			if err := tt.revoke(e, res); err != nil {
				t.Fatal(err)
			}
			wantErr(t, e.getUser(res.AccessToken), "NotAuthorizedException", msgAccessTokenRevoked)
			_, err := e.refresh(res.RefreshToken)
			wantErr(t, err, "NotAuthorizedException", msgRefreshTokenRevoked)
			// A new sign-in is unaffected.
			again := e.tokens(e.srpLogin("alice", testPassword, nil))
			if err := e.getUser(again.AccessToken); err != nil {
				t.Fatalf("new sign-in after revocation: %v", err)
			}
		})
	}
}

func TestRevokeTokenRefusals(t *testing.T) {
	e := newEnv(t, envOpts{secret: true})
	e.f.MustCreateUser(e.pool.ID, "alice", testPassword)
	res := e.tokens(e.srpLogin("alice", testPassword, nil))
	noRevoke := e.f.MustCreateClient(transport.CreateUserPoolClientInput{UserPoolID: e.pool.ID,
		ClientSettings: transport.ClientSettings{ClientName: "norevoke", EnableTokenRevocation: ptr(false)}})
	tests := []struct {
		name string
		in   transport.RevokeTokenInput
		code string
	}{
		{"no client secret", transport.RevokeTokenInput{Token: res.RefreshToken, ClientID: e.client.ClientID}, "NotAuthorizedException"},
		{"access token", transport.RevokeTokenInput{Token: res.AccessToken, ClientID: e.client.ClientID, ClientSecret: e.client.ClientSecret}, "UnsupportedTokenTypeException"},
		{"revocation disabled", transport.RevokeTokenInput{Token: res.RefreshToken, ClientID: noRevoke.ClientID}, "UnsupportedOperationException"},
		{"no token", transport.RevokeTokenInput{ClientID: e.client.ClientID}, "InvalidParameterException"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := e.cog.RevokeToken(e.ctx, &tt.in)
			wantErr(t, err, tt.code, "")
		})
	}
	if err := e.getUser(res.AccessToken); err != nil {
		t.Fatalf("refused revocations revoked the token: %v", err)
	}
}

func TestAccessTokenChecks(t *testing.T) {
	e := newEnv(t, envOpts{})
	e.f.MustCreateUser(e.pool.ID, "alice", testPassword)
	res := e.tokens(e.srpLogin("alice", testPassword, nil))
	parts := strings.Split(res.AccessToken, ".")
	tampered := parts[0] + "." + parts[1] + "x." + parts[2]
	tests := []struct {
		name, tok, code, msg string
	}{
		{"ID token", res.IDToken, "NotAuthorizedException", msgInvalidAccessToken},
		{"tampered", tampered, "NotAuthorizedException", msgInvalidAccessToken},
		{"garbage", "garbage", "NotAuthorizedException", msgInvalidAccessToken},
		{"empty", "", "InvalidParameterException", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantErr(t, e.getUser(tt.tok), tt.code, tt.msg)
		})
	}
	// Another fake with other keys does not accept it.
	other := New(Options{Keys: testKeys(t), Clock: e.clk.Now})
	_, err := other.GetUser(e.ctx, &transport.AccessTokenInput{AccessToken: res.AccessToken})
	wantErr(t, err, "NotAuthorizedException", msgInvalidAccessToken)

	// Disabled and deleted users lose their tokens.
	if _, err := e.cog.AdminDisableUser(e.ctx, &transport.UserRef{UserPoolID: e.pool.ID, Username: "alice"}); err != nil {
		t.Fatal(err)
	}
	wantErr(t, e.getUser(res.AccessToken), "NotAuthorizedException", msgUserDisabled)
	_, err = e.refresh(res.RefreshToken)
	wantErr(t, err, "NotAuthorizedException", msgUserDisabled)
	if _, err := e.cog.AdminEnableUser(e.ctx, &transport.UserRef{UserPoolID: e.pool.ID, Username: "alice"}); err != nil {
		t.Fatal(err)
	}
	wantErr(t, e.getUser(res.AccessToken), "NotAuthorizedException", msgAccessTokenRevoked)
	res = e.tokens(e.srpLogin("alice", testPassword, nil))
	if _, err := e.cog.DeleteUser(e.ctx, &transport.AccessTokenInput{AccessToken: res.AccessToken}); err != nil {
		t.Fatal(err)
	}
	e.f.MustCreateUser(e.pool.ID, "alice", testPassword) // same name, new sub
	if err := e.getUser(res.AccessToken); err == nil {
		t.Fatal("a deleted user's token works for a new user of the same name")
	}
}

var otherKeys = sync.OnceValues(func() (*Keys, error) { return NewKeys(nil) })

// testKeys returns a key pair other than the process-wide one.
func testKeys(t testing.TB) *Keys {
	t.Helper()
	k, err := otherKeys()
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func TestJWKS(t *testing.T) {
	e := newEnv(t, envOpts{})
	b, err := e.f.JWKS(e.pool.ID)
	if err != nil {
		t.Fatal(err)
	}
	var set struct {
		Keys []map[string]string `json:"keys"`
	}
	if err := json.Unmarshal(b, &set); err != nil {
		t.Fatal(err)
	}
	if len(set.Keys) != 2 || set.Keys[0]["kid"] == set.Keys[1]["kid"] {
		t.Fatalf("JWKS = %s, want two keys with distinct kids", b)
	}
	for _, k := range set.Keys {
		if k["alg"] != "RS256" || k["kty"] != "RSA" || k["use"] != "sig" || k["e"] != "AQAB" || len(k["n"]) < 340 {
			t.Errorf("key %v", k)
		}
		if _, ok := k["d"]; ok {
			t.Errorf("JWKS publishes a private key")
		}
	}
	_, err = e.f.JWKS("us-east-1_missing00")
	wantErr(t, err, "ResourceNotFoundException", "")

	keys, _ := e.f.signingKeys()
	if s := keys.String(); strings.Contains(s, "PRIVATE") || !strings.Contains(s, keys.IDKeyID()) {
		t.Errorf("Keys.String() = %q", s)
	}
}

func TestIssuerBase(t *testing.T) {
	e := newEnv(t, envOpts{})
	e.f.MustCreateUser(e.pool.ID, "alice", testPassword)
	before := e.tokens(e.srpLogin("alice", testPassword, nil))
	e.f.SetIssuerBase("http://127.0.0.1:9229")
	if got := e.f.Issuer(e.pool.ID); got != "http://127.0.0.1:9229/"+e.pool.ID {
		t.Errorf("Issuer = %s", got)
	}
	after := e.tokens(e.srpLogin("alice", testPassword, nil))
	if got := e.claims(after.AccessToken)["iss"]; got != e.f.Issuer(e.pool.ID) {
		t.Errorf("iss = %v", got)
	}
	if err := e.getUser(before.AccessToken); err != nil {
		t.Errorf("a token from before SetIssuerBase stopped working: %v", err)
	}
}

func TestReadAttributesLimitIDToken(t *testing.T) {
	e := newEnv(t, envOpts{client: transport.ClientSettings{ReadAttributes: []string{"email"}}})
	e.f.MustCreateUser(e.pool.ID, "alice", testPassword, transport.Attr("email", "a@example.com"), transport.Attr("name", "Alice"))
	c := e.claims(e.tokens(e.srpLogin("alice", testPassword, nil)).IDToken)
	if c["email"] != "a@example.com" || c["name"] != nil || c["email_verified"] != nil {
		t.Errorf("ID token claims = %v, want only the readable email", c)
	}
}

// A user keeps at most maxFamiliesPerUserClient sign-ins per client, so
// that a frozen test clock, under which nothing expires, does not grow the
// fake without bound: revoked ones go first, then the oldest.
func TestFamiliesPerUserAndClientAreCapped(t *testing.T) {
	e := newEnv(t, envOpts{})
	e.f.MustCreateUser(e.pool.ID, "alice", testPassword)
	e.f.MustCreateUser(e.pool.ID, "bob", testPassword)
	bob := e.tokens(e.passwordLogin("bob", testPassword))
	logins := make([]*transport.AuthenticationResult, maxFamiliesPerUserClient)
	for i := range logins {
		logins[i] = e.tokens(e.passwordLogin("alice", testPassword))
	}
	if _, err := e.cog.RevokeToken(e.ctx, &transport.RevokeTokenInput{Token: logins[10].RefreshToken, ClientID: e.client.ClientID}); err != nil {
		t.Fatal(err)
	}
	// One more: the revoked one goes, the oldest stays.
	latest := e.tokens(e.passwordLogin("alice", testPassword))
	_, err := e.refresh(logins[10].RefreshToken)
	wantErr(t, err, "NotAuthorizedException", msgInvalidRefreshToken)
	e.tokens(e.refresh(logins[0].RefreshToken))
	// Another: now the oldest goes.
	e.tokens(e.passwordLogin("alice", testPassword))
	_, err = e.refresh(logins[0].RefreshToken)
	wantErr(t, err, "NotAuthorizedException", msgInvalidRefreshToken)
	for _, res := range []*transport.AuthenticationResult{logins[1], latest} {
		e.tokens(e.refresh(res.RefreshToken))
	}
	// Bob's sign-in is not alice's to lose.
	if err := e.getUser(bob.AccessToken); err != nil {
		t.Fatalf("another user's token: %v", err)
	}
	e.f.mu.RLock()
	families, refresh := len(e.f.st.Families), len(e.f.st.Refresh)
	e.f.mu.RUnlock()
	if want := maxFamiliesPerUserClient + 1; families != want || refresh != want {
		t.Errorf("%d families and %d refresh tokens kept, want %d of each", families, refresh, want)
	}
}

// Deleting a client forgets its families and their refresh tokens at once,
// and signing a user out touches that user's families only.
func TestFamilyIndex(t *testing.T) {
	e := newEnv(t, envOpts{})
	e.f.MustCreateUser(e.pool.ID, "alice", testPassword)
	e.f.MustCreateUser(e.pool.ID, "bob", testPassword)
	other := e.f.MustCreateClient(transport.CreateUserPoolClientInput{UserPoolID: e.pool.ID, ClientSettings: transport.ClientSettings{
		ClientName: "other", ExplicitAuthFlows: []string{transport.AllowUserPasswordAuth, transport.AllowRefreshTokenAuth}}})
	alice := e.tokens(e.passwordLogin("alice", testPassword))
	bob := e.tokens(e.passwordLogin("bob", testPassword))
	for range 3 {
		if _, err := e.cog.InitiateAuth(e.ctx, &transport.InitiateAuthInput{AuthFlow: transport.FlowUserPassword, ClientID: other.ClientID,
			AuthParameters: map[string]string{transport.ParamUsername: "alice", transport.ParamPassword: testPassword}}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := e.cog.GlobalSignOut(e.ctx, &transport.AccessTokenInput{AccessToken: alice.AccessToken}); err != nil {
		t.Fatal(err)
	}
	if err := e.getUser(bob.AccessToken); err != nil {
		t.Fatalf("bob after alice's GlobalSignOut: %v", err)
	}
	count := func() (int, int) {
		e.f.mu.RLock()
		defer e.f.mu.RUnlock()
		return len(e.f.st.Families), len(e.f.st.Refresh)
	}
	if fams, refresh := count(); fams != 5 || refresh != 5 {
		t.Fatalf("%d families, %d refresh tokens; want 5 of each", fams, refresh)
	}
	if _, err := e.cog.DeleteUserPoolClient(e.ctx, &transport.ClientRef{UserPoolID: e.pool.ID, ClientID: other.ClientID}); err != nil {
		t.Fatal(err)
	}
	if fams, refresh := count(); fams != 2 || refresh != 2 {
		t.Errorf("after deleting a client: %d families, %d refresh tokens; want 2 of each", fams, refresh)
	}
	if _, err := e.cog.DeleteUserPool(e.ctx, &transport.PoolRef{UserPoolID: e.pool.ID}); err != nil {
		t.Fatal(err)
	}
	if fams, refresh := count(); fams != 0 || refresh != 0 {
		t.Errorf("after deleting the pool: %d families, %d refresh tokens; want none", fams, refresh)
	}
}

// Consumed sessions stay known for a replay, but only the last
// maxUsedSessions of them: a frozen clock does not keep them all.
func TestUsedSessionsAreBounded(t *testing.T) {
	e := newEnv(t, envOpts{})
	e.f.mu.Lock()
	defer e.f.mu.Unlock()
	var first *session
	for i := range maxUsedSessions + 100 {
		s, err := e.f.newSessionLocked(&authState{poolID: e.pool.ID, clientID: e.client.ClientID}, transport.ChallengeSMSMFA, time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			first = s
		}
		e.f.consumeLocked(s)
	}
	if n := len(e.f.st.sessions); n != maxUsedSessions {
		t.Errorf("%d sessions kept, want %d", n, maxUsedSessions)
	}
	if e.f.st.sessions[first.id] != nil {
		t.Errorf("the oldest used session is still kept")
	}
	last := e.f.st.used[(e.f.st.usedNext+maxUsedSessions-1)%maxUsedSessions]
	_, err := e.f.sessionLocked(last, "", e.client.ClientID, "", false)
	wantErr(t, err, "NotAuthorizedException", msgSessionUsed)
}

func TestGroupRoleClaims(t *testing.T) {
	p32 := func(n int32) *int32 { return &n }
	tests := []struct {
		name      string
		groups    []transport.CreateGroupInput
		roles     []any
		preferred any
	}{
		{"no groups", nil, nil, nil},
		{"groups without roles", []transport.CreateGroupInput{{GroupName: "a"}}, nil, nil},
		{"one role", []transport.CreateGroupInput{{GroupName: "a", RoleArn: "arn:aws:iam::1:role/a"}},
			[]any{"arn:aws:iam::1:role/a"}, "arn:aws:iam::1:role/a"},
		{"lowest precedence wins", []transport.CreateGroupInput{
			{GroupName: "a", RoleArn: "arn:aws:iam::1:role/a", Precedence: p32(5)},
			{GroupName: "b", RoleArn: "arn:aws:iam::1:role/b", Precedence: p32(1)},
			{GroupName: "c", RoleArn: "arn:aws:iam::1:role/c"},
		}, []any{"arn:aws:iam::1:role/b", "arn:aws:iam::1:role/a", "arn:aws:iam::1:role/c"}, "arn:aws:iam::1:role/b"},
		{"a tie prefers none", []transport.CreateGroupInput{
			{GroupName: "a", RoleArn: "arn:aws:iam::1:role/a", Precedence: p32(2)},
			{GroupName: "b", RoleArn: "arn:aws:iam::1:role/b", Precedence: p32(2)},
		}, []any{"arn:aws:iam::1:role/a", "arn:aws:iam::1:role/b"}, nil},
		{"no precedence prefers none", []transport.CreateGroupInput{
			{GroupName: "a", RoleArn: "arn:aws:iam::1:role/a"},
			{GroupName: "b", RoleArn: "arn:aws:iam::1:role/b"},
		}, []any{"arn:aws:iam::1:role/a", "arn:aws:iam::1:role/b"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, envOpts{})
			e.f.MustCreateUser(e.pool.ID, "alice", testPassword)
			for _, g := range tt.groups {
				g.UserPoolID = e.pool.ID
				if _, err := e.cog.CreateGroup(e.ctx, &g); err != nil {
					t.Fatal(err)
				}
				if _, err := e.cog.AdminAddUserToGroup(e.ctx, &transport.UserGroupInput{UserPoolID: e.pool.ID, Username: "alice", GroupName: g.GroupName}); err != nil {
					t.Fatal(err)
				}
			}
			res := e.tokens(e.srpLogin("alice", testPassword, nil))
			id, access := e.claims(res.IDToken), e.claims(res.AccessToken)
			if got, _ := id["cognito:roles"].([]any); !slices.Equal(got, tt.roles) {
				t.Errorf("cognito:roles = %v, want %v", id["cognito:roles"], tt.roles)
			}
			if id["cognito:preferred_role"] != tt.preferred {
				t.Errorf("cognito:preferred_role = %v, want %v", id["cognito:preferred_role"], tt.preferred)
			}
			if _, ok := access["cognito:roles"]; ok {
				t.Error("the access token carries cognito:roles; Cognito puts them in the ID token only")
			}
			if access["version"] != float64(2) {
				t.Errorf("access token version = %v, want 2", access["version"])
			}
		})
	}
}
