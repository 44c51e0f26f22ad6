package tokens_test

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/lestrrat-go/jwx/v3/jwa"
	"github.com/lestrrat-go/jwx/v3/jwk"
	"github.com/lestrrat-go/jwx/v3/jws"

	"github.com/gocognito/gocognito/tokens"
)

const (
	issuer   = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Test12345"
	clientID = "4a9c7cqcm1ut3pu8cd7mrvdlq2"
)

var epoch = time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)

type testKey struct {
	kid  string
	priv *rsa.PrivateKey
}

var keyA, keyB = newTestKey("kid-id"), newTestKey("kid-access")

func newTestKey(kid string) testKey {
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		panic(err)
	}
	return testKey{kid, k}
}

func jwks(t testing.TB, keys ...testKey) []byte {
	t.Helper()
	set := jwk.NewSet()
	for _, k := range keys {
		pub, err := jwk.Import(&k.priv.PublicKey)
		if err != nil {
			t.Fatal(err)
		}
		_ = pub.Set(jwk.KeyIDKey, k.kid)
		_ = pub.Set(jwk.AlgorithmKey, jwa.RS256())
		_ = set.AddKey(pub)
	}
	b, err := json.Marshal(set)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func sign(t testing.TB, k testKey, claims map[string]any) string {
	t.Helper()
	payload, err := json.Marshal(claims)
	if err != nil {
		t.Fatal(err)
	}
	hdr := jws.NewHeaders()
	_ = hdr.Set(jws.KeyIDKey, k.kid)
	tok, err := jws.Sign(payload, jws.WithKey(jwa.RS256(), k.priv, jws.WithProtectedHeaders(hdr)))
	if err != nil {
		t.Fatal(err)
	}
	return string(tok)
}

func idClaims() map[string]any {
	return map[string]any{
		"sub": "9f1c0f3e-1111-4d6e-9b0a-5a1b2c3d4e5f", "iss": issuer, "aud": clientID, "token_use": "id",
		"cognito:username": "alice", "email": "alice@example.com", "email_verified": true,
		"cognito:groups": []string{"admins"}, "auth_time": epoch.Unix(), "iat": epoch.Unix(),
		"exp": epoch.Add(time.Hour).Unix(), "jti": "j1", "origin_jti": "o1", "event_id": "e1",
		"custom:team": "blue",
	}
}

func accessClaims() map[string]any {
	return map[string]any{
		"sub": "9f1c0f3e-1111-4d6e-9b0a-5a1b2c3d4e5f", "iss": issuer, "client_id": clientID, "token_use": "access",
		"username": "alice", "scope": "aws.cognito.signin.user.admin", "device_key": "us-east-1_1c0e6a5e-8f44-4a25-9d9b-0a1b2c3d4e5f",
		"auth_time": epoch.Unix(), "iat": epoch.Unix(), "exp": epoch.Add(time.Hour).Unix(), "jti": "j2", "origin_jti": "o1", "event_id": "e1",
	}
}

func with(m map[string]any, kv ...any) map[string]any {
	for i := 0; i < len(kv); i += 2 {
		if kv[i+1] == nil {
			delete(m, kv[i].(string))
			continue
		}
		m[kv[i].(string)] = kv[i+1]
	}
	return m
}

func newVerifier(t testing.TB, now time.Time) *tokens.Verifier {
	ks, err := tokens.NewStaticKeySet(jwks(t, keyA, keyB))
	if err != nil {
		t.Fatal(err)
	}
	return &tokens.Verifier{Issuer: issuer, ClientID: clientID, Keys: ks, Now: func() time.Time { return now }}
}

func TestVerifyAcceptsGoodTokens(t *testing.T) {
	v := newVerifier(t, epoch.Add(30*time.Minute))
	id, err := v.VerifyID(context.Background(), sign(t, keyA, idClaims()))
	if err != nil {
		t.Fatalf("VerifyID: %v", err)
	}
	if id.Username != "alice" || id.String("email") != "alice@example.com" || id.String("email_verified") != "true" ||
		id.String("custom:team") != "blue" || len(id.Groups) != 1 || id.Groups[0] != "admins" || !id.AuthTime.Equal(epoch) {
		t.Errorf("ID claims = %+v", id)
	}
	acc, err := v.VerifyAccess(context.Background(), sign(t, keyB, accessClaims()))
	if err != nil {
		t.Fatalf("VerifyAccess: %v", err)
	}
	if acc.Username != "alice" || acc.ClientID != clientID || acc.DeviceKey == "" || acc.Scope != "aws.cognito.signin.user.admin" {
		t.Errorf("access claims = %+v", acc)
	}
	if _, err := v.Verify(context.Background(), sign(t, keyB, accessClaims())); err != nil {
		t.Errorf("Verify of an access token: %v", err)
	}
}

func TestVerifyRefuses(t *testing.T) {
	other := newTestKey("kid-id") // same kid, different key: a forgery
	tests := []struct {
		name   string
		token  func(t *testing.T) string
		verify func(v *tokens.Verifier, tok string) error
		want   error
	}{
		{"expired", func(t *testing.T) string {
			return sign(t, keyA, with(idClaims(), "exp", epoch.Add(-2*time.Minute).Unix()))
		}, verifyID, tokens.ErrExpired},
		{"issued in the future", func(t *testing.T) string {
			return sign(t, keyA, with(idClaims(), "iat", epoch.Add(50*time.Minute).Unix(), "exp", epoch.Add(2*time.Hour).Unix()))
		}, verifyID, tokens.ErrNotYetValid},
		{"no exp", func(t *testing.T) string { return sign(t, keyA, with(idClaims(), "exp", nil)) }, verifyID, tokens.ErrMalformed},
		{"other issuer", func(t *testing.T) string {
			return sign(t, keyA, with(idClaims(), "iss", issuer+"x"))
		}, verifyID, tokens.ErrWrongIssuer},
		{"access token as ID", func(t *testing.T) string { return sign(t, keyB, accessClaims()) }, verifyID, tokens.ErrWrongTokenUse},
		{"ID token as access", func(t *testing.T) string { return sign(t, keyA, idClaims()) }, verifyAccess, tokens.ErrWrongTokenUse},
		{"unknown token_use", func(t *testing.T) string {
			return sign(t, keyA, with(idClaims(), "token_use", "refresh"))
		}, verifyAny, tokens.ErrWrongTokenUse},
		{"other audience", func(t *testing.T) string {
			return sign(t, keyA, with(idClaims(), "aud", "someoneelse"))
		}, verifyID, tokens.ErrWrongAudience},
		{"other client_id", func(t *testing.T) string {
			return sign(t, keyB, with(accessClaims(), "client_id", "someoneelse"))
		}, verifyAccess, tokens.ErrWrongAudience},
		{"forged with another key", func(t *testing.T) string { return sign(t, other, idClaims()) }, verifyID, tokens.ErrBadSignature},
		{"unknown kid", func(t *testing.T) string { return sign(t, newTestKey("nope"), idClaims()) }, verifyID, tokens.ErrUnknownKey},
		{"alg none", func(t *testing.T) string {
			parts := strings.Split(sign(t, keyA, idClaims()), ".")
			return "eyJhbGciOiJub25lIiwia2lkIjoia2lkLWlkIn0." + parts[1] + "."
		}, verifyID, tokens.ErrUnsupportedAlg},
		{"HS256 with the public key as secret", func(t *testing.T) string {
			payload, _ := json.Marshal(idClaims())
			hdr := jws.NewHeaders()
			_ = hdr.Set(jws.KeyIDKey, "kid-id")
			tok, err := jws.Sign(payload, jws.WithKey(jwa.HS256(), []byte("secret"), jws.WithProtectedHeaders(hdr)))
			if err != nil {
				t.Fatal(err)
			}
			return string(tok)
		}, verifyID, tokens.ErrUnsupportedAlg},
		{"garbage", func(t *testing.T) string { return "a.b.c" }, verifyID, tokens.ErrMalformed},
		{"two parts", func(t *testing.T) string { return "a.b" }, verifyID, tokens.ErrMalformed},
		{"huge", func(t *testing.T) string { return strings.Repeat("a", 70000) + ".b.c" }, verifyID, tokens.ErrMalformed},
	}
	v := newVerifier(t, epoch.Add(30*time.Minute))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.verify(v, tt.token(t))
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
		})
	}
}

