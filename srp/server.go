package srp

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"math/big"
)

// Verifier is what a server stores for a user or a device instead of the
// password: the salt and v = g^x mod N. It is plain strings so that it can be
// kept in JSON or a database as is. It is not a secret the way a password is,
// but it allows offline guessing of the password: store it with care.
type Verifier struct {
	// SaltHex is the salt in hex, exactly as a challenge sends it in SALT.
	SaltHex string `json:"salt"`
	// VerifierHex is v = g^x mod N in lowercase hex.
	VerifierHex string `json:"verifier"`
}

// saltBytes is the length of the salts Cognito and its clients generate.
const saltBytes = 16

// NewPasswordVerifier makes a Verifier for a user with a fresh 16-byte salt
// read from rnd (nil means crypto/rand), as Cognito does when a password is
// set.
func NewPasswordVerifier(poolName, userIDForSRP, password string, rnd io.Reader) (Verifier, error) {
	salt, err := readRandom(rnd, saltBytes)
	if err != nil {
		return Verifier{}, err
	}
	return PasswordVerifierWithSalt(poolName, userIDForSRP, password, hex.EncodeToString(salt))
}

// PasswordVerifierWithSalt recomputes a user's Verifier from a stored salt.
// A server checks a USER_PASSWORD_AUTH password with it and Verifier.Equal,
// without ever storing the password.
func PasswordVerifierWithSalt(poolName, userIDForSRP, password, saltHex string) (Verifier, error) {
	return verifierWithSalt(passwordNames, poolName, userIDForSRP, password, saltHex)
}

func verifierWithSalt(names paramNames, pool, user, password, saltHex string) (Verifier, error) {
	for _, in := range [...]struct{ name, value string }{
		{names.pool, pool}, {names.user, user}, {names.password, password},
	} {
		if err := checkText(in.name, in.value); err != nil {
			return Verifier{}, err
		}
	}
	salt, err := parseHex("SALT", saltHex, maxSaltHexLen)
	if err != nil {
		return Verifier{}, err
	}
	v := gPow(computeX(salt, pool, user, password))
	return Verifier{SaltHex: saltHex, VerifierHex: v.Text(16)}, nil
}

// Equal reports whether two verifiers have the same salt and v, comparing v
// in constant time. A malformed verifier equals nothing.
func (v Verifier) Equal(o Verifier) bool {
	s1, v1, err1 := v.parse()
	s2, v2, err2 := o.parse()
	if err1 != nil || err2 != nil {
		return false
	}
	b1 := v1.FillBytes(make([]byte, groupNBytes))
	b2 := v2.FillBytes(make([]byte, groupNBytes))
	return subtle.ConstantTimeCompare(b1, b2) == 1 && s1.Cmp(s2) == 0
}

// parse validates v: a salt in hex, and a verifier in [2, N). v = 0 or N
// would make every password fit; v = 1 means x = 0.
func (v Verifier) parse() (salt, verifier *big.Int, err error) {
	salt, err = parseHex("SALT", v.SaltHex, maxSaltHexLen)
	if err != nil {
		return nil, nil, err
	}
	verifier, err = parseHex("verifier", v.VerifierHex, maxPublicHexLen)
	if err != nil {
		return nil, nil, err
	}
	if !inVerifierRange(verifier) {
		return nil, nil, inputErr("verifier", ErrOutOfRange)
	}
	return salt, verifier, nil
}

func inVerifierRange(v *big.Int) bool {
	return v.Cmp(big.NewInt(2)) >= 0 && v.Cmp(groupN) < 0
}

// Server is the server's side of one SRP login: the stored Verifier, the
// secret b and B = (k*v + g^b) mod N, sent as SRP_B with the salt. A Server
// should answer a single attempt: Cognito's SECRET_BLOCK is single-use, and
// letting one B be tried repeatedly only helps an attacker. Keeping it
// between InitiateAuth and RespondToAuthChallenge, possibly in another
// process, is what State and RestoreServer are for.
type Server struct {
	verifier Verifier
	v, b, B  *big.Int
	bHex     string
	cache    *VerifierCache // nil: v^u with math/big's Exp
}

