package fakecognito

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"sync"
	"testing"

	"github.com/aws/aws-lambda-go/events"

	"github.com/gocognito/gocognito/transport"
)

const (
	roleARN  = "arn:aws:iam::123456789012:role/admins"
	roleARN2 = "arn:aws:iam::123456789012:role/other"
)

// eventLog records the events a function receives.
type eventLog struct {
	mu     sync.Mutex
	events [][]byte
}

// answer returns a function that records each event and answers it with
// response (its "response" JSON), or with err.
func (l *eventLog) answer(response string, err error) LambdaFunc {
	return func(ctx context.Context, ev []byte) ([]byte, error) {
		l.mu.Lock()
		l.events = append(l.events, bytes.Clone(ev))
		l.mu.Unlock()
		if err != nil {
			return nil, err
		}
		return echoResponse(response)(ctx, ev)
	}
}

func (l *eventLog) last(t *testing.T) []byte {
	t.Helper()
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.events) == 0 {
		t.Fatal("the function was not called")
	}
	return l.events[len(l.events)-1]
}

func (l *eventLog) count() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.events)
}

// decodeStrict decodes an event into one of aws-lambda-go's types,
// refusing any field the type does not know.
func decodeStrict(t *testing.T, data []byte, v any) {
	t.Helper()
	d := json.NewDecoder(bytes.NewReader(data))
	d.DisallowUnknownFields()
	if err := d.Decode(v); err != nil {
		t.Fatalf("the event does not decode as %T: %v\n%s", v, err, data)
	}
}

