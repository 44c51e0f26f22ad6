package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/gocognito/gocognito/fakecognito"
	"github.com/gocognito/gocognito/transport"
)

func TestParseSeed(t *testing.T) {
	tests := []struct {
		name    string
		doc     string
		wantErr string // "" for success
	}{
		{"empty", `{}`, ""},
		{"one pool", `{"Pools":[{"PoolName":"p"}]}`, ""},
		{"typo in a field", `{"Pools":[{"PoolName":"p","Users":[{"Usernmae":"a","Password":"x"}]}]}`, `seed: Pools[0].Users[0]: unknown field "Usernmae"`},
		{"typo in the second user", `{"Pools":[{"PoolName":"p","Users":[{"Username":"a","Password":"x"},{"Username":"b","Pasword":"x"}]}]}`, `seed: Pools[0].Users[1]: unknown field "Pasword"`},
		{"typo in a user's MFA", `{"Pools":[{"PoolName":"p","Users":[{"Username":"a","Password":"x","MFA":{"TOTP":"x"}}]}]}`, `seed: Pools[0].Users[0]: unknown field "TOTP"`},
		{"typo in a client", `{"Pools":[{"PoolName":"p"},{"PoolName":"q","Clients":[{"ClientName":"c","GenerateScret":true}]}]}`, `seed: Pools[1].Clients[0]: unknown field "GenerateScret"`},
		{"typo in a group", `{"Pools":[{"PoolName":"p","Groups":[{"GroupName":"g","Precedense":1}]}]}`, `seed: Pools[0].Groups[0]: unknown field "Precedense"`},
		{"typo in MfaConfig", `{"Pools":[{"PoolName":"p","MfaConfig":{"TotpMfaConfiguration":{}}}]}`, `seed: Pools[0].MfaConfig: unknown field "TotpMfaConfiguration"`},
		{"typo in a pool", `{"Pools":[{"PoolName":"p","MfaConfiguraton":"ON"}]}`, `seed: Pools[0]: unknown field "MfaConfiguraton"`},
		{"typo at the top", `{"Pool":[]}`, `seed: unknown field "Pool"`},
		{"trailing data", "{\"Pools\":[]}\n {}", "seed: line 2, column 2: data after the JSON object"},
		{"not JSON", `pools:`, "seed: line 1, column 1: invalid character"},
		{"missing comma", "{\"Pools\": [\n  {\"PoolName\": \"p\"\n   \"Users\": []}]}", "seed: line 3, column 4: invalid character '\"' after object key:value pair"},
		{"cut short", `{"Pools":[`, "seed: the file ends in the middle of the JSON"},
		{"empty", ``, "seed: the file ends in the middle of the JSON"},
		{"unknown MFA preference", `{"Pools":[{"PoolName":"p","Users":[{"Username":"a","Password":"x","MFA":{"Preferred":"TOTP"}}]}]}`, `MFA.Preferred "TOTP"`},
		{"pool without name", `{"Pools":[{"Clients":[]}]}`, "Pools[0]: PoolName is required"},
		{"client without name", `{"Pools":[{"PoolName":"p","Clients":[{}]}]}`, "Pools[0].Clients[0]: ClientName is required"},
		{"group without name", `{"Pools":[{"PoolName":"p","Groups":[{}]}]}`, "Pools[0].Groups[0]: GroupName is required"},
		{"user without password", `{"Pools":[{"PoolName":"p","Users":[{"Username":"a"}]}]}`, "Pools[0].Users[0]: Username and Password are required"},
		{"unknown group", `{"Pools":[{"PoolName":"p","Users":[{"Username":"a","Password":"x","Groups":["g"]}]}]}`, `group "g" is not among the pool's Groups`},
		{"wrong type", "{\"Pools\":[\n{\"PoolName\":7}]}", "seed: line 2, column 13: Pools.PoolName is a JSON number, want string"},
		{"chosen ids", `{"Pools":[{"Id":"us-east-1_Example1","PoolName":"p","Clients":[{"ClientId":"c1","ClientSecret":"s1","GenerateSecret":true,"ClientName":"c"}]}]}`, ""},
		{"secret without client id", `{"Pools":[{"PoolName":"p","Clients":[{"ClientSecret":"s1","GenerateSecret":true,"ClientName":"c"}]}]}`, "ClientSecret needs ClientId and GenerateSecret"},
		{"too large", `{"Pools":[{"PoolName":"` + strings.Repeat("p", maxSeedBytes) + `"}]}`, "larger than"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parseSeed(strings.NewReader(tt.doc))
			if tt.wantErr == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !errors.Is(err, errSeed) {
				t.Fatalf("error %v, want errSeed containing %q", err, tt.wantErr)
			}
		})
	}
}

