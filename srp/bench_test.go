package srp

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"io"
	"math/big"
	"math/rand/v2"
	"strings"
	"testing"
)

// baselineClaim is the same client work as NewClient + PasswordSignature,
// written the plain way most Cognito clients do it: math/big's Exp for every
// power and hex strings between steps. It is the yardstick for
// BenchmarkPasswordClaim and, through TestBaselineAgrees, a second
// implementation to check the optimized one against.
func baselineClaim(rnd io.Reader, pool, user, password, saltHex, bHex, secretBlock, timestamp string) (srpA, signature string, err error) {
	N, _ := new(big.Int).SetString(groupNHex, 16)
	g := big.NewInt(2)
	padHex := func(n *big.Int) string {
		h := n.Text(16)
		if len(h)%2 == 1 {
			return "0" + h
		}
		if strings.ContainsRune("89abcdef", rune(h[0])) {
			return "00" + h
		}
		return h
	}
	hexHash := func(h string) string {
		b, _ := hex.DecodeString(h)
		sum := sha256.Sum256(b)
		return hex.EncodeToString(sum[:])
	}
	fromHex := func(h string) *big.Int { n, _ := new(big.Int).SetString(h, 16); return n }

	k := fromHex(hexHash(padHex(N) + padHex(g)))
	buf := make([]byte, 128)
	if _, err := io.ReadFull(rnd, buf); err != nil {
		return "", "", err
	}
	a := new(big.Int).SetBytes(buf)
	A := new(big.Int).Exp(g, a, N)

	B := fromHex(bHex)
	if new(big.Int).Mod(B, N).Sign() == 0 {
		return "", "", errors.New("B mod N == 0")
	}
	u := fromHex(hexHash(padHex(A) + padHex(B)))
	if u.Sign() == 0 {
		return "", "", errors.New("u == 0")
	}
	userHash := sha256.Sum256([]byte(pool + user + ":" + password))
	x := fromHex(hexHash(padHex(fromHex(saltHex)) + hex.EncodeToString(userHash[:])))
	gx := new(big.Int).Exp(g, x, N)
	base := new(big.Int).Sub(B, new(big.Int).Mul(k, gx))
	base.Mod(base, N)
	S := new(big.Int).Exp(base, new(big.Int).Add(a, new(big.Int).Mul(u, x)), N)

	ikm, _ := hex.DecodeString(padHex(S))
	salt, _ := hex.DecodeString(padHex(u))
	prk := hmac.New(sha256.New, salt)
	prk.Write(ikm)
	okm := hmac.New(sha256.New, prk.Sum(nil))
	okm.Write([]byte("Caldera Derived Key\x01"))
	key := okm.Sum(nil)[:16]

	block, err := base64.StdEncoding.DecodeString(secretBlock)
	if err != nil {
		return "", "", err
	}
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(pool + user))
	mac.Write(block)
	mac.Write([]byte(timestamp))
	return A.Text(16), base64.StdEncoding.EncodeToString(mac.Sum(nil)), nil
}

// claimFixture is one realistic login: a user, a server's challenge and a
// 1.7 KB secret block, like Cognito's.
type claimFixture struct {
	pool, user, password, block string
	ver                         Verifier
	serverSecret                []byte // b, so that a benchmark can rebuild the same server
	server                      *Server
}

func newClaimFixture(tb testing.TB) claimFixture {
	rnd := testRand(42)
	f := claimFixture{pool: "AbC123", user: "7d0bd3f2-7a1e-4c2b-9d36-5f2c1e1a9b77", password: "correct horse battery staple"}
	var err error
	if f.ver, err = NewPasswordVerifier(f.pool, f.user, f.password, rnd); err != nil {
		tb.Fatal(err)
	}
	f.serverSecret = make([]byte, serverSecretBytes)
	rnd.Read(f.serverSecret)
	if f.server, err = NewServer(f.ver, bytes.NewReader(f.serverSecret)); err != nil {
		tb.Fatal(err)
	}
	block := make([]byte, 1280)
	rnd.Read(block)
	f.block = base64.StdEncoding.EncodeToString(block)
	return f
}

