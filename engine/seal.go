package engine

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"io"
)

// sealMagic starts every sealed snapshot and is authenticated with it, so
// that a blob sealed for another purpose with the same key does not open.
const sealMagic = "gcs1"

// Seal encrypts and authenticates a snapshot with AES-GCM under key (16, 24
// or 32 bytes), with a random nonce from crypto/rand. The result can travel
// through a browser or a shared cache: Open detects any change.
func Seal(s Snapshot, key []byte) ([]byte, error) {
	return SealWithRand(rand.Reader, s, key)
}

// SealWithRand is Seal with the nonce read from rnd (Config.Rand, or a
// deterministic reader in tests). A nonce must never repeat under one key:
// rnd must be a real random source outside tests.
func SealWithRand(rnd io.Reader, s Snapshot, key []byte) ([]byte, error) {
	aead, err := newAEAD(key)
	if err != nil {
		return nil, err
	}
	plain, err := json.Marshal(s)
	if err != nil {
		return nil, fmt.Errorf("engine: seal: %w", err)
	}
	out := make([]byte, len(sealMagic)+aead.NonceSize(), len(sealMagic)+aead.NonceSize()+len(plain)+aead.Overhead())
	copy(out, sealMagic)
	nonce := out[len(sealMagic):]
	if _, err := io.ReadFull(rnd, nonce); err != nil {
		return nil, fmt.Errorf("engine: seal: nonce: %w", err)
	}
	return aead.Seal(out, nonce, plain, []byte(sealMagic)), nil
}

// Open checks and decrypts what Seal produced. Any change, a wrong key or a
// blob that Seal did not make gives ErrTampered; a snapshot that decrypts but
// does not parse gives ErrBadSnapshot.
func Open(sealed, key []byte) (Snapshot, error) {
	aead, err := newAEAD(key)
	if err != nil {
		return Snapshot{}, err
	}
	head := len(sealMagic) + aead.NonceSize()
	if len(sealed) < head+aead.Overhead() || len(sealed) > maxSnapshotBytes+head+aead.Overhead() ||
		string(sealed[:len(sealMagic)]) != sealMagic {
		return Snapshot{}, ErrTampered
	}
	plain, err := aead.Open(nil, sealed[len(sealMagic):head], sealed[head:], []byte(sealMagic))
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
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, fmt.Errorf("engine: %w", err)
	}
	return aead, nil
}
