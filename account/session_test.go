package account_test

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"github.com/gocognito/gocognito/account"
	"github.com/gocognito/gocognito/tokens"
	"github.com/gocognito/gocognito/transport"
)

func TestProfile(t *testing.T) {
	forEachTarget(t, options{secret: true}, func(t *testing.T, fx *fixture) {
		fx.user("kate", transport.Attr("name", "Kate"), transport.Attr(account.Custom("team"), "blue"))
		s := fx.session("kate")

		u, err := s.User(fx.ctx)
		if err != nil {
			t.Fatalf("User: %v", err)
		}
		if u.Username != "kate" || u.Attributes["name"] != "Kate" || u.Attributes["custom:team"] != "blue" || u.Attributes["sub"] == "" {
			t.Fatalf("User = %+v", u)
		}
		if len(u.MFA.Enabled) != 0 || u.MFA.Preferred != "" {
			t.Errorf("MFA = %+v, want none", u.MFA)
		}

		// A plain attribute changes at once; a new e-mail address waits
		// for its code.
		sent, err := s.UpdateAttributes(fx.ctx, map[string]string{"name": "Katherine", account.Custom("team"): "red", "email": "kate@example.org"})
		if err != nil {
			t.Fatalf("UpdateAttributes: %v", err)
		}
		if len(sent) != 1 || sent[0].AttributeName != "email" {
			t.Fatalf("deliveries %+v, want one for email", sent)
		}
		if err := s.VerifyAttribute(fx.ctx, "email", wrong(fx.code("kate"))); !errors.Is(err, transport.ErrCodeMismatch) {
			t.Fatalf("VerifyAttribute with a wrong code: %v", err)
		}
		if err := s.VerifyAttribute(fx.ctx, "email", fx.code("kate")); err != nil {
			t.Fatalf("VerifyAttribute: %v", err)
		}
		if err := s.DeleteAttributes(fx.ctx, account.Custom("team")); err != nil {
			t.Fatalf("DeleteAttributes: %v", err)
		}
		u, err = s.User(fx.ctx)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]string{"name": "Katherine", "email": "kate@example.org", "email_verified": "true", "custom:team": ""}
		for k, v := range want {
			if u.Attributes[k] != v {
				t.Errorf("after updates %s = %q, want %q", k, u.Attributes[k], v)
			}
		}

		// Verification on request (send_verification / validate_verification).
		if err := fx.admin.UpdateAttributes(fx.ctx, "kate", map[string]string{"email_verified": "false"}); err != nil {
			t.Fatal(err)
		}
		d, err := s.SendVerificationCode(fx.ctx, "email")
		if err != nil || d == nil || d.DeliveryMedium != transport.MediumEmail {
			t.Fatalf("SendVerificationCode: %+v, %v", d, err)
		}
		if err := s.VerifyAttribute(fx.ctx, "email", fx.code("kate")); err != nil {
			t.Fatalf("VerifyAttribute: %v", err)
		}
		if u, err := fx.admin.User(fx.ctx, "kate"); err != nil || u.Attributes["email_verified"] != "true" {
			t.Fatalf("email_verified after verification: %v %v", u, err)
		}

		for _, bad := range []func() error{
			func() error { _, err := s.UpdateAttributes(fx.ctx, nil); return err },
			func() error { return s.DeleteAttributes(fx.ctx) },
		} {
			if err := bad(); !errors.Is(err, account.ErrInvalidInput) {
				t.Errorf("empty update or delete: %v, want ErrInvalidInput", err)
			}
		}
	})
}

func TestChangePassword(t *testing.T) {
	const next = "Next-Passw0rd"
	tests := []struct {
		name     string
		previous string
		proposed string
		want     error
	}{
		{"changed", password, next, nil},
		{"wrong previous password", "Wr0ng-Password", next, transport.ErrNotAuthorized},
		{"weak proposed password", password, "weak", transport.ErrInvalidPassword},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			forEachTarget(t, options{}, func(t *testing.T, fx *fixture) {
				fx.user("liam")
				s := fx.session("liam")
				err := s.ChangePassword(fx.ctx, tt.previous, tt.proposed)
				if !errors.Is(err, tt.want) || (err == nil) != (tt.want == nil) {
					t.Fatalf("ChangePassword: %v, want %v", err, tt.want)
				}
				pw := password
				if tt.want == nil {
					pw = next
				}
				if _, err := fx.login("liam", pw); err != nil {
					t.Fatalf("login afterwards: %v", err)
				}
			})
		})
	}
}

