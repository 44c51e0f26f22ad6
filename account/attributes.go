package account

import (
	"maps"
	"slices"
	"strings"

	"github.com/gocognito/gocognito/transport"
)

// CustomPrefix starts the name of every custom attribute of a pool.
const CustomPrefix = "custom:"

// Custom returns the name of a custom attribute: "team" becomes
// "custom:team"; a name that already has the prefix is returned as is.
func Custom(name string) string {
	if strings.HasPrefix(name, CustomPrefix) {
		return name
	}
	return CustomPrefix + name
}

// wireAttributes turns attributes into Cognito's list, sorted by name so
// that the same map always makes the same request. nil for an empty map.
func wireAttributes(m map[string]string) []transport.AttributeType {
	if len(m) == 0 {
		return nil
	}
	out := make([]transport.AttributeType, 0, len(m))
	for _, k := range slices.Sorted(maps.Keys(m)) {
		out = append(out, transport.Attr(k, m[k]))
	}
	return out
}

// attributeMap turns Cognito's list into a map, never nil, the last value
// of a repeated name winning.
func attributeMap(list []transport.AttributeType) map[string]string {
	return transport.Attributes(list)
}

// FilterEquals returns a ListUsers filter matching users whose attribute
// equals value exactly: `email = "a@example.com"`. Quotes and backslashes
// in value are escaped, so that any value is matched literally.
func FilterEquals(attribute, value string) string {
	return attribute + " = " + quote(value)
}

// FilterPrefix returns a ListUsers filter matching users whose attribute
// starts with prefix: `email ^= "a"`.
func FilterPrefix(attribute, prefix string) string {
	return attribute + " ^= " + quote(prefix)
}

func quote(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`)
	return `"` + r.Replace(s) + `"`
}
