package account

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"time"

	"github.com/gocognito/gocognito/transport"
)

// Passkey is one of the user's passkeys (WebAuthn credentials).
type Passkey struct {
	// ID is the base64url credential id, which DeletePasskey takes.
	ID string
	// Name is the friendly name Cognito gave it.
	Name string
	// RelyingPartyID is the domain the passkey is bound to.
	RelyingPartyID string
	// Attachment is "platform" (built into the device) or "cross-platform"
	// (a security key or another device), when the browser said.
	Attachment string
	// Transports are how the browser reaches the authenticator ("internal",
	// "hybrid", "usb", "nfc", "ble").
	Transports []string
	Created    time.Time
}

func passkeyOf(d transport.WebAuthnCredentialDescription) Passkey {
	return Passkey{
		ID: d.CredentialID, Name: d.FriendlyCredentialName, RelyingPartyID: d.RelyingPartyID,
		Attachment: d.AuthenticatorAttachment, Transports: d.AuthenticatorTransports, Created: timeOf(d.CreatedAt),
	}
}

// passkeys returns the Session's transport as transport.Passkeys: a
// transport written before Cognito had passkeys does not have them, and
// the rest of a Session works without.
func (s *Session) passkeys() (transport.Passkeys, error) {
	p, ok := s.c.Cognito.(transport.Passkeys)
	if !ok {
		return nil, fmt.Errorf("%w: the Client's transport does not implement transport.Passkeys", ErrInvalidInput)
	}
	return p, nil
}

// StartPasskeyRegistration begins adding a passkey to the signed-in user
// (StartWebAuthnRegistration). It returns the options, as JSON, to hand
// unchanged to the browser's navigator.credentials.create (after
// PublicKeyCredential.parseCreationOptionsFromJSON); the pool needs
// WEB_AUTHN among its first factors and a relying party id.
func (s *Session) StartPasskeyRegistration(ctx context.Context) (json.RawMessage, error) {
	const op = "start passkey registration"
	p, err := s.passkeys()
	if err != nil {
		return nil, wrap(op, err)
	}
	tok, err := s.AccessToken(ctx)
	if err != nil {
		return nil, err
	}
	out, err := p.StartWebAuthnRegistration(ctx, &transport.StartWebAuthnRegistrationInput{AccessToken: tok})
	if err != nil {
		return nil, wrap(op, err)
	}
	return json.RawMessage(out.CredentialCreationOptions), nil
}

// CompletePasskeyRegistration stores the passkey the browser created from
// StartPasskeyRegistration's options (CompleteWebAuthnRegistration).
// credential is the browser's RegistrationResponseJSON (the
// PublicKeyCredential's toJSON()), passed unchanged. Cognito's refusals
// match transport.ErrWebAuthnOriginNotAllowed,
// ErrWebAuthnRelyingPartyMismatch, ErrWebAuthnChallengeNotFound and the
// other WebAuthn sentinels with errors.Is.
func (s *Session) CompletePasskeyRegistration(ctx context.Context, credential json.RawMessage) error {
	const op = "complete passkey registration"
	if !json.Valid(credential) {
		return invalid(op, "the credential is not JSON")
	}
	p, err := s.passkeys()
	if err != nil {
		return wrap(op, err)
	}
	tok, err := s.AccessToken(ctx)
	if err != nil {
		return err
	}
	_, err = p.CompleteWebAuthnRegistration(ctx, &transport.CompleteWebAuthnRegistrationInput{
		AccessToken: tok, Credential: transport.Document(credential),
	})
	return wrap(op, err)
}

// Passkeys lists the user's passkeys, page by page, to the end.
func (s *Session) Passkeys(ctx context.Context) iter.Seq2[Passkey, error] {
	const op = "list passkeys"
	return paginate(ctx, op, func(ctx context.Context, token string) ([]Passkey, string, error) {
		p, err := s.passkeys()
		if err != nil {
			return nil, "", err
		}
		tok, err := s.AccessToken(ctx)
		if err != nil {
			return nil, "", err
		}
		out, err := p.ListWebAuthnCredentials(ctx, &transport.ListWebAuthnCredentialsInput{AccessToken: tok, NextToken: token})
		if err != nil {
			return nil, "", err
		}
		list := make([]Passkey, len(out.Credentials))
		for i, c := range out.Credentials {
			list[i] = passkeyOf(c)
		}
		return list, out.NextToken, nil
	})
}

// DeletePasskey deletes one of the user's passkeys by its credential id.
func (s *Session) DeletePasskey(ctx context.Context, id string) error {
	const op = "delete passkey"
	if id == "" {
		return invalid(op, "no credential id")
	}
	p, err := s.passkeys()
	if err != nil {
		return wrap(op, err)
	}
	tok, err := s.AccessToken(ctx)
	if err != nil {
		return err
	}
	_, err = p.DeleteWebAuthnCredential(ctx, &transport.DeleteWebAuthnCredentialInput{AccessToken: tok, CredentialID: id})
	return wrap(op, err)
}
