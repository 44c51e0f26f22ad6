package engine

import (
	"crypto/aes"
	"crypto/cipher"
	"encoding/json"
	"fmt"
)

// sealMagic starts every sealed snapshot and is authenticated with it, so
// that a blob sealed for another purpose with the same key does not open.
const sealMagic = "gcs1"

// Seal encrypts and authenticates a snapshot with AES-GCM under key (16, 24
// or 32 bytes), with a random nonce that crypto/cipher draws from
// crypto/rand itself (cipher.NewGCMWithRandomNonce), so no caller can make
// one repeat. The result can travel through a browser or a shared cache:
// Open detects any change.
//
// A sealed snapshot is "gcs1", the 12-byte nonce, the ciphertext and the
// 16-byte tag, with "gcs1" as additional data: the layout earlier versions
// wrote with a nonce of their own, so their blobs still open.
func Seal(s Snapshot, key []byte) ([]byte, error) {
	aead, err := newAEAD(key)
	if err != nil {
		return nil, err
	}
	plain, err := json.Marshal(s)
	if err != nil {
		return nil, fmt.Errorf("engine: seal: %w", err)
	}
	out := make([]byte, len(sealMagic), len(sealMagic)+len(plain)+aead.Overhead())
	copy(out, sealMagic)
	return aead.Seal(out, nil, plain, []byte(sealMagic)), nil
}

// Open checks and decrypts what Seal produced. Any change, a wrong key or a
// blob that Seal did not make gives ErrTampered; a snapshot that decrypts but
// does not parse gives ErrBadSnapshot.
func Open(sealed, key []byte) (Snapshot, error) {
	aead, err := newAEAD(key)
	if err != nil {
		return Snapshot{}, err
	}
	head := len(sealMagic)
	if len(sealed) < head+aead.Overhead() || len(sealed) > maxSnapshotBytes+head+aead.Overhead() ||
		string(sealed[:head]) != sealMagic {
		return Snapshot{}, ErrTampered
	}
	plain, err := aead.Open(nil, nil, sealed[head:], []byte(sealMagic))
	if err != nil {
		return Snapshot{}, ErrTampered
	}
	return ParseSnapshot(plain)
}

func newAEAD(key []byte) (cipher.AEAD, error) {
	switch len(key) {
	case 16, 24, 32:
	default:
		return nil, fmt.Errorf("%w: got %d", ErrBadKey, len(key))
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, fmt.Errorf("engine: %w", err)
	}
	aead, err := cipher.NewGCMWithRandomNonce(block)
	if err != nil {
		return nil, fmt.Errorf("engine: %w", err)
	}
	return aead, nil
}
