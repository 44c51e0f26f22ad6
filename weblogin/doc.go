// Package weblogin is the login as server-rendered web pages: an
// http.Handler that drives an engine login over any transport, with one
// screen for each states.Need (username and password, MFA code with the
// masked destination, MFA choice, TOTP setup with a QR code, e-mail MFA
// setup, new password with its required attributes, custom challenge),
// sign-up with its confirmation code and the forgotten password through
// package account, and a signed-in page with the verified claims of the
// ID token and sign-out. The same login is served as a small JSON API
// (states.NeedJSON out, engine.AnswerJSON in) for single-page apps.
//
// Between requests a login lives only in a cookie holding its sealed
// engine.Snapshot (HttpOnly, SameSite=Lax, Secure over TLS, bounded in
// size), so any instance that shares Options.Keys can serve the next step
// and no session store is needed. Every form carries a CSRF token (an
// HMAC of a per-browser cookie); errors that leave the login where it
// was are shown on the same screen, errors that end it send the user back
// to the start with the reason.
//
// Every screen is an html/template that an application can replace one by
// one (Options.Templates); the defaults are embedded and need no
// JavaScript.
//
// It is not an identity provider, an OAuth server or a session store for
// the application's own data: after sign-in it keeps the user's ID and
// access tokens in a sealed cookie until they expire, and does not refresh
// them.
package weblogin
