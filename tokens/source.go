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
	// Transport reaches Cognito. When it also implements
	// transport.TokenRefresher (fakecognito and transport/awssdk do), Source
	// refreshes with GetTokensFromRefreshToken, which works for every app
	// client and is the only refresh of a client that rotates refresh
	// tokens; otherwise with REFRESH_TOKEN_AUTH.
	Transport    transport.Authenticator
	ClientID     string
	ClientSecret string // empty for a client without a secret
	// Username is the name Cognito knows the user by (cognito:username),
	// needed for REFRESH_TOKEN_AUTH's SECRET_HASH when the client has a
	// secret. "" means the first access token's username claim.
	Username string
	// DeviceKey must be sent on refresh when the tokens were issued to a
	// confirmed device: REFRESH_TOKEN_AUTH is refused without it, and
	// GetTokensFromRefreshToken issues a new device instead. "" means the
	// first access token's device_key claim.
	DeviceKey string
	// RefreshTokenAuth refreshes with InitiateAuth REFRESH_TOKEN_AUTH even
	// when the transport offers GetTokensFromRefreshToken, for a client or
	// an endpoint that needs the older flow. A client that rotates refresh
	// tokens refuses it.
	RefreshTokenAuth bool
	// Store receives every new refresh token a rotating client returns,
	// before Token returns the tokens that came with it. The token it
	// replaces stops working once the client's grace period is over, so a
	// program that keeps refresh tokens across restarts must save each new
	// one: a rotated token that is not saved signs the user out at the next
	// start. nil keeps the newest token in memory only.
	Store RefreshTokenStore
	// EarlyExpiry refreshes this long before the access token expires;
	// 0 means one minute.
	EarlyExpiry time.Duration
	// Now is the clock of the tokens' issuer: it turns an access token's exp
	// claim into the time left when a result carries no ExpiresIn (stored
	// tokens). nil: time.Now. The cache, oauth2's, judges expiry by the
	// local wall clock.
	Now func() time.Time
}

// RefreshTokenStore keeps a user's refresh token where a program finds it
// at its next start (a file, a keychain, a database row). Save is called
// with each new refresh token of a rotating client, one call at a time, in
// the order Cognito issued them. An error fails the refresh that brought
// the token, and the next refresh tries again with it.
type RefreshTokenStore interface {
	SaveRefreshToken(ctx context.Context, refreshToken string) error
}

// StoreFunc adapts a function to RefreshTokenStore.
type StoreFunc func(ctx context.Context, refreshToken string) error

// SaveRefreshToken calls f.
func (f StoreFunc) SaveRefreshToken(ctx context.Context, refreshToken string) error {
	return f(ctx, refreshToken)
}

// String hides the client secret.
func (c SourceConfig) String() string {
	return fmt.Sprintf("SourceConfig{ClientID:%s ClientSecret:%s Username:%s DeviceKey:%s Transport:%T RefreshTokenAuth:%v EarlyExpiry:%s}",
		c.ClientID, redact(c.ClientSecret), c.Username, c.DeviceKey, c.Transport, c.RefreshTokenAuth, c.EarlyExpiry)
}

// GoString hides the client secret from %#v.
func (c SourceConfig) GoString() string { return "tokens." + c.String() }

// LogValue hides the client secret from log/slog.
func (c SourceConfig) LogValue() slog.Value { return slog.StringValue(c.String()) }

// Source keeps a user's Cognito tokens fresh. It is an oauth2.TokenSource:
// Token returns the current tokens, refreshing them first when the access
// token is about to expire. The ID token is in the returned token's
// Extra("id_token"). Safe for concurrent use; concurrent callers share one
// refresh, and refreshes never overlap, since a rotated refresh token can
// be spent once.
//
// Its cache is oauth2.ReuseTokenSourceWithExpiry around a bare refresher,
// as in x/oauth2; account.Session uses a Source, so each token has this one
// cache.
type Source struct {
	ctx context.Context
	cfg SourceConfig

	// rmu serialises refreshes, Token's and Refresh's alike.
	rmu sync.Mutex

	mu      sync.Mutex // guards refresh and reuse
	refresh string
	reuse   oauth2.TokenSource
}

var _ oauth2.TokenSource = (*Source)(nil)

// String hides the client secret and the tokens. It does not wait for a
// refresh in progress.
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

// NewSource starts from the tokens of a login, or from stored ones: a
// refresh token alone refreshes at the first Token, and an access token
// without ExpiresIn expires at its exp claim. ctx is used for the refresh
// calls Token makes, as oauth2.Config.TokenSource does; Refresh takes its
// own.
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
	s.reuse = oauth2.ReuseTokenSourceWithExpiry(s.toOAuth2(first), refresher{s}, s.early())
	return s, nil
}