func TestExpiredErrorCarriesExpiry(t *testing.T) {
	v := newVerifier(t, epoch.Add(3*time.Hour))
	_, err := v.VerifyID(context.Background(), sign(t, keyA, idClaims()))
	var exp *tokens.ExpiredError
	if !errors.As(err, &exp) || !exp.Expiry.Equal(epoch.Add(time.Hour)) {
		t.Fatalf("err = %v, want *ExpiredError at %v", err, epoch.Add(time.Hour))
	}
}

func TestLeewayToleratesSkew(t *testing.T) {
	v := newVerifier(t, epoch.Add(time.Hour+30*time.Second))
	if _, err := v.VerifyID(context.Background(), sign(t, keyA, idClaims())); err != nil {
		t.Fatalf("30 s past exp within the default one-minute leeway: %v", err)
	}
	v.Leeway = time.Second
	if _, err := v.VerifyID(context.Background(), sign(t, keyA, idClaims())); !errors.Is(err, tokens.ErrExpired) {
		t.Fatalf("with a 1 s leeway: err = %v, want expired", err)
	}
}

func verifyID(v *tokens.Verifier, tok string) error {
	_, err := v.VerifyID(context.Background(), tok)
	return err
}

func verifyAccess(v *tokens.Verifier, tok string) error {
	_, err := v.VerifyAccess(context.Background(), tok)
	return err
}

