package fakecognito

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// TestOutboxCORS: the outbox holds live codes, so a browser page may read
// it only from an origin the user allowed; the API itself stays open to
// every origin, as Cognito's is.
func TestOutboxCORS(t *testing.T) {
	const app, evil = "http://localhost:3000", "https://evil.example"
	tests := []struct {
		name    string
		origins []string
		method  string
		path    string
		origin  string
		want    string // Access-Control-Allow-Origin
	}{
		{"no origin allowed", nil, "GET", OutboxPath, evil, ""},
		{"another origin", []string{app}, "GET", OutboxPath, evil, ""},
		{"the allowed origin", []string{app}, "GET", OutboxPath, app, app},
		{"any origin when asked", []string{"*"}, "GET", OutboxPath, evil, evil},
		{"preflight of another origin", []string{app}, "OPTIONS", OutboxPath, evil, ""},
		{"preflight of the allowed origin", []string{app}, "OPTIONS", OutboxPath, app, app},
		{"the API stays open", nil, "OPTIONS", "/", evil, "*"},
		{"jwks stays open", nil, "GET", "/health", evil, "*"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := New(Options{OutboxOrigins: tt.origins})
			r := httptest.NewRequest(tt.method, tt.path, nil)
			r.Header.Set("Origin", tt.origin)
			r.Header.Set("Access-Control-Request-Method", "GET")
			w := httptest.NewRecorder()
			f.ServeHTTP(w, r)
			if got := w.Header().Get("Access-Control-Allow-Origin"); got != tt.want {
				t.Fatalf("Access-Control-Allow-Origin %q, want %q", got, tt.want)
			}
			if w.Code >= 300 {
				t.Fatalf("status %d", w.Code)
			}
		})
	}
}

var _ http.Handler = (*Fake)(nil)
