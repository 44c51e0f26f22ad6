package weblogin

import (
	"context"
	"net/http"
	"strings"

	"github.com/gocognito/gocognito/account"
	"github.com/gocognito/gocognito/engine"
	"github.com/gocognito/gocognito/transport"
)

// Sign-up with its confirmation code, and the forgotten password with its
// reset code, through package account. Nothing is kept between these
// screens but the username, which the forms carry.

func (h *Handler) signUpPage(username string, attrs map[string]string) *Page {
	p := &Page{Screen: ScreenSignUp, Username: username}
	for _, name := range h.opts.SignUpAttributes {
		p.Attributes = append(p.Attributes, attributeField(name, attrs[name], true))
	}
	return p
}

func (h *Handler) noAccount(w http.ResponseWriter, r *http.Request) bool {
	if h.opts.Account == nil {
		http.NotFound(w, r)
		return true
	}
	return false
}

func (h *Handler) signUpForm(w http.ResponseWriter, r *http.Request) {
	if h.noAccount(w, r) {
		return
	}
	h.render(w, r, http.StatusOK, h.signUpPage("", nil))
}

func (h *Handler) signUp(w http.ResponseWriter, r *http.Request) {
	if h.noAccount(w, r) {
		return
	}
	username := strings.TrimSpace(r.PostFormValue("username"))
	attrs := map[string]string{}
	for _, name := range h.opts.SignUpAttributes {
		attrs[name] = strings.TrimSpace(r.PostFormValue(engine.FormAttributePrefix + name))
	}
	password := r.PostFormValue(engine.FormNewPassword)
	fail := func(msg, field string) {
		p := h.signUpPage(username, attrs)
		p.Error, p.ErrorField = msg, field
		h.render(w, r, http.StatusUnprocessableEntity, p)
	}
	if username == "" || password == "" {
		fail("Please choose a username and a password.", "")
		return
	}
	for _, name := range h.opts.SignUpAttributes {
		if attrs[name] == "" {
			fail("Please fill in every field.", engine.FormAttributePrefix+name)
			return
		}
	}
	res, err := h.opts.Account.SignUp(r.Context(), account.Registration{Username: username, Password: password, Attributes: attrs})
	if err != nil {
		v := judge(err, false)
		field := ""
		switch {
		case strings.Contains(v.Code, "Password"):
			field = engine.FormNewPassword
		case v.Code == "UsernameExistsException":
			field = "username"
		}
		fail(v.Message, field)
		return
	}
	if res.Confirmed {
		h.render(w, r, http.StatusOK, &Page{Screen: ScreenStart, Username: username, Notice: "Your account is ready. Please sign in."})
		return
	}
	h.render(w, r, http.StatusOK, &Page{Screen: ScreenSignUpConfirm, Username: username, Delivery: delivery(res.Delivery)})
}

func (h *Handler) confirmForm(w http.ResponseWriter, r *http.Request) {
	if h.noAccount(w, r) {
		return
	}
	h.render(w, r, http.StatusOK, &Page{Screen: ScreenSignUpConfirm, Username: r.URL.Query().Get("username")})
}

func (h *Handler) confirmSignUp(w http.ResponseWriter, r *http.Request) {
	if h.noAccount(w, r) {
		return
	}
	username := strings.TrimSpace(r.PostFormValue("username"))
	code := strings.Join(strings.Fields(r.PostFormValue(engine.FormCode)), "")
	if username == "" || code == "" {
		h.render(w, r, http.StatusUnprocessableEntity, &Page{Screen: ScreenSignUpConfirm, Username: username,
			Error: "Please give your username and the code.", ErrorField: engine.FormCode})
		return
	}
	session, err := h.confirm(r.Context(), username, code)
	if err != nil {
		v := judge(err, false)
		h.render(w, r, http.StatusUnprocessableEntity, &Page{Screen: ScreenSignUpConfirm, Username: username,
			Error: v.Message, ErrorField: engine.FormCode})
		return
	}
	if session != "" {
		// Choice-based sign-in: the code was the first factor, and
		// Cognito signs the new user in with ConfirmSignUp's session.
		l, err := engine.Start(r.Context(), h.opts.Engine, engine.Credentials{Username: username,
			Flow: transport.FlowUserAuth, SignUpSession: session})
		if err == nil {
			h.advance(w, r, l, username)
			return
		}
		h.opts.Logger.WarnContext(r.Context(), "weblogin: signing in a confirmed user with its sign-up session failed", "err", err)
	}
	h.render(w, r, http.StatusOK, &Page{Screen: ScreenStart, Username: username, Notice: "Your account is confirmed. Please sign in."})
}

