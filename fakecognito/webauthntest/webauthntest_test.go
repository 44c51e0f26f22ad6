package webauthntest_test

import (
	"encoding/base64"
	"errors"
	"testing"

	"github.com/go-webauthn/webauthn/protocol"
	"github.com/go-webauthn/webauthn/protocol/webauthncose"

	"github.com/gocognito/gocognito/fakecognito/webauthntest"
)

const (
	rpID      = "example.com"
	origin    = "https://example.com"
	challenge = "AAECAwQFBgcICQoLDA0ODw" // 16 bytes
)

var creationOptions = []byte(`{"rp":{"id":"example.com","name":"example.com"},"user":{"id":"` +
	base64.RawURLEncoding.EncodeToString([]byte("sub-1")) + `","name":"alice","displayName":""},"challenge":"` + challenge +
	`","pubKeyCredParams":[{"type":"public-key","alg":-7},{"type":"public-key","alg":-257}],"timeout":60000}`)

var algorithms = []protocol.CredentialParameter{
	{Type: protocol.PublicKeyCredentialType, Algorithm: webauthncose.AlgES256},
	{Type: protocol.PublicKeyCredentialType, Algorithm: webauthncose.AlgRS256},
}

// What the authenticator produces passes the WebAuthn library's own
// verification, independently of the fake: registration (attestation none
// and packed) and then an assertion against the registered key.
func TestAuthenticatorPassesVerification(t *testing.T) {
	for _, tc := range []struct {
		name        string
		alg         int
		attestation string
	}{
		{"ES256 none", webauthntest.ES256, ""},
		{"ES256 packed", webauthntest.ES256, webauthntest.AttestationPacked},
		{"RS256 none", webauthntest.RS256, webauthntest.AttestationNone},
		{"RS256 packed", webauthntest.RS256, webauthntest.AttestationPacked},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, err := webauthntest.New(tc.alg, nil)
			if err != nil {
				t.Fatal(err)
			}
			a.Attestation = tc.attestation
			cred, err := a.Create(creationOptions, origin)
			if err != nil {
				t.Fatal(err)
			}
			pcc, err := protocol.ParseCredentialCreationResponseBytes(cred)
			if err != nil {
				t.Fatalf("parse registration: %v", err)
			}
			if _, err := pcc.Verify(challenge, rpID, []string{origin}, nil, nil, protocol.TopOriginExplicitVerificationMode,
				false, true, true, nil, algorithms, protocol.AttestationPolicy{}, protocol.SignaturePolicy{}); err != nil {
				t.Fatalf("verify registration: %v", err)
			}
			key := pcc.Response.AttestationObject.AuthData.AttData.CredentialPublicKey

			for want := uint32(1); want <= 2; want++ {
				got, err := a.Get([]byte(`{"challenge":"`+challenge+`","rpId":"example.com","allowCredentials":[{"id":"`+a.CredentialID()+`","type":"public-key"}]}`), origin)
				if err != nil {
					t.Fatal(err)
				}
				par, err := protocol.ParseCredentialRequestResponseBytes(got)
				if err != nil {
					t.Fatalf("parse assertion: %v", err)
				}
				if err := par.Verify(challenge, rpID, "", []string{origin}, nil, nil, protocol.TopOriginExplicitVerificationMode,
					false, true, true, key, protocol.SignaturePolicy{}); err != nil {
					t.Fatalf("verify assertion: %v", err)
				}
				if c := par.Response.AuthenticatorData.Counter; c != want {
					t.Errorf("counter %d, want %d", c, want)
				}
				if string(par.Response.UserHandle) != "sub-1" {
					t.Errorf("user handle %q, want the user id of the options", par.Response.UserHandle)
				}
			}
		})
	}
}

// The switches that make it misbehave are seen by a verifier.
func TestAuthenticatorMisbehaves(t *testing.T) {
	for _, tc := range []struct {
		name  string
		tweak func(*webauthntest.Authenticator)
	}{
		{"no user verification", func(a *webauthntest.Authenticator) { a.NoUserVerification = true }},
		{"no user presence", func(a *webauthntest.Authenticator) { a.NoUserPresence = true }},
		{"another relying party", func(a *webauthntest.Authenticator) { a.RPID = "example.net" }},
		{"broken signature", func(a *webauthntest.Authenticator) { a.BreakSignature = true }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, err := webauthntest.New(webauthntest.ES256, nil)
			if err != nil {
				t.Fatal(err)
			}
			cred, err := a.Create(creationOptions, origin)
			if err != nil {
				t.Fatal(err)
			}
			pcc, err := protocol.ParseCredentialCreationResponseBytes(cred)
			if err != nil {
				t.Fatal(err)
			}
			key := pcc.Response.AttestationObject.AuthData.AttData.CredentialPublicKey
			tc.tweak(a)
			got, err := a.Get([]byte(`{"challenge":"`+challenge+`","rpId":"example.com"}`), origin)
			if err != nil {
				t.Fatal(err)
			}
			par, err := protocol.ParseCredentialRequestResponseBytes(got)
			if err != nil {
				t.Fatal(err)
			}
			if err := par.Verify(challenge, rpID, "", []string{origin}, nil, nil, protocol.TopOriginExplicitVerificationMode,
				false, true, true, key, protocol.SignaturePolicy{}); err == nil {
				t.Fatal("the library accepted the assertion")
			}
		})
	}
}

// Options it cannot use are refused with ErrOptions.
func TestAuthenticatorRefusesOptions(t *testing.T) {
	a, err := webauthntest.New(webauthntest.RS256, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		call func() ([]byte, error)
	}{
		{"not JSON", func() ([]byte, error) { return a.Create([]byte("{"), origin) }},
		{"no challenge", func() ([]byte, error) { return a.Create([]byte(`{"rp":{"id":"example.com"}}`), origin) }},
		{"algorithm not offered", func() ([]byte, error) {
			return a.Create([]byte(`{"rp":{"id":"example.com"},"challenge":"AA","pubKeyCredParams":[{"alg":-7}]}`), origin)
		}},
		{"another credential asked for", func() ([]byte, error) {
			return a.Get([]byte(`{"challenge":"AA","allowCredentials":[{"id":"b3RoZXI","type":"public-key"}]}`), origin)
		}},
	} {
		if _, err := tc.call(); !errors.Is(err, webauthntest.ErrOptions) {
			t.Errorf("%s: %v, want ErrOptions", tc.name, err)
		}
	}
	if _, err := webauthntest.New(-8, nil); err == nil {
		t.Error("New accepted EdDSA, which it cannot make")
	}
}