// preTokenEnv is a pool whose PreTokenGeneration of version runs fn, with
// alice (e-mail, in group "admins" with a role) in it.
func preTokenEnv(t *testing.T, version string, fn LambdaFunc, ps transport.PoolSettings) *env {
	t.Helper()
	ps.LambdaConfig = &transport.LambdaConfig{PreTokenGenerationConfig: &transport.PreTokenGenerationConfig{LambdaVersion: version, LambdaArn: testARN}}
	e := newEnv(t, envOpts{pool: transport.CreateUserPoolInput{PoolSettings: ps}})
	e.f.SetLambda(testARN, fn)
	e.f.MustCreateUser(e.pool.ID, "alice", testPassword, transport.Attr("email", "alice@example.com"))
	if _, err := e.cog.CreateGroup(e.ctx, &transport.CreateGroupInput{UserPoolID: e.pool.ID, GroupName: "admins", RoleArn: roleARN}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.cog.AdminAddUserToGroup(e.ctx, &transport.UserGroupInput{UserPoolID: e.pool.ID, Username: "alice", GroupName: "admins"}); err != nil {
		t.Fatal(err)
	}
	return e
}

func TestPreTokenGenerationChangesTokens(t *testing.T) {
	type claims = map[string]any
	tests := []struct {
		name     string
		version  string
		response string
		fnErr    error
		wantCode string
		wantMsg  string
		check    func(t *testing.T, id, access claims)
	}{
		{
			name: "V1 adds, overrides and suppresses ID token claims", version: "V1_0",
			response: `{"claimsOverrideDetails":{"claimsToAddOrOverride":{"tenant":"acme","email":"other@example.com","both":"x","sub":"forged","aud":"forged"},"claimsToSuppress":["email","both","iss"]}}`,
			check: func(t *testing.T, id, access claims) {
				want(t, id["tenant"], "acme")
				absent(t, id, "email", "both")
				want(t, id["sub"], access["sub"])
				present(t, id, "aud", "iss")
				absent(t, access, "tenant")
			},
		},
		{
			name: "V1 replaces groups in both tokens", version: "V1_0",
			response: `{"claimsOverrideDetails":{"groupOverrideDetails":{"groupsToOverride":["g1","g2"],"iamRolesToOverride":["` + roleARN2 + `"],"preferredRole":"` + roleARN2 + `"}}}`,
			check: func(t *testing.T, id, access claims) {
				want(t, id["cognito:groups"], []any{"g1", "g2"})
				want(t, access["cognito:groups"], []any{"g1", "g2"})
				want(t, id["cognito:roles"], []any{roleARN2})
				want(t, id["cognito:preferred_role"], roleARN2)
			},
		},
		{
			name: "V1 empty group override removes the groups", version: "V1_0",
			response: `{"claimsOverrideDetails":{"groupOverrideDetails":{"groupsToOverride":[]}}}`,
			check: func(t *testing.T, id, access claims) {
				absent(t, id, "cognito:groups", "cognito:roles", "cognito:preferred_role")
				absent(t, access, "cognito:groups")
			},
		},
		{
			name: "V1 without group override keeps the groups", version: "V1_0",
			response: `{"claimsOverrideDetails":{"claimsToAddOrOverride":{"cognito:groups":"forged"}}}`,
			check: func(t *testing.T, id, access claims) {
				want(t, id["cognito:groups"], []any{"admins"})
				want(t, access["cognito:groups"], []any{"admins"})
				want(t, id["cognito:preferred_role"], roleARN)
			},
		},
		{
			name: "V1 null response changes nothing", version: "V1_0", response: `{"claimsOverrideDetails":null}`,
			check: func(t *testing.T, id, access claims) {
				want(t, id["email"], "alice@example.com")
				want(t, access["scope"], scopeUserAdmin)
			},
		},
		{
			name: "V1 number value is refused", version: "V1_0",
			response: `{"claimsOverrideDetails":{"claimsToAddOrOverride":{"n":2}}}`,
			wantCode: "InvalidLambdaResponseException", wantMsg: msgLambdaUnrecognizable,
		},
		{
			name: "V2 changes both tokens and the scopes", version: "V2_0",
			response: `{"claimsAndScopeOverrideDetails":{
				"idTokenGeneration":{"claimsToAddOrOverride":{"n":2,"list":["a",1,true],"obj":{"k":"v"},"cognito:username":"forged"},"claimsToSuppress":["email"]},
				"accessTokenGeneration":{"claimsToAddOrOverride":{"tenant":"acme","client_id":"forged","scope":"forged"},"claimsToSuppress":["username","token_use"],
					"scopesToAdd":["api/read","api/write"],"scopesToSuppress":["aws.cognito.signin.user.admin","api/write"]},
				"groupOverrideDetails":{"groupsToOverride":["g1"]}}}`,
			check: func(t *testing.T, id, access claims) {
				want(t, id["n"], 2.0)
				want(t, id["list"], []any{"a", 1.0, true})
				want(t, id["obj"], map[string]any{"k": "v"})
				want(t, id["cognito:username"], "alice")
				absent(t, id, "email", "tenant")
				want(t, access["tenant"], "acme")
				present(t, access, "client_id", "username", "token_use")
				if access["client_id"] == "forged" {
					t.Error("client_id was overridden")
				}
				want(t, access["scope"], "api/read")
				want(t, id["cognito:groups"], []any{"g1"})
				want(t, access["cognito:groups"], []any{"g1"})
				absent(t, id, "cognito:roles", "cognito:preferred_role")
			},
		},
		{
			name: "V3 changes user tokens as V2", version: "V3_0",
			response: `{"claimsAndScopeOverrideDetails":{"accessTokenGeneration":{"claimsToAddOrOverride":{"tenant":"acme"}}}}`,
			check: func(t *testing.T, id, access claims) {
				want(t, access["tenant"], "acme")
				absent(t, id, "tenant")
				want(t, access["cognito:groups"], []any{"admins"})
			},
		},
		{
			name: "a thrown error fails the login", version: "V2_0", fnErr: errors.New("no tokens today"),
			wantCode: "UserLambdaValidationException", wantMsg: "PreTokenGeneration failed with error no tokens today.",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var log eventLog
			e := preTokenEnv(t, tc.version, log.answer(tc.response, tc.fnErr), transport.PoolSettings{})
			out, err := e.passwordLogin("alice", testPassword)
			checkPreTokenEvent(t, e, tc.version, log.last(t), SourceTokenAuthentication)
			if tc.wantCode != "" {
				wantErr(t, err, tc.wantCode, tc.wantMsg)
				return
			}
			res := mustTokens(t, out, err)
			tc.check(t, e.claims(res.IDToken), e.claims(res.AccessToken))
		})
	}
}

