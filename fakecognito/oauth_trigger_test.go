package fakecognito

import (
	"context"
	"encoding/json"
	"sync"
	"testing"

	"golang.org/x/oauth2/clientcredentials"

	"github.com/gocognito/gocognito/transport"
)

func TestOAuthRunsPreTokenGeneration(t *testing.T) {
	const arn = "arn:aws:lambda:us-east-1:123456789012:function:tokens"
	oe := newOAuthEnvNow(t)
	if _, err := oe.f.UpdateUserPool(oe.ctx, &transport.UpdateUserPoolInput{UserPoolID: oe.pool.ID, PoolSettings: transport.PoolSettings{
		LambdaConfig: &transport.LambdaConfig{PreTokenGenerationConfig: &transport.PreTokenGenerationConfig{LambdaVersion: transport.PreTokenV3, LambdaArn: arn}},
	}}); err != nil {
		t.Fatal(err)
	}
	var (
		mu    sync.Mutex
		calls []string
	)
	oe.f.SetLambda(arn, func(_ context.Context, event []byte) ([]byte, error) {
		var ev map[string]any
		if err := json.Unmarshal(event, &ev); err != nil {
			return nil, err
		}
		req, _ := ev["request"].(map[string]any)
		scopes, _ := json.Marshal(req["scopes"])
		mu.Lock()
		calls = append(calls, ev["triggerSource"].(string)+" "+string(scopes))
		mu.Unlock()
		ev["response"] = map[string]any{"claimsAndScopeOverrideDetails": map[string]any{
			"accessTokenGeneration": map[string]any{"claimsToAddOrOverride": map[string]any{"tenant": "acme"}},
		}}
		return json.Marshal(ev)
	})
	oe.f.MustCreateUser(oe.pool.ID, "alice", testPassword)
	web := oe.webClient(t, false, nil)
	tok, _ := oe.codeTokens(t, web, "openid", "email")
	if c := oe.claims(tok.AccessToken); c["tenant"] != "acme" || c["scope"] != "openid email" {
		t.Errorf("access claims %v", c)
	}
	machine, err := (&clientcredentials.Config{ClientID: oe.machine.ClientID, ClientSecret: oe.machine.ClientSecret,
		TokenURL: oe.srv.URL + "/oauth2/token"}).Token(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if c := oe.claims(machine.AccessToken); c["tenant"] != "acme" {
		t.Errorf("machine claims %v", c)
	}
	want := []string{`TokenGeneration_HostedAuth ["openid","email"]`, `TokenGeneration_ClientCredentials ["` + scopeRead + `","` + scopeW + `"]`}
	mu.Lock()
	defer mu.Unlock()
	if len(calls) != len(want) || calls[0] != want[0] || calls[1] != want[1] {
		t.Errorf("trigger calls %q, want %q", calls, want)
	}
}
