package fakecognito

import (
	"bytes"
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/go-webauthn/webauthn/protocol"
	"github.com/go-webauthn/webauthn/protocol/webauthncbor"
	"github.com/go-webauthn/webauthn/protocol/webauthncose"

	"github.com/gocognito/gocognito/transport"
)

// Passkeys (WebAuthn). Registration is StartWebAuthnRegistration, whose
// CredentialCreationOptions a browser hands to navigator.credentials.create,
// and CompleteWebAuthnRegistration with what the browser returned; signing
// in is USER_AUTH's WEB_AUTHN challenge (auth_webauthn.go). Every ceremony is
// verified for real by github.com/go-webauthn/webauthn: the challenge, the
// origin, the hash of the relying party id, user presence and verification,
// the attestation ("none" or packed self-attestation) and, at sign-in, the
// signature and its counter. The checks whose failures Cognito names with
// their own exception (origin, relying party, challenge, client) are made
// first, here, so that each refusal carries Cognito's name; the library then
// checks everything again.

const (
	// passkeyChallengeLen is the size of a ceremony's challenge: 16 random
	// bytes, unpadded base64url, as Cognito's (amplify-js mocks).
	passkeyChallengeLen = 16
	// passkeyRegistrationTimeout is the timeout of the creation options, in
	// milliseconds, as Cognito sends it.
	passkeyRegistrationTimeout = 60000
	// passkeyRegistrationValidity is how long the fake keeps a registration
	// challenge: Cognito does not publish it; the browser gives up after
	// the options' timeout (one minute), and five minutes leaves room for a
	// slow client without keeping challenges around.
	passkeyRegistrationValidity = 5 * time.Minute
	// maxPasskeysPerUser bounds a user's passkeys (Cognito's quota is not
	// published; 20 keeps a state small).
	maxPasskeysPerUser = 20
	// maxCredentialJSON bounds the Credential document the fake parses.
	maxCredentialJSON = 64 << 10
	// passkeyUVPreferred is Cognito's userVerification when the pool's
	// WebAuthnConfiguration leaves it out.
	passkeyUVPreferred = "preferred"
)

// passkey is a registered WebAuthn credential of a user.
type passkey struct {
	ID           string    `json:"id"`        // base64url credential id
	PublicKey    []byte    `json:"publicKey"` // COSE_Key, as the authenticator sent it
	Algorithm    int64     `json:"alg"`
	SignCount    uint32    `json:"signCount"`
	Transports   []string  `json:"transports,omitempty"`
	Attachment   string    `json:"attachment,omitempty"`
	FriendlyName string    `json:"friendlyName"`
	RPID         string    `json:"rpId"`
	Created      time.Time `json:"created"`
	LastUsed     time.Time `json:"lastUsed,omitzero"`
}

// passkeyRegistration is the challenge of a StartWebAuthnRegistration,
// waiting for CompleteWebAuthnRegistration.
type passkeyRegistration struct {
	Challenge string    `json:"challenge"`
	ClientID  string    `json:"clientId"`
	RPID      string    `json:"rpId"`
	UV        string    `json:"uv"`
	Expires   time.Time `json:"expires"`
}

// Refusals, in Cognito's words where they are known.
func errWebAuthnNotEnabled() error {
	return cognitoErr("WebAuthnNotEnabledException", "Passkey sign-in is not enabled for this user pool: add WEB_AUTHN to Policies.SignInPolicy.AllowedFirstAuthFactors.")
}

func errWebAuthnConfigMissing() error {
	return cognitoErr("WebAuthnConfigurationMissingException", "The user pool has no WebAuthn relying party id and no domain.")
}

func errWebAuthnChallengeNotFound() error {
	return cognitoErr("WebAuthnChallengeNotFoundException", "WebAuthn registration challenge not found or expired.")
}

func errWebAuthnClientMismatch() error {
	return cognitoErr("WebAuthnClientMismatchException", "The access token was issued to another app client than the one that started the registration.")
}

func errWebAuthnOrigin(origin string) error {
	return cognitoErr("WebAuthnOriginNotAllowedException", "Origin "+quoteShort(origin)+" is not allowed for the relying party.")
}

