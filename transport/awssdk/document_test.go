package awssdk

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/gocognito/gocognito/transport"
)

// A passkey's options and credential are JSON objects on the wire, not
// strings: the document goes out and comes back as the same JSON value.
func TestDocumentsTravelAsJSONObjects(t *testing.T) {
	const options = `{"rp":{"id":"example.com","name":"example.com"},"timeout":60000,"pubKeyCredParams":[{"type":"public-key","alg":-7},{"type":"public-key","alg":-257}],"big":123456789012345678901234567890}`
	tests := []struct {
		name string
		doc  transport.Document
		want string // the Credential the request carries
	}{
		{"object", transport.Document(options), options},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, mt := testConfig()
			rec := serve(mt, always(http.StatusOK, `{"CredentialCreationOptions":`+options+`}`))
			c := New(cfg)
			if _, err := c.CompleteWebAuthnRegistration(t.Context(), &transport.CompleteWebAuthnRegistrationInput{AccessToken: "t", Credential: tt.doc}); err != nil {
				t.Fatal(err)
			}
			var body map[string]json.RawMessage
			reqs := rec.requests()
			if len(reqs) != 1 {
				t.Fatalf("%d requests, want 1", len(reqs))
			}
			if err := json.Unmarshal(reqs[0].Body, &body); err != nil {
				t.Fatal(err)
			}
			if !sameJSON(t, body["Credential"], []byte(tt.want)) {
				t.Errorf("Credential = %s, want %s", body["Credential"], tt.want)
			}

			out, err := c.StartWebAuthnRegistration(t.Context(), &transport.StartWebAuthnRegistrationInput{AccessToken: "t"})
			if err != nil {
				t.Fatal(err)
			}
			if !sameJSON(t, out.CredentialCreationOptions, []byte(options)) {
				t.Errorf("CredentialCreationOptions = %s, want %s", out.CredentialCreationOptions, options)
			}
		})
	}
}

// Text that is not JSON is not sent: the call fails before the request.
func TestDocumentThatIsNotJSONIsNotSent(t *testing.T) {
	for _, bad := range []string{`{"a":`, `{} {}`, `nope`} {
		cfg, mt := testConfig()
		rec := serve(mt, always(http.StatusOK, `{}`))
		_, err := New(cfg).CompleteWebAuthnRegistration(t.Context(), &transport.CompleteWebAuthnRegistrationInput{AccessToken: "t", Credential: transport.Document(bad)})
		if err == nil || !strings.Contains(err.Error(), "documentIsNotJSON") {
			t.Errorf("%s: err = %v, want the SDK's refusal naming documentIsNotJSON", bad, err)
		}
		if n := len(rec.requests()); n != 0 {
			t.Errorf("%s: %d requests sent, want none", bad, n)
		}
	}
}

func sameJSON(t *testing.T, a, b []byte) bool {
	t.Helper()
	var va, vb any
	for _, p := range []struct {
		b []byte
		v *any
	}{{a, &va}, {b, &vb}} {
		dec := json.NewDecoder(strings.NewReader(string(p.b)))
		dec.UseNumber()
		if err := dec.Decode(p.v); err != nil {
			t.Fatalf("%s: %v", p.b, err)
		}
	}
	ja, _ := json.Marshal(va)
	jb, _ := json.Marshal(vb)
	return string(ja) == string(jb)
}
