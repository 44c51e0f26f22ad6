package srp

import (
	"math/big"
	"math/bits"
)

// comb computes base^e mod m for one fixed base with the Lim–Lee comb method
// (C. H. Lim and P. J. Lee, "More Flexible Exponentiation with
// Precomputation", CRYPTO '94). The exponent's bits are laid out in rows of
// rowBits bits; each row is cut into cols columns of colBits bits. Table j
// holds, for every h-bit index, the product of base^(2^(i*rowBits+j*colBits))
// over the rows i set in the index, so one pass over colBits bit positions
// needs colBits-1 squarings and one table product per column and position.
//
// Not constant time, like math/big itself.
type comb struct {
	m       *big.Int
	bits    int // largest exponent bit length handled
	rows    int
	cols    int
	rowBits int
	colBits int
	tables  [][]big.Int // [cols][1<<rows]
}

func newComb(base, m *big.Int, bits, rows, cols int) *comb {
	colBits := (bits + rows*cols - 1) / (rows * cols)
	c := &comb{
		m:       m,
		rows:    rows,
		cols:    cols,
		colBits: colBits,
		rowBits: colBits * cols,
		bits:    colBits * cols * rows,
		tables:  make([][]big.Int, cols),
	}
	var ma modArith
	ma.m = m
	// Row i, column j starts at bit i*rowBits + j*colBits = (i*cols+j)*colBits,
	// so consecutive (i, j) pairs are colBits squarings apart.
	cur := new(big.Int).Mod(base, m)
	for j := range c.tables {
		c.tables[j] = make([]big.Int, 1<<rows)
		c.tables[j][0].SetInt64(1)
	}
	for i := 0; i < rows; i++ {
		for j := 0; j < cols; j++ {
			c.tables[j][1<<i].Set(cur)
			for range colBits {
				ma.mul(cur, cur, cur)
			}
		}
	}
	for j := range c.tables {
		t := c.tables[j]
		for idx := 3; idx < len(t); idx++ {
			low := idx & -idx
			if low != idx {
				ma.mul(&t[idx], &t[idx&^low], &t[low])
			}
		}
	}
	c.compact()
	return c
}

// compact moves every table entry into one flat array: math/big leaves
// products with room for twice their length, which doubled the tables'
// memory, and contiguous entries are kinder to the cache.
func (c *comb) compact() {
	width := len(c.m.Bits())
	flat := make([]big.Word, len(c.tables)*len(c.tables[0])*width)
	off := 0
	for j := range c.tables {
		for idx := range c.tables[j] {
			e := &c.tables[j][idx]
			n := copy(flat[off:off+width], e.Bits())
			e.SetBits(flat[off : off+n : off+width])
			off += width
		}
	}
}

// exp returns base^e mod m; e must be non-negative and at most c.bits long.
func (c *comb) exp(e *big.Int) *big.Int {
	words := e.Bits()
	bit := func(n int) int {
		w := n / bits.UintSize
		if w >= len(words) {
			return 0
		}
		return int(words[w]>>(uint(n)%bits.UintSize)) & 1
	}
	var ma modArith
	ma.m = c.m
	r := big.NewInt(1)
	started := false // r is still 1, so squaring and multiplying are skipped
	for k := c.colBits - 1; k >= 0; k-- {
		if started {
			ma.mul(r, r, r)
		}
		for j := 0; j < c.cols; j++ {
			idx := 0
			for i := 0; i < c.rows; i++ {
				idx |= bit(i*c.rowBits+j*c.colBits+k) << i
			}
			switch {
			case idx == 0:
			case started:
				ma.mul(r, r, &c.tables[j][idx])
			default:
				r.Set(&c.tables[j][idx])
				started = true
			}
		}
	}
	return r
}

// modArith multiplies modulo m, reusing its scratch space between calls.
type modArith struct {
	m    *big.Int
	t, q big.Int
}

// mul sets z = x*y mod m for x, y in [0, m). z may alias x or y.
func (ma *modArith) mul(z, x, y *big.Int) {
	ma.t.Mul(x, y) // math/big squares faster when x == y
	ma.q.QuoRem(&ma.t, ma.m, z)
}
