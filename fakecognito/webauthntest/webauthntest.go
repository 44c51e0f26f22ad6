// Package webauthntest is a software passkey authenticator, for tests: it
// answers the options a WebAuthn relying party (Cognito, or the fake in
// package fakecognito) sends for navigator.credentials.create and
// navigator.credentials.get with the JSON a browser would send back
// (RegistrationResponseJSON and AuthenticationResponseJSON), signed with its
// own ES256 or RS256 key. Its fields make it misbehave on purpose (no user
// verification, another relying party, a counter that goes backwards, a
// broken signature) so that tests can check each refusal.
//
// It is not an authenticator for real use: its key lives in memory, it
// verifies nobody and it asks nobody's consent.
package webauthntest

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"slices"

	"github.com/go-webauthn/webauthn/protocol/webauthncbor"
	"github.com/go-webauthn/webauthn/protocol/webauthncose"
)

// COSE algorithm identifiers of the two kinds of key the authenticator
// makes, the two Cognito asks for in pubKeyCredParams.
const (
	ES256 = -7   // ECDSA on P-256 with SHA-256
	RS256 = -257 // RSASSA-PKCS1-v1_5 with SHA-256
)

// Attestation formats the authenticator can produce.
const (
	AttestationNone   = "none"   // no statement, what browsers send when asked for "none"
	AttestationPacked = "packed" // packed self-attestation, signed with the credential's own key
)

// Authenticator flags in authenticator data (WebAuthn §6.1).
const (
	flagUP = 0x01
	flagUV = 0x04
	flagBE = 0x08
	flagBS = 0x10
	flagAT = 0x40
)

// ErrOptions: the options JSON is not what the ceremony needs, or names no
// credential this authenticator holds.
var ErrOptions = errors.New("webauthntest: unusable options")

// Authenticator is one software passkey: one key pair and one credential
// id, bound to the relying party and user of the first Create. Its exported
// fields may be changed between ceremonies; it is not safe for concurrent
// use.
type Authenticator struct {
	// Counter is the signature counter; every Get adds one before signing
	// (unless it is zero and StaticCounter is set). Set it lower to make a
	// counter that goes backwards.
	Counter uint32
	// StaticCounter keeps a zero counter at zero, as authenticators that do
	// not count (most synced passkeys) do.
	StaticCounter bool
	// NoUserPresence and NoUserVerification clear the UP and UV flags.
	NoUserPresence     bool
	NoUserVerification bool
	// RPID, when set, is hashed into the authenticator data in place of the
	// relying party id of the options: a credential for another site.
	RPID string
	// BreakSignature flips a bit of the next signatures.
	BreakSignature bool
	// Attestation is AttestationNone (the default) or AttestationPacked.
	Attestation string
	// Attachment and Transports describe the authenticator to the relying
	// party: "platform" and ["internal"] unless set.
	Attachment string
	Transports []string

	alg    int
	key    crypto.Signer
	id     []byte
	rpID   string
	handle []byte
	rand   io.Reader
}

// New makes an authenticator with a fresh key of the given algorithm (ES256
// or RS256) and a 32-byte credential id, drawn from rnd (nil: crypto/rand).
func New(alg int, rnd io.Reader) (*Authenticator, error) {
	if rnd == nil {
		rnd = rand.Reader
	}
	a := &Authenticator{alg: alg, rand: rnd, id: make([]byte, 32)}
	if _, err := io.ReadFull(rnd, a.id); err != nil {
		return nil, fmt.Errorf("webauthntest: credential id: %w", err)
	}
	var err error
	switch alg {
	case ES256:
		a.key, err = ecdsa.GenerateKey(elliptic.P256(), rnd)
	case RS256:
		a.key, err = rsa.GenerateKey(rnd, 2048)
	default:
		return nil, fmt.Errorf("webauthntest: algorithm %d: want ES256 (-7) or RS256 (-257)", alg)
	}
	if err != nil {
		return nil, fmt.Errorf("webauthntest: key: %w", err)
	}
	return a, nil
}

// CredentialID returns the credential id, base64url without padding, as
// relying parties list it.
func (a *Authenticator) CredentialID() string { return b64(a.id) }

// Algorithm returns the COSE algorithm of the key.
func (a *Authenticator) Algorithm() int { return a.alg }

// creationOptions is the part of PublicKeyCredentialCreationOptionsJSON the
// authenticator reads.
type creationOptions struct {
	RP struct {
		ID string `json:"id"`
	} `json:"rp"`
	User struct {
		ID string `json:"id"`
	} `json:"user"`
	Challenge        string `json:"challenge"`
	PubKeyCredParams []struct {
		Alg int `json:"alg"`
	} `json:"pubKeyCredParams"`
}

