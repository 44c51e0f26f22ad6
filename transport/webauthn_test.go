package transport_test

import (
	"encoding/json"
	"testing"

	"github.com/gocognito/gocognito/transport"
)

// A Document travels as the JSON value it holds, not as a string or as
// base64 bytes, and comes back with its text unchanged.
func TestDocumentJSON(t *testing.T) {
	tests := []struct {
		name string
		in   transport.StartWebAuthnRegistrationOutput
		want string
	}{
		{"object", transport.StartWebAuthnRegistrationOutput{CredentialCreationOptions: transport.Document(`{"rp":{"id":"example.com"},"timeout":60000}`)},
			`{"CredentialCreationOptions":{"rp":{"id":"example.com"},"timeout":60000}}`},
		{"absent", transport.StartWebAuthnRegistrationOutput{}, `{"CredentialCreationOptions":null}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := json.Marshal(tt.in)
			if err != nil || string(b) != tt.want {
				t.Fatalf("Marshal = %s, %v; want %s", b, err, tt.want)
			}
			var back transport.StartWebAuthnRegistrationOutput
			if err := json.Unmarshal(b, &back); err != nil {
				t.Fatal(err)
			}
			if string(back.CredentialCreationOptions) != string(tt.in.CredentialCreationOptions) {
				t.Fatalf("round trip = %s, want %s", back.CredentialCreationOptions, tt.in.CredentialCreationOptions)
			}
		})
	}
	// Text that is not JSON cannot be sent.
	if _, err := json.Marshal(transport.CompleteWebAuthnRegistrationInput{Credential: transport.Document(`{"a":`)}); err == nil {
		t.Error("Marshal accepted a document that is not JSON")
	}
	// Decoding copies: the document does not alias the input buffer.
	raw := []byte(`{"Credential":{"id":"x"}}`)
	var in transport.CompleteWebAuthnRegistrationInput
	if err := json.Unmarshal(raw, &in); err != nil {
		t.Fatal(err)
	}
	copy(raw, `{"Credential":{"id":"y"}}`)
	if got := in.Credential.String(); got != `{"id":"x"}` {
		t.Errorf("document changed with the buffer it came from: %s", got)
	}
}
