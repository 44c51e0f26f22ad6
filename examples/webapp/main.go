// Command webapp is a web application that signs users in with package
// weblogin, against an embedded fake Cognito seeded with a user for every
// screen. Run it, open the address it prints, and sign in as the users it
// lists; the codes the fake "sends" by SMS and e-mail are on its /outbox
// page, with the codes of the authenticator app it set up for tom.
//
//	go run ./examples/webapp [-addr 127.0.0.1:8080]
//
// Four handlers share one fake: the everyday pool at /, where MFA is
// optional; a pool that requires MFA at /setup/, whose users set it up on
// their first sign-in; at /quiz/ a custom-auth login that asks a question
// after the password; and at /choice/ choice-based sign-in (USER_AUTH),
// where the user picks a password, a code by e-mail or SMS, or a passkey
// registered from the signed-in page (on http://localhost:PORT).
package main

import (
	"context"
	"crypto/rand"
	"errors"
	"flag"
	"fmt"
	"html/template"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"slices"
	"time"

	"github.com/gocognito/gocognito/account"
	"github.com/gocognito/gocognito/engine"
	"github.com/gocognito/gocognito/fakecognito"
	"github.com/gocognito/gocognito/tokens"
	"github.com/gocognito/gocognito/transport"
	"github.com/gocognito/gocognito/weblogin"
)

// password is every seeded user's password.
const password = "Corr3ct-Horse-Battery!"

func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "address to listen on")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	if err := run(ctx, ln, os.Stdout); err != nil {
		log.Fatal(err)
	}
}

// seeded is one user to try.
type seeded struct {
	path, name, shows string
}

// run serves the example on ln until ctx is done, printing the address
// and the users to out.
func run(ctx context.Context, ln net.Listener, out io.Writer) error {
	// Passkeys belong to a host name, not an address: they work on
	// http://localhost:PORT, which the fake is told to accept.
	_, port, err := net.SplitHostPort(ln.Addr().String())
	if err != nil {
		return err
	}
	passkeyOrigin := "http://localhost:" + port
	fake := fakecognito.New(fakecognito.Options{PasskeyOrigins: []string{passkeyOrigin}})
	// One key seals every cookie; a real application keeps its keys
	// (weblogin.Options.Keys) so that a restart signs no one out.
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		return err
	}

	everyday, err := newPool(fake, "everyday", transport.MFAOptional)
	if err != nil {
		return err
	}
	strict, err := newPool(fake, "strict", transport.MFAOn)
	if err != nil {
		return err
	}
	if err := fake.SetTriggers(everyday.pool.ID, quiz()); err != nil {
		return err
	}
	users, totpSecret, err := seed(ctx, fake, everyday, strict)
	if err != nil {
		return err
	}

	mux := http.NewServeMux()
	for _, site := range []struct {
		path, prefix, name string
		p                  *pool
		flow               string
	}{
		{"/", "everyday", "Example", everyday, ""},
		{"/setup/", "setup", "Example (MFA required)", strict, ""},
		{"/quiz/", "quiz", "Example (custom challenge)", everyday, transport.FlowCustom},
		{"/choice/", "choice", "Example (choice-based sign-in)", everyday, transport.FlowUserAuth},
	} {
		h, err := weblogin.New(site.p.options(fake, key, site.path, site.prefix, site.name, site.flow))
		if err != nil {
			return err
		}
		mux.Handle(site.path, h)
	}
	mux.Handle("GET /outbox", outbox(fake, totpSecret, users))

	base := "http://" + ln.Addr().String()
	fmt.Fprintf(out, "gocognito web login example on %s\n", base)
	fmt.Fprintf(out, "codes sent by SMS and e-mail, and tom's authenticator app: %s/outbox\n\n", base)
	fmt.Fprintf(out, "every user's password: %s\n", password)
	for _, u := range users {
		fmt.Fprintf(out, "  %-6s at %s%-8s %s\n", u.name, base, u.path, u.shows)
	}
	fmt.Fprintf(out, "  passkeys: sign in at %s/choice/, add a passkey on the signed-in page, sign out, and sign in with it\n", passkeyOrigin)
	fmt.Fprintf(out, "  anyone can sign up at %s/signup (the code is on /outbox), or reset a password at %s/forgot\n", base, base)

	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(shutdown)
	}()
	if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// pool is a user pool of the fake and its app client.
