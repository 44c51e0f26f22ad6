// Package tokens checks and renews Cognito User Pool tokens.
//
// A Verifier checks an ID or access token the way a resource server should:
// the RS256 signature against the pool's JSON Web Key Set (fetched, cached,
// and refetched when an unknown key id appears), the issuer, token_use, the
// expiry with a small leeway, and the audience (aud for ID tokens, client_id
// for access tokens), comparing claims in constant time. A Source renews
// tokens with GetTokensFromRefreshToken (or REFRESH_TOKEN_AUTH, for
// transports and clients that need it), keeps the new refresh token an app
// client with rotation returns and hands it to a RefreshTokenStore, and is
// an oauth2.TokenSource, so any Go HTTP stack that speaks
// golang.org/x/oauth2 can use Cognito tokens.
//
// It is not a login: the engine package gets the first tokens; this package
// keeps them valid and checks them.
package tokens
