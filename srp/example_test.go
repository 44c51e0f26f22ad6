package srp_test

import (
	"encoding/base64"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/gocognito/gocognito/srp"
)

func ExampleSecretHash() {
	// Hash the name Cognito knows the user by (USERNAME or USER_ID_FOR_SRP
	// from a challenge), not an alias the user typed.
	fmt.Println(srp.SecretHash("test", "123abd", "clientSecret"))
	// Output: LoIX/oPJWZzFYv8liJYRo+CHv16FNDY10JlZEDjL3Vg=
}

func ExampleFormatTimestamp() {
	paris := time.FixedZone("CET", 60*60)
	fmt.Println(srp.FormatTimestamp(time.Date(2024, 3, 5, 8, 8, 9, 0, paris)))
	fmt.Println(srp.FormatTimestamp(time.Date(2022, 12, 31, 23, 59, 59, 0, time.UTC)))
	// Output:
	// Tue Mar 5 07:08:09 UTC 2024
	// Sat Dec 31 23:59:59 UTC 2022
}

func ExamplePoolName() {
	name, err := srp.PoolName("us-east-1_AbC123")
	fmt.Println(name, err)
	_, err = srp.PoolName("AbC123")
	fmt.Println(err)
	// Output:
	// AbC123 <nil>
	// srp: malformed user pool id: UserPoolId "AbC123": want REGION_ID, for example us-east-1_AbC123xyZ
}

// A whole USER_SRP_AUTH login, both sides in one process, as the fake
// Cognito runs it. The seeded random source makes the example repeatable; a
// real program passes nil for crypto/rand.
func Example() {
	rnd := rand.NewChaCha8([32]byte{'e', 'x', 'a', 'm', 'p', 'l', 'e'}) // for examples and tests only
	pool, _ := srp.PoolName("us-east-1_AbC123")

	// Sign-up: the server stores a salt and verifier, never the password.
	stored, _ := srp.NewPasswordVerifier(pool, "alice", "correct horse battery staple", rnd)

	login := func(password string) error {
		client, _ := srp.NewClient(rnd) // InitiateAuth sends client.SRPA()
		server, _ := srp.NewServer(stored, rnd)
		// PASSWORD_VERIFIER carries server.SaltHex(), server.SRPB() and a
		// SECRET_BLOCK; the fake keeps server.State() under that block.
		block := base64.StdEncoding.EncodeToString([]byte("handle for the server state"))
		ts := srp.FormatTimestamp(time.Date(2024, 3, 5, 7, 8, 9, 0, time.UTC))
		sig, err := client.PasswordSignature(pool, "alice", password, server.SaltHex(), server.SRPB(), block, ts)
		if err != nil {
			return err
		}
		// RespondToAuthChallenge returns block, ts and sig.
		return server.VerifyPassword(pool, "alice", client.SRPA(), block, ts, sig)
	}

	err := login("correct horse battery staple")
	fmt.Println("verified:", err == nil)
	err = login("Tr0ub4dor&3")
	fmt.Println("verified:", err == nil, err)
	// Output:
	// verified: true
	// verified: false srp: signature does not match
}

// Remembering a device, then a DEVICE_SRP_AUTH login with it.
func ExampleNewDeviceSecret() {
	rnd := rand.NewChaCha8([32]byte{'d', 'e', 'v'}) // for examples and tests only
	const groupKey, deviceKey = "-abcDEF12", "us-east-1_f81d4fae-7dec-11d0-a765-00a0c91e6bf6"

	// The client makes a secret and sends Salt and PasswordVerifier to
	// ConfirmDevice; it keeps secret.Password.
	secret, _ := srp.NewDeviceSecret(groupKey, deviceKey, rnd)
	fmt.Println(secret) // the password is never printed

	// The server validates and stores what ConfirmDevice received.
	stored, err := srp.DeviceVerifierFromConfig(secret.Salt, secret.PasswordVerifier)
	if err != nil {
		fmt.Println(err)
		return
	}

	client, _ := srp.NewClient(rnd)
	server, _ := srp.NewServer(stored, rnd)
	block := base64.StdEncoding.EncodeToString([]byte("device login"))
	ts := srp.FormatTimestamp(time.Date(2024, 3, 5, 7, 8, 9, 0, time.UTC))
	sig, _ := client.DeviceSignature(groupKey, deviceKey, secret.Password, server.SaltHex(), server.SRPB(), block, ts)
	fmt.Println("device verified:", server.VerifyDevice(groupKey, deviceKey, client.SRPA(), block, ts, sig) == nil)
	// Output:
	// srp.DeviceSecret{Password: [redacted], Salt: AKA385NbLhcOPZaox1Ca5N0=, PasswordVerifier: AJqzC3OhG/iIOS0E…}
	// device verified: true
}

// A server that sees the same users log in repeatedly makes its Servers
// through one VerifierCache: from a verifier's second login on, checking a
// claim reuses precomputed powers of it. The answers are those of
// NewServer and RestoreServer.
func ExampleVerifierCache() {
	rnd := rand.NewChaCha8([32]byte{'c', 'a', 'c', 'h', 'e'}) // for examples and tests only
	pool, _ := srp.PoolName("us-east-1_AbC123")
	stored, _ := srp.NewPasswordVerifier(pool, "alice", "correct horse battery staple", rnd)
	cache := srp.NewVerifierCache(64) // at most 64 verifiers' tables, 24 KiB each

	block := base64.StdEncoding.EncodeToString([]byte("handle for the server state"))
	ts := srp.FormatTimestamp(time.Date(2024, 3, 5, 7, 8, 9, 0, time.UTC))
	for range 3 {
		client, _ := srp.NewClient(rnd)
		server, _ := cache.NewServer(stored, rnd)
		sig, _ := client.PasswordSignature(pool, "alice", "correct horse battery staple", server.SaltHex(), server.SRPB(), block, ts)
		err := server.VerifyPassword(pool, "alice", client.SRPA(), block, ts, sig)
		fmt.Println("verified:", err == nil, "tables:", cache.Len())
	}
	// Output:
	// verified: true tables: 0
	// verified: true tables: 1
	// verified: true tables: 1
}
