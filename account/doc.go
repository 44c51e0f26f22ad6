// Package account manages Cognito User Pool accounts once the login is
// someone else's business: what pycognito's Cognito class does for a user
// and for an administrator, with Go types and errors.
//
// A Client makes the public, unsigned calls of an app client: sign-up and
// its confirmation, forgotten passwords, and the revocation of a refresh
// token. It computes SECRET_HASH itself, from the user name given, for every
// call that needs one when the app client has a secret. A Session holds the
// tokens a login produced and acts for that user: password change, profile
// (attributes as a map[string]string, sent sorted by name), attribute
// verification, TOTP setup (the secret and an otpauth:// URI), MFA
// preferences, devices, passkeys (registered in two steps, the browser in
// between; listed; deleted), global sign-out and account deletion. It refreshes
// its tokens when they are about to expire (SECRET_HASH over the
// cognito:username claim, DEVICE_KEY from the access token's device_key
// claim), checks them with a tokens.Verifier, and is an oauth2.TokenSource.
// An Admin makes the administrator's (SigV4-signed) calls on a pool's users,
// groups and devices; lists come back as iterators that follow pagination to
// the end, within a bound.
//
// Errors from Cognito are wrapped with %w, so that
// errors.Is(err, transport.ErrCodeMismatch) and the like hold whichever
// transport produced them. Passwords, secrets and tokens never appear in the
// String or LogValue of any type here.
//
// It is not a login: package engine runs USER_SRP_AUTH and its challenges
// and hands over the tokens that NewSession takes. It does not verify tokens
// itself (package tokens does) and stores nothing.
package account