// Token returns valid tokens, refreshing them when needed.
func (s *Source) Token() (*oauth2.Token, error) {
	s.mu.Lock()
	r := s.reuse
	s.mu.Unlock()
	return r.Token()
}

// Refresh renews the tokens now, whatever their expiry.
func (s *Source) Refresh(ctx context.Context) (*oauth2.Token, error) {
	tok, err := s.refreshWith(ctx)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	s.reuse = oauth2.ReuseTokenSourceWithExpiry(tok, refresher{s}, s.early())
	s.mu.Unlock()
	return tok, nil
}

// RefreshToken returns the newest refresh token: the one a rotation
// returned last, or the first.
func (s *Source) RefreshToken() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.refresh
}

// refresher is the bare refresh, without a cache, that oauth2's cache
// calls when the tokens it holds are about to expire.
type refresher struct{ s *Source }

func (r refresher) Token() (*oauth2.Token, error) { return r.s.refreshWith(r.s.ctx) }

func (s *Source) refreshWith(ctx context.Context) (*oauth2.Token, error) {
	s.rmu.Lock()
	defer s.rmu.Unlock()
	old := s.RefreshToken()
	var res *transport.AuthenticationResult
	var err error
	if tr, ok := s.cfg.Transport.(transport.TokenRefresher); ok && !s.cfg.RefreshTokenAuth {
		res, err = s.getTokens(ctx, tr, old)
	} else {
		res, err = s.refreshTokenAuth(ctx, old)
	}
	if err != nil {
		return nil, err
	}
	// A client without rotation returns no refresh token: the old one
	// stays valid. A rotating one returns a new one, which must be kept.
	if rt := res.RefreshToken; rt != "" && rt != old {
		s.mu.Lock()
		s.refresh = rt
		s.mu.Unlock()
		if s.cfg.Store != nil {
			if err := s.cfg.Store.SaveRefreshToken(ctx, rt); err != nil {
				return nil, fmt.Errorf("%w: %w", ErrRotatedNotSaved, err)
			}
		}
	}
	return s.toOAuth2(res), nil
}

// getTokens refreshes with GetTokensFromRefreshToken.
func (s *Source) getTokens(ctx context.Context, tr transport.TokenRefresher, refresh string) (*transport.AuthenticationResult, error) {
	out, err := tr.GetTokensFromRefreshToken(ctx, &transport.GetTokensFromRefreshTokenInput{
		ClientID: s.cfg.ClientID, ClientSecret: s.cfg.ClientSecret, RefreshToken: refresh, DeviceKey: s.cfg.DeviceKey,
	})
	if err != nil {
		return nil, fmt.Errorf("tokens: refresh: %w", err)
	}
	if out == nil || out.AuthenticationResult == nil {
		return nil, fmt.Errorf("%w: GetTokensFromRefreshToken answered without tokens", ErrNoTokens)
	}
	return out.AuthenticationResult, nil
}

// refreshTokenAuth refreshes with InitiateAuth REFRESH_TOKEN_AUTH.
func (s *Source) refreshTokenAuth(ctx context.Context, refresh string) (*transport.AuthenticationResult, error) {
	params := map[string]string{transport.ParamRefreshToken: refresh}
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
	return out.AuthenticationResult, nil
}

// toOAuth2 converts tokens, with an Expiry on the wall clock, which is what
// oauth2's cache compares it with.
func (s *Source) toOAuth2(r *transport.AuthenticationResult) *oauth2.Token {
	typ := r.TokenType
	if typ == "" {
		typ = "Bearer"
	}
	t := &oauth2.Token{
		AccessToken:  r.AccessToken,
		TokenType:    typ,
		RefreshToken: s.RefreshToken(),
		Expiry:       s.expiry(r),
	}
	return t.WithExtra(map[string]any{"id_token": r.IDToken})
}

// expiry is when r's access token expires, on the wall clock: ExpiresIn
// from now or, for stored tokens, the time its exp claim leaves on the
// issuer's clock. Without either it is now, so the first Token refreshes.
func (s *Source) expiry(r *transport.AuthenticationResult) time.Time {
	now := time.Now()
	if r.ExpiresIn > 0 {
		return now.Add(time.Duration(r.ExpiresIn) * time.Second)
	}
	if claims, err := jwtpeek.Claims(r.AccessToken); err == nil {
		if exp, err := jwtpeek.Time(claims, "exp"); err == nil && !exp.IsZero() {
			return now.Add(exp.Sub(s.issuerNow()))
		}
	}
	return now
}

func (s *Source) issuerNow() time.Time {
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