func TestBaselineAgrees(t *testing.T) {
	for _, ka := range knownAnswers {
		a, _ := new(big.Int).SetString(ka.a, 16)
		if a.BitLen() > 8*secretBytes {
			continue // the baseline reads a as 128 bytes, like NewClient
		}
		rnd := bytes.NewReader(a.FillBytes(make([]byte, secretBytes)))
		_, sig, err := baselineClaim(rnd, ka.poolName, ka.userID, ka.password, ka.salt, ka.B, ka.secretBlock, ka.timestamp)
		if err != nil || sig != ka.signature {
			t.Errorf("%s: baseline signature %s, %v; want %s", ka.name, sig, err, ka.signature)
		}
	}
	f := newClaimFixture(t)
	for seed := range byte(4) {
		srpA, want, err := baselineClaim(testRand(seed), f.pool, f.user, f.password, f.server.SaltHex(), f.server.SRPB(), f.block, ts)
		if err != nil {
			t.Fatal(err)
		}
		c, _ := NewClient(testRand(seed))
		got, err := c.PasswordSignature(f.pool, f.user, f.password, f.server.SaltHex(), f.server.SRPB(), f.block, ts)
		if err != nil || got != want || c.SRPA() != srpA {
			t.Errorf("seed %d: signature %s, %v; baseline %s", seed, got, err, want)
		}
	}
}

// BenchmarkPasswordClaim is one login's client work: NewClient and
// PasswordSignature.
func BenchmarkPasswordClaim(b *testing.B) {
	f := newClaimFixture(b)
	rnd := rand.NewChaCha8([32]byte{1})
	b.ReportAllocs()
	for b.Loop() {
		c, err := NewClient(rnd)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := c.PasswordSignature(f.pool, f.user, f.password, f.server.SaltHex(), f.server.SRPB(), f.block, ts); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPasswordClaimBaseline is the same work done with baselineClaim.
func BenchmarkPasswordClaimBaseline(b *testing.B) {
	f := newClaimFixture(b)
	rnd := rand.NewChaCha8([32]byte{1})
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := baselineClaim(rnd, f.pool, f.user, f.password, f.server.SaltHex(), f.server.SRPB(), f.block, ts); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkServerVerify is one login's server work: NewServer and
// VerifyPassword. The server draws the same b every time so that one
// client signature stays valid.
func BenchmarkServerVerify(b *testing.B) {
	f := newClaimFixture(b)
	c, _ := NewClient(testRand(7))
	sig, err := c.PasswordSignature(f.pool, f.user, f.password, f.server.SaltHex(), f.server.SRPB(), f.block, ts)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		s, err := NewServer(f.ver, bytes.NewReader(f.serverSecret))
		if err != nil {
			b.Fatal(err)
		}
		if err := s.VerifyPassword(f.pool, f.user, c.SRPA(), f.block, ts, sig); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGPow compares the comb tables with math/big's Exp for g^e, over
// random exponents (a fixed one would keep the few table entries it uses in
// cache and flatter the comb).
func BenchmarkGPow(b *testing.B) {
	rnd := testRand(9)
	for _, n := range []int{256, 1024} {
		exps := make([]*big.Int, 64)
		for i := range exps {
			buf := make([]byte, n/8)
			rnd.Read(buf)
			exps[i] = new(big.Int).SetBytes(buf)
		}
		gPow(exps[0])
		b.Run("comb/"+itoa(n), func(b *testing.B) {
			i := 0
			for b.Loop() {
				gPow(exps[i%len(exps)])
				i++
			}
		})
		b.Run("Exp/"+itoa(n), func(b *testing.B) {
			i := 0
			for b.Loop() {
				new(big.Int).Exp(groupG, exps[i%len(exps)], groupN)
				i++
			}
		})
	}
}

// BenchmarkCombBuild is the one-time cost of the tables, paid by the first
// login in a process.
func BenchmarkCombBuild(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		buildCombs()
	}
}

func itoa(n int) string { return big.NewInt(int64(n)).String() }
