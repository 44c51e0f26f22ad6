package account_test

import (
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/gocognito/gocognito/account"
	"github.com/gocognito/gocognito/engine"
	"github.com/gocognito/gocognito/fakecognito"
	"github.com/gocognito/gocognito/transport"
)

func TestAdminCreateUser(t *testing.T) {
	tests := []struct {
		name    string
		user    account.NewUser
		invited []string // media the invitation went by
	}{
		{"given password, e-mail", account.NewUser{Username: "xena", TemporaryPassword: "Temp-Passw0rd",
			Attributes: map[string]string{"email": "xena@example.com"}, DeliveryMediums: []string{transport.MediumEmail}}, []string{transport.MediumEmail}},
		{"generated password, both media", account.NewUser{Username: "xena",
			Attributes:      map[string]string{"email": "xena@example.com", "phone_number": "+15555550101"},
			DeliveryMediums: []string{transport.MediumSMS, transport.MediumEmail}}, []string{transport.MediumSMS, transport.MediumEmail}},
		{"suppressed", account.NewUser{Username: "xena", TemporaryPassword: "Temp-Passw0rd", MessageAction: account.MessageSuppress,
			Attributes: map[string]string{"email": "xena@example.com"}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			forEachTarget(t, options{}, func(t *testing.T, fx *fixture) {
				u, err := fx.admin.CreateUser(fx.ctx, tt.user)
				if err != nil {
					t.Fatalf("CreateUser: %v", err)
				}
				if u.Username != "xena" || u.Status != transport.StatusForceChangePassword || !u.Enabled || u.Attributes["sub"] == "" {
					t.Fatalf("created %+v", u)
				}
				var media []string
				temp := tt.user.TemporaryPassword
				for _, m := range fx.f.Outbox().All() {
					if m.Purpose == fakecognito.PurposeInvite {
						media = append(media, m.Medium)
						temp = m.Code
					}
				}
				if !slices.Equal(media, tt.invited) {
					t.Fatalf("invitations by %v, want %v", media, tt.invited)
				}
				// The temporary password works once, for a new password.
				if _, err := fx.login("xena", temp); !errors.Is(err, engine.ErrNewPasswordRequired) {
					t.Fatalf("login with the temporary password: %v, want ErrNewPasswordRequired", err)
				}
				if _, err := fx.admin.CreateUser(fx.ctx, tt.user); !errors.Is(err, transport.ErrUsernameExists) {
					t.Fatalf("creating xena again: %v, want UsernameExistsException", err)
				}
				// RESEND sends the invitation again with a new password.
				fx.f.Outbox().Clear()
				if _, err := fx.admin.CreateUser(fx.ctx, account.NewUser{Username: "xena", MessageAction: account.MessageResend,
					DeliveryMediums: []string{transport.MediumEmail}}); err != nil {
					t.Fatalf("resend: %v", err)
				}
				if fx.code("xena") == "" {
					t.Fatal("no invitation resent")
				}
			})
		})
	}
}

