package awsjson

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// BenchmarkNewHandler measures what a server pays to build a handler per
// request instead of caching one: the routing table is shared, so it is one
// small allocation.
func BenchmarkNewHandler(b *testing.B) {
	rec := &recorder{}
	b.ReportAllocs()
	for b.Loop() {
		_ = NewHandler(rec, Options{})
	}
}

// BenchmarkServe measures the protocol overhead of one call: routing,
// decoding, encoding and logging around a target that does nothing.
func BenchmarkServe(b *testing.B) {
	h := NewHandler(&recorder{}, Options{})
	body := `{"AuthFlow":"USER_SRP_AUTH","ClientId":"abcdefghijklmnopqrstuvwxyz","AuthParameters":{"USERNAME":"alice","SRP_A":"` + strings.Repeat("ab", 384) + `"}}`
	b.ReportAllocs()
	for b.Loop() {
		r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(body))
		r.Header.Set("Content-Type", contentTypeAWSJSON)
		r.Header.Set("X-Amz-Target", TargetPrefix+"InitiateAuth")
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code != http.StatusOK {
			b.Fatal(w.Code)
		}
	}
}
