package awsjson

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gocognito/gocognito/transport"
)

const secret = "hunter2-S3cret!"

// request describes one raw HTTP request to the handler.
type request struct {
	method  string            // default POST
	path    string            // default /
	target  string            // operation name; X-Amz-Target is TargetPrefix+target unless rawTarget
	raw     bool              // target is the whole X-Amz-Target value ("" leaves it out)
	ctype   *string           // default application/x-amz-json-1.1; pointer to "" leaves it out
	headers map[string]string // extra headers
	body    string
}

func (q request) do(t testing.TB, h http.Handler) *httptest.ResponseRecorder {
	t.Helper()
	method, path := q.method, q.path
	if method == "" {
		method = http.MethodPost
	}
	if path == "" {
		path = "/"
	}
	r := httptest.NewRequest(method, path, strings.NewReader(q.body))
	switch {
	case q.raw && q.target != "":
		r.Header.Set("X-Amz-Target", q.target)
	case !q.raw:
		r.Header.Set("X-Amz-Target", TargetPrefix+q.target)
	}
	ct := contentTypeAWSJSON
	if q.ctype != nil {
		ct = *q.ctype
	}
	if ct != "" {
		r.Header.Set("Content-Type", ct)
	}
	for k, v := range q.headers {
		r.Header.Set(k, v)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func str(s string) *string { return &s }

// errorOf decodes a Cognito error document and checks its headers agree.
func errorOf(t *testing.T, w *httptest.ResponseRecorder) (code, message string) {
	t.Helper()
	var body struct {
		Type    string `json:"__type"`
		Message string `json:"message"`
	}
	if err := json.Unmarshal(w.Body.Bytes(), &body); err != nil {
		t.Fatalf("error body %q is not JSON: %v", w.Body.String(), err)
	}
	typ := w.Header().Get("X-Amzn-ErrorType")
	if name, _, _ := strings.Cut(typ, ":"); name != body.Type {
		t.Errorf("X-Amzn-ErrorType %q does not match __type %q", typ, body.Type)
	}
	if !strings.Contains(typ, ":http://internal.amazon.com/coral/") {
		t.Errorf("X-Amzn-ErrorType %q lacks Cognito's namespace suffix", typ)
	}
	if got := w.Header().Get("X-Amzn-ErrorMessage"); got != headerSafe(body.Message) {
		t.Errorf("X-Amzn-ErrorMessage = %q, body message %q", got, body.Message)
	}
	return body.Type, body.Message
}

func TestTableCoversEveryMethod(t *testing.T) {
	ops := operations
	iface := reflect.TypeFor[transport.Cognito]()
	for i := range iface.NumMethod() {
		if _, ok := ops[iface.Method(i).Name]; !ok {
			t.Errorf("transport.Cognito.%s has no entry in the operations table", iface.Method(i).Name)
		}
	}
	for name := range ops {
		if _, ok := iface.MethodByName(name); !ok {
			t.Errorf("operations table entry %q is not a method of transport.Cognito", name)
		}
	}
}

// Every operation reaches the method of the same name with that method's
// input type, through real HTTP requests.
func TestEveryOperationReachesItsMethod(t *testing.T) {
	rec := &recorder{}
	h := NewHandler(rec, Options{})
	iface := reflect.TypeFor[transport.Cognito]()
	for i := range iface.NumMethod() {
		m := iface.Method(i)
		t.Run(m.Name, func(t *testing.T) {
			w := request{target: m.Name, body: `{}`}.do(t, h)
			if w.Code != http.StatusOK {
				t.Fatalf("status %d, body %s", w.Code, w.Body)
			}
			name, inType := rec.last()
			if name != m.Name {
				t.Errorf("reached %s", name)
			}
			if want := m.Type.In(1).String(); inType != want {
				t.Errorf("input type %s, want %s", inType, want)
			}
			if !json.Valid(w.Body.Bytes()) {
				t.Errorf("output %q is not JSON", w.Body)
			}
		})
	}
}

func TestBadRequests(t *testing.T) {
	tests := []struct {
		name       string
		req        request
		max        int64
		wantStatus int
		wantCode   string
		wantInMsg  string
	}{
		{name: "unknown operation", req: request{target: "StealEverything", body: `{}`}, wantStatus: 400, wantCode: "UnknownOperationException",
			wantInMsg: "Operation StealEverything is not implemented by the fake"},
		{name: "Cognito operation the fake lacks", req: request{target: "CreateIdentityProvider", body: `{}`}, wantStatus: 400, wantCode: "UnknownOperationException",
			wantInMsg: "Operation CreateIdentityProvider is not implemented by the fake"},
		{name: "operation in wrong case", req: request{target: "initiateAuth", body: `{}`}, wantStatus: 400, wantCode: "UnknownOperationException",
			wantInMsg: "did you mean InitiateAuth?"},
		{name: "missing target", req: request{raw: true, body: `{}`}, wantStatus: 400, wantCode: "UnknownOperationException",
			wantInMsg: "Missing X-Amz-Target"},
		{name: "other service's target", req: request{raw: true, target: "DynamoDB_20120810.ListTables", body: `{}`}, wantStatus: 400, wantCode: "UnknownOperationException",
			wantInMsg: `"DynamoDB_20120810.ListTables" is not a Cognito user pools operation`},
		{name: "prefix without operation", req: request{raw: true, target: TargetPrefix, body: `{}`}, wantStatus: 400, wantCode: "UnknownOperationException",
			wantInMsg: "names no operation"},
		{name: "text/plain", req: request{target: "InitiateAuth", ctype: str("text/plain"), body: `{}`}, wantStatus: 400, wantCode: "UnknownOperationException"},
		{name: "form encoded", req: request{target: "InitiateAuth", ctype: str("application/x-www-form-urlencoded"), body: `a=b`}, wantStatus: 400, wantCode: "UnknownOperationException"},
		{name: "JSON 1.0", req: request{target: "InitiateAuth", ctype: str("application/x-amz-json-1.0"), body: `{}`}, wantStatus: 400, wantCode: "UnknownOperationException"},
		{name: "unparsable content type", req: request{target: "InitiateAuth", ctype: str(";;;"), body: `{}`}, wantStatus: 400, wantCode: "UnknownOperationException"},
		{name: "GET /", req: request{method: "GET", target: "InitiateAuth"}, wantStatus: 404, wantCode: "UnknownOperationException"},
		{name: "PUT /", req: request{method: "PUT", target: "InitiateAuth", body: `{}`}, wantStatus: 404, wantCode: "UnknownOperationException"},
		{name: "DELETE /", req: request{method: "DELETE", target: "InitiateAuth"}, wantStatus: 404, wantCode: "UnknownOperationException"},
		{name: "POST other path", req: request{path: "/v1/InitiateAuth", target: "InitiateAuth", body: `{}`}, wantStatus: 404, wantCode: "UnknownOperationException"},
		{name: "malformed JSON", req: request{target: "InitiateAuth", body: `{"AuthFlow":`}, wantStatus: 400, wantCode: "SerializationException"},
		{name: "syntax error", req: request{target: "InitiateAuth", body: `{"AuthFlow" "x"}`}, wantStatus: 400, wantCode: "SerializationException"},
		{name: "string field given a number", req: request{target: "InitiateAuth", body: `{"ClientId":5}`}, wantStatus: 400, wantCode: "SerializationException", wantInMsg: "ClientId"},
		{name: "map field given a string", req: request{target: "InitiateAuth", body: `{"AuthParameters":"` + secret + `"}`}, wantStatus: 400, wantCode: "SerializationException", wantInMsg: "AuthParameters"},
		{name: "map value given an object", req: request{target: "InitiateAuth", body: `{"AuthParameters":{"PASSWORD":{}}}`}, wantStatus: 400, wantCode: "SerializationException"},
		{name: "number out of range", req: request{target: "ListUsers", body: `{"Limit":1e20}`}, wantStatus: 400, wantCode: "SerializationException", wantInMsg: "Limit"},
		{name: "bool given a string", req: request{target: "AdminSetUserPassword", body: `{"Permanent":"yes"}`}, wantStatus: 400, wantCode: "SerializationException", wantInMsg: "Permanent"},
		{name: "top-level array", req: request{target: "InitiateAuth", body: `[]`}, wantStatus: 400, wantCode: "SerializationException"},
		{name: "top-level null", req: request{target: "InitiateAuth", body: `null`}, wantStatus: 400, wantCode: "SerializationException"},
		{name: "top-level string", req: request{target: "InitiateAuth", body: `"` + secret + `"`}, wantStatus: 400, wantCode: "SerializationException"},
		{name: "trailing data", req: request{target: "InitiateAuth", body: `{} {}`}, wantStatus: 400, wantCode: "SerializationException"},
		{name: "trailing garbage", req: request{target: "InitiateAuth", body: `{}}`}, wantStatus: 400, wantCode: "SerializationException"},
		{name: "deep nesting", req: request{target: "InitiateAuth", body: `{"x":` + strings.Repeat("[", 20000) + strings.Repeat("]", 20000) + `}`}, wantStatus: 400, wantCode: "SerializationException"},
		{name: "body over the limit", max: 64, req: request{target: "InitiateAuth", body: `{"ClientId":"` + strings.Repeat("a", 100) + `"}`}, wantStatus: 400, wantCode: "SerializationException", wantInMsg: "64 bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := &recorder{}
			w := tt.req.do(t, NewHandler(rec, Options{MaxBodyBytes: tt.max}))
			if w.Code != tt.wantStatus {
				t.Errorf("status %d, want %d (body %s)", w.Code, tt.wantStatus, w.Body)
			}
			code, msg := errorOf(t, w)
			if code != tt.wantCode {
				t.Errorf("__type %q, want %q", code, tt.wantCode)
			}
			if msg == "" || !strings.Contains(msg, tt.wantInMsg) {
				t.Errorf("message %q, want one containing %q", msg, tt.wantInMsg)
			}
			if strings.Contains(w.Body.String(), secret) {
				t.Errorf("answer echoes the request body: %s", w.Body)
			}
			if got := w.Header().Get("Content-Type"); got != contentTypeAWSJSON {
				t.Errorf("Content-Type %q", got)
			}
			if w.Header().Get("X-Amzn-RequestId") == "" {
				t.Error("no x-amzn-RequestId")
			}
			if name, _ := rec.last(); name != "" {
				t.Errorf("bad request reached the target's %s", name)
			}
		})
	}
}

// A body over the limit is refused even when the client does not announce
// its length.
func TestBodyLimitWithoutContentLength(t *testing.T) {
	rec := &recorder{}
	h := NewHandler(rec, Options{MaxBodyBytes: 10})
	r := httptest.NewRequest(http.MethodPost, "/", unsizedReader(`{"ClientId":"abcdefghijk"}`))
	r.ContentLength = -1
	r.Header.Set("X-Amz-Target", TargetPrefix+"InitiateAuth")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	if code, _ := errorOf(t, w); w.Code != 400 || code != "SerializationException" {
		t.Errorf("got %d %s", w.Code, code)
	}
	if name, _ := rec.last(); name != "" {
		t.Errorf("reached %s", name)
	}
}

// unsizedReader hides the length of a string from httptest.NewRequest.
func unsizedReader(s string) *struct{ *strings.Reader } {
	return &struct{ *strings.Reader }{strings.NewReader(s)}
}

func TestAcceptedRequests(t *testing.T) {
	tests := []struct {
		name string
		req  request
	}{
		{name: "x-amz-json-1.1", req: request{body: `{"ClientId":"c"}`}},
		{name: "with charset", req: request{ctype: str("application/x-amz-json-1.1; charset=utf-8"), body: `{"ClientId":"c"}`}},
		{name: "application/json", req: request{ctype: str("application/json"), body: `{"ClientId":"c"}`}},
		{name: "no content type", req: request{ctype: str(""), body: `{"ClientId":"c"}`}},
		{name: "empty body is {}", req: request{body: ``}},
		{name: "blank body is {}", req: request{body: " \n\t "}},
		{name: "unknown fields ignored", req: request{body: `{"ClientId":"c","NewFieldFrom2030":{"a":[1,2]}}`}},
		{name: "SigV4-signed", req: request{body: `{"ClientId":"c"}`, headers: map[string]string{
			"Authorization":        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240101/us-east-1/cognito-idp/aws4_request, SignedHeaders=host;x-amz-date;x-amz-target, Signature=deadbeef",
			"X-Amz-Date":           "20240101T000000Z",
			"X-Amz-Security-Token": "token",
		}}},
		{name: "garbage Authorization", req: request{body: `{"ClientId":"c"}`, headers: map[string]string{"Authorization": "Basic Zm9vOmJhcg=="}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := &recorder{}
			tt.req.target = "InitiateAuth"
			w := tt.req.do(t, NewHandler(rec, Options{}))
			if w.Code != http.StatusOK {
				t.Fatalf("status %d, body %s", w.Code, w.Body)
			}
			if name, _ := rec.last(); name != "InitiateAuth" {
				t.Errorf("reached %q", name)
			}
			if got := w.Header().Get("Content-Type"); got != contentTypeAWSJSON {
				t.Errorf("Content-Type %q", got)
			}
		})
	}
}

// stub implements transport.Cognito with the given InitiateAuth; every other
// method is the nil embedded interface and panics if called.
type stub struct {
	transport.Cognito
	initiateAuth func(context.Context, *transport.InitiateAuthInput) (*transport.InitiateAuthOutput, error)
}

func (s stub) InitiateAuth(ctx context.Context, in *transport.InitiateAuthInput) (*transport.InitiateAuthOutput, error) {
	return s.initiateAuth(ctx, in)
}

func failing(err error) stub {
	return stub{initiateAuth: func(context.Context, *transport.InitiateAuthInput) (*transport.InitiateAuthOutput, error) {
		return nil, err
	}}
}

func TestTargetErrors(t *testing.T) {
	tests := []struct {
		name       string
		target     transport.Cognito
		op         string
		wantStatus int
		wantCode   string
		wantMsg    string
	}{
		{name: "not authorized", target: failing(transport.NewError("NotAuthorizedException", "Incorrect username or password.")),
			wantStatus: 400, wantCode: "NotAuthorizedException", wantMsg: "Incorrect username or password."},
		{name: "wrapped", target: failing(fmt.Errorf("fake: %w", transport.NewError("UserNotFoundException", "User does not exist."))),
			wantStatus: 400, wantCode: "UserNotFoundException", wantMsg: "User does not exist."},
		{name: "throttled is 400", target: failing(transport.NewError("TooManyRequestsException", "Rate exceeded")),
			wantStatus: 400, wantCode: "TooManyRequestsException", wantMsg: "Rate exceeded"},
		{name: "forbidden is 403", target: failing(transport.NewError("ForbiddenException", "Request blocked")),
			wantStatus: 403, wantCode: "ForbiddenException", wantMsg: "Request blocked"},
		{name: "explicit status kept", target: failing(&transport.Error{Code: "LimitExceededException", Message: "m", StatusCode: 429}),
			wantStatus: 429, wantCode: "LimitExceededException", wantMsg: "m"},
		{name: "missing status from code", target: failing(&transport.Error{Code: "InternalErrorException", Message: "m"}),
			wantStatus: 500, wantCode: "InternalErrorException", wantMsg: "m"},
		{name: "nonsense status from code", target: failing(&transport.Error{Code: "CodeMismatchException", Message: "m", StatusCode: 200}),
			wantStatus: 400, wantCode: "CodeMismatchException", wantMsg: "m"},
		{name: "no code is internal", target: failing(&transport.Error{Message: "m"}),
			wantStatus: 500, wantCode: "InternalErrorException", wantMsg: "m"},
		{name: "plain error hidden", target: failing(errors.New("database dsn postgres://admin:" + secret + "@db")),
			wantStatus: 500, wantCode: "InternalErrorException", wantMsg: internalMessage},
		{name: "panic recovered", target: stub{initiateAuth: func(context.Context, *transport.InitiateAuthInput) (*transport.InitiateAuthOutput, error) {
			panic("boom " + secret)
		}}, wantStatus: 500, wantCode: "InternalErrorException", wantMsg: internalMessage},
		{name: "unimplemented method recovered", target: stub{}, op: "SignUp",
			wantStatus: 500, wantCode: "InternalErrorException", wantMsg: internalMessage},
		{name: "message with newline and unicode", target: failing(transport.NewError("InvalidParameterException", "bad\r\nX-Evil: 1 ünïcode")),
			wantStatus: 400, wantCode: "InvalidParameterException", wantMsg: "bad\r\nX-Evil: 1 ünïcode"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			op := tt.op
			if op == "" {
				op = "InitiateAuth"
			}
			w := request{target: op, body: `{}`}.do(t, NewHandler(tt.target, Options{}))
			if w.Code != tt.wantStatus {
				t.Errorf("status %d, want %d", w.Code, tt.wantStatus)
			}
			code, msg := errorOf(t, w)
			if code != tt.wantCode || msg != tt.wantMsg {
				t.Errorf("got %s %q, want %s %q", code, msg, tt.wantCode, tt.wantMsg)
			}
			if strings.Contains(w.Body.String(), secret) || strings.Contains(fmt.Sprint(w.Header()), secret) {
				t.Errorf("internals leaked: %v %s", w.Header(), w.Body)
			}
			if w.Header().Get("Access-Control-Allow-Origin") != "*" {
				t.Error("error answer lacks CORS headers")
			}
		})
	}
}

