package srp

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/big"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

// testRand returns a deterministic random source. For tests only.
func testRand(seed byte) io.Reader { return rand.NewChaCha8([32]byte{seed}) }

// randomText returns a string of n runes, mixing ASCII and other scripts.
func randomText(r *rand.Rand, n int) string {
	alphabet := []rune("abcXYZ019!@#:_- é中文Ωß🙂\u0301")
	var sb strings.Builder
	for range n {
		sb.WriteRune(alphabet[r.IntN(len(alphabet))])
	}
	return sb.String()
}

func randomBlock(r *rand.Rand) string {
	b := make([]byte, 1+r.IntN(2000))
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return base64.StdEncoding.EncodeToString(b)
}

var ts = FormatTimestamp(time.Date(2024, 3, 5, 7, 8, 9, 0, time.UTC))

func TestPasswordRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	rnd := testRand(1)
	for i := range 8 {
		pool := fmt.Sprintf("Pool%d", i)
		user, password := randomText(r, 1+r.IntN(40)), randomText(r, 1+r.IntN(60))
		block := randomBlock(r)
		t.Run(fmt.Sprintf("%d", i), func(t *testing.T) {
			ver, err := NewPasswordVerifier(pool, user, password, rnd)
			if err != nil {
				t.Fatal(err)
			}
			c, err := NewClient(rnd)
			if err != nil {
				t.Fatal(err)
			}
			s, err := NewServer(ver, rnd)
			if err != nil {
				t.Fatal(err)
			}
			sig, err := c.PasswordSignature(pool, user, password, s.SaltHex(), s.SRPB(), block, ts)
			if err != nil {
				t.Fatal(err)
			}
			if err := s.VerifyPassword(pool, user, c.SRPA(), block, ts, sig); err != nil {
				t.Fatalf("VerifyPassword: %v", err)
			}
			// A server restored from its state accepts the same claim.
			rs, err := RestoreServer(s.State())
			if err != nil {
				t.Fatal(err)
			}
			if rs.SRPB() != s.SRPB() {
				t.Fatal("restored server has another B")
			}
			if err := rs.VerifyPassword(pool, user, c.SRPA(), block, ts, sig); err != nil {
				t.Fatalf("restored VerifyPassword: %v", err)
			}
			// USER_PASSWORD_AUTH: recompute from the stored salt and compare.
			again, err := PasswordVerifierWithSalt(pool, user, password, ver.SaltHex)
			if err != nil || !again.Equal(ver) {
				t.Errorf("PasswordVerifierWithSalt does not reproduce the verifier: %v", err)
			}
			wrong, _ := PasswordVerifierWithSalt(pool, user, password+"x", ver.SaltHex)
			if wrong.Equal(ver) {
				t.Error("a wrong password's verifier equals the right one")
			}
		})
	}
}

