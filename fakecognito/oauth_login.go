package fakecognito

import (
	"context"
	"crypto"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/gocognito/gocognito/account"
	"github.com/gocognito/gocognito/engine"
	"github.com/gocognito/gocognito/tokens"
	"github.com/gocognito/gocognito/transport"
	"github.com/gocognito/gocognito/weblogin"
)

// The managed login page is package weblogin's screens, driven over the
// fake itself in-process with the app client of the authorization request,
// so that the pool's real rules apply (password, MFA, new password, MFA
// setup, sign-up and forgotten password). Once the user is signed in,
// weblogin hands the tokens to finishManagedLogin (weblogin.Options.Finish),
// which drops them and answers the authorization request instead: Cognito
// issues the app's tokens from the code, not from the login page.

// managedLogin holds the login pages' handlers, one per app client, built
// on first use.
type managedLogin struct {
	once sync.Once
	key  []byte // seals weblogin's cookies; drawn once per Fake
	err  error

	mu       sync.Mutex
	handlers map[string]*weblogin.Handler // by client id, secret and issuer
}

// maxLoginHandlers bounds the cached handlers; past it the cache starts
// over (a handler is cheap to rebuild).
const maxLoginHandlers = 256

// managedLoginCtx marks the calls of the managed login page.
type managedLoginCtx struct{}

// isManagedLogin reports whether ctx is a call of the managed login page,
// which Cognito's hosted pages make whatever the client's
// ExplicitAuthFlows allow.
func isManagedLogin(ctx context.Context) bool {
	v, _ := ctx.Value(managedLoginCtx{}).(bool)
	return v
}

// managedAuth is the fake as the login page's transport.
type managedAuth struct{ f *Fake }

func (m managedAuth) InitiateAuth(ctx context.Context, in *transport.InitiateAuthInput) (*transport.InitiateAuthOutput, error) {
	return noNewDevice(m.f.InitiateAuth(context.WithValue(ctx, managedLoginCtx{}, true), in))
}

func (m managedAuth) RespondToAuthChallenge(ctx context.Context, in *transport.RespondToAuthChallengeInput) (*transport.RespondToAuthChallengeOutput, error) {
	return noNewDevice(m.f.RespondToAuthChallenge(context.WithValue(ctx, managedLoginCtx{}, true), in))
}

// noNewDevice keeps the login page from confirming a device: the managed
// login does not remember devices (the device the fake issued stays
// unconfirmed and is pruned like any other), and the login's tokens are
// dropped once the code is issued.
func noNewDevice(out *transport.ChallengeOutput, err error) (*transport.ChallengeOutput, error) {
	if out != nil && out.AuthenticationResult != nil {
		out.AuthenticationResult.NewDeviceMetadata = nil
	}
	return out, err
}

// poolKeys finds a pool's token keys in the fake, for weblogin's verifier.
type poolKeys struct {
	f      *Fake
	poolID string
}

func (k poolKeys) PublicKey(ctx context.Context, kid string) (crypto.PublicKey, error) {
	jwks, err := k.f.JWKS(k.poolID)
	if err != nil {
		return nil, err
	}
	set, err := tokens.NewStaticKeySet(jwks)
	if err != nil {
		return nil, err
	}
	return set.PublicKey(ctx, kid)
}

// serveLogin serves the managed login pages under /login/ for the
// authorization request whose id the browser's cookie holds.
func (f *Fake) serveLogin(w http.ResponseWriter, r *http.Request) {
	req, ok := f.pendingAuthorize(r)
	if !ok {
		errorPage(w, http.StatusBadRequest, "Sign-in has expired or was not started: start again from the application.")
		return
	}
	h, err := f.loginHandler(req)
	if err != nil {
		f.oauthServerError(err)
		errorPage(w, http.StatusInternalServerError, "server_error")
		return
	}
	h.ServeHTTP(w, r)
}

// pendingAuthorize finds the live authorization request of the browser.
func (f *Fake) pendingAuthorize(r *http.Request) (authzRequest, bool) {
	c, err := r.Cookie(authzCookie)
	if err != nil || c.Value == "" {
		return authzRequest{}, false
	}
	f.mu.RLock()
	defer f.mu.RUnlock()
	req := f.st.oauth.requests[c.Value]
	if req == nil || f.clock().After(req.expires) {
		return authzRequest{}, false
	}
	return *req, true
}