func TestModelAndProtocolNamespaces(t *testing.T) {
	w := request{target: "InitiateAuth", body: `{}`}.do(t, NewHandler(failing(transport.NewError("NotAuthorizedException", "x")), Options{}))
	if got, want := w.Header().Get("X-Amzn-ErrorType"), "NotAuthorizedException:"+modelNamespace; got != want {
		t.Errorf("X-Amzn-ErrorType %q, want %q", got, want)
	}
	w = request{target: "Nope", body: `{}`}.do(t, NewHandler(&recorder{}, Options{}))
	if got, want := w.Header().Get("X-Amzn-ErrorType"), "UnknownOperationException:"+protocolNamespace; got != want {
		t.Errorf("X-Amzn-ErrorType %q, want %q", got, want)
	}
}

func TestSuccess(t *testing.T) {
	var got *transport.InitiateAuthInput
	target := stub{initiateAuth: func(_ context.Context, in *transport.InitiateAuthInput) (*transport.InitiateAuthOutput, error) {
		got = in
		return &transport.InitiateAuthOutput{
			ChallengeName:       transport.ChallengePasswordVerifier,
			ChallengeParameters: map[string]string{"SALT": "ab", "USERNAME": "alice"},
		}, nil
	}}
	h := NewHandler(target, Options{RequestID: func() string { return "req-1" }})
	w := request{target: "InitiateAuth", body: `{"AuthFlow":"USER_SRP_AUTH","ClientId":"client1","AuthParameters":{"USERNAME":"alice","SRP_A":"abc"}}`}.do(t, h)

	if w.Code != 200 {
		t.Fatalf("status %d: %s", w.Code, w.Body)
	}
	want := &transport.InitiateAuthInput{AuthFlow: "USER_SRP_AUTH", ClientID: "client1", AuthParameters: map[string]string{"USERNAME": "alice", "SRP_A": "abc"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("target got %+v, want %+v", got, want)
	}
	if body, want := w.Body.String(), `{"ChallengeName":"PASSWORD_VERIFIER","ChallengeParameters":{"SALT":"ab","USERNAME":"alice"}}`; body != want {
		t.Errorf("body %s, want %s", body, want)
	}
	for k, want := range map[string]string{
		"Content-Type":                  "application/x-amz-json-1.1",
		"X-Amzn-RequestId":              "req-1",
		"Access-Control-Allow-Origin":   "*",
		"Access-Control-Expose-Headers": "x-amzn-RequestId, x-amzn-ErrorType, x-amzn-ErrorMessage, Date",
		"X-Amzn-ErrorType":              "",
	} {
		if got := w.Header().Get(k); got != want {
			t.Errorf("%s: %q, want %q", k, got, want)
		}
	}
}

func TestNilOutputIsEmptyObject(t *testing.T) {
	target := stub{initiateAuth: func(context.Context, *transport.InitiateAuthInput) (*transport.InitiateAuthOutput, error) {
		return nil, nil
	}}
	w := request{target: "InitiateAuth", body: `{}`}.do(t, NewHandler(target, Options{}))
	if w.Code != 200 || w.Body.String() != "{}" {
		t.Errorf("got %d %s", w.Code, w.Body)
	}
}

func TestTargetSeesRequestContext(t *testing.T) {
	type key struct{}
	var seen any
	target := stub{initiateAuth: func(ctx context.Context, _ *transport.InitiateAuthInput) (*transport.InitiateAuthOutput, error) {
		seen = ctx.Value(key{})
		return nil, nil
	}}
	r := httptest.NewRequestWithContext(context.WithValue(context.Background(), key{}, "v"), "POST", "/", strings.NewReader("{}"))
	r.Header.Set("X-Amz-Target", TargetPrefix+"InitiateAuth")
	NewHandler(target, Options{}).ServeHTTP(httptest.NewRecorder(), r)
	if seen != "v" {
		t.Errorf("target saw context value %v", seen)
	}
}

func TestPreflight(t *testing.T) {
	tests := []struct {
		name        string
		path        string
		reqHeaders  string
		wantHeaders string
	}{
		{name: "SDK headers echoed", path: "/", reqHeaders: "content-type,x-amz-target,x-amz-user-agent,amz-sdk-invocation-id,amz-sdk-request",
			wantHeaders: "content-type,x-amz-target,x-amz-user-agent,amz-sdk-invocation-id,amz-sdk-request"},
		{name: "signed headers echoed", path: "/", reqHeaders: "authorization, x-amz-date, x-amz-security-token",
			wantHeaders: "authorization, x-amz-date, x-amz-security-token"},
		{name: "none requested", path: "/", wantHeaders: corsDefaultHeaders},
		{name: "any path", path: "/us-east-1_abc/.well-known/jwks.json", reqHeaders: "content-type", wantHeaders: "content-type"},
		{name: "hostile list filtered", path: "/", reqHeaders: "content-type;<script>\"x\"", wantHeaders: "content-typescriptx"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := &recorder{}
			r := httptest.NewRequest(http.MethodOptions, tt.path, nil)
			r.Header.Set("Origin", "http://localhost:5173")
			r.Header.Set("Access-Control-Request-Method", "POST")
			if tt.reqHeaders != "" {
				r.Header.Set("Access-Control-Request-Headers", tt.reqHeaders)
			}
			w := httptest.NewRecorder()
			NewHandler(rec, Options{}).ServeHTTP(w, r)
			if w.Code != 200 {
				t.Errorf("status %d", w.Code)
			}
			for k, want := range map[string]string{
				"Access-Control-Allow-Origin":   "*",
				"Access-Control-Allow-Methods":  "POST, GET, OPTIONS",
				"Access-Control-Allow-Headers":  tt.wantHeaders,
				"Access-Control-Expose-Headers": corsExpose,
				"Access-Control-Max-Age":        "86400",
			} {
				if got := w.Header().Get(k); got != want {
					t.Errorf("%s: %q, want %q", k, got, want)
				}
			}
			if w.Header().Get("X-Amzn-RequestId") == "" {
				t.Error("no request id")
			}
			if name, _ := rec.last(); name != "" {
				t.Errorf("preflight reached %s", name)
			}
		})
	}
}

