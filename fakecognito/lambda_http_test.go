package fakecognito

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/aws"
	awslambda "github.com/aws/aws-sdk-go-v2/service/lambda"

	"github.com/gocognito/gocognito/transport"
)

// tenantHandler is a pre token generation function as a Go Lambda is
// written, with aws-lambda-go: it adds a tenant claim to the access token,
// or throws for the user "mallory".
func tenantHandler(_ context.Context, ev events.CognitoEventUserPoolsPreTokenGenV2_0) (events.CognitoEventUserPoolsPreTokenGenV2_0, error) {
	if ev.Request.UserAttributes["email"] == "mallory@example.com" {
		return ev, errors.New("mallory may not sign in")
	}
	ev.Response.ClaimsAndScopeOverrideDetails.AccessTokenGeneration.ClaimsToAddOrOverride = map[string]any{"tenant": "acme"}
	return ev, nil
}

// lambdaError is the error payload Lambda returns for a function error.
func lambdaErrorBody(err error) []byte {
	b, _ := json.Marshal(map[string]string{"errorMessage": err.Error(), "errorType": "errorString"})
	return b
}

// webhookServer serves h as a webhook: 200 with the answer, 500 with
// Lambda's error payload when it throws.
func webhookServer(t *testing.T, h lambda.Handler) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if r.Method != http.MethodPost || r.Header.Get("Content-Type") != "application/json" {
			t.Errorf("webhook got %s with Content-Type %q", r.Method, r.Header.Get("Content-Type"))
		}
		out, err := h.Invoke(r.Context(), body)
		if err != nil {
			w.WriteHeader(http.StatusInternalServerError)
			w.Write(lambdaErrorBody(err))
			return
		}
		w.Write(out)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// invokeAPIServer is a Lambda Invoke API that runs functions by ARN, as a
// local emulator does: a function error is status 200 with
// X-Amz-Function-Error, an unknown function 404 ResourceNotFoundException.
type invokeAPIServer struct {
	*httptest.Server
	mu   sync.Mutex
	reqs []*http.Request
}

func newInvokeAPIServer(t *testing.T, functions map[string]lambda.Handler) *invokeAPIServer {
	s := &invokeAPIServer{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.reqs = append(s.reqs, r.Clone(context.Background()))
		s.mu.Unlock()
		name, ok := strings.CutPrefix(r.URL.EscapedPath(), "/2015-03-31/functions/")
		name, ok2 := strings.CutSuffix(name, "/invocations")
		arn, err := url.PathUnescape(name)
		if r.Method != http.MethodPost || !ok || !ok2 || err != nil {
			w.Header().Set("X-Amzn-ErrorType", "UnknownOperationException")
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		h := functions[arn]
		if h == nil {
			w.Header().Set("X-Amzn-ErrorType", "ResourceNotFoundException")
			w.WriteHeader(http.StatusNotFound)
			w.Write([]byte(`{"Type":"User","message":"Function not found: ` + arn + `"}`))
			return
		}
		body, _ := io.ReadAll(r.Body)
		out, err := h.Invoke(r.Context(), body)
		if err != nil {
			w.Header().Set("X-Amz-Function-Error", "Unhandled")
			w.Write(lambdaErrorBody(err))
			return
		}
		w.Write(out)
	}))
	t.Cleanup(s.Close)
	return s
}

