package srp

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"math/big"
	"testing"
)

// TestVerifierCacheLogins runs repeated logins through one cache: the first
// sighting of a verifier computes v^u with Exp, the second builds its
// tables, later ones use them; every right claim verifies and every wrong
// one is refused, whichever path computed v^u.
func TestVerifierCacheLogins(t *testing.T) {
	const pool, user, password = "AbC123", "alice", "correct horse"
	rnd := testRand(21)
	ver, _ := NewPasswordVerifier(pool, user, password, rnd)
	cache := NewVerifierCache(4)
	block := base64.StdEncoding.EncodeToString([]byte("block"))
	tests := []struct {
		name       string
		password   string
		want       error
		wantTables int // after the login
	}{
		{"first sighting: Exp, no table", password, nil, 0},
		{"second sighting: the table is built", "wrong horse", ErrBadSignature, 1},
		{"third: from the table", password, nil, 1},
		{"fourth: from the table, wrong password", "correct horse ", ErrBadSignature, 1},
		{"fifth: from the table", password, nil, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := cache.NewServer(ver, rnd)
			if err != nil {
				t.Fatal(err)
			}
			c, _ := NewClient(rnd)
			sig, err := c.PasswordSignature(pool, user, tt.password, s.SaltHex(), s.SRPB(), block, ts)
			if err != nil {
				t.Fatal(err)
			}
			if err := s.VerifyPassword(pool, user, c.SRPA(), block, ts, sig); !errors.Is(err, tt.want) {
				t.Errorf("VerifyPassword: %v, want %v", err, tt.want)
			}
			if got := cache.Len(); got != tt.wantTables {
				t.Errorf("cache holds %d tables, want %d", got, tt.wantTables)
			}
		})
	}
}

// TestVerifierCachePowAgrees compares the cache's v^u with Exp for random
// verifiers and scramblers, including the extremes of u.
func TestVerifierCachePowAgrees(t *testing.T) {
	rnd := testRand(22)
	cache := NewVerifierCache(8)
	max256 := new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 256), big.NewInt(1))
	for i := range 6 {
		buf := make([]byte, 48)
		rnd.Read(buf)
		v := gPow(new(big.Int).SetBytes(buf))
		us := []*big.Int{big.NewInt(0), big.NewInt(1), max256}
		for range 4 {
			ub := make([]byte, 32)
			rnd.Read(ub)
			us = append(us, new(big.Int).SetBytes(ub))
		}
		for j, u := range us {
			t.Run(fmt.Sprintf("v%d/u%d", i, j), func(t *testing.T) {
				want := new(big.Int).Exp(v, u, groupN)
				for pass := range 3 { // Exp, build, table
					if got := cache.pow(v, u); got.Cmp(want) != 0 {
						t.Fatalf("pass %d: v^u differs from Exp", pass)
					}
				}
			})
		}
	}
}

// TestVerifierCacheBounded: tables for at most n verifiers, the least
// recently used dropped first; a verifier seen once gets none, nor do
// verifiers that come back only after more than n others (a round robin
// over more users than the cache holds would evict every table before its
// use); a nil or empty cache computes the same values and keeps nothing.
func TestVerifierCacheBounded(t *testing.T) {
	rnd := testRand(23)
	vs := make([]*big.Int, 6)
	for i := range vs {
		buf := make([]byte, 48)
		rnd.Read(buf)
		vs[i] = gPow(new(big.Int).SetBytes(buf))
	}
	u := big.NewInt(0xfeedface)
	has := func(c *VerifierCache, v *big.Int) bool {
		c.mu.Lock()
		defer c.mu.Unlock()
		_, ok := c.tables[hashVerifier(v)]
		return ok
	}
	tests := []struct {
		name      string
		order     []int // indexes into vs, in the order of the logins
		wantLen   int
		wantIn    []int
		wantNotIn []int
	}{
		{"each seen once", []int{0, 1, 2, 3, 4, 5}, 0, nil, []int{0, 5}},
		{"four twice in a row, capacity 3: the least recently used goes", []int{0, 0, 1, 1, 2, 2, 3, 3}, 3, []int{1, 2, 3}, []int{0}},
		{"use keeps a table", []int{0, 0, 1, 1, 2, 2, 0, 3, 3}, 3, []int{0, 2, 3}, []int{1}},
		{"round robin over 3, the capacity", []int{0, 1, 2, 0, 1, 2, 0, 1, 2}, 3, []int{0, 1, 2}, nil},
		{"round robin over 4, more than the capacity", []int{0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3}, 0, nil, []int{0, 1, 2, 3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := NewVerifierCache(3)
			for _, i := range tt.order {
				if got := c.pow(vs[i], u); got.Cmp(new(big.Int).Exp(vs[i], u, groupN)) != 0 {
					t.Fatalf("v%d^u differs from Exp", i)
				}
			}
			if got := c.Len(); got != tt.wantLen {
				t.Errorf("cache holds %d tables, want %d", got, tt.wantLen)
			}
			for _, i := range tt.wantIn {
				if !has(c, vs[i]) {
					t.Errorf("no table for v%d", i)
				}
			}
			for _, i := range tt.wantNotIn {
				if has(c, vs[i]) {
					t.Errorf("a table for v%d", i)
				}
			}
		})
	}
	for _, c := range []*VerifierCache{nil, NewVerifierCache(0)} {
		for range 3 {
			if got := c.pow(vs[5], u); got.Cmp(new(big.Int).Exp(vs[5], u, groupN)) != 0 {
				t.Fatal("a cache that keeps nothing computed another v^u")
			}
		}
		if c.Len() != 0 {
			t.Error("a cache of capacity 0 kept a table")
		}
	}
}

