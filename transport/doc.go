// Package transport is gocognito's port to Amazon Cognito User Pools: the
// request and response shapes of the cognito-idp API, the small interfaces
// through which the rest of the project calls it, and one error type that
// carries Cognito's error code whichever implementation produced it.
//
// The shapes mirror Cognito's AWS JSON 1.1 wire format: every field carries
// its wire name as its JSON tag, so an HTTP server can decode a request body
// straight into the matching Input struct and encode the Output struct as the
// response. Interfaces are split by capability (logging in, refreshing,
// devices, MFA setup, self-service, administration, pool management) so that
// a consumer asks only for what it uses. Two implementations live in this module:
// transport/awssdk, over the AWS SDK for Go v2, and fakecognito, an
// in-process Cognito. The package has no I/O of its own and imports nothing
// of the project.
//
// Every shape can be printed or logged whole: its String, GoString and
// LogValue (generated from `redact` struct tags) show the fields that are
// set and "[redacted]" for passwords, tokens, sessions, codes, secret hashes
// and client secrets, and the parameter maps through Redacted.
package transport
