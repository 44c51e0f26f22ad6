// Package tokens checks and renews Cognito User Pool tokens.
//
// A Verifier checks an ID or access token the way a resource server should:
// the RS256 signature against the pool's JSON Web Key Set (fetched, cached,
// and refetched when an unknown key id appears), the issuer, token_use, the
// expiry with a small leeway, and the audience (aud for ID tokens, client_id
// for access tokens), comparing claims in constant time. A Source renews
// tokens with REFRESH_TOKEN_AUTH and is an oauth2.TokenSource, so any Go HTTP
// stack that speaks golang.org/x/oauth2 can use Cognito tokens; it does not
// serve app clients with refresh-token rotation on, which Cognito renews
// only through GetTokensFromRefreshToken.
//
// It is not a login: the engine package gets the first tokens; this package
// keeps them valid and checks them.
package tokens