// NewServer starts a login against v, reading the 32-byte (256-bit) secret
// b from rnd (nil means crypto/rand) and reading again while B mod N == 0 or
// b == 0.
//
// Why b is shorter than the client's 128-byte a: RFC 5054, section 2.5.3,
// says b "is a random number that SHOULD be at least 256 bits in length"
// (section 2.5.4 says the same of a), and 256 bits match the 128-bit
// security of the 3072-bit group, whose discrete logarithms cost about
// 2^128 work; a secret exponent of 2t bits is what t-bit security needs
// against the square-root attacks on the exponent. Cognito's clients draw
// 1024 bits for a, and NewClient keeps that; the server's b is the
// server's own choice, and the exponentiations with b are most of its work:
// g^b (from precomputed tables) and (A*v^u)^b cost a quarter to a third of
// what a 1024-bit b costs. States saved by earlier versions, whose b has
// 128 bytes, still restore (see RestoreServer).
func NewServer(v Verifier, rnd io.Reader) (*Server, error) {
	_, verifier, err := v.parse()
	if err != nil {
		return nil, err
	}
	b, B, err := newSecret(rnd, serverSecretBytes, func(b *big.Int) *big.Int { return serverPublic(verifier, b) })
	if err != nil {
		return nil, err
	}
	return &Server{verifier: v, v: verifier, b: b, B: B, bHex: B.Text(16)}, nil
}

// serverPublic returns B = (k*v + g^b) mod N.
func serverPublic(v, b *big.Int) *big.Int {
	B := new(big.Int).Mul(groupK, v)
	B.Add(B, gPow(b))
	return B.Mod(B, groupN)
}

// ServerState is everything needed to rebuild a Server, as JSON-friendly
// strings. Secret is b: anyone holding it and the transcript can compute the
// session key, so seal or encrypt a ServerState that leaves the process (for
// example inside a SECRET_BLOCK), and never log it; String and LogValue hide
// it.
type ServerState struct {
	Verifier Verifier `json:"verifier"`
	Secret   string   `json:"secret"` // b in hex
}

// State returns what RestoreServer needs to rebuild s.
func (s *Server) State() ServerState {
	return ServerState{Verifier: s.verifier, Secret: s.b.Text(16)}
}

// RestoreServer rebuilds a Server from State, validating every field as
// outside input: b must be non-zero and at most 1024 bits, so that a State
// saved before NewServer drew 256-bit secrets (it drew 1024 bits, like a
// client) still restores.
func RestoreServer(st ServerState) (*Server, error) {
	_, v, err := st.Verifier.parse()
	if err != nil {
		return nil, err
	}
	b, err := parseHex("secret", st.Secret, 2*secretBytes)
	if err != nil {
		return nil, err
	}
	if b.Sign() == 0 {
		return nil, inputErr("secret", ErrOutOfRange)
	}
	B := serverPublic(v, b)
	if B.Sign() == 0 {
		return nil, inputErr("secret", ErrIllegalPublicValue)
	}
	return &Server{verifier: st.Verifier, v: v, b: b, B: B, bHex: B.Text(16)}, nil
}

// SRPB returns SRP_B: B in lowercase hex without leading zeros.
func (s *Server) SRPB() string { return s.bHex }

// SaltHex returns SALT: the verifier's salt as stored.
func (s *Server) SaltHex() string { return s.verifier.SaltHex }

