package weblogin

import (
	"bufio"
	"bytes"
	"compress/flate"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"strings"
)

// The session cookie must hold an ID token, an access token and, ideally,
// the refresh token, under the 4 KiB a browser keeps for a cookie. Cognito's
// tokens are JWTs (and its refresh token a JWE): dots between base64url
// segments. Kept as text, sealed, and base64 again, three real tokens do
// not fit. So the tokens are packed: each segment decoded to its bytes,
// prefixed with its length, and the whole compressed (the JSON inside the
// JWTs compresses well, the signatures do not). Anything that is not made
// of base64url segments is refused, and the caller keeps fewer tokens.

// maxPacked bounds what unpack inflates, far above any cookie's worth.
const maxPacked = 64 << 10

var errNotPackable = errors.New("weblogin: token is not base64url segments")

// pack writes tokens (each "" or dot-separated base64url segments) in the
// compact form.
func pack(tokens ...string) ([]byte, error) {
	var raw bytes.Buffer
	putUvarint := func(v int) {
		var b [binary.MaxVarintLen64]byte
		raw.Write(b[:binary.PutUvarint(b[:], uint64(v))])
	}
	putUvarint(len(tokens))
	for _, tok := range tokens {
		if tok == "" {
			putUvarint(0)
			continue
		}
		segs := strings.Split(tok, ".")
		putUvarint(len(segs))
		for _, s := range segs {
			b, err := base64.RawURLEncoding.DecodeString(s)
			if err != nil || base64.RawURLEncoding.EncodeToString(b) != s {
				return nil, errNotPackable
			}
			putUvarint(len(b))
			raw.Write(b)
		}
	}
	var out bytes.Buffer
	w, err := flate.NewWriter(&out, flate.BestCompression)
	if err != nil {
		return nil, fmt.Errorf("weblogin: pack: %w", err)
	}
	if _, err := w.Write(raw.Bytes()); err != nil {
		return nil, fmt.Errorf("weblogin: pack: %w", err)
	}
	if err := w.Close(); err != nil {
		return nil, fmt.Errorf("weblogin: pack: %w", err)
	}
	return out.Bytes(), nil
}

// unpack reads what pack wrote.
func unpack(b []byte) ([]string, error) {
	inflated, err := io.ReadAll(io.LimitReader(flate.NewReader(bytes.NewReader(b)), maxPacked+1))
	if err != nil || len(inflated) > maxPacked {
		return nil, fmt.Errorf("weblogin: unpack: %w", errors.Join(err, errNotPackable))
	}
	r := bufio.NewReader(bytes.NewReader(inflated))
	count := func() (int, error) {
		v, err := binary.ReadUvarint(r)
		if err != nil || v > maxPacked {
			return 0, errNotPackable
		}
		return int(v), nil
	}
	n, err := count()
	if err != nil || n > 8 {
		return nil, errNotPackable
	}
	out := make([]string, n)
	for i := range out {
		segs, err := count()
		if err != nil || segs > 8 {
			return nil, errNotPackable
		}
		parts := make([]string, segs)
		for j := range parts {
			size, err := count()
			if err != nil {
				return nil, err
			}
			b := make([]byte, size)
			if _, err := io.ReadFull(r, b); err != nil {
				return nil, errNotPackable
			}
			parts[j] = base64.RawURLEncoding.EncodeToString(b)
		}
		out[i] = strings.Join(parts, ".")
	}
	if r.Buffered() > 0 {
		return nil, errNotPackable
	}
	return out, nil
}
