package account

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/gocognito/gocognito/srp"
	"github.com/gocognito/gocognito/tokens"
	"github.com/gocognito/gocognito/transport"
)

// Public is what a Client needs of a transport: the unsigned calls of an
// app client. Both fakecognito.Fake and awssdk.Client implement it.
//
// The sign-up and password-reset calls use only transport.Account; a
// Session also uses transport.MFASetup (TOTP setup and MFA preferences),
// transport.Devices (devices) and transport.Authenticator (refresh).
type Public interface {
	transport.Authenticator
	transport.Account
	transport.MFASetup
	transport.Devices
}

// Client makes an app client's public calls: sign-up, confirmation,
// password reset and token revocation; NewSession acts for a signed-in
// user. It is a plain configuration: set its fields, do not change them
// while calls run. Its methods are safe for concurrent use.
type Client struct {
	// Transport reaches the service: awssdk.New(cfg) or a *fakecognito.Fake
	// (the same name as engine.Config's and tokens.SourceConfig's).
	Transport Public
	// ClientID is the app client.
	ClientID string
	// ClientSecret is the app client's secret, "" for a client without one.
	// With a secret, every call that names a user carries SECRET_HASH,
	// computed over the user name given, and RevokeToken carries the secret.
	ClientSecret string
	// ClientMetadata goes to Cognito's Lambda triggers with every call that
	// takes it (sign-up, confirmations, password reset, attribute updates).
	ClientMetadata map[string]string
	// Verifier checks tokens for Session.Claims and Session.AccessClaims;
	// nil leaves those calls unavailable (ErrNoVerifier).
	Verifier *tokens.Verifier
	// TOTPIssuer names the service in authenticator apps, in the otpauth URI
	// of Session.AssociateSoftwareToken; "" means "Cognito".
	TOTPIssuer string
	// Now is the clock of token expiry; nil means time.Now.
	Now func() time.Time
	// Rand is the randomness of device passwords (Session.ConfirmDevice);
	// nil means crypto/rand.
	Rand io.Reader
}

// DefaultTOTPIssuer is the issuer of otpauth URIs when Client.TOTPIssuer is
// empty.
const DefaultTOTPIssuer = "Cognito"

// String hides the client secret. A value receiver, so that printing a
// Client value hides it as well as printing a pointer does.
func (c Client) String() string {
	return fmt.Sprintf("account.Client{ClientID:%s ClientSecret:%s}", c.ClientID, redact(c.ClientSecret))
}

// GoString hides the client secret from %#v.
func (c Client) GoString() string { return c.String() }

// LogValue hides the client secret from log/slog.
func (c Client) LogValue() slog.Value { return slog.StringValue(c.String()) }

func redact(s string) string {
	if s == "" {
		return `""`
	}
	return "[redacted]"
}

// ready checks that the client can make op.
func (c *Client) ready(op string) error {
	switch {
	case c == nil || c.Transport == nil:
		return invalid(op, "Client.Transport is nil")
	case c.ClientID == "":
		return invalid(op, "Client.ClientID is empty")
	}
	return nil
}

// secretHash returns SECRET_HASH over username, "" for a client without a
// secret.
func (c *Client) secretHash(username string) string {
	if c.ClientSecret == "" {
		return ""
	}
	return srp.SecretHash(username, c.ClientID, c.ClientSecret)
}

func (c *Client) now() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}

// Registration is what SignUp sends.
type Registration struct {
	Username string
	Password string
	// Attributes are the user's attributes ("email", "name",
	// Custom("team"), ...).
	Attributes map[string]string
	// ValidationData goes to the pre sign-up trigger and is not stored.
	ValidationData map[string]string
}

// String hides the password.
func (r Registration) String() string {
	return fmt.Sprintf("account.Registration{Username:%s Password:%s Attributes:%v}", r.Username, redact(r.Password), r.Attributes)
}

// GoString hides the password from %#v.
func (r Registration) GoString() string { return r.String() }

// LogValue hides the password from log/slog.
func (r Registration) LogValue() slog.Value { return slog.StringValue(r.String()) }

// SignUpResult is what SignUp returns.
type SignUpResult struct {
	// Confirmed is true when the user needs no confirmation (a pre sign-up
	// trigger confirmed it).
	Confirmed bool
	// Delivery says where the confirmation code went; nil when none was
	// sent (the pool verifies nothing, and an administrator must confirm).
	Delivery *transport.CodeDeliveryDetails
	// UserSub is the user's sub, its permanent id.
	UserSub string
}

