package tokens

import (
	"encoding/json"
	"fmt"
	"math"
	"time"
)

// Claims are the claims of a Cognito ID or access token. Standard and
// custom attributes of an ID token (email, custom:team, ...) are in Raw.
type Claims struct {
	Subject   string    `json:"sub"`
	Issuer    string    `json:"iss"`
	TokenUse  string    `json:"token_use"` // "id" or "access"
	Audience  string    `json:"aud"`       // ID tokens: the client id
	ClientID  string    `json:"client_id"` // access tokens: the client id
	Username  string    // "cognito:username" (ID) or "username" (access)
	Groups    []string  `json:"cognito:groups"`
	Scope     string    `json:"scope"`
	DeviceKey string    `json:"device_key"`
	JTI       string    `json:"jti"`
	OriginJTI string    `json:"origin_jti"`
	EventID   string    `json:"event_id"`
	Expiry    time.Time // exp
	IssuedAt  time.Time // iat
	AuthTime  time.Time // auth_time: the original sign-in, kept across refreshes
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

// UnmarshalJSON decodes a token payload, keeping every claim in Raw.
func (c *Claims) UnmarshalJSON(b []byte) error {
	type plain Claims
	var p plain
	if err := json.Unmarshal(b, &p); err != nil {
		return err
	}
	var raw map[string]any
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	var times struct {
		Exp      *float64 `json:"exp"`
		Iat      *float64 `json:"iat"`
		AuthTime *float64 `json:"auth_time"`
		IDUser   string   `json:"cognito:username"`
		AccUser  string   `json:"username"`
	}
	if err := json.Unmarshal(b, &times); err != nil {
		return err
	}
	*c = Claims(p)
	c.Raw = raw
	var err error
	if c.Expiry, err = numericDate(times.Exp); err != nil {
		return err
	}
	if c.IssuedAt, err = numericDate(times.Iat); err != nil {
		return err
	}
	if c.AuthTime, err = numericDate(times.AuthTime); err != nil {
		return err
	}
	c.Username = times.IDUser
	if c.Username == "" {
		c.Username = times.AccUser
	}
	return nil
}

func numericDate(f *float64) (time.Time, error) {
	if f == nil {
		return time.Time{}, nil
	}
	if math.IsNaN(*f) || math.IsInf(*f, 0) || math.Abs(*f) > 1e12 {
		return time.Time{}, fmt.Errorf("numeric date %v out of range", *f)
	}
	sec, frac := math.Modf(*f)
	return time.Unix(int64(sec), int64(frac*1e9)).UTC(), nil
}