// TestVerifyRejects changes one input at a time and expects the claim to
// fail.
func TestVerifyRejects(t *testing.T) {
	const pool, user, password = "AbC123", "alice", "correct horse"
	rnd := testRand(2)
	ver, _ := NewPasswordVerifier(pool, user, password, rnd)
	c, _ := NewClient(rnd)
	s, _ := NewServer(ver, rnd)
	block := base64.StdEncoding.EncodeToString([]byte("the server's secret block"))
	otherBlock := base64.StdEncoding.EncodeToString([]byte("the server's secret blocK"))
	otherTS := FormatTimestamp(time.Date(2024, 3, 5, 7, 8, 10, 0, time.UTC))
	c2, _ := NewClient(rnd)

	type claim struct{ password, salt, B, block, ts string }
	right := claim{password, s.SaltHex(), s.SRPB(), block, ts}
	sign := func(t *testing.T, cl claim) string {
		t.Helper()
		sig, err := c.PasswordSignature(pool, user, cl.password, cl.salt, cl.B, cl.block, cl.ts)
		if err != nil {
			t.Fatal(err)
		}
		return sig
	}
	good := sign(t, right)
	if err := s.VerifyPassword(pool, user, c.SRPA(), block, ts, good); err != nil {
		t.Fatalf("the right claim fails: %v", err)
	}

	tests := []struct {
		name string
		sig  func(t *testing.T) string
		// what the server is told
		pool, user, A, block, ts string
	}{
		{name: "wrong password", sig: func(t *testing.T) string { c := right; c.password = "correct horsE"; return sign(t, c) }},
		{name: "wrong salt", sig: func(t *testing.T) string { c := right; c.salt = "01" + c.salt; return sign(t, c) }},
		{name: "signed another secret block", sig: func(t *testing.T) string { c := right; c.block = otherBlock; return sign(t, c) }},
		{name: "signed another timestamp", sig: func(t *testing.T) string { c := right; c.ts = otherTS; return sign(t, c) }},
		{name: "sent another secret block", block: otherBlock},
		{name: "sent another timestamp", ts: otherTS},
		{name: "other pool", pool: "AbC124"},
		{name: "other user", user: "alicE"},
		{name: "other client's A", A: c2.SRPA()},
		{name: "truncated signature", sig: func(*testing.T) string { return good[:40] + "==" }},
		{name: "not base64", sig: func(*testing.T) string { return "!" + good[1:] }},
		{name: "empty signature", sig: func(*testing.T) string { return "" }},
		{name: "64-byte signature", sig: func(*testing.T) string { return base64.StdEncoding.EncodeToString(make([]byte, 64)) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sig := good
			if tt.sig != nil {
				sig = tt.sig(t)
			}
			or := func(v, d string) string {
				if v == "" {
					return d
				}
				return v
			}
			err := s.VerifyPassword(or(tt.pool, pool), or(tt.user, user), or(tt.A, c.SRPA()), or(tt.block, block), or(tt.ts, ts), sig)
			if !errors.Is(err, ErrBadSignature) {
				t.Errorf("VerifyPassword error = %v, want ErrBadSignature", err)
			}
		})
	}
}

func TestDeviceRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	rnd := testRand(3)
	for i := range 4 {
		groupKey := fmt.Sprintf("-%dabcDEF", i)
		deviceKey := fmt.Sprintf("us-east-1_%08x-1111-2222-3333-444455556666", r.Uint32())
		t.Run(fmt.Sprintf("%d", i), func(t *testing.T) {
			ds, err := NewDeviceSecret(groupKey, deviceKey, rnd)
			if err != nil {
				t.Fatal(err)
			}
			if pw, err := base64.StdEncoding.DecodeString(ds.Password); err != nil || len(pw) != 40 {
				t.Errorf("device password %q is not base64 of 40 bytes", ds.Password)
			}
			// What the client sends to ConfirmDevice, as the server parses it.
			ver, err := DeviceVerifierFromConfig(ds.Salt, ds.PasswordVerifier)
			if err != nil {
				t.Fatal(err)
			}
			c, _ := NewClient(rnd)
			s, err := NewServer(ver, rnd)
			if err != nil {
				t.Fatal(err)
			}
			block := randomBlock(r)
			sig, err := c.DeviceSignature(groupKey, deviceKey, ds.Password, s.SaltHex(), s.SRPB(), block, ts)
			if err != nil {
				t.Fatal(err)
			}
			if err := s.VerifyDevice(groupKey, deviceKey, c.SRPA(), block, ts, sig); err != nil {
				t.Fatalf("VerifyDevice: %v", err)
			}
			bad, _ := c.DeviceSignature(groupKey, deviceKey, ds.Password+"x", s.SaltHex(), s.SRPB(), block, ts)
			if err := s.VerifyDevice(groupKey, deviceKey, c.SRPA(), block, ts, bad); !errors.Is(err, ErrBadSignature) {
				t.Errorf("wrong device password: %v, want ErrBadSignature", err)
			}
			if err := s.VerifyDevice(groupKey+"x", deviceKey, c.SRPA(), block, ts, sig); !errors.Is(err, ErrBadSignature) {
				t.Errorf("wrong device group key: %v, want ErrBadSignature", err)
			}
		})
	}
}

