package conformance_test

import (
	"testing"

	"github.com/gocognito/gocognito/conformance"
)

func TestInProcess(t *testing.T) { conformance.Run(t, conformance.InProcess) }

func TestOverHTTP(t *testing.T) { conformance.Run(t, conformance.OverHTTP) }

// TestRealCognito runs against a live pool only when GOCOGNITO_LIVE_* name
// one, and never in CI.
func TestRealCognito(t *testing.T) {
	if _, missing := conformance.LiveFromEnv(); len(missing) > 0 {
		t.Skipf("real Cognito not configured: set %v to run the suite against a live pool", missing)
	}
	conformance.Run(t, conformance.RealCognito)
}