// checkPreTokenEvent decodes a pre token generation event with
// aws-lambda-go's type for its version and checks what it says.
func checkPreTokenEvent(t *testing.T, e *env, version string, data []byte, source string) {
	t.Helper()
	var hdr events.CognitoEventUserPoolsHeader
	var req events.CognitoEventUserPoolsPreTokenGenRequestV2_0
	switch version {
	case "V1_0":
		var ev events.CognitoEventUserPoolsPreTokenGen
		decodeStrict(t, data, &ev)
		hdr = ev.CognitoEventUserPoolsHeader
		req = events.CognitoEventUserPoolsPreTokenGenRequestV2_0{UserAttributes: ev.Request.UserAttributes, ClientMetadata: ev.Request.ClientMetadata,
			GroupConfiguration: events.GroupConfigurationV2_0(ev.Request.GroupConfiguration)}
		if ev.Response.ClaimsOverrideDetails.ClaimsToAddOrOverride != nil {
			t.Errorf("the event's response is not empty: %+v", ev.Response)
		}
	default:
		var ev events.CognitoEventUserPoolsPreTokenGenV2_0
		decodeStrict(t, data, &ev)
		hdr, req = ev.CognitoEventUserPoolsHeader, ev.Request
		if !reflect.DeepEqual(req.Scopes, []string{scopeUserAdmin}) {
			t.Errorf("scopes = %v", req.Scopes)
		}
	}
	wantVersion := map[string]string{"V1_0": "1", "V2_0": "2", "V3_0": "3"}[version]
	if hdr.Version != wantVersion || hdr.TriggerSource != source || hdr.Region != "us-east-1" || hdr.UserPoolID != e.pool.ID ||
		hdr.UserName != "alice" || hdr.CallerContext.ClientID != e.client.ClientID || hdr.CallerContext.AWSSDKVersion == "" {
		t.Errorf("header = %+v, want version %s, source %s", hdr, wantVersion, source)
	}
	a := req.UserAttributes
	if a["email"] != "alice@example.com" || a["sub"] == "" || a["cognito:user_status"] == "" {
		t.Errorf("userAttributes = %v", a)
	}
	g := req.GroupConfiguration
	if !reflect.DeepEqual(g.GroupsToOverride, []string{"admins"}) || !reflect.DeepEqual(g.IAMRolesToOverride, []string{roleARN}) ||
		g.PreferredRole == nil || *g.PreferredRole != roleARN {
		t.Errorf("groupConfiguration = %+v", g)
	}
}

func want(t *testing.T, got, want any) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %#v, want %#v", got, want)
	}
}

func absent(t *testing.T, m map[string]any, names ...string) {
	t.Helper()
	for _, n := range names {
		if v, ok := m[n]; ok {
			t.Errorf("claim %s = %v, want none", n, v)
		}
	}
}

func present(t *testing.T, m map[string]any, names ...string) {
	t.Helper()
	for _, n := range names {
		if _, ok := m[n]; !ok {
			t.Errorf("claim %s is missing", n)
		}
	}
}