// TestDeviceSecretFormat checks ConfirmDevice's encodings byte by byte:
// Salt is PAD(16 random bytes as an integer), so it gains a zero byte when
// the first random byte is 0x80 or more and loses leading zero bytes.
func TestDeviceSecretFormat(t *testing.T) {
	tests := []struct {
		name     string
		salt     []byte
		wantSalt []byte
	}{
		{"high bit set", append([]byte{0x80}, make([]byte, 15)...), append([]byte{0, 0x80}, make([]byte, 15)...)},
		{"leading zero", append([]byte{0, 0x7f}, bytes.Repeat([]byte{1}, 14)...), append([]byte{0x7f}, bytes.Repeat([]byte{1}, 14)...)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pw := bytes.Repeat([]byte{7}, 40)
			ds, err := NewDeviceSecret("g", "k", bytes.NewReader(append(pw, tt.salt...)))
			if err != nil {
				t.Fatal(err)
			}
			if ds.Password != base64.StdEncoding.EncodeToString(pw) {
				t.Errorf("Password = %q", ds.Password)
			}
			if got, _ := base64.StdEncoding.DecodeString(ds.Salt); !bytes.Equal(got, tt.wantSalt) {
				t.Errorf("Salt bytes = %x, want %x", got, tt.wantSalt)
			}
			salt := new(big.Int).SetBytes(tt.salt)
			v := gPow(computeX(salt, "g", "k", ds.Password))
			if got, _ := base64.StdEncoding.DecodeString(ds.PasswordVerifier); !bytes.Equal(got, padBytes(v)) {
				t.Errorf("PasswordVerifier is not PAD(g^x)")
			}
		})
	}
}

func TestDeviceVerifierFromConfigRejects(t *testing.T) {
	b64 := base64.StdEncoding.EncodeToString
	salt := b64([]byte{1, 2, 3})
	tests := []struct {
		name, salt, verifier string
		want                 error
	}{
		{"empty salt", "", b64([]byte{5}), ErrEmpty},
		{"empty verifier", salt, "", ErrEmpty},
		{"salt not base64", "***", b64([]byte{5}), ErrInvalidBase64},
		{"verifier not base64", salt, "AQ=", ErrInvalidBase64},
		{"verifier with line break", salt, "AQID\nBA==", ErrInvalidBase64},
		{"verifier zero", salt, b64([]byte{0}), ErrOutOfRange},
		{"verifier one", salt, b64([]byte{1}), ErrOutOfRange},
		{"verifier N", salt, b64(groupN.Bytes()), ErrOutOfRange},
		{"verifier N+1", salt, b64(new(big.Int).Add(groupN, big.NewInt(1)).Bytes()), ErrOutOfRange},
		{"verifier too long", salt, b64(make([]byte, 400)), ErrTooLong},
		{"salt too long", b64(make([]byte, 1000)), b64([]byte{5}), ErrTooLong},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := DeviceVerifierFromConfig(tt.salt, tt.verifier)
			if !errors.Is(err, tt.want) {
				t.Errorf("error = %v, want %v", err, tt.want)
			}
			var ie *InputError
			if !errors.As(err, &ie) || !strings.HasPrefix(ie.Param, "DeviceSecretVerifierConfig.") {
				t.Errorf("error %v does not name the config field", err)
			}
		})
	}
	// PAD(N-1) is 385 bytes; the bound must let it through.
	if _, err := DeviceVerifierFromConfig(salt, b64(padBytes(new(big.Int).Sub(groupN, big.NewInt(1))))); err != nil {
		t.Errorf("largest verifier refused: %v", err)
	}
}