type pool struct {
	pool   transport.UserPool
	client transport.UserPoolClient
}

func newPool(fake *fakecognito.Fake, name, mfa string) (*pool, error) {
	in := transport.CreateUserPoolInput{PoolName: name}
	in.AutoVerifiedAttributes = []string{"email"}
	// E-mail MFA needs Amazon SES as the pool's sender.
	in.EmailConfiguration = &transport.EmailConfiguration{EmailSendingAccount: transport.EmailSendingDeveloper,
		SourceArn: "arn:aws:ses:us-east-1:123456789012:identity/example.com"}
	// Choice-based sign-in may use a password or a code by e-mail or SMS.
	in.Policies = &transport.PoolPolicies{SignInPolicy: &transport.SignInPolicy{AllowedFirstAuthFactors: []string{
		transport.FactorPassword, transport.FactorEmailOTP, transport.FactorSMSOTP, transport.FactorWebAuthn}}}
	in.SmsConfiguration = &transport.SmsConfiguration{SnsCallerArn: "arn:aws:iam::123456789012:role/sns"}
	p := fake.MustCreatePool(in)
	c := fake.MustCreateClient(transport.CreateUserPoolClientInput{UserPoolID: p.ID, GenerateSecret: true,
		ClientSettings: transport.ClientSettings{ClientName: "webapp", ExplicitAuthFlows: []string{
			transport.AllowUserSRPAuth, transport.AllowCustomAuth, transport.AllowUserAuth, transport.AllowRefreshTokenAuth,
		}}})
	mc := &transport.UserPoolMfaConfig{UserPoolID: p.ID, MfaConfiguration: mfa,
		WebAuthnConfiguration:         &transport.WebAuthnConfiguration{RelyingPartyID: "localhost", UserVerification: transport.UserVerificationPreferred},
		SoftwareTokenMfaConfiguration: &transport.SoftwareTokenMfaConfig{Enabled: true},
		EmailMfaConfiguration:         &transport.EmailMfaConfig{Message: "Your code is {####}"},
	}
	if mfa == transport.MFAOptional {
		mc.SmsMfaConfiguration = &transport.SmsMfaConfig{SmsAuthenticationMessage: "Your code is {####}"}
	}
	if _, err := fake.SetUserPoolMfaConfig(context.Background(), mc); err != nil {
		return nil, err
	}
	return &pool{pool: p, client: c}, nil
}

// options are a weblogin handler's options for this pool.
func (p *pool) options(fake *fakecognito.Fake, key []byte, path, prefix, name, flow string) weblogin.Options {
	jwks, err := fake.JWKS(p.pool.ID)
	if err != nil {
		panic(err) // the pool was just created
	}
	keys, err := tokens.NewStaticKeySet(jwks)
	if err != nil {
		panic(err)
	}
	verifier := &tokens.Verifier{Issuer: fake.Issuer(p.pool.ID), ClientID: p.client.ClientID, Keys: keys}
	return weblogin.Options{
		Engine: engine.Config{PoolID: p.pool.ID, ClientID: p.client.ClientID, ClientSecret: p.client.ClientSecret,
			Transport: fake, TOTPIssuer: "gocognito example"},
		Flow:         flow,
		Account:      &account.Client{Transport: fake, ClientID: p.client.ClientID, ClientSecret: p.client.ClientSecret, Verifier: verifier},
		Verifier:     verifier,
		Keys:         [][]byte{key},
		Path:         path,
		CookiePrefix: prefix,
		AppName:      name,
	}
}

