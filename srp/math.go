package srp

import (
	"crypto/hmac"
	"crypto/sha256"
	"math/big"
)

// This file is the protocol math both sides share. Names follow RFC 5054:
// N, g, k the group; a, b the secrets; A, B the public values; x the private
// key derived from the password; v = g^x the verifier; u the scrambler; S the
// premaster secret.

// padBytes returns PAD(x) as bytes: x's hex, with a "0" in front of an odd
// length or "00" in front of a leading nibble 8-f. In bytes that is the
// minimal big-endian encoding with a zero sign byte when the top bit is set,
// as Java's BigInteger.toByteArray gives, and a single 00 for zero.
func padBytes(x *big.Int) []byte {
	b := make([]byte, x.BitLen()/8+1)
	return x.FillBytes(b)
}

// hashToInt returns SHA-256 of the concatenated parts as an integer.
func hashToInt(parts ...[]byte) *big.Int {
	h := sha256.New()
	for _, p := range parts {
		h.Write(p)
	}
	return new(big.Int).SetBytes(h.Sum(nil))
}

// scrambler computes u for both sides. It is a variable only so that a test
// can force u = 0, which no known A and B produce.
var scrambler = computeU

// computeU returns u = H(PAD(A) || PAD(B)).
func computeU(A, B *big.Int) *big.Int {
	return hashToInt(padBytes(A), padBytes(B))
}

// computeX returns x = H(PAD(salt) || H(pool || user || ":" || password)).
// For devices pool is the DeviceGroupKey and user the DeviceKey.
func computeX(salt *big.Int, pool, user, password string) *big.Int {
	h := sha256.New()
	h.Write([]byte(pool))
	h.Write([]byte(user))
	h.Write([]byte{':'})
	h.Write([]byte(password))
	return hashToInt(padBytes(salt), h.Sum(nil))
}

// clientPremaster returns S = (B - k*g^x)^(a + u*x) mod N.
func clientPremaster(a, B, x, u *big.Int) *big.Int {
	base := new(big.Int).Mul(groupK, gPow(x))
	base.Sub(B, base)
	base.Mod(base, groupN) // Euclidean: lands in [0, N) even when negative
	e := new(big.Int).Mul(u, x)
	e.Add(e, a)
	return base.Exp(base, e, groupN)
}

// serverPremaster returns S = (A * v^u)^b mod N, given vu = v^u mod N, the
// same value the client computes when it knows the password behind v.
func serverPremaster(A, vu, b *big.Int) *big.Int {
	base := new(big.Int).Mul(vu, A)
	base.Mod(base, groupN)
	return base.Exp(base, b, groupN)
}

// infoBits is HKDF's info for Cognito's session key.
const infoBits = "Caldera Derived Key"

// sessionKey returns the 16-byte key: the first block of HKDF-SHA256 with
// ikm = PAD(S), salt = PAD(u) and info "Caldera Derived Key", truncated.
// Written out because one block is all Cognito uses.
func sessionKey(S, u *big.Int) []byte {
	extract := hmac.New(sha256.New, padBytes(u))
	extract.Write(padBytes(S))
	expand := hmac.New(sha256.New, extract.Sum(nil))
	expand.Write([]byte(infoBits))
	expand.Write([]byte{1})
	return expand.Sum(nil)[:16]
}

// claimMAC returns the raw PASSWORD_CLAIM_SIGNATURE:
// HMAC-SHA256(key, pool || user || secretBlock || timestamp).
func claimMAC(key []byte, pool, user string, secretBlock []byte, timestamp string) []byte {
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(pool))
	mac.Write([]byte(user))
	mac.Write(secretBlock)
	mac.Write([]byte(timestamp))
	return mac.Sum(nil)
}
