package fakecognito

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-lambda-go/events"

	"github.com/gocognito/gocognito/transport"
)

// recorder is an in-process trigger function that decodes every event it
// receives with aws-lambda-go's type E, as a Go Lambda does, keeps it, and
// answers with the event as respond leaves it (or fails with its error).
type recorder[E any] struct {
	mu      sync.Mutex
	events  []E
	raw     []map[string]any
	respond func(*E) error
}

func (r *recorder[E]) fn() LambdaFunc {
	return func(_ context.Context, body []byte) ([]byte, error) {
		var ev E
		if err := json.Unmarshal(body, &ev); err != nil {
			return nil, err
		}
		var raw map[string]any
		if err := json.Unmarshal(body, &raw); err != nil {
			return nil, err
		}
		r.mu.Lock()
		r.events = append(r.events, ev)
		r.raw = append(r.raw, raw)
		respond := r.respond
		r.mu.Unlock()
		if respond != nil {
			if err := respond(&ev); err != nil {
				return nil, err
			}
		}
		return json.Marshal(ev)
	}
}

func (r *recorder[E]) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.events)
}

// last returns the last event and its raw JSON form.
func (r *recorder[E]) last(t *testing.T) (E, map[string]any) {
	t.Helper()
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.events) == 0 {
		t.Fatal("the trigger was not called")
	}
	return r.events[len(r.events)-1], r.raw[len(r.raw)-1]
}

func (r *recorder[E]) setRespond(fn func(*E) error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.respond = fn
}

func arnOf(trigger string) string { return "arn:aws:lambda:us-east-1:123456789012:function:" + trigger }

// triggerEnv is an env whose pool names a function for each of triggers,
// served in-process by fns.
func triggerEnv(t *testing.T, o envOpts, fns map[string]LambdaFunc) *env {
	t.Helper()
	lc := &transport.LambdaConfig{}
	for name := range fns {
		arn := arnOf(name)
		switch name {
		case TriggerPreSignUp:
			lc.PreSignUp = arn
		case TriggerPostConfirmation:
			lc.PostConfirmation = arn
		case TriggerPreAuthentication:
			lc.PreAuthentication = arn
		case TriggerPostAuthentication:
			lc.PostAuthentication = arn
		case TriggerUserMigration:
			lc.UserMigration = arn
		case TriggerCustomMessage:
			lc.CustomMessage = arn
		default:
			t.Fatalf("no call site here for %s", name)
		}
	}
	o.pool.LambdaConfig = lc
	e := newEnv(t, o)
	for name, fn := range fns {
		e.f.SetLambda(arnOf(name), fn)
	}
	return e
}

// checkHeader asserts the envelope every event carries.
func (e *env) checkHeader(t *testing.T, h events.CognitoEventUserPoolsHeader, source, userName, clientID string) {
	t.Helper()
	if h.Version != "1" || h.Region != "us-east-1" || h.UserPoolID != e.pool.ID || h.TriggerSource != source ||
		h.UserName != userName || h.CallerContext.ClientID != clientID || h.CallerContext.AWSSDKVersion == "" {
		t.Fatalf("header = %+v, want source %s, user %s, client %s, pool %s", h, source, userName, clientID, e.pool.ID)
	}
}

// user returns a user's status and attributes, or the error of AdminGetUser.
func (e *env) user(name string) (string, map[string]string, error) {
	out, err := e.cog.AdminGetUser(e.ctx, &transport.UserRef{UserPoolID: e.pool.ID, Username: name})
	if err != nil {
		return "", nil, err
	}
	return out.UserStatus, transport.Attributes(out.UserAttributes), nil
}

// metaLogin runs USER_PASSWORD_AUTH with ClientMetadata.
func (e *env) metaLogin(name, password string, metadata map[string]string) (*transport.ChallengeOutput, error) {
	return e.cog.InitiateAuth(e.ctx, &transport.InitiateAuthInput{
		ClientID: e.client.ClientID, AuthFlow: transport.FlowUserPassword, ClientMetadata: metadata,
		AuthParameters: e.withHash(map[string]string{transport.ParamUsername: name, transport.ParamPassword: password}, name),
	})
}

func TestPreSignUpTrigger(t *testing.T) {
	for _, tc := range []struct {
		name        string
		respond     func(*events.CognitoEventUserPoolsPreSignup) error
		wantStatus  string
		wantEmailOK string
		wantCode    bool // a confirmation code went out
	}{
		{name: "no decision", wantStatus: transport.StatusUnconfirmed, wantEmailOK: "", wantCode: true},
		{
			name: "auto confirm and verify",
			respond: func(ev *events.CognitoEventUserPoolsPreSignup) error {
				ev.Response.AutoConfirmUser, ev.Response.AutoVerifyEmail = true, true
				return nil
			},
			wantStatus: transport.StatusConfirmed, wantEmailOK: "true",
		},
		{
			name: "verify without confirming",
			respond: func(ev *events.CognitoEventUserPoolsPreSignup) error {
				ev.Response.AutoVerifyEmail = true
				return nil
			},
			wantStatus: transport.StatusUnconfirmed, wantEmailOK: "true", wantCode: true,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec := &recorder[events.CognitoEventUserPoolsPreSignup]{respond: tc.respond}
			e := triggerEnv(t, envOpts{pool: transport.CreateUserPoolInput{PoolSettings: transport.PoolSettings{
				AutoVerifiedAttributes: []string{"email"},
			}}}, map[string]LambdaFunc{TriggerPreSignUp: rec.fn()})
			out, err := e.cog.SignUp(e.ctx, &transport.SignUpInput{
				ClientID: e.client.ClientID, Username: "alice", Password: testPassword,
				UserAttributes: []transport.AttributeType{transport.Attr("email", "alice@example.com")},
				ValidationData: []transport.AttributeType{transport.Attr("captcha", "ok")},
				ClientMetadata: map[string]string{"origin": "web"},
			})
			if err != nil {
				t.Fatal(err)
			}
			ev, raw := rec.last(t)
			e.checkHeader(t, ev.CognitoEventUserPoolsHeader, "PreSignUp_SignUp", "alice", e.client.ClientID)
			if ev.Request.UserAttributes["email"] != "alice@example.com" || ev.Request.ValidationData["captcha"] != "ok" ||
				ev.Request.ClientMetadata["origin"] != "web" {
				t.Fatalf("request = %+v", ev.Request)
			}
			if _, ok := raw["response"].(map[string]any)["autoConfirmUser"]; !ok {
				t.Fatalf("response sent = %v, want every field", raw["response"])
			}
			status, attrs, err := e.user("alice")
			if err != nil {
				t.Fatal(err)
			}
			if status != tc.wantStatus || attrs["email_verified"] != tc.wantEmailOK && !(tc.wantEmailOK == "" && attrs["email_verified"] == "false") {
				t.Fatalf("user = %s %v, want %s email_verified=%q", status, attrs, tc.wantStatus, tc.wantEmailOK)
			}
			if out.UserConfirmed != (tc.wantStatus == transport.StatusConfirmed) || (out.CodeDeliveryDetails != nil) != tc.wantCode {
				t.Fatalf("SignUp = %+v", out)
			}
			if code := e.f.Outbox().LastCode("alice"); (code != "") != tc.wantCode {
				t.Fatalf("outbox code %q, want one: %v", code, tc.wantCode)
			}
			if tc.wantStatus == transport.StatusConfirmed {
				e.tokens(e.srpLogin("alice", testPassword, nil))
			}
		})
	}
}

