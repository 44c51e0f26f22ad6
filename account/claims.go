package account

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/gocognito/gocognito/tokens"
)

// maxTokenBytes bounds what peek reads; Cognito's tokens are a few KiB.
const maxTokenBytes = 64 << 10

// peek reads a JWT's claims without checking its signature. A Session uses
// it only to learn what to send Cognito on refresh (cognito:username for
// SECRET_HASH, device_key for DEVICE_KEY), which Cognito checks anyway;
// anything that trusts a claim must use Session.Claims, which verifies.
func peek(token string) (*tokens.Claims, error) {
	if len(token) > maxTokenBytes {
		return nil, fmt.Errorf("%w: longer than %d bytes", tokens.ErrMalformed, maxTokenBytes)
	}
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return nil, fmt.Errorf("%w: not three parts", tokens.ErrMalformed)
	}
	payload, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(parts[1], "="))
	if err != nil {
		return nil, fmt.Errorf("%w: payload: %w", tokens.ErrMalformed, err)
	}
	var c tokens.Claims
	if err := json.Unmarshal(payload, &c); err != nil {
		return nil, fmt.Errorf("%w: claims: %w", tokens.ErrMalformed, err)
	}
	return &c, nil
}
