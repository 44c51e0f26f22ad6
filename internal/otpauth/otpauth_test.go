package otpauth_test

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/gocognito/gocognito/internal/otpauth"
)

func TestURI(t *testing.T) {
	tests := []struct {
		name                    string
		issuer, account, secret string
		want                    string
	}{
		{"plain", "Example", "alice", "JBSWY3DP",
			"otpauth://totp/Example:alice?secret=JBSWY3DP&issuer=Example"},
		{"spaces", "ACME Co", "Alice Smith", "S",
			"otpauth://totp/ACME%20Co:Alice%20Smith?secret=S&issuer=ACME%20Co"},
		{"colons", "a:b", "c:d", "S",
			"otpauth://totp/a%3Ab:c%3Ad?secret=S&issuer=a%3Ab"},
		{"e-mail account", "Example", "a@b.c", "S",
			"otpauth://totp/Example:a@b.c?secret=S&issuer=Example"},
		{"unicode", "Café", "é", "S",
			"otpauth://totp/Caf%C3%A9:%C3%A9?secret=S&issuer=Caf%C3%A9"},
		{"query characters", "x&y=z", "p+q", "S",
			"otpauth://totp/x&y=z:p+q?secret=S&issuer=x%26y%3Dz"},
		{"slash and question mark", "a/b", "c?d", "S",
			"otpauth://totp/a%2Fb:c%3Fd?secret=S&issuer=a%2Fb"},
		{"percent", "100%", "u", "S",
			"otpauth://totp/100%25:u?secret=S&issuer=100%25"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := otpauth.URI(tt.issuer, tt.account, tt.secret)
			if got != tt.want {
				t.Fatalf("URI(%q, %q, %q)\n got %s\nwant %s", tt.issuer, tt.account, tt.secret, got, tt.want)
			}
			issuer, account, secret, err := parse(got)
			if err != nil {
				t.Fatal(err)
			}
			if issuer != tt.issuer || account != tt.account || secret != tt.secret {
				t.Fatalf("%s parses back to issuer %q account %q secret %q", got, issuer, account, secret)
			}
		})
	}
}

// parse reads a URI back the way an authenticator app does: the label's
// only literal colon separates issuer from account.
func parse(uri string) (issuer, account, secret string, err error) {
	u, err := url.Parse(uri)
	if err != nil {
		return "", "", "", err
	}
	if u.Scheme != "otpauth" || u.Host != "totp" {
		return "", "", "", fmt.Errorf("scheme %q host %q", u.Scheme, u.Host)
	}
	raw := strings.TrimPrefix(u.EscapedPath(), "/")
	if strings.Count(raw, ":") != 1 {
		return "", "", "", fmt.Errorf("label %q has %d colons", raw, strings.Count(raw, ":"))
	}
	rawIssuer, rawAccount, _ := strings.Cut(raw, ":")
	if issuer, err = url.PathUnescape(rawIssuer); err != nil {
		return "", "", "", err
	}
	if account, err = url.PathUnescape(rawAccount); err != nil {
		return "", "", "", err
	}
	if strings.Contains(u.RawQuery, "+") {
		return "", "", "", fmt.Errorf("query %q has a +", u.RawQuery)
	}
	q := u.Query()
	if q.Get("issuer") != issuer {
		return "", "", "", fmt.Errorf("issuer parameter %q, label issuer %q", q.Get("issuer"), issuer)
	}
	return issuer, account, q.Get("secret"), nil
}

func FuzzURI(f *testing.F) {
	f.Add("Example", "alice@example.com", "JBSWY3DPEHPK3PXP")
	f.Add("a: b", "c :d", "S")
	f.Add("%", "+", " ")
	f.Fuzz(func(t *testing.T, issuer, account, secret string) {
		got := otpauth.URI(issuer, account, secret)
		i, a, s, err := parse(got)
		if err != nil {
			t.Fatalf("URI(%q, %q, %q) = %s: %v", issuer, account, secret, got, err)
		}
		if i != issuer || a != account || s != secret {
			t.Fatalf("URI(%q, %q, %q) = %s parses back to %q %q %q", issuer, account, secret, got, i, a, s)
		}
	})
}

func ExampleURI() {
	fmt.Println(otpauth.URI("ACME: Staging", "alice@example.com", "JBSWY3DPEHPK3PXP"))
	// Output: otpauth://totp/ACME%3A%20Staging:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=ACME%3A%20Staging
}
