package fakecognito

import (
	"math/big"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/gocognito/gocognito/srp"
	"github.com/gocognito/gocognito/transport"
)

func TestSRPLoginIssuesVerifiableTokens(t *testing.T) {
	e := newEnv(t, envOpts{pool: transport.CreateUserPoolInput{
		Schema: []transport.SchemaAttribute{{Name: "team", AttributeDataType: "String"}},
	}})
	e.f.MustCreateUser(e.pool.ID, "alice", testPassword,
		transport.Attr("email", "alice@example.com"), transport.Attr("custom:team", "blue"),
	)
	if _, err := e.cog.CreateGroup(e.ctx, &transport.CreateGroupInput{UserPoolID: e.pool.ID, GroupName: "admins", Precedence: ptr(int32(1))}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.cog.AdminAddUserToGroup(e.ctx, &transport.UserGroupInput{UserPoolID: e.pool.ID, Username: "alice", GroupName: "admins"}); err != nil {
		t.Fatal(err)
	}

	c, ch, err := e.srpStart("alice", nil)
	ch = mustChallenge(t, ch, err, transport.ChallengePasswordVerifier)
	if ch.Session != "" {
		t.Errorf("PASSWORD_VERIFIER came with a Session; Cognito sends none")
	}
	for _, p := range []string{transport.ParamSalt, transport.ParamSRPB, transport.ParamSecretBlock, transport.ParamUsername, transport.ParamUserIDForSRP} {
		if ch.ChallengeParameters[p] == "" {
			t.Errorf("challenge parameter %s missing", p)
		}
	}
	res := e.tokens(e.respond(transport.ChallengePasswordVerifier, "", e.pvAnswer(c, ch, testPassword, nil)))
	if res.TokenType != "Bearer" || res.ExpiresIn != 3600 || res.RefreshToken == "" {
		t.Errorf("result = %v, want Bearer tokens for 3600 s with a refresh token", res)
	}
	if res.NewDeviceMetadata != nil {
		t.Errorf("NewDeviceMetadata = %v without device tracking", res.NewDeviceMetadata)
	}

	access, id := e.claims(res.AccessToken), e.claims(res.IDToken)
	if header(t, res.AccessToken)["kid"] == header(t, res.IDToken)["kid"] {
		t.Errorf("ID and access tokens share a kid")
	}
	iss := "https://cognito-idp.us-east-1.amazonaws.com/" + e.pool.ID
	auth := float64(testStart.Unix())
	for name, want := range map[string]any{
		"iss": iss, "token_use": "access", "client_id": e.client.ClientID, "username": "alice",
		"scope": "aws.cognito.signin.user.admin", "auth_time": auth, "iat": auth,
		"exp": auth + 3600,
	} {
		if access[name] != want {
			t.Errorf("access %s = %v, want %v", name, access[name], want)
		}
	}
	for name, want := range map[string]any{
		"iss": iss, "token_use": "id", "aud": e.client.ClientID, "cognito:username": "alice",
		"email": "alice@example.com", "email_verified": true, "custom:team": "blue", "auth_time": auth,
	} {
		if id[name] != want {
			t.Errorf("id %s = %v, want %v", name, id[name], want)
		}
	}
	if _, ok := access["aud"]; ok {
		t.Errorf("access token has aud; Cognito's has none")
	}
	for _, name := range []string{"sub", "jti", "origin_jti", "event_id"} {
		if access[name] == nil || id[name] == nil {
			t.Errorf("claim %s missing", name)
		}
	}
	if access["sub"] != id["sub"] || access["origin_jti"] != id["origin_jti"] || access["jti"] == id["jti"] {
		t.Errorf("sub/origin_jti must match and jti differ between the tokens")
	}
	if g, ok := access["cognito:groups"].([]any); !ok || len(g) != 1 || g[0] != "admins" {
		t.Errorf("cognito:groups = %v, want [admins]", access["cognito:groups"])
	}

	got, err := e.cog.GetUser(e.ctx, &transport.AccessTokenInput{AccessToken: res.AccessToken})
	if err != nil || got.Username != "alice" {
		t.Fatalf("GetUser = %v, %v", got, err)
	}
}

func TestSRPLoginWithAliasUsesInternalName(t *testing.T) {
	e := newEnv(t, envOpts{pool: transport.CreateUserPoolInput{AliasAttributes: []string{"email"}}, secret: true})
	e.f.MustCreateUser(e.pool.ID, "alice", testPassword, transport.Attr("email", "Alice@Example.com"))

	c, ch, err := e.srpStart("alice@example.com", nil)
	ch = mustChallenge(t, ch, err, transport.ChallengePasswordVerifier)
	if got := ch.ChallengeParameters[transport.ParamUserIDForSRP]; got != "alice" {
		t.Fatalf("USER_ID_FOR_SRP = %q, want the internal name alice", got)
	}
	e.tokens(e.respond(transport.ChallengePasswordVerifier, "", e.pvAnswer(c, ch, testPassword, nil)))
}

func TestUsernameAttributesPoolSignsInByEmail(t *testing.T) {
	e := newEnv(t, envOpts{pool: transport.CreateUserPoolInput{UsernameAttributes: []string{"email"}}})
	e.f.MustCreateUser(e.pool.ID, "bob@example.com", testPassword)
	c, ch, err := e.srpStart("bob@example.com", nil)
	ch = mustChallenge(t, ch, err, transport.ChallengePasswordVerifier)
	userID := ch.ChallengeParameters[transport.ParamUserIDForSRP]
	if userID == "bob@example.com" || len(userID) != 36 {
		t.Fatalf("USER_ID_FOR_SRP = %q, want a UUID", userID)
	}
	res := e.tokens(e.respond(transport.ChallengePasswordVerifier, "", e.pvAnswer(c, ch, testPassword, nil)))
	if got := e.claims(res.IDToken)["sub"]; got != userID {
		t.Errorf("sub = %v, want the internal name %s", got, userID)
	}
}

func TestSRPFailures(t *testing.T) {
	tests := []struct {
		name     string
		answer   func(e *env, c *srp.Client, ch *transport.ChallengeOutput) map[string]string
		code     string
		msg      string
		clientID func(e *env) string
	}{
		{
			name: "wrong password",
			answer: func(e *env, c *srp.Client, ch *transport.ChallengeOutput) map[string]string {
				return e.pvAnswer(c, ch, wrongPassword, nil)
			},
			code: "NotAuthorizedException", msg: msgIncorrectCredentials,
		},
		{
			name: "zero-padded day in TIMESTAMP",
			answer: func(e *env, c *srp.Client, ch *transport.ChallengeOutput) map[string]string {
				p := ch.ChallengeParameters
				poolName, _ := srp.PoolName(e.pool.ID)
				ts := "Tue Mar 05 07:08:09 UTC 2024"
				sig, _ := c.PasswordSignature(poolName, "alice", testPassword, p[transport.ParamSalt], p[transport.ParamSRPB], p[transport.ParamSecretBlock], ts)
				return map[string]string{
					transport.ParamUsername: "alice", transport.ParamClaimSecretBlock: p[transport.ParamSecretBlock],
					transport.ParamClaimSignature: sig, transport.ParamTimestamp: ts,
				}
			},
			code: "NotAuthorizedException", msg: msgIncorrectCredentials,
		},
		{
			name: "secret block the fake never issued",
			answer: func(e *env, c *srp.Client, ch *transport.ChallengeOutput) map[string]string {
				ans := e.pvAnswer(c, ch, testPassword, nil)
				ans[transport.ParamClaimSecretBlock] = strings.Repeat("QUFB", 32)
				return ans
			},
			code: "NotAuthorizedException", msg: msgIncorrectCredentials,
		},
		{
			name: "another user's name",
			answer: func(e *env, c *srp.Client, ch *transport.ChallengeOutput) map[string]string {
				ans := e.pvAnswer(c, ch, testPassword, nil)
				ans[transport.ParamUsername] = "mallory"
				return ans
			},
			code: "NotAuthorizedException", msg: msgIncorrectCredentials,
		},
		{
			name: "answer through another client",
			answer: func(e *env, c *srp.Client, ch *transport.ChallengeOutput) map[string]string {
				return e.pvAnswer(c, ch, testPassword, nil)
			},
			clientID: func(e *env) string {
				return e.f.MustCreateClient(transport.CreateUserPoolClientInput{UserPoolID: e.pool.ID,
					ClientSettings: transport.ClientSettings{ClientName: "other"}}).ClientID
			},
			code: "NotAuthorizedException", msg: msgIncorrectCredentials,
		},
		{
			name: "missing signature",
			answer: func(e *env, c *srp.Client, ch *transport.ChallengeOutput) map[string]string {
				ans := e.pvAnswer(c, ch, testPassword, nil)
				delete(ans, transport.ParamClaimSignature)
				return ans
			},
			code: "InvalidParameterException",
		},
		{
			name: "signature that is not base64",
			answer: func(e *env, c *srp.Client, ch *transport.ChallengeOutput) map[string]string {
				ans := e.pvAnswer(c, ch, testPassword, nil)
				ans[transport.ParamClaimSignature] = "%%%"
				return ans
			},
			code: "NotAuthorizedException", msg: msgIncorrectCredentials,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, envOpts{})
			e.f.MustCreateUser(e.pool.ID, "alice", testPassword)
			c, ch, err := e.srpStart("alice", nil)
			ch = mustChallenge(t, ch, err, transport.ChallengePasswordVerifier)
			clientID := e.client.ClientID
			if tt.clientID != nil {
				clientID = tt.clientID(e)
			}
			_, err = e.cog.RespondToAuthChallenge(e.ctx, &transport.RespondToAuthChallengeInput{
				ClientID: clientID, ChallengeName: transport.ChallengePasswordVerifier, ChallengeResponses: tt.answer(e, c, ch),
			})
			wantErr(t, err, tt.code, tt.msg)
			if tt.clientID != nil {
				// A foreign client cannot burn the exchange of its owner.
				e.tokens(e.respond(transport.ChallengePasswordVerifier, "", e.pvAnswer(c, ch, testPassword, nil)))
			}
		})
	}
}

