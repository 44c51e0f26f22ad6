package srp

import (
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"math/big"
)

// DeviceSecret is what ConfirmDevice needs for a newly remembered device, and
// the device password the client must keep for later DEVICE_SRP_AUTH logins.
// The fields are exported so that a caller can store them; String, GoString
// and LogValue hide Password so that %v and slog never print it.
type DeviceSecret struct {
	Password         string // the device password the client keeps (base64 of 40 random bytes)
	Salt             string // base64, as ConfirmDevice's DeviceSecretVerifierConfig.Salt
	PasswordVerifier string // base64, as ConfirmDevice's DeviceSecretVerifierConfig.PasswordVerifier
}

// devicePasswordBytes is the device password's length before base64.
const devicePasswordBytes = 40

// NewDeviceSecret makes a random device password and the Salt and
// PasswordVerifier derived from it, for the device Cognito named in
// NewDeviceMetadata (DeviceGroupKey, DeviceKey). It reads 40 bytes for the
// password and then 16 for the salt from rnd (nil means crypto/rand), as
// amazon-cognito-identity-js does. Salt is base64(PAD(salt)) and
// PasswordVerifier base64(PAD(g^x mod N)).
func NewDeviceSecret(deviceGroupKey, deviceKey string, rnd io.Reader) (DeviceSecret, error) {
	if err := checkText("DeviceGroupKey", deviceGroupKey); err != nil {
		return DeviceSecret{}, err
	}
	if err := checkText("DeviceKey", deviceKey); err != nil {
		return DeviceSecret{}, err
	}
	pw, err := readRandom(rnd, devicePasswordBytes)
	if err != nil {
		return DeviceSecret{}, err
	}
	saltRaw, err := readRandom(rnd, saltBytes)
	if err != nil {
		return DeviceSecret{}, err
	}
	password := base64.StdEncoding.EncodeToString(pw)
	salt := new(big.Int).SetBytes(saltRaw)
	v := gPow(computeX(salt, deviceGroupKey, deviceKey, password))
	return DeviceSecret{
		Password:         password,
		Salt:             base64.StdEncoding.EncodeToString(padBytes(salt)),
		PasswordVerifier: base64.StdEncoding.EncodeToString(padBytes(v)),
	}, nil
}

// Bounds for DeviceSecretVerifierConfig, in base64 characters.
const (
	maxDeviceSaltLen     = 1024
	maxDeviceVerifierLen = 4 * (groupNBytes + 2 + 2) / 3 // PAD(v) is at most 385 bytes
)

// DeviceVerifierFromConfig validates ConfirmDevice's
// DeviceSecretVerifierConfig and returns the device's Verifier. Its SaltHex is
// the hex of the Salt bytes, which is what DEVICE_PASSWORD_VERIFIER sends as
// SALT. The PasswordVerifier must decode to a value in [2, N).
func DeviceVerifierFromConfig(saltB64, passwordVerifierB64 string) (Verifier, error) {
	salt, err := decodeBase64("DeviceSecretVerifierConfig.Salt", saltB64, maxDeviceSaltLen)
	if err != nil {
		return Verifier{}, err
	}
	vb, err := decodeBase64("DeviceSecretVerifierConfig.PasswordVerifier", passwordVerifierB64, maxDeviceVerifierLen)
	if err != nil {
		return Verifier{}, err
	}
	v := new(big.Int).SetBytes(vb)
	if !inVerifierRange(v) {
		return Verifier{}, inputErr("DeviceSecretVerifierConfig.PasswordVerifier", ErrOutOfRange)
	}
	return Verifier{SaltHex: hex.EncodeToString(salt), VerifierHex: v.Text(16)}, nil
}

// String hides the device password.
func (d DeviceSecret) String() string {
	return fmt.Sprintf("srp.DeviceSecret{Password: %s, Salt: %s, PasswordVerifier: %s}",
		redacted, d.Salt, abbrev(d.PasswordVerifier))
}

// GoString keeps %#v from printing the device password.
func (d DeviceSecret) GoString() string { return d.String() }

// LogValue keeps slog from printing the device password.
func (d DeviceSecret) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("password", redacted),
		slog.String("salt", d.Salt),
		slog.String("passwordVerifier", abbrev(d.PasswordVerifier)))
}

var (
	_ fmt.Stringer   = DeviceSecret{}
	_ fmt.GoStringer = DeviceSecret{}
	_ slog.LogValuer = DeviceSecret{}
)