// TestIllegalPublicValues constructs A and B that are 0 mod N.
func TestIllegalPublicValues(t *testing.T) {
	rnd := testRand(4)
	ver, _ := NewPasswordVerifier("P", "u", "p", rnd)
	c, _ := NewClient(rnd)
	s, _ := NewServer(ver, rnd)
	block := base64.StdEncoding.EncodeToString([]byte("block"))
	for name, v := range map[string]*big.Int{
		"0":  big.NewInt(0),
		"N":  groupN,
		"2N": new(big.Int).Lsh(groupN, 1),
	} {
		t.Run(name, func(t *testing.T) {
			for _, h := range []string{v.Text(16), "000" + v.Text(16)} {
				_, err := c.PasswordSignature("P", "u", "p", s.SaltHex(), h, block, ts)
				if !errors.Is(err, ErrIllegalPublicValue) {
					t.Errorf("client accepted B = %s: %v", name, err)
				}
				_, err = c.DeviceSignature("G", "K", "p", s.SaltHex(), h, block, ts)
				if !errors.Is(err, ErrIllegalPublicValue) {
					t.Errorf("client (device) accepted B = %s: %v", name, err)
				}
				err = s.VerifyPassword("P", "u", h, block, ts, base64.StdEncoding.EncodeToString(make([]byte, 32)))
				if !errors.Is(err, ErrIllegalPublicValue) {
					t.Errorf("server accepted A = %s: %v", name, err)
				}
				var ie *InputError
				if !errors.As(err, &ie) || ie.Param != "SRP_A" {
					t.Errorf("error %v does not name SRP_A", err)
				}
				if err := CheckPublic("SRP_A", h); !errors.Is(err, ErrIllegalPublicValue) {
					t.Errorf("CheckPublic accepted A = %s: %v", name, err)
				}
			}
		})
	}
	for _, bad := range []string{"", "xyz", strings.Repeat("f", 5000)} {
		if err := CheckPublic("SRP_A", bad); err == nil {
			t.Errorf("CheckPublic accepted %.10q", bad)
		}
	}
	if err := CheckPublic("SRP_A", c.SRPA()); err != nil {
		t.Errorf("CheckPublic refused a real A: %v", err)
	}
	// A = N+1 is legal (it is 1 mod N): rejected only by the signature.
	err := s.VerifyPassword("P", "u", new(big.Int).Add(groupN, big.NewInt(1)).Text(16), block, ts, base64.StdEncoding.EncodeToString(make([]byte, 32)))
	if !errors.Is(err, ErrBadSignature) {
		t.Errorf("A = N+1: %v, want ErrBadSignature", err)
	}
}

// TestZeroU forces u = 0 through the scrambler seam: no A and B with
// H(PAD(A) || PAD(B)) = 0 are known.
func TestZeroU(t *testing.T) {
	rnd := testRand(14)
	ver, _ := NewPasswordVerifier("P", "u", "p", rnd)
	c, _ := NewClient(rnd)
	s, _ := NewServer(ver, rnd)
	block := base64.StdEncoding.EncodeToString([]byte("block"))
	sig, _ := c.PasswordSignature("P", "u", "p", s.SaltHex(), s.SRPB(), block, ts)

	scrambler = func(_, _ *big.Int) *big.Int { return new(big.Int) }
	defer func() { scrambler = computeU }()
	if _, err := c.PasswordSignature("P", "u", "p", s.SaltHex(), s.SRPB(), block, ts); !errors.Is(err, ErrZeroU) {
		t.Errorf("client: %v, want ErrZeroU", err)
	}
	if _, err := c.DeviceSignature("G", "K", "p", s.SaltHex(), s.SRPB(), block, ts); !errors.Is(err, ErrZeroU) {
		t.Errorf("client (device): %v, want ErrZeroU", err)
	}
	if err := s.VerifyPassword("P", "u", c.SRPA(), block, ts, sig); !errors.Is(err, ErrZeroU) {
		t.Errorf("server: %v, want ErrZeroU", err)
	}
	if err := s.VerifyDevice("G", "K", c.SRPA(), block, ts, sig); !errors.Is(err, ErrZeroU) {
		t.Errorf("server (device): %v, want ErrZeroU", err)
	}
}

