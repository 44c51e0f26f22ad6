// Package srp implements the SRP-6a variant that AWS Cognito User Pools use
// for USER_SRP_AUTH and DEVICE_SRP_AUTH, on both sides: the client that
// answers PASSWORD_VERIFIER and DEVICE_PASSWORD_VERIFIER challenges, and the
// server that stores salts and verifiers instead of passwords and checks a
// claim, so that the in-repo fake Cognito runs the same math as the client it
// tests. It also holds the small helpers those flows need (SECRET_HASH,
// TIMESTAMP, pool names, device secrets for ConfirmDevice). It does no I/O and
// knows nothing of the wire protocol, sessions or retries: the engine and
// fakecognito packages do that. It is not a general SRP library either: the
// group, hash, padding and key derivation are Cognito's and cannot be changed.
//
// Cognito's quirks, which every function here reproduces: hex values are
// padded Java-style (a 00 sign byte before a leading nibble of 8-f, a single 0
// before an odd length), the salt is hashed as an integer, the session key is
// one HKDF-SHA256 block with info "Caldera Derived Key" cut to 16 bytes, and
// TIMESTAMP is an English, 24-hour, UTC date whose day is not zero-padded.
//
// A server (the fake Cognito) uses it like this, storing only strings:
//   - sign-up or a password change: NewPasswordVerifier; store the Verifier.
//   - USER_SRP_AUTH: NewServer on the stored Verifier; answer SaltHex and
//     SRPB with a SECRET_BLOCK, and keep Server.State under that block (or
//     sealed inside it) until the answer comes back.
//   - PASSWORD_VERIFIER answer: RestoreServer, then VerifyPassword, once.
//   - USER_PASSWORD_AUTH: PasswordVerifierWithSalt on the stored salt, then
//     Verifier.Equal, which compares in constant time.
//   - ConfirmDevice: DeviceVerifierFromConfig; DEVICE_SRP_AUTH and
//     DEVICE_PASSWORD_VERIFIER then go as above with VerifyDevice.
//   - A server whose users log in again and again (a fake under test or
//     load) can make its Servers through one VerifierCache, which keeps
//     precomputed powers of their verifiers.
//
// Randomness is always an io.Reader (nil means crypto/rand) so that tests can
// be deterministic. Values of type Client and Server are safe for concurrent
// use; none of their methods change them.
package srp
