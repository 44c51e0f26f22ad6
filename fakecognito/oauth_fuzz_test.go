package fakecognito

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/gocognito/gocognito/transport"
)

// fuzzOAuthFake is a fake whose pool has a domain, a resource server, a
// client_credentials client and a code/implicit client, for the fuzz
// targets of the OAuth endpoints.
func fuzzOAuthFake(f *testing.F) (fake *Fake, machine, web transport.UserPoolClient) {
	fake = New(Options{IssuerBase: "http://fake.test"})
	ctx := context.Background()
	pool := fake.MustCreatePool(transport.CreateUserPoolInput{PoolName: "p"})
	if _, err := fake.CreateUserPoolDomain(ctx, &transport.CreateUserPoolDomainInput{UserPoolID: pool.ID, Domain: "myapp"}); err != nil {
		f.Fatal(err)
	}
	if _, err := fake.CreateResourceServer(ctx, &transport.ResourceServerInput{
		UserPoolID: pool.ID, Identifier: apiID, Name: "api",
		Scopes: []transport.ResourceServerScope{{ScopeName: "read", ScopeDescription: "read"}, {ScopeName: "write", ScopeDescription: "write"}},
	}); err != nil {
		f.Fatal(err)
	}
	machine = fake.MustCreateClient(transport.CreateUserPoolClientInput{UserPoolID: pool.ID, GenerateSecret: true, ClientSettings: transport.ClientSettings{
		ClientName: "machine", AllowedOAuthFlowsUserPoolClient: true,
		AllowedOAuthFlows: []string{"client_credentials"}, AllowedOAuthScopes: []string{scopeRead, scopeW},
	}})
	web = fake.MustCreateClient(transport.CreateUserPoolClientInput{UserPoolID: pool.ID, ClientSettings: transport.ClientSettings{
		ClientName: "web", AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: []string{"code", "implicit"},
		AllowedOAuthScopes: []string{"openid", "email", scopeRead},
		CallbackURLs:       []string{appCallback, "https://app.example.com/cb"},
		LogoutURLs:         []string{"http://localhost:3000/bye"},
	}})
	fake.MustCreateUser(pool.ID, "alice", testPassword)
	return fake, machine, web
}

// FuzzOAuthToken posts arbitrary forms and Authorization headers to
// /oauth2/token: the answer is never a server error, an error is
// Cognito's {"error": ...}, and tokens come only for the right secret.
func FuzzOAuthToken(f *testing.F) {
	fake, machine, web := fuzzOAuthFake(f)
	basic := "Basic " + base64.StdEncoding.EncodeToString([]byte(machine.ClientID+":"+machine.ClientSecret))
	f.Add("grant_type=client_credentials&scope="+url.QueryEscape(scopeRead), basic)
	f.Add("grant_type=client_credentials&client_id="+machine.ClientID+"&client_secret=wrong", "")
	f.Add("grant_type=authorization_code&code=abc&redirect_uri="+url.QueryEscape(appCallback)+"&client_id="+web.ClientID+"&code_verifier=x", "")
	f.Add("grant_type=refresh_token&refresh_token=eyJ.e.x&client_id="+web.ClientID, "")
	f.Add("grant_type=password&username=alice&password=x", "Basic %%%")
	f.Add("%zz&&==;", "Bearer x")
	f.Fuzz(func(t *testing.T, body, auth string) {
		req := httptest.NewRequest(http.MethodPost, "/oauth2/token", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if auth != "" {
			req.Header["Authorization"] = []string{auth}
		}
		rec := httptest.NewRecorder()
		fake.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("HTTP %d for %q: %s", rec.Code, body, rec.Body)
		}
		var got map[string]any
		if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil {
			t.Fatalf("HTTP %d, body not JSON: %q", rec.Code, rec.Body)
		}
		if rec.Code != http.StatusOK {
			if _, ok := got["error"].(string); !ok {
				t.Fatalf("HTTP %d without an error code: %s", rec.Code, rec.Body)
			}
			return
		}
		// Only the machine client's secret can have earned tokens: the
		// fuzzer has no code or refresh token the fake issued.
		form, _ := url.ParseQuery(body)
		if auth != basic && form.Get("client_secret") != machine.ClientSecret {
			t.Fatalf("tokens without the client's secret for %q (auth %q): %s", body, auth, rec.Body)
		}
	})
}

