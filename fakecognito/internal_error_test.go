package fakecognito

import (
	"bytes"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gocognito/gocognito/transport"
)

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errors.New("entropy pool on fire") }

// TestInternalErrorLogsCause: a failure of the fake itself answers 500
// InternalErrorException, and the log says why.
func TestInternalErrorLogsCause(t *testing.T) {
	var logs bytes.Buffer
	f := New(Options{Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	pool := f.MustCreatePool(transport.CreateUserPoolInput{PoolName: "p"})
	f.rand.r = failingReader{} // after setup: ids come from it too
	body := `{"PoolName":"q"}`
	r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(body))
	r.Header.Set("X-Amz-Target", "AWSCognitoIdentityProviderService.CreateUserPool")
	w := httptest.NewRecorder()
	f.ServeHTTP(w, r)
	if w.Code != 500 || !strings.Contains(w.Body.String(), "InternalErrorException") {
		t.Fatalf("status %d %s, want 500 InternalErrorException", w.Code, w.Body)
	}
	if strings.Contains(w.Body.String(), "fire") {
		t.Fatal("the cause reached the client")
	}
	if !strings.Contains(logs.String(), "entropy pool on fire") {
		t.Fatalf("the log does not say why:\n%s", logs.String())
	}
	_ = pool
}