func TestSecretBlockIsSingleUse(t *testing.T) {
	e := newEnv(t, envOpts{})
	e.f.MustCreateUser(e.pool.ID, "alice", testPassword)
	c, ch, err := e.srpStart("alice", nil)
	ch = mustChallenge(t, ch, err, transport.ChallengePasswordVerifier)
	ans := e.pvAnswer(c, ch, testPassword, nil)
	e.tokens(e.respond(transport.ChallengePasswordVerifier, "", ans))
	_, err = e.respond(transport.ChallengePasswordVerifier, "", ans)
	wantErr(t, err, "NotAuthorizedException", msgIncorrectCredentials)
}

func TestSRPAnswerAfterSessionValidity(t *testing.T) {
	e := newEnv(t, envOpts{})
	e.f.MustCreateUser(e.pool.ID, "alice", testPassword)
	c, ch, err := e.srpStart("alice", nil)
	ch = mustChallenge(t, ch, err, transport.ChallengePasswordVerifier)
	e.clk.Advance(3*time.Minute + time.Second)
	_, err = e.respond(transport.ChallengePasswordVerifier, "", e.pvAnswer(c, ch, testPassword, nil))
	wantErr(t, err, "NotAuthorizedException", msgSessionExpired)
}

func TestSRPInitiateRefusals(t *testing.T) {
	tests := []struct {
		name   string
		params map[string]string
		setup  func(e *env)
		code   string
		msg    string
	}{
		{name: "no USERNAME", params: map[string]string{transport.ParamSRPA: "ab"}, code: "InvalidParameterException", msg: "Missing required parameter USERNAME"},
		{name: "no SRP_A", params: map[string]string{transport.ParamUsername: "alice"}, code: "InvalidParameterException", msg: "Missing required parameter SRP_A"},
		{name: "SRP_A not hex", params: map[string]string{transport.ParamUsername: "alice", transport.ParamSRPA: "xyz"}, code: "InvalidParameterException"},
		// SRP's safety rule: A = 0 mod N would let anyone in without the password.
		{name: "SRP_A zero", params: map[string]string{transport.ParamUsername: "alice", transport.ParamSRPA: "0"}, code: "InvalidParameterException", msg: "Invalid value for SRP_A"},
		{name: "SRP_A is N", params: map[string]string{transport.ParamUsername: "alice", transport.ParamSRPA: groupNHex}, code: "InvalidParameterException", msg: "Invalid value for SRP_A"},
		{name: "SRP_A is 2N", params: map[string]string{transport.ParamUsername: "alice", transport.ParamSRPA: twoNHex}, code: "InvalidParameterException", msg: "Invalid value for SRP_A"},
		{name: "unknown user, legacy errors", params: map[string]string{transport.ParamUsername: "nobody", transport.ParamSRPA: "ab"},
			setup: func(e *env) {
				e.client = e.f.MustCreateClient(transport.CreateUserPoolClientInput{UserPoolID: e.pool.ID, ClientSettings: transport.ClientSettings{
					ClientName: "legacy", PreventUserExistenceErrors: transport.PreventUserExistenceLegacy}})
			},
			code: "UserNotFoundException", msg: msgUserNotFound},
		{name: "disabled user", params: map[string]string{transport.ParamUsername: "alice", transport.ParamSRPA: "ab"},
			setup: func(e *env) {
				if _, err := e.cog.AdminDisableUser(e.ctx, &transport.UserRef{UserPoolID: e.pool.ID, Username: "alice"}); err != nil {
					e.t.Fatal(err)
				}
			},
			code: "NotAuthorizedException", msg: msgUserDisabled},
		{name: "reset required", params: map[string]string{transport.ParamUsername: "alice", transport.ParamSRPA: "ab"},
			setup: func(e *env) {
				if err := e.f.SetUserStatus(e.pool.ID, "alice", transport.StatusResetRequired); err != nil {
					e.t.Fatal(err)
				}
			},
			code: "PasswordResetRequiredException", msg: msgResetRequired},
		{name: "SRP disabled for the client", params: map[string]string{transport.ParamUsername: "alice", transport.ParamSRPA: "ab"},
			setup: func(e *env) {
				e.client = e.f.MustCreateClient(transport.CreateUserPoolClientInput{UserPoolID: e.pool.ID, ClientSettings: transport.ClientSettings{
					ClientName: "pw", ExplicitAuthFlows: []string{transport.AllowUserPasswordAuth, transport.AllowRefreshTokenAuth}}})
			},
			code: "InvalidParameterException", msg: "USER_SRP_AUTH flow not enabled for this client"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, envOpts{})
			e.f.MustCreateUser(e.pool.ID, "alice", testPassword)
			if tt.setup != nil {
				tt.setup(e)
			}
			_, err := e.cog.InitiateAuth(e.ctx, &transport.InitiateAuthInput{
				AuthFlow: transport.FlowUserSRP, ClientID: e.client.ClientID, AuthParameters: tt.params,
			})
			wantErr(t, err, tt.code, tt.msg)
		})
	}
}

