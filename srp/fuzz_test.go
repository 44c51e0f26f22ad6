package srp

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"math/big"
	"strings"
	"testing"
	"time"
)

// Every function that parses outside input has a fuzz target. Besides "no
// panic", each checks that failures are this package's errors and that
// successes mean what they claim.

// checkErr fails unless err is one of the sentinels in allowed and carries
// the package prefix.
func checkErr(t *testing.T, err error, allowed ...error) {
	t.Helper()
	for _, want := range allowed {
		if errors.Is(err, want) {
			if !strings.HasPrefix(err.Error(), "srp: ") {
				t.Fatalf("error %q lacks the package prefix", err)
			}
			return
		}
	}
	t.Fatalf("unexpected error %v (want one of %v)", err, allowed)
}

var inputErrors = []error{ErrEmpty, ErrTooLong, ErrInvalidHex, ErrInvalidBase64}

func FuzzPoolName(f *testing.F) {
	for _, s := range []string{"us-east-1_AbC123", "a_b", "local_pool_1x", "_x", "x_", "", "us-east-1_Ab-C", "\xff_a"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, id string) {
		name, err := PoolName(id)
		if err != nil {
			checkErr(t, err, ErrMalformedPoolID, ErrTooLong)
			return
		}
		if name == "" || !strings.HasSuffix(id, "_"+name) || len(id) > maxPoolIDLen {
			t.Fatalf("PoolName(%q) = %q", id, name)
		}
		for _, c := range []byte(name) {
			if !isAlnum(c) {
				t.Fatalf("PoolName(%q) = %q, not alphanumeric", id, name)
			}
		}
	})
}

func FuzzTimestamp(f *testing.F) {
	f.Add("Tue Mar 5 07:08:09 UTC 2024", int64(0))
	f.Add("Tue Mar 05 07:08:09 UTC 2024", int64(1709622489))
	f.Add("Sat Dec 31 23:59:59 UTC 2022", int64(-62135596800))
	f.Add("Mon Jan 1 00:00:00 UTC 0001", int64(253402300799))
	f.Fuzz(func(t *testing.T, s string, sec int64) {
		if got, err := ParseTimestamp(s); err != nil {
			checkErr(t, err, ErrEmpty, ErrTooLong, ErrMalformedTimestamp)
		} else if FormatTimestamp(got) != s {
			t.Fatalf("ParseTimestamp(%q) accepted a non-canonical form", s)
		}
		// Any instant formats to something ParseTimestamp reads back, for
		// the years Cognito could see.
		tm := time.Unix(sec%(1<<40), 0)
		if y := tm.UTC().Year(); y < 1000 || y > 9999 {
			return
		}
		back, err := ParseTimestamp(FormatTimestamp(tm))
		if err != nil || !back.Equal(tm) {
			t.Fatalf("FormatTimestamp(%v) = %q does not read back: %v", tm, FormatTimestamp(tm), err)
		}
	})
}

// fuzzFixture is a server for a user and one for a device, each with one
// valid claim, for the fuzz targets that attack verification. The secrets a
// and b are tiny so that an execution that reaches the math costs about a
// millisecond instead of several, which matters most when the fuzzer
// minimizes an input; no code path depends on their size.
type fuzzFixture struct {
	client                  *Client
	server, devServer       *Server
	pool, user, block, sig  string
	devPool, devUser, dsSig string
}

func newFuzzFixture(tb testing.TB) fuzzFixture {
	rnd := testRand(99)
	f := fuzzFixture{
		client: newClientWithSecret(big.NewInt(3)),
		pool:   "AbC123", user: "alice", block: base64.StdEncoding.EncodeToString([]byte("fuzz block")),
		devPool: "-group", devUser: "us-east-1_0a1b2c3d-0000-1111-2222-333344445555",
	}
	ver, err := NewPasswordVerifier(f.pool, f.user, "pw", rnd)
	if err != nil {
		tb.Fatal(err)
	}
	if f.server, err = RestoreServer(ServerState{Verifier: ver, Secret: "5"}); err != nil {
		tb.Fatal(err)
	}
	if f.sig, err = f.client.PasswordSignature(f.pool, f.user, "pw", f.server.SaltHex(), f.server.SRPB(), f.block, ts); err != nil {
		tb.Fatal(err)
	}
	ds, _ := NewDeviceSecret(f.devPool, f.devUser, rnd)
	dv, _ := DeviceVerifierFromConfig(ds.Salt, ds.PasswordVerifier)
	if f.devServer, err = RestoreServer(ServerState{Verifier: dv, Secret: "7"}); err != nil {
		tb.Fatal(err)
	}
	if f.dsSig, err = f.client.DeviceSignature(f.devPool, f.devUser, ds.Password, f.devServer.SaltHex(), f.devServer.SRPB(), f.block, ts); err != nil {
		tb.Fatal(err)
	}
	return f
}

func FuzzClientSignature(f *testing.F) {
	fx := newFuzzFixture(f)
	for _, ka := range knownAnswers[4:] {
		f.Add(ka.poolName, ka.userID, ka.password, ka.salt, ka.B, ka.secretBlock, ka.timestamp, false)
	}
	f.Add(fx.pool, fx.user, "pw", fx.server.SaltHex(), fx.server.SRPB(), fx.block, ts, true)
	f.Add("P", "u", "p", "-1", "0", "====", "", false)
	f.Add("P", "u", "p", "0x10", groupN.Text(16), "AA==", ts, true)
	f.Fuzz(func(t *testing.T, pool, user, password, salt, B, block, timestamp string, device bool) {
		sign := fx.client.PasswordSignature
		if device {
			sign = fx.client.DeviceSignature
		}
		sig, err := sign(pool, user, password, salt, B, block, timestamp)
		if err != nil {
			checkErr(t, err, append(inputErrors, ErrIllegalPublicValue, ErrZeroU)...)
			return
		}
		if raw, err := base64.StdEncoding.DecodeString(sig); err != nil || len(raw) != claimLen {
			t.Fatalf("signature %q is not base64 of 32 bytes", sig)
		}
	})
}

