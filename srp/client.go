package srp

import (
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"io"
	"log/slog"
	"math/big"
)

// Client is one SRP login attempt on the client side: the secret a and the
// public A = g^a mod N sent as SRP_A. Use a new Client for every
// InitiateAuth: reusing a across logins would let an observer link them.
type Client struct {
	a    *big.Int
	A    *big.Int
	aHex string
}

// NewClient reads exactly 128 bytes from rnd as the big-endian secret a
// (nil rnd means crypto/rand) and computes A, reading again while A mod N == 0
// (impossible with a prime N, but the protocol requires the check) or a == 0.
func NewClient(rnd io.Reader) (*Client, error) {
	a, A, err := newSecret(rnd, secretBytes, gPow)
	if err != nil {
		return nil, err
	}
	return &Client{a: a, A: A, aHex: A.Text(16)}, nil
}

// SRPA returns SRP_A: A in lowercase hex without leading zeros.
func (c *Client) SRPA() string { return c.aHex }

// PasswordSignature returns PASSWORD_CLAIM_SIGNATURE for the
// PASSWORD_VERIFIER challenge. poolName is the pool id's part after "_" (see
// PoolName); userIDForSRP, saltHex, srpBHex and secretBlock are the
// challenge's USER_ID_FOR_SRP, SALT, SRP_B and SECRET_BLOCK; timestamp is
// what FormatTimestamp returns and must be sent as TIMESTAMP. It refuses a B
// that is 0 mod N and a zero u. It signs any non-empty timestamp, so that
// tests can check that a server rejects malformed ones.
func (c *Client) PasswordSignature(poolName, userIDForSRP, password, saltHex, srpBHex, secretBlock, timestamp string) (string, error) {
	return c.sign(passwordNames, poolName, userIDForSRP, password, saltHex, srpBHex, secretBlock, timestamp)
}

// DeviceSignature returns PASSWORD_CLAIM_SIGNATURE for the
// DEVICE_PASSWORD_VERIFIER challenge: the same computation with the
// DeviceGroupKey in place of the pool name, the DEVICE_KEY in place of
// USER_ID_FOR_SRP and the device password (DeviceSecret.Password) in place of
// the user's.
func (c *Client) DeviceSignature(deviceGroupKey, deviceKey, devicePassword, saltHex, srpBHex, secretBlock, timestamp string) (string, error) {
	return c.sign(deviceNames, deviceGroupKey, deviceKey, devicePassword, saltHex, srpBHex, secretBlock, timestamp)
}

// paramNames says how errors name the three identity inputs, which differ
// between the password and the device flows.
type paramNames struct{ pool, user, password string }

var (
	passwordNames = paramNames{"poolName", "USER_ID_FOR_SRP", "password"}
	deviceNames   = paramNames{"DeviceGroupKey", "DEVICE_KEY", "devicePassword"}
)

func (c *Client) sign(names paramNames, pool, user, password, saltHex, srpBHex, secretBlock, timestamp string) (string, error) {
	for _, in := range [...]struct{ name, value string }{
		{names.pool, pool}, {names.user, user}, {names.password, password}, {"TIMESTAMP", timestamp},
	} {
		if err := checkText(in.name, in.value); err != nil {
			return "", err
		}
	}
	salt, err := parseHex("SALT", saltHex, maxSaltHexLen)
	if err != nil {
		return "", err
	}
	B, err := parsePublic("SRP_B", srpBHex)
	if err != nil {
		return "", err
	}
	block, err := decodeBase64("SECRET_BLOCK", secretBlock, maxSecretBlockLen)
	if err != nil {
		return "", err
	}
	u := scrambler(c.A, B)
	if u.Sign() == 0 {
		return "", ErrZeroU
	}
	x := computeX(salt, pool, user, password)
	key := sessionKey(clientPremaster(c.a, B, x, u), u)
	return base64.StdEncoding.EncodeToString(claimMAC(key, pool, user, block, timestamp)), nil
}

// String shows A's first digits and hides a.
func (c *Client) String() string { return "srp.Client{A: " + abbrev(c.aHex) + ", a: " + redacted + "}" }

// GoString keeps %#v from printing a.
func (c *Client) GoString() string { return c.String() }

// LogValue keeps slog from printing a.
func (c *Client) LogValue() slog.Value {
	return slog.GroupValue(slog.String("A", abbrev(c.aHex)), slog.String("a", redacted))
}

const redacted = "[redacted]" // spelled as everywhere in the project

func abbrev(hex string) string {
	if len(hex) > 16 {
		return hex[:16] + "…"
	}
	return hex
}

// maxDraws bounds how often newSecret reads again; a source that fails this
// often is broken (an all-zero reader, say) and must not hang the caller.
const maxDraws = 8

// newSecret draws an n-byte secret s from rnd and returns it with
// public(s), redrawing while s == 0 or public(s) is 0 mod N.
func newSecret(rnd io.Reader, n int, public func(*big.Int) *big.Int) (s, pub *big.Int, err error) {
	if rnd == nil {
		rnd = rand.Reader
	}
	buf := make([]byte, n)
	for range maxDraws {
		if _, err := io.ReadFull(rnd, buf); err != nil {
			return nil, nil, fmt.Errorf("%w: %w", ErrRandomness, err)
		}
		s = new(big.Int).SetBytes(buf)
		if s.Sign() == 0 {
			continue
		}
		pub = public(s)
		if new(big.Int).Mod(pub, groupN).Sign() != 0 {
			clear(buf)
			return s, pub, nil
		}
	}
	return nil, nil, fmt.Errorf("%w: no usable secret in %d draws", ErrRandomness, maxDraws)
}

var (
	_ fmt.Stringer   = (*Client)(nil)
	_ fmt.GoStringer = (*Client)(nil)
	_ slog.LogValuer = (*Client)(nil)
)

// newClientWithSecret builds a Client for a known a, so that tests can
// reproduce published vectors whose a is not 128 bytes long.
func newClientWithSecret(a *big.Int) *Client {
	A := gPow(a)
	return &Client{a: a, A: A, aHex: A.Text(16)}
}
