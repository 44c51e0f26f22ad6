package weblogin

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	"github.com/gocognito/gocognito/engine"
	"github.com/gocognito/gocognito/states"
)

// The JSON API drives the same login, in the same cookie, for a
// single-page app:
//
//	GET  {Path}api/login    -> {"csrf":"...","need":{...}|null,"signedIn":false}
//	POST {Path}api/login    {"username":"alice","password":"..."}   starts a login
//	POST {Path}api/login    {"answer":{"kind":"mfa_code","code":"123456"}}
//	POST {Path}api/signout
//
// POSTs carry the csrf value in the X-CSRF-Token header. A reply carries
// the next need (states.NeedJSON), or signedIn and the verified claims, or
// an error: 422 while the same step can be tried again, 409 with
// "restart":true once the login is over. docs/weblogin-schema.json
// describes needs and answers.

// apiRequest is the body of POST api/login.
type apiRequest struct {
	Username string             `json:"username,omitempty"`
	Password string             `json:"password,omitempty"`
	Answer   *engine.AnswerJSON `json:"answer,omitempty"`
}

// apiReply is every reply of the API.
type apiReply struct {
	CSRF     string            `json:"csrf,omitempty"`
	Need     *states.NeedJSON  `json:"need"`
	Username string            `json:"username,omitempty"`
	SignedIn bool              `json:"signedIn"`
	Claims   map[string]string `json:"claims,omitempty"`
	Error    *apiError         `json:"error,omitempty"`
}

type apiError struct {
	Message string `json:"message"`
	Code    string `json:"code,omitempty"`
	Restart bool   `json:"restart"`
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// apiState tells where the browser stands, and gives the CSRF token.
func (h *Handler) apiState(w http.ResponseWriter, r *http.Request) {
	token, err := h.csrf(w, r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	reply := apiReply{CSRF: token}
	if _, c, ok := h.session(r); ok {
		reply.SignedIn, reply.Username, reply.Claims = true, c.Username, claimMap(c.Raw)
		writeJSON(w, http.StatusOK, reply)
		return
	}
	l, snap, err := h.resume(r)
	if err != nil {
		h.clearCookie(w, r, h.loginCookie())
		v := judge(err, true)
		reply.Error = &apiError{Message: v.Message, Code: v.Code, Restart: true}
	} else if l != nil {
		reply.Need, reply.Username = &states.NeedJSON{Need: l.Need()}, snap.Username
	}
	writeJSON(w, http.StatusOK, reply)
}

func (h *Handler) apiLogin(w http.ResponseWriter, r *http.Request) {
	var req apiRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		writeJSON(w, http.StatusBadRequest, apiReply{Error: &apiError{Message: "The request is not valid JSON of this API.", Code: "BadRequest"}})
		return
	}
	ctx := r.Context()
	if req.Answer == nil {
		l, err := h.start(ctx, strings.TrimSpace(req.Username), req.Password)
		if err != nil {
			v := judge(err, false)
			writeJSON(w, http.StatusUnprocessableEntity, apiReply{Error: &apiError{Message: v.Message, Code: v.Code}})
			return
		}
		h.apiAdvance(w, r, l, strings.TrimSpace(req.Username))
		return
	}
	l, snap, err := h.resume(r)
	if err == nil && l == nil {
		err = engine.ErrSessionExpired
	}
	if err != nil {
		h.apiOver(w, r, err)
		return
	}
	if err := l.Submit(ctx, req.Answer.Answer); err != nil {
		if l.State().Terminal() {
			h.apiOver(w, r, err)
			return
		}
		if kerr := h.keep(w, r, l); kerr != nil {
			h.apiOver(w, r, kerr)
			return
		}
		v := judge(err, false)
		writeJSON(w, http.StatusUnprocessableEntity, apiReply{Need: &states.NeedJSON{Need: l.Need()}, Username: snap.Username,
			Error: &apiError{Message: v.Message, Code: v.Code}})
		return
	}
	h.apiAdvance(w, r, l, snap.Username)
}

func (h *Handler) apiAdvance(w http.ResponseWriter, r *http.Request, l *engine.Login, username string) {
	if l.State() == states.Done {
		if h.handOver(w, r, l) {
			return
		}
		if err := h.finish(w, r, l); err != nil {
			h.apiOver(w, r, err)
			return
		}
		res, _ := l.Result()
		c, err := h.opts.Verifier.VerifyID(r.Context(), res.Tokens.IDToken)
		if err != nil {
			h.apiOver(w, r, err)
			return
		}
		writeJSON(w, http.StatusOK, apiReply{SignedIn: true, Username: c.Username, Claims: claimMap(c.Raw)})
		return
	}
	if err := h.keep(w, r, l); err != nil {
		h.apiOver(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, apiReply{Need: &states.NeedJSON{Need: l.Need()}, Username: username})
}

// apiOver ends the login and says why.
func (h *Handler) apiOver(w http.ResponseWriter, r *http.Request, err error) {
	h.clearCookie(w, r, h.loginCookie())
	v := judge(err, true)
	writeJSON(w, http.StatusConflict, apiReply{Error: &apiError{Message: v.Message, Code: v.Code, Restart: true}})
}

func (h *Handler) apiSignOut(w http.ResponseWriter, r *http.Request) {
	h.endSession(w, r)
	writeJSON(w, http.StatusOK, apiReply{})
}

func claimMap(raw map[string]any) map[string]string {
	out := make(map[string]string, len(raw))
	for k, v := range raw {
		switch v := v.(type) {
		case string:
			out[k] = v
		case float64:
			out[k] = strconv.FormatFloat(v, 'f', -1, 64)
		default:
			b, _ := json.Marshal(v)
			out[k] = string(b)
		}
	}
	return out
}
