package awsjson_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/gocognito/gocognito/internal/awsjson"
	"github.com/gocognito/gocognito/transport"
)

// greeter answers InitiateAuth for one client only; the embedded interface
// stands for the methods this example does not use.
type greeter struct{ transport.Cognito }

func (greeter) InitiateAuth(_ context.Context, in *transport.InitiateAuthInput) (*transport.InitiateAuthOutput, error) {
	if in.ClientID != "client1" {
		return nil, transport.Errorf("ResourceNotFoundException", "User pool client %s does not exist.", in.ClientID)
	}
	return &transport.InitiateAuthOutput{
		ChallengeName:       transport.ChallengePasswordVerifier,
		ChallengeParameters: map[string]string{"USERNAME": in.AuthParameters["USERNAME"]},
	}, nil
}

func ExampleNewHandler() {
	srv := httptest.NewServer(awsjson.NewHandler(greeter{}, awsjson.Options{}))
	defer srv.Close()

	for _, client := range []string{"client1", "client2"} {
		body := `{"AuthFlow":"USER_SRP_AUTH","ClientId":"` + client + `","AuthParameters":{"USERNAME":"alice","SRP_A":"ab"}}`
		req, _ := http.NewRequest(http.MethodPost, srv.URL+"/", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/x-amz-json-1.1")
		req.Header.Set("X-Amz-Target", "AWSCognitoIdentityProviderService.InitiateAuth")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			fmt.Println(err)
			return
		}
		out, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		errType, _, _ := strings.Cut(resp.Header.Get("X-Amzn-ErrorType"), ":")
		fmt.Println(resp.StatusCode, errType, string(out))
	}
	// Output:
	// 200  {"ChallengeName":"PASSWORD_VERIFIER","ChallengeParameters":{"USERNAME":"alice"}}
	// 400 ResourceNotFoundException {"__type":"ResourceNotFoundException","message":"User pool client client2 does not exist."}
}
