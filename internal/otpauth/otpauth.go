// Package otpauth builds the otpauth:// URIs that authenticator apps scan as
// QR codes, in Google's Key URI format. It exists so that the engine (during
// MFA_SETUP) and the account package (TOTP setup of a signed-in user) write
// the same, correctly escaped URI. It does not generate or check codes.
package otpauth

import (
	"net/url"
	"strings"
)

// URI returns otpauth://totp/ISSUER:ACCOUNT?secret=SECRET&issuer=ISSUER.
//
// In the label a colon separates issuer from account, so colons inside
// either are escaped (%3A); so are spaces (%20) and every byte a path
// segment may not hold (UTF-8 as %XX). In the query a space is %20, never
// "+", which some apps show literally.
func URI(issuer, account, secret string) string {
	return "otpauth://totp/" + label(issuer) + ":" + label(account) +
		"?secret=" + param(secret) + "&issuer=" + param(issuer)
}

func label(s string) string { return strings.ReplaceAll(url.PathEscape(s), ":", "%3A") }

// param escapes a query value; QueryEscape writes a literal "+" as %2B, so
// every "+" left in its output stands for a space.
func param(s string) string { return strings.ReplaceAll(url.QueryEscape(s), "+", "%20") }
