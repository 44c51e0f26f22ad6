// Package engine logs a user into an Amazon Cognito user pool as an explicit,
// resumable state machine: start a login, read the state it stands in and
// what it needs (package states), submit that, and collect the tokens when it
// is Done. Between two steps a login can be saved as a JSON Snapshot (never
// the password or SRP secrets; Seal encrypts it) and resumed by another
// process with Resume until Cognito's session expires, so that a service can
// start a login on one request and finish it on another when the MFA code
// arrives.
//
// It runs everything pycognito's AWSSRP does and what it leaves out:
// USER_SRP_AUTH with SECRET_HASH over the name Cognito knows the user by,
// devices (DEVICE_SRP_AUTH, after every other challenge as Cognito runs it,
// with DEVICE_KEY on each answer that takes one; ConfirmDevice for new ones), new
// passwords with required attributes, SMS, e-mail and TOTP MFA,
// SELECT_MFA_TYPE, MFA_SETUP, CUSTOM_AUTH with or without SRP first,
// USER_PASSWORD_AUTH, choice-based sign-in (USER_AUTH: a password, SRP, an
// e-mail or SMS code, or a passkey assertion from a browser, chosen by the
// user or preferred in Config.PreferredChallenge), and the server-side flows of pycognito's
// admin_authenticate (ADMIN_USER_PASSWORD_AUTH, ADMIN_NO_SRP_AUTH), which run
// on AdminInitiateAuth and AdminRespondToAuthChallenge: SigV4-signed calls
// that need IAM credentials on real Cognito (see Config.Admin). Authenticate
// does it in one call and reports a challenge that needs the user as a
// *ChallengeError.
//
// The engine talks to Cognito only through package transport, so the same
// login runs against real Cognito (transport/awssdk) and the in-process fake
// (fakecognito). It does not refresh or verify tokens (package tokens does),
// manage accounts (package account) or store anything: what to keep, and
// where, is the caller's choice.
package engine
