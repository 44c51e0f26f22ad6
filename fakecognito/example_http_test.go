package fakecognito_test

import (
	"context"
	"fmt"
	"net/http/httptest"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"

	"github.com/gocognito/gocognito/engine"
	"github.com/gocognito/gocognito/fakecognito"
	"github.com/gocognito/gocognito/transport"
	"github.com/gocognito/gocognito/transport/awssdk"
)

// In a Go test, the fake serves Cognito's wire protocol over HTTP: the AWS
// SDK for Go reaches it through BaseEndpoint, and here the login engine runs
// over the SDK, as it would against Cognito.
func Example_awsSDKForGo() {
	f := fakecognito.New(fakecognito.Options{})
	srv := httptest.NewServer(f)
	defer srv.Close()
	f.SetIssuerBase(srv.URL) // tokens' issuer: srv.URL + "/" + pool id, where the JWKS is

	pool := f.MustCreatePool(transport.CreateUserPoolInput{PoolName: "test"})
	client := f.MustCreateClient(transport.CreateUserPoolClientInput{UserPoolID: pool.ID,
		ClientSettings: transport.ClientSettings{ClientName: "web",
			ExplicitAuthFlows: []string{transport.AllowUserSRPAuth, transport.AllowRefreshTokenAuth}}})
	f.MustCreateUser(pool.ID, "alice", "Correct-Horse-1")

	cfg := aws.Config{
		Region:       "us-east-1",
		BaseEndpoint: aws.String(srv.URL),
		Credentials:  credentials.NewStaticCredentialsProvider("fake", "fake", ""), // never checked
	}
	res, err := engine.Authenticate(context.Background(),
		engine.Config{PoolID: pool.ID, ClientID: client.ClientID, Transport: awssdk.New(cfg)},
		engine.Credentials{Username: "alice", Password: "Correct-Horse-1"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.Username, res.Tokens.TokenType)
	// Output: alice Bearer
}
