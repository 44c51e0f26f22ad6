package tokens

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/gocognito/gocognito/internal/jwtpeek"
)

// Claims are the claims of a Cognito ID or access token. Standard and
// custom attributes of an ID token (email, custom:team, ...) are in Raw.
//
// UnmarshalJSON reads each field from the claim of exactly its tag's name.
// The fields tagged "-" are derived (Username from cognito:username or
// username, the times from NumericDate claims): encoding/json, which matches
// untagged fields by name case-insensitively, must never fill them from a
// claim such as "expiry" or "Username".
type Claims struct {
	Subject   string    `json:"sub"`
	Issuer    string    `json:"iss"`
	TokenUse  string    `json:"token_use"` // "id" or "access"
	Audience  string    `json:"aud"`       // ID tokens: the client id
	ClientID  string    `json:"client_id"` // access tokens: the client id
	Username  string    `json:"-"`         // "cognito:username" (ID) or "username" (access)
	Groups    []string  `json:"cognito:groups"`
	Scope     string    `json:"scope"`
	DeviceKey string    `json:"device_key"`
	JTI       string    `json:"jti"`
	OriginJTI string    `json:"origin_jti"`
	EventID   string    `json:"event_id"`
	Expiry    time.Time `json:"-"` // exp
	IssuedAt  time.Time `json:"-"` // iat
	AuthTime  time.Time `json:"-"` // auth_time: the original sign-in, kept across refreshes
	// Raw holds every claim as decoded JSON.
	Raw map[string]any `json:"-"`
}

// String returns a claim from Raw as a string ("" when absent); booleans and
// numbers are formatted.
func (c *Claims) String(name string) string {
	switch v := c.Raw[name].(type) {
	case nil:
		return ""
	case string:
		return v
	default:
		return fmt.Sprint(v)
	}
}

// UnmarshalJSON decodes a token payload, keeping every claim in Raw. Each
// field is read from the claim of exactly its name: encoding/json's
// case-insensitive matching would let a claim such as "EXP" or "Username"
// stand in for another, or make a valid token fail to decode.
func (c *Claims) UnmarshalJSON(b []byte) error {
	var raw map[string]any
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	if raw == nil {
		return errors.New("claims are not a JSON object")
	}
	d := claimDecoder{raw: raw}
	out := Claims{
		Subject:   d.str("sub"),
		Issuer:    d.str("iss"),
		TokenUse:  d.str("token_use"),
		Audience:  d.str("aud"),
		ClientID:  d.str("client_id"),
		Groups:    d.strs("cognito:groups"),
		Scope:     d.str("scope"),
		DeviceKey: d.str("device_key"),
		JTI:       d.str("jti"),
		OriginJTI: d.str("origin_jti"),
		EventID:   d.str("event_id"),
		Expiry:    d.date("exp"),
		IssuedAt:  d.date("iat"),
		AuthTime:  d.date("auth_time"),
		Username:  d.str("cognito:username"),
		Raw:       raw,
	}
	if out.Username == "" {
		out.Username = d.str("username")
	}
	if d.err != nil {
		return d.err
	}
	*c = out
	return nil
}

// claimDecoder reads typed claims from a payload, keeping the first error.
type claimDecoder struct {
	raw map[string]any
	err error
}

func (d *claimDecoder) fail(name, want string) {
	if d.err == nil {
		d.err = fmt.Errorf("claim %s is not %s", name, want)
	}
}

// str returns a string claim; absent or null is "".
func (d *claimDecoder) str(name string) string {
	switch v := d.raw[name].(type) {
	case nil:
		return ""
	case string:
		return v
	}
	d.fail(name, "a string")
	return ""
}

// strs returns a list of strings; absent or null is nil.
func (d *claimDecoder) strs(name string) []string {
	v, ok := d.raw[name].([]any)
	if !ok {
		if d.raw[name] != nil {
			d.fail(name, "a list")
		}
		return nil
	}
	out := make([]string, len(v))
	for i, e := range v {
		s, ok := e.(string)
		if !ok {
			d.fail(name, "a list of strings")
			return nil
		}
		out[i] = s
	}
	return out
}

// date returns a NumericDate claim; absent or null is the zero time.
func (d *claimDecoder) date(name string) time.Time {
	t, err := jwtpeek.Time(d.raw, name)
	if err != nil && d.err == nil {
		d.err = err
	}
	return t
}
