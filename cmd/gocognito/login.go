package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net"
	"os"
	"slices"
	"strings"

	"github.com/gocognito/gocognito/engine"
	"github.com/gocognito/gocognito/internal/atomicfile"
	"github.com/gocognito/gocognito/srp"
	"github.com/gocognito/gocognito/transport"
)

// getenv is the environment, a seam for tests.
var getenv = os.Getenv

// Environment variables that give flags their defaults.
const (
	envPoolID       = "GOCOGNITO_POOL_ID"
	envClientID     = "GOCOGNITO_CLIENT_ID"
	envClientSecret = "GOCOGNITO_CLIENT_SECRET"
	envEndpoint     = "GOCOGNITO_ENDPOINT"
)

// loginOptions are the flags of `gocognito login`.
type loginOptions struct {
	poolID, clientID, clientSecret string
	username                       string
	region, endpoint               string
	passwordStdin                  bool
	deviceFile                     string
	output                         string
	flow                           string // a key of loginFlows
	preferred                      string // --preferred: USER_AUTH's first factor
	verbose                        bool
}

// loginFlows are the values of --flow and the AuthFlow each one starts.
var loginFlows = map[string]string{
	"srp":       transport.FlowUserSRP,
	"password":  transport.FlowUserPassword,
	"custom":    transport.FlowCustom,
	"admin":     transport.FlowAdminUserPassword,
	"user-auth": transport.FlowUserAuth,
}

// preferredFactors are the values of --preferred. A passkey (WEB_AUTHN) is
// not among them: it needs a browser.
var preferredFactors = []string{
	transport.ChallengeEmailOTP, transport.ChallengeSMSOTP, transport.ChallengePassword, transport.ChallengePasswordSRP,
}

// errPasskeyNeedsBrowser is why this command cannot sign in with a passkey.
var errPasskeyNeedsBrowser = fmt.Errorf("%w: signing in with a passkey (WEB_AUTHN) needs a browser (WebAuthn); choose another way", errCannotAsk)

// maxTriesPerStep bounds how often the same question is asked again after
// Cognito refused the answer (a mistyped code).
const maxTriesPerStep = 3

func runLogin(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	var o loginOptions
	fs := flag.NewFlagSet("login", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: gocognito login --pool-id ID --client-id ID --username NAME [flags]")
		fmt.Fprintln(stderr, "Logs in with SRP, asking on the terminal for whatever Cognito requires, and prints")
		fmt.Fprintln(stderr, "the AuthenticationResult on stdout. See docs/cli.md.")
		fs.PrintDefaults()
	}
	fs.StringVar(&o.poolID, "pool-id", getenv(envPoolID), "user pool `id`, e.g. us-east-1_AbC123 (env "+envPoolID+")")
	fs.StringVar(&o.clientID, "client-id", getenv(envClientID), "app client `id` (env "+envClientID+")")
	fs.StringVar(&o.clientSecret, "client-secret", "", "app client `secret`, for clients that have one (env "+envClientSecret+", which keeps it out of ps)")
	fs.StringVar(&o.username, "username", "", "user `name`, or an alias the pool accepts (e-mail, phone)")
	fs.StringVar(&o.region, "region", "", "AWS `region` (default: the pool id's prefix)")
	fs.StringVar(&o.endpoint, "endpoint", getenv(envEndpoint), "`URL` of a Cognito-compatible server, such as gocognito serve (default: Cognito's regional endpoint; env "+envEndpoint+")")
	fs.BoolVar(&o.passwordStdin, "password-stdin", false, "read the password from the first line of stdin (further lines answer the prompts)")
	fs.StringVar(&o.deviceFile, "device-file", "", "`file` that remembers this device (mode 0600): read to skip MFA, written when Cognito issues a new device")
	fs.StringVar(&o.output, "output", "json", "`format` of the tokens on stdout: json (the AuthenticationResult) or env (shell exports)")
	fs.StringVar(&o.flow, "flow", "srp", "`flow`: srp (USER_SRP_AUTH), password (USER_PASSWORD_AUTH), custom (CUSTOM_AUTH after SRP), admin (ADMIN_USER_PASSWORD_AUTH, signed with your AWS credentials) or user-auth (USER_AUTH: choose a password or a code by e-mail or SMS)")
	fs.StringVar(&o.preferred, "preferred", "", "with --flow user-auth, the first `factor` to ask for at once: EMAIL_OTP, SMS_OTP, PASSWORD or PASSWORD_SRP (default: choose among what Cognito offers)")
	fs.BoolVar(&o.verbose, "v", false, "print each state of the login on stderr")
	if err := fs.Parse(args); err != nil {
		return exitUsage(err)
	}
	if o.clientSecret == "" {
		o.clientSecret = getenv(envClientSecret)
	}
	if err := o.check(fs.Args()); err != nil {
		fmt.Fprintln(stderr, "login:", err)
		return 2
	}
	res, err := login(ctx, o, newPrompter(stdin, stderr), stderr)
	if err != nil {
		fmt.Fprintln(stderr, "login: "+reason(err))
		return 1
	}
	if err := writeTokens(stdout, o.output, res.Tokens); err != nil {
		fmt.Fprintln(stderr, "login:", err)
		return 1
	}
	return 0
}

