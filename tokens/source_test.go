package tokens_test

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gocognito/gocognito/srp"
	"github.com/gocognito/gocognito/tokens"
	"github.com/gocognito/gocognito/transport"
)

// refresher answers REFRESH_TOKEN_AUTH with numbered access tokens and
// records what it was sent.
type refresher struct {
	mu    sync.Mutex
	calls []map[string]string
	err   error
}

func (r *refresher) InitiateAuth(ctx context.Context, in *transport.InitiateAuthInput) (*transport.InitiateAuthOutput, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if r.err != nil {
		return nil, r.err
	}
	if in.AuthFlow != transport.FlowRefreshTokenAuth {
		return nil, fmt.Errorf("unexpected flow %s", in.AuthFlow)
	}
	r.calls = append(r.calls, in.AuthParameters)
	return &transport.InitiateAuthOutput{AuthenticationResult: &transport.AuthenticationResult{
		AccessToken: fmt.Sprintf("access-%d", len(r.calls)), IDToken: fmt.Sprintf("id-%d", len(r.calls)),
		ExpiresIn: 3600, TokenType: "Bearer",
	}}, nil
}

func (r *refresher) RespondToAuthChallenge(context.Context, *transport.RespondToAuthChallengeInput) (*transport.RespondToAuthChallengeOutput, error) {
	return nil, errors.New("not used")
}

// TestSourceRefreshesNearExpiry: tokens inside the early expiry are
// refreshed at once, others are served from the cache; the REFRESH_TOKEN_AUTH
// request carries SECRET_HASH and DEVICE_KEY.
func TestSourceRefreshesNearExpiry(t *testing.T) {
	tests := []struct {
		name      string
		expiresIn int32
		refreshes int
	}{
		{"fresh", 3600, 0},
		{"inside the one-minute early expiry", 30, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := &refresher{}
			s, err := tokens.NewSource(context.Background(), tokens.SourceConfig{
				Transport: tr, ClientID: clientID, ClientSecret: "s3cr3t", Username: "alice", DeviceKey: "us-east-1_dev",
			}, &transport.AuthenticationResult{AccessToken: "access-0", IDToken: "id-0", RefreshToken: "refresh", ExpiresIn: tt.expiresIn})
			if err != nil {
				t.Fatal(err)
			}
			for range 3 {
				if _, err := s.Token(); err != nil {
					t.Fatal(err)
				}
			}
			if len(tr.calls) != tt.refreshes {
				t.Fatalf("%d refreshes, want %d", len(tr.calls), tt.refreshes)
			}
			tok, err := s.Token()
			if err != nil {
				t.Fatal(err)
			}
			want := fmt.Sprintf("access-%d", tt.refreshes)
			if tok.AccessToken != want || tokens.IDToken(tok) != fmt.Sprintf("id-%d", tt.refreshes) || tok.RefreshToken != "refresh" {
				t.Fatalf("token %q id %q refresh %q, want %s", tok.AccessToken, tokens.IDToken(tok), tok.RefreshToken, want)
			}
			if left := time.Until(tok.Expiry); tt.refreshes > 0 && (left < 59*time.Minute || left > time.Hour) {
				t.Errorf("refreshed token expires in %v, want an hour", left)
			}
			if tt.refreshes == 0 {
				return
			}
			sent := map[string]string{
				"REFRESH_TOKEN": "refresh",
				"SECRET_HASH":   srp.SecretHash("alice", clientID, "s3cr3t"),
				"DEVICE_KEY":    "us-east-1_dev",
			}
			if got := tr.calls[0]; len(got) != len(sent) || got["REFRESH_TOKEN"] != sent["REFRESH_TOKEN"] || got["SECRET_HASH"] != sent["SECRET_HASH"] || got["DEVICE_KEY"] != sent["DEVICE_KEY"] {
				t.Errorf("sent %v, want %v", got, sent)
			}
		})
	}
}

func TestSourceConcurrentCallersShareOneRefresh(t *testing.T) {
	tr := &refresher{}
	s, err := tokens.NewSource(context.Background(), tokens.SourceConfig{Transport: tr, ClientID: clientID},
		&transport.AuthenticationResult{AccessToken: "a", RefreshToken: "r", ExpiresIn: 60})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if _, err := s.Token(); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if len(tr.calls) != 1 {
		t.Fatalf("%d refreshes, want 1", len(tr.calls))
	}
	if _, ok := tr.calls[0]["SECRET_HASH"]; ok {
		t.Error("SECRET_HASH sent for a client without a secret")
	}
}

