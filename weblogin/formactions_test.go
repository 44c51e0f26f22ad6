package weblogin_test

import (
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/gocognito/gocognito/weblogin"
)

// FormActions widen the pages' CSP form-action, since browsers block a
// posted form's redirect to an origin it does not list (the OAuth
// callback after the last step of a managed login); anything that is not
// an origin or a scheme could break out of the directive and is refused.
func TestFormActions(t *testing.T) {
	s := newSite(t, siteConfig{})
	cases := []struct {
		name       string
		actions    []string
		formAction string // the directive, "" when New must refuse
	}{
		{"none", nil, "form-action 'self';"},
		{"an origin and an app scheme", []string{"http://127.0.0.1:8080", "myapp:"}, "form-action 'self' http://127.0.0.1:8080 myapp:;"},
		{"an IPv6 origin", []string{"http://[::1]:3000"}, "form-action 'self' http://[::1]:3000;"},
		{"a path", []string{"https://app.example.com/callback"}, ""},
		{"a directive smuggled in", []string{"https://a.example.com; script-src *"}, ""},
		{"a keyword", []string{"'unsafe-inline'"}, ""},
		{"a wildcard", []string{"https://*.example.com"}, ""},
		{"no scheme", []string{"app.example.com"}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			opts := s.options(nil)
			opts.FormActions = c.actions
			_, err := weblogin.New(opts)
			if c.formAction == "" {
				if !errors.Is(err, weblogin.ErrConfig) {
					t.Fatalf("New accepted FormActions %q (err %v)", c.actions, err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			srv := s.serve(opts)
			res, err := http.Get(srv.URL + "/")
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			csp := res.Header.Get("Content-Security-Policy")
			if !strings.Contains(csp, c.formAction) || !strings.HasPrefix(csp, "default-src 'none';") {
				t.Fatalf("Content-Security-Policy %q, want %q in it", csp, c.formAction)
			}
		})
	}
}