func verifyAny(v *tokens.Verifier, tok string) error {
	_, err := v.Verify(context.Background(), tok)
	return err
}

func TestRemoteKeySetRefetchesOnUnknownKid(t *testing.T) {
	var served atomic.Value
	served.Store(jwks(t, keyA))
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/pool/.well-known/jwks.json" {
			http.NotFound(w, r)
			return
		}
		hits.Add(1)
		_, _ = w.Write(served.Load().([]byte))
	}))
	defer srv.Close()

	now := epoch
	ks := &tokens.RemoteKeySet{URL: tokens.JWKSURL(srv.URL + "/pool"), Client: srv.Client(), Now: func() time.Time { return now }}
	ctx := context.Background()
	if _, err := ks.PublicKey(ctx, "kid-id"); err != nil {
		t.Fatal(err)
	}
	if _, err := ks.PublicKey(ctx, "kid-id"); err != nil || hits.Load() != 1 {
		t.Fatalf("cached lookup: err %v, hits %d, want 1", err, hits.Load())
	}
	// The pool rotates in a new key: the first token naming it triggers one refetch.
	served.Store(jwks(t, keyA, keyB))
	now = now.Add(2 * time.Minute)
	if _, err := ks.PublicKey(ctx, "kid-access"); err != nil || hits.Load() != 2 {
		t.Fatalf("after rotation: err %v, hits %d, want 2", err, hits.Load())
	}
	// Forged kids do not make it fetch again within MinRefetch.
	for range 5 {
		if _, err := ks.PublicKey(ctx, "forged"); !errors.Is(err, tokens.ErrUnknownKey) {
			t.Fatalf("forged kid: %v", err)
		}
	}
	if hits.Load() != 2 {
		t.Fatalf("hits = %d, want 2: no refetch within MinRefetch of the last one", hits.Load())
	}
	now = now.Add(2 * time.Minute)
	_, _ = ks.PublicKey(ctx, "forged")
	_, _ = ks.PublicKey(ctx, "forged")
	if hits.Load() != 3 {
		t.Fatalf("hits = %d, want 3: one refetch once MinRefetch has passed", hits.Load())
	}
}