// TestSeedExample applies docs/seed-example.json, the documented format,
// and checks that every part of it exists in the fake.
func TestSeedExample(t *testing.T) {
	ctx := context.Background()
	f, err := os.Open("../../docs/seed-example.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	s, err := parseSeed(f)
	if err != nil {
		t.Fatal(err)
	}
	fake := fakecognito.New(fakecognito.Options{})
	if err := applySeed(ctx, fake, s); err != nil {
		t.Fatal(err)
	}
	inv, err := inventory(ctx, fake)
	if err != nil {
		t.Fatal(err)
	}
	if len(inv) != 1 || inv[0].PoolName != "app" || inv[0].PoolID != "us-east-1_Example1" || len(inv[0].Clients) != 3 ||
		inv[0].Clients[0].ClientName != "backend" || inv[0].Clients[1].ClientName != "mobile" || inv[0].Clients[2].ClientName != "web" ||
		inv[0].Clients[0].ClientID != "examplebackend" || inv[0].Clients[1].ClientID != "examplemobile" || inv[0].Clients[2].ClientID != "exampleweb" {
		t.Fatalf("inventory %+v, want pool us-east-1_Example1 (app) with clients examplebackend, examplemobile and exampleweb", inv)
	}
	pool := inv[0].PoolID

	mfa, err := fake.GetUserPoolMfaConfig(ctx, &transport.PoolRef{UserPoolID: pool})
	if err != nil {
		t.Fatal(err)
	}
	if mfa.MfaConfiguration != transport.MFAOptional || mfa.SoftwareTokenMfaConfiguration == nil || !mfa.SoftwareTokenMfaConfiguration.Enabled || mfa.EmailMfaConfiguration == nil {
		t.Errorf("MFA config %+v, want OPTIONAL with TOTP and e-mail", mfa)
	}
	if w := mfa.WebAuthnConfiguration; w == nil || w.RelyingPartyID != "localhost" || w.UserVerification != transport.UserVerificationPreferred {
		t.Errorf("WebAuthnConfiguration %+v, want localhost, preferred", w)
	}
	desc, err := fake.DescribeUserPool(ctx, &transport.PoolRef{UserPoolID: pool})
	if err != nil {
		t.Fatal(err)
	}
	if up := desc.UserPool; up.UserPoolTier != transport.TierEssentials || up.EmailConfiguration == nil || up.EmailConfiguration.EmailSendingAccount != transport.EmailSendingDeveloper {
		t.Errorf("pool tier %q, e-mail %+v; want ESSENTIALS sending with SES", up.UserPoolTier, up.EmailConfiguration)
	}
	if desc.UserPool.Domain != "example-app" {
		t.Errorf("pool Domain %q, want example-app", desc.UserPool.Domain)
	}
	rs, err := fake.DescribeResourceServer(ctx, &transport.ResourceServerRef{UserPoolID: pool, Identifier: "https://api.example.com"})
	if err != nil || len(rs.ResourceServer.Scopes) != 1 || rs.ResourceServer.Scopes[0].ScopeName != "read" {
		t.Errorf("resource server %+v, %v; want https://api.example.com with scope read", rs, err)
	}
	if p := desc.UserPool.Policies; p == nil || p.SignInPolicy == nil || !slices.Equal(p.SignInPolicy.AllowedFirstAuthFactors, []string{"PASSWORD", "EMAIL_OTP", "WEB_AUTHN"}) {
		t.Errorf("SignInPolicy %+v, want PASSWORD, EMAIL_OTP, WEB_AUTHN", p)
	}
	backend, err := fake.DescribeUserPoolClient(ctx, &transport.ClientRef{UserPoolID: pool, ClientID: inv[0].Clients[0].ClientID})
	if err != nil {
		t.Fatal(err)
	}
	if backend.UserPoolClient.ClientSecret != "examplebackendsecret" {
		t.Error("the backend client's secret is not the seed's")
	}
	if b := backend.UserPoolClient; !b.AllowedOAuthFlowsUserPoolClient || !slices.Equal(b.AllowedOAuthFlows, []string{"client_credentials"}) {
		t.Errorf("backend OAuth flows %v, want client_credentials", b.AllowedOAuthFlows)
	}
	web, err := fake.DescribeUserPoolClient(ctx, &transport.ClientRef{UserPoolID: pool, ClientID: inv[0].Clients[2].ClientID})
	if err != nil {
		t.Fatal(err)
	}
	if w := web.UserPoolClient; !slices.Equal(w.AllowedOAuthScopes, []string{"openid", "email", "https://api.example.com/read"}) || !slices.Equal(w.CallbackURLs, []string{"http://localhost:3000/callback"}) {
		t.Errorf("web client OAuth scopes %v, callbacks %v", w.AllowedOAuthScopes, w.CallbackURLs)
	}
	mobile, err := fake.DescribeUserPoolClient(ctx, &transport.ClientRef{UserPoolID: pool, ClientID: inv[0].Clients[1].ClientID})
	if err != nil {
		t.Fatal(err)
	}
	if r := mobile.UserPoolClient.RefreshTokenRotation; !r.Enabled() || r.RetryGracePeriodSeconds != 10 {
		t.Errorf("mobile client's RefreshTokenRotation %+v, want ENABLED with 10 s", r)
	}

	users := []struct {
		name, status string
		enabled      bool
		mfa          []string
		groups       []string
	}{
		{"alice", transport.StatusConfirmed, true, nil, []string{"admins", "readers"}},
		{"bob", transport.StatusConfirmed, true, []string{transport.MFAEmail}, nil},
		{"dave", transport.StatusConfirmed, true, []string{transport.MFASoftwareToken}, nil},
		{"carol", transport.StatusForceChangePassword, true, nil, nil},
		{"mallory", transport.StatusConfirmed, false, nil, nil},
	}
	for _, want := range users {
		u, err := fake.AdminGetUser(ctx, &transport.UserRef{UserPoolID: pool, Username: want.name})
		if err != nil {
			t.Fatalf("%s: %v", want.name, err)
		}
		if u.UserStatus != want.status || u.Enabled != want.enabled || !slices.Equal(u.UserMFASettingList, want.mfa) {
			t.Errorf("%s: status %s enabled %v MFA %v, want %s %v %v", want.name, u.UserStatus, u.Enabled, u.UserMFASettingList, want.status, want.enabled, want.mfa)
		}
		g, err := fake.AdminListGroupsForUser(ctx, &transport.AdminListGroupsForUserInput{UserPoolID: pool, Username: want.name})
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, x := range g.Groups {
			names = append(names, x.GroupName)
		}
		slices.Sort(names)
		if !slices.Equal(names, want.groups) {
			t.Errorf("%s: groups %v, want %v", want.name, names, want.groups)
		}
	}
	alice, _ := fake.AdminGetUser(ctx, &transport.UserRef{UserPoolID: pool, Username: "alice"})
	if attrs := transport.Attributes(alice.UserAttributes); attrs["custom:team"] != "blue" || attrs["name"] != "Alice Liddell" {
		t.Errorf("alice's attributes %v lack name and custom:team", attrs)
	}
}

func TestApplySeedStopsAtTheFirstError(t *testing.T) {
	ctx := context.Background()
	s, err := parseSeed(strings.NewReader(`{"Pools":[{"PoolName":"p","Users":[
		{"Username":"weak","Password":"short"},
		{"Username":"never","Password":"Corr3ct-Horse!"}]}]}`))
	if err != nil {
		t.Fatal(err)
	}
	fake := fakecognito.New(fakecognito.Options{})
	err = applySeed(ctx, fake, s)
	if !errors.Is(err, errSeed) || !errors.Is(err, transport.ErrInvalidPassword) || !strings.Contains(err.Error(), "seed: Pools[0] (p).Users[0] (weak): ") {
		t.Fatalf("error %v, want errSeed and InvalidPasswordException naming the user", err)
	}
	if strings.Contains(err.Error(), "short") {
		t.Errorf("the error shows the password: %v", err)
	}
}

// TestSeedChosenIDs: a seed can fix the ids a harness in another language
// hard-codes, and a bad or taken id stops the seed with its location.
func TestSeedChosenIDs(t *testing.T) {
	ctx := context.Background()
	doc := `{"Pools":[{"Id":"us-east-1_Example1","PoolName":"p","Clients":[
		{"ClientId":"exampleclient","ClientSecret":"examplesecret","GenerateSecret":true,"ClientName":"web"},
		{"ClientName":"other"}]}]}`
	s, err := parseSeed(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	f := fakecognito.New(fakecognito.Options{})
	if err := applySeed(ctx, f, s); err != nil {
		t.Fatal(err)
	}
	c, err := f.DescribeUserPoolClient(ctx, &transport.ClientRef{UserPoolID: "us-east-1_Example1", ClientID: "exampleclient"})
	if err != nil || c.UserPoolClient.ClientSecret != "examplesecret" {
		t.Fatalf("pinned client: %v %v", c, err)
	}
	// The same seed again: the ids are taken.
	err = applySeed(ctx, f, s)
	if err == nil || !strings.Contains(err.Error(), "Pools[0] (p)") || !strings.Contains(err.Error(), "already exists") {
		t.Fatalf("second apply: %v", err)
	}
	bad, err := parseSeed(strings.NewReader(`{"Pools":[{"Id":"eu-west-1_X","PoolName":"p"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	if err := applySeed(ctx, f, bad); !errors.Is(err, transport.ErrInvalidParameter) {
		t.Fatalf("a pool id of another region: %v", err)
	}
}

func TestSeedUserHidesPassword(t *testing.T) {
	u := seedUser{Username: "alice", Password: "Corr3ct-Horse!"}
	for _, s := range []string{u.String(), u.GoString()} {
		if strings.Contains(s, u.Password) || !strings.Contains(s, "alice") {
			t.Errorf("%q shows the password or hides the name", s)
		}
	}
}

func TestSeedUserMFAHidesTOTPSecret(t *testing.T) {
	m := seedUserMFA{TOTPSecret: "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", Preferred: transport.MFASoftwareToken}
	for _, s := range []string{m.String(), m.GoString(), fmt.Sprintf("%v", m), fmt.Sprintf("%+v", &m)} {
		if strings.Contains(s, m.TOTPSecret) || !strings.Contains(s, "SOFTWARE_TOKEN_MFA") {
			t.Errorf("%q shows the TOTP secret or hides the preference", s)
		}
	}
}

func FuzzParseSeed(f *testing.F) {
	if data, err := os.ReadFile("../../docs/seed-example.json"); err == nil {
		f.Add(data)
	}
	f.Add([]byte(`{"Pools":[{"PoolName":"p","Users":[{"Username":"a","Password":"x","Groups":["g"]}],"Groups":[{"GroupName":"g"}]}]}`))
	f.Add([]byte(`{"Pools":null}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := parseSeed(strings.NewReader(string(data)))
		if err != nil {
			if !errors.Is(err, errSeed) {
				t.Fatalf("error %v is not errSeed", err)
			}
			return
		}
		// What parses re-encodes and parses again: no half-understood input.
		again, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := parseSeed(strings.NewReader(string(again))); err != nil {
			t.Fatalf("re-encoded seed does not parse: %v\n%s", err, again)
		}
	})
}

// TestSeedOAuthRefusals: a domain, resource server or OAuth client that
// Cognito refuses stops the seed, and the error names where.
func TestSeedOAuthRefusals(t *testing.T) {
	tests := []struct {
		name  string
		pools string
		where string
	}{
		{"reserved word in the domain", `[{"PoolName":"p","Domain":"my-aws-app"}]`, "Pools[0] (p).Domain"},
		{"domain taken by another pool", `[{"PoolName":"p","Domain":"app"},{"PoolName":"q","Domain":"app"}]`, "Pools[1] (q).Domain"},
		{"scope with a slash", `[{"PoolName":"p","ResourceServers":[{"Identifier":"api","Name":"API","Scopes":[{"ScopeName":"a/b","ScopeDescription":"d"}]}]}]`, "Pools[0] (p).ResourceServers[0] (api)"},
		{"client scope of no resource server", `[{"PoolName":"p","Clients":[{"ClientName":"web","AllowedOAuthFlowsUserPoolClient":true,"AllowedOAuthFlows":["code"],"AllowedOAuthScopes":["api/read"],"CallbackURLs":["https://x.example/cb"]}]}]`, "Pools[0] (p).Clients[0] (web)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := parseSeed(strings.NewReader(`{"Pools":` + tt.pools + `}`))
			if err != nil {
				t.Fatal(err)
			}
			err = applySeed(context.Background(), fakecognito.New(fakecognito.Options{}), s)
			var te *transport.Error
			if !errors.Is(err, errSeed) || !errors.As(err, &te) || !strings.Contains(err.Error(), "seed: "+tt.where+": ") {
				t.Fatalf("error %v, want errSeed and a Cognito error at %s", err, tt.where)
			}
		})
	}
}
