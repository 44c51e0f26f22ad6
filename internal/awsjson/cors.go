package awsjson

import (
	"net/http"
	"strings"
)

// CORS settings. Allow-Origin is "*": the API carries no cookies, so any
// origin may call it, as browsers do call real Cognito from any origin.
const (
	corsAllowMethods = "POST, GET, OPTIONS"
	corsExpose       = "x-amzn-RequestId, x-amzn-ErrorType, x-amzn-ErrorMessage, Date"
	corsMaxAge       = "86400"
	// corsDefaultHeaders answers a preflight that names no headers: what the
	// AWS SDKs and amazon-cognito-identity-js send.
	corsDefaultHeaders = "content-type, x-amz-target, x-amz-user-agent, authorization, " +
		"amz-sdk-invocation-id, amz-sdk-request, x-amz-date, x-amz-security-token, x-amz-content-sha256"
	maxCORSHeaders = 2048
)

// AllowCrossOrigin sets the headers every actual (non-preflight) response
// needs for a browser on another origin to read it: Allow-Origin and the
// headers the AWS SDKs read. The handler of NewHandler sets them itself;
// servers that answer other paths next to it (JWKS, discovery) call this.
func AllowCrossOrigin(h http.Header) {
	h.Set("Access-Control-Allow-Origin", "*")
	h.Set("Access-Control-Expose-Headers", corsExpose)
}

// preflight sets the headers of an answer to a CORS preflight request.
func preflight(h http.Header, r *http.Request) {
	AllowCrossOrigin(h)
	h.Set("Access-Control-Allow-Methods", corsAllowMethods)
	allow := corsHeaderList(r.Header.Get("Access-Control-Request-Headers"))
	if allow == "" {
		allow = corsDefaultHeaders
	}
	h.Set("Access-Control-Allow-Headers", allow)
	h.Set("Access-Control-Max-Age", corsMaxAge)
	h.Add("Vary", "Access-Control-Request-Headers")
}

// corsHeaderList returns the requested header list to echo, keeping only
// characters that may appear in header names and list separators, so that
// the echo cannot inject anything.
func corsHeaderList(s string) string {
	if len(s) > maxCORSHeaders {
		s = s[:maxCORSHeaders]
	}
	return strings.TrimSpace(strings.Map(func(r rune) rune {
		switch {
		case r == ',' || r == ' ':
			return r
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
			return r
		case strings.ContainsRune("!#$%&'*+-.^_`|~", r):
			return r
		default:
			return -1
		}
	}, s))
}