func TestAdminPasswords(t *testing.T) {
	const next = "Adm1n-Chosen!"
	forEachTarget(t, options{secret: true}, func(t *testing.T, fx *fixture) {
		fx.user("yara")
		if err := fx.admin.SetPassword(fx.ctx, "yara", next, true); err != nil {
			t.Fatalf("SetPassword permanent: %v", err)
		}
		if _, err := fx.login("yara", next); err != nil {
			t.Fatalf("login with the permanent password: %v", err)
		}
		if err := fx.admin.SetPassword(fx.ctx, "yara", "Temp-0nly-Pw", false); err != nil {
			t.Fatalf("SetPassword temporary: %v", err)
		}
		if _, err := fx.login("yara", "Temp-0nly-Pw"); !errors.Is(err, engine.ErrNewPasswordRequired) {
			t.Fatalf("login with a temporary password: %v, want ErrNewPasswordRequired", err)
		}
		if err := fx.admin.SetPassword(fx.ctx, "yara", "weak", true); !errors.Is(err, transport.ErrInvalidPassword) {
			t.Fatalf("SetPassword weak: %v, want InvalidPasswordException", err)
		}

		// An administrator's reset: logins fail until the user sets a
		// password with the code.
		if err := fx.admin.ResetPassword(fx.ctx, "yara"); err != nil {
			t.Fatalf("ResetPassword: %v", err)
		}
		if u, err := fx.admin.User(fx.ctx, "yara"); err != nil || u.Status != transport.StatusResetRequired {
			t.Fatalf("status after reset: %v %v", u, err)
		}
		if _, err := fx.login("yara", "Temp-0nly-Pw"); !errors.Is(err, transport.ErrPasswordResetRequired) {
			t.Fatalf("login after reset: %v, want PasswordResetRequiredException", err)
		}
		if err := fx.client.ConfirmForgotPassword(fx.ctx, "yara", fx.code("yara"), next); err != nil {
			t.Fatalf("ConfirmForgotPassword: %v", err)
		}
		if _, err := fx.login("yara", next); err != nil {
			t.Fatalf("login after the reset: %v", err)
		}
	})
}

func TestAdminUserLifecycle(t *testing.T) {
	forEachTarget(t, options{secret: true}, func(t *testing.T, fx *fixture) {
		// A sign-up the pool sends no code for: an administrator confirms.
		if _, err := fx.client.SignUp(fx.ctx, account.Registration{Username: "zack", Password: password}); err != nil {
			t.Fatal(err)
		}
		if err := fx.admin.ConfirmSignUp(fx.ctx, "zack"); err != nil {
			t.Fatalf("ConfirmSignUp: %v", err)
		}
		if _, err := fx.login("zack", password); err != nil {
			t.Fatalf("login after admin confirmation: %v", err)
		}

		if err := fx.admin.UpdateAttributes(fx.ctx, "zack", map[string]string{"email": "zack@example.com", "email_verified": "true", account.Custom("team"): "green"}); err != nil {
			t.Fatalf("UpdateAttributes: %v", err)
		}
		if err := fx.admin.DeleteAttributes(fx.ctx, "zack", account.Custom("team")); err != nil {
			t.Fatalf("DeleteAttributes: %v", err)
		}
		u, err := fx.admin.User(fx.ctx, "zack")
		if err != nil {
			t.Fatal(err)
		}
		if u.Attributes["email"] != "zack@example.com" || u.Attributes["email_verified"] != "true" || u.Attributes["custom:team"] != "" || u.Created.IsZero() {
			t.Fatalf("User = %+v", u)
		}

		if err := fx.admin.DisableUser(fx.ctx, "zack"); err != nil {
			t.Fatal(err)
		}
		if _, err := fx.login("zack", password); !errors.Is(err, transport.ErrNotAuthorized) {
			t.Fatalf("login when disabled: %v, want NotAuthorizedException", err)
		}
		if u, err := fx.admin.User(fx.ctx, "zack"); err != nil || u.Enabled {
			t.Fatalf("enabled after DisableUser: %v %v", u, err)
		}
		if err := fx.admin.EnableUser(fx.ctx, "zack"); err != nil {
			t.Fatal(err)
		}
		if _, err := fx.login("zack", password); err != nil {
			t.Fatalf("login when enabled again: %v", err)
		}

		if err := fx.admin.DeleteUser(fx.ctx, "zack"); err != nil {
			t.Fatal(err)
		}
		for name, err := range map[string]error{
			"User":       func() error { _, err := fx.admin.User(fx.ctx, "zack"); return err }(),
			"DeleteUser": fx.admin.DeleteUser(fx.ctx, "zack"),
			"EnableUser": fx.admin.EnableUser(fx.ctx, "zack"),
		} {
			if !errors.Is(err, transport.ErrUserNotFound) {
				t.Errorf("%s of a deleted user: %v, want UserNotFoundException", name, err)
			}
		}
	})
}

