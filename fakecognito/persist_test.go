package fakecognito

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/gocognito/gocognito/transport"
)

func TestSaveLoadRoundTrip(t *testing.T) {
	e := newEnv(t, envOpts{secret: true, pool: transport.CreateUserPoolInput{
		PoolSettings: transport.PoolSettings{DeviceConfiguration: &transport.DeviceConfiguration{}},
	}})
	e.f.MustCreateUser(e.pool.ID, "alice", testPassword, transport.Attr("email", "alice@example.com"))
	res := e.tokens(e.srpLogin("alice", testPassword, nil))
	e.rememberDevice(res)
	if _, err := e.cog.CreateGroup(e.ctx, &transport.CreateGroupInput{UserPoolID: e.pool.ID, GroupName: "g"}); err != nil {
		t.Fatal(err)
	}

	var buf bytes.Buffer
	if err := e.f.Save(&buf); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), testPassword) || strings.Contains(buf.String(), res.RefreshToken) {
		t.Fatal("the saved state holds a password or a refresh token")
	}

	// A new fake, with other keys, in the same "region".
	g := New(Options{Clock: e.clk.Now, Keys: testKeys(t)})
	if err := g.Load(bytes.NewReader(buf.Bytes())); err != nil {
		t.Fatal(err)
	}
	e.f, e.cog = g, g
	// Tokens from before the restart are still good, refresh included.
	if err := e.getUser(res.AccessToken); err != nil {
		t.Fatalf("access token after Load: %v", err)
	}
	e.tokens(e.cog.InitiateAuth(e.ctx, &transport.InitiateAuthInput{AuthFlow: transport.FlowRefreshTokenAuth, ClientID: e.client.ClientID,
		AuthParameters: e.withHash(map[string]string{transport.ParamRefreshToken: res.RefreshToken, transport.ParamDeviceKey: res.NewDeviceMetadata.DeviceKey}, "alice")}))
	// The device signs in with device SRP; the password still works.
	ch := e.challenge(transport.ChallengeDeviceSRPAuth)(e.srpLogin("alice", testPassword, map[string]string{transport.ParamDeviceKey: res.NewDeviceMetadata.DeviceKey}))
	if ch.ChallengeParameters[transport.ParamDeviceKey] != res.NewDeviceMetadata.DeviceKey {
		t.Errorf("device challenge = %v", ch.ChallengeParameters)
	}
	if _, err := g.GetGroup(e.ctx, &transport.GroupRef{UserPoolID: e.pool.ID, GroupName: "g"}); err != nil {
		t.Fatal(err)
	}
	var again bytes.Buffer
	if err := g.Save(&again); err != nil {
		t.Fatal(err)
	}
	if err := New(Options{}).Load(&again); err != nil {
		t.Fatalf("loading a re-saved state: %v", err)
	}
}

func TestLoadRefusesBadState(t *testing.T) {
	f := New(Options{})
	pool := f.MustCreatePool(transport.CreateUserPoolInput{PoolName: "kept"})
	var good bytes.Buffer
	if err := New(Options{}).Save(&good); err != nil {
		t.Fatal(err)
	}
	keys := good.String()[strings.Index(good.String(), `"keys":`):strings.Index(good.String(), `,"state"`)]
	tests := []struct{ name, doc string }{
		{"not JSON", "{"},
		{"wrong version", `{"version":2}`},
		{"no keys", `{"version":1,"state":{}}`},
		{"no state", `{"version":1,` + keys + `}`},
		{"pool id mismatch", `{"version":1,` + keys + `,"state":{"pools":{"us-east-1_a":{"id":"us-east-1_b"}}}}`},
		{"bad pool id", `{"version":1,` + keys + `,"state":{"pools":{"nounderscore":{"id":"nounderscore"}}}}`},
		{"client of no pool", `{"version":1,` + keys + `,"state":{"clients":{"c":{"id":"c","poolId":"us-east-1_x"}}}}`},
		{"user without sub", `{"version":1,` + keys + `,"state":{"pools":{"us-east-1_a":{"id":"us-east-1_a","users":{"u":{"username":"u","status":"CONFIRMED"}}}}}}`},
		{"malformed verifier", `{"version":1,` + keys + `,"state":{"pools":{"us-east-1_a":{"id":"us-east-1_a","users":{"u":{"username":"u","sub":"s","status":"CONFIRMED","password":{"salt":"zz","verifier":"1"}}}}}}}`},
		{"dangling refresh", `{"version":1,` + keys + `,"state":{"refresh":{"h":"nofamily"}}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := f.Load(strings.NewReader(tt.doc))
			if !errors.Is(err, ErrBadState) {
				t.Fatalf("Load = %v, want ErrBadState", err)
			}
			if _, err := f.DescribeUserPool(context.Background(), &transport.PoolRef{UserPoolID: pool.ID}); err != nil {
				t.Fatalf("a refused Load changed the state: %v", err)
			}
		})
	}
}

// FuzzLoad feeds Load arbitrary documents: it must refuse or accept them
// without panicking, and a fake that accepted one must still work.
func FuzzLoad(f *testing.F) {
	var good bytes.Buffer
	src := New(Options{})
	pool := src.MustCreatePool(transport.CreateUserPoolInput{PoolName: "p"})
	src.MustCreateClient(transport.CreateUserPoolClientInput{UserPoolID: pool.ID, ClientSettings: transport.ClientSettings{ClientName: "c"}})
	src.MustCreateUser(pool.ID, "alice", testPassword)
	if err := src.Save(&good); err != nil {
		f.Fatal(err)
	}
	f.Add(good.Bytes())
	f.Add([]byte(`{"version":1}`))
	f.Add([]byte(`{"version":1,"state":{"pools":{"us-east-1_a":{"id":"us-east-1_a","users":{"u":null}}}}}`))
	f.Fuzz(func(t *testing.T, doc []byte) {
		g := New(Options{})
		if err := g.Load(bytes.NewReader(doc)); err != nil {
			return
		}
		ctx := context.Background()
		pools, err := g.ListUserPools(ctx, &transport.ListUserPoolsInput{MaxResults: 60})
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range pools.UserPools {
			if _, err := g.ListUsers(ctx, &transport.ListUsersInput{UserPoolID: p.ID}); err != nil {
				t.Fatal(err)
			}
			_, _ = g.InitiateAuth(ctx, &transport.InitiateAuthInput{AuthFlow: transport.FlowUserPassword, ClientID: "c",
				AuthParameters: map[string]string{transport.ParamUsername: "alice", transport.ParamPassword: testPassword}})
		}
		var out bytes.Buffer
		if err := g.Save(&out); err != nil {
			t.Fatal(err)
		}
	})
}
