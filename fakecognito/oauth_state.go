package fakecognito

import (
	"maps"
	"time"
)

// The OAuth endpoints keep three kinds of transient state, like sessions
// and SRP exchanges: not saved (a restart of the server forgets them, as a
// half-finished sign-in would be), each bounded by Options.MaxPending and
// swept when expired.
//
//   - An authorization request waiting for the user to sign in on the
//     managed login page, found from a random id in a cookie; used once.
//   - An authorization code, found by its value; used once, valid five
//     minutes.
//   - A managed-login session: a user signed in on the login page, so that
//     the next authorization request of the pool signs in without the
//     password until it expires or /logout ends it.

// Lifetimes of the OAuth transient state.
const (
	// codeTTL: "The response returns a one time use code that is valid
	// for five minutes" (developer guide, "Authorize endpoint").
	codeTTL = 5 * time.Minute
	// authzTTL bounds how long a user may take on the login pages; each
	// step is also bounded by the client's AuthSessionValidity. Cognito
	// does not publish it: the fake's choice.
	authzTTL = time.Hour
	// loginSessionTTL is how long the managed login remembers a signed-in
	// user: "Amazon Cognito sets a session cookie ... valid for one hour"
	// (developer guide, "Managed login", browser cookies).
	loginSessionTTL = time.Hour
)

// oauthPending is the OAuth endpoints' transient state, in state.oauth,
// guarded by f.mu. Its maps are made on first use.
type oauthPending struct {
	requests map[string]*authzRequest // by id (cookie value)
	codes    map[string]*authzCode    // by code
	logins   map[string]*loginSession // by hashToken(cookie value)
	peak     int
}

// authzRequest is an accepted /oauth2/authorize request waiting for its
// user to sign in.
type authzRequest struct {
	clientID, poolID string
	responseType     string // "code" or "token"
	redirectURI      string
	state, nonce     string
	scopes           []string
	challenge        string // PKCE code_challenge (S256), "" without PKCE
	expires          time.Time
}

// authzCode is an authorization code and what it was issued for.
type authzCode struct {
	clientID, poolID string
	redirectURI      string
	challenge        string
	nonce            string
	scopes           []string
	username, sub    string
	authTime         time.Time
	expires          time.Time
}

// loginSession is a user signed in on the managed login page of a pool.
type loginSession struct {
	poolID, username, sub string
	authTime              time.Time
	expires               time.Time
}

func (o *oauthPending) size() int { return len(o.requests) + len(o.codes) + len(o.logins) }

// oauthRoomLocked refuses new OAuth transient state past the cap, after a
// sweep. The caller holds f.mu for writing.
func (f *Fake) oauthRoomLocked() error {
	o := &f.st.oauth
	if o.requests == nil {
		o.requests = make(map[string]*authzRequest)
		o.codes = make(map[string]*authzCode)
		o.logins = make(map[string]*loginSession)
	}
	f.armSweepLocked()
	return f.roomLocked(func() int { return max(len(o.requests), len(o.codes), len(o.logins)) })
}

// sweepOAuthLocked forgets expired OAuth state; it runs with the fake's
// other sweeps. The caller holds f.mu for writing.
func (st *state) sweepOAuthLocked(now time.Time) {
	o := &st.oauth
	for k, v := range o.requests {
		if now.After(v.expires) {
			delete(o.requests, k)
		}
	}
	for k, v := range o.codes {
		if now.After(v.expires) {
			delete(o.codes, k)
		}
	}
	for k, v := range o.logins {
		if now.After(v.expires) {
			delete(o.logins, k)
		}
	}
	o.peak = max(o.peak, o.size())
	if o.peak >= 256 && o.size() <= o.peak/4 {
		// Go's maps never give back the room they grew to.
		o.requests, o.codes, o.logins = maps.Clone(o.requests), maps.Clone(o.codes), maps.Clone(o.logins)
		o.peak = o.size()
	}
}
