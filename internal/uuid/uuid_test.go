package uuid_test

import (
	"bytes"
	"errors"
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/gocognito/gocognito/internal/uuid"
)

var v4 = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

func TestFormat(t *testing.T) {
	tests := []struct {
		name string
		in   [16]byte
		want string
	}{
		{"zeros", [16]byte{}, "00000000-0000-4000-8000-000000000000"},
		{"ones", [16]byte{0: 0xff, 1: 0xff, 2: 0xff, 3: 0xff, 4: 0xff, 5: 0xff, 6: 0xff, 7: 0xff, 8: 0xff, 9: 0xff, 10: 0xff, 11: 0xff, 12: 0xff, 13: 0xff, 14: 0xff, 15: 0xff},
			"ffffffff-ffff-4fff-bfff-ffffffffffff"},
		{"counting", [16]byte{0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff},
			"00112233-4455-4677-8899-aabbccddeeff"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := uuid.Format(tt.in); got != tt.want {
				t.Errorf("Format = %s, want %s", got, tt.want)
			}
		})
	}
}

func TestNew(t *testing.T) {
	seeded := bytes.Repeat([]byte{0x42}, 16)
	tests := []struct {
		name string
		r    io.Reader
		want string
		err  error
	}{
		{"from the reader", bytes.NewReader(seeded), "42424242-4242-4242-8242-424242424242", nil},
		{"short reader", strings.NewReader("short"), "", io.ErrUnexpectedEOF},
		{"empty reader", strings.NewReader(""), "", io.EOF},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := uuid.New(tt.r)
			if !errors.Is(err, tt.err) || got != tt.want {
				t.Errorf("New = %q, %v; want %q, %v", got, err, tt.want, tt.err)
			}
		})
	}
}

func TestRandom(t *testing.T) {
	seen := map[string]bool{}
	for range 100 {
		id := uuid.Random()
		if !v4.MatchString(id) {
			t.Fatalf("%q is not a v4 UUID", id)
		}
		if seen[id] {
			t.Fatalf("%q repeated", id)
		}
		seen[id] = true
	}
}