func TestUnknownUserGetsDecoyChallenge(t *testing.T) {
	e := newEnv(t, envOpts{client: preventOn})
	c, ch, err := e.srpStart("nobody", nil)
	ch = mustChallenge(t, ch, err, transport.ChallengePasswordVerifier)
	_, ch2, err := e.srpStart("nobody", nil)
	ch2 = mustChallenge(t, ch2, err, transport.ChallengePasswordVerifier)
	if ch.ChallengeParameters[transport.ParamSalt] != ch2.ChallengeParameters[transport.ParamSalt] {
		t.Errorf("a missing user's salt changes between attempts, which reveals that it is missing")
	}
	_, err = e.respond(transport.ChallengePasswordVerifier, "", e.pvAnswer(c, ch, testPassword, nil))
	wantErr(t, err, "NotAuthorizedException", msgIncorrectCredentials)
}

// uuidV4Pattern matches a version 4 UUID.
var uuidV4Pattern = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

// In a pool whose users sign in with an e-mail address or phone number,
// every real user's USER_ID_FOR_SRP is a UUID, so a decoy's must be one too,
// stable for the name, or the typed name gives the missing user away.
func TestDecoyUserIDIsAUUIDWhereNamesAre(t *testing.T) {
	tests := []struct {
		name        string
		pool        transport.CreateUserPoolInput
		known, miss string
		uuid        bool
	}{
		{"e-mail as user name", transport.CreateUserPoolInput{UsernameAttributes: []string{"email"}}, "alice@example.com", "nobody@example.com", true},
		{"phone as user name", transport.CreateUserPoolInput{UsernameAttributes: []string{"phone_number"}}, "+15555550100", "+15555550199", true},
		{"plain user names", transport.CreateUserPoolInput{}, "alice", "nobody", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, envOpts{pool: tt.pool, client: preventOn, secret: true})
			e.f.MustCreateUser(e.pool.ID, tt.known, testPassword)
			start := func(name string) (*srp.Client, *transport.ChallengeOutput) {
				c, ch, err := e.srpStart(name, nil)
				return c, mustChallenge(t, ch, err, transport.ChallengePasswordVerifier)
			}
			_, knownCh := start(tt.known)
			c, decoy := start(tt.miss)
			_, again := start(tt.miss)
			_, other := start("x" + tt.miss)
			realID := knownCh.ChallengeParameters[transport.ParamUserIDForSRP]
			id := decoy.ChallengeParameters[transport.ParamUserIDForSRP]
			if got := decoy.ChallengeParameters[transport.ParamUsername]; got != id {
				t.Errorf("decoy USERNAME = %q, USER_ID_FOR_SRP = %q; want them equal", got, id)
			}
			if uuidV4Pattern.MatchString(realID) != tt.uuid || uuidV4Pattern.MatchString(id) != tt.uuid {
				t.Errorf("USER_ID_FOR_SRP: known user %q, missing user %q; want UUIDs: %v", realID, id, tt.uuid)
			}
			if !tt.uuid && id != tt.miss {
				t.Errorf("decoy USER_ID_FOR_SRP = %q, want the name typed", id)
			}
			if again.ChallengeParameters[transport.ParamUserIDForSRP] != id || again.ChallengeParameters[transport.ParamSalt] != decoy.ChallengeParameters[transport.ParamSalt] {
				t.Errorf("the decoy's id or salt changes between attempts")
			}
			if other.ChallengeParameters[transport.ParamUserIDForSRP] == id {
				t.Errorf("two missing names share the decoy id %q", id)
			}
			// Answered as a client answers, with SECRET_HASH over the
			// decoy's id: the password is wrong, nothing else.
			_, err := e.respond(transport.ChallengePasswordVerifier, "", e.pvAnswer(c, decoy, testPassword, nil))
			wantErr(t, err, "NotAuthorizedException", msgIncorrectCredentials)
		})
	}
}

