package awssdk

import (
	"net/http"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"
)

// The adapter's cost is what it adds to an SDK call: compare
// BenchmarkInitiateAuth with BenchmarkInitiateAuthSDKOnly, which make the
// same call with and without the adapter against an in-process answer.

func benchClient(b *testing.B) *Client {
	b.Helper()
	cfg, mt := testConfig()
	mt.RegisterResponder(http.MethodPost, endpoint+"/", func(r *http.Request) (*http.Response, error) {
		resp := jsonResponse(200, challengeBody)
		resp.Request = r
		return resp, nil
	})
	return New(cfg)
}

func BenchmarkInitiateAuth(b *testing.B) {
	c := benchClient(b)
	ctx := b.Context()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.InitiateAuth(ctx, srpInput); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkInitiateAuthSDKOnly(b *testing.B) {
	c := benchClient(b)
	ctx := b.Context()
	in := &cip.InitiateAuthInput{
		AuthFlow:       types.AuthFlowType(srpInput.AuthFlow),
		ClientId:       aws.String(srpInput.ClientID),
		AuthParameters: srpInput.AuthParameters,
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.SDK().InitiateAuth(ctx, in); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMapError is the cost of turning a Cognito error into a
// *transport.Error.
func BenchmarkMapError(b *testing.B) {
	err := sdkError(&types.NotAuthorizedException{Message: aws.String("Incorrect username or password.")}, 400, "rid")
	b.ReportAllocs()
	for b.Loop() {
		_ = mapError(err)
	}
}