func errWebAuthnRelyingParty() error {
	return cognitoErr("WebAuthnRelyingPartyMismatchException", "The credential was created for another relying party.")
}

func errWebAuthnNotSupported(why string) error {
	return cognitoErr("WebAuthnCredentialNotSupportedException", "The passkey credential is not supported: "+why+".")
}

// quoteShort quotes s, cut to a length fit for a message.
func quoteShort(s string) string {
	if len(s) > 100 {
		s = s[:100] + "..."
	}
	b, _ := json.Marshal(s) // a string always encodes
	return string(b)
}

// webAuthnConfig returns the pool's passkey settings: the relying party id
// ("" when the pool has none; the fake has no pool domains to fall back
// on) and the user verification requirement, "preferred" by default.
func (p *pool) webAuthnConfig() (rpID, uv string) {
	uv = passkeyUVPreferred
	if c := p.MFA.WebAuthn; c != nil {
		rpID = c.RelyingPartyID
		if c.UserVerification != "" {
			uv = c.UserVerification
		}
	}
	return rpID, uv
}

// passkeysAllowed refuses passkeys in a pool whose plan or sign-in policy
// leaves them out.
func (p *pool) passkeysAllowed() error {
	if !tierAtLeastEssentials(p.tier()) {
		return cognitoErr("FeatureUnavailableInTierException", "Passkeys are not available in the LITE feature plan; they need ESSENTIALS or PLUS.")
	}
	pol := p.Settings.Policies
	if pol == nil || pol.SignInPolicy == nil || !slices.Contains(pol.SignInPolicy.AllowedFirstAuthFactors, transport.FactorWebAuthn) {
		return errWebAuthnNotEnabled()
	}
	return nil
}

