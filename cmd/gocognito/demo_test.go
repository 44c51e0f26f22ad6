package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"
)

func TestDemo(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run(context.Background(), []string{"demo"}, strings.NewReader(""), &out, &errb); code != 0 {
		t.Fatalf("demo exited %d: %s\n%s", code, errb.String(), out.String())
	}
	// Every transition of the three logins, in order, and the token checks.
	want := []string{
		"Init -> PasswordVerifier",
		"PasswordVerifier -> MFASetup",
		"otpauth://totp/",
		"MFASetup -> Done",
		"confirmed (ConfirmDevice sent its SRP verifier), not remembered",
		"Init -> PasswordVerifier",
		"PasswordVerifier -> SoftwareTokenMFA",
		"SoftwareTokenMFA -> Done",
		"confirmed and remembered",
		"Init -> PasswordVerifier",
		"PasswordVerifier -> DeviceSRP",
		"DeviceSRP -> DevicePasswordVerifier",
		"DevicePasswordVerifier -> Done",
		"ID token      RS256 signature valid",
		"cognito:username alice, email alice@example.com",
		"access token  RS256 signature valid",
		"demo finished in",
	}
	rest := out.String()
	for _, w := range want {
		i := strings.Index(rest, w)
		if i < 0 {
			t.Fatalf("demo output lacks %q after the earlier steps:\n%s", w, out.String())
		}
		rest = rest[i+len(w):]
	}
	if strings.Contains(out.String(), demoPassword) {
		t.Error("demo output shows the password")
	}
}

func TestFrozenClock(t *testing.T) {
	start := time.Date(2024, 3, 5, 7, 8, 9, 0, time.UTC)
	c := newFrozenClock(start)
	if got, want := c.Now(), time.Date(2024, 3, 5, 7, 8, 1, 0, time.UTC); !got.Equal(want) {
		t.Fatalf("start %v, want %v (a second into the TOTP step)", got, want)
	}
	if !c.Now().Equal(c.Now()) {
		t.Fatal("a frozen clock moved by itself")
	}
	c.Advance(30 * time.Second)
	if got, want := c.Now(), time.Date(2024, 3, 5, 7, 8, 31, 0, time.UTC); !got.Equal(want) {
		t.Fatalf("after Advance %v, want %v", got, want)
	}
}
