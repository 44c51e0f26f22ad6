// Package conformance is one suite of login scenarios that every way of
// reaching Cognito must pass: the fake in-process, the AWS SDK adapter
// talking HTTP to the fake, and real Cognito when asked.
//
// Run takes a Factory that builds a fresh Target per scenario. Scenarios set
// up their own pools, clients and users through the Target's transport, so
// the HTTP target exercises the same wire calls any SDK would make.
// Scenarios that need the fake's test controls (the outbox, the clock,
// triggers, faults) or a pool of their own skip, saying why, on a Target
// without them, such as real Cognito.
//
// It is a test library, not a benchmark or a mock: every scenario asserts
// Cognito's observable behaviour (tokens, challenge names, error codes and
// messages).
package conformance