// VerifyPassword checks a PASSWORD_VERIFIER answer: srpAHex is the SRP_A
// the client sent to InitiateAuth; secretBlock, timestamp and signature are
// the answer's PASSWORD_CLAIM_SECRET_BLOCK, TIMESTAMP and
// PASSWORD_CLAIM_SIGNATURE. It returns nil only for a correct signature. It
// refuses an A that is 0 mod N, a zero u and a TIMESTAMP not in
// FormatTimestamp's exact form, as Cognito does; clock skew is the caller's
// policy (see ParseTimestamp). A wrong or malformed signature gives
// ErrBadSignature, compared in constant time.
func (s *Server) VerifyPassword(poolName, userIDForSRP, srpAHex, secretBlock, timestamp, signature string) error {
	return s.verify(passwordNames, poolName, userIDForSRP, srpAHex, secretBlock, timestamp, signature)
}

// VerifyDevice checks a DEVICE_PASSWORD_VERIFIER answer, the device
// counterpart of VerifyPassword, for a Server built on the device's Verifier
// (see DeviceVerifierFromConfig).
func (s *Server) VerifyDevice(deviceGroupKey, deviceKey, srpAHex, secretBlock, timestamp, signature string) error {
	return s.verify(deviceNames, deviceGroupKey, deviceKey, srpAHex, secretBlock, timestamp, signature)
}

// claimLen is the length of a decoded PASSWORD_CLAIM_SIGNATURE.
const claimLen = 32

func (s *Server) verify(names paramNames, pool, user, srpAHex, secretBlock, timestamp, signature string) error {
	if err := checkText(names.pool, pool); err != nil {
		return err
	}
	if err := checkText(names.user, user); err != nil {
		return err
	}
	if _, err := ParseTimestamp(timestamp); err != nil {
		return err
	}
	A, err := parsePublic("SRP_A", srpAHex)
	if err != nil {
		return err
	}
	block, err := decodeBase64("PASSWORD_CLAIM_SECRET_BLOCK", secretBlock, maxSecretBlockLen)
	if err != nil {
		return err
	}
	if len(signature) > maxSignatureLen {
		return ErrBadSignature
	}
	claim, err := base64.StdEncoding.DecodeString(signature)
	if err != nil || len(claim) != claimLen {
		return ErrBadSignature
	}
	u := scrambler(A, s.B)
	if u.Sign() == 0 {
		return ErrZeroU
	}
	key := sessionKey(serverPremaster(A, s.cache.pow(s.v, u), s.b), u)
	if !hmac.Equal(claim, claimMAC(key, pool, user, block, timestamp)) {
		return ErrBadSignature
	}
	return nil
}

// String shows B's first digits and hides b.
func (s *Server) String() string { return "srp.Server{B: " + abbrev(s.bHex) + ", b: " + redacted + "}" }

// GoString keeps %#v from printing b.
func (s *Server) GoString() string { return s.String() }

// LogValue keeps slog from printing b.
func (s *Server) LogValue() slog.Value {
	return slog.GroupValue(slog.String("B", abbrev(s.bHex)), slog.String("b", redacted))
}

// String hides the secret b.
func (st ServerState) String() string {
	return fmt.Sprintf("srp.ServerState{Verifier: %v, Secret: %s}", st.Verifier, redacted)
}

// GoString keeps %#v from printing b.
func (st ServerState) GoString() string { return st.String() }

// LogValue keeps slog from printing b.
func (st ServerState) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("salt", st.Verifier.SaltHex),
		slog.String("verifier", abbrev(st.Verifier.VerifierHex)),
		slog.String("secret", redacted))
}

// readRandom reads n bytes from rnd, nil meaning crypto/rand.
func readRandom(rnd io.Reader, n int) ([]byte, error) {
	if rnd == nil {
		rnd = rand.Reader
	}
	b := make([]byte, n)
	if _, err := io.ReadFull(rnd, b); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrRandomness, err)
	}
	return b, nil
}

var (
	_ fmt.Stringer   = (*Server)(nil)
	_ slog.LogValuer = (*Server)(nil)
	_ fmt.Stringer   = ServerState{}
	_ slog.LogValuer = ServerState{}
)
