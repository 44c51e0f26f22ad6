package account_test

import (
	"context"
	"errors"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/gocognito/gocognito/account"
	"github.com/gocognito/gocognito/engine"
	"github.com/gocognito/gocognito/srp"
	"github.com/gocognito/gocognito/transport"
)

func TestSignUpAndConfirm(t *testing.T) {
	for _, secret := range []bool{false, true} {
		name := map[bool]string{false: "public client", true: "client with secret"}[secret]
		t.Run(name, func(t *testing.T) {
			forEachTarget(t, options{secret: secret}, func(t *testing.T, fx *fixture) {
				res, err := fx.client.SignUp(fx.ctx, account.Registration{
					Username: "alice", Password: password,
					Attributes: map[string]string{"email": "alice@example.com", "name": "Alice", account.Custom("team"): "blue"},
				})
				if err != nil {
					t.Fatalf("SignUp: %v", err)
				}
				if res.Confirmed || res.UserSub == "" || res.Delivery == nil || res.Delivery.DeliveryMedium != transport.MediumEmail {
					t.Fatalf("SignUp result %+v, delivery %+v", res, res.Delivery)
				}
				if _, err := fx.login("alice", password); !errors.Is(err, transport.ErrUserNotConfirmed) {
					t.Fatalf("login before confirmation: %v, want UserNotConfirmedException", err)
				}
				if err := fx.client.ConfirmSignUp(fx.ctx, "alice", fx.code("alice")); err != nil {
					t.Fatalf("ConfirmSignUp: %v", err)
				}
				u, err := fx.admin.User(fx.ctx, "alice")
				if err != nil {
					t.Fatal(err)
				}
				want := map[string]string{"sub": res.UserSub, "email": "alice@example.com", "email_verified": "true", "name": "Alice", "custom:team": "blue"}
				for k, v := range want {
					if u.Attributes[k] != v {
						t.Errorf("attribute %s = %q, want %q", k, u.Attributes[k], v)
					}
				}
				if u.Status != transport.StatusConfirmed || !u.Enabled {
					t.Errorf("status %s enabled %v, want CONFIRMED and enabled", u.Status, u.Enabled)
				}
				if _, err := fx.login("alice", password); err != nil {
					t.Fatalf("login after confirmation: %v", err)
				}
			})
		})
	}
}

func TestSignUpFailures(t *testing.T) {
	tests := []struct {
		name string
		reg  account.Registration
		want error
	}{
		{"weak password", account.Registration{Username: "bob", Password: "short"}, transport.ErrInvalidPassword},
		{"existing user", account.Registration{Username: "taken", Password: password}, transport.ErrUsernameExists},
		{"unknown attribute", account.Registration{Username: "bob", Password: password, Attributes: map[string]string{"custom:nope": "x"}}, transport.ErrInvalidParameter},
	}
	forEachTarget(t, options{secret: true}, func(t *testing.T, fx *fixture) {
		fx.user("taken")
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				_, err := fx.client.SignUp(fx.ctx, tt.reg)
				if !errors.Is(err, tt.want) {
					t.Fatalf("SignUp: %v, want %v", err, tt.want)
				}
			})
		}
	})
}

func TestConfirmSignUpFailures(t *testing.T) {
	tests := []struct {
		name    string
		user    string
		code    func(right string) string
		advance time.Duration
		want    error
	}{
		{"wrong code", "carol", func(right string) string { return wrong(right) }, 0, transport.ErrCodeMismatch},
		{"expired code", "carol", func(right string) string { return right }, 25 * time.Hour, transport.ErrExpiredCode},
		// The fixture's client prevents user existence errors.
		{"unknown user", "nobody", func(right string) string { return right }, 0, transport.ErrCodeMismatch},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			forEachTarget(t, options{secret: true}, func(t *testing.T, fx *fixture) {
				if _, err := fx.client.SignUp(fx.ctx, account.Registration{Username: "carol", Password: password,
					Attributes: map[string]string{"email": "carol@example.com"}}); err != nil {
					t.Fatal(err)
				}
				code := tt.code(fx.code("carol"))
				fx.clock.Advance(tt.advance)
				err := fx.client.ConfirmSignUp(fx.ctx, tt.user, code)
				if !errors.Is(err, tt.want) {
					t.Fatalf("ConfirmSignUp: %v, want %v", err, tt.want)
				}
			})
		})
	}
}