func TestPreSignUpTriggerRefuses(t *testing.T) {
	rec := &recorder[events.CognitoEventUserPoolsPreSignup]{respond: func(*events.CognitoEventUserPoolsPreSignup) error {
		return &FunctionError{Type: "Error", Message: "Domain not allowed."}
	}}
	e := triggerEnv(t, envOpts{}, map[string]LambdaFunc{TriggerPreSignUp: rec.fn()})
	_, err := e.cog.SignUp(e.ctx, &transport.SignUpInput{ClientID: e.client.ClientID, Username: "mallory", Password: testPassword})
	// Cognito adds its own period after the function's message.
	wantErr(t, err, "UserLambdaValidationException", "PreSignUp failed with error Domain not allowed..")
	var fe *FunctionError
	if !errors.As(err, &fe) {
		t.Fatalf("err = %v, want the function's error inside", err)
	}
	_, _, err = e.user("mallory")
	wantErr(t, err, "UserNotFoundException", "")

	_, err = e.cog.AdminCreateUser(e.ctx, &transport.AdminCreateUserInput{UserPoolID: e.pool.ID, Username: "mallory"})
	wantErr(t, err, "UserLambdaValidationException", "PreSignUp failed with error Domain not allowed..")
}

func TestPreSignUpTriggerAdminCreateUser(t *testing.T) {
	rec := &recorder[events.CognitoEventUserPoolsPreSignup]{respond: func(ev *events.CognitoEventUserPoolsPreSignup) error {
		ev.Response.AutoConfirmUser, ev.Response.AutoVerifyEmail = true, true
		return nil
	}}
	e := triggerEnv(t, envOpts{}, map[string]LambdaFunc{TriggerPreSignUp: rec.fn()})
	_, err := e.cog.AdminCreateUser(e.ctx, &transport.AdminCreateUserInput{
		UserPoolID: e.pool.ID, Username: "bob", MessageAction: "SUPPRESS",
		UserAttributes: []transport.AttributeType{transport.Attr("email", "bob@example.com")},
		ValidationData: []transport.AttributeType{transport.Attr("invited-by", "admin")},
	})
	if err != nil {
		t.Fatal(err)
	}
	ev, _ := rec.last(t)
	e.checkHeader(t, ev.CognitoEventUserPoolsHeader, "PreSignUp_AdminCreateUser", "bob", "CLIENT_ID_NOT_APPLICABLE")
	if ev.Request.ValidationData["invited-by"] != "admin" || ev.Request.UserAttributes["email"] != "bob@example.com" {
		t.Fatalf("request = %+v", ev.Request)
	}
	status, attrs, err := e.user("bob")
	if err != nil {
		t.Fatal(err)
	}
	// Cognito ignores the response of PreSignUp_AdminCreateUser.
	if status != transport.StatusForceChangePassword || attrs["email_verified"] == "true" {
		t.Fatalf("user = %s %v", status, attrs)
	}
}

// TestPreSignUpAutoConfirmRunsPostConfirmation: a user confirmed at
// sign-up reaches PostConfirmation then, with the sign-up's metadata, and a
// refusal there stops the sign-up.
func TestPreSignUpAutoConfirmRunsPostConfirmation(t *testing.T) {
	pre := &recorder[events.CognitoEventUserPoolsPreSignup]{respond: func(ev *events.CognitoEventUserPoolsPreSignup) error {
		ev.Response.AutoConfirmUser, ev.Response.AutoVerifyEmail = true, true
		return nil
	}}
	post := &recorder[events.CognitoEventUserPoolsPostConfirmation]{}
	e := triggerEnv(t, envOpts{pool: transport.CreateUserPoolInput{AliasAttributes: []string{"email"}}},
		map[string]LambdaFunc{TriggerPreSignUp: pre.fn(), TriggerPostConfirmation: post.fn()})
	e.f.MustCreateUser(e.pool.ID, "old", testPassword, transport.Attr("email", "shared@example.com"))
	signUp := func(name string) error {
		_, err := e.cog.SignUp(e.ctx, &transport.SignUpInput{ClientID: e.client.ClientID, Username: name, Password: testPassword,
			UserAttributes: []transport.AttributeType{transport.Attr("email", "shared@example.com")}, ClientMetadata: meta})
		return err
	}
	if err := signUp("alice"); err != nil {
		t.Fatal(err)
	}
	ev, _ := post.last(t)
	e.checkHeader(t, ev.CognitoEventUserPoolsHeader, "PostConfirmation_ConfirmSignUp", "alice", e.client.ClientID)
	_, attrs, _ := e.user("alice")
	if ev.Request.ClientMetadata["device"] != "kiosk" || ev.Request.UserAttributes["email_verified"] != "true" ||
		ev.Request.UserAttributes["cognito:email_alias"] != "shared@example.com" ||
		ev.Request.UserAttributes["sub"] != attrs["sub"] || ev.Request.UserAttributes["cognito:user_status"] != transport.StatusConfirmed {
		t.Fatalf("request = %+v", ev.Request)
	}
	// The auto-verified address took its alias from the user who had it.
	if _, oldAttrs, _ := e.user("old"); oldAttrs["email_verified"] != "false" {
		t.Fatalf("old user = %v, want its e-mail unverified", oldAttrs)
	}
	e.tokens(e.srpLogin("shared@example.com", testPassword, nil))

	post.setRespond(func(*events.CognitoEventUserPoolsPostConfirmation) error { return errors.New("no room") })
	wantErr(t, signUp("bob"), "UserLambdaValidationException", "PostConfirmation failed with error no room.")
	if _, _, err := e.user("bob"); err == nil {
		t.Fatal("a sign-up PostConfirmation refused was kept")
	}
}

