package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/pquerna/otp/totp"

	"github.com/gocognito/gocognito/engine"
	"github.com/gocognito/gocognito/fakecognito"
	"github.com/gocognito/gocognito/states"
	"github.com/gocognito/gocognito/tokens"
	"github.com/gocognito/gocognito/transport"
)

// runDemo starts an embedded fake Cognito, sets up a pool with MFA and
// device tracking through the AWS SDK, and logs in three times through the
// engine, printing every state change.
func runDemo(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: gocognito demo")
		fmt.Fprintln(stderr, "Logs in three times against an embedded fake Cognito, printing each step:")
		fmt.Fprintln(stderr, "SRP, TOTP setup, TOTP MFA, a remembered device and DEVICE_SRP_AUTH, then checks the tokens.")
	}
	if err := fs.Parse(args); err != nil {
		return exitUsage(err)
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "demo: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	start := time.Now()
	if err := demo(ctx, stdout, newFrozenClock(start)); err != nil {
		fmt.Fprintln(stderr, "demo: "+reason(err))
		return 1
	}
	fmt.Fprintf(stdout, "\ndemo finished in %.1fs\n", time.Since(start).Seconds())
	return 0
}

// newFrozenClock returns a clock that moves only when told: the fake, the engine,
// the authenticator app and the token checks all read it, so that the TOTP
// codes the demo computes are valid when the fake checks them, whatever the
// wall clock does in between.
func newFrozenClock(t time.Time) *fakecognito.Clock {
	// Start a second into a 30-second TOTP step, for tidy numbers.
	return fakecognito.NewClock(t.UTC().Truncate(30 * time.Second).Add(time.Second))
}

// Names of the demo's pool, client and user.
const (
	demoPoolName = "demo"
	demoClient   = "demo-app"
	demoUser     = "alice"
	demoEmail    = "alice@example.com"
	demoPassword = "Corr3ct-Horse-Battery!"
	demoIssuer   = "gocognito-demo"
)

// embedded is a fake Cognito served over HTTP on a loopback port.
type embedded struct {
	fake *fakecognito.Fake
	url  string
	srv  *http.Server
}