// wrong returns a code that differs from right in every digit.
func wrong(right string) string {
	b := []byte(right)
	for i, c := range b {
		if c >= '0' && c <= '9' {
			b[i] = '0' + (c-'0'+1)%10
		}
	}
	return string(b)
}

func TestResendConfirmationCode(t *testing.T) {
	forEachTarget(t, options{secret: true}, func(t *testing.T, fx *fixture) {
		if _, err := fx.client.SignUp(fx.ctx, account.Registration{Username: "dave", Password: password,
			Attributes: map[string]string{"email": "dave@example.com"}}); err != nil {
			t.Fatal(err)
		}
		fx.clock.Advance(25 * time.Hour) // the first code expires
		d, err := fx.client.ResendConfirmationCode(fx.ctx, "dave")
		if err != nil {
			t.Fatalf("ResendConfirmationCode: %v", err)
		}
		if d == nil || d.DeliveryMedium != transport.MediumEmail || d.Destination != "d***@e***" {
			t.Fatalf("delivery %+v", d)
		}
		if err := fx.client.ConfirmSignUp(fx.ctx, "dave", fx.code("dave")); err != nil {
			t.Fatalf("ConfirmSignUp with the new code: %v", err)
		}
		if _, err := fx.client.ResendConfirmationCode(fx.ctx, "dave"); !errors.Is(err, transport.ErrInvalidParameter) {
			t.Fatalf("resend to a confirmed user: %v, want InvalidParameterException", err)
		}
	})
}

func TestForgotPassword(t *testing.T) {
	const newPassword = "N3w-Password!"
	tests := []struct {
		name     string
		code     func(right string) string
		password string
		advance  time.Duration
		want     error
	}{
		{"right code", func(r string) string { return r }, newPassword, 0, nil},
		{"wrong code", wrong, newPassword, 0, transport.ErrCodeMismatch},
		{"expired code", func(r string) string { return r }, newPassword, 2 * time.Hour, transport.ErrExpiredCode},
		{"weak password", func(r string) string { return r }, "weak", 0, transport.ErrInvalidPassword},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			forEachTarget(t, options{secret: true}, func(t *testing.T, fx *fixture) {
				fx.user("erin")
				d, err := fx.client.ForgotPassword(fx.ctx, "erin")
				if err != nil {
					t.Fatalf("ForgotPassword: %v", err)
				}
				if d == nil || d.DeliveryMedium != transport.MediumEmail {
					t.Fatalf("delivery %+v", d)
				}
				code := tt.code(fx.code("erin"))
				fx.clock.Advance(tt.advance)
				err = fx.client.ConfirmForgotPassword(fx.ctx, "erin", code, tt.password)
				if !errors.Is(err, tt.want) || (err == nil) != (tt.want == nil) {
					t.Fatalf("ConfirmForgotPassword: %v, want %v", err, tt.want)
				}
				pw := password
				if tt.want == nil {
					pw = newPassword
				}
				if _, err := fx.login("erin", pw); err != nil {
					t.Fatalf("login with %s password: %v", map[bool]string{true: "the new", false: "the old"}[tt.want == nil], err)
				}
			})
		})
	}
}

// recorder passes calls through to a transport and records the requests
// of the calls that name a user.
type recorder struct {
	transport.Cognito
	mu     sync.Mutex
	hashes map[string]string // operation -> SecretHash sent
	attrs  map[string][]string
}

func (r *recorder) hash(op, h string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.hashes[op] = h
}

func (r *recorder) names(op string, list []transport.AttributeType) {
	r.mu.Lock()
	defer r.mu.Unlock()
	var names []string
	for _, a := range list {
		names = append(names, a.Name)
	}
	r.attrs[op] = names
}

func (r *recorder) SignUp(ctx context.Context, in *transport.SignUpInput) (*transport.SignUpOutput, error) {
	r.hash("SignUp", in.SecretHash)
	r.names("SignUp", in.UserAttributes)
	return r.Cognito.SignUp(ctx, in)
}