func (o *loginOptions) check(rest []string) error {
	if len(rest) > 0 {
		return fmt.Errorf("unexpected argument %q", rest[0])
	}
	var missing []string
	for _, f := range []struct{ name, v string }{{"--pool-id", o.poolID}, {"--client-id", o.clientID}, {"--username", o.username}} {
		if f.v == "" {
			missing = append(missing, f.name)
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("missing %s", strings.Join(missing, ", "))
	}
	if _, err := srp.PoolName(o.poolID); err != nil {
		return fmt.Errorf("--pool-id %q is not a user pool id: want REGION_ID, for example us-east-1_AbC123xyZ", o.poolID)
	}
	if o.region == "" {
		o.region = regionOf(o.poolID)
	}
	if o.region == "" {
		return fmt.Errorf("--region is needed: pool id %q has no region prefix", o.poolID)
	}
	if o.output != "json" && o.output != "env" {
		return fmt.Errorf("--output %q: want json or env", o.output)
	}
	if _, ok := loginFlows[o.flow]; !ok {
		return fmt.Errorf("--flow %q: want srp, password, custom, admin or user-auth", o.flow)
	}
	if o.preferred != "" {
		o.preferred = strings.ToUpper(o.preferred)
		switch {
		case o.flow != "user-auth":
			return errors.New("--preferred needs --flow user-auth")
		case o.preferred == transport.ChallengeWebAuthn:
			return errors.New("--preferred WEB_AUTHN: signing in with a passkey needs a browser (WebAuthn); this command cannot")
		case !slices.Contains(preferredFactors, o.preferred):
			return fmt.Errorf("--preferred %q: want %s", o.preferred, strings.Join(preferredFactors, ", "))
		}
	}
	return nil
}

// passwordFirst reports whether login reads the password before the first
// call: always, except for choice-based sign-in without a password
// preference, which asks for it only when the user chooses a password.
func (o *loginOptions) passwordFirst() bool {
	return o.flow != "user-auth" || o.preferred == transport.ChallengePassword || o.preferred == transport.ChallengePasswordSRP
}

// login runs the engine to the end, asking p for whatever a step needs.
func login(ctx context.Context, o loginOptions, p *prompter, stderr io.Writer) (*engine.Result, error) {
	var password string
	var err error
	switch {
	case o.passwordStdin:
		password, err = p.readRawLine()
		err = waitedFor("Password for "+o.username+":", err)
	case !o.passwordFirst():
		// Asked for only if the user chooses a password.
	case p.interactive():
		password, err = p.secret("Password for " + o.username + ": ")
	default:
		err = errors.New("stdin is not a terminal: pass --password-stdin to read the password from it")
	}
	if err != nil {
		return nil, err
	}

	var device *engine.DeviceCredentials
	if o.deviceFile != "" {
		if device, err = readDeviceFile(o.deviceFile, o.poolID, o.username, stderr); err != nil {
			return nil, err
		}
	}
	sdk := sdkOptions{region: o.region, endpoint: o.endpoint}
	if o.flow == "admin" {
		// AdminInitiateAuth is SigV4-signed: real Cognito needs the caller's
		// AWS credentials; a server given by --endpoint is taken for a fake,
		// which checks no signature.
		if o.endpoint != "" {
			sdk.dummyCredentials = true
		} else if sdk.credentials, err = awsCredentials(ctx, o.region); err != nil {
			return nil, err
		}
	}
	cfg := engine.Config{
		PoolID:             o.poolID,
		ClientID:           o.clientID,
		ClientSecret:       o.clientSecret,
		Transport:          newSDKTransport(sdk),
		DeviceName:         "gocognito",
		RememberDevice:     o.deviceFile != "",
		TOTPIssuer:         "gocognito",
		PreferredChallenge: o.preferred,
	}
	if o.verbose {
		cfg.Observe = func(t engine.Transition) {
			fmt.Fprintf(stderr, "state %s -> %s (%s)\n", t.From, t.To, t.Event)
		}
	}
	l, err := engine.Start(ctx, cfg, engine.Credentials{Username: o.username, Password: password, Device: device, Flow: loginFlows[o.flow]})
	if err != nil {
		return nil, err
	}
	var refused error // why the last answer to this step was refused
	for tries := 0; !l.State().Terminal(); {
		a, err := p.answer(l.Need(), o.username)
		if err == nil {
			err = l.Submit(ctx, a)
		}
		if err == nil {
			tries, refused = 0, nil
			continue
		}
		if errors.Is(err, errNoAnswer) && refused != nil {
			return nil, refused // stdin ran out of retries: the refusal is the news
		}
		if errors.Is(err, errNoAnswer) || errors.Is(err, errCannotAsk) || l.State().Terminal() || ctx.Err() != nil {
			return nil, err
		}
		if tries++; tries >= maxTriesPerStep {
			return nil, err
		}
		refused = err
		fmt.Fprintf(stderr, "%s; try again\n", reason(err))
	}
	res, err := l.Result()
	if err != nil {
		return nil, err
	}
	if res.DeviceErr != nil {
		fmt.Fprintln(stderr, "login: warning: device not remembered: "+reason(res.DeviceErr))
	}
	if res.NewDevice != nil && o.deviceFile != "" {
		if err := writeDeviceFile(o.deviceFile, o.poolID, o.username, res.NewDevice); err != nil {
			fmt.Fprintln(stderr, "login: warning: cannot save the device:", err)
		}
	}
	return res, nil
}

// deviceFile is what --device-file holds: the remembered device and whose
// it is (the pool, and the user name as typed), so that it is not offered
// for another user or pool.
type deviceFile struct {
	PoolID   string `json:"PoolId"`
	Username string `json:"Username"`
	engine.DeviceCredentials
}

// String hides the device password. (engine.DeviceCredentials hides it
// only through a pointer, and this struct embeds a value.)
func (d deviceFile) String() string {
	return "deviceFile{PoolId:" + d.PoolID + " Username:" + d.Username + " DeviceKey:" + d.Key +
		" DeviceGroupKey:" + d.GroupKey + " DevicePassword:[redacted]}"
}

// GoString hides the device password from %#v.
func (d deviceFile) GoString() string { return d.String() }

// maxDeviceFileBytes bounds a device file: a real one is about 300 bytes.
const maxDeviceFileBytes = 64 << 10

// parseDeviceFile reads a device file strictly.
func parseDeviceFile(data []byte) (*deviceFile, error) {
	if len(data) > maxDeviceFileBytes {
		return nil, fmt.Errorf("larger than %d bytes", maxDeviceFileBytes)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var d deviceFile
	if err := dec.Decode(&d); err != nil {
		return nil, err
	}
	if dec.More() {
		return nil, errors.New("data after the JSON object")
	}
	if d.Key == "" || d.GroupKey == "" || d.Password == "" {
		return nil, errors.New("DeviceKey, DeviceGroupKey and DevicePassword are required")
	}
	return &d, nil
}

// readDeviceFile returns the device remembered in path, nil if the file
// does not exist yet.
func readDeviceFile(path, poolID, username string, stderr io.Writer) (*engine.DeviceCredentials, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("device file: %w", err)
	}
	d, err := parseDeviceFile(data)
	if err != nil {
		return nil, fmt.Errorf("device file %s: %w", path, err)
	}
	if d.PoolID != poolID || !strings.EqualFold(d.Username, username) {
		return nil, fmt.Errorf("device file %s belongs to user %q of pool %s; use another file", path, d.Username, d.PoolID)
	}
	if st, err := os.Stat(path); err == nil && st.Mode().Perm()&0o077 != 0 {
		fmt.Fprintf(stderr, "login: warning: %s is readable by others (mode %v); it holds the device's password\n", path, st.Mode().Perm())
	}
	dc := d.DeviceCredentials
	return &dc, nil
}

// writeDeviceFile saves a device with mode 0600, atomically.
func writeDeviceFile(path, poolID, username string, d *engine.DeviceCredentials) error {
	data, err := json.MarshalIndent(deviceFile{PoolID: poolID, Username: username, DeviceCredentials: *d}, "", "  ")
	if err != nil {
		return err
	}
	return atomicfile.Write(path, append(data, '\n'), 0o600)
}

// writeTokens prints the tokens: Cognito's AuthenticationResult as JSON, or
// shell exports for eval.
func writeTokens(w io.Writer, format string, r *transport.AuthenticationResult) error {
	if r == nil {
		return errors.New("no tokens in the answer")
	}
	if format == "env" {
		for _, kv := range [][2]string{
			{"COGNITO_ID_TOKEN", r.IDToken},
			{"COGNITO_ACCESS_TOKEN", r.AccessToken},
			{"COGNITO_REFRESH_TOKEN", r.RefreshToken},
			{"COGNITO_TOKEN_TYPE", r.TokenType},
			{"COGNITO_EXPIRES_IN", fmt.Sprint(r.ExpiresIn)},
		} {
			if _, err := fmt.Fprintf(w, "export %s=%s\n", kv[0], shellQuote(kv[1])); err != nil {
				return err
			}
		}
		return nil
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// shellQuote quotes s for a POSIX shell.
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// reason turns a login error into the one line the user sees: what went
// wrong in plain words, then Cognito's code and message.
func reason(err error) string {
	var short string
	var te *transport.Error
	switch {
	case errors.Is(err, errNoAnswer):
		return oneLine(err.Error()) // says which prompt waited
	case errors.Is(err, errNotAChoice):
		return strings.TrimPrefix(oneLine(err.Error()), errNotAChoice.Error()+": ")
	case errors.Is(err, context.Canceled):
		short = "interrupted"
	case errors.Is(err, context.DeadlineExceeded):
		short = "timed out"
	case errors.Is(err, engine.ErrWrongPasswordOrPool):
		// With SRP, Cognito answers a pool id that is not the client's
		// pool exactly as a wrong password.
		short = "incorrect username or password, or a pool id that is not the client's pool"
	case errors.Is(err, transport.ErrNotAuthorized):
		short = "not authorized"
		if errors.As(err, &te) && strings.Contains(te.Message, "Incorrect username or password") {
			short = "wrong username or password"
		} else if errors.As(err, &te) && strings.Contains(te.Message, "attempts exceeded") {
			short = "too many failed attempts"
		}
	case errors.Is(err, transport.ErrUserNotFound):
		short = "user not found"
	case errors.Is(err, transport.ErrCodeMismatch):
		short = "code mismatch"
	case errors.Is(err, transport.ErrExpiredCode):
		short = "code expired"
	case errors.Is(err, engine.ErrTOTPRejected):
		short = "code rejected"
	case errors.Is(err, transport.ErrUserNotConfirmed):
		short = "user not confirmed"
	case errors.Is(err, transport.ErrPasswordResetRequired):
		short = "password reset required"
	case errors.Is(err, transport.ErrInvalidPassword), errors.Is(err, transport.ErrPasswordHistoryViolation):
		short = "new password refused by the pool's policy"
	case errors.Is(err, transport.ErrTooManyRequests), errors.Is(err, transport.ErrLimitExceeded):
		short = "throttled"
	case errors.Is(err, transport.ErrTooManyFailedAttempts):
		short = "too many failed attempts"
	case errors.Is(err, transport.ErrResourceNotFound):
		short = "not found"
	case errors.Is(err, engine.ErrSessionExpired):
		short = "session expired, start again"
	case errors.Is(err, engine.ErrWrongAnswer), errors.Is(err, engine.ErrMissingAttributes):
		short = "answer refused"
	case isNetError(err):
		short = "cannot reach the server"
	case errors.Is(err, transport.ErrInvalidParameter) && strings.Contains(err.Error(), "flow not enabled"):
		short = "this sign-in flow is not enabled for the app client (see --flow)"
	case errors.Is(err, transport.ErrInvalidParameter):
		short = "request refused"
	case errors.Is(err, transport.ErrInvalidUserPoolConfig), errors.Is(err, transport.ErrFeatureUnavailableInTier):
		short = "the user pool is not set up for this"
	case errors.Is(err, transport.ErrUnknownOperation), errors.Is(err, transport.ErrUnsupportedOperation):
		short = "the server does not support this"
	case errors.Is(err, transport.ErrInternal):
		short = "server error"
	case errors.Is(err, engine.ErrInvalidInput):
		short = "invalid input"
	case errors.Is(err, engine.ErrUnsupportedChallenge), errors.Is(err, errCannotAsk):
		short = "cannot answer what Cognito asks"
	case errors.Is(err, engine.ErrDevicesUnsupported):
		short = "device not remembered"
	default:
		var te *transport.Error
		if errors.As(err, &te) {
			short = "refused by Cognito"
		} else {
			short = "failed"
		}
	}
	// Cognito's own words are the clearest detail; the engine's wrapping
	// (which call failed) matters to developers, who can use -v.
	detail := oneLine(err.Error())
	if errors.As(err, &te) {
		detail = te.Code
		if te.Message != "" {
			detail += ": " + oneLine(te.Message)
		}
	}
	switch short {
	case "":
		return detail
	case detail:
		return short
	}
	return short + " (" + detail + ")"
}

func isNetError(err error) bool {
	var ne net.Error
	var oe *net.OpError
	return errors.As(err, &oe) || errors.As(err, &ne)
}

// oneLine folds a message onto one line.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