func TestPostConfirmationTrigger(t *testing.T) {
	for _, tc := range []struct {
		name   string
		source string
		setup  func(e *env) // leaves a code for alice in the outbox
		apply  func(e *env, code string) error
		status string // alice's status after success
		admin  bool   // no code, and no app client
	}{
		{
			name: "confirm sign-up", source: "PostConfirmation_ConfirmSignUp",
			setup: func(e *env) {
				if _, err := e.cog.SignUp(e.ctx, &transport.SignUpInput{ClientID: e.client.ClientID, Username: "alice", Password: testPassword,
					UserAttributes: []transport.AttributeType{transport.Attr("email", "alice@example.com")}}); err != nil {
					e.t.Fatal(err)
				}
			},
			apply: func(e *env, code string) error {
				_, err := e.cog.ConfirmSignUp(e.ctx, &transport.ConfirmSignUpInput{ClientID: e.client.ClientID, Username: "alice",
					ConfirmationCode: code, ClientMetadata: map[string]string{"step": "confirm"}})
				return err
			},
			status: transport.StatusConfirmed,
		},
		{
			name: "administrator confirms", source: "PostConfirmation_ConfirmSignUp", admin: true,
			setup: func(e *env) {
				if _, err := e.cog.SignUp(e.ctx, &transport.SignUpInput{ClientID: e.client.ClientID, Username: "alice", Password: testPassword,
					UserAttributes: []transport.AttributeType{transport.Attr("email", "alice@example.com")}}); err != nil {
					e.t.Fatal(err)
				}
			},
			apply: func(e *env, code string) error {
				if code == "000000x" {
					// Stands for a refused call: a user that is not there.
					_, err := e.cog.AdminConfirmSignUp(e.ctx, &transport.AdminUserMetadataInput{UserPoolID: e.pool.ID, Username: "nobody"})
					return err
				}
				_, err := e.cog.AdminConfirmSignUp(e.ctx, &transport.AdminUserMetadataInput{UserPoolID: e.pool.ID, Username: "alice",
					ClientMetadata: map[string]string{"step": "confirm"}})
				return err
			},
			status: transport.StatusConfirmed,
		},
		{
			name: "confirm forgot password", source: "PostConfirmation_ConfirmForgotPassword",
			setup: func(e *env) {
				e.f.MustCreateUser(e.pool.ID, "alice", testPassword, transport.Attr("email", "alice@example.com"))
				if _, err := e.cog.ForgotPassword(e.ctx, &transport.ForgotPasswordInput{ClientID: e.client.ClientID, Username: "alice"}); err != nil {
					e.t.Fatal(err)
				}
			},
			apply: func(e *env, code string) error {
				_, err := e.cog.ConfirmForgotPassword(e.ctx, &transport.ConfirmForgotPasswordInput{ClientID: e.client.ClientID, Username: "alice",
					ConfirmationCode: code, Password: newPassword, ClientMetadata: map[string]string{"step": "confirm"}})
				return err
			},
			status: transport.StatusConfirmed,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec := &recorder[events.CognitoEventUserPoolsPostConfirmation]{respond: func(*events.CognitoEventUserPoolsPostConfirmation) error {
				return errors.New("database down")
			}}
			e := triggerEnv(t, envOpts{pool: transport.CreateUserPoolInput{PoolSettings: transport.PoolSettings{
				AutoVerifiedAttributes: []string{"email"},
			}}}, map[string]LambdaFunc{TriggerPostConfirmation: rec.fn()})
			tc.setup(e)
			code := e.f.Outbox().LastCode("alice")
			before, _, _ := e.user("alice")

			// A wrong code never reaches the trigger.
			if err := tc.apply(e, "000000x"); err == nil {
				t.Fatal("a wrong code was accepted")
			}
			if rec.count() != 0 {
				t.Fatal("the trigger ran for a wrong code")
			}
			// A failing trigger fails the call and changes nothing: the
			// same code still works once the function does.
			wantErr(t, tc.apply(e, code), "UserLambdaValidationException", "PostConfirmation failed with error database down.")
			if status, _, _ := e.user("alice"); status != before {
				t.Fatalf("status = %s after a failed trigger, want %s", status, before)
			}
			rec.setRespond(nil)
			if err := tc.apply(e, code); err != nil {
				t.Fatal(err)
			}
			ev, raw := rec.last(t)
			_, attrs, _ := e.user("alice")
			clientID := e.client.ClientID
			if tc.admin {
				clientID = "CLIENT_ID_NOT_APPLICABLE"
			}
			e.checkHeader(t, ev.CognitoEventUserPoolsHeader, tc.source, "alice", clientID)
			// An administrator's confirmation verifies nothing.
			wantVerified := map[bool]string{false: "true", true: ""}[tc.admin]
			if ev.Request.UserAttributes["cognito:user_status"] != transport.StatusConfirmed || ev.Request.UserAttributes["email_verified"] != wantVerified ||
				ev.Request.UserAttributes["sub"] != attrs["sub"] || ev.Request.ClientMetadata["step"] != "confirm" {
				t.Fatalf("request = %+v", ev.Request)
			}
			if r, ok := raw["response"].(map[string]any); !ok || len(r) != 0 {
				t.Fatalf("response sent = %v, want {}", raw["response"])
			}
			if status, _, _ := e.user("alice"); status != tc.status {
				t.Fatalf("status = %s, want %s", status, tc.status)
			}
		})
	}
}