// requestOptions is the part of PublicKeyCredentialRequestOptionsJSON the
// authenticator reads.
type requestOptions struct {
	Challenge        string `json:"challenge"`
	RPID             string `json:"rpId"`
	AllowCredentials []struct {
		ID string `json:"id"`
	} `json:"allowCredentials"`
}

// Create answers navigator.credentials.create's options (the JSON of
// StartWebAuthnRegistration's CredentialCreationOptions) as a browser at
// origin would, and returns the RegistrationResponseJSON to send to
// CompleteWebAuthnRegistration.
func (a *Authenticator) Create(options []byte, origin string) ([]byte, error) {
	var o creationOptions
	if err := json.Unmarshal(options, &o); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrOptions, err)
	}
	if o.Challenge == "" || o.RP.ID == "" {
		return nil, fmt.Errorf("%w: no challenge or rp.id", ErrOptions)
	}
	if !slices.ContainsFunc(o.PubKeyCredParams, func(p struct {
		Alg int `json:"alg"`
	}) bool {
		return p.Alg == a.alg
	}) {
		return nil, fmt.Errorf("%w: the relying party does not accept algorithm %d", ErrOptions, a.alg)
	}
	handle, err := base64.RawURLEncoding.DecodeString(o.User.ID)
	if err != nil {
		return nil, fmt.Errorf("%w: user.id: %w", ErrOptions, err)
	}
	a.rpID, a.handle = o.RP.ID, handle

	clientData, err := clientDataJSON("webauthn.create", o.Challenge, origin)
	if err != nil {
		return nil, err
	}
	cose, err := a.coseKey()
	if err != nil {
		return nil, err
	}
	attested := make([]byte, 0, 16+2+len(a.id)+len(cose))
	attested = append(attested, make([]byte, 16)...) // AAGUID: all zero, as with attestation "none"
	attested = binary.BigEndian.AppendUint16(attested, uint16(len(a.id)))
	attested = append(attested, a.id...)
	attested = append(attested, cose...)
	authData := a.authData(o.RP.ID, flagAT, a.Counter, attested)

	stmt := map[string]any{}
	format := a.Attestation
	switch format {
	case "", AttestationNone:
		format = AttestationNone
	case AttestationPacked:
		cdh := sha256.Sum256(clientData)
		sig, err := a.sign(slices.Concat(authData, cdh[:]))
		if err != nil {
			return nil, err
		}
		stmt = map[string]any{"alg": a.alg, "sig": sig}
	default:
		return nil, fmt.Errorf("webauthntest: attestation %q: want none or packed", a.Attestation)
	}
	attObj, err := webauthncbor.Marshal(struct {
		Fmt      string         `cbor:"fmt"`
		AttStmt  map[string]any `cbor:"attStmt"`
		AuthData []byte         `cbor:"authData"`
	}{format, stmt, authData})
	if err != nil {
		return nil, fmt.Errorf("webauthntest: attestation object: %w", err)
	}
	pub, err := a.publicKeyDER()
	if err != nil {
		return nil, err
	}
	return json.Marshal(map[string]any{
		"id":    a.CredentialID(),
		"rawId": a.CredentialID(),
		"type":  "public-key",
		"response": map[string]any{
			"clientDataJSON":     b64(clientData),
			"attestationObject":  b64(attObj),
			"authenticatorData":  b64(authData),
			"transports":         a.transports(),
			"publicKeyAlgorithm": a.alg,
			"publicKey":          b64(pub),
		},
		"authenticatorAttachment": a.attachment(),
		"clientExtensionResults":  map[string]any{},
	})
}

// Get answers navigator.credentials.get's options (the JSON string of a
// WEB_AUTHN challenge's CREDENTIAL_REQUEST_OPTIONS) as a browser at origin
// would, and returns the AuthenticationResponseJSON to send as CREDENTIAL.
// Options whose allowCredentials do not list this authenticator's
// credential are refused, as a browser finds no passkey for them.
func (a *Authenticator) Get(options []byte, origin string) ([]byte, error) {
	var o requestOptions
	if err := json.Unmarshal(options, &o); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrOptions, err)
	}
	if o.Challenge == "" {
		return nil, fmt.Errorf("%w: no challenge", ErrOptions)
	}
	rpID := o.RPID
	if rpID == "" {
		rpID = a.rpID
	}
	if len(o.AllowCredentials) > 0 && !slices.ContainsFunc(o.AllowCredentials, func(c struct {
		ID string `json:"id"`
	}) bool {
		return c.ID == a.CredentialID()
	}) {
		return nil, fmt.Errorf("%w: allowCredentials does not list credential %s", ErrOptions, a.CredentialID())
	}
	clientData, err := clientDataJSON("webauthn.get", o.Challenge, origin)
	if err != nil {
		return nil, err
	}
	if a.Counter != 0 || !a.StaticCounter {
		a.Counter++
	}
	authData := a.authData(rpID, 0, a.Counter, nil)
	cdh := sha256.Sum256(clientData)
	sig, err := a.sign(slices.Concat(authData, cdh[:]))
	if err != nil {
		return nil, err
	}
	return json.Marshal(map[string]any{
		"id":    a.CredentialID(),
		"rawId": a.CredentialID(),
		"type":  "public-key",
		"response": map[string]any{
			"clientDataJSON":    b64(clientData),
			"authenticatorData": b64(authData),
			"signature":         b64(sig),
			"userHandle":        b64(a.handle),
		},
		"authenticatorAttachment": a.attachment(),
		"clientExtensionResults":  map[string]any{},
	})
}

