package account

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"golang.org/x/oauth2"

	"github.com/gocognito/gocognito/tokens"
	"github.com/gocognito/gocognito/transport"
)

// SessionOptions say what the tokens of a login do not, or override what
// they say.
type SessionOptions struct {
	// Username is the name Cognito knows the user by, over which refresh
	// computes SECRET_HASH. "" means the ID token's cognito:username (or the
	// access token's username), which is that name even when the user signed
	// in with an alias. engine.Result.Username is the same name.
	Username string
	// DeviceKey is sent on refresh, which Cognito refuses without it when
	// the login used a remembered device. "" means the access token's
	// device_key claim.
	DeviceKey string
	// EarlyExpiry refreshes this long before the access token expires;
	// 0 means one minute.
	EarlyExpiry time.Duration
	// Store receives each new refresh token of an app client that rotates
	// them (tokens.SourceConfig.Store): a program that keeps the session's
	// refresh token across restarts must save every new one.
	Store tokens.RefreshTokenStore
	// RefreshTokenAuth refreshes with REFRESH_TOKEN_AUTH instead of
	// GetTokensFromRefreshToken (tokens.SourceConfig.RefreshTokenAuth).
	RefreshTokenAuth bool
}

// Session acts for one signed-in user with the tokens of a login: the
// calls pycognito's Cognito class makes with its access_token. It keeps the
// tokens fresh, refreshing them when the access token is about to expire
// (when it has a refresh token), and is an oauth2.TokenSource. Safe for
// concurrent use; concurrent callers share one refresh.
//
// Its tokens live in one place: a tokens.Source, whose oauth2 cache decides
// when they expire (on the wall clock). Refreshes that a call needs run
// with the context given to NewSession, as oauth2 token sources do; Refresh
// takes its own.
type Session struct {
	c         *Client
	src       *tokens.Source // nil without a refresh token
	static    *oauth2.Token  // the tokens of a session without a refresh token
	username  string
	deviceKey string
	label     string // the account name in otpauth URIs
	early     time.Duration
}

var _ oauth2.TokenSource = (*Session)(nil)

// NewSession starts a session from the tokens of a login (engine.Result's
// Tokens) or from stored ones. It needs an access token or a refresh
// token; with only a refresh token (and, for a client with a secret,
// opts.Username) the first call refreshes. ExpiresIn counts from now: for
// stored tokens leave it 0, and the expiry is read from the access token's
// exp claim. ctx is used for the refreshes that Token makes; the other
// methods take their own.
func (c *Client) NewSession(ctx context.Context, t *transport.AuthenticationResult, opts SessionOptions) (*Session, error) {
	const op = "session"
	if err := c.ready(op); err != nil {
		return nil, err
	}
	if t == nil || t.AccessToken == "" && t.RefreshToken == "" {
		return nil, invalid(op, "no access or refresh token")
	}
	s := &Session{c: c, username: opts.Username, deviceKey: opts.DeviceKey, early: opts.EarlyExpiry}
	if s.early <= 0 {
		s.early = time.Minute
	}
	var id, access *peeked
	var err error
	if t.IDToken != "" {
		if id, err = peek(t.IDToken); err != nil {
			return nil, wrap(op+": ID token", err)
		}
	}
	if t.AccessToken != "" {
		if access, err = peek(t.AccessToken); err != nil {
			return nil, wrap(op+": access token", err)
		}
	}
	if s.username == "" {
		switch {
		case id != nil && id.Username != "":
			s.username = id.Username
		case access != nil:
			s.username = access.Username
		}
	}
	if s.deviceKey == "" && access != nil {
		s.deviceKey = access.DeviceKey
	}
	s.label = s.username
	if id != nil && id.Email != "" {
		s.label = id.Email
	}

	if t.RefreshToken == "" {
		// Nothing to refresh: the tokens are used until they expire.
		s.static = &oauth2.Token{AccessToken: t.AccessToken, TokenType: "Bearer"}
		switch {
		case t.ExpiresIn > 0:
			s.static.Expiry = time.Now().Add(time.Duration(t.ExpiresIn) * time.Second)
		case access != nil && !access.Expiry.IsZero():
			// The exp claim is on the issuer's clock (Client.Now).
			s.static.Expiry = time.Now().Add(access.Expiry.Sub(c.now()))
		}
		s.static = s.static.WithExtra(map[string]any{"id_token": t.IDToken})
		return s, nil
	}
	_, canGet := c.Transport.(transport.TokenRefresher)
	if c.ClientSecret != "" && s.username == "" && (opts.RefreshTokenAuth || !canGet) {
		return nil, invalid(op, "the client has a secret: SessionOptions.Username is needed for REFRESH_TOKEN_AUTH without an ID token")
	}
	s.src, err = tokens.NewSource(ctx, tokens.SourceConfig{
		Transport:        c.Transport,
		ClientID:         c.ClientID,
		ClientSecret:     c.ClientSecret,
		Username:         s.username,
		DeviceKey:        s.deviceKey,
		RefreshTokenAuth: opts.RefreshTokenAuth,
		Store:            opts.Store,
		EarlyExpiry:      s.early,
		Now:              c.Now,
	}, t)
	if err != nil {
		return nil, wrap(op, err)
	}
	return s, nil
}

