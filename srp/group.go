package srp

import (
	"crypto/sha256"
	"math/big"
	"sync"
)

// The group is RFC 3526's 3072-bit MODP prime (RFC 5054 appendix A) with
// generator 2, as hard-coded in every Cognito client.
const groupNHex = "" +
	"FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74" +
	"020BBEA63B139B22514A08798E3404DDEF9519B3CD3A431B302B0A6DF25F1437" +
	"4FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED" +
	"EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF05" +
	"98DA48361C55D39A69163FA8FD24CF5F83655D23DCA3AD961C62F356208552BB" +
	"9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B" +
	"E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF695581718" +
	"3995497CEA956AE515D2261898FA051015728E5A8AAAC42DAD33170D04507A33" +
	"A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7" +
	"ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864" +
	"D87602733EC86A64521F2B18177B200CBBE117577A615D6C770988C0BAD946E2" +
	"08E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF"

const (
	groupNBytes = 384 // byte length of N
	// secretBytes is the length of the client's secret a: Cognito's clients
	// draw 128 random bytes, and the fixed-base tables below cover that.
	// It is also the longest server secret b that RestoreServer accepts,
	// since a Server drew 128 bytes before it drew serverSecretBytes.
	secretBytes = 128
	// serverSecretBytes is the length of the server's secret b that
	// NewServer draws: 256 bits, the least RFC 5054 (section 2.5.3) asks
	// for. See NewServer for why it is shorter than a.
	serverSecretBytes = 32
)

var (
	groupN = mustParseHex(groupNHex)
	groupG = big.NewInt(2)
	// groupK is SRP-6a's multiplier k = H(PAD(N) || PAD(g)).
	groupK = hashToInt(padBytes(groupN), padBytes(groupG))
)

func mustParseHex(s string) *big.Int {
	n, ok := new(big.Int).SetString(s, 16)
	if !ok {
		panic("srp: bad constant " + s)
	}
	return n
}

// Every login computes g^e for a 1024-bit secret (a, or the server's b) and
// for a 256-bit hash (x). With the base fixed, precomputed comb tables turn
// each of these into a few dozen squarings and about e's length/8
// multiplications, against math/big's 1024 (or 256) squarings plus a quarter
// as many multiplications. The tables are built on first use (about 8 ms) and
// take about 600 KiB.
var (
	combsOnce           sync.Once
	gComb1024, gComb256 *comb
)

// Comb shapes, chosen by measuring random exponents: 8 rows index
// 256-entry tables, and more columns trade memory for fewer squarings. For
// 1024 bits, 8x8 or 10x4 would save another 7 to 13% of g^a for twice or
// three times the memory; 6x4 or 7x4 lose 18 to 34%.
const (
	comb1024Rows, comb1024Cols = 8, 4 // 31 squarings + 128 products, 4 tables
	comb256Rows, comb256Cols   = 8, 2 // 15 squarings + 32 products, 2 tables
)

func buildCombs() {
	gComb1024 = newComb(groupG, groupN, 8*secretBytes, comb1024Rows, comb1024Cols)
	gComb256 = newComb(groupG, groupN, 8*sha256.Size, comb256Rows, comb256Cols)
}

// gPow returns g^e mod N for e >= 0.
func gPow(e *big.Int) *big.Int {
	combsOnce.Do(buildCombs)
	switch n := e.BitLen(); {
	case n <= gComb256.bits:
		return gComb256.exp(e)
	case n <= gComb1024.bits:
		return gComb1024.exp(e)
	default:
		return new(big.Int).Exp(groupG, e, groupN)
	}
}