// confirm confirms a sign-up. Under choice-based sign-in it keeps the
// Session that signs the new user in; other flows cannot use it.
func (h *Handler) confirm(ctx context.Context, username, code string) (session string, err error) {
	session, err = h.opts.Account.ConfirmSignUpSession(ctx, username, code)
	if h.opts.Flow != transport.FlowUserAuth {
		session = ""
	}
	return session, err
}

func (h *Handler) resendCode(w http.ResponseWriter, r *http.Request) {
	if h.noAccount(w, r) {
		return
	}
	username := strings.TrimSpace(r.PostFormValue("username"))
	p := &Page{Screen: ScreenSignUpConfirm, Username: username}
	d, err := h.opts.Account.ResendConfirmationCode(r.Context(), username)
	if err != nil {
		p.Error = judge(err, false).Message
		h.render(w, r, http.StatusUnprocessableEntity, p)
		return
	}
	p.Delivery = delivery(d)
	h.render(w, r, http.StatusOK, p)
}

func (h *Handler) forgotForm(w http.ResponseWriter, r *http.Request) {
	if h.noAccount(w, r) {
		return
	}
	h.render(w, r, http.StatusOK, &Page{Screen: ScreenForgot, Username: r.URL.Query().Get("username")})
}

func (h *Handler) forgot(w http.ResponseWriter, r *http.Request) {
	if h.noAccount(w, r) {
		return
	}
	username := strings.TrimSpace(r.PostFormValue("username"))
	if username == "" {
		h.render(w, r, http.StatusUnprocessableEntity, &Page{Screen: ScreenForgot, Error: "Please give your username.", ErrorField: "username"})
		return
	}
	d, err := h.opts.Account.ForgotPassword(r.Context(), username)
	if err != nil {
		h.render(w, r, http.StatusUnprocessableEntity, &Page{Screen: ScreenForgot, Username: username,
			Error: judge(err, false).Message, ErrorField: "username"})
		return
	}
	h.render(w, r, http.StatusOK, &Page{Screen: ScreenForgotConfirm, Username: username, Delivery: delivery(d)})
}

func (h *Handler) confirmForgot(w http.ResponseWriter, r *http.Request) {
	if h.noAccount(w, r) {
		return
	}
	username := strings.TrimSpace(r.PostFormValue("username"))
	code := strings.Join(strings.Fields(r.PostFormValue(engine.FormCode)), "")
	password := r.PostFormValue(engine.FormNewPassword)
	fail := func(msg, field string) {
		h.render(w, r, http.StatusUnprocessableEntity, &Page{Screen: ScreenForgotConfirm, Username: username, Error: msg, ErrorField: field})
	}
	if username == "" || code == "" || password == "" {
		fail("Please give the code and a new password.", "")
		return
	}
	if err := h.opts.Account.ConfirmForgotPassword(r.Context(), username, code, password); err != nil {
		v := judge(err, false)
		if v.Field == "" {
			v.Field = engine.FormCode
		}
		fail(v.Message, v.Field)
		return
	}
	h.render(w, r, http.StatusOK, &Page{Screen: ScreenStart, Username: username, Notice: "Your password is changed. Please sign in with the new one."})
}

func delivery(d *transport.CodeDeliveryDetails) string {
	if d == nil {
		return ""
	}
	return d.Destination
}
