package fakecognito_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/gocognito/gocognito/fakecognito"
	"github.com/gocognito/gocognito/transport"
)

// A pre token generation trigger as a Go function: the pool's LambdaConfig
// names the function by ARN, SetLambda runs it in-process. The function
// gets the event JSON Cognito sends and returns it with its response
// filled in, as aws-lambda-go's lambda.NewHandler(h).Invoke does, so a
// real Go Lambda handler can be passed as it is.
func ExampleFake_SetLambda() {
	const arn = "arn:aws:lambda:us-east-1:123456789012:function:tokens"
	ctx := context.Background()
	f := fakecognito.New(fakecognito.Options{})
	pool := f.MustCreatePool(transport.CreateUserPoolInput{PoolName: "demo", PoolSettings: transport.PoolSettings{
		LambdaConfig: &transport.LambdaConfig{PreTokenGenerationConfig: &transport.PreTokenGenerationConfig{
			LambdaVersion: transport.PreTokenV2, LambdaArn: arn,
		}},
	}})
	client := f.MustCreateClient(transport.CreateUserPoolClientInput{UserPoolID: pool.ID, ClientSettings: transport.ClientSettings{
		ClientName: "web", ExplicitAuthFlows: []string{transport.AllowUserPasswordAuth, transport.AllowRefreshTokenAuth},
	}})
	f.MustCreateUser(pool.ID, "alice", "Correct-Horse-1")

	f.SetLambda(arn, func(_ context.Context, event []byte) ([]byte, error) {
		var ev map[string]any
		if err := json.Unmarshal(event, &ev); err != nil {
			return nil, err
		}
		fmt.Println("called for", ev["triggerSource"])
		ev["response"] = map[string]any{"claimsAndScopeOverrideDetails": map[string]any{
			"accessTokenGeneration": map[string]any{"claimsToAddOrOverride": map[string]any{"tenant": "acme"}},
		}}
		return json.Marshal(ev)
	})

	out, err := f.InitiateAuth(ctx, &transport.InitiateAuthInput{
		AuthFlow: transport.FlowUserPassword, ClientID: client.ClientID,
		AuthParameters: map[string]string{transport.ParamUsername: "alice", transport.ParamPassword: "Correct-Horse-1"},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	payload, _ := base64.RawURLEncoding.DecodeString(strings.Split(out.AuthenticationResult.AccessToken, ".")[1])
	var claims map[string]any
	_ = json.Unmarshal(payload, &claims)
	fmt.Println("tenant:", claims["tenant"])
	// Output:
	// called for TokenGeneration_Authentication
	// tenant: acme
}

// A trigger for every pool, served by an HTTP endpoint: what
// `gocognito serve --trigger PreSignUp=URL` sets up. A function that
// throws (a non-2xx answer) fails the call with Cognito's
// UserLambdaValidationException.
func ExampleNewWebhook() {
	hook, err := fakecognito.NewWebhook("http://127.0.0.1:3000/pre-sign-up", nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	f := fakecognito.New(fakecognito.Options{TriggerHooks: map[string]fakecognito.TriggerHook{
		fakecognito.TriggerPreSignUp: {Func: hook},
	}})
	_ = f
	// The URL is checked at once; what may be secret in it is never shown.
	_, err = fakecognito.NewWebhook("ftp://user:pw@127.0.0.1:3000/hook?token=secret", nil)
	fmt.Println(err)
	// Output:
	// fakecognito: a webhook needs an http or https URL, not "ftp://127.0.0.1:3000/hook"
}

// The functions a pool's LambdaConfig names, run by a Lambda Invoke API
// such as a local Lambda emulator: what `gocognito serve --lambda-endpoint
// URL` sets up.
func ExampleNewLambdaEndpoint() {
	inv, err := fakecognito.NewLambdaEndpoint("http://127.0.0.1:3001", nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	f := fakecognito.New(fakecognito.Options{LambdaInvoker: inv})
	pool := f.MustCreatePool(transport.CreateUserPoolInput{PoolName: "demo", PoolSettings: transport.PoolSettings{
		LambdaConfig: &transport.LambdaConfig{PreSignUp: "arn:aws:lambda:us-east-1:123456789012:function:pre-sign-up"},
	}})
	fmt.Println(pool.LambdaConfig.PreSignUp)
	// Output:
	// arn:aws:lambda:us-east-1:123456789012:function:pre-sign-up
}