func TestPreAuthenticationTrigger(t *testing.T) {
	for _, tc := range []struct {
		name     string
		client   transport.ClientSettings
		login    func(e *env) (*transport.ChallengeOutput, error)
		user     string // the event's userName
		notFound bool
		wantCode string // of the login, with the trigger succeeding
	}{
		{
			name:  "password",
			login: func(e *env) (*transport.ChallengeOutput, error) { return e.metaLogin("alice", testPassword, meta) },
			user:  "alice",
		},
		{
			name:     "wrong password",
			login:    func(e *env) (*transport.ChallengeOutput, error) { return e.metaLogin("alice", wrongPassword, meta) },
			user:     "alice",
			wantCode: "NotAuthorizedException",
		},
		{
			name: "srp",
			login: func(e *env) (*transport.ChallengeOutput, error) {
				_, ch, err := e.srpStart("alice", nil)
				return ch, err
			},
			user: "alice",
		},
		{
			name:     "unknown user, existence errors prevented",
			client:   preventOn,
			login:    func(e *env) (*transport.ChallengeOutput, error) { return e.metaLogin("nobody", testPassword, meta) },
			user:     "nobody",
			notFound: true,
			wantCode: "NotAuthorizedException",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec := &recorder[events.CognitoEventUserPoolsPreAuthentication]{}
			e := triggerEnv(t, envOpts{client: tc.client}, map[string]LambdaFunc{TriggerPreAuthentication: rec.fn()})
			e.f.MustCreateUser(e.pool.ID, "alice", testPassword, transport.Attr("email", "alice@example.com"))
			_, err := tc.login(e)
			if tc.wantCode == "" && err != nil {
				t.Fatal(err)
			}
			if tc.wantCode != "" {
				wantErr(t, err, tc.wantCode, "")
			}
			ev, _ := rec.last(t)
			e.checkHeader(t, ev.CognitoEventUserPoolsHeader, "PreAuthentication_Authentication", tc.user, e.client.ClientID)
			if ev.Request.UserNotFound != tc.notFound || !tc.notFound && (ev.Request.UserAttributes["email"] != "alice@example.com" ||
				ev.Request.UserAttributes["cognito:user_status"] != transport.StatusConfirmed) {
				t.Fatalf("request = %+v", ev.Request)
			}
			if tc.name != "srp" && ev.Request.ValidationData["device"] != "kiosk" {
				t.Fatalf("validationData = %v, want InitiateAuth's ClientMetadata", ev.Request.ValidationData)
			}

			// A refusal wins over whatever the password would have given.
			rec.setRespond(func(*events.CognitoEventUserPoolsPreAuthentication) error { return errors.New("SPIKE_LOCKED") })
			_, err = tc.login(e)
			wantErr(t, err, "UserLambdaValidationException", "PreAuthentication failed with error SPIKE_LOCKED.")
		})
	}
}

// meta is the ClientMetadata of the logins above.
var meta = map[string]string{"device": "kiosk"}

func TestPostAuthenticationTrigger(t *testing.T) {
	rec := &recorder[events.CognitoEventUserPoolsPostAuthentication]{}
	e := triggerEnv(t, envOpts{pool: transport.CreateUserPoolInput{PoolSettings: transport.PoolSettings{
		DeviceConfiguration: &transport.DeviceConfiguration{},
	}}}, map[string]LambdaFunc{TriggerPostAuthentication: rec.fn()})
	e.f.MustCreateUser(e.pool.ID, "alice", testPassword, transport.Attr("email", "alice@example.com"))

	res := e.tokens(e.metaLogin("alice", testPassword, meta))
	ev, _ := rec.last(t)
	e.checkHeader(t, ev.CognitoEventUserPoolsHeader, "PostAuthentication_Authentication", "alice", e.client.ClientID)
	// InitiateAuth's ClientMetadata does not reach PostAuthentication.
	if !ev.Request.NewDeviceUsed || res.NewDeviceMetadata == nil || ev.Request.UserAttributes["email"] != "alice@example.com" ||
		ev.Request.UserAttributes["cognito:user_status"] != transport.StatusConfirmed || len(ev.Request.ClientMetadata) != 0 {
		t.Fatalf("request = %+v, new device %+v", ev.Request, res.NewDeviceMetadata)
	}

	// The ClientMetadata of the answer that finishes the login does.
	c, ch, err := e.srpStart("alice", map[string]string{transport.ParamDeviceKey: res.NewDeviceMetadata.DeviceKey})
	if err != nil {
		t.Fatal(err)
	}
	e.tokens(e.cog.RespondToAuthChallenge(e.ctx, &transport.RespondToAuthChallengeInput{
		ClientID: e.client.ClientID, ChallengeName: transport.ChallengePasswordVerifier, Session: ch.Session,
		ChallengeResponses: e.pvAnswer(c, ch, testPassword, map[string]string{transport.ParamDeviceKey: res.NewDeviceMetadata.DeviceKey}),
		ClientMetadata:     map[string]string{"step": "verifier"},
	}))
	ev, _ = rec.last(t)
	if ev.Request.ClientMetadata["step"] != "verifier" {
		t.Fatalf("request = %+v, want the answer's metadata", ev.Request)
	}

	// A wrong password never reaches PostAuthentication.
	n := rec.count()
	_, err = e.metaLogin("alice", wrongPassword, nil)
	wantErr(t, err, "NotAuthorizedException", "")
	if rec.count() != n {
		t.Fatal("PostAuthentication ran for a failed login")
	}

	rec.setRespond(func(*events.CognitoEventUserPoolsPostAuthentication) error {
		return errors.New("audit log unavailable")
	})
	out, err := e.srpLogin("alice", testPassword, nil)
	wantErr(t, err, "UserLambdaValidationException", "PostAuthentication failed with error audit log unavailable.")
	if out != nil {
		t.Fatalf("tokens returned with the error: %+v", out)
	}
	// The refresh token minted for the failed login is not usable either.
	e.f.mu.RLock()
	revoked := 0
	for _, fam := range e.f.st.Families {
		if fam.Revoked {
			revoked++
		}
	}
	e.f.mu.RUnlock()
	if revoked != 1 {
		t.Fatalf("%d revoked families, want the failed login's", revoked)
	}
}