func TestSignInputErrors(t *testing.T) {
	rnd := testRand(5)
	c, _ := NewClient(rnd)
	ver, _ := NewPasswordVerifier("P", "u", "p", rnd)
	s, _ := NewServer(ver, rnd)
	block := base64.StdEncoding.EncodeToString([]byte("block"))
	long := strings.Repeat("a", maxTextLen+1)
	type args struct{ pool, user, password, salt, B, block, ts string }
	ok := args{"P", "u", "p", s.SaltHex(), s.SRPB(), block, ts}
	tests := []struct {
		name  string
		edit  func(*args)
		param string
		want  error
	}{
		{"empty pool", func(a *args) { a.pool = "" }, "poolName", ErrEmpty},
		{"empty user", func(a *args) { a.user = "" }, "USER_ID_FOR_SRP", ErrEmpty},
		{"empty password", func(a *args) { a.password = "" }, "password", ErrEmpty},
		{"long password", func(a *args) { a.password = long }, "password", ErrTooLong},
		{"empty timestamp", func(a *args) { a.ts = "" }, "TIMESTAMP", ErrEmpty},
		{"empty salt", func(a *args) { a.salt = "" }, "SALT", ErrEmpty},
		{"salt with sign", func(a *args) { a.salt = "-1f" }, "SALT", ErrInvalidHex},
		{"salt with 0x", func(a *args) { a.salt = "0x1f" }, "SALT", ErrInvalidHex},
		{"salt with space", func(a *args) { a.salt = "1f " }, "SALT", ErrInvalidHex},
		{"long salt", func(a *args) { a.salt = strings.Repeat("f", maxSaltHexLen+1) }, "SALT", ErrTooLong},
		{"empty B", func(a *args) { a.B = "" }, "SRP_B", ErrEmpty},
		{"B not hex", func(a *args) { a.B = "g" + a.B[1:] }, "SRP_B", ErrInvalidHex},
		{"long B", func(a *args) { a.B = strings.Repeat("0", maxPublicHexLen) + "1" }, "SRP_B", ErrTooLong},
		{"empty block", func(a *args) { a.block = "" }, "SECRET_BLOCK", ErrEmpty},
		{"block not base64", func(a *args) { a.block = "not base64" }, "SECRET_BLOCK", ErrInvalidBase64},
		{"block unpadded", func(a *args) { a.block = strings.TrimRight(a.block, "=") }, "SECRET_BLOCK", ErrInvalidBase64},
		{"long block", func(a *args) { a.block = strings.Repeat("AAAA", maxSecretBlockLen/4+1) }, "SECRET_BLOCK", ErrTooLong},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := ok
			tt.edit(&a)
			_, err := c.PasswordSignature(a.pool, a.user, a.password, a.salt, a.B, a.block, a.ts)
			var ie *InputError
			if !errors.Is(err, tt.want) || !errors.As(err, &ie) || ie.Param != tt.param {
				t.Errorf("error = %v, want %v for %s", err, tt.want, tt.param)
			}
			if !strings.HasPrefix(err.Error(), "srp: ") {
				t.Errorf("error %q lacks the package prefix", err)
			}
		})
	}
	// Upper-case hex and leading zeros are accepted and mean the same number.
	a, _ := c.PasswordSignature(ok.pool, ok.user, ok.password, ok.salt, ok.B, ok.block, ok.ts)
	b, err := c.PasswordSignature(ok.pool, ok.user, ok.password, "00"+strings.ToUpper(ok.salt), "0"+strings.ToUpper(ok.B), ok.block, ok.ts)
	if err != nil || a != b {
		t.Errorf("leading zeros or upper case change the signature: %v", err)
	}
}