// TestTriggerThreeWays runs the same aws-lambda-go handler as a Go
// function, as a webhook and behind a Lambda Invoke API, through a login.
func TestTriggerThreeWays(t *testing.T) {
	h := lambda.NewHandler(tenantHandler)
	hook := webhookServer(t, h)
	api := newInvokeAPIServer(t, map[string]lambda.Handler{testARN: h})
	tests := []struct {
		name  string
		setup func(t *testing.T, f *Fake, lc *transport.LambdaConfig)
	}{
		{
			name: "Go function",
			setup: func(t *testing.T, f *Fake, lc *transport.LambdaConfig) {
				f.SetLambda(testARN, h.Invoke)
			},
		},
		{
			name: "webhook for every pool",
			setup: func(t *testing.T, f *Fake, lc *transport.LambdaConfig) {
				*lc = transport.LambdaConfig{} // the pool names no function
				fn, err := NewWebhook(hook.URL+"/hook?token=secret", nil)
				if err != nil {
					t.Fatal(err)
				}
				if err := f.SetTriggerHook(TriggerPreTokenGeneration, TriggerHook{Func: fn, LambdaVersion: "V2_0"}); err != nil {
					t.Fatal(err)
				}
			},
		},
		{
			name: "Lambda Invoke API",
			setup: func(t *testing.T, f *Fake, lc *transport.LambdaConfig) {
				inv, err := NewLambdaEndpoint(api.URL, nil)
				if err != nil {
					t.Fatal(err)
				}
				f.lambdas.mu.Lock()
				f.lambdas.invoker = inv
				f.lambdas.mu.Unlock()
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := New(Options{Clock: newTestClock().Now})
			lc := &transport.LambdaConfig{PreTokenGenerationConfig: &transport.PreTokenGenerationConfig{LambdaVersion: "V2_0", LambdaArn: testARN}}
			tc.setup(t, f, lc)
			pool := f.MustCreatePool(transport.CreateUserPoolInput{PoolName: "p", PoolSettings: transport.PoolSettings{LambdaConfig: lc}})
			client := f.MustCreateClient(transport.CreateUserPoolClientInput{UserPoolID: pool.ID, ClientSettings: transport.ClientSettings{
				ClientName: "app", ExplicitAuthFlows: []string{transport.AllowUserPasswordAuth, transport.AllowRefreshTokenAuth},
			}})
			e := &env{t: t, f: f, cog: f, clk: newTestClock(), pool: pool, client: client, ctx: context.Background()}
			f.MustCreateUser(pool.ID, "alice", testPassword, transport.Attr("email", "alice@example.com"))
			f.MustCreateUser(pool.ID, "mallory", testPassword, transport.Attr("email", "mallory@example.com"))

			res := e.tokens(e.passwordLogin("alice", testPassword))
			if got := e.claims(res.AccessToken)["tenant"]; got != "acme" {
				t.Errorf("tenant = %v, want acme", got)
			}
			_, err := e.passwordLogin("mallory", testPassword)
			wantErr(t, err, "UserLambdaValidationException", "PreTokenGeneration failed with error mallory may not sign in.")
		})
	}
}

func TestWebhookFailures(t *testing.T) {
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(2 * time.Second):
		}
	}))
	defer slow.Close()
	status := func(code int, body string) *httptest.Server {
		s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(code)
			io.WriteString(w, body)
		}))
		t.Cleanup(s.Close)
		return s
	}
	huge := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`{"response":"`))
		w.Write([]byte(strings.Repeat("x", maxLambdaPayload)))
		w.Write([]byte(`"}`))
	}))
	defer huge.Close()
	closed := httptest.NewServer(http.NotFoundHandler())
	closedURL := closed.URL
	closed.Close()

	tests := []struct {
		name, url, wantCode, wantMsg string
	}{
		{"plain-text error", status(http.StatusForbidden, "not allowed\nsecond line").URL, "UserLambdaValidationException", "PreSignUp failed with error not allowed."},
		{"Lambda error payload", status(http.StatusInternalServerError, `{"errorMessage":"bad domain","errorType":"Error"}`).URL, "UserLambdaValidationException", "PreSignUp failed with error bad domain."},
		{"timeout", slow.URL, "UnexpectedLambdaException", "PreSignUp invocation failed due to error Socket timeout while invoking Lambda function."},
		{"unreachable", closedURL, "UnexpectedLambdaException", "PreSignUp invocation failed due to error Lambda function could not be reached."},
		{"answer over 6 MB", huge.URL, "UnexpectedLambdaException", "PreSignUp invocation failed due to error RequestTooLargeException."},
		{"not JSON", status(http.StatusOK, "ok").URL, "InvalidLambdaResponseException", msgLambdaInvalidJSON},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fn, err := NewWebhook(tc.url+"/?key=topsecret", nil)
			if err != nil {
				t.Fatal(err)
			}
			timeout := 10 * time.Second
			if tc.name == "timeout" {
				timeout = 200 * time.Millisecond
			}
			f := New(Options{LambdaTimeout: timeout, TriggerHooks: map[string]TriggerHook{TriggerPreSignUp: {Func: fn}}})
			pool := f.MustCreatePool(transport.CreateUserPoolInput{PoolName: "p"})
			_, err = f.callTrigger(context.Background(), pool.ID, TriggerPreSignUp, newTriggerEvent("PreSignUp_SignUp", "a", "c", nil, nil), &testTriggerResponse{})
			wantErr(t, err, tc.wantCode, tc.wantMsg)
			for e := error(err); e != nil; e = errors.Unwrap(e) {
				if strings.Contains(e.Error(), "topsecret") {
					t.Errorf("an error shows the webhook URL's secret: %v", e)
				}
			}
		})
	}
}

