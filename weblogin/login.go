package weblogin

import (
	"context"
	"errors"
	"net/http"
	"strings"

	"github.com/gocognito/gocognito/engine"
	"github.com/gocognito/gocognito/states"
	"github.com/gocognito/gocognito/transport"
)

// home shows where the browser stands: the signed-in page, the current
// step of a login in progress, or the start.
func (h *Handler) home(w http.ResponseWriter, r *http.Request) {
	if _, claims, ok := h.session(r); ok {
		h.render(w, r, http.StatusOK, signedInPage(claims))
		return
	}
	if h.cookieValue(r, h.sessionCookie()) != "" {
		// A session that no longer verifies (expired): say so once.
		h.clearCookie(w, r, h.sessionCookie())
		h.render(w, r, http.StatusOK, &Page{Screen: ScreenStart, Notice: msgSessionEnded})
		return
	}
	l, snap, err := h.resume(r)
	switch {
	case err != nil:
		h.clearCookie(w, r, h.loginCookie())
		h.render(w, r, http.StatusOK, &Page{Screen: ScreenStart, Notice: judge(err, true).Message})
	case l == nil:
		h.render(w, r, http.StatusOK, &Page{Screen: ScreenStart, Username: r.URL.Query().Get("username")})
	default:
		h.render(w, r, http.StatusOK, h.needPage(l, snap.Username))
	}
}

// resume opens the login cookie; nil without one.
func (h *Handler) resume(r *http.Request) (*engine.Login, engine.Snapshot, error) {
	v := h.cookieValue(r, h.loginCookie())
	if v == "" {
		if _, err := r.Cookie(h.loginCookie()); err == nil {
			return nil, engine.Snapshot{}, ErrCookieTooLarge // or empty: unreadable either way
		}
		return nil, engine.Snapshot{}, nil
	}
	snap, err := h.keys.openSnapshot(v)
	if err != nil {
		return nil, engine.Snapshot{}, err
	}
	l, err := engine.Resume(h.opts.Engine, snap)
	if err != nil {
		return nil, engine.Snapshot{}, err
	}
	return l, snap, nil
}

// needPage is the screen of what the login needs.
func (h *Handler) needPage(l *engine.Login, username string) *Page {
	need := l.Need()
	p := &Page{Screen: states.Kind(need), Need: need, Username: username}
	switch n := need.(type) {
	case states.NeedMFAChoice:
		p.Options = options(n.Options)
	case states.NeedMFASetupChoice:
		p.Options = options(n.Options)
	case states.NeedFirstFactorChoice:
		p.Options = factorOptions(n.Options)
	case states.NeedTOTPSetup:
		p.Secret = groupSecret(n.Secret)
		if n.URI != "" {
			if qr, err := qrDataURI(n.URI); err == nil {
				p.QR = qr
			}
		}
	case states.NeedNewPassword:
		for _, name := range n.Required {
			p.Attributes = append(p.Attributes, attributeField(name, n.Attributes[name], true))
		}
	}
	return p
}

// postLogin starts a login (the start form) or answers the step the login
// cookie holds.
func (h *Handler) postLogin(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	kind := r.PostFormValue("kind")
	if kind == ScreenStart {
		username := strings.TrimSpace(r.PostFormValue("username"))
		l, err := h.start(ctx, username, r.PostFormValue(engine.FormPassword))
		if err != nil && h.opts.Account != nil {
			// Two errors have their own screen: the confirmation code of a
			// sign-up never confirmed, and the reset an administrator asked.
			switch {
			case errors.Is(err, transport.ErrUserNotConfirmed):
				h.render(w, r, http.StatusOK, &Page{Screen: ScreenSignUpConfirm, Username: username,
					Notice: "Your account is not confirmed yet. Enter the code we sent you, or ask for a new one."})
				return
			case errors.Is(err, transport.ErrPasswordResetRequired):
				h.render(w, r, http.StatusOK, &Page{Screen: ScreenForgot, Username: username,
					Notice: "Your password must be reset. We will send you a code."})
				return
			}
		}
		if err != nil {
			v := judge(err, false)
			if v.Field == "" && !v.Restart {
				v.Field = "password"
			}
			h.render(w, r, http.StatusUnauthorized, &Page{Screen: ScreenStart, Username: username, Error: v.Message, ErrorField: v.Field})
			return
		}
		h.advance(w, r, l, username)
		return
	}
	l, snap, err := h.resume(r)
	if err != nil || l == nil {
		h.backToStart(w, r, err, http.StatusConflict)
		return
	}
	need := l.Need()
	if kind != states.Kind(need) {
		p := h.needPage(l, snap.Username)
		p.Error = msgStale
		h.render(w, r, http.StatusConflict, p)
		return
	}
	a, err := engine.AnswerFromForm(need, r.PostForm)
	if err == nil {
		err = l.Submit(ctx, a)
	}
	if err != nil {
		h.stepFailed(w, r, l, snap.Username, err)
		return
	}
	h.advance(w, r, l, snap.Username)
}