func TestUserMigrationTrigger(t *testing.T) {
	const legacyPassword = "legacy" // too weak for the pool's policy, as a migrated one may be
	for _, tc := range []struct {
		name       string
		respond    func(*events.CognitoEventUserPoolsMigrateUser) error
		wantCode   string
		wantMsg    string
		wantStatus string // "" when no user is created
		welcome    bool
	}{
		{
			name: "confirmed, welcome suppressed",
			respond: func(ev *events.CognitoEventUserPoolsMigrateUser) error {
				ev.CognitoEventUserPoolsMigrateUserResponse = events.CognitoEventUserPoolsMigrateUserResponse{
					UserAttributes:  map[string]string{"email": "old@example.com", "email_verified": "true"},
					FinalUserStatus: "CONFIRMED", MessageAction: "SUPPRESS",
				}
				return nil
			},
			wantStatus: transport.StatusConfirmed,
		},
		{
			name: "status left out means confirmed, welcome sent",
			respond: func(ev *events.CognitoEventUserPoolsMigrateUser) error {
				ev.CognitoEventUserPoolsMigrateUserResponse.UserAttributes = map[string]string{"email": "old@example.com", "email_verified": "true"}
				ev.CognitoEventUserPoolsMigrateUserResponse.DesiredDeliveryMediums = []string{"EMAIL"}
				return nil
			},
			wantStatus: transport.StatusConfirmed, welcome: true,
		},
		{
			name: "reset required",
			respond: func(ev *events.CognitoEventUserPoolsMigrateUser) error {
				ev.CognitoEventUserPoolsMigrateUserResponse = events.CognitoEventUserPoolsMigrateUserResponse{
					UserAttributes:  map[string]string{"email": "old@example.com", "email_verified": "true"},
					FinalUserStatus: "RESET_REQUIRED", MessageAction: "SUPPRESS",
				}
				return nil
			},
			wantCode: "PasswordResetRequiredException", wantMsg: msgResetRequired, wantStatus: transport.StatusResetRequired,
		},
		{
			name:     "bad password",
			respond:  func(*events.CognitoEventUserPoolsMigrateUser) error { return errors.New("Bad password") },
			wantCode: "UserLambdaValidationException", wantMsg: "UserMigration failed with error Bad password.",
		},
		{
			name: "no attributes",
			respond: func(ev *events.CognitoEventUserPoolsMigrateUser) error {
				ev.CognitoEventUserPoolsMigrateUserResponse.FinalUserStatus = "CONFIRMED"
				return nil
			},
			wantCode: "UserNotFoundException", wantMsg: "Exception migrating user in app client ",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec := &recorder[events.CognitoEventUserPoolsMigrateUser]{respond: tc.respond}
			e := triggerEnv(t, envOpts{}, map[string]LambdaFunc{TriggerUserMigration: rec.fn()})
			res, err := e.metaLogin("olduser", legacyPassword, meta)
			ev, raw := rec.last(t)
			sent := raw["response"].(map[string]any)
			for _, k := range []string{"userAttributes", "finalUserStatus", "messageAction", "desiredDeliveryMediums", "forceAliasCreation", "enableSMSMFA"} {
				if v, ok := sent[k]; !ok || v != nil {
					t.Fatalf("response sent = %v, want %s null", sent, k)
				}
			}
			e.checkHeader(t, ev.CognitoEventUserPoolsHeader, "UserMigration_Authentication", "olduser", e.client.ClientID)
			if ev.Password != legacyPassword || ev.ValidationData["device"] != "kiosk" {
				t.Fatalf("request = %+v", ev.CognitoEventUserPoolsMigrateUserRequest)
			}
			if tc.wantCode != "" {
				msg := tc.wantMsg
				if strings.HasSuffix(msg, "client ") {
					msg += e.client.ClientID
				}
				wantErr(t, err, tc.wantCode, msg)
			} else {
				mustTokens(t, res, err)
				// Migrated with the password it signed in with: SRP works
				// from now on, without the trigger.
				n := rec.count()
				e.tokens(e.srpLogin("olduser", legacyPassword, nil))
				if rec.count() != n {
					t.Fatal("the trigger ran for a user that exists")
				}
			}
			status, attrs, err := e.user("olduser")
			if tc.wantStatus == "" {
				wantErr(t, err, "UserNotFoundException", "")
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if status != tc.wantStatus || attrs["email"] != "old@example.com" || attrs["email_verified"] != "true" {
				t.Fatalf("user = %s %v", status, attrs)
			}
			m, ok := e.f.Outbox().Last("olduser")
			if ok != tc.welcome || ok && (m.Purpose != PurposeWelcome || m.Medium != "EMAIL" || m.Code != "") {
				t.Fatalf("outbox = %+v %v, want a welcome: %v", m, ok, tc.welcome)
			}
		})
	}
}

func TestUserMigrationNeverWithSRP(t *testing.T) {
	rec := &recorder[events.CognitoEventUserPoolsMigrateUser]{}
	e := triggerEnv(t, envOpts{}, map[string]LambdaFunc{TriggerUserMigration: rec.fn()})
	_, _, err := e.srpStart("olduser", nil)
	wantErr(t, err, "UserNotFoundException", "")
	if rec.count() != 0 {
		t.Fatal("USER_SRP_AUTH ran the migration trigger without a password to give it")
	}
}

func TestUserMigrationForgotPassword(t *testing.T) {
	rec := &recorder[events.CognitoEventUserPoolsMigrateUser]{respond: func(ev *events.CognitoEventUserPoolsMigrateUser) error {
		ev.CognitoEventUserPoolsMigrateUserResponse = events.CognitoEventUserPoolsMigrateUserResponse{
			UserAttributes: map[string]string{"email": "old@example.com", "email_verified": "true"}, MessageAction: "SUPPRESS",
		}
		return nil
	}}
	e := triggerEnv(t, envOpts{}, map[string]LambdaFunc{TriggerUserMigration: rec.fn()})
	out, err := e.cog.ForgotPassword(e.ctx, &transport.ForgotPasswordInput{ClientID: e.client.ClientID, Username: "olduser",
		ClientMetadata: map[string]string{"app": "mobile"}})
	if err != nil {
		t.Fatal(err)
	}
	ev, raw := rec.last(t)
	e.checkHeader(t, ev.CognitoEventUserPoolsHeader, "UserMigration_ForgotPassword", "olduser", e.client.ClientID)
	if _, sent := raw["request"].(map[string]any)["password"]; sent || ev.ClientMetadata["app"] != "mobile" {
		t.Fatalf("request = %v, want no password and the metadata", raw["request"])
	}
	if out.CodeDeliveryDetails == nil || out.CodeDeliveryDetails.DeliveryMedium != "EMAIL" {
		t.Fatalf("ForgotPassword = %+v", out)
	}
	if status, _, _ := e.user("olduser"); status != transport.StatusResetRequired {
		t.Fatalf("status = %s", status)
	}
	code := e.f.Outbox().LastCode("olduser")
	if _, err := e.cog.ConfirmForgotPassword(e.ctx, &transport.ConfirmForgotPasswordInput{ClientID: e.client.ClientID,
		Username: "olduser", ConfirmationCode: code, Password: newPassword}); err != nil {
		t.Fatal(err)
	}
	e.tokens(e.srpLogin("olduser", newPassword, nil))
	if rec.count() != 1 {
		t.Fatalf("the trigger ran %d times, want once", rec.count())
	}
}