func TestCORSHeaderListLimit(t *testing.T) {
	got := corsHeaderList(strings.Repeat("a", 5000))
	if len(got) != maxCORSHeaders {
		t.Errorf("len %d", len(got))
	}
}

func TestHeaderSafe(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Incorrect username or password.", "Incorrect username or password."},
		{"a\r\nb", "a??b"},
		{"ünï", "?n?"},
		{"\x00\x7f", "??"},
		{strings.Repeat("x", 3000), strings.Repeat("x", maxHeaderMessage)},
	}
	for _, tt := range tests {
		if got := headerSafe(tt.in); got != tt.want {
			t.Errorf("headerSafe(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// syncBuffer is a bytes.Buffer safe for the logger's concurrent writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// steppingClock returns a clock that advances by step at every reading.
func steppingClock(step time.Duration) func() time.Time {
	var mu sync.Mutex
	t := time.Date(2024, 3, 5, 7, 8, 9, 0, time.UTC)
	return func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		t = t.Add(step)
		return t
	}
}

func TestLogLine(t *testing.T) {
	tests := []struct {
		name   string
		target transport.Cognito
		req    request
		want   map[string]any
	}{
		{name: "success", target: &recorder{}, req: request{target: "InitiateAuth", body: `{"AuthParameters":{"PASSWORD":"` + secret + `"}}`},
			want: map[string]any{"level": "INFO", "op": "InitiateAuth", "status": 200.0}},
		{name: "service error", target: failing(transport.NewError("NotAuthorizedException", "Incorrect username or password.")),
			req:  request{target: "InitiateAuth", body: `{"AuthParameters":{"PASSWORD":"` + secret + `"}}`},
			want: map[string]any{"level": "INFO", "op": "InitiateAuth", "status": 400.0, "error_code": "NotAuthorizedException"}},
		{name: "serialization error", target: &recorder{}, req: request{target: "InitiateAuth", body: `{"AuthParameters":"` + secret + `"}`},
			want: map[string]any{"level": "INFO", "op": "InitiateAuth", "status": 400.0, "error_code": "SerializationException"}},
		{name: "unknown operation", target: &recorder{}, req: request{target: secret, body: `{}`},
			want: map[string]any{"level": "INFO", "op": "", "status": 400.0, "error_code": "UnknownOperationException"}},
		{name: "panic", target: stub{initiateAuth: func(context.Context, *transport.InitiateAuthInput) (*transport.InitiateAuthOutput, error) {
			panic("boom")
		}},
			req:  request{target: "InitiateAuth", body: `{"AuthParameters":{"PASSWORD":"` + secret + `"}}`},
			want: map[string]any{"level": "ERROR", "op": "InitiateAuth", "status": 500.0, "error_code": "InternalErrorException"}},
		{name: "preflight", target: &recorder{}, req: request{method: "OPTIONS"},
			want: map[string]any{"level": "INFO", "op": "preflight", "status": 200.0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf syncBuffer
			h := NewHandler(tt.target, Options{
				Logger:    slog.New(slog.NewJSONHandler(&buf, nil)),
				RequestID: func() string { return "req-42" },
				Now:       steppingClock(5 * time.Millisecond),
			})
			tt.req.do(t, h)
			logs := buf.String()
			if strings.Contains(logs, secret) {
				t.Errorf("log holds a secret: %s", logs)
			}
			lines := strings.Split(strings.TrimSpace(logs), "\n")
			var last map[string]any
			if err := json.Unmarshal([]byte(lines[len(lines)-1]), &last); err != nil {
				t.Fatalf("log line %q: %v", lines[len(lines)-1], err)
			}
			want := map[string]any{"msg": "cognito request", "request_id": "req-42", "duration": float64(5 * time.Millisecond)}
			for k, v := range tt.want {
				want[k] = v
			}
			for k, v := range want {
				if last[k] != v {
					t.Errorf("%s = %v, want %v (line %v)", k, last[k], v, last)
				}
			}
			if _, ok := last["error_code"]; ok && tt.want["error_code"] == nil {
				t.Errorf("error_code logged on success: %v", last)
			}
			if tt.name == "panic" && (len(lines) != 2 || !strings.Contains(lines[0], "boom")) {
				t.Errorf("panic not logged with its value: %q", lines)
			}
		})
	}
}

func TestNilTargetPanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("NewHandler(nil) did not panic")
		}
	}()
	NewHandler(nil, Options{})
}

