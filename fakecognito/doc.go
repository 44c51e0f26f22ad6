// Package fakecognito is an in-process Amazon Cognito User Pools service for
// tests: user pools, app clients, users, groups and devices held in memory,
// reachable through every interface of package transport (and, through
// ServeHTTP, over Cognito's AWS JSON 1.1 wire protocol), so that a test
// suite in any language can run whole logins offline.
//
// Unlike a mock, it tells the truth. It stores SRP salts and verifiers,
// never passwords, and checks every PASSWORD_VERIFIER and
// DEVICE_PASSWORD_VERIFIER answer with the same math as package srp's
// client; USER_PASSWORD_AUTH recomputes the verifier and compares it in
// constant time. Sessions are opaque, single-use, bound to their pool,
// client and user, and expire after the client's AuthSessionValidity.
// Tokens are RS256 JWTs with Cognito's claim sets, signed with one key for
// ID tokens and another for access tokens and published as a JWKS. TOTP is
// real RFC 6238; SMS and e-mail codes land in an Outbox that tests read.
// Choice-based sign-in (USER_AUTH) offers the first factors the pool allows
// and the user has: a password, SRP, an e-mail or SMS code, or a passkey;
// a code or a passkey is not followed by MFA. Passkeys (WebAuthn) are
// registered, listed and deleted through the four WebAuthn operations and
// every registration and assertion is verified for real (challenge, origin,
// relying party, user presence and verification, signature, counter) with
// github.com/go-webauthn/webauthn; package webauthntest is a software
// authenticator for tests.
// Errors carry Cognito's codes and messages as *transport.Error values.
//
// Tests steer it with an injected clock and random source (Options), fault
// injection per operation (Fail, Throttle), custom-auth triggers written in
// Go (SetTriggers), the Lambda triggers a pool's LambdaConfig names, run as
// Go functions (SetLambda), webhooks or through a Lambda endpoint, and
// direct state changes (SetUserStatus). Save and Load keep the whole state
// in a JSON file for a standalone server.
//
// It is not a security boundary and not a production identity service: the
// signing keys live in process memory (and in Save's output), there is no
// SigV4 check on administrative calls, no hosted UI, no federation, no
// OAuth endpoints and no Lambda of its own. What
// it does implement, it implements as Cognito documents and behaves; where
// it had to choose (lockout timings, code lifetimes), the choice is written
// beside the code.
package fakecognito
