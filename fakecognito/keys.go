package fakecognito

import (
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sync"

	"github.com/lestrrat-go/jwx/v3/jwa"
	"github.com/lestrrat-go/jwx/v3/jwk"
)

// Keys are the two RSA keys a Fake signs tokens with: one for ID tokens and
// one for access tokens, with distinct key ids, as Cognito does. A Keys
// value is immutable and may be shared by many Fakes.
type Keys struct {
	id, access signingKey
}

type signingKey struct {
	kid  string
	priv *rsa.PrivateKey // precomputed (CRT values), for signing
	jwk  jwk.Key         // the private key with kid and alg
	// header is the encoded JOSE header of the tokens it signs, made once.
	header string
}

// keyBits is the size of Cognito's token signing keys.
const keyBits = 2048

// NewKeys makes two RSA-2048 keys. Since Go 1.26 crypto/rsa draws key
// material from a secure source whatever rnd is (unless
// GODEBUG=cryptocustomrand=1), so rnd cannot make keys repeatable; key ids
// are derived from the public keys.
func NewKeys(rnd io.Reader) (*Keys, error) {
	lr := &lockedReader{r: rnd}
	var (
		wg     sync.WaitGroup
		privs  [2]*rsa.PrivateKey
		errs   [2]error
		reader io.Reader
	)
	if rnd != nil {
		reader = lr
	}
	for i := range privs {
		wg.Go(func() { privs[i], errs[i] = rsa.GenerateKey(reader, keyBits) })
	}
	wg.Wait()
	if err := errors.Join(errs[:]...); err != nil {
		return nil, fmt.Errorf("fakecognito: generating signing keys: %w", err)
	}
	return keysFrom(privs[0], privs[1])
}

func keysFrom(idKey, accessKey *rsa.PrivateKey) (*Keys, error) {
	id, err := newSigningKey(idKey)
	if err != nil {
		return nil, err
	}
	access, err := newSigningKey(accessKey)
	if err != nil {
		return nil, err
	}
	if id.kid == access.kid {
		return nil, errors.New("fakecognito: ID and access keys must differ")
	}
	return &Keys{id: id, access: access}, nil
}

func newSigningKey(priv *rsa.PrivateKey) (signingKey, error) {
	if priv == nil || priv.N.BitLen() < keyBits {
		return signingKey{}, errors.New("fakecognito: signing key must be RSA of at least 2048 bits")
	}
	if err := priv.Validate(); err != nil {
		return signingKey{}, fmt.Errorf("fakecognito: signing key: %w", err)
	}
	der, err := x509.MarshalPKIXPublicKey(&priv.PublicKey)
	if err != nil {
		return signingKey{}, fmt.Errorf("fakecognito: signing key: %w", err)
	}
	sum := sha256.Sum256(der)
	kid := base64.StdEncoding.EncodeToString(sum[:])
	k, err := jwk.Import(priv)
	if err != nil {
		return signingKey{}, fmt.Errorf("fakecognito: signing key: %w", err)
	}
	if err := k.Set(jwk.KeyIDKey, kid); err != nil {
		return signingKey{}, fmt.Errorf("fakecognito: signing key: %w", err)
	}
	if err := k.Set(jwk.AlgorithmKey, jwa.RS256()); err != nil {
		return signingKey{}, fmt.Errorf("fakecognito: signing key: %w", err)
	}
	// Signing with the raw key, precomputed once, rather than through the
	// jwk.Key: jwx hands crypto/rsa a fresh copy of the key on every
	// signature, which then recomputes its CRT values (about 0.3 ms of
	// the 1 ms a signature takes).
	priv.Precompute()
	hdr, err := json.Marshal(struct {
		Alg string `json:"alg"`
		Kid string `json:"kid"`
	}{"RS256", kid})
	if err != nil {
		return signingKey{}, err
	}
	return signingKey{kid: kid, priv: priv, jwk: k, header: base64.RawURLEncoding.EncodeToString(hdr)}, nil
}

// IDKeyID returns the key id ("kid") of the key that signs ID tokens.
func (k *Keys) IDKeyID() string { return k.id.kid }

// AccessKeyID returns the key id ("kid") of the key that signs access tokens.
func (k *Keys) AccessKeyID() string { return k.access.kid }