func TestPreTokenGenerationSources(t *testing.T) {
	const tenantResponse = `{"claimsAndScopeOverrideDetails":{"accessTokenGeneration":{"claimsToAddOrOverride":{"tenant":"acme"}}}}`
	tests := []struct {
		name   string
		pool   transport.PoolSettings
		login  func(t *testing.T, e *env) *transport.AuthenticationResult
		source string
	}{
		{
			name: "USER_PASSWORD_AUTH", source: SourceTokenAuthentication,
			login: func(t *testing.T, e *env) *transport.AuthenticationResult {
				return e.tokens(e.passwordLogin("alice", testPassword))
			},
		},
		{
			name: "USER_SRP_AUTH", source: SourceTokenAuthentication,
			login: func(t *testing.T, e *env) *transport.AuthenticationResult {
				return e.tokens(e.srpLogin("alice", testPassword, nil))
			},
		},
		{
			name: "REFRESH_TOKEN_AUTH", source: SourceTokenRefresh,
			login: func(t *testing.T, e *env) *transport.AuthenticationResult {
				first := e.tokens(e.passwordLogin("alice", testPassword))
				return e.tokens(e.refresh(first.RefreshToken))
			},
		},
		{
			name: "GetTokensFromRefreshToken", source: SourceTokenRefresh,
			login: func(t *testing.T, e *env) *transport.AuthenticationResult {
				first := e.tokens(e.passwordLogin("alice", testPassword))
				return e.mustGetTokens(first.RefreshToken, "")
			},
		},
		{
			name: "NEW_PASSWORD_REQUIRED", source: SourceTokenNewPassword,
			login: func(t *testing.T, e *env) *transport.AuthenticationResult {
				if _, err := e.cog.AdminSetUserPassword(e.ctx, &transport.AdminSetUserPasswordInput{
					UserPoolID: e.pool.ID, Username: "alice", Password: testPassword, Permanent: false,
				}); err != nil {
					t.Fatal(err)
				}
				ch := e.challenge(transport.ChallengeNewPasswordRequired)(e.passwordLogin("alice", testPassword))
				return e.tokens(e.respond(transport.ChallengeNewPasswordRequired, ch.Session,
					e.withHash(map[string]string{transport.ParamUsername: "alice", transport.ParamNewPassword: newPassword}, "alice")))
			},
		},
		{
			name: "DEVICE_SRP_AUTH", source: SourceTokenAuthenticateDevice,
			pool: transport.PoolSettings{DeviceConfiguration: &transport.DeviceConfiguration{}},
			login: func(t *testing.T, e *env) *transport.AuthenticationResult {
				first := e.tokens(e.srpLogin("alice", testPassword, nil))
				sec := e.rememberDevice(first)
				nd := first.NewDeviceMetadata
				extra := map[string]string{transport.ParamDeviceKey: nd.DeviceKey}
				ch := e.challenge(transport.ChallengeDeviceSRPAuth)(e.srpLogin("alice", testPassword, extra))
				return e.tokens(e.deviceSRP(ch, nd, sec.Password, ch.Session))
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var log eventLog
			e := preTokenEnv(t, "V2_0", log.answer(tenantResponse, nil), tc.pool)
			res := tc.login(t, e)
			checkPreTokenEvent(t, e, "V2_0", log.last(t), tc.source)
			if got := e.claims(res.AccessToken)["tenant"]; got != "acme" {
				t.Errorf("access token tenant = %v, want acme", got)
			}
		})
	}
}