// In a pool whose users sign in with their e-mail address, Cognito knows
// the user by a UUID: the session takes it from cognito:username and
// REFRESH_TOKEN_AUTH computes SECRET_HASH over it, not over the address
// typed (pycognito's bug).
func TestRefreshWithSecretUsesCognitoUsername(t *testing.T) {
	pool := transport.CreateUserPoolInput{UsernameAttributes: []string{"email"}}
	forEachTarget(t, options{secret: true, pool: pool}, func(t *testing.T, fx *fixture) {
		fx.f.MustCreateUser(fx.poolID, "mia@example.com", password)
		res, err := fx.login("mia@example.com", password)
		if err != nil {
			t.Fatal(err)
		}
		opts := account.SessionOptions{RefreshTokenAuth: true}
		s, err := fx.client.NewSession(fx.ctx, res.Tokens, opts)
		if err != nil {
			t.Fatal(err)
		}
		if s.Username() == "mia@example.com" || s.Username() != res.Username {
			t.Fatalf("session username %q, want the pool's name %q", s.Username(), res.Username)
		}
		first, err := s.AccessToken(fx.ctx)
		if err != nil || first != res.Tokens.AccessToken {
			t.Fatalf("AccessToken before expiry: changed or %v", err)
		}

		// A restart with the stored tokens, inside the one-minute early
		// expiry by the issuer's clock: the first use refreshes.
		fx.clock.Advance(59*time.Minute + 30*time.Second)
		stored := *res.Tokens
		stored.ExpiresIn = 0
		if s, err = fx.client.NewSession(fx.ctx, &stored, opts); err != nil {
			t.Fatal(err)
		}
		second, err := s.AccessToken(fx.ctx)
		if err != nil {
			t.Fatalf("AccessToken after expiry: %v", err)
		}
		if second == first {
			t.Fatal("the access token was not refreshed")
		}
		claims, err := s.Claims(fx.ctx)
		if err != nil {
			t.Fatalf("Claims: %v", err)
		}
		if claims.Username != res.Username || claims.String("email") != "mia@example.com" {
			t.Errorf("claims username %q email %q", claims.Username, claims.String("email"))
		}
		// The refreshed tokens work for the user's calls.
		if u, err := s.User(fx.ctx); err != nil || u.Attributes["email"] != "mia@example.com" {
			t.Fatalf("User after refresh: %v %v", u, err)
		}
	})
}

func TestSessionIsATokenSource(t *testing.T) {
	fx := newFixture(t, options{secret: true})
	fx.user("nora")
	s := fx.session("nora")
	var ts oauth2.TokenSource = s
	a, err := ts.Token()
	if left := time.Until(a.Expiry); err != nil || a.AccessToken == "" || a.TokenType != "Bearer" || tokens.IDToken(a) == "" || left < 59*time.Minute || left > time.Hour {
		t.Fatalf("Token: type %q expiry in %v, error %v", a.TokenType, time.Until(a.Expiry), err)
	}
	if again, err := s.Token(); err != nil || again.AccessToken != a.AccessToken {
		t.Fatalf("Token before expiry: changed or %v", err)
	}
	// Stored tokens that expired on the issuer's clock refresh at once.
	fx.clock.Advance(2 * time.Hour)
	s, err = fx.client.NewSession(fx.ctx, &transport.AuthenticationResult{AccessToken: a.AccessToken, IDToken: tokens.IDToken(a), RefreshToken: a.RefreshToken}, account.SessionOptions{})
	if err != nil {
		t.Fatal(err)
	}
	b, err := s.Token()
	if err != nil {
		t.Fatalf("Token after expiry: %v", err)
	}
	if b.AccessToken == a.AccessToken || tokens.IDToken(b) == tokens.IDToken(a) {
		t.Fatal("Token did not refresh an expired access token")
	}
	ac, err := s.AccessClaims(fx.ctx)
	if err != nil || ac.Username != "nora" || ac.TokenUse != tokens.UseAccess {
		t.Fatalf("AccessClaims: %+v %v", ac, err)
	}
	r, err := s.Refresh(fx.ctx)
	if err != nil || r.AccessToken == b.AccessToken {
		t.Fatalf("Refresh: same token or %v", err)
	}
}

// countingAuth counts the refreshes that reach Cognito.
type countingAuth struct {
	transport.Cognito
	mu    sync.Mutex
	calls int
}