func TestSourceErrors(t *testing.T) {
	if _, err := tokens.NewSource(context.Background(), tokens.SourceConfig{}, &transport.AuthenticationResult{RefreshToken: "r"}); !errors.Is(err, tokens.ErrMissingTransport) {
		t.Errorf("no transport: %v", err)
	}
	if _, err := tokens.NewSource(context.Background(), tokens.SourceConfig{Transport: &refresher{}}, &transport.AuthenticationResult{}); !errors.Is(err, tokens.ErrNoRefreshToken) {
		t.Errorf("no refresh token: %v", err)
	}
	tr := &refresher{err: transport.NewError("NotAuthorizedException", "Refresh Token has been revoked")}
	s, err := tokens.NewSource(context.Background(), tokens.SourceConfig{Transport: tr}, &transport.AuthenticationResult{RefreshToken: "r"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Token(); !errors.Is(err, transport.ErrNotAuthorized) {
		t.Errorf("revoked: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := s.Refresh(ctx); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}

func TestSourceSecretsNeverPrinted(t *testing.T) {
	const secret = "hunter2-very-secret"
	cfg := tokens.SourceConfig{Transport: &refresher{}, ClientID: clientID, ClientSecret: secret, Username: "alice"}
	src, err := tokens.NewSource(context.Background(), cfg,
		&transport.AuthenticationResult{AccessToken: secret, IDToken: secret, RefreshToken: secret, ExpiresIn: 3600})
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range []any{cfg, &cfg, src} {
		var logged strings.Builder
		slog.New(slog.NewTextHandler(&logged, nil)).Info("x", "v", v)
		slog.New(slog.NewJSONHandler(&logged, nil)).Info("x", "v", v)
		out := fmt.Sprintf("%v|%+v|%#v|%s", v, v, v, v) + logged.String()
		if strings.Contains(out, secret) {
			t.Errorf("%T leaks its secret: %s", v, out)
		}
		if !strings.Contains(out, "alice") {
			t.Errorf("%T hides what is no secret: %s", v, out)
		}
	}
}

// TestSourceDefaultsFromAccessToken: Username and DeviceKey default to the
// first access token's username and device_key claims.
func TestSourceDefaultsFromAccessToken(t *testing.T) {
	token := func(claims string) string {
		return "eyJhbGciOiJSUzI1NiJ9." + base64.RawURLEncoding.EncodeToString([]byte(claims)) + ".c2ln"
	}
	withBoth := token(`{"username":"8f0c-alice","device_key":"us-east-1_claimed","token_use":"access"}`)
	tests := []struct {
		name              string
		access            string
		username, device  string // in SourceConfig
		wantUser, wantDev string // sent on refresh
	}{
		{"both from claims", withBoth, "", "", "8f0c-alice", "us-east-1_claimed"},
		{"config wins", withBoth, "alice", "us-east-1_given", "alice", "us-east-1_given"},
		{"username given, device from claims", withBoth, "alice", "", "alice", "us-east-1_claimed"},
		{"no device claim", token(`{"username":"8f0c-alice"}`), "", "", "8f0c-alice", ""},
		{"not a JWT", "opaque", "", "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := &refresher{}
			s, err := tokens.NewSource(context.Background(), tokens.SourceConfig{
				Transport: tr, ClientID: clientID, ClientSecret: "s3cr3t", Username: tt.username, DeviceKey: tt.device,
			}, &transport.AuthenticationResult{AccessToken: tt.access, RefreshToken: "refresh", ExpiresIn: 3600})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s.Refresh(context.Background()); err != nil {
				t.Fatal(err)
			}
			got := tr.calls[0]
			if want := srp.SecretHash(tt.wantUser, clientID, "s3cr3t"); got["SECRET_HASH"] != want {
				t.Errorf("SECRET_HASH not over %q", tt.wantUser)
			}
			if dk, ok := got["DEVICE_KEY"]; dk != tt.wantDev || ok != (tt.wantDev != "") {
				t.Errorf("DEVICE_KEY %q (sent %v), want %q", dk, ok, tt.wantDev)
			}
		})
	}
}

// answering replies to every InitiateAuth with out and err.
type answering struct {
	out *transport.InitiateAuthOutput
	err error
}

func (a answering) InitiateAuth(context.Context, *transport.InitiateAuthInput) (*transport.InitiateAuthOutput, error) {
	return a.out, a.err
}

func (a answering) RespondToAuthChallenge(context.Context, *transport.RespondToAuthChallengeInput) (*transport.RespondToAuthChallengeOutput, error) {
	return nil, errors.New("not used")
}

// TestSourceRefreshWithoutTokens: a transport that answers without tokens,
// or with nothing at all, gives an error, never a panic, and the tokens
// held so far stay.
func TestSourceRefreshWithoutTokens(t *testing.T) {
	tests := []struct {
		name string
		out  *transport.InitiateAuthOutput
	}{
		{"nil output, nil error", nil},
		{"empty output", &transport.InitiateAuthOutput{}},
		{"a challenge", &transport.InitiateAuthOutput{ChallengeName: "SMS_MFA", Session: "s"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := tokens.NewSource(context.Background(), tokens.SourceConfig{Transport: answering{out: tt.out}, ClientID: clientID},
				&transport.AuthenticationResult{AccessToken: "a", RefreshToken: "r", ExpiresIn: 3600})
			if err != nil {
				t.Fatal(err)
			}
			if tok, err := s.Refresh(context.Background()); !errors.Is(err, tokens.ErrNoTokens) || tok != nil {
				t.Fatalf("Refresh = %v, %v; want ErrNoTokens", tok, err)
			}
			if tok, err := s.Token(); err != nil || tok.AccessToken != "a" {
				t.Fatalf("tokens held before the failed refresh: %v, %v", tok, err)
			}
		})
	}
}
