package tokens

import (
	"net/http"
	"testing"
	"time"
)

func TestRemoteKeySetDefaultClientHasATimeout(t *testing.T) {
	r := NewRemoteKeySet("https://example.invalid/jwks.json")
	c := r.client()
	if c == http.DefaultClient || c.Timeout != 10*time.Second {
		t.Fatalf("default client %p with timeout %s, want a 10 s timeout", c, c.Timeout)
	}
	own := &http.Client{}
	r.Client = own
	if r.client() != own {
		t.Fatal("Client not used")
	}
}
