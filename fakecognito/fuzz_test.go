package fakecognito

import (
	"bytes"
	"context"
	"encoding/base64"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/gocognito/gocognito/transport"
)

func TestParseFilter(t *testing.T) {
	tests := []struct {
		in   string
		want filter
		bad  bool
	}{
		{in: "", want: filter{}},
		{in: `email = "a@b.c"`, want: filter{attr: "email", value: "a@b.c"}},
		{in: `email="a@b.c"`, want: filter{attr: "email", value: "a@b.c"}},
		{in: ` given_name ^= "Jo" `, want: filter{attr: "given_name", prefix: true, value: "Jo"}},
		{in: `name = "say \"hi\" \\ bye"`, want: filter{attr: "name", value: `say "hi" \ bye`}},
		{in: `cognito:user_status = "CONFIRMED"`, want: filter{attr: "cognito:user_status", value: "CONFIRMED"}},
		{in: `email = ""`, want: filter{attr: "email", value: ""}},
		{in: `email`, bad: true},
		{in: `email =`, bad: true},
		{in: `email = "open`, bad: true},
		{in: `email = "a" "b"`, bad: true},
		{in: `email != "a"`, bad: true},
		{in: `custom:team = "a"`, bad: true},
		{in: `email = "a\`, bad: true},
		{in: strings.Repeat("x", 300), bad: true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := parseFilter(tt.in)
			if tt.bad {
				if err == nil {
					t.Errorf("parseFilter(%q) = %+v, want an error", tt.in, got)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("parseFilter(%q) = %+v, %v; want %+v", tt.in, got, err, tt.want)
			}
		})
	}
}

// FuzzParseFilter checks that parsing never panics and that a parsed
// filter prints back to one that parses the same.
func FuzzParseFilter(f *testing.F) {
	for _, s := range []string{``, `email = "a@b.c"`, `name ^= "x\"y"`, `status = "Enabled"`, `sub="`, `username ^=""`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		fl, err := parseFilter(s)
		if err != nil {
			return
		}
		again, err := parseFilter(fl.String())
		if err != nil || again != fl {
			t.Fatalf("round trip of %q: %+v -> %q -> %+v, %v", s, fl, fl.String(), again, err)
		}
		fl.Match("u", "CONFIRMED", true, map[string]string{"email": "a@b.c"})
	})
}

func TestPageTokens(t *testing.T) {
	keys := []string{"d", "a", "c", "b", "e"}
	var got []string
	tok := ""
	for {
		page, next, err := page("k", append([]string(nil), keys...), tok, 2)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, page...)
		if next == "" {
			break
		}
		tok = next
	}
	if strings.Join(got, "") != "abcde" {
		t.Errorf("pages = %v", got)
	}
	for _, bad := range []string{"!!!", encodePageToken("other", "a"), encodePageToken("k", ""), strings.Repeat("A", 5000)} {
		if _, _, err := page("k", keys, bad, 2); err == nil {
			t.Errorf("token %q accepted", bad)
		}
	}
}

// FuzzPageToken checks that decoding an arbitrary token never panics and
// that every token encodePageToken makes decodes to its key.
func FuzzPageToken(f *testing.F) {
	f.Add("k", "after")
	f.Add("", "")
	f.Add("users:us-east-1_x", "\x00\xff")
	f.Fuzz(func(t *testing.T, kind, s string) {
		_, _ = decodePageToken(kind, s)
		if s == "" || !utf8.ValidString(s) || !utf8.ValidString(kind) {
			return // JSON would replace invalid bytes: such keys never occur
		}
		tok := encodePageToken(kind, s)
		if len(tok) > maxPageTokenLen {
			return
		}
		got, err := decodePageToken(kind, tok)
		if err != nil || got != s {
			t.Fatalf("decode(encode(%q)) = %q, %v", s, got, err)
		}
	})
}

