package weblogin

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/gocognito/gocognito/engine"
)

// The cookies: the login in progress (a sealed engine.Snapshot), the
// signed-in session (the sealed tokens) and the CSRF secret. All three are
// HttpOnly and SameSite=Lax, Secure over TLS, scoped to the handler's path.

// keyring seals with the first key and opens with any, so that keys can be
// rotated: add the new key first, keep the old one until the cookies it
// sealed have expired, then drop it.
type keyring struct {
	keys    [][]byte // AES keys, as given
	csrf    [][]byte // HMAC keys for CSRF tokens, derived from keys
	session []cipher.AEAD
}

func newKeyring(keys [][]byte) (*keyring, error) {
	if len(keys) == 0 {
		return nil, fmt.Errorf("%w: Options.Keys is empty", ErrConfig)
	}
	k := &keyring{}
	for i, key := range keys {
		switch len(key) {
		case 16, 24, 32:
		default:
			return nil, fmt.Errorf("%w: Options.Keys[%d] has %d bytes, want 16, 24 or 32", ErrConfig, i, len(key))
		}
		// Each use gets its own key, derived with HKDF, so that a CSRF
		// token or a session cookie is never made with the key that seals
		// snapshots.
		mac, err := hkdf.Key(sha256.New, key, nil, "gocognito weblogin csrf", 32)
		if err != nil {
			return nil, fmt.Errorf("weblogin: derive key: %w", err)
		}
		enc, err := hkdf.Key(sha256.New, key, nil, "gocognito weblogin session", len(key))
		if err != nil {
			return nil, fmt.Errorf("weblogin: derive key: %w", err)
		}
		block, err := aes.NewCipher(enc)
		if err != nil {
			return nil, fmt.Errorf("weblogin: %w", err)
		}
		aead, err := cipher.NewGCMWithRandomNonce(block)
		if err != nil {
			return nil, fmt.Errorf("weblogin: %w", err)
		}
		k.keys = append(k.keys, key)
		k.csrf = append(k.csrf, mac)
		k.session = append(k.session, aead)
	}
	return k, nil
}

