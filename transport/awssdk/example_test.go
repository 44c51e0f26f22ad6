package awssdk_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"

	"github.com/gocognito/gocognito/transport"
	"github.com/gocognito/gocognito/transport/awssdk"
)

// cannedCognito answers like Cognito does: InitiateAuth with a
// PASSWORD_VERIFIER challenge for alice, NotAuthorizedException for anyone
// else.
func cannedCognito() *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		w.Header().Set("Content-Type", "application/x-amz-json-1.1")
		w.Header().Set("x-amzn-RequestId", "8f2e61a0-0000-4000-8000-000000000001")
		if r.Header.Get("X-Amz-Target") != "AWSCognitoIdentityProviderService.InitiateAuth" {
			w.WriteHeader(http.StatusBadRequest)
			io.WriteString(w, `{"__type":"UnknownOperationException"}`)
			return
		}
		if !strings.Contains(string(body), `"USERNAME":"alice"`) {
			w.Header().Set("X-Amzn-ErrorType", "NotAuthorizedException:")
			w.WriteHeader(http.StatusBadRequest)
			io.WriteString(w, `{"__type":"NotAuthorizedException","message":"Incorrect username or password."}`)
			return
		}
		io.WriteString(w, `{"ChallengeName":"PASSWORD_VERIFIER","ChallengeParameters":{`+
			`"SALT":"8d3c","SRP_B":"5a1f","SECRET_BLOCK":"c2VjcmV0","USERNAME":"8e1f2a44-alice",`+
			`"USER_ID_FOR_SRP":"8e1f2a44-alice"}}`)
	}))
}

// New aims the adapter at any server that speaks Cognito's protocol, here a
// local one, with no AWS credentials: logging in needs none.
func ExampleNew() {
	srv := cannedCognito()
	defer srv.Close()

	c := awssdk.New(aws.Config{
		Region:       "us-east-1",
		BaseEndpoint: aws.String(srv.URL),
		HTTPClient:   srv.Client(),
	})
	out, err := c.InitiateAuth(context.Background(), &transport.InitiateAuthInput{
		AuthFlow: transport.FlowUserSRP,
		ClientID: "3n4b5urk1ft4fl3mg5e62d9ado",
		AuthParameters: map[string]string{
			transport.ParamUsername: "alice",
			transport.ParamSRPA:     "8a3c0e7f",
		},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(out.ChallengeName)
	fmt.Println(out.ChallengeParameters[transport.ParamUserIDForSRP])
	// Output:
	// PASSWORD_VERIFIER
	// 8e1f2a44-alice
}

// Cognito's errors come back as *transport.Error, matched with transport's
// sentinels whichever transport produced them, and still unwrap to the SDK's
// exception types.
func ExampleClient_InitiateAuth_errors() {
	srv := cannedCognito()
	defer srv.Close()

	c := awssdk.New(aws.Config{Region: "us-east-1", BaseEndpoint: aws.String(srv.URL), HTTPClient: srv.Client()})
	_, err := c.InitiateAuth(context.Background(), &transport.InitiateAuthInput{
		AuthFlow:       transport.FlowUserSRP,
		ClientID:       "3n4b5urk1ft4fl3mg5e62d9ado",
		AuthParameters: map[string]string{transport.ParamUsername: "mallory", transport.ParamSRPA: "01"},
	})
	fmt.Println(errors.Is(err, transport.ErrNotAuthorized))

	var e *transport.Error
	if errors.As(err, &e) {
		fmt.Println(e.Code, e.StatusCode, e.RequestID)
		fmt.Println(e.Message)
	}
	var sdkErr *types.NotAuthorizedException
	fmt.Println(errors.As(err, &sdkErr))
	// Output:
	// true
	// NotAuthorizedException 400 8f2e61a0-0000-4000-8000-000000000001
	// Incorrect username or password.
	// true
}

// FromClient wraps an SDK client built elsewhere.
func ExampleFromClient() {
	srv := cannedCognito()
	defer srv.Close()

	sdk := cip.New(cip.Options{Region: "us-east-1", BaseEndpoint: aws.String(srv.URL), HTTPClient: srv.Client()})
	var auth transport.Authenticator = awssdk.FromClient(sdk)
	out, err := auth.InitiateAuth(context.Background(), &transport.InitiateAuthInput{
		AuthFlow:       transport.FlowUserSRP,
		ClientID:       "3n4b5urk1ft4fl3mg5e62d9ado",
		AuthParameters: map[string]string{transport.ParamUsername: "alice", transport.ParamSRPA: "8a3c0e7f"},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(out.ChallengeName)
	// Output: PASSWORD_VERIFIER
}

// Against real Cognito, load the configuration as for any SDK client; the
// login calls still need no credentials, so an empty credential chain is fine.
// (Compiled, not run: it would reach AWS.)
func ExampleNew_realCognito() {
	ctx := context.Background()
	cfg, err := config.LoadDefaultConfig(ctx, config.WithRegion("eu-west-1"))
	if err != nil {
		log.Fatal(err)
	}
	var c transport.Cognito = awssdk.New(cfg)
	_, err = c.InitiateAuth(ctx, &transport.InitiateAuthInput{
		AuthFlow:       transport.FlowUserSRP,
		ClientID:       "your-app-client-id",
		AuthParameters: map[string]string{transport.ParamUsername: "alice", transport.ParamSRPA: "..."},
	})
	if err != nil {
		log.Fatal(err)
	}
}