func TestRemoteKeySetErrors(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/500":
			http.Error(w, "boom", 500)
		case "/huge":
			_, _ = w.Write([]byte(`{"keys":[` + strings.Repeat(" ", 2<<20) + `]}`))
		default:
			_, _ = w.Write([]byte(`{"keys":"not a list"}`))
		}
	}))
	defer srv.Close()
	for _, path := range []string{"/500", "/huge", "/bad"} {
		ks := &tokens.RemoteKeySet{URL: srv.URL + path, Client: srv.Client()}
		if _, err := ks.PublicKey(context.Background(), "k"); !errors.Is(err, tokens.ErrBadKeySet) {
			t.Errorf("%s: err = %v, want ErrBadKeySet", path, err)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	ks := &tokens.RemoteKeySet{URL: srv.URL + "/bad", Client: srv.Client()}
	if _, err := ks.PublicKey(ctx, "k"); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled ctx: err = %v", err)
	}
}

func FuzzVerify(f *testing.F) {
	v := newVerifier(f, epoch)
	f.Add(sign(f, keyA, idClaims()))
	f.Add("eyJhbGciOiJub25lIn0.e30.")
	f.Add("..")
	f.Fuzz(func(t *testing.T, tok string) {
		c, err := v.Verify(context.Background(), tok)
		if err == nil && (c == nil || c.Issuer != issuer) {
			t.Fatalf("accepted %q with claims %+v", tok, c)
		}
	})
}

