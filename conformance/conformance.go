package conformance

import (
	"testing"
)

// Scenario is one named behaviour of Cognito.
type Scenario struct {
	Name string
	// Needs says what the scenario needs beyond a working login.
	Needs Needs
	Run   func(t *testing.T, tg Target)
}

// Needs are the abilities a scenario asks of its Target.
type Needs uint8

const (
	// NeedPool: the scenario creates its own pool, client and users.
	NeedPool Needs = 1 << iota
	// NeedFake: the scenario uses the fake's controls (outbox, triggers, faults).
	NeedFake
	// NeedClock: the scenario moves time.
	NeedClock
)

// skipReason says why tg cannot run a scenario, or "" when it can.
func (n Needs) skipReason(tg Target) string {
	switch {
	case n&NeedFake != 0 && tg.Fake == nil:
		return "needs the fake's test controls (outbox, triggers, faults), which " + tg.Name + " lacks"
	case n&NeedClock != 0 && tg.Clock == nil:
		return "needs to move time, which " + tg.Name + " cannot"
	case n&NeedPool != 0 && tg.Live != nil:
		return "creates its own pool, which the live target does not (it uses the GOCOGNITO_LIVE_* pool)"
	}
	return ""
}

// Run runs every scenario as a subtest, each on a fresh Target.
func Run(t *testing.T, newTarget Factory) {
	for _, sc := range Scenarios() {
		t.Run(sc.Name, func(t *testing.T) {
			tg := newTarget(t)
			if reason := sc.Needs.skipReason(tg); reason != "" {
				t.Skip(reason)
			}
			sc.Run(t, tg)
		})
	}
}

// Scenarios returns the suite, in a stable order.
func Scenarios() []Scenario {
	var all []Scenario
	all = append(all, loginScenarios...)
	all = append(all, secretScenarios...)
	all = append(all, challengeScenarios...)
	all = append(all, mfaScenarios...)
	all = append(all, emailMFAScenarios...)
	all = append(all, deviceScenarios...)
	all = append(all, orderScenarios...)
	all = append(all, tokenScenarios...)
	all = append(all, refreshScenarios...)
	all = append(all, sessionScenarios...)
	all = append(all, adminScenarios...)
	all = append(all, userAuthScenarios...)
	all = append(all, passkeyScenarios...)
	all = append(all, oauthSetupScenarios...)
	all = append(all, triggerScenarios...)
	return all
}