func TestVerifyInputErrors(t *testing.T) {
	rnd := testRand(6)
	c, _ := NewClient(rnd)
	ver, _ := NewPasswordVerifier("P", "u", "p", rnd)
	s, _ := NewServer(ver, rnd)
	block := base64.StdEncoding.EncodeToString([]byte("block"))
	sig, _ := c.PasswordSignature("P", "u", "p", s.SaltHex(), s.SRPB(), block, ts)
	tests := []struct {
		name                     string
		pool, user, A, block, ts string
		want                     error
	}{
		{"zero-padded day", "P", "u", c.SRPA(), block, "Tue Mar 05 07:08:09 UTC 2024", ErrMalformedTimestamp},
		{"wrong weekday", "P", "u", c.SRPA(), block, "Mon Mar 5 07:08:09 UTC 2024", ErrMalformedTimestamp},
		{"empty pool", "", "u", c.SRPA(), block, ts, ErrEmpty},
		{"empty user", "P", "", c.SRPA(), block, ts, ErrEmpty},
		{"A not hex", "P", "u", "x" + c.SRPA(), block, ts, ErrInvalidHex},
		{"empty block", "P", "u", c.SRPA(), "", ts, ErrEmpty},
		{"block not base64", "P", "u", c.SRPA(), "%%%%", ts, ErrInvalidBase64},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := s.VerifyPassword(tt.pool, tt.user, tt.A, tt.block, tt.ts, sig)
			if !errors.Is(err, tt.want) {
				t.Errorf("error = %v, want %v", err, tt.want)
			}
		})
	}
}

func TestNewClientReadsExactly128Bytes(t *testing.T) {
	src := bytes.Repeat([]byte{0xab}, 200)
	r := bytes.NewReader(src)
	c, err := NewClient(r)
	if err != nil {
		t.Fatal(err)
	}
	if r.Len() != 200-128 {
		t.Errorf("NewClient read %d bytes, want 128", 200-r.Len())
	}
	want := gPow(new(big.Int).SetBytes(src[:128]))
	if c.SRPA() != want.Text(16) {
		t.Error("A is not g^a for a = the bytes read")
	}
}

// TestNewServerReadsExactly32Bytes pins the length of the server's b:
// 256 bits (see NewServer), not the client's 128 bytes.
func TestNewServerReadsExactly32Bytes(t *testing.T) {
	ver, _ := NewPasswordVerifier("P", "u", "p", testRand(7))
	src := bytes.Repeat([]byte{0xcd}, 200)
	r := bytes.NewReader(src)
	s, err := NewServer(ver, r)
	if err != nil {
		t.Fatal(err)
	}
	if got := 200 - r.Len(); got != 32 {
		t.Errorf("NewServer read %d bytes, want 32", got)
	}
	if s.b.Cmp(new(big.Int).SetBytes(src[:32])) != 0 {
		t.Error("b is not the bytes read")
	}
	if bits := s.b.BitLen(); bits > 256 {
		t.Errorf("b has %d bits, want at most 256", bits)
	}
}

// TestRestoreServerAcceptsOldSecrets: a State saved by a version whose
// NewServer drew 128-byte secrets restores and checks a login, and so does
// one with a 256-bit b.
func TestRestoreServerAcceptsOldSecrets(t *testing.T) {
	const pool, user, password = "AbC123", "alice", "correct horse"
	ver, _ := NewPasswordVerifier(pool, user, password, testRand(3))
	tests := []struct {
		name  string
		bytes int
	}{
		{"128-byte b, as saved by earlier versions", 128},
		{"32-byte b, as NewServer draws now", serverSecretBytes},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := make([]byte, tt.bytes)
			_, _ = testRand(byte(tt.bytes)).Read(b)
			b[0] |= 0x80 // the full length
			s, err := RestoreServer(ServerState{Verifier: ver, Secret: hex.EncodeToString(b)})
			if err != nil {
				t.Fatal(err)
			}
			if got := s.b.BitLen(); got != 8*tt.bytes {
				t.Fatalf("b has %d bits, want %d", got, 8*tt.bytes)
			}
			c, _ := NewClient(testRand(4))
			block := base64.StdEncoding.EncodeToString([]byte("block"))
			sig, err := c.PasswordSignature(pool, user, password, s.SaltHex(), s.SRPB(), block, ts)
			if err != nil {
				t.Fatal(err)
			}
			if err := s.VerifyPassword(pool, user, c.SRPA(), block, ts, sig); err != nil {
				t.Errorf("VerifyPassword: %v", err)
			}
		})
	}
}