// FuzzRespondToAuthChallenge sends arbitrary answers, sessions and secret
// blocks: the fake must answer with an error (never a panic, never tokens
// for made-up input).
func FuzzRespondToAuthChallenge(f *testing.F) {
	fake := New(Options{})
	pool := fake.MustCreatePool(transport.CreateUserPoolInput{PoolName: "p", PoolSettings: transport.PoolSettings{
		DeviceConfiguration: &transport.DeviceConfiguration{}}})
	client := fake.MustCreateClient(transport.CreateUserPoolClientInput{UserPoolID: pool.ID, ClientSettings: transport.ClientSettings{ClientName: "c"}})
	fake.MustCreateUser(pool.ID, "alice", testPassword)
	for _, name := range []string{"PASSWORD_VERIFIER", "DEVICE_SRP_AUTH", "DEVICE_PASSWORD_VERIFIER", "SMS_MFA", "SOFTWARE_TOKEN_MFA",
		"SELECT_MFA_TYPE", "MFA_SETUP", "NEW_PASSWORD_REQUIRED", "CUSTOM_CHALLENGE", "OTHER"} {
		f.Add(name, "", "alice", "QUFBQQ==", "c2ln", "Tue Mar 5 07:08:09 UTC 2024", "abcdef")
	}
	f.Fuzz(func(t *testing.T, challenge, session, username, block, sig, ts, extra string) {
		out, err := fake.RespondToAuthChallenge(context.Background(), &transport.RespondToAuthChallengeInput{
			ClientID: client.ClientID, ChallengeName: challenge, Session: session,
			ChallengeResponses: map[string]string{
				transport.ParamUsername: username, transport.ParamClaimSecretBlock: block, transport.ParamClaimSignature: sig,
				transport.ParamTimestamp: ts, transport.ParamDeviceKey: extra, transport.ParamSRPA: extra,
				transport.ParamSMSMFACode: extra, transport.ParamSoftwareTokenMFACode: extra, transport.ParamAnswer: extra,
				transport.ParamNewPassword: extra,
			},
		})
		if err == nil {
			t.Fatalf("made-up answer accepted: %v", out)
		}
	})
}

// FuzzInitiateAuth sends arbitrary parameters to every flow.
func FuzzInitiateAuth(f *testing.F) {
	fake := New(Options{})
	pool := fake.MustCreatePool(transport.CreateUserPoolInput{PoolName: "p", AliasAttributes: []string{"email"}})
	client := fake.MustCreateClient(transport.CreateUserPoolClientInput{UserPoolID: pool.ID, ClientSettings: transport.ClientSettings{
		ClientName: "c", ExplicitAuthFlows: []string{transport.AllowUserSRPAuth, transport.AllowUserPasswordAuth, transport.AllowRefreshTokenAuth, transport.AllowCustomAuth}}})
	fake.MustCreateUser(pool.ID, "alice", testPassword)
	for _, flow := range []string{"USER_SRP_AUTH", "USER_PASSWORD_AUTH", "REFRESH_TOKEN_AUTH", "CUSTOM_AUTH", "X"} {
		f.Add(flow, "alice", "0", "")
	}
	f.Add("USER_SRP_AUTH", "alice", strings.Repeat("f", 768), "")
	f.Fuzz(func(t *testing.T, flow, username, a, other string) {
		out, err := fake.InitiateAuth(context.Background(), &transport.InitiateAuthInput{ClientID: client.ClientID, AuthFlow: flow,
			AuthParameters: map[string]string{
				transport.ParamUsername: username, transport.ParamSRPA: a, transport.ParamPassword: other,
				transport.ParamRefreshToken: other, transport.ParamChallengeName: other, transport.ParamDeviceKey: other,
			}})
		if err == nil && out.AuthenticationResult != nil && other != testPassword {
			t.Fatalf("tokens for made-up input: flow %q user %q", flow, username)
		}
	})
}

// FuzzAccessToken sends arbitrary access tokens to an operation that
// verifies them: only a token the fake signed may pass.
func FuzzAccessToken(f *testing.F) {
	fake := New(Options{})
	pool := fake.MustCreatePool(transport.CreateUserPoolInput{PoolName: "p"})
	client := fake.MustCreateClient(transport.CreateUserPoolClientInput{UserPoolID: pool.ID, ClientSettings: transport.ClientSettings{
		ClientName: "c", ExplicitAuthFlows: []string{transport.AllowUserPasswordAuth, transport.AllowRefreshTokenAuth}}})
	fake.MustCreateUser(pool.ID, "alice", testPassword)
	out, err := fake.InitiateAuth(context.Background(), &transport.InitiateAuthInput{AuthFlow: transport.FlowUserPassword, ClientID: client.ClientID,
		AuthParameters: map[string]string{transport.ParamUsername: "alice", transport.ParamPassword: testPassword}})
	if err != nil {
		f.Fatal(err)
	}
	good := out.AuthenticationResult.AccessToken
	f.Add(good)
	f.Add(out.AuthenticationResult.IDToken)
	f.Add("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.")
	f.Fuzz(func(t *testing.T, tok string) {
		_, err := fake.GetUser(context.Background(), &transport.AccessTokenInput{AccessToken: tok})
		if err == nil && !sameJWT(tok, good) {
			t.Fatalf("a token the fake did not sign was accepted: %q", tok)
		}
	})
}

// sameJWT reports whether two compact JWTs decode to the same bytes:
// base64 may spell the same bytes in more than one way.
func sameJWT(a, b string) bool {
	pa, pb := strings.Split(a, "."), strings.Split(b, ".")
	if len(pa) != 3 || len(pb) != 3 {
		return false
	}
	for i := range pa {
		da, errA := base64.RawURLEncoding.DecodeString(pa[i])
		db, errB := base64.RawURLEncoding.DecodeString(pb[i])
		if errA != nil || errB != nil || !bytes.Equal(da, db) {
			return false
		}
	}
	return true
}