// SignUp registers a user (pycognito's register). Unless Confirmed, the user
// must then be confirmed with ConfirmSignUp and the code sent to it, or by
// an administrator.
func (c *Client) SignUp(ctx context.Context, r Registration) (*SignUpResult, error) {
	const op = "sign-up"
	if err := c.ready(op); err != nil {
		return nil, err
	}
	out, err := c.Transport.SignUp(ctx, &transport.SignUpInput{
		ClientID:       c.ClientID,
		SecretHash:     c.secretHash(r.Username),
		Username:       r.Username,
		Password:       r.Password,
		UserAttributes: wireAttributes(r.Attributes),
		ValidationData: wireAttributes(r.ValidationData),
		ClientMetadata: c.ClientMetadata,
	})
	if err != nil {
		return nil, wrap(op, err)
	}
	return &SignUpResult{Confirmed: out.UserConfirmed, Delivery: out.CodeDeliveryDetails, UserSub: out.UserSub}, nil
}

// ConfirmSignUp confirms a user with the code SignUp sent.
func (c *Client) ConfirmSignUp(ctx context.Context, username, code string) error {
	_, err := c.ConfirmSignUpSession(ctx, username, code)
	return err
}

// ConfirmSignUpSession is ConfirmSignUp returning the Session Cognito gives
// back: in a client with choice-based sign-in (USER_AUTH) it signs the new
// user in without a password (engine.Credentials.SignUpSession); elsewhere
// it is "".
func (c *Client) ConfirmSignUpSession(ctx context.Context, username, code string) (string, error) {
	const op = "confirm sign-up"
	if err := c.ready(op); err != nil {
		return "", err
	}
	out, err := c.Transport.ConfirmSignUp(ctx, &transport.ConfirmSignUpInput{
		ClientID:         c.ClientID,
		SecretHash:       c.secretHash(username),
		Username:         username,
		ConfirmationCode: code,
		ClientMetadata:   c.ClientMetadata,
	})
	if err != nil {
		return "", wrap(op, err)
	}
	return out.Session, nil
}

// ResendConfirmationCode sends an unconfirmed user a new confirmation code.
func (c *Client) ResendConfirmationCode(ctx context.Context, username string) (*transport.CodeDeliveryDetails, error) {
	const op = "resend confirmation code"
	if err := c.ready(op); err != nil {
		return nil, err
	}
	out, err := c.Transport.ResendConfirmationCode(ctx, &transport.ResendConfirmationCodeInput{
		ClientID:       c.ClientID,
		SecretHash:     c.secretHash(username),
		Username:       username,
		ClientMetadata: c.ClientMetadata,
	})
	if err != nil {
		return nil, wrap(op, err)
	}
	return out.CodeDeliveryDetails, nil
}

// ForgotPassword sends a user the code with which ConfirmForgotPassword sets
// a new password (pycognito's initiate_forgot_password).
func (c *Client) ForgotPassword(ctx context.Context, username string) (*transport.CodeDeliveryDetails, error) {
	const op = "forgot password"
	if err := c.ready(op); err != nil {
		return nil, err
	}
	out, err := c.Transport.ForgotPassword(ctx, &transport.ForgotPasswordInput{
		ClientID:       c.ClientID,
		SecretHash:     c.secretHash(username),
		Username:       username,
		ClientMetadata: c.ClientMetadata,
	})
	if err != nil {
		return nil, wrap(op, err)
	}
	return out.CodeDeliveryDetails, nil
}

// ConfirmForgotPassword sets a new password with the code ForgotPassword
// (or Admin.ResetPassword) sent.
func (c *Client) ConfirmForgotPassword(ctx context.Context, username, code, newPassword string) error {
	const op = "confirm forgot password"
	if err := c.ready(op); err != nil {
		return err
	}
	_, err := c.Transport.ConfirmForgotPassword(ctx, &transport.ConfirmForgotPasswordInput{
		ClientID:         c.ClientID,
		SecretHash:       c.secretHash(username),
		Username:         username,
		ConfirmationCode: code,
		Password:         newPassword,
		ClientMetadata:   c.ClientMetadata,
	})
	return wrap(op, err)
}

// RevokeToken revokes a refresh token and every access and ID token issued
// from it, sending the client secret when the client has one. Session.Revoke
// does it for a session's own refresh token.
func (c *Client) RevokeToken(ctx context.Context, refreshToken string) error {
	const op = "revoke token"
	if err := c.ready(op); err != nil {
		return err
	}
	if refreshToken == "" {
		return invalid(op, "no refresh token")
	}
	_, err := c.Transport.RevokeToken(ctx, &transport.RevokeTokenInput{
		Token: refreshToken, ClientID: c.ClientID, ClientSecret: c.ClientSecret,
	})
	return wrap(op, err)
}
