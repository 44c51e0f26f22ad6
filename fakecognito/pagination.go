package fakecognito

import (
	"encoding/base64"
	"encoding/json"
	"slices"
	"strings"
)

// Pagination tokens are opaque to callers. The fake's carry the key of the
// last item returned, so that a page stays correct while items come and
// go, and the kind of list, so that a token of one list is refused by
// another.

// maxPageTokenLen bounds the tokens the fake decodes.
const maxPageTokenLen = 4096

type pageToken struct {
	Kind  string `json:"k"`
	After string `json:"a"`
}

func encodePageToken(kind, after string) string {
	b, _ := json.Marshal(pageToken{Kind: kind, After: after}) // cannot fail: two strings
	return base64.RawURLEncoding.EncodeToString(b)
}

// decodePageToken returns the key to start after, "" for no token.
func decodePageToken(kind, tok string) (string, error) {
	if tok == "" {
		return "", nil
	}
	if len(tok) > maxPageTokenLen {
		return "", invalidParam("Invalid pagination token")
	}
	raw, err := base64.RawURLEncoding.DecodeString(tok)
	if err != nil {
		return "", invalidParam("Invalid pagination token")
	}
	var pt pageToken
	if err := json.Unmarshal(raw, &pt); err != nil || pt.Kind != kind || pt.After == "" {
		return "", invalidParam("Invalid pagination token")
	}
	return pt.After, nil
}

// page returns up to limit of the sorted keys after the token's key, and
// the token of the next page ("" on the last page).
func page(kind string, keys []string, tok string, limit int) ([]string, string, error) {
	after, err := decodePageToken(kind, tok)
	if err != nil {
		return nil, "", err
	}
	slices.Sort(keys)
	start := 0
	if after != "" {
		start, _ = slices.BinarySearchFunc(keys, after, func(k, a string) int {
			if strings.Compare(k, a) <= 0 {
				return -1
			}
			return 1
		})
	}
	rest := keys[start:]
	if len(rest) <= limit {
		return rest, "", nil
	}
	return rest[:limit], encodePageToken(kind, rest[limit-1]), nil
}

// pageLimit checks a Limit or MaxResults: 0 means def, and anything
// outside [0, max] is InvalidParameterException.
func pageLimit(name string, n int32, def, maxN int) (int, error) {
	switch {
	case n == 0:
		return def, nil
	case n < 0 || int(n) > maxN:
		return 0, invalidParam("1 validation error detected: Value '%d' at '%s' failed to satisfy constraint: Member must have value between 0 and %d", n, name, maxN)
	}
	return int(n), nil
}
