// Command gocognito is how most people meet gocognito: a fake Cognito that
// any language's tests can start in one command, a login tool that prints
// tokens for curl, a demonstration, and a load generator.
//
//	gocognito serve     a fake Cognito user pool service on 127.0.0.1:9229,
//	                    seeded from a JSON file, optionally persisted to a state file
//	gocognito login     log in with SRP (MFA, new password, remembered devices)
//	                    and print the AuthenticationResult as JSON
//	gocognito demo      three logins against an embedded fake, step by step
//	gocognito bench     full SRP logins per second against a server
//
// Each command prints its flags with -h; docs/cli.md describes them, the
// seed format and the state file.
//
// It is a thin shell over the library: the login is package engine's, the
// server is package fakecognito's, the wire is transport/awssdk's. It adds
// what a process needs (flags, prompts, files, signals, logs) and nothing
// a Go program should import: use those packages directly instead. serve
// is a test double, not an identity service: it checks no signatures and
// keeps its keys in memory and in the state file.
package main