// FuzzServerVerify attacks one server with arbitrary answers: the only
// accepted one must be the genuine claim, however its numbers are spelled.
func FuzzServerVerify(f *testing.F) {
	fx := newFuzzFixture(f)
	f.Add(fx.pool, fx.user, fx.client.SRPA(), fx.block, ts, fx.sig, false)
	f.Add(fx.devPool, fx.devUser, fx.client.SRPA(), fx.block, ts, fx.dsSig, true)
	f.Add(fx.pool, fx.user, "0"+strings.ToUpper(fx.client.SRPA()), fx.block, ts, fx.sig, false)
	f.Add(fx.pool, fx.user, groupN.Text(16), fx.block, "Tue Mar 05 07:08:09 UTC 2024", fx.sig, false)
	f.Add("", "", "", "", "", "", true)
	wantA := fx.client.A
	wantBlock, _ := base64.StdEncoding.DecodeString(fx.block)
	f.Fuzz(func(t *testing.T, pool, user, A, block, timestamp, sig string, device bool) {
		var err error
		if device {
			err = fx.devServer.VerifyDevice(pool, user, A, block, timestamp, sig)
		} else {
			err = fx.server.VerifyPassword(pool, user, A, block, timestamp, sig)
		}
		if err != nil {
			checkErr(t, err, append(inputErrors, ErrIllegalPublicValue, ErrZeroU, ErrMalformedTimestamp, ErrBadSignature)...)
			return
		}
		wantPool, wantUser, wantSig := fx.pool, fx.user, fx.sig
		if device {
			wantPool, wantUser, wantSig = fx.devPool, fx.devUser, fx.dsSig
		}
		a, _ := new(big.Int).SetString(A, 16)
		b, _ := base64.StdEncoding.DecodeString(block)
		if pool != wantPool || user != wantUser || a.Cmp(wantA) != 0 || !bytes.Equal(b, wantBlock) || timestamp != ts || sig != wantSig {
			t.Fatalf("accepted a claim that is not the genuine one: %q %q %q %q %q", pool, user, A, timestamp, sig)
		}
	})
}

func FuzzDeviceVerifierFromConfig(f *testing.F) {
	ds, _ := NewDeviceSecret("g", "k", testRand(98))
	f.Add(ds.Salt, ds.PasswordVerifier)
	f.Add("AA==", "AQ==")
	f.Add("", "Ag==")
	f.Add("AIA=", base64.StdEncoding.EncodeToString(groupN.Bytes()))
	f.Add("AQID\n", "AQ=")
	f.Fuzz(func(t *testing.T, salt, verifier string) {
		v, err := DeviceVerifierFromConfig(salt, verifier)
		if err != nil {
			checkErr(t, err, append(inputErrors, ErrOutOfRange)...)
			return
		}
		rawSalt, _ := base64.StdEncoding.DecodeString(salt)
		if v.SaltHex != hex.EncodeToString(rawSalt) {
			t.Fatalf("SaltHex %q is not the hex of the salt bytes", v.SaltHex)
		}
		if !v.Equal(v) {
			t.Fatal("an accepted verifier does not equal itself")
		}
		if _, err := NewServer(v, testRand(1)); err != nil {
			t.Fatalf("NewServer refuses an accepted verifier: %v", err)
		}
	})
}

func FuzzPasswordVerifierWithSalt(f *testing.F) {
	f.Add("AbC123", "alice", "correct horse", "3541a780cb7ab335122f2fd7614fc96c")
	f.Add("P", "ü", "🙂", "00")
	f.Add("P", "u", "p", "+1")
	f.Add("", "u", "p", "")
	f.Fuzz(func(t *testing.T, pool, user, password, salt string) {
		v, err := PasswordVerifierWithSalt(pool, user, password, salt)
		if err != nil {
			checkErr(t, err, inputErrors...)
			return
		}
		if v.SaltHex != salt || !v.Equal(v) {
			t.Fatalf("verifier %+v does not keep its salt or equal itself", v)
		}
		if password != "x" {
			other, err := PasswordVerifierWithSalt(pool, user, "x", salt)
			if err != nil || other.Equal(v) {
				t.Fatalf("another password gives an equal verifier: %v", err)
			}
		}
	})
}

func FuzzRestoreServer(f *testing.F) {
	ver, _ := NewPasswordVerifier("P", "u", "p", testRand(97))
	s, _ := NewServer(ver, testRand(96))
	st := s.State()
	f.Add(st.Verifier.SaltHex, st.Verifier.VerifierHex, st.Secret)
	f.Add(st.Verifier.SaltHex, st.Verifier.VerifierHex, strings.Repeat("ab", secretBytes)) // a 1024-bit b, as older versions drew
	f.Add("01", "2", "1")
	f.Add("01", groupN.Text(16), "ff")
	f.Add("", "", "")
	f.Add("zz", "-3", "0")
	f.Fuzz(func(t *testing.T, salt, verifier, secret string) {
		s, err := RestoreServer(ServerState{Verifier: Verifier{SaltHex: salt, VerifierHex: verifier}, Secret: secret})
		if err != nil {
			checkErr(t, err, append(inputErrors, ErrOutOfRange, ErrIllegalPublicValue)...)
			return
		}
		again, err := RestoreServer(s.State())
		if err != nil || again.SRPB() != s.SRPB() || again.SaltHex() != salt {
			t.Fatalf("State does not round-trip: %v", err)
		}
	})
}
