package fakecognito

import (
	"context"
	"fmt"
	"time"

	"github.com/gocognito/gocognito/transport"
)

// The Must helpers set a fake up in one line each, for tests and demos.
// Like regexp.MustCompile they panic on error, which is a bug in the
// caller's setup. They ignore injected faults.

// setupKey marks the calls of the Must helpers, which faults skip.
type setupKey struct{}

func setupContext() context.Context { return context.WithValue(context.Background(), setupKey{}, true) }

// MustCreatePool creates a pool and returns its description.
func (f *Fake) MustCreatePool(in transport.CreateUserPoolInput) transport.UserPool {
	out, err := f.CreateUserPool(setupContext(), &in)
	if err != nil {
		panic(fmt.Sprintf("fakecognito: MustCreatePool: %v", err))
	}
	return *out.UserPool
}

// MustCreateClient creates an app client and returns its description,
// secret included.
func (f *Fake) MustCreateClient(in transport.CreateUserPoolClientInput) transport.UserPoolClient {
	out, err := f.CreateUserPoolClient(setupContext(), &in)
	if err != nil {
		panic(fmt.Sprintf("fakecognito: MustCreateClient: %v", err))
	}
	return *out.UserPoolClient
}

// MustCreateUser creates a CONFIRMED user with a permanent password and
// the given attributes, sending no message. An e-mail address or phone
// number given without its *_verified attribute counts as verified, so
// that the user can sign in with it as an alias and recover its password.
// In a pool whose users sign in with an e-mail address or phone number,
// username is that address or number.
func (f *Fake) MustCreateUser(poolID, username, password string, attrs ...transport.AttributeType) {
	given := transport.Attributes(attrs)
	for _, a := range []string{"email", "phone_number"} {
		if _, ok := given[a+"_verified"]; !ok && given[a] != "" {
			attrs = append(attrs, transport.Attr(a+"_verified", "true"))
		}
	}
	ctx := setupContext()
	out, err := f.AdminCreateUser(ctx, &transport.AdminCreateUserInput{
		UserPoolID: poolID, Username: username, UserAttributes: attrs, MessageAction: "SUPPRESS",
		TemporaryPassword: password,
	})
	if err == nil {
		// The temporary password becomes permanent as is: no second
		// verifier to compute, and no clash with a password history.
		f.lockW()
		var u *user
		if _, u, err = f.userLocked(poolID, out.User.Username); err == nil {
			u.Status, u.TempUntil = transport.StatusConfirmed, time.Time{}
		}
		f.unlockW()
	}
	if err != nil {
		panic(fmt.Sprintf("fakecognito: MustCreateUser %q: %v", username, err))
	}
}