func TestCustomizeMachineToken(t *testing.T) {
	const response = `{"claimsAndScopeOverrideDetails":{"accessTokenGeneration":{"claimsToAddOrOverride":{"tenant":"acme","client_id":"forged"},"scopesToAdd":["api/write"]},
		"idTokenGeneration":{"claimsToAddOrOverride":{"x":"y"}},"groupOverrideDetails":{"groupsToOverride":["g"]}}}`
	tests := []struct {
		name      string
		version   string
		wantCalls int
		wantScope string
	}{
		{name: "V3_0 runs", version: "V3_0", wantCalls: 1, wantScope: "api/read api/write"},
		{name: "V2_0 does not run for machine tokens", version: "V2_0", wantCalls: 0, wantScope: "api/read"},
		{name: "V1_0 does not run for machine tokens", version: "V1_0", wantCalls: 0, wantScope: "api/read"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var log eventLog
			e := preTokenEnv(t, tc.version, log.answer(response, nil), transport.PoolSettings{})
			access := map[string]any{"client_id": e.client.ClientID, "scope": "api/read", "token_use": "access"}
			if err := e.f.customizeMachineToken(e.ctx, e.pool.ID, e.client.ClientID, []string{"api/read"}, map[string]string{"k": "v"}, access); err != nil {
				t.Fatal(err)
			}
			if log.count() != tc.wantCalls {
				t.Fatalf("calls = %d, want %d", log.count(), tc.wantCalls)
			}
			want(t, access["scope"], tc.wantScope)
			want(t, access["client_id"], e.client.ClientID)
			if tc.wantCalls == 0 {
				absent(t, access, "tenant")
				return
			}
			if _, ok := access["tenant"].(json.RawMessage); !ok {
				t.Errorf("tenant = %#v", access["tenant"])
			}
			absent(t, access, "x", "cognito:groups")
			var ev events.CognitoEventUserPoolsPreTokenGenV2_0
			decodeStrict(t, log.last(t), &ev)
			if ev.Version != "3" || ev.TriggerSource != SourceTokenClientCredentials || ev.CallerContext.ClientID != e.client.ClientID ||
				!reflect.DeepEqual(ev.Request.Scopes, []string{"api/read"}) || ev.Request.ClientMetadata["k"] != "v" || len(ev.Request.UserAttributes) != 0 {
				t.Errorf("event = %+v", ev)
			}
		})
	}
}

func TestPreTokenGenerationClientMetadata(t *testing.T) {
	tests := []struct {
		name  string
		login func(t *testing.T, e *env)
		want  map[string]string
	}{
		{
			name: "a login that ends in InitiateAuth passes none",
			login: func(t *testing.T, e *env) {
				e.tokens(e.cog.InitiateAuth(e.ctx, &transport.InitiateAuthInput{
					AuthFlow: transport.FlowUserPassword, ClientID: e.client.ClientID, ClientMetadata: map[string]string{"from": "initiate"},
					AuthParameters: map[string]string{transport.ParamUsername: "alice", transport.ParamPassword: testPassword},
				}))
			},
		},
		{
			name: "a login that ends in RespondToAuthChallenge passes its metadata",
			login: func(t *testing.T, e *env) {
				c, ch, err := e.srpStart("alice", nil)
				if err != nil {
					t.Fatal(err)
				}
				e.tokens(e.cog.RespondToAuthChallenge(e.ctx, &transport.RespondToAuthChallengeInput{
					ClientID: e.client.ClientID, ChallengeName: transport.ChallengePasswordVerifier,
					ChallengeResponses: e.pvAnswer(c, ch, testPassword, nil), ClientMetadata: map[string]string{"from": "respond"},
				}))
			},
			want: map[string]string{"from": "respond"},
		},
		{
			name: "GetTokensFromRefreshToken passes its metadata",
			login: func(t *testing.T, e *env) {
				first := e.tokens(e.passwordLogin("alice", testPassword))
				if _, err := e.cog.GetTokensFromRefreshToken(e.ctx, &transport.GetTokensFromRefreshTokenInput{
					ClientID: e.client.ClientID, RefreshToken: first.RefreshToken, ClientMetadata: map[string]string{"from": "refresh"},
				}); err != nil {
					t.Fatal(err)
				}
			},
			want: map[string]string{"from": "refresh"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var log eventLog
			e := preTokenEnv(t, "V1_0", log.answer(`{}`, nil), transport.PoolSettings{})
			tc.login(t, e)
			var ev events.CognitoEventUserPoolsPreTokenGen
			decodeStrict(t, log.last(t), &ev)
			if !reflect.DeepEqual(ev.Request.ClientMetadata, tc.want) {
				t.Errorf("clientMetadata = %v, want %v", ev.Request.ClientMetadata, tc.want)
			}
		})
	}
}
