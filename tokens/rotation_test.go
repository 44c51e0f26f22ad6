package tokens_test

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/gocognito/gocognito/engine"
	"github.com/gocognito/gocognito/fakecognito"
	"github.com/gocognito/gocognito/tokens"
	"github.com/gocognito/gocognito/transport"
)

// rotator answers GetTokensFromRefreshToken as a rotating client does,
// with numbered tokens, and REFRESH_TOKEN_AUTH as refresher does.
type rotator struct {
	refresher
	gets []transport.GetTokensFromRefreshTokenInput
}

func (r *rotator) GetTokensFromRefreshToken(ctx context.Context, in *transport.GetTokensFromRefreshTokenInput) (*transport.GetTokensFromRefreshTokenOutput, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	r.gets = append(r.gets, *in)
	n := len(r.gets)
	return &transport.GetTokensFromRefreshTokenOutput{AuthenticationResult: &transport.AuthenticationResult{
		AccessToken: fmt.Sprintf("access-%d", n), IDToken: fmt.Sprintf("id-%d", n),
		RefreshToken: fmt.Sprintf("refresh-%d", n), ExpiresIn: 3600, TokenType: "Bearer",
	}}, nil
}

// memStore records the refresh tokens it is given, failing while err is set.
type memStore struct {
	mu    sync.Mutex
	saved []string
	err   error
}

func (m *memStore) SaveRefreshToken(_ context.Context, tok string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.err != nil {
		return m.err
	}
	m.saved = append(m.saved, tok)
	return nil
}