func TestConcurrentRequests(t *testing.T) {
	rec := &recorder{}
	h := NewHandler(rec, Options{})
	var wg sync.WaitGroup
	ops := []string{"InitiateAuth", "GetUser", "ListUsers", "Nope"}
	for i := range 40 {
		wg.Go(func() {
			w := request{target: ops[i%len(ops)], body: `{}`}.do(t, h)
			if wantOK := ops[i%len(ops)] != "Nope"; (w.Code == 200) != wantOK {
				t.Errorf("%s: status %d", ops[i%len(ops)], w.Code)
			}
		})
	}
	wg.Wait()
	if n := len(rec.calls); n != 30 {
		t.Errorf("%d calls reached the target, want 30", n)
	}
	if !slices.Contains(rec.calls, "GetUser") {
		t.Error("GetUser never reached")
	}
}

func TestWriteError(t *testing.T) {
	tests := []struct {
		name       string
		err        error
		wantStatus int
		wantCode   string
		wantMsg    string
	}{
		{name: "cognito error", err: transport.NewError("ResourceNotFoundException", "User pool p does not exist."),
			wantStatus: 400, wantCode: "ResourceNotFoundException", wantMsg: "User pool p does not exist."},
		{name: "wrapped with status", err: fmt.Errorf("x: %w", &transport.Error{Code: "ResourceNotFoundException", Message: "m", StatusCode: 404}),
			wantStatus: 404, wantCode: "ResourceNotFoundException", wantMsg: "m"},
		{name: "plain error hidden", err: errors.New(secret),
			wantStatus: 500, wantCode: "InternalErrorException", wantMsg: internalMessage},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := httptest.NewRecorder()
			if got := WriteError(w, tt.err); got != tt.wantStatus || w.Code != tt.wantStatus {
				t.Errorf("returned %d, sent %d, want %d", got, w.Code, tt.wantStatus)
			}
			if code, msg := errorOf(t, w); code != tt.wantCode || msg != tt.wantMsg {
				t.Errorf("got %s %q", code, msg)
			}
		})
	}
}
