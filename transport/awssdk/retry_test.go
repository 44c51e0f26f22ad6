package awssdk

import (
	"bytes"
	"context"
	"errors"
	"net"
	"net/http"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws/retry"

	"github.com/gocognito/gocognito/transport"
)

var srpInput = &transport.InitiateAuthInput{
	AuthFlow:       transport.FlowUserSRP,
	ClientID:       "client",
	AuthParameters: map[string]string{transport.ParamUsername: "alice", transport.ParamSRPA: "abc"},
}

const challengeBody = `{"ChallengeName":"PASSWORD_VERIFIER","ChallengeParameters":{"USERNAME":"alice"}}`

// TestRetries runs the SDK's standard retryer (delays removed) against
// throttling, server errors and client errors, counting attempts.
func TestRetries(t *testing.T) {
	throttled := func() *http.Response {
		return jsonResponse(400, errorBody("TooManyRequestsException", "Rate exceeded"))
	}
	tests := []struct {
		name     string
		answers  []func() *http.Response // attempt n gets answers[min(n, len)-1]
		attempts int
		code     string // "" for success
		status   int
	}{
		{"throttled then ok", []func() *http.Response{throttled, ok200}, 2, "", 0},
		{"throttled every time", []func() *http.Response{throttled}, 3, "TooManyRequestsException", 400},
		{"limit exceeded is a throttle too", []func() *http.Response{
			func() *http.Response { return jsonResponse(400, errorBody("LimitExceededException", "x")) }, ok200,
		}, 2, "", 0},
		{"500 then ok", []func() *http.Response{
			func() *http.Response { return jsonResponse(500, errorBody("InternalErrorException", "boom")) }, ok200,
		}, 2, "", 0},
		{"503 empty body every time", []func() *http.Response{
			func() *http.Response { return jsonResponse(503, "") },
		}, 3, "UnknownError", 503},
		{"500 every time", []func() *http.Response{
			func() *http.Response { return jsonResponse(500, errorBody("InternalErrorException", "boom")) },
		}, 3, "InternalErrorException", 500},
		{"not authorized is not retried", []func() *http.Response{
			func() *http.Response {
				return jsonResponse(400, errorBody("NotAuthorizedException", "Incorrect username or password."))
			},
		}, 1, "NotAuthorizedException", 400},
		{"user not found is not retried", []func() *http.Response{
			func() *http.Response {
				return jsonResponse(400, errorBody("UserNotFoundException", "User does not exist."))
			},
		}, 1, "UserNotFoundException", 400},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, mt := testConfig()
			c := New(cfg)
			rec := serve(mt, func(n int, _ request) *http.Response {
				return tt.answers[min(n, len(tt.answers))-1]()
			})
			out, err := c.InitiateAuth(t.Context(), srpInput)
			reqs := rec.requests()
			if len(reqs) != tt.attempts {
				t.Errorf("%d attempts, want %d", len(reqs), tt.attempts)
			}
			for i := 1; i < len(reqs); i++ {
				if !bytes.Equal(reqs[i].Body, reqs[0].Body) {
					t.Errorf("attempt %d sent %s, first sent %s", i+1, reqs[i].Body, reqs[0].Body)
				}
			}
			if tt.code == "" {
				if err != nil {
					t.Fatalf("want success, got %v", err)
				}
				if out.ChallengeName != transport.ChallengePasswordVerifier {
					t.Errorf("ChallengeName = %q", out.ChallengeName)
				}
				return
			}
			var te *transport.Error
			if !errors.As(err, &te) || te.Code != tt.code || te.StatusCode != tt.status {
				t.Fatalf("got %v, want %s with status %d", err, tt.code, tt.status)
			}
		})
	}
}

func ok200() *http.Response { return jsonResponse(200, challengeBody) }

func TestMaxAttemptsFromConfig(t *testing.T) {
	cfg, mt := testConfig(func(o *retry.StandardOptions) { o.MaxAttempts = 5 })
	rec := serve(mt, always(500, errorBody("InternalErrorException", "boom")))
	_, err := New(cfg).InitiateAuth(t.Context(), srpInput)
	if !errors.Is(err, transport.ErrInternal) {
		t.Fatalf("got %v", err)
	}
	if n := len(rec.requests()); n != 5 {
		t.Errorf("%d attempts, want 5", n)
	}
}