func (r *recorder) ConfirmSignUp(ctx context.Context, in *transport.ConfirmSignUpInput) (*transport.ConfirmSignUpOutput, error) {
	r.hash("ConfirmSignUp", in.SecretHash)
	return r.Cognito.ConfirmSignUp(ctx, in)
}

func (r *recorder) ResendConfirmationCode(ctx context.Context, in *transport.ResendConfirmationCodeInput) (*transport.CodeDeliveryOutput, error) {
	r.hash("ResendConfirmationCode", in.SecretHash)
	return r.Cognito.ResendConfirmationCode(ctx, in)
}

func (r *recorder) ForgotPassword(ctx context.Context, in *transport.ForgotPasswordInput) (*transport.CodeDeliveryOutput, error) {
	r.hash("ForgotPassword", in.SecretHash)
	return r.Cognito.ForgotPassword(ctx, in)
}

func (r *recorder) ConfirmForgotPassword(ctx context.Context, in *transport.ConfirmForgotPasswordInput) (*transport.Empty, error) {
	r.hash("ConfirmForgotPassword", in.SecretHash)
	return r.Cognito.ConfirmForgotPassword(ctx, in)
}

func (r *recorder) UpdateUserAttributes(ctx context.Context, in *transport.UpdateUserAttributesInput) (*transport.UpdateUserAttributesOutput, error) {
	r.names("UpdateUserAttributes", in.UserAttributes)
	return r.Cognito.UpdateUserAttributes(ctx, in)
}

func (r *recorder) AdminCreateUser(ctx context.Context, in *transport.AdminCreateUserInput) (*transport.AdminCreateUserOutput, error) {
	r.names("AdminCreateUser", in.UserAttributes)
	return r.Cognito.AdminCreateUser(ctx, in)
}

func newRecorder(next transport.Cognito) *recorder {
	return &recorder{Cognito: next, hashes: map[string]string{}, attrs: map[string][]string{}}
}

// Every public call that names a user carries the SECRET_HASH of the name
// given, which the fake checks: each call below would fail without it.
func TestSecretHashOnEveryPublicCall(t *testing.T) {
	fx := newFixture(t, options{secret: true})
	rec := newRecorder(fx.cog)
	fx.client.Transport = rec
	c := fx.client
	steps := []struct {
		op  string
		run func() error
	}{
		{"SignUp", func() error {
			_, err := c.SignUp(fx.ctx, account.Registration{Username: "frank", Password: password, Attributes: map[string]string{"email": "frank@example.com"}})
			return err
		}},
		{"ResendConfirmationCode", func() error { _, err := c.ResendConfirmationCode(fx.ctx, "frank"); return err }},
		{"ConfirmSignUp", func() error { return c.ConfirmSignUp(fx.ctx, "frank", fx.code("frank")) }},
		{"ForgotPassword", func() error { _, err := c.ForgotPassword(fx.ctx, "frank"); return err }},
		{"ConfirmForgotPassword", func() error { return c.ConfirmForgotPassword(fx.ctx, "frank", fx.code("frank"), "An0ther-Password") }},
	}
	want := srp.SecretHash("frank", c.ClientID, c.ClientSecret)
	for _, s := range steps {
		if err := s.run(); err != nil {
			t.Fatalf("%s: %v", s.op, err)
		}
		if got := rec.hashes[s.op]; got != want {
			t.Errorf("%s sent SecretHash %q, want %q", s.op, got, want)
		}
	}

	// A client without a secret sends none.
	fx2 := newFixture(t, options{})
	rec2 := newRecorder(fx2.cog)
	fx2.client.Transport = rec2
	fx2.user("frank")
	if _, err := fx2.client.ForgotPassword(fx2.ctx, "frank"); err != nil {
		t.Fatalf("ForgotPassword: %v", err)
	}
	if h := rec2.hashes["ForgotPassword"]; h != "" {
		t.Errorf("a client without a secret sent SecretHash %q", h)
	}
}

