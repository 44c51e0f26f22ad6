package fakecognito

import (
	"slices"
	"testing"
)

// The managed login's form-action must allow the client's callbacks: a
// browser checks the redirect after the last form post against it.
func TestCallbackOrigins(t *testing.T) {
	cases := []struct {
		name string
		urls []string
		want []string
	}{
		{"none", nil, nil},
		{"paths and queries dropped, repeats once, sorted",
			[]string{"https://app.example.com/cb?x=1", "http://127.0.0.1:8080/callback", "https://app.example.com/other"},
			[]string{"http://127.0.0.1:8080", "https://app.example.com"}},
		{"an app scheme", []string{"myapp://callback", "myapp://other"}, []string{"myapp:"}},
		{"IPv6 loopback", []string{"http://[::1]:3000/cb"}, []string{"http://[::1]:3000"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := callbackOrigins(c.urls); !slices.Equal(got, c.want) {
				t.Fatalf("callbackOrigins(%q) = %q, want %q", c.urls, got, c.want)
			}
		})
	}
}