func FuzzStaticKeySet(f *testing.F) {
	f.Add(jwks(f, keyA))
	f.Add([]byte(`{"keys":[]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		ks, err := tokens.NewStaticKeySet(b)
		if err == nil && ks == nil {
			t.Fatal("nil key set without error")
		}
	})
}

func TestVerifierWithoutIssuerRefusesEverything(t *testing.T) {
	ks, err := tokens.NewStaticKeySet(jwks(t, keyA, keyB))
	if err != nil {
		t.Fatal(err)
	}
	now := func() time.Time { return epoch.Add(time.Minute) }
	tests := []struct {
		name  string
		v     *tokens.Verifier
		token string
	}{
		{"token without iss, Keys set", &tokens.Verifier{ClientID: clientID, Keys: ks, Now: now}, sign(t, keyA, with(idClaims(), "iss", nil))},
		{"token with iss, Keys set", &tokens.Verifier{ClientID: clientID, Keys: ks, Now: now}, sign(t, keyA, idClaims())},
		{"token without iss, no Keys", &tokens.Verifier{ClientID: clientID, Now: now}, sign(t, keyA, with(idClaims(), "iss", nil))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := tt.v.Verify(context.Background(), tt.token); !errors.Is(err, tokens.ErrNoIssuer) {
				t.Fatalf("err = %v, want ErrNoIssuer", err)
			}
		})
	}
}

// TestVerifierFetchesKeysOnce: a Verifier without Keys builds one remote key
// set and keeps it, so verifying many tokens fetches the JWKS once.
func TestVerifierFetchesKeysOnce(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		_, _ = w.Write(jwks(t, keyA, keyB))
	}))
	defer srv.Close()
	iss := srv.URL + "/us-east-1_Test12345"
	v := &tokens.Verifier{Issuer: iss, ClientID: clientID, Now: func() time.Time { return epoch.Add(time.Minute) }}
	id := sign(t, keyA, with(idClaims(), "iss", iss))
	access := sign(t, keyB, with(accessClaims(), "iss", iss))
	for range 3 {
		if _, err := v.VerifyID(context.Background(), id); err != nil {
			t.Fatal(err)
		}
		if _, err := v.VerifyAccess(context.Background(), access); err != nil {
			t.Fatal(err)
		}
	}
	if got := hits.Load(); got != 1 {
		t.Fatalf("%d JWKS fetches for 6 verifications, want 1", got)
	}
}

// TestVerifyAcceptsLookalikeClaims: claims whose names match a Claims field
// only case-insensitively (expiry, Username, SUB, ...) belong in Raw: they
// must neither make a valid token look malformed nor stand in for the claim
// of that exact name.
func TestVerifyAcceptsLookalikeClaims(t *testing.T) {
	tests := []struct {
		name  string
		claim string
		value any
	}{
		{"expiry", "expiry", "tomorrow"},
		{"Expiry", "Expiry", 12},
		{"issuedat", "issuedat", "x"},
		{"authtime", "authtime", true},
		{"Username as a number", "Username", 5},
		{"SUB as a number", "SUB", 5},
		{"Token_Use", "Token_Use", "access"},
		{"EXP", "EXP", "soon"},
	}
	v := newVerifier(t, epoch.Add(30*time.Minute))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := v.VerifyID(context.Background(), sign(t, keyA, with(idClaims(), tt.claim, tt.value)))
			if err != nil {
				t.Fatalf("VerifyID: %v", err)
			}
			if c.Username != "alice" || c.Subject != idClaims()["sub"] || c.TokenUse != "id" ||
				!c.Expiry.Equal(epoch.Add(time.Hour)) || !c.IssuedAt.Equal(epoch) || !c.AuthTime.Equal(epoch) {
				t.Fatalf("claims %+v", c)
			}
			if c.Raw[tt.claim] == nil {
				t.Fatalf("%s missing from Raw", tt.claim)
			}
		})
	}
}

// FuzzClaims: decoding a payload never panics, and what decodes keeps every
// claim in Raw.
func FuzzClaims(f *testing.F) {
	for _, m := range []map[string]any{idClaims(), accessClaims(), with(idClaims(), "expiry", "x", "SUB", 1)} {
		b, err := json.Marshal(m)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`null`))
	f.Add([]byte(`{"cognito:groups":[1]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		var c tokens.Claims
		if err := json.Unmarshal(b, &c); err != nil {
			return
		}
		if c.Raw == nil {
			t.Fatalf("decoded %q without Raw", b)
		}
	})
}

// TestVerifierClientIDIsRequired: an empty ClientID refuses every token
// unless SkipClientIDCheck says that every client of the pool is welcome.
func TestVerifierClientIDIsRequired(t *testing.T) {
	ks, err := tokens.NewStaticKeySet(jwks(t, keyA, keyB))
	if err != nil {
		t.Fatal(err)
	}
	now := func() time.Time { return epoch.Add(time.Minute) }
	other := sign(t, keyA, with(idClaims(), "aud", "someotherclient"))
	otherAccess := sign(t, keyB, with(accessClaims(), "client_id", "someotherclient"))
	tests := []struct {
		name    string
		v       *tokens.Verifier
		token   string
		wantErr error // nil: accepted
	}{
		{"no client id", &tokens.Verifier{Issuer: issuer, Keys: ks, Now: now}, sign(t, keyA, idClaims()), tokens.ErrNoClientID},
		{"no client id, access token", &tokens.Verifier{Issuer: issuer, Keys: ks, Now: now}, sign(t, keyB, accessClaims()), tokens.ErrNoClientID},
		{"another client's ID token", &tokens.Verifier{Issuer: issuer, ClientID: clientID, Keys: ks, Now: now}, other, tokens.ErrWrongAudience},
		{"another client's access token", &tokens.Verifier{Issuer: issuer, ClientID: clientID, Keys: ks, Now: now}, otherAccess, tokens.ErrWrongAudience},
		{"opted out: another client's ID token", &tokens.Verifier{Issuer: issuer, SkipClientIDCheck: true, Keys: ks, Now: now}, other, nil},
		{"opted out: another client's access token", &tokens.Verifier{Issuer: issuer, SkipClientIDCheck: true, Keys: ks, Now: now}, otherAccess, nil},
		{"opted out, client id ignored", &tokens.Verifier{Issuer: issuer, ClientID: clientID, SkipClientIDCheck: true, Keys: ks, Now: now}, other, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.v.Verify(context.Background(), tt.token)
			if tt.wantErr == nil && err != nil || tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
		})
	}
}

func TestIssuer(t *testing.T) {
	tests := []struct {
		name, got, want string
	}{
		{"Cognito", tokens.Issuer("eu-west-1", "eu-west-1_AbC123"), "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123"},
		{"Cognito, region from the pool id", tokens.Issuer("", "us-east-1_Test12345"), issuer},
		{"an endpoint", tokens.IssuerAt("http://127.0.0.1:9229", "us-east-1_Example1"), "http://127.0.0.1:9229/us-east-1_Example1"},
		{"an endpoint with a slash", tokens.IssuerAt("http://cognito:9229/", "us-east-1_Example1"), "http://cognito:9229/us-east-1_Example1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("got %q, want %q", tt.got, tt.want)
			}
		})
	}
}