// Attributes go on the wire sorted by name, whatever the map's order.
func TestAttributesSortedOnTheWire(t *testing.T) {
	fx := newFixture(t, options{})
	rec := newRecorder(fx.cog)
	fx.client.Transport, fx.admin.Transport = rec, rec
	attrs := map[string]string{"name": "G", "email": "g@example.com", account.Custom("team"): "red", "family_name": "H", "given_name": "G"}
	want := []string{"custom:team", "email", "family_name", "given_name", "name"}
	if _, err := fx.client.SignUp(fx.ctx, account.Registration{Username: "gina", Password: password, Attributes: attrs}); err != nil {
		t.Fatal(err)
	}
	if _, err := fx.admin.CreateUser(fx.ctx, account.NewUser{Username: "hank", Attributes: attrs, MessageAction: account.MessageSuppress}); err != nil {
		t.Fatal(err)
	}
	fx.user("ivan")
	s := fx.session("ivan")
	delete(attrs, "email")
	if _, err := s.UpdateAttributes(fx.ctx, attrs); err != nil {
		t.Fatal(err)
	}
	for op, w := range map[string][]string{"SignUp": want, "AdminCreateUser": want, "UpdateUserAttributes": slices.DeleteFunc(slices.Clone(want), func(s string) bool { return s == "email" })} {
		if got := rec.attrs[op]; !slices.Equal(got, w) {
			t.Errorf("%s sent attributes %v, want %v", op, got, w)
		}
	}
}

func TestClientInvalidInput(t *testing.T) {
	fx := newFixture(t, options{})
	tests := []struct {
		name   string
		client *account.Client
		call   func(c *account.Client) error
	}{
		{"nil client", nil, func(c *account.Client) error { return c.ConfirmSignUp(fx.ctx, "a", "1") }},
		{"no transport", &account.Client{ClientID: "x"}, func(c *account.Client) error { _, err := c.ForgotPassword(fx.ctx, "a"); return err }},
		{"no client id", &account.Client{Transport: fx.f}, func(c *account.Client) error {
			_, err := c.SignUp(fx.ctx, account.Registration{Username: "a", Password: password})
			return err
		}},
		{"revoke without token", fx.client, func(c *account.Client) error { return c.RevokeToken(fx.ctx, "") }},
		{"session without tokens", fx.client, func(c *account.Client) error {
			_, err := c.NewSession(fx.ctx, &transport.AuthenticationResult{}, account.SessionOptions{})
			return err
		}},
		{"nil tokens", fx.client, func(c *account.Client) error {
			_, err := c.NewSession(fx.ctx, nil, account.SessionOptions{})
			return err
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.call(tt.client); !errors.Is(err, account.ErrInvalidInput) {
				t.Fatalf("got %v, want ErrInvalidInput", err)
			}
		})
	}
}

// TestConfirmSignUpSessionSignsIn: the Session ConfirmSignUpSession keeps
// signs the new user in through choice-based sign-in, with no password.
func TestConfirmSignUpSessionSignsIn(t *testing.T) {
	forEachTarget(t, options{}, func(t *testing.T, fx *fixture) {
		c := fx.f.MustCreateClient(transport.CreateUserPoolClientInput{UserPoolID: fx.poolID,
			ClientSettings: transport.ClientSettings{ClientName: "choice", ExplicitAuthFlows: []string{transport.AllowUserAuth, transport.AllowRefreshTokenAuth}}})
		client := &account.Client{Transport: fx.cog, ClientID: c.ClientID}
		if _, err := client.SignUp(fx.ctx, account.Registration{Username: "erin", Password: password,
			Attributes: map[string]string{"email": "erin@example.com"}}); err != nil {
			t.Fatalf("SignUp: %v", err)
		}
		session, err := client.ConfirmSignUpSession(fx.ctx, "erin", fx.code("erin"))
		if err != nil || session == "" {
			t.Fatalf("ConfirmSignUpSession = %q, %v; want a session", session, err)
		}
		res, err := engine.Authenticate(fx.ctx, engine.Config{PoolID: fx.poolID, ClientID: c.ClientID, Transport: fx.cog, Now: fx.clock.Now},
			engine.Credentials{Username: "erin", Flow: transport.FlowUserAuth, SignUpSession: session})
		if err != nil {
			t.Fatalf("sign-in with the sign-up session: %v", err)
		}
		if res.Tokens.AccessToken == "" {
			t.Fatal("no access token")
		}
	})
}