func TestWebhookRefusesBadURLs(t *testing.T) {
	for _, u := range []string{"", "ftp://example.com/x", "http://", "/relative", "http://user:pw@[::1"} {
		if _, err := NewWebhook(u, nil); err == nil {
			t.Errorf("NewWebhook(%q) accepted", u)
		} else if strings.Contains(err.Error(), "pw") {
			t.Errorf("the error shows a password: %v", err)
		}
		if _, err := NewLambdaEndpoint(u, nil); err == nil {
			t.Errorf("NewLambdaEndpoint(%q) accepted", u)
		}
	}
	f := New(Options{})
	if err := f.SetTriggerHook("PreSignup", TriggerHook{Func: echoResponse(`{}`)}); err == nil {
		t.Error("SetTriggerHook accepted an unknown trigger name")
	}
}

func TestLambdaEndpointErrors(t *testing.T) {
	h := lambda.NewHandler(func(ctx context.Context, ev events.CognitoEventUserPoolsPreSignup) (events.CognitoEventUserPoolsPreSignup, error) {
		return ev, errors.New("sign-ups are closed")
	})
	api := newInvokeAPIServer(t, map[string]lambda.Handler{testARN: h})
	inv, err := NewLambdaEndpoint(api.URL+"/", nil)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, arn, wantCode, wantMsg string
	}{
		{"function error", testARN, "UserLambdaValidationException", "PreSignUp failed with error sign-ups are closed."},
		{"no such function", otherTestARN, "UnexpectedLambdaException", "PreSignUp invocation failed due to error ResourceNotFoundException."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := New(Options{LambdaInvoker: inv})
			pool := f.MustCreatePool(transport.CreateUserPoolInput{PoolName: "p", PoolSettings: transport.PoolSettings{LambdaConfig: &transport.LambdaConfig{PreSignUp: tc.arn}}})
			_, err := f.callTrigger(context.Background(), pool.ID, TriggerPreSignUp, newTriggerEvent("PreSignUp_SignUp", "a", "c", nil, nil), &testTriggerResponse{})
			wantErr(t, err, tc.wantCode, tc.wantMsg)
			var fe *FunctionError
			var ie *InvokeError
			if !errors.As(err, &fe) && !errors.As(err, &ie) {
				t.Errorf("err %v wraps neither *FunctionError nor *InvokeError", err)
			}
		})
	}
}

// TestLambdaEndpointAsTheSDKInvokes checks that the fake calls the Invoke
// API as the AWS SDK for Go v2 does, so that what serves the SDK serves
// the fake.
func TestLambdaEndpointAsTheSDKInvokes(t *testing.T) {
	api := newInvokeAPIServer(t, map[string]lambda.Handler{testARN: lambda.NewHandler(tenantHandler)})
	payload := []byte(`{"version":"2","request":{"userAttributes":{}},"response":{}}`)

	sdk := awslambda.New(awslambda.Options{
		BaseEndpoint: aws.String(api.URL), Region: "us-east-1", Credentials: aws.AnonymousCredentials{},
	})
	if _, err := sdk.Invoke(context.Background(), &awslambda.InvokeInput{FunctionName: aws.String(testARN), Payload: payload}); err != nil {
		t.Fatal(err)
	}
	inv, err := NewLambdaEndpoint(api.URL, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := inv.Invoke(context.Background(), testARN, payload); err != nil {
		t.Fatal(err)
	}
	api.mu.Lock()
	reqs := slices.Clone(api.reqs)
	api.mu.Unlock()
	if len(reqs) != 2 {
		t.Fatalf("requests = %d", len(reqs))
	}
	theirs, ours := reqs[0], reqs[1]
	if theirs.Method != ours.Method || theirs.URL.EscapedPath() != ours.URL.EscapedPath() {
		t.Errorf("the SDK sent %s %s, the fake %s %s", theirs.Method, theirs.URL.EscapedPath(), ours.Method, ours.URL.EscapedPath())
	}
	for _, h := range []string{"X-Amz-Invocation-Type", "Content-Type"} {
		if theirs.Header.Get(h) != ours.Header.Get(h) && theirs.Header.Get(h) != "" {
			t.Errorf("%s: the SDK sent %q, the fake %q", h, theirs.Header.Get(h), ours.Header.Get(h))
		}
	}

	// A function error reaches the SDK and the fake alike.
	ev, _ := json.Marshal(map[string]any{"request": map[string]any{"userAttributes": map[string]string{"email": "mallory@example.com"}}})
	out, err := sdk.Invoke(context.Background(), &awslambda.InvokeInput{FunctionName: aws.String(testARN), Payload: ev})
	if err != nil || aws.ToString(out.FunctionError) == "" {
		t.Fatalf("the SDK saw no function error: %v %+v", err, out)
	}
	_, err = inv.Invoke(context.Background(), testARN, ev)
	var fe *FunctionError
	if !errors.As(err, &fe) || fe.Message != "mallory may not sign in" {
		t.Errorf("the fake saw %v", err)
	}
}
