package srp

import (
	"container/list"
	"crypto/sha256"
	"io"
	"math/big"
	"sync"
)

// VerifierCache speeds up a server's repeated logins against the same
// verifiers. Checking a claim costs the server two exponentiations modulo
// the 3072-bit N with 256-bit exponents, v^u and (A*v^u)^b. The base of the
// first, v, is fixed for a user (or device) until the password changes, so
// the precomputed comb tables that make g^x cheap work for it too: v^u then
// takes about 40 % of the time of math/big's Exp. Building a verifier's
// tables costs about one and a half Exps and they take 24 KiB, so a
// cache builds them only for a verifier it sees a second time (test suites
// and load tests log the same users in again and again; a decoy challenge
// for an unknown user never repeats its verifier) and keeps those of the
// most recently used verifiers up to its capacity. "A second time" means
// within the last n verifiers seen once, n being the capacity: a server
// cycling through more users than the cache holds would evict every table
// before its next use, so it builds none and costs what it cost without a
// cache.
//
// The tables hold powers of v, which is no secret of the login but allows
// offline guessing of the password like v itself: a VerifierCache belongs
// with the verifiers, in the server's memory, never in logs or files. Its
// hits and misses take different times, which tells an observer whether a
// user logged in recently; a server for which that matters should not use
// one. A VerifierCache is safe for concurrent use; a nil one caches nothing.
type VerifierCache struct {
	max int

	mu     sync.Mutex
	tables map[[sha256.Size]byte]*list.Element // value: *cachedTable
	lru    *list.List                          // front: most recently used
	// seen holds the last max verifiers seen once, in a ring: seenAt maps
	// a key to its slot in seenRing.
	seenAt   map[[sha256.Size]byte]int
	seenRing [][sha256.Size]byte
	seenNext int
}

type cachedTable struct {
	key  [sha256.Size]byte
	comb *comb
}

// The shape of a verifier's comb for 256-bit exponents (u): 5 rows and 2
// columns, 25 squarings and about 50 products, 64 table entries of 384
// bytes. 8x2, as for g, would save another third of v^u for eight times
// the memory per verifier.
const vCombRows, vCombCols = 5, 2

// NewVerifierCache returns a cache that keeps the tables of at most n
// verifiers (about 24 KiB each). n <= 0 gives a cache that keeps nothing.
func NewVerifierCache(n int) *VerifierCache {
	return &VerifierCache{
		max:    n,
		tables: map[[sha256.Size]byte]*list.Element{},
		lru:    list.New(),
		seenAt: map[[sha256.Size]byte]int{},
	}
}

// NewServer is the package's NewServer for a server that uses c: the same
// 256-bit b, read the same way from rnd, and the same B.
func (c *VerifierCache) NewServer(v Verifier, rnd io.Reader) (*Server, error) {
	s, err := NewServer(v, rnd)
	if err != nil {
		return nil, err
	}
	s.cache = c
	return s, nil
}

// RestoreServer is the package's RestoreServer for a server that uses c.
func (c *VerifierCache) RestoreServer(st ServerState) (*Server, error) {
	s, err := RestoreServer(st)
	if err != nil {
		return nil, err
	}
	s.cache = c
	return s, nil
}

// Len reports how many verifiers' tables c holds.
func (c *VerifierCache) Len() int {
	if c == nil {
		return 0
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.lru.Len()
}

// sawOnce records key as seen once, forgetting the oldest such record past
// c.max of them. It is called with c.mu held.
func (c *VerifierCache) sawOnce(key [sha256.Size]byte) {
	if len(c.seenRing) < c.max {
		c.seenAt[key] = len(c.seenRing)
		c.seenRing = append(c.seenRing, key)
		return
	}
	old := c.seenRing[c.seenNext]
	if at, ok := c.seenAt[old]; ok && at == c.seenNext {
		delete(c.seenAt, old)
	}
	c.seenRing[c.seenNext] = key
	c.seenAt[key] = c.seenNext
	c.seenNext = (c.seenNext + 1) % c.max
}

// pow returns v^u mod N for 0 < v < N and 0 <= u < 2^256.
func (c *VerifierCache) pow(v, u *big.Int) *big.Int {
	if c == nil || c.max <= 0 || u.BitLen() > 8*sha256.Size {
		return new(big.Int).Exp(v, u, groupN)
	}
	key := hashVerifier(v)
	c.mu.Lock()
	if e, ok := c.tables[key]; ok {
		c.lru.MoveToFront(e)
		t := e.Value.(*cachedTable).comb
		c.mu.Unlock()
		return t.exp(u) // the tables are never changed once built
	}
	if _, again := c.seenAt[key]; !again {
		c.sawOnce(key)
		c.mu.Unlock()
		return new(big.Int).Exp(v, u, groupN)
	}
	delete(c.seenAt, key) // its ring slot stays until overwritten
	c.mu.Unlock()

	t := newComb(v, groupN, 8*sha256.Size, vCombRows, vCombCols)
	c.mu.Lock()
	if _, ok := c.tables[key]; !ok {
		c.tables[key] = c.lru.PushFront(&cachedTable{key: key, comb: t})
		for c.lru.Len() > c.max {
			old := c.lru.Remove(c.lru.Back()).(*cachedTable)
			delete(c.tables, old.key)
		}
	}
	c.mu.Unlock()
	return t.exp(u)
}

// hashVerifier is a verifier's key in a VerifierCache.
func hashVerifier(v *big.Int) [sha256.Size]byte { return sha256.Sum256(v.Bytes()) }
