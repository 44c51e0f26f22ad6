package weblogin

import (
	"encoding/json"
	"net/http"

	"github.com/gocognito/gocognito/account"
	"github.com/gocognito/gocognito/transport"
)

// Passkey registration from the signed-in page: static/passkey.js asks for
// Cognito's creation options (StartWebAuthnRegistration), has the browser
// create a passkey (navigator.credentials.create), and posts it back
// (CompleteWebAuthnRegistration). Signing in with it is the passkey screen
// of a choice-based sign-in (Options.Flow USER_AUTH).

// canRegisterPasskey says whether the signed-in page offers a passkey:
// when Options.Account reaches a transport with passkeys.
func (h *Handler) canRegisterPasskey() bool {
	if h.opts.Account == nil {
		return false
	}
	_, ok := h.opts.Account.Transport.(transport.Passkeys)
	return ok
}

// userSession is an account.Session over the signed-in user's tokens,
// without refresh: it lives as long as the request.
func (h *Handler) userSession(r *http.Request) (*account.Session, bool) {
	s, _, ok := h.session(r)
	if !ok || !h.canRegisterPasskey() {
		return nil, false
	}
	sess, err := h.opts.Account.NewSession(r.Context(), &transport.AuthenticationResult{IDToken: s.IDToken, AccessToken: s.AccessToken}, account.SessionOptions{})
	if err != nil {
		h.opts.Logger.WarnContext(r.Context(), "weblogin: no account session for the signed-in user", "err", err)
		return nil, false
	}
	return sess, true
}

type passkeyReply struct {
	Options json.RawMessage `json:"options,omitempty"`
	OK      bool            `json:"ok,omitempty"`
	Error   *apiError       `json:"error,omitempty"`
}

// passkeyOptions starts a registration and gives the browser Cognito's
// options as they are.
func (h *Handler) passkeyOptions(w http.ResponseWriter, r *http.Request) {
	sess, ok := h.userSession(r)
	if !ok {
		writeJSON(w, http.StatusUnauthorized, passkeyReply{Error: &apiError{Message: msgSessionEnded, Code: "NotSignedIn", Restart: true}})
		return
	}
	options, err := sess.StartPasskeyRegistration(r.Context())
	if err != nil {
		v := judge(err, false)
		writeJSON(w, http.StatusUnprocessableEntity, passkeyReply{Error: &apiError{Message: v.Message, Code: v.Code}})
		return
	}
	writeJSON(w, http.StatusOK, passkeyReply{Options: options})
}

// passkeyRegister completes a registration with the browser's credential:
// {"credential": PublicKeyCredential.toJSON()}.
func (h *Handler) passkeyRegister(w http.ResponseWriter, r *http.Request) {
	sess, ok := h.userSession(r)
	if !ok {
		writeJSON(w, http.StatusUnauthorized, passkeyReply{Error: &apiError{Message: msgSessionEnded, Code: "NotSignedIn", Restart: true}})
		return
	}
	var body struct {
		Credential json.RawMessage `json:"credential"`
	}
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil || len(body.Credential) == 0 {
		writeJSON(w, http.StatusBadRequest, passkeyReply{Error: &apiError{Message: "The request carries no credential.", Code: "BadRequest"}})
		return
	}
	if err := sess.CompletePasskeyRegistration(r.Context(), body.Credential); err != nil {
		v := judge(err, false)
		writeJSON(w, http.StatusUnprocessableEntity, passkeyReply{Error: &apiError{Message: v.Message, Code: v.Code}})
		return
	}
	writeJSON(w, http.StatusOK, passkeyReply{OK: true})
}