// String names the keys by id and never prints them.
func (k *Keys) String() string {
	return "fakecognito.Keys{id: " + k.id.kid + ", access: " + k.access.kid + "}"
}

// defaultKeys is the process-wide pair of Fakes made without Options.Keys.
var defaultKeys = sync.OnceValues(func() (*Keys, error) { return NewKeys(nil) })

// startDefaultKeys starts making the shared pair in the background, once,
// so that New returns at once and the first login of the process finds the
// keys ready or nearly so.
var startDefaultKeys = sync.OnceFunc(func() { go func() { _, _ = defaultKeys() }() })

// signingKeys returns the fake's keys, waiting for the shared pair if it is
// still being made.
func (f *Fake) signingKeys() (*Keys, error) {
	f.keysMu.RLock()
	k := f.keys
	f.keysMu.RUnlock()
	if k != nil {
		return k, nil
	}
	k, err := defaultKeys()
	if err != nil {
		return nil, internalError(err)
	}
	return k, nil
}

// JWKS returns the JSON Web Key Set of a pool: the two public keys with
// kid, alg RS256 and use sig, as served at
// {issuer}/.well-known/jwks.json. An unknown pool gives
// ResourceNotFoundException.
func (f *Fake) JWKS(poolID string) ([]byte, error) {
	f.mu.RLock()
	_, ok := f.st.Pools[poolID]
	f.mu.RUnlock()
	if !ok {
		return nil, poolNotFound(poolID)
	}
	k, err := f.signingKeys()
	if err != nil {
		return nil, err
	}
	type jwkJSON struct {
		Alg string `json:"alg"`
		E   string `json:"e"`
		Kid string `json:"kid"`
		Kty string `json:"kty"`
		N   string `json:"n"`
		Use string `json:"use"`
	}
	var set struct {
		Keys []jwkJSON `json:"keys"`
	}
	for _, sk := range []signingKey{k.id, k.access} {
		pub := sk.priv.PublicKey
		set.Keys = append(set.Keys, jwkJSON{
			Alg: "RS256",
			E:   base64.RawURLEncoding.EncodeToString(bigEndian(uint64(pub.E))),
			Kid: sk.kid,
			Kty: "RSA",
			N:   base64.RawURLEncoding.EncodeToString(pub.N.Bytes()),
			Use: "sig",
		})
	}
	return json.Marshal(set)
}

// bigEndian returns v without leading zero bytes.
func bigEndian(v uint64) []byte {
	var b []byte
	for ; v > 0; v >>= 8 {
		b = append([]byte{byte(v)}, b...)
	}
	return b
}

// keysJSON is how Save stores the keys: PKCS #8 DER in base64.
type keysJSON struct {
	ID     string `json:"id"`
	Access string `json:"access"`
}

func (k *Keys) marshal() (keysJSON, error) {
	idDER, err := x509.MarshalPKCS8PrivateKey(k.id.priv)
	if err != nil {
		return keysJSON{}, err
	}
	accDER, err := x509.MarshalPKCS8PrivateKey(k.access.priv)
	if err != nil {
		return keysJSON{}, err
	}
	return keysJSON{
		ID:     base64.StdEncoding.EncodeToString(idDER),
		Access: base64.StdEncoding.EncodeToString(accDER),
	}, nil
}

func (kj keysJSON) unmarshal() (*Keys, error) {
	parse := func(s string) (*rsa.PrivateKey, error) {
		der, err := base64.StdEncoding.DecodeString(s)
		if err != nil {
			return nil, err
		}
		k, err := x509.ParsePKCS8PrivateKey(der)
		if err != nil {
			return nil, err
		}
		rk, ok := k.(*rsa.PrivateKey)
		if !ok {
			return nil, errors.New("not an RSA key")
		}
		return rk, nil
	}
	idKey, err := parse(kj.ID)
	if err != nil {
		return nil, fmt.Errorf("fakecognito: ID signing key: %w", err)
	}
	accKey, err := parse(kj.Access)
	if err != nil {
		return nil, fmt.Errorf("fakecognito: access signing key: %w", err)
	}
	return keysFrom(idKey, accKey)
}
