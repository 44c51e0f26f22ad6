package weblogin

import (
	"context"
	"net/http"
	"slices"
	"strings"

	"github.com/gocognito/gocognito/tokens"
)

// User returns the verified claims of the ID token of the user signed in
// through this handler, for the application's own pages; false when no one
// is signed in or the token no longer verifies (expired, keys rotated
// away).
func (h *Handler) User(r *http.Request) (*tokens.Claims, bool) {
	_, c, ok := h.session(r)
	return c, ok
}

// AccessToken returns the signed-in user's access token, to act for the
// user (account.Client.NewSession, Cognito's user calls); false when no
// one is signed in.
func (h *Handler) AccessToken(r *http.Request) (string, bool) {
	s, _, ok := h.session(r)
	return s.AccessToken, ok
}

// session opens and verifies the session cookie.
func (h *Handler) session(r *http.Request) (signedIn, *tokens.Claims, bool) {
	v := h.cookieValue(r, h.sessionCookie())
	if v == "" {
		return signedIn{}, nil, false
	}
	s, err := h.keys.openSession(v)
	if err != nil {
		return signedIn{}, nil, false
	}
	c, err := h.opts.Verifier.VerifyID(r.Context(), s.IDToken)
	if err != nil {
		return signedIn{}, nil, false
	}
	return s, c, true
}

func signedInPage(c *tokens.Claims) *Page {
	return &Page{Screen: ScreenSignedIn, Username: c.Username, Claims: claimsOf(c)}
}

func sortClaims(cs []Claim) {
	slices.SortFunc(cs, func(a, b Claim) int { return strings.Compare(a.Name, b.Name) })
}

// signOut ends the session: the cookie goes, and the refresh token, when
// the cookie kept it, is revoked with every token issued from it.
func (h *Handler) signOut(w http.ResponseWriter, r *http.Request) {
	h.endSession(w, r)
	h.render(w, r, http.StatusOK, &Page{Screen: ScreenStart, Notice: "You are signed out."})
}

func (h *Handler) endSession(w http.ResponseWriter, r *http.Request) {
	v := h.cookieValue(r, h.sessionCookie())
	h.clearCookie(w, r, h.sessionCookie())
	h.clearCookie(w, r, h.loginCookie())
	if v == "" || h.opts.Account == nil {
		return
	}
	s, err := h.keys.openSession(v)
	if err != nil || s.RefreshToken == "" {
		return
	}
	if err := h.opts.Account.RevokeToken(context.WithoutCancel(r.Context()), s.RefreshToken); err != nil {
		h.opts.Logger.WarnContext(r.Context(), "weblogin: revoking the refresh token at sign-out failed", "err", err)
	}
}