// TestVerifierCacheRestore: a server restored through the cache verifies
// like one made by it.
func TestVerifierCacheRestore(t *testing.T) {
	const pool, user, password = "AbC123", "bob", "hunter2"
	rnd := testRand(24)
	ver, _ := NewPasswordVerifier(pool, user, password, rnd)
	cache := NewVerifierCache(2)
	block := base64.StdEncoding.EncodeToString([]byte("block"))
	for i := range 3 {
		s, err := cache.NewServer(ver, rnd)
		if err != nil {
			t.Fatal(err)
		}
		rs, err := cache.RestoreServer(s.State())
		if err != nil {
			t.Fatal(err)
		}
		c, _ := NewClient(rnd)
		sig, _ := c.PasswordSignature(pool, user, password, rs.SaltHex(), rs.SRPB(), block, ts)
		if err := rs.VerifyPassword(pool, user, c.SRPA(), block, ts, sig); err != nil {
			t.Errorf("login %d: %v", i, err)
		}
	}
	if _, err := cache.RestoreServer(ServerState{Verifier: ver, Secret: "0"}); !errors.Is(err, ErrOutOfRange) {
		t.Errorf("zero secret: %v, want ErrOutOfRange", err)
	}
	if _, err := cache.NewServer(ver, bytes.NewReader(nil)); !errors.Is(err, ErrRandomness) {
		t.Errorf("empty source: %v, want ErrRandomness", err)
	}
}

// BenchmarkVPow compares v^u from a verifier's tables with math/big's
// Exp, and measures building the tables, over random exponents.
func BenchmarkVPow(b *testing.B) {
	rnd := testRand(25)
	buf := make([]byte, 48)
	rnd.Read(buf)
	v := gPow(new(big.Int).SetBytes(buf))
	us := make([]*big.Int, 64)
	for i := range us {
		ub := make([]byte, 32)
		rnd.Read(ub)
		us[i] = new(big.Int).SetBytes(ub)
	}
	b.Run("Exp", func(b *testing.B) {
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			new(big.Int).Exp(v, us[i%len(us)], groupN)
			i++
		}
	})
	b.Run("table", func(b *testing.B) {
		c := newComb(v, groupN, 256, vCombRows, vCombCols)
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			c.exp(us[i%len(us)])
			i++
		}
	})
	b.Run("build", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			newComb(v, groupN, 256, vCombRows, vCombCols)
		}
	})
}

// BenchmarkServerVerifyCached is BenchmarkServerVerify through a
// VerifierCache that holds the user's tables, with 16 clients in turn so
// that u changes from one login to the next.
func BenchmarkServerVerifyCached(b *testing.B) {
	f := newClaimFixture(b)
	type claim struct{ A, sig string }
	claims := make([]claim, 16)
	for i := range claims {
		c, _ := NewClient(testRand(byte(100 + i)))
		sig, err := c.PasswordSignature(f.pool, f.user, f.password, f.server.SaltHex(), f.server.SRPB(), f.block, ts)
		if err != nil {
			b.Fatal(err)
		}
		claims[i] = claim{c.SRPA(), sig}
	}
	for _, cached := range []bool{false, true} {
		b.Run(map[bool]string{false: "Exp", true: "cached"}[cached], func(b *testing.B) {
			var cache *VerifierCache
			if cached {
				cache = NewVerifierCache(1)
			}
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				s, err := cache.NewServer(f.ver, bytes.NewReader(f.serverSecret))
				if err != nil {
					b.Fatal(err)
				}
				cl := claims[i%len(claims)]
				if err := s.VerifyPassword(f.pool, f.user, cl.A, f.block, ts, cl.sig); err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
	}
}