func TestCustomMessageTrigger(t *testing.T) {
	const email, phone = "alice@example.com", "+15555550123"
	for _, tc := range []struct {
		name     string
		source   string
		user     func(e *env) string // the event's userName
		send     func(e *env) error
		medium   string
		invite   bool
		wantMFA  bool
		userAuth bool // the pool and client allow choice-based sign-in
		sent     int  // messages sent, when more than the one checked
		// noMeta: sent during InitiateAuth, whose ClientMetadata does not
		// reach CustomMessage.
		noMeta bool
	}{
		{
			name: "sign-up", source: "CustomMessage_SignUp", medium: "EMAIL",
			send: func(e *env) error {
				_, err := e.cog.SignUp(e.ctx, &transport.SignUpInput{ClientID: e.client.ClientID, Username: "alice", Password: testPassword,
					UserAttributes: []transport.AttributeType{transport.Attr("email", email)}, ClientMetadata: meta})
				return err
			},
		},
		{
			name: "code sent again", source: "CustomMessage_ResendCode", medium: "EMAIL", sent: 2,
			send: func(e *env) error {
				if _, err := e.cog.SignUp(e.ctx, &transport.SignUpInput{ClientID: e.client.ClientID, Username: "alice", Password: testPassword,
					UserAttributes: []transport.AttributeType{transport.Attr("email", email)}}); err != nil {
					return err
				}
				_, err := e.cog.ResendConfirmationCode(e.ctx, &transport.ResendConfirmationCodeInput{ClientID: e.client.ClientID, Username: "alice", ClientMetadata: meta})
				return err
			},
		},
		{
			name: "forgot password", source: "CustomMessage_ForgotPassword", medium: "EMAIL",
			send: func(e *env) error {
				e.f.MustCreateUser(e.pool.ID, "alice", testPassword, transport.Attr("email", email))
				_, err := e.cog.ForgotPassword(e.ctx, &transport.ForgotPasswordInput{ClientID: e.client.ClientID, Username: "alice", ClientMetadata: meta})
				return err
			},
		},
		{
			name: "attribute updated", source: "CustomMessage_UpdateUserAttribute", medium: "EMAIL",
			send: func(e *env) error {
				e.f.MustCreateUser(e.pool.ID, "alice", testPassword, transport.Attr("email", "first@example.com"))
				res := e.tokens(e.srpLogin("alice", testPassword, nil))
				_, err := e.cog.UpdateUserAttributes(e.ctx, &transport.UpdateUserAttributesInput{AccessToken: res.AccessToken,
					UserAttributes: []transport.AttributeType{transport.Attr("email", email)}, ClientMetadata: meta})
				return err
			},
		},
		{
			name: "attribute verification asked for", source: "CustomMessage_VerifyUserAttribute", medium: "SMS",
			send: func(e *env) error {
				e.f.MustCreateUser(e.pool.ID, "alice", testPassword, transport.Attr("phone_number", phone), transport.Attr("phone_number_verified", "false"))
				res := e.tokens(e.srpLogin("alice", testPassword, nil))
				_, err := e.cog.GetUserAttributeVerificationCode(e.ctx, &transport.GetUserAttributeVerificationCodeInput{
					AccessToken: res.AccessToken, AttributeName: "phone_number", ClientMetadata: meta})
				return err
			},
		},
		{
			name: "invitation", source: "CustomMessage_AdminCreateUser", medium: "EMAIL", invite: true,
			send: func(e *env) error {
				_, err := e.cog.AdminCreateUser(e.ctx, &transport.AdminCreateUserInput{UserPoolID: e.pool.ID, Username: "alice",
					UserAttributes: []transport.AttributeType{transport.Attr("email", email)}, DesiredDeliveryMediums: []string{"EMAIL"}, ClientMetadata: meta})
				return err
			},
		},
		{
			name: "sign-in code asked for", source: "CustomMessage_Authentication", medium: "EMAIL", userAuth: true, noMeta: true,
			send: func(e *env) error {
				e.f.MustCreateUser(e.pool.ID, "alice", testPassword, transport.Attr("email", email))
				_, err := e.cog.InitiateAuth(e.ctx, &transport.InitiateAuthInput{AuthFlow: transport.FlowUserAuth, ClientID: e.client.ClientID,
					ClientMetadata: meta, AuthParameters: map[string]string{transport.ParamUsername: "alice",
						transport.ParamPreferredChallenge: transport.ChallengeEmailOTP}})
				return err
			},
		},
		{
			name: "sign-in code chosen", source: "CustomMessage_Authentication", medium: "EMAIL", userAuth: true,
			send: func(e *env) error {
				e.f.MustCreateUser(e.pool.ID, "alice", testPassword, transport.Attr("email", email))
				ch, err := e.cog.InitiateAuth(e.ctx, &transport.InitiateAuthInput{AuthFlow: transport.FlowUserAuth, ClientID: e.client.ClientID,
					ClientMetadata: meta, AuthParameters: map[string]string{transport.ParamUsername: "alice"}})
				if err != nil {
					return err
				}
				// The answer's ClientMetadata reaches CustomMessage.
				_, err = e.cog.RespondToAuthChallenge(e.ctx, &transport.RespondToAuthChallengeInput{
					ClientID: e.client.ClientID, ChallengeName: transport.ChallengeSelectChallenge, Session: ch.Session, ClientMetadata: meta,
					ChallengeResponses: map[string]string{transport.ParamUsername: "alice", transport.ParamAnswer: transport.ChallengeEmailOTP},
				})
				return err
			},
		},
		{
			name: "mfa code", source: "CustomMessage_Authentication", medium: "SMS", wantMFA: true, noMeta: true,
			send: func(e *env) error {
				e.f.MustCreateUser(e.pool.ID, "alice", testPassword, transport.Attr("phone_number", phone))
				_, err := e.metaLogin("alice", testPassword, meta)
				return err
			},
		},
	} {
		for _, variant := range []string{"custom text", "no placeholder", "thrown error"} {
			t.Run(tc.name+"/"+variant, func(t *testing.T) {
				rec := &recorder[events.CognitoEventUserPoolsCustomMessage]{respond: func(ev *events.CognitoEventUserPoolsCustomMessage) error {
					switch variant {
					case "thrown error":
						return errors.New("template missing")
					case "no placeholder":
						ev.Response.SMSMessage, ev.Response.EmailMessage = "Welcome!", "Welcome!"
						ev.Response.EmailSubject = "Hello"
						return nil
					}
					body := "Hi, your code is " + ev.Request.CodeParameter
					if ev.Request.UsernameParameter != "" {
						body += " and your name " + ev.Request.UsernameParameter
					}
					ev.Response.SMSMessage, ev.Response.EmailMessage, ev.Response.EmailSubject = body, "<p>"+body+"</p>", "Your code"
					return nil
				}}
				settings := transport.PoolSettings{AutoVerifiedAttributes: []string{"email"}}
				if tc.wantMFA {
					settings.SmsConfiguration = &transport.SmsConfiguration{SnsCallerArn: "arn:aws:iam::123456789012:role/sns"}
				}
				var client transport.ClientSettings
				if tc.userAuth {
					settings.Policies, settings.EmailConfiguration = allFactors, sesEmail()
					settings.SmsConfiguration = &transport.SmsConfiguration{SnsCallerArn: "arn:aws:iam::123456789012:role/sns"}
					client.ExplicitAuthFlows = userAuthFlows
				}
				e := triggerEnv(t, envOpts{pool: transport.CreateUserPoolInput{PoolSettings: settings}, client: client},
					map[string]LambdaFunc{TriggerCustomMessage: rec.fn()})
				if tc.wantMFA {
					if _, err := e.cog.SetUserPoolMfaConfig(e.ctx, &transport.UserPoolMfaConfig{UserPoolID: e.pool.ID, MfaConfiguration: transport.MFAOn,
						SmsMfaConfiguration: &transport.SmsMfaConfig{SmsAuthenticationMessage: "Your code is {####}"}}); err != nil {
						t.Fatal(err)
					}
				}
				before := len(e.f.Outbox().All())
				err := tc.send(e)
				if variant == "thrown error" {
					wantErr(t, err, "UserLambdaValidationException", "CustomMessage failed with error template missing.")
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				ev, raw := rec.last(t)
				clientID := e.client.ClientID
				if tc.invite {
					clientID = "CLIENT_ID_NOT_APPLICABLE"
				}
				e.checkHeader(t, ev.CognitoEventUserPoolsHeader, tc.source, "alice", clientID)
				req := raw["request"].(map[string]any)
				if ev.Request.CodeParameter != "{####}" || ev.Request.UserAttributes["cognito:user_status"] == nil {
					t.Fatalf("request = %+v", ev.Request)
				}
				if _, present := req["clientMetadata"]; present == tc.noMeta || !tc.noMeta && ev.Request.ClientMetadata["device"] != "kiosk" {
					t.Fatalf("clientMetadata = %v (present %v), want the call's only when it is not InitiateAuth", req["clientMetadata"], present)
				}
				if u, present := req["usernameParameter"]; !present || (u == nil) == tc.invite {
					t.Fatalf("usernameParameter = %v (present %v), want a value only for an invitation", u, present)
				}
				if r := raw["response"].(map[string]any); len(r) != 3 || r["smsMessage"] != nil || r["emailMessage"] != nil || r["emailSubject"] != nil {
					t.Fatalf("response sent = %v, want three nulls", r)
				}
				all := e.f.Outbox().All()
				if len(all) != before+max(tc.sent, 1) {
					t.Fatalf("outbox grew by %d, want %d", len(all)-before, max(tc.sent, 1))
				}
				m := all[len(all)-1]
				if m.Medium != tc.medium || m.Code == "" {
					t.Fatalf("message = %+v", m)
				}
				want := "Hi, your code is " + m.Code
				if tc.invite {
					want += " and your name alice"
				}
				if tc.medium == "EMAIL" {
					want = "<p>" + want + "</p>"
				}
				switch variant {
				case "custom text":
					if m.Text != want || (tc.medium == "EMAIL") != (m.Subject == "Your code") {
						t.Fatalf("message = %q / %q, want %q", m.Text, m.Subject, want)
					}
				case "no placeholder":
					// Without the code Cognito keeps its own text; a subject
					// needs no placeholder.
					if m.Text != "" || (tc.medium == "EMAIL") != (m.Subject == "Hello") {
						t.Fatalf("message = %q / %q, want the default text", m.Text, m.Subject)
					}
				}
			})
		}
	}
}

// TestCustomMessageInviteNeedsUsername: an invitation must carry the user
// name as well as the temporary password, or Cognito sends its own.
func TestCustomMessageInviteNeedsUsername(t *testing.T) {
	rec := &recorder[events.CognitoEventUserPoolsCustomMessage]{respond: func(ev *events.CognitoEventUserPoolsCustomMessage) error {
		ev.Response.EmailMessage = "Your password is " + ev.Request.CodeParameter
		return nil
	}}
	e := triggerEnv(t, envOpts{}, map[string]LambdaFunc{TriggerCustomMessage: rec.fn()})
	if _, err := e.cog.AdminCreateUser(e.ctx, &transport.AdminCreateUserInput{UserPoolID: e.pool.ID, Username: "alice",
		UserAttributes: []transport.AttributeType{transport.Attr("email", "alice@example.com")}, DesiredDeliveryMediums: []string{"EMAIL"}}); err != nil {
		t.Fatal(err)
	}
	m, ok := e.f.Outbox().Last("alice")
	if !ok || m.Purpose != PurposeInvite || m.Text != "" {
		t.Fatalf("message = %+v %v, want the default text", m, ok)
	}
}

// TestTriggersNotConfigured: a pool without triggers sends, signs up and
// signs in as before, and no function is called.
func TestTriggersNotConfigured(t *testing.T) {
	calls := 0
	e := newEnv(t, envOpts{pool: transport.CreateUserPoolInput{PoolSettings: transport.PoolSettings{AutoVerifiedAttributes: []string{"email"}}}})
	for _, name := range []string{TriggerPreSignUp, TriggerCustomMessage, TriggerPostConfirmation} {
		e.f.SetLambda(arnOf(name), func(context.Context, []byte) ([]byte, error) { calls++; return []byte(`{}`), nil })
	}
	if _, err := e.cog.SignUp(e.ctx, &transport.SignUpInput{ClientID: e.client.ClientID, Username: "alice", Password: testPassword,
		UserAttributes: []transport.AttributeType{transport.Attr("email", "alice@example.com")}}); err != nil {
		t.Fatal(err)
	}
	m, ok := e.f.Outbox().Last("alice")
	if !ok || m.Purpose != PurposeSignUp || m.Text != "" {
		t.Fatalf("message = %+v %v", m, ok)
	}
	if _, err := e.cog.ConfirmSignUp(e.ctx, &transport.ConfirmSignUpInput{ClientID: e.client.ClientID, Username: "alice", ConfirmationCode: m.Code}); err != nil {
		t.Fatal(err)
	}
	if calls != 0 {
		t.Fatalf("%d calls of functions no LambdaConfig names", calls)
	}
}

// TestFlowTriggersThroughWebhookHooks: the flow triggers run the same way
// through `serve --trigger` webhooks, for every pool, with no LambdaConfig:
// a CustomMessage text comes back over HTTP into the outbox, and a PreSignUp
// refusal (a Lambda-style error body) becomes Cognito's error.
func TestFlowTriggersThroughWebhookHooks(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var ev events.CognitoEventUserPoolsCustomMessage
		if err := json.NewDecoder(r.Body).Decode(&ev); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		if strings.HasPrefix(ev.TriggerSource, "PreSignUp_") {
			w.WriteHeader(http.StatusBadRequest)
			_, _ = w.Write([]byte(`{"errorType":"Error","errorMessage":"Sign-up is closed"}`))
			return
		}
		ev.Response.EmailMessage = "Code: " + ev.Request.CodeParameter
		_ = json.NewEncoder(w).Encode(ev)
	}))
	defer srv.Close()
	hook, err := NewWebhook(srv.URL+"/hook", srv.Client())
	if err != nil {
		t.Fatal(err)
	}
	e := newEnv(t, envOpts{})
	if err := e.f.SetTriggerHook(TriggerCustomMessage, TriggerHook{Func: hook}); err != nil {
		t.Fatal(err)
	}
	e.f.MustCreateUser(e.pool.ID, "alice", testPassword, transport.Attr("email", "alice@example.com"))
	if _, err := e.cog.ForgotPassword(e.ctx, &transport.ForgotPasswordInput{ClientID: e.client.ClientID, Username: "alice"}); err != nil {
		t.Fatal(err)
	}
	m, ok := e.f.Outbox().Last("alice")
	if !ok || m.Purpose != PurposeForgotPassword || m.Text != "Code: "+m.Code {
		t.Fatalf("message = %+v %v", m, ok)
	}

	if err := e.f.SetTriggerHook(TriggerPreSignUp, TriggerHook{Func: hook}); err != nil {
		t.Fatal(err)
	}
	_, err = e.cog.SignUp(e.ctx, &transport.SignUpInput{ClientID: e.client.ClientID, Username: "bob", Password: testPassword})
	wantErr(t, err, "UserLambdaValidationException", "PreSignUp failed with error Sign-up is closed.")
}