// TestNonAPIErrors: failures that are not Cognito's answer keep their kind,
// carry no Cognito code, and say where they come from.
func TestNonAPIErrors(t *testing.T) {
	type check func(t *testing.T, err error)
	is := func(target error) check {
		return func(t *testing.T, err error) {
			if !errors.Is(err, target) {
				t.Errorf("errors.Is(%v, %v) is false", err, target)
			}
		}
	}
	tests := []struct {
		name     string
		ctx      func(t *testing.T) (context.Context, func())
		answer   func(release <-chan struct{}, cancel func()) func(*http.Request) (*http.Response, error)
		attempts int
		check    check
	}{
		{
			name: "cancelled while waiting for the answer",
			ctx: func(t *testing.T) (context.Context, func()) {
				return context.WithCancel(t.Context())
			},
			answer: func(release <-chan struct{}, cancel func()) func(*http.Request) (*http.Response, error) {
				return func(*http.Request) (*http.Response, error) {
					cancel()
					<-release
					return ok200(), nil
				}
			},
			attempts: 1,
			check:    is(context.Canceled),
		},
		{
			name: "cancelled before the call",
			ctx: func(t *testing.T) (context.Context, func()) {
				ctx, cancel := context.WithCancel(t.Context())
				cancel()
				return ctx, cancel
			},
			attempts: 0,
			check:    is(context.Canceled),
		},
		{
			name: "deadline passed before the call",
			ctx: func(t *testing.T) (context.Context, func()) {
				return context.WithDeadline(t.Context(), time.Unix(0, 0))
			},
			attempts: 0,
			check:    is(context.DeadlineExceeded),
		},
		{
			name: "deadline passes while waiting for the answer",
			ctx: func(t *testing.T) (context.Context, func()) {
				return context.WithTimeout(t.Context(), 10*time.Millisecond)
			},
			answer: func(release <-chan struct{}, _ func()) func(*http.Request) (*http.Response, error) {
				return func(*http.Request) (*http.Response, error) {
					<-release
					return ok200(), nil
				}
			},
			attempts: 1,
			check:    is(context.DeadlineExceeded),
		},
		{
			name: "connection refused, retried",
			answer: func(<-chan struct{}, func()) func(*http.Request) (*http.Response, error) {
				return func(*http.Request) (*http.Response, error) {
					return nil, &net.OpError{Op: "dial", Net: "tcp", Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)}
				}
			},
			attempts: 3,
			check:    is(syscall.ECONNREFUSED),
		},
		{
			name: "answer that is not JSON",
			answer: func(<-chan struct{}, func()) func(*http.Request) (*http.Response, error) {
				return func(*http.Request) (*http.Response, error) { return jsonResponse(200, `{"ChallengeName":`), nil }
			},
			attempts: 1,
			check: func(t *testing.T, err error) {
				if !strings.Contains(err.Error(), "deserialization failed") {
					t.Errorf("error %q does not say the answer was unreadable", err)
				}
			},
		},
		{
			name: "answer of the wrong shape",
			answer: func(<-chan struct{}, func()) func(*http.Request) (*http.Response, error) {
				return func(*http.Request) (*http.Response, error) {
					return jsonResponse(200, `{"ChallengeParameters":["not","a","map"]}`), nil
				}
			},
			attempts: 1,
			check: func(t *testing.T, err error) {
				if !strings.Contains(err.Error(), "deserialization failed") {
					t.Errorf("error %q does not say the answer was unreadable", err)
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := t.Context(), func() {}
			if tt.ctx != nil {
				ctx, cancel = tt.ctx(t)
			}
			defer cancel()
			release := make(chan struct{})
			defer close(release) // lets a blocked responder goroutine finish

			cfg, mt := testConfig()
			if tt.answer != nil {
				mt.RegisterResponder(http.MethodPost, endpoint+"/", tt.answer(release, cancel))
			}
			_, err := New(cfg).InitiateAuth(ctx, srpInput)
			if err == nil {
				t.Fatal("want an error")
			}
			if got := mt.GetTotalCallCount(); got != tt.attempts {
				t.Errorf("%d attempts, want %d", got, tt.attempts)
			}
			if code := transport.Code(err); code != "" {
				t.Errorf("non-API error carries Cognito code %q: %v", code, err)
			}
			if !strings.HasPrefix(err.Error(), "awssdk: ") {
				t.Errorf("error %q lacks the package prefix", err)
			}
			tt.check(t, err)
		})
	}
}
