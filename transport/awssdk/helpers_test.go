package awssdk

import (
	"io"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/jarcoal/httpmock"
)

// endpoint is where test clients send requests; httpmock answers them, so
// nothing leaves the process.
const endpoint = "https://cognito-idp.test.invalid"

const targetPrefix = "AWSCognitoIdentityProviderService."

// noBackoff is a retryer option that retries at once, so retry tests count
// attempts without sleeping.
func noBackoff(o *retry.StandardOptions) {
	o.Backoff = retry.BackoffDelayerFunc(func(int, error) (time.Duration, error) { return 0, nil })
}

// testConfig returns an aws.Config aimed at endpoint through a fresh httpmock
// transport, with the SDK's standard retryer minus its delays and no
// credentials at all.
func testConfig(retryOpts ...func(*retry.StandardOptions)) (aws.Config, *httpmock.MockTransport) {
	mt := httpmock.NewMockTransport()
	opts := append([]func(*retry.StandardOptions){noBackoff}, retryOpts...)
	cfg := aws.Config{
		Region:       "us-east-1",
		BaseEndpoint: aws.String(endpoint),
		HTTPClient:   &http.Client{Transport: mt},
		Retryer:      func() aws.Retryer { return retry.NewStandard(opts...) },
	}
	return cfg, mt
}

// withStaticCredentials adds credentials, for the SigV4-signed operations.
func withStaticCredentials(cfg aws.Config) aws.Config {
	cfg.Credentials = credentials.NewStaticCredentialsProvider("AKIDTEST", "secret-for-tests", "")
	return cfg
}

// request is what the fake endpoint saw of one call.
type request struct {
	Target        string // operation, without the service prefix
	ContentType   string
	Authorization string
	Body          []byte
}

// recorder is an httpmock responder that records every request and answers
// with what answer returns for it.
type recorder struct {
	mu     sync.Mutex
	reqs   []request
	answer func(n int, r request) *http.Response // n counts from 1
}

func (rec *recorder) respond(req *http.Request) (*http.Response, error) {
	body, err := io.ReadAll(req.Body)
	if err != nil {
		return nil, err
	}
	r := request{
		Target:        strings.TrimPrefix(req.Header.Get("X-Amz-Target"), targetPrefix),
		ContentType:   req.Header.Get("Content-Type"),
		Authorization: req.Header.Get("Authorization"),
		Body:          body,
	}
	rec.mu.Lock()
	rec.reqs = append(rec.reqs, r)
	n := len(rec.reqs)
	rec.mu.Unlock()
	resp := rec.answer(n, r)
	resp.Request = req
	return resp, nil
}

func (rec *recorder) requests() []request {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return append([]request(nil), rec.reqs...)
}

// serve installs rec as the only responder of mt.
func serve(mt *httpmock.MockTransport, answer func(n int, r request) *http.Response) *recorder {
	rec := &recorder{answer: answer}
	mt.RegisterResponder(http.MethodPost, endpoint+"/", rec.respond)
	return rec
}

// jsonResponse is a Cognito answer: status, body and the request id header.
func jsonResponse(status int, body string, header ...string) *http.Response {
	resp := httpmock.NewStringResponse(status, body)
	resp.Header.Set("Content-Type", "application/x-amz-json-1.1")
	resp.Header.Set("X-Amzn-Requestid", "req-0001")
	for i := 0; i+1 < len(header); i += 2 {
		resp.Header.Set(header[i], header[i+1])
	}
	return resp
}

// always answers every request the same way.
func always(status int, body string, header ...string) func(int, request) *http.Response {
	return func(int, request) *http.Response { return jsonResponse(status, body, header...) }
}

// errorBody is Cognito's error body.
func errorBody(code, message string) string {
	return `{"__type":"` + code + `","message":"` + message + `"}`
}