// loginHandler returns the login pages of the request's app client.
func (f *Fake) loginHandler(req authzRequest) (*weblogin.Handler, error) {
	ml := &f.managed
	ml.once.Do(func() {
		ml.key = make([]byte, 32)
		ml.err = f.readRand(ml.key)
	})
	if ml.err != nil {
		return nil, ml.err
	}
	f.mu.RLock()
	c := f.st.Clients[req.clientID]
	secret := ""
	var callbacks []string
	if c != nil {
		secret = c.Secret
		callbacks = callbackOrigins(c.Settings.CallbackURLs)
	}
	f.mu.RUnlock()
	issuer := f.Issuer(req.poolID)
	key := req.clientID + "\x00" + hashToken(secret) + "\x00" + issuer + "\x00" + strings.Join(callbacks, " ")
	ml.mu.Lock()
	defer ml.mu.Unlock()
	if h := ml.handlers[key]; h != nil {
		return h, nil
	}
	verifier := &tokens.Verifier{Issuer: issuer, ClientID: req.clientID, Keys: poolKeys{f, req.poolID}, Now: f.clock}
	h, err := weblogin.New(weblogin.Options{
		Engine: engine.Config{
			PoolID: req.poolID, ClientID: req.clientID, ClientSecret: secret,
			Transport: managedAuth{f}, MFASetup: f, Rand: f.rand, Now: f.clock,
		},
		Account: &account.Client{Transport: f, ClientID: req.clientID, ClientSecret: secret,
			Verifier: verifier, Now: f.clock, Rand: f.rand},
		Verifier: verifier,
		Keys:     [][]byte{ml.key},
		Path:     pathLogin + "/",
		Rand:     f.rand,
		Now:      f.clock,
		Logger:   f.log,
		Finish:   f.finishManagedLogin,
		// The last form post redirects to the client's callback, which
		// the page's form-action must allow or browsers block it.
		FormActions: callbacks,
	})
	if err != nil {
		return nil, err
	}
	if ml.handlers == nil || len(ml.handlers) >= maxLoginHandlers {
		ml.handlers = make(map[string]*weblogin.Handler)
	}
	ml.handlers[key] = h
	return h, nil
}

// callbackOrigins are the origins of a client's http and https callback
// URLs, and the schemes of the others (myapp: for myapp://callback), for
// the login page's Content-Security-Policy form-action.
func callbackOrigins(urls []string) []string {
	var out []string
	for _, raw := range urls {
		u, err := url.Parse(raw)
		if err != nil || u.Scheme == "" {
			continue
		}
		o := u.Scheme + ":" // an app's scheme, as a whole
		if (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
			o = u.Scheme + "://" + u.Host
		}
		if !slices.Contains(out, o) {
			out = append(out, o)
		}
	}
	slices.Sort(out)
	return out
}

// finishManagedLogin is weblogin's Finish: the user signed in on the
// login page. The login's own tokens are dropped (their family with
// them); the browser gets a managed-login session and goes back to the
// app with a code or tokens for the authorization request, used once.
func (f *Fake) finishManagedLogin(w http.ResponseWriter, r *http.Request, res *engine.Result) {
	claims, err := f.parseAccessToken(res.Tokens.AccessToken)
	if err != nil {
		errorPage(w, http.StatusBadRequest, "invalid_request")
		return
	}
	c, _ := r.Cookie(authzCookie)
	sessID, err := f.newOpaque(32)
	if err != nil {
		f.oauthServerError(err)
		errorPage(w, http.StatusInternalServerError, "server_error")
		return
	}
	now := f.clock()
	var (
		req      *authzRequest
		username string
		sub      string
		authTime time.Time
	)
	f.lockW()
	if c != nil {
		req = f.st.oauth.requests[c.Value]
		delete(f.st.oauth.requests, c.Value)
	}
	if fam := f.st.Families[claims.familyID()]; fam != nil {
		if u := f.familyUserLocked(fam); u != nil && req != nil && fam.ClientID == req.clientID && fam.PoolID == req.poolID {
			username, sub, authTime = u.Username, u.Sub, fam.AuthTime
		}
		f.dropFamilyLocked(fam)
	}
	ok := req != nil && !now.After(req.expires) && username != ""
	if ok && f.oauthRoomLocked() == nil {
		f.st.oauth.logins[hashToken(sessID)] = &loginSession{poolID: req.poolID, username: username, sub: sub,
			authTime: authTime, expires: now.Add(loginSessionTTL)}
	}
	f.unlockW()
	clearCookie(w, r, authzCookie, pathLogin+"/")
	if err := f.awaitDurable(); err != nil {
		f.oauthServerError(err)
		errorPage(w, http.StatusInternalServerError, "server_error")
		return
	}
	if !ok {
		errorPage(w, http.StatusBadRequest, "Sign-in has expired or was not started: start again from the application.")
		return
	}
	setCookie(w, r, sessionCookie, sessID, "/", now.Add(loginSessionTTL))
	f.completeAuthorize(w, r, req, username, sub, authTime)
}

// loginSessionOf returns the browser's managed-login session for a pool,
// if it is live and its user still exists and is enabled.
func (f *Fake) loginSessionOf(r *http.Request, poolID string) (loginSession, bool) {
	c, err := r.Cookie(sessionCookie)
	if err != nil || c.Value == "" {
		return loginSession{}, false
	}
	f.mu.RLock()
	defer f.mu.RUnlock()
	s := f.st.oauth.logins[hashToken(c.Value)]
	if s == nil || s.poolID != poolID || f.clock().After(s.expires) {
		return loginSession{}, false
	}
	p := f.st.Pools[poolID]
	if p == nil {
		return loginSession{}, false
	}
	if u := p.lookup(s.username); u == nil || u.Sub != s.sub || !u.Enabled {
		return loginSession{}, false
	}
	return *s, true
}

// endLoginSession forgets the browser's managed-login session and drops
// the cookie of any sign-in it had under way on the login pages (whose
// record, sent only under /login/, expires on its own).
func (f *Fake) endLoginSession(w http.ResponseWriter, r *http.Request) {
	if c, err := r.Cookie(sessionCookie); err == nil && c.Value != "" {
		f.lockW()
		delete(f.st.oauth.logins, hashToken(c.Value))
		f.unlockW()
	}
	clearCookie(w, r, sessionCookie, "/")
	clearCookie(w, r, authzCookie, pathLogin+"/")
}
