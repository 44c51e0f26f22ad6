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