// seed creates a user for every screen and returns them, with the TOTP
// secret of tom's authenticator app.
func seed(ctx context.Context, fake *fakecognito.Fake, everyday, strict *pool) ([]seeded, string, error) {
	e, s := everyday.pool.ID, strict.pool.ID
	phone := func(n string) transport.AttributeType { return transport.Attr("phone_number", "+1555555"+n) }
	email := func(u string) transport.AttributeType { return transport.Attr("email", u+"@example.com") }
	fake.MustCreateUser(e, "alice", password, email("alice"), transport.Attr("name", "Alice Liddell"))
	fake.MustCreateUser(e, "sam", password, phone("0123"))
	fake.MustCreateUser(e, "emma", password, email("emma"))
	fake.MustCreateUser(e, "max", password, email("max"), phone("0188"))
	fake.MustCreateUser(e, "tom", password, email("tom"))
	fake.MustCreateUser(e, "nina", password, email("nina"))
	fake.MustCreateUser(e, "quinn", password)
	fake.MustCreateUser(e, "paula", password, email("paula"), phone("0142"))
	fake.MustCreateUser(s, "tina", password)
	fake.MustCreateUser(s, "eve", password)
	on := &transport.MFASettings{Enabled: true}
	for _, pref := range []transport.AdminSetUserMFAPreferenceInput{
		{Username: "sam", SMSMfaSettings: on},
		{Username: "emma", EmailMfaSettings: on},
		{Username: "max", SMSMfaSettings: on, EmailMfaSettings: on},
	} {
		pref.UserPoolID = e
		if _, err := fake.AdminSetUserMFAPreference(ctx, &pref); err != nil {
			return nil, "", err
		}
	}
	if err := fake.SetUserStatus(e, "nina", transport.StatusForceChangePassword); err != nil {
		return nil, "", err
	}
	secret, err := addAuthenticator(ctx, fake, everyday, "tom")
	if err != nil {
		return nil, "", fmt.Errorf("set up tom's authenticator app: %w", err)
	}
	return []seeded{
		{"/", "alice", "password only: straight to the signed-in page"},
		{"/", "sam", "a code by SMS, with the masked number"},
		{"/", "emma", "a code by e-mail"},
		{"/", "max", "a choice between SMS and e-mail, then the code"},
		{"/", "tom", "the code of an authenticator app (shown on /outbox)"},
		{"/", "nina", "a new password first (her password is temporary)"},
		{"/quiz/", "quinn", "a custom challenge after the password (the answer is 42); any user of / can try it"},
		{"/choice/", "paula", "choice-based sign-in: a password, or a code by e-mail or SMS; any user of / can try it"},
		{"/setup/", "tina", "MFA setup: choose the authenticator app, scan the QR code"},
		{"/setup/", "eve", "MFA setup: choose e-mail, give an address, type the code sent there"},
	}, secret, nil
}

// addAuthenticator signs a user in and sets up TOTP MFA for it, as the
// user would from a settings page, and returns the app's secret.
func addAuthenticator(ctx context.Context, fake *fakecognito.Fake, p *pool, username string) (string, error) {
	res, err := engine.Authenticate(ctx, engine.Config{PoolID: p.pool.ID, ClientID: p.client.ClientID,
		ClientSecret: p.client.ClientSecret, Transport: fake}, engine.Credentials{Username: username, Password: password})
	if err != nil {
		return "", err
	}
	assoc, err := fake.AssociateSoftwareToken(ctx, &transport.AssociateSoftwareTokenInput{AccessToken: res.Tokens.AccessToken})
	if err != nil {
		return "", err
	}
	// The previous 30-second step's code, which Cognito still accepts, so
	// that the code the app shows now is unused: a code signs in once.
	code, err := fakecognito.TOTPCode(assoc.SecretCode, time.Now().Add(-30*time.Second))
	if err != nil {
		return "", err
	}
	if _, err := fake.VerifySoftwareToken(ctx, &transport.VerifySoftwareTokenInput{AccessToken: res.Tokens.AccessToken,
		UserCode: code, FriendlyDeviceName: "example"}); err != nil {
		return "", err
	}
	_, err = fake.AdminSetUserMFAPreference(ctx, &transport.AdminSetUserMFAPreferenceInput{UserPoolID: p.pool.ID, Username: username,
		SoftwareTokenMfaSettings: &transport.MFASettings{Enabled: true, PreferredMfa: true}})
	return assoc.SecretCode, err
}