func TestRandomnessFailures(t *testing.T) {
	short := func() io.Reader { return bytes.NewReader(make([]byte, 100)) }
	shortServer := func() io.Reader { return bytes.NewReader(make([]byte, serverSecretBytes-1)) }
	zeros := func() io.Reader { return bytes.NewReader(make([]byte, 128*maxDraws)) }
	ver, _ := NewPasswordVerifier("P", "u", "p", testRand(7))
	tests := []struct {
		name string
		call func() error
	}{
		{"client, short read", func() error { _, err := NewClient(short()); return err }},
		{"client, zero secrets", func() error { _, err := NewClient(zeros()); return err }},
		{"server, short read", func() error { _, err := NewServer(ver, shortServer()); return err }},
		{"server, zero secrets", func() error { _, err := NewServer(ver, zeros()); return err }},
		{"verifier, empty source", func() error { _, err := NewPasswordVerifier("P", "u", "p", bytes.NewReader(nil)); return err }},
		{"device, short read", func() error { _, err := NewDeviceSecret("g", "k", bytes.NewReader(make([]byte, 50))); return err }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.call(); !errors.Is(err, ErrRandomness) {
				t.Errorf("error = %v, want ErrRandomness", err)
			}
		})
	}
	// A zero secret is skipped, not used.
	r := io.MultiReader(bytes.NewReader(make([]byte, 128)), bytes.NewReader(bytes.Repeat([]byte{1}, 128)))
	c, err := NewClient(r)
	if err != nil || c.a.Sign() == 0 {
		t.Errorf("NewClient did not redraw after a zero secret: %v", err)
	}
}

func TestRestoreServerRejects(t *testing.T) {
	ver, _ := NewPasswordVerifier("P", "u", "p", testRand(8))
	tests := []struct {
		name string
		st   ServerState
		want error
	}{
		{"empty secret", ServerState{Verifier: ver}, ErrEmpty},
		{"zero secret", ServerState{Verifier: ver, Secret: "00"}, ErrOutOfRange},
		{"secret too long", ServerState{Verifier: ver, Secret: strings.Repeat("1", 257)}, ErrTooLong},
		{"secret not hex", ServerState{Verifier: ver, Secret: "xyz"}, ErrInvalidHex},
		{"no verifier", ServerState{Secret: "01"}, ErrEmpty},
		{"verifier zero", ServerState{Verifier: Verifier{SaltHex: "01", VerifierHex: "0"}, Secret: "01"}, ErrOutOfRange},
		{"verifier N", ServerState{Verifier: Verifier{SaltHex: "01", VerifierHex: groupN.Text(16)}, Secret: "01"}, ErrOutOfRange},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := RestoreServer(tt.st); !errors.Is(err, tt.want) {
				t.Errorf("error = %v, want %v", err, tt.want)
			}
		})
	}
	// The state survives JSON.
	s, _ := NewServer(ver, testRand(9))
	data, err := json.Marshal(s.State())
	if err != nil {
		t.Fatal(err)
	}
	var st ServerState
	if err := json.Unmarshal(data, &st); err != nil {
		t.Fatal(err)
	}
	rs, err := RestoreServer(st)
	if err != nil || rs.SRPB() != s.SRPB() || rs.SaltHex() != s.SaltHex() {
		t.Errorf("JSON round trip changed the server: %v", err)
	}
}

func TestVerifierEqual(t *testing.T) {
	v, _ := PasswordVerifierWithSalt("P", "u", "p", "0a0b")
	tests := []struct {
		name string
		o    Verifier
		want bool
	}{
		{"same", v, true},
		{"same numbers, other spelling", Verifier{SaltHex: "00A0B", VerifierHex: "000" + strings.ToUpper(v.VerifierHex)}, true},
		{"other salt", Verifier{SaltHex: "0a0c", VerifierHex: v.VerifierHex}, false},
		{"other verifier", Verifier{SaltHex: v.SaltHex, VerifierHex: "2"}, false},
		{"malformed", Verifier{SaltHex: v.SaltHex, VerifierHex: "zz"}, false},
		{"zero value", Verifier{}, false},
	}
	for _, tt := range tests {
		if got := v.Equal(tt.o); got != tt.want {
			t.Errorf("%s: Equal = %v, want %v", tt.name, got, tt.want)
		}
	}
	if (Verifier{}).Equal(Verifier{}) {
		t.Error("zero verifiers are equal")
	}
}

