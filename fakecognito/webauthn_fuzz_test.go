package fakecognito

import (
	"errors"
	"testing"
	"time"

	"github.com/gocognito/gocognito/fakecognito/webauthntest"
	"github.com/gocognito/gocognito/transport"
)

// FuzzPasskeyRegistration feeds arbitrary credential JSON to the parsing and
// verification of a registration: it must never panic, and whatever it
// refuses it refuses with a Cognito error. The seeds are a real registration
// by the software authenticator and broken variants of it.
func FuzzPasskeyRegistration(f *testing.F) {
	a, err := webauthntest.New(webauthntest.ES256, nil)
	if err != nil {
		f.Fatal(err)
	}
	const challenge = "AAAAAAAAAAAAAAAAAAAAAA"
	opts := []byte(`{"rp":{"id":"example.com","name":"example.com"},"user":{"id":"dXNlcg","name":"u","displayName":""},"challenge":"` + challenge + `","pubKeyCredParams":[{"type":"public-key","alg":-7}]}`)
	good, err := a.Create(opts, "https://example.com")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	f.Add(good[:len(good)/2])
	f.Add([]byte(`{"id":"AA","rawId":"AA","type":"public-key","response":{"clientDataJSON":"e30","attestationObject":"oA"}}`))
	f.Add([]byte(`null`))
	fake := New(Options{Clock: func() time.Time { return testStart }})
	reg := &passkeyRegistration{Challenge: challenge, RPID: "example.com", UV: "preferred", Expires: testStart.Add(time.Minute)}
	f.Fuzz(func(t *testing.T, doc []byte) {
		pcc, err := parseRegistration(transport.Document(doc))
		if err == nil {
			_, err = fake.verifyRegistration(pcc, reg)
		}
		var te *transport.Error
		if err != nil && !errors.As(err, &te) {
			t.Fatalf("refused with %v, not a Cognito error", err)
		}
	})
}

// FuzzPasskeyAssertion feeds arbitrary CREDENTIAL answers to the check of a
// WEB_AUTHN challenge: it must never panic, and every refusal is
// NotAuthorizedException. The seeds are a real assertion and broken ones.
func FuzzPasskeyAssertion(f *testing.F) {
	a, err := webauthntest.New(webauthntest.ES256, nil)
	if err != nil {
		f.Fatal(err)
	}
	const challenge = "AAAAAAAAAAAAAAAAAAAAAA"
	reg := []byte(`{"rp":{"id":"example.com","name":"example.com"},"user":{"id":"c3Vi","name":"u","displayName":""},"challenge":"` + challenge + `","pubKeyCredParams":[{"type":"public-key","alg":-7}]}`)
	created, err := a.Create(reg, "https://example.com")
	if err != nil {
		f.Fatal(err)
	}
	fake := New(Options{Clock: func() time.Time { return testStart }})
	pcc, err := parseRegistration(created)
	if err != nil {
		f.Fatal(err)
	}
	pk, err := fake.verifyRegistration(pcc, &passkeyRegistration{Challenge: challenge, RPID: "example.com", UV: "preferred"})
	if err != nil {
		f.Fatal(err)
	}
	good, err := a.Get([]byte(`{"challenge":"`+challenge+`","rpId":"example.com"}`), "https://example.com")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(good))
	f.Add(string(good[:len(good)/3]))
	f.Add(`{"id":"AA","rawId":"AA","type":"public-key","response":{"clientDataJSON":"e30","authenticatorData":"AA","signature":"AA"}}`)
	f.Fuzz(func(t *testing.T, credential string) {
		u := &user{Sub: "sub", Passkeys: map[string]*passkey{pk.ID: {
			ID: pk.ID, PublicKey: pk.PublicKey, Algorithm: pk.Algorithm, RPID: pk.RPID,
		}}}
		auth := &authState{webAuthn: &webAuthnLogin{Challenge: challenge, RPID: "example.com", UV: "preferred"}}
		err := fake.checkWebAuthnCredentialLocked(nil, u, auth, credential)
		if err != nil && !errors.Is(err, transport.ErrNotAuthorized) {
			t.Fatalf("refused with %v, want NotAuthorizedException", err)
		}
	})
}