// Username returns the name Cognito knows the user by.
func (s *Session) Username() string { return s.username }

// DeviceKey returns the key of the device the session's login used, or "".
func (s *Session) DeviceKey() string { return s.deviceKey }

// String hides the tokens.
func (s *Session) String() string {
	if s == nil {
		return "<nil>"
	}
	return fmt.Sprintf("account.Session{Username:%s DeviceKey:%s Tokens:[redacted]}", s.username, s.deviceKey)
}

// GoString hides the tokens from %#v.
func (s *Session) GoString() string { return s.String() }

// LogValue hides the tokens from log/slog.
func (s *Session) LogValue() slog.Value { return slog.StringValue(s.String()) }

// Token returns valid tokens, refreshing them first when the access token
// is about to expire, with the context given to NewSession. The ID token is
// in Extra("id_token") (tokens.IDToken reads it).
func (s *Session) Token() (*oauth2.Token, error) { return s.valid() }

// Refresh renews the tokens now, whatever their expiry (pycognito's
// renew_access_token).
func (s *Session) Refresh(ctx context.Context) (*oauth2.Token, error) {
	if s.src == nil {
		return nil, fmt.Errorf("account: refresh: %w", ErrNoRefreshToken)
	}
	t, err := s.src.Refresh(ctx)
	if err != nil {
		return nil, wrap("refresh", err)
	}
	return t, nil
}

// AccessToken returns a valid access token, refreshing first when needed
// (pycognito's check_token).
func (s *Session) AccessToken(ctx context.Context) (string, error) {
	if err := ctx.Err(); err != nil {
		return "", fmt.Errorf("account: access token: %w", err)
	}
	t, err := s.valid()
	if err != nil {
		return "", err
	}
	return t.AccessToken, nil
}

// IDToken returns a valid ID token, refreshing first when needed.
func (s *Session) IDToken(ctx context.Context) (string, error) {
	if err := ctx.Err(); err != nil {
		return "", fmt.Errorf("account: ID token: %w", err)
	}
	t, err := s.valid()
	if err != nil {
		return "", err
	}
	return tokens.IDToken(t), nil
}

// Claims returns the claims of the session's ID token (the user's
// attributes and groups), refreshing first when needed and verifying it
// with the Client's Verifier.
func (s *Session) Claims(ctx context.Context) (*tokens.Claims, error) {
	if s.c.Verifier == nil {
		return nil, fmt.Errorf("account: claims: %w", ErrNoVerifier)
	}
	tok, err := s.IDToken(ctx)
	if err != nil {
		return nil, err
	}
	c, err := s.c.Verifier.VerifyID(ctx, tok)
	return c, wrap("claims", err)
}

// AccessClaims returns the verified claims of the session's access token,
// refreshing first when needed.
func (s *Session) AccessClaims(ctx context.Context) (*tokens.Claims, error) {
	if s.c.Verifier == nil {
		return nil, fmt.Errorf("account: access claims: %w", ErrNoVerifier)
	}
	tok, err := s.AccessToken(ctx)
	if err != nil {
		return nil, err
	}
	c, err := s.c.Verifier.VerifyAccess(ctx, tok)
	return c, wrap("access claims", err)
}

// valid returns the current tokens, refreshed first if they are about to
// expire.
func (s *Session) valid() (*oauth2.Token, error) {
	if s.src != nil {
		t, err := s.src.Token()
		if err != nil {
			return nil, wrap("refresh", err)
		}
		return t, nil
	}
	if s.static.AccessToken == "" || !s.static.Expiry.IsZero() && !time.Now().Add(s.early).Before(s.static.Expiry) {
		return nil, fmt.Errorf("account: access token expired at %s: %w", s.static.Expiry.UTC().Format(time.RFC3339), ErrNoRefreshToken)
	}
	return s.static, nil
}

// refreshToken returns the session's newest refresh token, "" if none.
func (s *Session) refreshToken() string {
	if s.src == nil {
		return ""
	}
	return s.src.RefreshToken()
}

// Revoke revokes the session's refresh token and every token issued from
// it (RevokeToken, with the client secret when the client has one); the
// session cannot refresh afterwards.
func (s *Session) Revoke(ctx context.Context) error {
	rt := s.refreshToken()
	if rt == "" {
		return fmt.Errorf("account: revoke token: %w", ErrNoRefreshToken)
	}
	return s.c.RevokeToken(ctx, rt)
}
