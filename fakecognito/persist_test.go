package fakecognito

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"strings"
	"sync"
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

// A restart keeps the region: a fake in the default region adopts the
// saved one, so issuers and device keys do not change under verifiers; a
// fake of another region refuses the state.
func TestLoadKeepsTheSavedRegion(t *testing.T) {
	src := New(Options{Region: "eu-west-1"})
	pool := src.MustCreatePool(transport.CreateUserPoolInput{PoolName: "p"})
	var buf bytes.Buffer
	if err := src.Save(&buf); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, region, want string
		err                error
	}{
		{"default", "", "eu-west-1", nil},
		{"default given", "us-east-1", "eu-west-1", nil},
		{"same", "eu-west-1", "eu-west-1", nil},
		{"conflicting", "ap-south-1", "ap-south-1", ErrRegionMismatch},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := New(Options{Region: tt.region})
			err := g.Load(bytes.NewReader(buf.Bytes()))
			if !errors.Is(err, tt.err) {
				t.Fatalf("Load = %v, want %v", err, tt.err)
			}
			if g.Region() != tt.want {
				t.Errorf("Region = %q, want %q", g.Region(), tt.want)
			}
			if tt.err != nil {
				return
			}
			if got, want := g.Issuer(pool.ID), src.Issuer(pool.ID); got != want {
				t.Errorf("Issuer = %q, want %q as before the restart", got, want)
			}
			if p := g.MustCreatePool(transport.CreateUserPoolInput{PoolName: "new"}); !strings.HasPrefix(p.ID, "eu-west-1_") {
				t.Errorf("new pool id %q is not of the saved region", p.ID)
			}
		})
	}
}

// The decoy key is saved: an unknown user's salt is the same after a
// restart, as a known user's is.
func TestLoadKeepsDecoySalts(t *testing.T) {
	e := newEnv(t, envOpts{client: preventOn})
	salt := func() string {
		_, ch, err := e.srpStart("nobody", nil)
		return mustChallenge(t, ch, err, transport.ChallengePasswordVerifier).ChallengeParameters[transport.ParamSalt]
	}
	before := salt()
	var buf bytes.Buffer
	if err := e.f.Save(&buf); err != nil {
		t.Fatal(err)
	}
	g := New(Options{Clock: e.clk.Now})
	if err := g.Load(&buf); err != nil {
		t.Fatal(err)
	}
	e.f, e.cog = g, g
	if after := salt(); after != before {
		t.Errorf("decoy salt %s after Load, %s before: a restart reveals that the user is missing", after, before)
	}
}

// Save reads keys and state under one lock: whatever Load runs meanwhile,
// every saved document pairs a state with its own keys.
func TestSaveDuringLoadPairsKeysWithTheirState(t *testing.T) {
	docs := make([][]byte, 2)
	poolOf := make([]string, 2)
	keysOf := make([]string, 2)
	for i, k := range []*Keys{nil, testKeys(t)} {
		src := New(Options{Keys: k})
		poolOf[i] = src.MustCreatePool(transport.CreateUserPoolInput{PoolName: "p"}).ID
		var buf bytes.Buffer
		if err := src.Save(&buf); err != nil {
			t.Fatal(err)
		}
		docs[i] = buf.Bytes()
		var s savedState
		if err := json.Unmarshal(docs[i], &s); err != nil {
			t.Fatal(err)
		}
		kb, _ := json.Marshal(s.Keys)
		keysOf[i] = string(kb)
	}
	f := New(Options{})
	if err := f.Load(bytes.NewReader(docs[0])); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	stop := make(chan struct{})
	wg.Go(func() {
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			if err := f.Load(bytes.NewReader(docs[i%2])); err != nil {
				t.Error(err)
				return
			}
		}
	})
	for range 300 {
		var buf bytes.Buffer
		if err := f.Save(&buf); err != nil {
			t.Fatal(err)
		}
		var s savedState
		if err := json.Unmarshal(buf.Bytes(), &s); err != nil {
			t.Fatal(err)
		}
		kb, _ := json.Marshal(s.Keys)
		for i := range docs {
			if s.State.Pools[poolOf[i]] != nil && string(kb) != keysOf[i] {
				close(stop)
				wg.Wait()
				t.Fatalf("a saved state of pool %s carries the other state's keys", poolOf[i])
			}
		}
	}
	close(stop)
	wg.Wait()
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
		{"bad region", `{"version":1,"region":"us-east-1/../x",` + keys + `,"state":{}}`},
		{"short decoy key", `{"version":1,` + keys + `,"decoyKey":"abcd","state":{}}`},
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