// TestUserMigrationEmailUsernames: in a pool whose users sign in with their
// e-mail address, a migrated user gets a UUID as its internal name, as any
// new user there, and signs in with the address.
func TestUserMigrationEmailUsernames(t *testing.T) {
	rec := &recorder[events.CognitoEventUserPoolsMigrateUser]{respond: func(ev *events.CognitoEventUserPoolsMigrateUser) error {
		ev.CognitoEventUserPoolsMigrateUserResponse.UserAttributes = map[string]string{"email_verified": "true", "name": "Old Timer"}
		ev.CognitoEventUserPoolsMigrateUserResponse.MessageAction = "SUPPRESS"
		return nil
	}}
	e := triggerEnv(t, envOpts{pool: transport.CreateUserPoolInput{UsernameAttributes: []string{"email"}}},
		map[string]LambdaFunc{TriggerUserMigration: rec.fn()})
	e.tokens(e.metaLogin("old@example.com", "legacy", nil))
	ev, _ := rec.last(t)
	if ev.UserName != "old@example.com" {
		t.Fatalf("userName = %q, want the address typed", ev.UserName)
	}
	out, err := e.cog.AdminGetUser(e.ctx, &transport.UserRef{UserPoolID: e.pool.ID, Username: "old@example.com"})
	if err != nil {
		t.Fatal(err)
	}
	attrs := transport.Attributes(out.UserAttributes)
	if out.Username != attrs["sub"] || attrs["email"] != "old@example.com" || attrs["name"] != "Old Timer" {
		t.Fatalf("user = %s %v", out.Username, attrs)
	}
	e.tokens(e.srpLogin("old@example.com", "legacy", nil))
}