func TestLockoutAfterRepeatedFailures(t *testing.T) {
	e := newEnv(t, envOpts{})
	e.f.MustCreateUser(e.pool.ID, "alice", testPassword)
	for i := 1; i <= lockoutThreshold; i++ {
		_, err := e.srpLogin("alice", wrongPassword, nil)
		msg := msgIncorrectCredentials
		if i == lockoutThreshold {
			msg = msgAttemptsExceeded
		}
		wantErr(t, err, "NotAuthorizedException", msg)
	}
	// Locked out: even the right password is refused, at InitiateAuth.
	_, _, err := e.srpStart("alice", nil)
	wantErr(t, err, "NotAuthorizedException", msgAttemptsExceeded)
	_, err = e.cog.InitiateAuth(e.ctx, &transport.InitiateAuthInput{AuthFlow: transport.FlowUserPassword, ClientID: e.client.ClientID,
		AuthParameters: map[string]string{transport.ParamUsername: "alice", transport.ParamPassword: testPassword}})
	wantErr(t, err, "NotAuthorizedException", msgAttemptsExceeded)

	e.clk.Advance(2 * time.Second)
	e.tokens(e.srpLogin("alice", testPassword, nil))
	// Success clears the count.
	_, err = e.srpLogin("alice", wrongPassword, nil)
	wantErr(t, err, "NotAuthorizedException", msgIncorrectCredentials)
}

