package main

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/aws"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	cipTypes "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"
)

const tenantARN = "arn:aws:lambda:us-east-1:123456789012:function:tenant"

// tenantLambda is a pre token generation function written as Go Lambdas
// are, adding a tenant claim to the access token.
var tenantLambda = lambda.NewHandler(func(_ context.Context, ev events.CognitoEventUserPoolsPreTokenGenV2_0) (events.CognitoEventUserPoolsPreTokenGenV2_0, error) {
	ev.Response.ClaimsAndScopeOverrideDetails.AccessTokenGeneration.ClaimsToAddOrOverride = map[string]any{"tenant": "acme"}
	return ev, nil
})

// writeTriggerSeed writes a seed of one pool (with lambdaConfig, when not
// empty), one client and alice.
func writeTriggerSeed(t *testing.T, lambdaConfig string) string {
	t.Helper()
	lc := ""
	if lambdaConfig != "" {
		lc = `"LambdaConfig": ` + lambdaConfig + `,`
	}
	seed := `{"Pools": [{"Id": "us-east-1_Triggers1", "PoolName": "triggers", ` + lc + `
		"Clients": [{"ClientId": "triggersapp", "ClientName": "app", "ExplicitAuthFlows": ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]}],
		"Users": [{"Username": "alice", "Password": "Corr3ct-Horse", "Attributes": {"email": "alice@example.com"}}]}]}`
	p := filepath.Join(t.TempDir(), "seed.json")
	if err := os.WriteFile(p, []byte(seed), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// accessClaim signs alice in through the SDK and reads a claim of her
// access token.
func accessClaim(t *testing.T, url, claim string) any {
	t.Helper()
	out, err := sdkClient(url).InitiateAuth(context.Background(), &cip.InitiateAuthInput{
		AuthFlow: cipTypes.AuthFlowTypeUserPasswordAuth, ClientId: aws.String("triggersapp"),
		AuthParameters: map[string]string{"USERNAME": "alice", "PASSWORD": "Corr3ct-Horse"},
	})
	if err != nil {
		t.Fatal(err)
	}
	parts := strings.Split(aws.ToString(out.AuthenticationResult.AccessToken), ".")
	payload, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		t.Fatal(err)
	}
	var claims map[string]any
	if err := json.Unmarshal(payload, &claims); err != nil {
		t.Fatal(err)
	}
	return claims[claim]
}

// TestServeTriggers runs a pre token generation trigger under serve as a
// webhook for every pool and through a Lambda Invoke API endpoint.
func TestServeTriggers(t *testing.T) {
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		out, err := tenantLambda.Invoke(r.Context(), body)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Write(out)
	}))
	defer hook.Close()
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.EscapedPath() != "/2015-03-31/functions/"+strings.ReplaceAll(tenantARN, ":", "%3A")+"/invocations" ||
			r.Header.Get("X-Amz-Invocation-Type") != "RequestResponse" {
			w.Header().Set("X-Amzn-ErrorType", "ResourceNotFoundException")
			w.WriteHeader(http.StatusNotFound)
			return
		}
		body, _ := io.ReadAll(r.Body)
		out, err := tenantLambda.Invoke(r.Context(), body)
		if err != nil {
			w.Header().Set("X-Amz-Function-Error", "Unhandled")
		}
		w.Write(out)
	}))
	defer api.Close()

	tests := []struct {
		name string
		seed string
		args []string
	}{
		{
			name: "webhook for a pool that names no function",
			seed: "",
			args: []string{"--trigger", "PreTokenGeneration:V2_0=" + hook.URL + "/hook?token=s3cret", "--log-level", "debug"},
		},
		{
			name: "Lambda endpoint for the function LambdaConfig names",
			seed: `{"PreTokenGenerationConfig": {"LambdaVersion": "V2_0", "LambdaArn": "` + tenantARN + `"}}`,
			args: []string{"--lambda-endpoint", api.URL, "--log-level", "debug"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := serveInProcess(t, append([]string{"--seed", writeTriggerSeed(t, tc.seed)}, tc.args...)...)
			if got := accessClaim(t, s.url, "tenant"); got != "acme" {
				t.Errorf("tenant = %v, want acme", got)
			}
			if code := s.stop(); code != 0 {
				t.Fatalf("serve exited %d", code)
			}
			logs := s.stderr.String()
			if !strings.Contains(logs, "trigger=PreTokenGeneration") {
				t.Errorf("no trigger record in the logs:\n%s", logs)
			}
			for _, secret := range []string{"s3cret", "Corr3ct-Horse", "alice@example.com"} {
				if strings.Contains(logs, secret) {
					t.Errorf("the logs show %q:\n%s", secret, logs)
				}
			}
		})
	}
}

func TestServeTriggerFlags(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		wantErr string
	}{
		{"unknown trigger", []string{"--trigger", "PreSignup=http://127.0.0.1:1/x"}, `unknown trigger "PreSignup"`},
		{"no URL", []string{"--trigger", "PreSignUp"}, "want NAME=URL"},
		{"not http", []string{"--trigger", "PreSignUp=ftp://x/y"}, "want an http or https URL"},
		{"version on another trigger", []string{"--trigger", "PreSignUp:V2_0=http://127.0.0.1:1/x"}, "only PreTokenGeneration takes a version"},
		{"bad version", []string{"--trigger", "PreTokenGeneration:V9=http://127.0.0.1:1/x"}, `version "V9"`},
		{"twice", []string{"--addr", "127.0.0.1:0", "--trigger", "PreSignUp=http://127.0.0.1:1/a", "--trigger", "PreSignUp=http://127.0.0.1:1/b"}, "given twice"},
		{"bad endpoint", []string{"--addr", "127.0.0.1:0", "--lambda-endpoint", "localhost:3001"}, "--lambda-endpoint"},
		{"bad timeout", []string{"--lambda-timeout", "0s"}, "--lambda-timeout must be positive"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runCommand(context.Background(), nil, append([]string{"serve"}, tt.args...)...)
			if code == 0 || !strings.Contains(stderr, tt.wantErr) {
				t.Fatalf("exit %d, stderr %q (want %q)", code, stderr, tt.wantErr)
			}
			if strings.Contains(stdout, "listening") {
				t.Error("a failed start claimed to listen")
			}
		})
	}
}