// TestAdminPasswordFlowRunsSignInTriggers: ADMIN_USER_PASSWORD_AUTH
// migrates an unknown user and asks PreAuthentication as USER_PASSWORD_AUTH
// does.
func TestAdminPasswordFlowRunsSignInTriggers(t *testing.T) {
	migrate := &recorder[events.CognitoEventUserPoolsMigrateUser]{respond: func(ev *events.CognitoEventUserPoolsMigrateUser) error {
		ev.CognitoEventUserPoolsMigrateUserResponse.UserAttributes = map[string]string{"email": "old@example.com"}
		ev.CognitoEventUserPoolsMigrateUserResponse.MessageAction = "SUPPRESS"
		return nil
	}}
	pre := &recorder[events.CognitoEventUserPoolsPreAuthentication]{}
	e := triggerEnv(t, envOpts{}, map[string]LambdaFunc{TriggerUserMigration: migrate.fn(), TriggerPreAuthentication: pre.fn()})
	login := func() (*transport.ChallengeOutput, error) {
		return e.cog.AdminInitiateAuth(e.ctx, &transport.AdminInitiateAuthInput{
			UserPoolID: e.pool.ID, ClientID: e.client.ClientID, AuthFlow: transport.FlowAdminUserPassword, ClientMetadata: meta,
			AuthParameters: map[string]string{transport.ParamUsername: "olduser", transport.ParamPassword: "legacy"},
		})
	}
	e.tokens(login())
	mev, _ := migrate.last(t)
	pev, _ := pre.last(t)
	e.checkHeader(t, mev.CognitoEventUserPoolsHeader, "UserMigration_Authentication", "olduser", e.client.ClientID)
	e.checkHeader(t, pev.CognitoEventUserPoolsHeader, "PreAuthentication_Authentication", "olduser", e.client.ClientID)
	if mev.ValidationData["device"] != "kiosk" || pev.Request.ValidationData["device"] != "kiosk" || pev.Request.UserAttributes["email"] != "old@example.com" {
		t.Fatalf("events = %+v / %+v", mev.CognitoEventUserPoolsMigrateUserRequest, pev.Request)
	}
	e.tokens(login())
	if migrate.count() != 1 || pre.count() != 2 {
		t.Fatalf("migrations %d, pre-authentications %d; want 1 and 2", migrate.count(), pre.count())
	}
}