func TestSecretHash(t *testing.T) {
	e := newEnv(t, envOpts{secret: true, pool: transport.CreateUserPoolInput{AliasAttributes: []string{"email"}}})
	e.f.MustCreateUser(e.pool.ID, "alice", testPassword, transport.Attr("email", "alice@example.com"))
	base := map[string]string{transport.ParamUsername: "alice", transport.ParamSRPA: "ab"}
	init := func(params map[string]string) error {
		_, err := e.cog.InitiateAuth(e.ctx, &transport.InitiateAuthInput{AuthFlow: transport.FlowUserSRP, ClientID: e.client.ClientID, AuthParameters: params})
		return err
	}
	wantErr(t, init(base), "NotAuthorizedException", "Client "+e.client.ClientID+" is configured with secret but SECRET_HASH was not received")
	bad := map[string]string{transport.ParamUsername: "alice", transport.ParamSRPA: "ab", transport.ParamSecretHash: e.hash("bob")}
	wantErr(t, init(bad), "NotAuthorizedException", "Unable to verify secret hash for client "+e.client.ClientID)

	// InitiateAuth takes the alias typed and its hash, but every answer is
	// checked against the internal name only, USERNAME and SECRET_HASH
	// alike, as in Cognito (amazon-cognito-identity-dart-2 PR #211).
	c, ch, err := e.srpStart("alice@example.com", nil)
	ch = mustChallenge(t, ch, err, transport.ChallengePasswordVerifier)
	if got := ch.ChallengeParameters[transport.ParamUserIDForSRP]; got != "alice" {
		t.Fatalf("USER_ID_FOR_SRP = %q, want alice", got)
	}
	ans := e.pvAnswer(c, ch, testPassword, nil)
	ans[transport.ParamSecretHash] = e.hash("wrong")
	_, err = e.respond(transport.ChallengePasswordVerifier, "", ans)
	wantErr(t, err, "NotAuthorizedException", "Unable to verify secret hash for client "+e.client.ClientID)

	for _, tc := range []struct{ name, username, hashOf, msg string }{
		{"hash of the alias", "alice", "alice@example.com", "Unable to verify secret hash for client " + e.client.ClientID},
		{"alias as USERNAME", "alice@example.com", "alice@example.com", msgIncorrectCredentials},
		{"alias as USERNAME, hash of the name", "alice@example.com", "alice", msgIncorrectCredentials},
	} {
		c, ch, err = e.srpStart("alice@example.com", nil)
		ch = mustChallenge(t, ch, err, transport.ChallengePasswordVerifier)
		ans = e.pvAnswer(c, ch, testPassword, nil)
		ans[transport.ParamUsername] = tc.username
		ans[transport.ParamSecretHash] = e.hash(tc.hashOf)
		_, err = e.respond(transport.ChallengePasswordVerifier, "", ans)
		t.Run(tc.name, func(t *testing.T) { wantErr(t, err, "NotAuthorizedException", tc.msg) })
	}

	c, ch, err = e.srpStart("alice@example.com", nil)
	ch = mustChallenge(t, ch, err, transport.ChallengePasswordVerifier)
	ans = e.pvAnswer(c, ch, testPassword, nil)
	ans[transport.ParamSecretHash] = e.hash("alice")
	e.tokens(e.respond(transport.ChallengePasswordVerifier, "", ans))
}