// FuzzOAuthAuthorize sends arbitrary queries to /oauth2/authorize and
// /logout: never a server error, and a redirect goes only to a URL the
// client registered or to the fake's own login page, never elsewhere.
func FuzzOAuthAuthorize(f *testing.F) {
	fake, machine, web := fuzzOAuthFake(f)
	f.Add("/oauth2/authorize", "response_type=code&client_id="+web.ClientID+"&redirect_uri="+url.QueryEscape(appCallback)+"&state=s&scope=openid")
	f.Add("/oauth2/authorize", "response_type=token&client_id="+web.ClientID+"&redirect_uri="+url.QueryEscape("https://evil.example/cb"))
	f.Add("/oauth2/authorize", "response_type=code&client_id="+machine.ClientID+"&redirect_uri="+url.QueryEscape(appCallback)+"&code_challenge=abc&code_challenge_method=plain")
	f.Add("/login", "response_type=code&client_id="+web.ClientID+"&redirect_uri="+url.QueryEscape(appCallback)+"&scope=nope")
	f.Add("/logout", "client_id="+web.ClientID+"&logout_uri="+url.QueryEscape("http://localhost:3000/bye"))
	f.Add("/logout", "client_id="+web.ClientID+"&logout_uri="+url.QueryEscape("//evil.example"))
	allowed := []string{appCallback, "https://app.example.com/cb", "http://localhost:3000/bye"}
	f.Fuzz(func(t *testing.T, path, query string) {
		if path != "/oauth2/authorize" && path != "/login" && path != "/logout" {
			path = "/oauth2/authorize"
		}
		req := httptest.NewRequest(http.MethodGet, "http://fake.test"+path, nil)
		req.URL.RawQuery = query
		rec := httptest.NewRecorder()
		fake.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("HTTP %d for %s?%s: %s", rec.Code, path, query, rec.Body)
		}
		loc := rec.Header().Get("Location")
		if loc == "" {
			return
		}
		u, err := url.Parse(loc)
		if err != nil {
			t.Fatalf("redirect to an unparsable %q", loc)
		}
		if u.Host == "" || u.Host == "fake.test" {
			if !strings.HasPrefix(u.Path, "/login") && !strings.HasPrefix(u.Path, "/oauth2/") {
				t.Fatalf("redirect within the fake to %q", loc)
			}
			return
		}
		target := u.Scheme + "://" + u.Host + u.Path
		for _, a := range allowed {
			if target == a {
				return
			}
		}
		t.Fatalf("redirect to %q, which no client registered (%s?%s)", loc, path, query)
	})
}

// FuzzTriggerResponse has every trigger of two logins answer with the same
// arbitrary bytes: the login either fails with one of Cognito's Lambda
// errors or returns tokens whose protected claims are the fake's own.
func FuzzTriggerResponse(f *testing.F) {
	const arn = "arn:aws:lambda:us-east-1:123456789012:function:fuzz"
	fake := New(Options{})
	var answer []byte
	fake.SetLambda(arn, func(context.Context, []byte) ([]byte, error) { return answer, nil })
	type target struct {
		pool   transport.UserPool
		client transport.UserPoolClient
	}
	var targets []target
	for _, lc := range []*transport.LambdaConfig{
		{PreAuthentication: arn, PreTokenGeneration: arn},
		{PostAuthentication: arn, PreTokenGenerationConfig: &transport.PreTokenGenerationConfig{LambdaVersion: transport.PreTokenV2, LambdaArn: arn}},
	} {
		pool := fake.MustCreatePool(transport.CreateUserPoolInput{PoolName: "p", PoolSettings: transport.PoolSettings{LambdaConfig: lc}})
		client := fake.MustCreateClient(transport.CreateUserPoolClientInput{UserPoolID: pool.ID, ClientSettings: transport.ClientSettings{
			ClientName: "c", ExplicitAuthFlows: []string{transport.AllowUserPasswordAuth, transport.AllowRefreshTokenAuth}}})
		fake.MustCreateUser(pool.ID, "alice", testPassword)
		targets = append(targets, target{pool, client})
	}
	f.Add(`{"response":{}}`)
	f.Add(`{"response":{"claimsOverrideDetails":{"claimsToAddOrOverride":{"sub":"x","tenant":"a"},"claimsToSuppress":["email","iss"],"groupOverrideDetails":{"groupsToOverride":["g"]}}}}`)
	f.Add(`{"response":{"claimsAndScopeOverrideDetails":{"idTokenGeneration":{"claimsToAddOrOverride":{"token_use":"access","aud":"x"}},"accessTokenGeneration":{"scopesToAdd":["a"],"scopesToSuppress":["aws.cognito.signin.user.admin"],"claimsToSuppress":["client_id"]}}}}`)
	f.Add(`{"response":null}`)
	f.Add(`[1,2]`)
	f.Add(``)
	lambdaCodes := []string{"UserLambdaValidationException", "InvalidLambdaResponseException", "UnexpectedLambdaException"}
	f.Fuzz(func(t *testing.T, resp string) {
		answer = []byte(resp)
		for _, tg := range targets {
			out, err := fake.InitiateAuth(context.Background(), &transport.InitiateAuthInput{
				AuthFlow: transport.FlowUserPassword, ClientID: tg.client.ClientID,
				AuthParameters: map[string]string{transport.ParamUsername: "alice", transport.ParamPassword: testPassword},
			})
			if err != nil {
				var te *transport.Error
				if !errors.As(err, &te) || !slices.Contains(lambdaCodes, te.Code) {
					t.Fatalf("answer %q: error %v, want one of %v", resp, err, lambdaCodes)
				}
				continue
			}
			id, access := jwtClaims(t, out.AuthenticationResult.IDToken), jwtClaims(t, out.AuthenticationResult.AccessToken)
			iss := fake.Issuer(tg.pool.ID)
			for name, want := range map[string]any{"iss": iss, "token_use": "id", "aud": tg.client.ClientID, "cognito:username": "alice"} {
				if id[name] != want {
					t.Fatalf("answer %q changed the ID token's %s to %v", resp, name, id[name])
				}
			}
			for name, want := range map[string]any{"iss": iss, "token_use": "access", "client_id": tg.client.ClientID, "username": "alice", "sub": id["sub"]} {
				if access[name] != want {
					t.Fatalf("answer %q changed the access token's %s to %v", resp, name, access[name])
				}
			}
		}
	})
}

// jwtClaims decodes a compact JWT's claims without checking it.
func jwtClaims(t *testing.T, tok string) map[string]any {
	t.Helper()
	parts := strings.Split(tok, ".")
	if len(parts) != 3 {
		t.Fatalf("not a JWT: %q", tok)
	}
	b, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		t.Fatal(err)
	}
	var c map[string]any
	if err := json.Unmarshal(b, &c); err != nil {
		t.Fatal(err)
	}
	return c
}