// quiz is a custom-auth trigger set: after the password, one question.
func quiz() fakecognito.Triggers {
	return fakecognito.Triggers{
		DefineAuthChallenge: func(_ context.Context, in fakecognito.DefineAuthChallengeInput) (fakecognito.DefineAuthChallengeOutput, error) {
			h := in.Session
			var last fakecognito.ChallengeResult
			if len(h) > 0 {
				last = h[len(h)-1]
			}
			switch {
			case last.ChallengeName == "SRP_A":
				return fakecognito.DefineAuthChallengeOutput{ChallengeName: "PASSWORD_VERIFIER"}, nil
			case last.ChallengeName == "PASSWORD_VERIFIER" && !last.ChallengeResult, len(h) > 5:
				return fakecognito.DefineAuthChallengeOutput{FailAuthentication: true}, nil
			case last.ChallengeName == "CUSTOM_CHALLENGE" && last.ChallengeResult:
				return fakecognito.DefineAuthChallengeOutput{IssueTokens: true}, nil
			}
			return fakecognito.DefineAuthChallengeOutput{ChallengeName: "CUSTOM_CHALLENGE"}, nil
		},
		CreateAuthChallenge: func(context.Context, fakecognito.CreateAuthChallengeInput) (fakecognito.CreateAuthChallengeOutput, error) {
			return fakecognito.CreateAuthChallengeOutput{
				PublicChallengeParameters:  map[string]string{"question": "What is 6 times 7?"},
				PrivateChallengeParameters: map[string]string{"answer": "42"},
			}, nil
		},
		VerifyAuthChallengeResponse: func(_ context.Context, in fakecognito.VerifyAuthChallengeInput) (fakecognito.VerifyAuthChallengeOutput, error) {
			return fakecognito.VerifyAuthChallengeOutput{AnswerCorrect: in.ChallengeAnswer == in.PrivateChallengeParameters["answer"]}, nil
		},
	}
}

var outboxPage = template.Must(template.New("outbox").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="5"><title>Outbox</title></head>
<body style="font: 16px/1.5 system-ui, sans-serif; max-width: 48rem; margin: 2rem auto">
<h1>What the fake Cognito sent</h1>
<p>tom's authenticator app shows <strong>{{.TOTP}}</strong> (the key is <code>{{.Secret}}</code>). This page reloads every 5 seconds.</p>
<table><thead><tr><th scope="col">Time</th><th scope="col">User</th><th scope="col">To</th><th scope="col">Why</th><th scope="col">Code</th></tr></thead><tbody>
{{range .Messages}}<tr><td>{{.Time.Format "15:04:05"}}</td><td>{{.Username}}</td><td>{{.Destination}}</td><td>{{.Purpose}}</td><td><strong>{{.Code}}</strong></td></tr>
{{else}}<tr><td colspan="5">Nothing yet.</td></tr>{{end}}</tbody></table>
<p><a href="/">Sign in</a></p>
</body></html>`))

// outbox shows the codes the fake sent, newest first: this is a
// demonstration, where the SMS and e-mails go nowhere else.
func outbox(fake *fakecognito.Fake, secret string, _ []seeded) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		msgs := fake.Outbox().All()
		slices.Reverse(msgs)
		code, _ := fakecognito.TOTPCode(secret, time.Now())
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		_ = outboxPage.Execute(w, map[string]any{"Messages": msgs, "TOTP": code, "Secret": secret})
	})
}
