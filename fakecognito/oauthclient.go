package fakecognito

import (
	"net/url"
	"slices"
	"strings"

	"github.com/gocognito/gocognito/transport"
)

// OAuth 2.0 grants an app client may allow (OAuthFlowType).
const (
	oauthCode              = "code"
	oauthImplicit          = "implicit"
	oauthClientCredentials = "client_credentials"
)

// standardScopes are the scopes every pool knows; the others are
// "Identifier/ScopeName" of the pool's resource servers.
var standardScopes = []string{"phone", "email", "openid", "profile", "aws.cognito.signin.user.admin"}

// maxRedirectURLs bounds CallbackURLs and LogoutURLs (API reference: an
// array of at most 100 strings, each 1 to 1024 characters).
const maxRedirectURLs = 100

// checkOAuthSettings refuses the OAuth 2.0 settings of an app client that
// Cognito refuses; docs/fake-server.md ("App clients' OAuth settings")
// gives the evidence for each rule.
func checkOAuthSettings(p *pool, s *transport.ClientSettings, hasSecret bool) error {
	if !s.AllowedOAuthFlowsUserPoolClient {
		if len(s.AllowedOAuthFlows) > 0 || len(s.AllowedOAuthScopes) > 0 || len(s.CallbackURLs) > 0 || len(s.LogoutURLs) > 0 || s.DefaultRedirectURI != "" {
			return invalidParam("AllowedOAuthFlowsUserPoolClient must be true to set AllowedOAuthFlows, AllowedOAuthScopes, CallbackURLs, LogoutURLs or DefaultRedirectURI.")
		}
	} else {
		if len(s.AllowedOAuthFlows) == 0 {
			return invalidParam("AllowedOAuthFlows is required when AllowedOAuthFlowsUserPoolClient is true.")
		}
		if len(s.AllowedOAuthScopes) == 0 {
			return invalidParam("AllowedOAuthScopes is required when AllowedOAuthFlowsUserPoolClient is true.")
		}
	}
	cc := false
	for _, fl := range s.AllowedOAuthFlows {
		switch fl {
		case oauthCode, oauthImplicit:
		case oauthClientCredentials:
			cc = true
		default:
			return invalidParam("1 validation error detected: Value '[%s]' at 'allowedOAuthFlows' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [implicit, client_credentials, code]]", fl)
		}
	}
	if cc && len(s.AllowedOAuthFlows) > 1 {
		return invalidParam("client_credentials flow can not be selected along with code flow or implicit flow.")
	}
	if cc && !hasSecret {
		return invalidParam("client_credentials flow can not be selected if client does not have a client secret.")
	}
	for _, sc := range s.AllowedOAuthScopes {
		if slices.Contains(standardScopes, sc) {
			if cc {
				return invalidParam("Invalid scope requested: %s. The client_credentials flow allows only custom scopes.", sc)
			}
			continue
		}
		id, name, ok := cutLast(sc, "/")
		rs := p.ResourceServers[id]
		if !ok || rs == nil || !slices.ContainsFunc(rs.Scopes, func(x transport.ResourceServerScope) bool { return x.ScopeName == name }) {
			return cognitoErr("ScopeDoesNotExistException", "Invalid scope requested: "+sc)
		}
	}
	if err := checkRedirectURLs("CallbackURLs", s.CallbackURLs); err != nil {
		return err
	}
	if err := checkRedirectURLs("LogoutURLs", s.LogoutURLs); err != nil {
		return err
	}
	if (slices.Contains(s.AllowedOAuthFlows, oauthCode) || slices.Contains(s.AllowedOAuthFlows, oauthImplicit)) && len(s.CallbackURLs) == 0 {
		return invalidParam("CallbackURLs is required when the code or implicit flow is allowed.")
	}
	if s.DefaultRedirectURI != "" && !slices.Contains(s.CallbackURLs, s.DefaultRedirectURI) {
		return invalidParam("DefaultRedirectURI must be one of the CallbackURLs.")
	}
	for _, idp := range s.SupportedIdentityProviders {
		if idp != "COGNITO" {
			return invalidParam("The provider %s does not exist for User Pool %s", idp, p.ID)
		}
	}
	return nil
}

// cutLast cuts s around the last sep: a resource server's identifier may
// itself hold slashes (a URL), a scope name may not.
func cutLast(s, sep string) (before, after string, found bool) {
	i := strings.LastIndex(s, sep)
	if i < 0 {
		return s, "", false
	}
	return s[:i], s[i+len(sep):], true
}

// checkRedirectURLs applies the rules of a redirect URI: absolute, without
// a fragment, HTTPS unless on the loopback host; app schemes such as
// myapp://callback are allowed.
func checkRedirectURLs(field string, urls []string) error {
	if len(urls) > maxRedirectURLs {
		return invalidParam("1 validation error detected: Value at '%s' failed to satisfy constraint: Member must have length less than or equal to %d", strings.ToLower(field[:1])+field[1:], maxRedirectURLs)
	}
	for _, raw := range urls {
		u, err := url.Parse(raw)
		switch {
		case len(raw) > 1024 || err != nil || !u.IsAbs() || u.Fragment != "" || strings.Contains(raw, "#"):
			return invalidParam("Invalid URL: %s in %s. A redirect URI must be absolute and have no fragment.", raw, field)
		case u.Scheme == "http" && !slices.Contains([]string{"localhost", "127.0.0.1", "::1"}, u.Hostname()):
			return invalidParam("Invalid URL: %s in %s. HTTPS is required over HTTP except for http://localhost.", raw, field)
		}
	}
	return nil
}