// clientDataJSON is CollectedClientData as a browser serializes it.
func clientDataJSON(typ, challenge, origin string) ([]byte, error) {
	b, err := json.Marshal(struct {
		Type        string `json:"type"`
		Challenge   string `json:"challenge"`
		Origin      string `json:"origin"`
		CrossOrigin bool   `json:"crossOrigin"`
	}{typ, challenge, origin, false})
	if err != nil {
		return nil, fmt.Errorf("webauthntest: client data: %w", err)
	}
	return b, nil
}

// authData is authenticator data: the rp id hash, flags, counter and,
// at registration, the attested credential data.
func (a *Authenticator) authData(rpID string, flags byte, counter uint32, attested []byte) []byte {
	if a.RPID != "" {
		rpID = a.RPID
	}
	h := sha256.Sum256([]byte(rpID))
	flags |= flagBE | flagBS // a synced passkey, as platform authenticators make
	if !a.NoUserPresence {
		flags |= flagUP
	}
	if !a.NoUserVerification {
		flags |= flagUV
	}
	out := append(h[:], flags)
	out = binary.BigEndian.AppendUint32(out, counter)
	return append(out, attested...)
}

func (a *Authenticator) sign(msg []byte) ([]byte, error) {
	digest := sha256.Sum256(msg)
	var sig []byte
	var err error
	switch k := a.key.(type) {
	case *ecdsa.PrivateKey:
		sig, err = ecdsa.SignASN1(a.rand, k, digest[:])
	case *rsa.PrivateKey:
		sig, err = rsa.SignPKCS1v15(nil, k, crypto.SHA256, digest[:])
	}
	if err != nil {
		return nil, fmt.Errorf("webauthntest: signing: %w", err)
	}
	if a.BreakSignature && len(sig) > 0 {
		sig[len(sig)-1] ^= 0x01
	}
	return sig, nil
}

// coseKey is the credential public key in COSE_Key form (RFC 9053).
func (a *Authenticator) coseKey() ([]byte, error) {
	var v any
	switch k := a.key.Public().(type) {
	case *ecdsa.PublicKey:
		b, err := k.Bytes() // 0x04 || X || Y
		if err != nil {
			return nil, fmt.Errorf("webauthntest: public key: %w", err)
		}
		v = webauthncose.EC2PublicKeyData{
			PublicKeyData: webauthncose.PublicKeyData{KeyType: int64(webauthncose.EllipticKey), Algorithm: ES256},
			Curve:         int64(webauthncose.P256), XCoord: b[1:33], YCoord: b[33:65],
		}
	case *rsa.PublicKey:
		v = webauthncose.RSAPublicKeyData{
			PublicKeyData: webauthncose.PublicKeyData{KeyType: int64(webauthncose.RSAKey), Algorithm: RS256},
			Modulus:       k.N.Bytes(), Exponent: big.NewInt(int64(k.E)).Bytes(),
		}
	}
	b, err := webauthncbor.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("webauthntest: COSE key: %w", err)
	}
	return b, nil
}

// publicKeyDER is the SubjectPublicKeyInfo a browser's getPublicKey gives.
func (a *Authenticator) publicKeyDER() ([]byte, error) {
	b, err := x509.MarshalPKIXPublicKey(a.key.Public())
	if err != nil {
		return nil, fmt.Errorf("webauthntest: public key: %w", err)
	}
	return b, nil
}

func (a *Authenticator) attachment() string {
	if a.Attachment == "" {
		return "platform"
	}
	return a.Attachment
}

func (a *Authenticator) transports() []string {
	if a.Transports == nil {
		return []string{"internal", "hybrid"}
	}
	return a.Transports
}

func b64(b []byte) string { return base64.RawURLEncoding.EncodeToString(b) }
