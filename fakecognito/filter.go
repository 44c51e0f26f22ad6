package fakecognito

import (
	"errors"
	"strings"
)

// filter is a parsed ListUsers Filter: one attribute, an operator and a
// value. The zero filter matches every user.
type filter struct {
	attr   string
	prefix bool // "^=" rather than "="
	value  string
}

// filterAttributes are the attributes ListUsers can filter on.
var filterAttributes = map[string]bool{
	"username": true, "email": true, "phone_number": true, "name": true, "given_name": true,
	"family_name": true, "preferred_username": true, "cognito:user_status": true,
	"status": true, "sub": true,
}

// maxFilterLen is Cognito's limit on Filter.
const maxFilterLen = 256

var errFilter = errors.New("fakecognito: malformed filter")

// parseFilter parses Cognito's filter syntax: `name = "value"` or
// `name ^= "value"`, spaces around the operator optional, a backslash
// escaping a quote or backslash inside the value.
func parseFilter(s string) (filter, error) {
	if strings.TrimSpace(s) == "" {
		return filter{}, nil
	}
	if len(s) > maxFilterLen {
		return filter{}, errFilter
	}
	s = strings.TrimSpace(s)
	i := strings.IndexAny(s, " ^=")
	if i <= 0 {
		return filter{}, errFilter
	}
	var fl filter
	fl.attr = s[:i]
	if !filterAttributes[fl.attr] {
		return filter{}, errFilter
	}
	rest := strings.TrimLeft(s[i:], " ")
	switch {
	case strings.HasPrefix(rest, "^="):
		fl.prefix = true
		rest = rest[2:]
	case strings.HasPrefix(rest, "="):
		rest = rest[1:]
	default:
		return filter{}, errFilter
	}
	rest = strings.TrimLeft(rest, " ")
	if len(rest) < 2 || rest[0] != '"' {
		return filter{}, errFilter
	}
	var b strings.Builder
	for j := 1; j < len(rest); j++ {
		c := rest[j]
		switch c {
		case '\\':
			if j+1 >= len(rest) {
				return filter{}, errFilter
			}
			j++
			b.WriteByte(rest[j])
		case '"':
			if strings.TrimSpace(rest[j+1:]) != "" {
				return filter{}, errFilter
			}
			fl.value = b.String()
			return fl, nil
		default:
			b.WriteByte(c)
		}
	}
	return filter{}, errFilter // no closing quote
}

// Match reports whether a user with these properties passes the filter.
func (fl filter) Match(username, status string, enabled bool, attrs map[string]string) bool {
	if fl.attr == "" {
		return true
	}
	var got string
	switch fl.attr {
	case "username":
		got = username
	case "cognito:user_status":
		got = status
	case "status":
		got = "Disabled"
		if enabled {
			got = "Enabled"
		}
	default:
		v, ok := attrs[fl.attr]
		if !ok {
			return false
		}
		got = v
	}
	if fl.prefix {
		return strings.HasPrefix(got, fl.value)
	}
	return got == fl.value
}

// String renders the filter back in Cognito's syntax.
func (fl filter) String() string {
	if fl.attr == "" {
		return ""
	}
	op := " = "
	if fl.prefix {
		op = " ^= "
	}
	v := strings.ReplaceAll(fl.value, `\`, `\\`)
	v = strings.ReplaceAll(v, `"`, `\"`)
	return fl.attr + op + `"` + v + `"`
}
