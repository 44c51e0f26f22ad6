package tokens

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"golang.org/x/oauth2"

	"github.com/gocognito/gocognito/internal/jwtpeek"
	"github.com/gocognito/gocognito/srp"
	"github.com/gocognito/gocognito/transport"
)

// SourceConfig says how to refresh a user's tokens.
type SourceConfig struct {
	Transport    transport.Authenticator
	ClientID     string
	ClientSecret string // empty for a client without a secret
	// Username is the name Cognito knows the user by (cognito:username),
	// needed for SECRET_HASH when the client has a secret. "" means the
	// first access token's username claim.
	Username string
	// DeviceKey must be sent on refresh when the tokens were issued to a
	// device; Cognito refuses the refresh without it. "" means the first
	// access token's device_key claim.
	DeviceKey string
	// EarlyExpiry refreshes this long before the access token expires;
	// 0 means one minute.
	EarlyExpiry time.Duration
	Now         func() time.Time // nil: time.Now
}

// String hides the client secret.
func (c SourceConfig) String() string {
	return fmt.Sprintf("SourceConfig{ClientID:%s ClientSecret:%s Username:%s DeviceKey:%s Transport:%T EarlyExpiry:%s}",
		c.ClientID, redact(c.ClientSecret), c.Username, c.DeviceKey, c.Transport, c.EarlyExpiry)
}

// GoString hides the client secret from %#v.
func (c SourceConfig) GoString() string { return "tokens." + c.String() }

// LogValue hides the client secret from log/slog.
func (c SourceConfig) LogValue() slog.Value { return slog.StringValue(c.String()) }

// Source keeps a user's Cognito tokens fresh with REFRESH_TOKEN_AUTH. It is an
// oauth2.TokenSource: Token returns the current tokens, refreshing them first
// when the access token is about to expire. The ID token is in the returned
// token's Extra("id_token"). Safe for concurrent use; concurrent callers share
// one refresh.
//
// Source does not support app clients with refresh-token rotation turned
// on: Cognito refuses REFRESH_TOKEN_AUTH for them and requires
// GetTokensFromRefreshToken, which package transport does not model yet.
type Source struct {
	ctx context.Context
	cfg SourceConfig

	mu      sync.Mutex
	refresh string
	current *oauth2.Token
}

var _ oauth2.TokenSource = (*Source)(nil)

// String hides the client secret and the tokens. It reads only what never
// changes, so it does not wait for a refresh in progress.
func (s *Source) String() string {
	if s == nil {
		return "<nil>"
	}
	return fmt.Sprintf("Source{ClientID:%s ClientSecret:%s Username:%s DeviceKey:%s RefreshToken:[redacted]}",
		s.cfg.ClientID, redact(s.cfg.ClientSecret), s.cfg.Username, s.cfg.DeviceKey)
}

// GoString hides the client secret and the tokens from %#v.
func (s *Source) GoString() string { return "tokens." + s.String() }

// LogValue hides the client secret and the tokens from log/slog.
func (s *Source) LogValue() slog.Value { return slog.StringValue(s.String()) }

func redact(s string) string {
	if s == "" {
		return `""`
	}
	return "[redacted]"
}

// NewSource starts from the tokens of a login. ctx is used for the refresh
// calls Token makes, as oauth2.Config.TokenSource does; Refresh takes its own.
//
// An empty cfg.Username or cfg.DeviceKey is taken from the claims of
// first's access token, read without verifying it: the values only go back
// to Cognito, which checks them.
func NewSource(ctx context.Context, cfg SourceConfig, first *transport.AuthenticationResult) (*Source, error) {
	if cfg.Transport == nil {
		return nil, ErrMissingTransport
	}
	if first == nil || first.RefreshToken == "" {
		return nil, ErrNoRefreshToken
	}
	if cfg.Username == "" || cfg.DeviceKey == "" {
		if claims, err := jwtpeek.Claims(first.AccessToken); err == nil {
			if cfg.Username == "" {
				cfg.Username = jwtpeek.String(claims, "username")
			}
			if cfg.DeviceKey == "" {
				cfg.DeviceKey = jwtpeek.String(claims, "device_key")
			}
		}
	}
	s := &Source{ctx: ctx, cfg: cfg, refresh: first.RefreshToken}
	s.current = s.toOAuth2(first)
	return s, nil
}

// Token returns valid tokens, refreshing them when needed.
func (s *Source) Token() (*oauth2.Token, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.current != nil && s.now().Add(s.early()).Before(s.current.Expiry) {
		return s.current, nil
	}
	return s.refreshLocked(s.ctx)
}

// Refresh renews the tokens now, whatever their expiry.
func (s *Source) Refresh(ctx context.Context) (*oauth2.Token, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.refreshLocked(ctx)
}

func (s *Source) refreshLocked(ctx context.Context) (*oauth2.Token, error) {
	params := map[string]string{transport.ParamRefreshToken: s.refresh}
	if s.cfg.ClientSecret != "" {
		params[transport.ParamSecretHash] = srp.SecretHash(s.cfg.Username, s.cfg.ClientID, s.cfg.ClientSecret)
	}
	if s.cfg.DeviceKey != "" {
		params[transport.ParamDeviceKey] = s.cfg.DeviceKey
	}
	out, err := s.cfg.Transport.InitiateAuth(ctx, &transport.InitiateAuthInput{
		AuthFlow:       transport.FlowRefreshTokenAuth,
		ClientID:       s.cfg.ClientID,
		AuthParameters: params,
	})
	if err != nil {
		return nil, fmt.Errorf("tokens: refresh: %w", err)
	}
	if out == nil {
		return nil, fmt.Errorf("%w: the transport returned neither tokens nor an error", ErrNoTokens)
	}
	if out.AuthenticationResult == nil {
		return nil, fmt.Errorf("%w: refresh answered with challenge %q", ErrNoTokens, out.ChallengeName)
	}
	// REFRESH_TOKEN_AUTH returns no new refresh token, so the old one stays
	// valid; should an answer carry one anyway, keep the newest. (Clients
	// with rotation on need GetTokensFromRefreshToken instead; see Source.)
	if rt := out.AuthenticationResult.RefreshToken; rt != "" {
		s.refresh = rt
	}
	s.current = s.toOAuth2(out.AuthenticationResult)
	return s.current, nil
}

func (s *Source) toOAuth2(r *transport.AuthenticationResult) *oauth2.Token {
	typ := r.TokenType
	if typ == "" {
		typ = "Bearer"
	}
	t := &oauth2.Token{
		AccessToken:  r.AccessToken,
		TokenType:    typ,
		RefreshToken: s.refresh,
		Expiry:       s.now().Add(time.Duration(r.ExpiresIn) * time.Second),
	}
	return t.WithExtra(map[string]any{"id_token": r.IDToken})
}

func (s *Source) now() time.Time {
	if s.cfg.Now != nil {
		return s.cfg.Now()
	}
	return time.Now()
}

func (s *Source) early() time.Duration {
	if s.cfg.EarlyExpiry > 0 {
		return s.cfg.EarlyExpiry
	}
	return time.Minute
}

// IDToken returns the ID token carried by an oauth2.Token from a Source.
func IDToken(t *oauth2.Token) string {
	s, _ := t.Extra("id_token").(string)
	return s
}