func TestSourceRotation(t *testing.T) {
	tr := &rotator{}
	store := &memStore{}
	s, err := tokens.NewSource(context.Background(), tokens.SourceConfig{
		Transport: tr, ClientID: clientID, ClientSecret: "s3cr3t", DeviceKey: "us-east-1_dev", Store: store,
	}, &transport.AuthenticationResult{AccessToken: "access-0", RefreshToken: "refresh-0", ExpiresIn: 3600})
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= 2; i++ {
		tok, err := s.Refresh(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		want := fmt.Sprintf("refresh-%d", i)
		if tok.RefreshToken != want || s.RefreshToken() != want {
			t.Fatalf("refresh %d: token carries %q, source keeps %q, want %q", i, tok.RefreshToken, s.RefreshToken(), want)
		}
	}
	if want := []string{"refresh-1", "refresh-2"}; !slices.Equal(store.saved, want) {
		t.Errorf("saved %v, want %v", store.saved, want)
	}
	if len(tr.calls) != 0 {
		t.Errorf("%d REFRESH_TOKEN_AUTH calls with GetTokensFromRefreshToken available", len(tr.calls))
	}
	// Each refresh spends the newest token, with the secret itself.
	for i, in := range tr.gets {
		if in.RefreshToken != fmt.Sprintf("refresh-%d", i) || in.ClientSecret != "s3cr3t" || in.ClientID != clientID || in.DeviceKey != "us-east-1_dev" {
			t.Errorf("call %d sent %v with secret %v", i, in, in.ClientSecret == "s3cr3t")
		}
	}
	// The cache serves the newest tokens.
	if tok, err := s.Token(); err != nil || tok.AccessToken != "access-2" || len(tr.gets) != 2 {
		t.Fatalf("Token after Refresh: %v %v, %d calls", tok, err, len(tr.gets))
	}
}

// A rotated token the store refuses fails the refresh, and the next refresh
// spends it and saves the one after.
func TestSourceStoreFailure(t *testing.T) {
	tr := &rotator{}
	boom := errors.New("disk full")
	store := &memStore{err: boom}
	s, err := tokens.NewSource(context.Background(), tokens.SourceConfig{Transport: tr, ClientID: clientID, Store: store},
		&transport.AuthenticationResult{AccessToken: "access-0", RefreshToken: "refresh-0", ExpiresIn: 30})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Token(); !errors.Is(err, tokens.ErrRotatedNotSaved) || !errors.Is(err, boom) {
		t.Fatalf("Token with a failing store: %v, want ErrRotatedNotSaved wrapping the cause", err)
	}
	store.err = nil
	tok, err := s.Token()
	if err != nil {
		t.Fatal(err)
	}
	if tr.gets[1].RefreshToken != "refresh-1" || tok.RefreshToken != "refresh-2" || !slices.Equal(store.saved, []string{"refresh-2"}) {
		t.Fatalf("second refresh spent %q, returned %q, saved %v", tr.gets[1].RefreshToken, tok.RefreshToken, store.saved)
	}
}

func TestSourceRefreshTokenAuthOption(t *testing.T) {
	tr := &rotator{}
	s, err := tokens.NewSource(context.Background(), tokens.SourceConfig{Transport: tr, ClientID: clientID, RefreshTokenAuth: true},
		&transport.AuthenticationResult{AccessToken: "access-0", RefreshToken: "refresh-0", ExpiresIn: 3600})
	if err != nil {
		t.Fatal(err)
	}
	tok, err := s.Refresh(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(tr.calls) != 1 || len(tr.gets) != 0 || tok.RefreshToken != "refresh-0" {
		t.Fatalf("REFRESH_TOKEN_AUTH calls %d, GetTokensFromRefreshToken calls %d, refresh token %q", len(tr.calls), len(tr.gets), tok.RefreshToken)
	}
}

// Stored tokens carry no ExpiresIn: the access token's exp claim, on the
// issuer's clock, says how long they last.
func TestSourceStoredTokensExpireAtTheirExpClaim(t *testing.T) {
	issuerNow := time.Date(2024, 3, 5, 7, 8, 9, 0, time.UTC)
	access := func(exp time.Time) string {
		claims := fmt.Sprintf(`{"username":"alice","token_use":"access","exp":%d}`, exp.Unix())
		return "eyJhbGciOiJSUzI1NiJ9." + base64.RawURLEncoding.EncodeToString([]byte(claims)) + ".c2ln"
	}
	tests := []struct {
		name      string
		access    string
		refreshes int
	}{
		{"an hour left", access(issuerNow.Add(time.Hour)), 0},
		{"inside the early expiry", access(issuerNow.Add(30 * time.Second)), 1},
		{"expired", access(issuerNow.Add(-time.Hour)), 1},
		{"no access token", "", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := &rotator{}
			s, err := tokens.NewSource(context.Background(), tokens.SourceConfig{Transport: tr, ClientID: clientID, Now: func() time.Time { return issuerNow }},
				&transport.AuthenticationResult{AccessToken: tt.access, RefreshToken: "refresh-0"})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s.Token(); err != nil {
				t.Fatal(err)
			}
			if len(tr.gets) != tt.refreshes {
				t.Fatalf("%d refreshes, want %d", len(tr.gets), tt.refreshes)
			}
		})
	}
}

// Against the fake: a rotating client's Source spends each refresh token
// once, saves each new one, and the spent ones are refused after the grace
// period.
func TestSourceRotationAgainstTheFake(t *testing.T) {
	clock := fakecognito.NewClock(time.Date(2024, 3, 5, 7, 8, 9, 0, time.UTC))
	f := fakecognito.New(fakecognito.Options{Clock: clock.Now})
	pool := f.MustCreatePool(transport.CreateUserPoolInput{PoolName: "rotation"})
	client := f.MustCreateClient(transport.CreateUserPoolClientInput{UserPoolID: pool.ID, GenerateSecret: true,
		ClientSettings: transport.ClientSettings{ClientName: "app", ExplicitAuthFlows: []string{transport.AllowUserSRPAuth},
			RefreshTokenRotation: &transport.RefreshTokenRotation{Feature: transport.RotationEnabled, RetryGracePeriodSeconds: 5}}})
	f.MustCreateUser(pool.ID, "alice", "Correct-Horse-1")
	ctx := context.Background()
	res, err := engine.Authenticate(ctx, engine.Config{PoolID: pool.ID, ClientID: client.ClientID, ClientSecret: client.ClientSecret, Transport: f, Now: clock.Now},
		engine.Credentials{Username: "alice", Password: "Correct-Horse-1"})
	if err != nil {
		t.Fatal(err)
	}
	store := &memStore{}
	s, err := tokens.NewSource(ctx, tokens.SourceConfig{Transport: f, ClientID: client.ClientID, ClientSecret: client.ClientSecret, Store: store, Now: clock.Now}, res.Tokens)
	if err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if _, err := s.Refresh(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if len(store.saved) != 2 || store.saved[0] == store.saved[1] || s.RefreshToken() != store.saved[1] {
		t.Fatalf("saved %d tokens, distinct %v, newest kept %v", len(store.saved), len(store.saved) == 2 && store.saved[0] != store.saved[1], s.RefreshToken() == store.saved[len(store.saved)-1])
	}
	clock.Advance(5 * time.Second)
	for _, spent := range []string{res.Tokens.RefreshToken, store.saved[0]} {
		_, err := f.GetTokensFromRefreshToken(ctx, &transport.GetTokensFromRefreshTokenInput{ClientID: client.ClientID, ClientSecret: client.ClientSecret, RefreshToken: spent})
		if !errors.Is(err, transport.ErrRefreshTokenReuse) {
			t.Errorf("a spent refresh token after the grace period: %v, want RefreshTokenReuseException", err)
		}
	}
	if _, err := s.Refresh(ctx); err != nil {
		t.Fatalf("the newest token: %v", err)
	}
}
