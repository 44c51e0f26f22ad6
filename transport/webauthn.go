package transport

import "context"

// Document is a JSON value that Cognito carries whole inside a request or an
// answer, as it does a passkey's CredentialCreationOptions and Credential
// (the SDK's document.Interface). On the wire it is a plain JSON object, not
// a string; a Document holds its JSON text unchanged, so that a browser gets
// exactly what Cognito sent. The zero Document is absent (JSON null).
type Document []byte

// MarshalJSON writes the document's JSON text, or null when it is empty.
// encoding/json checks that the text is valid JSON.
func (d Document) MarshalJSON() ([]byte, error) {
	if len(d) == 0 {
		return []byte("null"), nil
	}
	return d, nil
}

// UnmarshalJSON keeps a copy of the JSON text; null leaves the document empty.
func (d *Document) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*d = nil
		return nil
	}
	*d = append((*d)[:0:0], b...)
	return nil
}

// String returns the document's JSON text. A passkey's options and
// credential hold public keys, challenges and signatures over them, none
// of which lets anyone sign in again, so they print in full.
func (d Document) String() string { return string(d) }

// StartWebAuthnRegistrationInput is the request of StartWebAuthnRegistration,
// which begins adding a passkey to the signed-in user.
type StartWebAuthnRegistrationInput struct {
	AccessToken string `json:"AccessToken" redact:"true"`
}

// StartWebAuthnRegistrationOutput carries the options a browser passes to
// navigator.credentials.create (PublicKeyCredentialCreationOptionsJSON):
// rp, user, challenge, pubKeyCredParams, timeout, excludeCredentials and
// authenticatorSelection.
type StartWebAuthnRegistrationOutput struct {
	CredentialCreationOptions Document `json:"CredentialCreationOptions"`
}

// CompleteWebAuthnRegistrationInput is the request of
// CompleteWebAuthnRegistration: the RegistrationResponseJSON the browser's
// navigator.credentials.create produced from StartWebAuthnRegistration's
// options.
type CompleteWebAuthnRegistrationInput struct {
	AccessToken string   `json:"AccessToken" redact:"true"`
	Credential  Document `json:"Credential"`
}

// ListWebAuthnCredentialsInput is the request of ListWebAuthnCredentials.
type ListWebAuthnCredentialsInput struct {
	AccessToken string `json:"AccessToken" redact:"true"`
	NextToken   string `json:"NextToken,omitempty"`
	MaxResults  int32  `json:"MaxResults,omitempty"`
}

// WebAuthnCredentialDescription is one of a user's passkeys.
// CredentialID is the base64url credential id that a sign-in's
// allowCredentials lists and DeleteWebAuthnCredential takes.
type WebAuthnCredentialDescription struct {
	CredentialID            string   `json:"CredentialId"`
	FriendlyCredentialName  string   `json:"FriendlyCredentialName"`
	RelyingPartyID          string   `json:"RelyingPartyId"`
	AuthenticatorAttachment string   `json:"AuthenticatorAttachment,omitempty"`
	AuthenticatorTransports []string `json:"AuthenticatorTransports"`
	CreatedAt               *Time    `json:"CreatedAt,omitempty"`
}

// ListWebAuthnCredentialsOutput is the response of ListWebAuthnCredentials;
// NextToken, when set, asks for the next page.
type ListWebAuthnCredentialsOutput struct {
	Credentials []WebAuthnCredentialDescription `json:"Credentials"`
	NextToken   string                          `json:"NextToken,omitempty"`
}

// DeleteWebAuthnCredentialInput is the request of DeleteWebAuthnCredential.
type DeleteWebAuthnCredentialInput struct {
	AccessToken  string `json:"AccessToken" redact:"true"`
	CredentialID string `json:"CredentialId"`
}

// Passkeys is the signed-in user's own passkey (WebAuthn) operations,
// authorized by an access token: registering one in two steps, listing and
// deleting them. Signing in with a passkey is USER_AUTH's WEB_AUTHN
// challenge, through Authenticator.
type Passkeys interface {
	StartWebAuthnRegistration(ctx context.Context, in *StartWebAuthnRegistrationInput) (*StartWebAuthnRegistrationOutput, error)
	CompleteWebAuthnRegistration(ctx context.Context, in *CompleteWebAuthnRegistrationInput) (*Empty, error)
	ListWebAuthnCredentials(ctx context.Context, in *ListWebAuthnCredentialsInput) (*ListWebAuthnCredentialsOutput, error)
	DeleteWebAuthnCredential(ctx context.Context, in *DeleteWebAuthnCredentialInput) (*Empty, error)
}