// groupNHex and twoNHex are N, the 3072-bit group prime of RFC 3526, and 2N:
// both are 0 mod N.
var groupNHex = "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DDEF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7EDEE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3BE39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA051015728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200CBBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF"

var twoNHex = func() string {
	n, _ := new(big.Int).SetString(groupNHex, 16)
	return n.Lsh(n, 1).Text(16)
}()

// TestSRPVerifierCache: a user's second SRP login builds the precomputed
// powers of its verifier and later ones use them, with the same answers
// (tokens for the right password, a refusal for a wrong one); repeated
// decoy challenges for an unknown user build no tables.
func TestSRPVerifierCache(t *testing.T) {
	e := newEnv(t, envOpts{client: preventOn})
	e.f.MustCreateUser(e.pool.ID, "alice", testPassword)
	tests := []struct {
		name, user, password string
		wantTokens           bool
		wantTables           int
	}{
		{"first login: no table yet", "alice", testPassword, true, 0},
		{"second, wrong password: table built, still refused", "alice", wrongPassword, false, 1},
		{"third: from the table", "alice", testPassword, true, 1},
		{"fourth, wrong password: from the table, refused", "alice", wrongPassword, false, 1},
		{"decoy", "nobody", testPassword, false, 1},
		{"decoy again", "nobody", testPassword, false, 1},
		{"decoy a third time", "nobody", testPassword, false, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := e.srpLogin(tt.user, tt.password, nil)
			if tt.wantTokens {
				mustTokens(t, out, err)
			} else {
				wantErr(t, err, "NotAuthorizedException", msgIncorrectCredentials)
			}
			if got := e.f.verifiers.Len(); got != tt.wantTables {
				t.Errorf("cache holds %d verifiers' tables, want %d", got, tt.wantTables)
			}
		})
	}
}