// askPassword says whether a login starts with the password: always but
// in choice-based sign-in, where the user chooses how to sign in unless the
// handler prefers a password.
func (h *Handler) askPassword() bool {
	if h.opts.Flow != transport.FlowUserAuth {
		return true
	}
	pref := h.opts.Engine.PreferredChallenge
	return pref == states.FactorPassword || pref == states.FactorPasswordSRP
}

// start begins a login with the handler's flow.
func (h *Handler) start(ctx context.Context, username, password string) (*engine.Login, error) {
	if username == "" || password == "" && h.askPassword() {
		return nil, engine.ErrInvalidInput
	}
	if !h.askPassword() {
		password = ""
	}
	return engine.Start(ctx, h.opts.Engine, engine.Credentials{Username: username, Password: password, Flow: h.opts.Flow})
}

// advance keeps a login that went on: its next screen, or the signed-in
// page once it is done.
func (h *Handler) advance(w http.ResponseWriter, r *http.Request, l *engine.Login, username string) {
	if l.State() == states.Done {
		if h.handOver(w, r, l) {
			return
		}
		if err := h.finish(w, r, l); err != nil {
			h.backToStart(w, r, err, http.StatusOK)
			return
		}
		http.Redirect(w, r, h.base, http.StatusSeeOther)
		return
	}
	if err := h.keep(w, r, l); err != nil {
		h.backToStart(w, r, err, http.StatusOK)
		return
	}
	h.render(w, r, http.StatusOK, h.needPage(l, username))
}

// keep seals the login into its cookie, which lives as long as Cognito's
// session.
func (h *Handler) keep(w http.ResponseWriter, r *http.Request, l *engine.Login) error {
	snap := l.Snapshot()
	v, err := h.keys.sealSnapshot(snap)
	if err != nil {
		return err
	}
	expires := snap.SessionExpires
	if expires.IsZero() {
		expires = h.now().Add(engine.DefaultSessionValidity)
	}
	return h.setCookie(w, r, h.loginCookie(), v, expires)
}

// handOver gives a done login to Options.Finish, when set, and reports
// whether it did.
func (h *Handler) handOver(w http.ResponseWriter, r *http.Request, l *engine.Login) bool {
	if h.opts.Finish == nil {
		return false
	}
	res, err := l.Result()
	if err != nil {
		h.backToStart(w, r, err, http.StatusOK)
		return true
	}
	h.clearCookie(w, r, h.loginCookie())
	h.opts.Finish(w, r, res)
	return true
}

// finish turns a done login into the session cookie.
func (h *Handler) finish(w http.ResponseWriter, r *http.Request, l *engine.Login) error {
	res, err := l.Result()
	if err != nil {
		return err
	}
	claims, err := h.opts.Verifier.VerifyID(r.Context(), res.Tokens.IDToken)
	if err != nil {
		return err
	}
	s := signedIn{IDToken: res.Tokens.IDToken, AccessToken: res.Tokens.AccessToken, RefreshToken: res.Tokens.RefreshToken}
	v, err := h.keys.sealSession(s)
	if err != nil || len(h.sessionCookie())+len(v) > h.opts.MaxCookieBytes {
		// The refresh token is only needed to revoke it at sign-out:
		// drop it rather than the sign-in.
		s.RefreshToken = ""
		if v, err = h.keys.sealSession(s); err != nil {
			return err
		}
	}
	if err := h.setCookie(w, r, h.sessionCookie(), v, claims.Expiry); err != nil {
		return err
	}
	h.clearCookie(w, r, h.loginCookie())
	return nil
}

// stepFailed shows an error of a step: on the same screen while the login
// goes on, back at the start with the reason once it is over.
func (h *Handler) stepFailed(w http.ResponseWriter, r *http.Request, l *engine.Login, username string, err error) {
	over := l.State().Terminal()
	v := judge(err, over)
	if v.Restart {
		h.backToStart(w, r, err, http.StatusOK)
		return
	}
	if !errors.Is(err, engine.ErrInvalidInput) && v.Code == "" {
		h.opts.Logger.WarnContext(r.Context(), "weblogin: login step failed", "err", err)
	}
	// The login may have moved even so (a TOTP secret still to fetch).
	if kerr := h.keep(w, r, l); kerr != nil {
		h.backToStart(w, r, kerr, http.StatusOK)
		return
	}
	p := h.needPage(l, username)
	p.Error, p.ErrorField = v.Message, v.Field
	h.render(w, r, http.StatusUnprocessableEntity, p)
}

// backToStart ends the login and shows the start with the reason.
func (h *Handler) backToStart(w http.ResponseWriter, r *http.Request, err error, status int) {
	h.clearCookie(w, r, h.loginCookie())
	p := &Page{Screen: ScreenStart}
	if err != nil {
		p.Error = judge(err, true).Message
	} else {
		// No login cookie: the browser dropped it when Cognito's session
		// expired.
		p.Error = msgExpired
	}
	h.render(w, r, status, p)
}

// restart forgets the login in progress.
func (h *Handler) restart(w http.ResponseWriter, r *http.Request) {
	h.clearCookie(w, r, h.loginCookie())
	http.Redirect(w, r, h.base, http.StatusSeeOther)
}
