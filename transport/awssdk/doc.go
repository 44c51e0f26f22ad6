// Package awssdk is gocognito's adapter to Amazon Cognito User Pools over the
// AWS SDK for Go v2: it implements every interface of package transport on a
// *cognitoidentityprovider.Client, converting transport's request and
// response shapes to the SDK's types and back, and turning every SDK error
// into a *transport.Error. The methods and conversions are generated from
// transport's types and the SDK's (zz_generated.go, by go generate), so an
// operation or field added to transport reaches the SDK without code written
// for it here.
//
// Use it to reach real Cognito, or any server that speaks Cognito's AWS JSON
// 1.1 protocol, such as gocognito's fake (set aws.Config.BaseEndpoint to the
// server's URL). The user-facing operations (InitiateAuth,
// RespondToAuthChallenge, SignUp, GetUser, ConfirmDevice, ...) are sent
// unsigned, so they need no AWS credentials. The Admin* and pool-management
// operations are SigV4-signed with the aws.Config's credentials; when it has
// none the SDK sends them unsigned, which the fake accepts and real Cognito
// refuses.
//
// It is not a Cognito client library of its own: it adds no retries, caching,
// pagination or SRP (the SDK's retryer and HTTP client, configured through
// aws.Config, do the transport work, and package engine does the login).
// Errors come back as *transport.Error carrying Cognito's code, message,
// HTTP status and request id, wrapping the SDK's error, so both
// errors.Is(err, transport.ErrNotAuthorized) and
// errors.As(err, new(*types.NotAuthorizedException)) hold. Errors that are not
// Cognito's (a cancelled context, a network failure) are returned wrapped with
// their kind intact.
//
// Retries: the SDK's standard retryer repeats throttled, 5xx and connection-
// failed calls. For RespondToAuthChallenge that can go wrong: a challenge's
// Session is single-use, so when Cognito handled a call whose answer was lost
// on the way back, the retry is refused with "Invalid session for the user,
// session can only be used once." and the login must start again. A retried
// InitiateAuth may also send a second SMS code. Clients that would rather
// fail fast can give the aws.Config a retryer with fewer attempts, for
// example retry.AddWithMaxAttempts(retry.NewStandard(), 1).
package awssdk
