package srp

import (
	"encoding/base64"
	"math/big"
)

// Bounds on outside input. Each is far above what Cognito sends or accepts
// and far below what would make parsing or hashing expensive.
const (
	// maxTextLen bounds names, keys and passwords (Cognito allows usernames
	// of 128 and passwords of 256 characters).
	maxTextLen = 4096
	// maxPublicHexLen bounds SRP_A and SRP_B: N has 768 hex digits; the rest
	// is slack for clients that pad with zeros.
	maxPublicHexLen = 1024
	// maxSaltHexLen bounds SALT: Cognito's salts have 32 hex digits.
	maxSaltHexLen = 1024
	// maxSecretBlockLen bounds SECRET_BLOCK in base64 characters: Cognito's
	// are about 1,700 to 2,400.
	maxSecretBlockLen = 16384
	// maxSignatureLen bounds PASSWORD_CLAIM_SIGNATURE (44 characters).
	maxSignatureLen = 64
)

// checkText rejects an empty or oversized string input.
func checkText(param, s string) error {
	switch {
	case s == "":
		return inputErr(param, ErrEmpty)
	case len(s) > maxTextLen:
		return inputErr(param, ErrTooLong)
	}
	return nil
}

// parseHex parses a non-negative hexadecimal integer of at most maxLen
// digits, upper or lower case. big.Int.SetString alone would also accept a
// sign, so the digits are checked first.
func parseHex(param, s string, maxLen int) (*big.Int, error) {
	switch {
	case s == "":
		return nil, inputErr(param, ErrEmpty)
	case len(s) > maxLen:
		return nil, inputErr(param, ErrTooLong)
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return nil, inputErr(param, ErrInvalidHex)
		}
	}
	n, ok := new(big.Int).SetString(s, 16)
	if !ok {
		return nil, inputErr(param, ErrInvalidHex)
	}
	return n, nil
}

// parsePublic parses SRP_A or SRP_B and refuses a value that is 0 mod N.
// Values of N or more are otherwise accepted, as every Cognito client does:
// u hashes the value as sent and the exponentiation reduces it.
func parsePublic(param, s string) (*big.Int, error) {
	n, err := parseHex(param, s, maxPublicHexLen)
	if err != nil {
		return nil, err
	}
	if new(big.Int).Mod(n, groupN).Sign() == 0 {
		return nil, inputErr(param, ErrIllegalPublicValue)
	}
	return n, nil
}

// decodeBase64 decodes standard, padded base64 of at most maxLen characters
// in its canonical form: encoding/base64 would also skip line breaks and
// accept stray bits in the last character, which Cognito never sends.
func decodeBase64(param, s string, maxLen int) ([]byte, error) {
	switch {
	case s == "":
		return nil, inputErr(param, ErrEmpty)
	case len(s) > maxLen:
		return nil, inputErr(param, ErrTooLong)
	}
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil || base64.StdEncoding.EncodeToString(b) != s {
		return nil, inputErr(param, ErrInvalidBase64)
	}
	return b, nil
}

// CheckPublic reports whether an SRP_A or SRP_B (param names which, for the
// error) is acceptable: non-empty hex of bounded length that is not 0 mod N.
// A server calls it on SRP_A as soon as InitiateAuth arrives, so that an
// illegal value is refused before any state is kept for it.
func CheckPublic(param, hexValue string) error {
	_, err := parsePublic(param, hexValue)
	return err
}