func (c *countingAuth) InitiateAuth(ctx context.Context, in *transport.InitiateAuthInput) (*transport.InitiateAuthOutput, error) {
	c.mu.Lock()
	c.calls++
	c.mu.Unlock()
	return c.Cognito.InitiateAuth(ctx, in)
}

func (c *countingAuth) GetTokensFromRefreshToken(ctx context.Context, in *transport.GetTokensFromRefreshTokenInput) (*transport.GetTokensFromRefreshTokenOutput, error) {
	c.mu.Lock()
	c.calls++
	c.mu.Unlock()
	return c.Cognito.GetTokensFromRefreshToken(ctx, in)
}

// Concurrent callers of an expired session share one refresh.
func TestConcurrentCallersShareOneRefresh(t *testing.T) {
	fx := newFixture(t, options{secret: true})
	fx.user("olga")
	res, err := fx.login("olga", password)
	if err != nil {
		t.Fatal(err)
	}
	counter := &countingAuth{Cognito: fx.cog}
	fx.client.Transport = counter
	// Stored tokens, expired on the issuer's clock.
	fx.clock.Advance(2 * time.Hour)
	stored := *res.Tokens
	stored.ExpiresIn = 0
	s, err := fx.client.NewSession(fx.ctx, &stored, account.SessionOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	got := make([]string, 8)
	errs := make([]error, 8)
	for i := range got {
		wg.Go(func() { got[i], errs[i] = s.AccessToken(fx.ctx) })
	}
	wg.Wait()
	for i := range got {
		if errs[i] != nil || got[i] != got[0] || got[i] == res.Tokens.AccessToken {
			t.Fatalf("caller %d: refreshed token same as the others %v, error %v", i, got[i] == got[0], errs[i])
		}
	}
	if counter.calls != 1 {
		t.Fatalf("%d refreshes, want 1", counter.calls)
	}
}

func TestSessionFromStoredTokens(t *testing.T) {
	fx := newFixture(t, options{secret: true})
	fx.user("omar")
	res, err := fx.login("omar", password)
	if err != nil {
		t.Fatal(err)
	}

	t.Run("refresh token only", func(t *testing.T) {
		// REFRESH_TOKEN_AUTH needs the user's name for SECRET_HASH;
		// GetTokensFromRefreshToken sends the client secret itself.
		_, err := fx.client.NewSession(fx.ctx, &transport.AuthenticationResult{RefreshToken: res.Tokens.RefreshToken}, account.SessionOptions{RefreshTokenAuth: true})
		if !errors.Is(err, account.ErrInvalidInput) {
			t.Fatalf("without a user name for SECRET_HASH: %v, want ErrInvalidInput", err)
		}
		for _, opts := range []account.SessionOptions{{Username: "omar", RefreshTokenAuth: true}, {}} {
			s, err := fx.client.NewSession(fx.ctx, &transport.AuthenticationResult{RefreshToken: res.Tokens.RefreshToken}, opts)
			if err != nil {
				t.Fatal(err)
			}
			if u, err := s.User(fx.ctx); err != nil || u.Username != "omar" {
				t.Fatalf("User through a refreshed session (%+v): %v %v", opts, u, err)
			}
		}
	})
	t.Run("access token only", func(t *testing.T) {
		s, err := fx.client.NewSession(fx.ctx, &transport.AuthenticationResult{AccessToken: res.Tokens.AccessToken}, account.SessionOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if s.Username() != "omar" {
			t.Errorf("username from the access token: %q", s.Username())
		}
		if _, err := s.User(fx.ctx); err != nil {
			t.Fatalf("User: %v", err)
		}
		// The same token, stored and expired on the issuer's clock.
		fx.clock.Advance(2 * time.Hour)
		if s, err = fx.client.NewSession(fx.ctx, &transport.AuthenticationResult{AccessToken: res.Tokens.AccessToken}, account.SessionOptions{}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.User(fx.ctx); !errors.Is(err, account.ErrNoRefreshToken) {
			t.Fatalf("User after expiry without a refresh token: %v, want ErrNoRefreshToken", err)
		}
		if err := s.Revoke(fx.ctx); !errors.Is(err, account.ErrNoRefreshToken) {
			t.Fatalf("Revoke without a refresh token: %v", err)
		}
	})
	t.Run("malformed tokens", func(t *testing.T) {
		for _, bad := range []*transport.AuthenticationResult{
			{AccessToken: "not-a-jwt"},
			{AccessToken: res.Tokens.AccessToken, IDToken: "a.!!!.c"},
		} {
			if _, err := fx.client.NewSession(fx.ctx, bad, account.SessionOptions{}); !errors.Is(err, tokens.ErrMalformed) {
				t.Errorf("NewSession(%v): %v, want tokens.ErrMalformed", bad, err)
			}
		}
	})
	t.Run("no verifier", func(t *testing.T) {
		c := *fx.client
		c.Verifier = nil
		s, err := c.NewSession(fx.ctx, res.Tokens, account.SessionOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Claims(fx.ctx); !errors.Is(err, account.ErrNoVerifier) {
			t.Fatalf("Claims: %v, want ErrNoVerifier", err)
		}
	})
}

func TestSignOutRevokeDelete(t *testing.T) {
	tests := []struct {
		name string
		end  func(fx *fixture, s *account.Session) error
		// after is what refreshing and calling GetUser fail with.
		refreshErr, userErr error
	}{
		{"global sign-out", func(fx *fixture, s *account.Session) error { return s.SignOut(fx.ctx) }, transport.ErrNotAuthorized, transport.ErrNotAuthorized},
		{"revoke", func(fx *fixture, s *account.Session) error { return s.Revoke(fx.ctx) }, transport.ErrNotAuthorized, transport.ErrNotAuthorized},
		{"admin sign-out", func(fx *fixture, s *account.Session) error { return fx.admin.SignOut(fx.ctx, "pia") }, transport.ErrNotAuthorized, transport.ErrNotAuthorized},
		{"delete user", func(fx *fixture, s *account.Session) error { return s.DeleteUser(fx.ctx) }, transport.ErrNotAuthorized, transport.ErrNotAuthorized},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			forEachTarget(t, options{secret: true}, func(t *testing.T, fx *fixture) {
				fx.user("pia")
				s := fx.session("pia")
				if err := tt.end(fx, s); err != nil {
					t.Fatalf("%s: %v", tt.name, err)
				}
				if _, err := s.Refresh(fx.ctx); !errors.Is(err, tt.refreshErr) {
					t.Errorf("Refresh afterwards: %v, want %v", err, tt.refreshErr)
				}
				if _, err := s.User(fx.ctx); !errors.Is(err, tt.userErr) {
					t.Errorf("User afterwards: %v, want %v", err, tt.userErr)
				}
			})
		})
	}
	t.Run("deleted user is gone", func(t *testing.T) {
		fx := newFixture(t, options{})
		fx.user("quin")
		if err := fx.session("quin").DeleteUser(fx.ctx); err != nil {
			t.Fatal(err)
		}
		if _, err := fx.admin.User(fx.ctx, "quin"); !errors.Is(err, transport.ErrUserNotFound) {
			t.Fatalf("AdminGetUser after DeleteUser: %v", err)
		}
	})
}

// Passwords, secrets and tokens never show in String, %v, %#v or slog.
func TestSecretsAreRedacted(t *testing.T) {
	fx := newFixture(t, options{secret: true})
	fx.user("rose")
	s := fx.session("rose")
	tok, err := s.AccessToken(fx.ctx)
	if err != nil {
		t.Fatal(err)
	}
	const pw = "Sup3r-Secret-Pw"
	secrets := []string{pw, fx.client.ClientSecret, tok, "JBSWY3DPEHPK3PXP"}
	values := []any{
		*fx.client, fx.client,
		account.Registration{Username: "rose", Password: pw},
		account.NewUser{Username: "rose", TemporaryPassword: pw},
		account.TOTPSecret{Secret: "JBSWY3DPEHPK3PXP", URI: "otpauth://totp/x:y?secret=JBSWY3DPEHPK3PXP"},
		account.DeviceCredentials{Key: "us-east-1_k", GroupKey: "g", Password: pw},
		s,
	}
	for _, v := range values {
		var logged strings.Builder
		slog.New(slog.NewTextHandler(&logged, nil)).Info("value", "v", v)
		outs := []string{logged.String()}
		for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
			outs = append(outs, fmt.Sprintf(verb, v))
		}
		for _, out := range outs {
			for _, sec := range secrets {
				if strings.Contains(out, sec) {
					t.Errorf("%T leaks a secret: %s", v, out)
				}
			}
		}
	}
}