func TestAdminUsersList(t *testing.T) {
	forEachTarget(t, options{}, func(t *testing.T, fx *fixture) {
		var want []string
		for i := range 17 {
			name := fmt.Sprintf("user%02d", i)
			fx.f.MustCreateUser(fx.poolID, name, password, transport.Attr("email", name+"@example.com"), transport.Attr("name", fmt.Sprintf("N%d", i%3)))
			want = append(want, name)
		}
		fx.f.MustCreateUser(fx.poolID, "quote", password, transport.Attr("name", `say "hi" \o/`))

		tests := []struct {
			name string
			q    account.UserQuery
			want []string
		}{
			{"every user, small pages", account.UserQuery{PageSize: 5}, append(slices.Clone(want), "quote")},
			{"filter equals", account.UserQuery{Filter: account.FilterEquals("email", "user07@example.com")}, []string{"user07"}},
			{"filter prefix, pages of 2", account.UserQuery{Filter: account.FilterPrefix("name", "N1"), PageSize: 2}, []string{"user01", "user04", "user07", "user10", "user13", "user16"}},
			{"value with quotes and backslash", account.UserQuery{Filter: account.FilterEquals("name", `say "hi" \o/`)}, []string{"quote"}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				users, err := account.Collect(fx.admin.Users(fx.ctx, tt.q))
				if err != nil {
					t.Fatalf("Users: %v", err)
				}
				var got []string
				for _, u := range users {
					got = append(got, u.Username)
				}
				slices.Sort(got)
				slices.Sort(tt.want)
				if !slices.Equal(got, tt.want) {
					t.Fatalf("Users = %v, want %v", got, tt.want)
				}
			})
		}

		t.Run("attributes to get", func(t *testing.T) {
			users, err := account.Collect(fx.admin.Users(fx.ctx, account.UserQuery{Filter: account.FilterEquals("username", "user03"), Attributes: []string{"email"}}))
			if err != nil || len(users) != 1 {
				t.Fatalf("Users = %v, %v", users, err)
			}
			if got := users[0].Attributes; len(got) != 1 || got["email"] != "user03@example.com" {
				t.Fatalf("attributes %v, want only email", got)
			}
		})
		t.Run("stop early", func(t *testing.T) {
			n := 0
			for _, err := range fx.admin.Users(fx.ctx, account.UserQuery{PageSize: 2}) {
				if err != nil {
					t.Fatal(err)
				}
				if n++; n == 3 {
					break
				}
			}
			if n != 3 {
				t.Fatalf("read %d users", n)
			}
		})
		t.Run("bad filter", func(t *testing.T) {
			if _, err := account.Collect(fx.admin.Users(fx.ctx, account.UserQuery{Filter: "email == nope"})); !errors.Is(err, transport.ErrInvalidParameter) {
				t.Fatalf("Users with a malformed filter: %v", err)
			}
		})
	})
}

func TestAdminInvalidInput(t *testing.T) {
	fx := newFixture(t, options{})
	tests := []struct {
		name string
		err  error
	}{
		{"nil admin", (*account.Admin)(nil).DeleteUser(fx.ctx, "a")},
		{"no pool", (&account.Admin{Transport: fx.f}).EnableUser(fx.ctx, "a")},
		{"no transport", (&account.Admin{PoolID: fx.poolID}).ResetPassword(fx.ctx, "a")},
		{"list without pool", func() error {
			_, err := account.Collect((&account.Admin{Transport: fx.f}).Users(fx.ctx, account.UserQuery{}))
			return err
		}()},
		{"no attributes", fx.admin.UpdateAttributes(fx.ctx, "a", nil)},
		{"no attribute names", fx.admin.DeleteAttributes(fx.ctx, "a")},
		{"no device key", fx.admin.ForgetDevice(fx.ctx, "a", "")},
	}
	for _, tt := range tests {
		if !errors.Is(tt.err, account.ErrInvalidInput) {
			t.Errorf("%s: %v, want ErrInvalidInput", tt.name, tt.err)
		}
	}
}