// TestSecretsStayHidden prints every type that holds a secret in every way a
// program might and checks that the secret never appears.
func TestSecretsStayHidden(t *testing.T) {
	rnd := testRand(10)
	ds, _ := NewDeviceSecret("group", "key", rnd)
	c, _ := NewClient(rnd)
	ver, _ := NewPasswordVerifier("P", "u", "p", rnd)
	s, _ := NewServer(ver, rnd)
	st := s.State()
	tests := []struct {
		name   string
		value  any
		secret string
	}{
		{"DeviceSecret", ds, ds.Password},
		{"*DeviceSecret", &ds, ds.Password},
		{"Client", c, c.a.Text(16)},
		{"Server", s, st.Secret},
		{"ServerState", st, st.Secret},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var logged bytes.Buffer
			slog.New(slog.NewTextHandler(&logged, nil)).Info("x", "v", tt.value)
			for _, out := range []string{
				fmt.Sprint(tt.value), fmt.Sprintf("%v %+v %#v %s", tt.value, tt.value, tt.value, tt.value),
				fmt.Sprintf("%v", []any{tt.value}), logged.String(),
			} {
				if strings.Contains(out, tt.secret) || strings.Contains(out, tt.secret[:12]) {
					t.Errorf("secret printed: %s", out)
				}
				if !strings.Contains(out, redacted) {
					t.Errorf("no redaction marker in %s", out)
				}
			}
		})
	}
	// The fields themselves still marshal, for callers that store them.
	data, _ := json.Marshal(ds)
	if !strings.Contains(string(data), ds.Password) {
		t.Error("DeviceSecret's JSON lost the password")
	}
}

func TestCombMatchesExp(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	exps := []*big.Int{big.NewInt(0), big.NewInt(1), big.NewInt(2), big.NewInt(255), big.NewInt(256)}
	for _, n := range []int{255, 256, 257, 1023, 1024, 1025, 3072} {
		all := new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), uint(n)), big.NewInt(1))
		exps = append(exps, all, new(big.Int).Lsh(big.NewInt(1), uint(n-1)))
		b := make([]byte, (n+7)/8)
		for i := range b {
			b[i] = byte(r.Uint32())
		}
		exps = append(exps, new(big.Int).Rsh(new(big.Int).SetBytes(b), uint(len(b)*8-n)))
	}
	for _, e := range exps {
		want := new(big.Int).Exp(groupG, e, groupN)
		if got := gPow(e); got.Cmp(want) != 0 {
			t.Errorf("gPow(%d-bit %s…) differs from Exp", e.BitLen(), abbrev(e.Text(16)))
		}
	}
	// Another base and modulus, to test the comb itself.
	m := big.NewInt(1_000_003)
	c := newComb(big.NewInt(12345), m, 40, 3, 2)
	for _, e := range []int64{0, 1, 7, 1 << 20, 1<<40 - 1, 987654321} {
		want := new(big.Int).Exp(big.NewInt(12345), big.NewInt(e), m)
		if got := c.exp(big.NewInt(e)); got.Cmp(want) != 0 {
			t.Errorf("comb 12345^%d = %v, want %v", e, got, want)
		}
	}
}

func TestConcurrentUse(t *testing.T) {
	ver, _ := NewPasswordVerifier("P", "u", "p", testRand(11))
	c, _ := NewClient(testRand(12))
	s, _ := NewServer(ver, testRand(13))
	block := base64.StdEncoding.EncodeToString([]byte("block"))
	errs := make(chan error, 4)
	for range 4 {
		go func() {
			sig, err := c.PasswordSignature("P", "u", "p", s.SaltHex(), s.SRPB(), block, ts)
			if err == nil {
				err = s.VerifyPassword("P", "u", c.SRPA(), block, ts, sig)
			}
			errs <- err
		}()
	}
	for range 4 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}