// newPasskeyChallenge draws a ceremony's challenge.
func (f *Fake) newPasskeyChallenge() (string, error) {
	b := make([]byte, passkeyChallengeLen)
	if err := f.readRand(b); err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// The JSON shapes Cognito sends, with their members in Cognito's order
// (amplify-js packages/auth/__tests__/mockData.ts).
type (
	pkRP struct {
		ID   string `json:"id"`
		Name string `json:"name"`
	}
	pkUser struct {
		ID          string `json:"id"`
		Name        string `json:"name"`
		DisplayName string `json:"displayName"`
	}
	pkParam struct {
		Type string `json:"type"`
		Alg  int    `json:"alg"`
	}
	pkExclude struct {
		Type string `json:"type"`
		ID   string `json:"id"`
	}
	pkSelection struct {
		RequireResidentKey bool   `json:"requireResidentKey"`
		ResidentKey        string `json:"residentKey"`
		UserVerification   string `json:"userVerification"`
	}
	pkCreationOptions struct {
		RP                     pkRP        `json:"rp"`
		User                   pkUser      `json:"user"`
		Challenge              string      `json:"challenge"`
		PubKeyCredParams       []pkParam   `json:"pubKeyCredParams"`
		Timeout                int         `json:"timeout"`
		ExcludeCredentials     []pkExclude `json:"excludeCredentials"`
		AuthenticatorSelection pkSelection `json:"authenticatorSelection"`
	}
)

// passkeyAlgorithms are the algorithms Cognito offers and accepts: ES256
// and RS256.
var passkeyAlgorithms = []protocol.CredentialParameter{
	{Type: protocol.PublicKeyCredentialType, Algorithm: webauthncose.AlgES256},
	{Type: protocol.PublicKeyCredentialType, Algorithm: webauthncose.AlgRS256},
}

// StartWebAuthnRegistration begins adding a passkey to the access token's
// user: it keeps a fresh challenge for CompleteWebAuthnRegistration and
// returns the options for navigator.credentials.create, in Cognito's shape.
func (f *Fake) StartWebAuthnRegistration(ctx context.Context, in *transport.StartWebAuthnRegistrationInput) (*transport.StartWebAuthnRegistrationOutput, error) {
	return run(ctx, f, "StartWebAuthnRegistration", in, func(in *transport.StartWebAuthnRegistrationInput) (*transport.StartWebAuthnRegistrationOutput, error) {
		var opts pkCreationOptions
		err := f.withUser(in.AccessToken, true, func(p *pool, u *user, fam *family) error {
			if err := p.passkeysAllowed(); err != nil {
				return err
			}
			rpID, uv := p.webAuthnConfig()
			if rpID == "" {
				return errWebAuthnConfigMissing()
			}
			challenge, err := f.newPasskeyChallenge()
			if err != nil {
				return err
			}
			u.PasskeyRegistration = &passkeyRegistration{
				Challenge: challenge, ClientID: fam.ClientID, RPID: rpID, UV: uv,
				Expires: f.clock().Add(passkeyRegistrationValidity),
			}
			opts = pkCreationOptions{
				RP: pkRP{ID: rpID, Name: rpID},
				User: pkUser{
					ID:          base64.RawURLEncoding.EncodeToString([]byte(u.Sub)),
					Name:        u.Username,
					DisplayName: u.Attrs["name"],
				},
				Challenge:          challenge,
				PubKeyCredParams:   []pkParam{{"public-key", -7}, {"public-key", -257}},
				Timeout:            passkeyRegistrationTimeout,
				ExcludeCredentials: []pkExclude{},
				AuthenticatorSelection: pkSelection{
					RequireResidentKey: true, ResidentKey: "required", UserVerification: uv,
				},
			}
			for _, id := range sortedPasskeyIDs(u) {
				if u.Passkeys[id].RPID == rpID {
					opts.ExcludeCredentials = append(opts.ExcludeCredentials, pkExclude{"public-key", id})
				}
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		b, err := json.Marshal(opts)
		if err != nil {
			return nil, internalError(err)
		}
		return &transport.StartWebAuthnRegistrationOutput{CredentialCreationOptions: b}, nil
	})
}

// CompleteWebAuthnRegistration verifies the browser's answer to the
// registration the same user started through the same app client, and
// stores the passkey. The challenge is spent by the attempt, whatever its
// outcome.
func (f *Fake) CompleteWebAuthnRegistration(ctx context.Context, in *transport.CompleteWebAuthnRegistrationInput) (*transport.Empty, error) {
	return run(ctx, f, "CompleteWebAuthnRegistration", in, func(in *transport.CompleteWebAuthnRegistrationInput) (*transport.Empty, error) {
		if len(in.Credential) == 0 {
			return nil, missingParam("Credential")
		}
		if len(in.Credential) > maxCredentialJSON {
			return nil, invalidParam("Credential is too large.")
		}
		// Parsing and verifying (CBOR, COSE, signatures) need only the
		// registration in progress: it is read under the lock, the work is
		// done without it, and the challenge is spent and the passkey stored
		// under it again, unless another attempt spent the challenge first.
		pcc, verr := parseRegistration(in.Credential)
		var reg passkeyRegistration
		err := f.withUser(in.AccessToken, false, func(_ *pool, u *user, fam *family) error {
			r := u.PasskeyRegistration
			if r == nil || !f.clock().Before(r.Expires) {
				return errWebAuthnChallengeNotFound()
			}
			if r.ClientID != fam.ClientID {
				return errWebAuthnClientMismatch()
			}
			reg = *r
			return nil
		})
		if err != nil {
			return nil, err
		}
		var pk *passkey
		if verr == nil {
			pk, verr = f.verifyRegistration(pcc, &reg)
		}
		err = f.withUser(in.AccessToken, true, func(p *pool, u *user, _ *family) error {
			if r := u.PasskeyRegistration; r == nil || r.Challenge != reg.Challenge {
				return errWebAuthnChallengeNotFound()
			}
			u.PasskeyRegistration = nil // one attempt per challenge
			if verr != nil {
				return verr
			}
			if err := p.passkeysAllowed(); err != nil {
				return err
			}
			if u.Passkeys[pk.ID] != nil || p.passkeyOwner(pk.ID) != nil {
				return errWebAuthnNotSupported("this credential is already registered")
			}
			if len(u.Passkeys) >= maxPasskeysPerUser {
				return cognitoErr("LimitExceededException", "The user has the maximum number of passkeys.")
			}
			if u.Passkeys == nil {
				u.Passkeys = map[string]*passkey{}
			}
			u.Passkeys[pk.ID] = pk
			return nil
		})
		if err != nil {
			return nil, err
		}
		return &transport.Empty{}, nil
	})
}

// parseRegistration parses a RegistrationResponseJSON (CBOR attestation
// object, COSE key) with the WebAuthn library.
func parseRegistration(doc transport.Document) (*protocol.ParsedCredentialCreationData, error) {
	pcc, err := protocol.ParseCredentialCreationResponseBytes(doc)
	if err != nil || pcc == nil {
		return nil, invalidParam("Credential is not a valid WebAuthn registration response.")
	}
	return pcc, nil
}

// verifyRegistration checks a parsed registration against the challenge
// it answers and returns the passkey to store.
func (f *Fake) verifyRegistration(pcc *protocol.ParsedCredentialCreationData, reg *passkeyRegistration) (*passkey, error) {
	cd := pcc.Response.CollectedClientData
	if cd.Type != protocol.CreateCeremony {
		return nil, errWebAuthnNotSupported("the client data is not of a registration")
	}
	if subtle.ConstantTimeCompare([]byte(cd.Challenge), []byte(reg.Challenge)) != 1 {
		return nil, errWebAuthnChallengeNotFound()
	}
	if !f.passkeyOriginAllowed(reg.RPID, cd.Origin) {
		return nil, errWebAuthnOrigin(cd.Origin)
	}
	att := pcc.Response.AttestationObject
	if rpHash := sha256.Sum256([]byte(reg.RPID)); !bytes.Equal(att.AuthData.RPIDHash, rpHash[:]) {
		return nil, errWebAuthnRelyingParty()
	}
	if !att.AuthData.Flags.UserPresent() {
		return nil, errWebAuthnNotSupported("the authenticator did not test user presence")
	}
	uvRequired := reg.UV == transport.UserVerificationRequired
	if uvRequired && !att.AuthData.Flags.UserVerified() {
		return nil, errWebAuthnNotSupported("the user pool requires user verification")
	}
	switch att.Format {
	case string(protocol.AttestationFormatNone), string(protocol.AttestationFormatPacked):
	default:
		return nil, errWebAuthnNotSupported("attestation format " + quoteShort(att.Format))
	}
	if _, err := pcc.Verify(reg.Challenge, reg.RPID, []string{cd.Origin}, nil, nil,
		protocol.TopOriginExplicitVerificationMode, false, uvRequired, true, nil,
		passkeyAlgorithms, protocol.AttestationPolicy{}, protocol.SignaturePolicy{}); err != nil {
		return nil, errWebAuthnNotSupported(libraryReason(err))
	}
	var pk webauthncose.PublicKeyData
	if err := webauthncbor.Unmarshal(att.AuthData.AttData.CredentialPublicKey, &pk); err != nil {
		return nil, errWebAuthnNotSupported("its public key cannot be read")
	}
	now := f.clock()
	transports := make([]string, 0, len(pcc.Response.Transports))
	for _, t := range pcc.Response.Transports {
		transports = append(transports, string(t))
	}
	id := base64.RawURLEncoding.EncodeToString(att.AuthData.AttData.CredentialID)
	return &passkey{
		ID: id, PublicKey: bytes.Clone(att.AuthData.AttData.CredentialPublicKey), Algorithm: pk.Algorithm,
		SignCount: att.AuthData.Counter, Transports: transports, Attachment: string(pcc.AuthenticatorAttachment),
		FriendlyName: friendlyPasskeyName(string(pcc.AuthenticatorAttachment), now), RPID: reg.RPID, Created: now,
	}, nil
}

// libraryReason is the WebAuthn library's account of a failed check,
// without the values it compared.
func libraryReason(err error) string {
	var pe *protocol.Error
	if errors.As(err, &pe) && pe.Details != "" {
		d, _, _ := strings.Cut(pe.Details, ":") // the rest is the values compared
		return strings.TrimSuffix(strings.ToLower(d[:1])+d[1:], ".")
	}
	return "verification failed"
}

// friendlyPasskeyName names a passkey as the fake does (Cognito generates a
// name too, by rules it does not publish).
func friendlyPasskeyName(attachment string, at time.Time) string {
	kind := "Passkey"
	switch attachment {
	case string(protocol.Platform):
		kind = "Platform passkey"
	case string(protocol.CrossPlatform):
		kind = "Security key"
	}
	return kind + " added " + at.UTC().Format("2006-01-02 15:04")
}

// passkeyOriginAllowed reports whether a ceremony at origin may use a
// credential of relying party rpID: the https origin of the rp id itself or
// of one of its subdomains, on any port (the WebAuthn rule for an rp id,
// which Cognito is said to follow; it does not publish its own), or one of
// the origins the fake was told to accept besides (Options.PasskeyOrigins,
// for tests and `gocognito serve --passkey-origins` on http://localhost).
func (f *Fake) passkeyOriginAllowed(rpID, origin string) bool {
	if slices.Contains(f.passkeyOrigins, strings.TrimSuffix(origin, "/")) {
		return true
	}
	u, err := url.Parse(origin)
	if err != nil || u.Scheme != "https" || u.User != nil || (u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "" {
		return false
	}
	host := strings.ToLower(u.Hostname())
	rp := strings.ToLower(rpID)
	return rp != "" && (host == rp || strings.HasSuffix(host, "."+rp))
}

// trimOrigins returns origins without a trailing slash, as browsers
// serialize an origin.
func trimOrigins(origins []string) []string {
	out := make([]string, 0, len(origins))
	for _, o := range origins {
		out = append(out, strings.TrimSuffix(o, "/"))
	}
	return out
}

// passkeyOwner finds the user of the pool holding a credential id.
func (p *pool) passkeyOwner(id string) *user {
	for _, u := range p.Users {
		if u.Passkeys[id] != nil {
			return u
		}
	}
	return nil
}

func sortedPasskeyIDs(u *user) []string {
	ids := make([]string, 0, len(u.Passkeys))
	for id := range u.Passkeys {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

// ListWebAuthnCredentials lists the access token's user's passkeys, by
// credential id, 20 at most per page.
func (f *Fake) ListWebAuthnCredentials(ctx context.Context, in *transport.ListWebAuthnCredentialsInput) (*transport.ListWebAuthnCredentialsOutput, error) {
	return run(ctx, f, "ListWebAuthnCredentials", in, func(in *transport.ListWebAuthnCredentialsInput) (*transport.ListWebAuthnCredentialsOutput, error) {
		n, err := pageLimit("maxResults", in.MaxResults, 20, 20)
		if err != nil {
			return nil, err
		}
		out := &transport.ListWebAuthnCredentialsOutput{Credentials: []transport.WebAuthnCredentialDescription{}}
		err = f.withUser(in.AccessToken, false, func(p *pool, u *user, _ *family) error {
			ids, next, err := page("passkeys:"+p.ID+":"+u.Username, sortedPasskeyIDs(u), in.NextToken, n)
			if err != nil {
				return err
			}
			out.NextToken = next
			for _, id := range ids {
				pk := u.Passkeys[id]
				out.Credentials = append(out.Credentials, transport.WebAuthnCredentialDescription{
					CredentialID: pk.ID, FriendlyCredentialName: pk.FriendlyName, RelyingPartyID: pk.RPID,
					AuthenticatorAttachment: pk.Attachment, AuthenticatorTransports: slices.Clone(pk.Transports),
					CreatedAt: transport.NewTime(pk.Created),
				})
				if out.Credentials[len(out.Credentials)-1].AuthenticatorTransports == nil {
					out.Credentials[len(out.Credentials)-1].AuthenticatorTransports = []string{}
				}
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		return out, nil
	})
}

// DeleteWebAuthnCredential deletes one of the access token's user's
// passkeys.
func (f *Fake) DeleteWebAuthnCredential(ctx context.Context, in *transport.DeleteWebAuthnCredentialInput) (*transport.Empty, error) {
	return run(ctx, f, "DeleteWebAuthnCredential", in, func(in *transport.DeleteWebAuthnCredentialInput) (*transport.Empty, error) {
		if in.CredentialID == "" {
			return nil, missingParam("CredentialId")
		}
		err := f.withUser(in.AccessToken, true, func(_ *pool, u *user, _ *family) error {
			if u.Passkeys[in.CredentialID] == nil {
				return cognitoErr("ResourceNotFoundException", "Credential not found.")
			}
			delete(u.Passkeys, in.CredentialID)
			return nil
		})
		if err != nil {
			return nil, err
		}
		return &transport.Empty{}, nil
	})
}