// startEmbedded serves fake on 127.0.0.1 at a free port and points its
// issuer at it.
func startEmbedded(fake *fakecognito.Fake, logger *slog.Logger) (*embedded, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	e := &embedded{fake: fake, url: "http://" + ln.Addr().String()}
	fake.SetIssuerBase(e.url)
	e.srv = &http.Server{
		Handler:           newServeHandler(fake, logger),
		ReadHeaderTimeout: 10 * time.Second,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	go func() { _ = e.srv.Serve(ln) }()
	return e, nil
}

func (e *embedded) Close() error { return e.srv.Close() }

func discardLogger() *slog.Logger { return slog.New(slog.DiscardHandler) }

// demo runs the whole demonstration, writing to w.
func demo(ctx context.Context, w io.Writer, clock *fakecognito.Clock) error {
	say := func(format string, args ...any) { fmt.Fprintf(w, format+"\n", args...) }

	fake := fakecognito.New(fakecognito.Options{Clock: clock.Now})
	srv, err := startEmbedded(fake, discardLogger())
	if err != nil {
		return err
	}
	defer srv.Close()

	// Everything below goes through the AWS SDK for Go v2 over HTTP, as a
	// program in any language would talk to `gocognito serve`.
	api := newSDKTransport(sdkOptions{region: fake.Region(), endpoint: srv.url, dummyCredentials: true})

	say("1. A fake Cognito listens on %s; the AWS SDK creates a pool, an app client and a user.", srv.url)
	pool, client, err := demoSetup(ctx, api)
	if err != nil {
		return err
	}
	say("   pool   %s  MFA required (TOTP), devices remembered when the user says so", pool)
	say("   client %s  with a secret: every call carries a SECRET_HASH", client.ClientID)
	say("   user   %s  password set by an administrator, stored as an SRP verifier", demoUser)

	cfg := engine.Config{
		PoolID:       pool,
		ClientID:     client.ClientID,
		ClientSecret: client.ClientSecret,
		Transport:    api,
		Now:          clock.Now,
		TOTPIssuer:   demoIssuer,
		DeviceName:   "demo laptop",
		Observe: func(t engine.Transition) {
			say("   %-40s %s", string(t.From)+" -> "+string(t.To), explain(t))
		},
	}
	app := &authenticatorApp{clock: clock}

	say("")
	say("2. First login: SRP, then MFA setup. Alice declines to remember this device.")
	res, err := demoLogin(ctx, cfg, nil, app, say)
	if err != nil {
		return err
	}
	if res.NewDevice == nil {
		return fmt.Errorf("no device was issued: %w", res.DeviceErr)
	}
	say("   device %s confirmed (ConfirmDevice sent its SRP verifier), not remembered", res.NewDevice.Key)

	clock.Advance(30 * time.Second) // a fresh TOTP step: the fake refuses a code twice
	say("")
	say("3. 30 seconds later, second login: SRP, then a code from the authenticator app.")
	say("   Alice asks to remember the device this time.")
	cfg.RememberDevice = true
	res, err = demoLogin(ctx, cfg, nil, app, say)
	if err != nil {
		return err
	}
	if res.NewDevice == nil {
		return fmt.Errorf("no device was issued: %w", res.DeviceErr)
	}
	if res.DeviceErr != nil {
		return res.DeviceErr
	}
	device := res.NewDevice
	say("   device %s confirmed and remembered (UpdateDeviceStatus)", device.Key)

	clock.Advance(time.Minute)
	say("")
	say("4. Third login, on the remembered device: SRP, then DEVICE_SRP_AUTH; no MFA asked.")
	res, err = demoLogin(ctx, cfg, device, app, say)
	if err != nil {
		return err
	}
	if res.NewDevice != nil {
		return errors.New("the remembered device was not recognised")
	}

	say("")
	say("5. The tokens, checked against the fake's JWKS at %s", tokens.JWKSURL(fake.Issuer(pool)))
	return demoVerify(ctx, fake.Issuer(pool), client.ClientID, clock, res.Tokens, say)
}

// demoSetup creates the pool, client and user through the API.
func demoSetup(ctx context.Context, api transport.Cognito) (string, *transport.UserPoolClient, error) {
	p, err := api.CreateUserPool(ctx, &transport.CreateUserPoolInput{
		PoolName: demoPoolName,
		PoolSettings: transport.PoolSettings{
			MfaConfiguration: transport.MFAOn,
			DeviceConfiguration: &transport.DeviceConfiguration{
				ChallengeRequiredOnNewDevice:     true,
				DeviceOnlyRememberedOnUserPrompt: true,
			},
		},
	})
	if err != nil {
		return "", nil, err
	}
	pool := p.UserPool.ID
	if _, err := api.SetUserPoolMfaConfig(ctx, &transport.UserPoolMfaConfig{
		UserPoolID:                    pool,
		MfaConfiguration:              transport.MFAOn,
		SoftwareTokenMfaConfiguration: &transport.SoftwareTokenMfaConfig{Enabled: true},
	}); err != nil {
		return "", nil, err
	}
	c, err := api.CreateUserPoolClient(ctx, &transport.CreateUserPoolClientInput{
		UserPoolID:     pool,
		GenerateSecret: true,
		ClientSettings: transport.ClientSettings{
			ClientName:        demoClient,
			ExplicitAuthFlows: []string{transport.AllowUserSRPAuth, transport.AllowRefreshTokenAuth},
		},
	})
	if err != nil {
		return "", nil, err
	}
	if _, err := api.AdminCreateUser(ctx, &transport.AdminCreateUserInput{
		UserPoolID: pool, Username: demoUser, MessageAction: "SUPPRESS",
		UserAttributes: []transport.AttributeType{transport.Attr("email", demoEmail), transport.Attr("email_verified", "true")},
	}); err != nil {
		return "", nil, err
	}
	if _, err := api.AdminSetUserPassword(ctx, &transport.AdminSetUserPasswordInput{
		UserPoolID: pool, Username: demoUser, Password: demoPassword, Permanent: true,
	}); err != nil {
		return "", nil, err
	}
	return pool, c.UserPoolClient, nil
}

// authenticatorApp plays the user's TOTP app.
type authenticatorApp struct {
	clock  *fakecognito.Clock
	secret string
}

func (a *authenticatorApp) code() (string, error) {
	return totp.GenerateCode(a.secret, a.clock.Now())
}

// demoLogin runs one login, answering what it needs as the user would.
func demoLogin(ctx context.Context, cfg engine.Config, device *engine.DeviceCredentials, app *authenticatorApp, say func(string, ...any)) (*engine.Result, error) {
	l, err := engine.Start(ctx, cfg, engine.Credentials{Username: demoUser, Password: demoPassword, Device: device})
	if err != nil {
		return nil, err
	}
	for !l.State().Terminal() {
		var a engine.Answer
		switch n := l.Need().(type) {
		case states.NeedTOTPSetup:
			app.secret = n.Secret
			say("   the app scans %s", n.URI)
			code, err := app.code()
			if err != nil {
				return nil, err
			}
			say("   the app shows %s; the engine sends it with VerifySoftwareToken", code)
			a = engine.TOTPSetupCode{Code: code, FriendlyName: "demo app"}
		case states.NeedMFACode:
			if n.Medium != states.MediumSoftwareToken || app.secret == "" {
				return nil, fmt.Errorf("unexpected MFA by %s", n.Medium)
			}
			code, err := app.code()
			if err != nil {
				return nil, err
			}
			say("   the app shows %s", code)
			a = engine.MFACode(code)
		default:
			return nil, fmt.Errorf("unexpected need %s in state %s", states.Kind(n), l.State())
		}
		if err := l.Submit(ctx, a); err != nil {
			return nil, err
		}
	}
	return l.Result()
}

// explain says in a few words what a transition means.
func explain(t engine.Transition) string {
	switch t.To {
	case states.PasswordVerifier:
		return "InitiateAuth USER_SRP_AUTH sent SRP_A; Cognito answers salt, SRP_B, SECRET_BLOCK"
	case states.DeviceSRP:
		return "password proven; Cognito asks the remembered device to prove itself"
	case states.DevicePasswordVerifier:
		return "device SRP_A sent; Cognito answers the device's salt and SRP_B"
	case states.MFASetup:
		return "password proven; MFA is required and Alice has none: set up TOTP"
	case states.SoftwareTokenMFA:
		return "password proven; Cognito asks for a TOTP code"
	case states.Done:
		return "tokens issued"
	case states.Failed:
		if t.Err != nil {
			return "failed: " + oneLine(t.Err.Error())
		}
		return "failed"
	}
	return string(t.Event)
}

// demoVerify checks both tokens' signatures against the JWKS the fake
// serves, as a resource server would, and prints their main claims.
func demoVerify(ctx context.Context, issuer, clientID string, clock *fakecognito.Clock, t *transport.AuthenticationResult, say func(string, ...any)) error {
	if t == nil {
		return errors.New("no tokens")
	}
	v := tokens.NewVerifier(issuer, clientID)
	v.Now = clock.Now
	id, err := v.VerifyID(ctx, t.IDToken)
	if err != nil {
		return fmt.Errorf("ID token: %w", err)
	}
	access, err := v.VerifyAccess(ctx, t.AccessToken)
	if err != nil {
		return fmt.Errorf("access token: %w", err)
	}
	ts := func(t time.Time) string { return t.UTC().Format(time.RFC3339) }
	say("   ID token      RS256 signature valid; iss %s", id.Issuer)
	say("                 sub %s, cognito:username %s, email %s", id.Subject, id.Username, id.String("email"))
	say("                 aud %s, auth_time %s, exp %s", id.Audience, ts(id.AuthTime), ts(id.Expiry))
	say("   access token  RS256 signature valid (another key); scope %s", access.Scope)
	say("                 client_id %s, device_key %s, exp %s", access.ClientID, access.DeviceKey, ts(access.Expiry))
	say("   refresh token %s, for GetTokensFromRefreshToken", describeOpaque(t.RefreshToken))
	return nil
}

func describeOpaque(s string) string {
	if s == "" {
		return "none"
	}
	return fmt.Sprintf("%d characters, opaque", len(strings.TrimSpace(s)))
}