// sealSnapshot seals a login with the first key.
func (k *keyring) sealSnapshot(s engine.Snapshot) (string, error) {
	b, err := engine.Seal(s, k.keys[0])
	if err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// openSnapshot opens a login sealed with any of the keys.
func (k *keyring) openSnapshot(v string) (engine.Snapshot, error) {
	b, err := base64.RawURLEncoding.DecodeString(v)
	if err != nil {
		return engine.Snapshot{}, engine.ErrTampered
	}
	err = engine.ErrTampered
	for _, key := range k.keys {
		var s engine.Snapshot
		s, err = engine.Open(b, key)
		if err == nil {
			return s, nil
		}
		if !errors.Is(err, engine.ErrTampered) {
			return engine.Snapshot{}, err
		}
	}
	return engine.Snapshot{}, err
}

// sessionMagic starts a sealed session and is authenticated with it.
const sessionMagic = "gws2"

// signedIn is what the session cookie holds, packed (compact.go): the
// tokens of a finished login. The ID token says who the user is (verified
// on every request), the access token acts for the user, the refresh token
// (kept when it fits) is revoked at sign-out.
type signedIn struct {
	IDToken      string
	AccessToken  string
	RefreshToken string
}

func (k *keyring) sealSession(s signedIn) (string, error) {
	plain, err := pack(s.IDToken, s.AccessToken, s.RefreshToken)
	if err != nil {
		return "", err
	}
	out := append([]byte(sessionMagic), k.session[0].Seal(nil, nil, plain, []byte(sessionMagic))...)
	return base64.RawURLEncoding.EncodeToString(out), nil
}

func (k *keyring) openSession(v string) (signedIn, error) {
	b, err := base64.RawURLEncoding.DecodeString(v)
	if err != nil || len(b) < len(sessionMagic) || string(b[:len(sessionMagic)]) != sessionMagic {
		return signedIn{}, engine.ErrTampered
	}
	for _, aead := range k.session {
		plain, err := aead.Open(nil, nil, b[len(sessionMagic):], []byte(sessionMagic))
		if err != nil {
			continue
		}
		toks, err := unpack(plain)
		if err != nil || len(toks) != 3 {
			return signedIn{}, engine.ErrTampered
		}
		return signedIn{IDToken: toks[0], AccessToken: toks[1], RefreshToken: toks[2]}, nil
	}
	return signedIn{}, engine.ErrTampered
}

// csrfToken is the form token for a CSRF cookie value: an HMAC of it, so
// that a cookie planted by a neighbouring site (cookie tossing) is useless
// without the key. Tokens made with an older key still pass.
func (k *keyring) csrfToken(cookie string) string {
	m := hmac.New(sha256.New, k.csrf[0])
	m.Write([]byte(cookie))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

func (k *keyring) csrfValid(cookie, token string) bool {
	if cookie == "" || token == "" {
		return false
	}
	got, err := base64.RawURLEncoding.DecodeString(token)
	if err != nil {
		return false
	}
	ok := 0
	for _, key := range k.csrf {
		m := hmac.New(sha256.New, key)
		m.Write([]byte(cookie))
		ok |= subtle.ConstantTimeCompare(got, m.Sum(nil))
	}
	return ok == 1
}

func newCSRFSecret(rnd io.Reader) (string, error) {
	b := make([]byte, 32)
	if _, err := io.ReadFull(rnd, b); err != nil {
		return "", fmt.Errorf("weblogin: csrf secret: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// cookie names, for Options.CookiePrefix.
func (h *Handler) loginCookie() string   { return h.opts.CookiePrefix + "_login" }
func (h *Handler) sessionCookie() string { return h.opts.CookiePrefix + "_session" }
func (h *Handler) csrfCookie() string    { return h.opts.CookiePrefix + "_csrf" }

// setCookie writes a cookie of the handler: HttpOnly, SameSite=Lax,
// Secure over TLS (or always, with Options.Secure), on the handler's path.
// A value longer than Options.MaxCookieBytes is refused: a browser would
// drop it silently and the user would be stuck.
func (h *Handler) setCookie(w http.ResponseWriter, r *http.Request, name, value string, expires time.Time) error {
	if len(name)+len(value) > h.opts.MaxCookieBytes {
		return fmt.Errorf("%w: %s would be %d bytes, the limit is %d", ErrCookieTooLarge, name, len(name)+len(value), h.opts.MaxCookieBytes)
	}
	c := &http.Cookie{
		Name:     name,
		Value:    value,
		Path:     h.base,
		HttpOnly: true,
		SameSite: http.SameSiteLaxMode,
		Secure:   h.opts.Secure || r.TLS != nil,
	}
	if !expires.IsZero() {
		c.MaxAge = max(1, int(expires.Sub(h.now()).Seconds()))
	}
	http.SetCookie(w, c)
	return nil
}

func (h *Handler) clearCookie(w http.ResponseWriter, r *http.Request, name string) {
	http.SetCookie(w, &http.Cookie{
		Name: name, Value: "", Path: h.base, MaxAge: -1,
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: h.opts.Secure || r.TLS != nil,
	})
}

// cookieValue returns a cookie's value, "" when absent or beyond the size
// the handler ever writes (which is then not even decoded).
func (h *Handler) cookieValue(r *http.Request, name string) string {
	c, err := r.Cookie(name)
	if err != nil || len(c.Value) > h.opts.MaxCookieBytes {
		return ""
	}
	return c.Value
}

// csrf returns the form token of this browser, setting its CSRF cookie
// first when it has none.
func (h *Handler) csrf(w http.ResponseWriter, r *http.Request) (string, error) {
	secret := h.cookieValue(r, h.csrfCookie())
	if secret == "" {
		var err error
		if secret, err = newCSRFSecret(h.opts.Rand); err != nil {
			return "", err
		}
		if err := h.setCookie(w, r, h.csrfCookie(), secret, time.Time{}); err != nil {
			return "", err
		}
		// Later code in this request reads it back.
		r.AddCookie(&http.Cookie{Name: h.csrfCookie(), Value: secret})
	}
	return h.keys.csrfToken(secret), nil
}

// checkCSRF reports whether a POST carries this browser's token, in the
// form field "csrf" or the header X-CSRF-Token.
func (h *Handler) checkCSRF(r *http.Request) bool {
	token := r.Header.Get(csrfHeader)
	if token == "" {
		token = r.PostFormValue(csrfField)
	}
	return h.keys.csrfValid(h.cookieValue(r, h.csrfCookie()), token)
}

const (
	csrfField  = "csrf"
	csrfHeader = "X-CSRF-Token"
)
