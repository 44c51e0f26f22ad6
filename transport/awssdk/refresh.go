package awssdk

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"

	"github.com/gocognito/gocognito/transport"
)

// This file is written by hand until the adapter's conversions are
// generated; the generator covers GetTokensFromRefreshToken like any other
// operation and replaces it.

// GetTokensFromRefreshToken refreshes a session (unsigned: no credentials
// needed), rotating the refresh token when the app client does.
func (c *Client) GetTokensFromRefreshToken(ctx context.Context, in *transport.GetTokensFromRefreshTokenInput) (*transport.GetTokensFromRefreshTokenOutput, error) {
	in = orZero(in)
	out, err := c.api.GetTokensFromRefreshToken(ctx, &cip.GetTokensFromRefreshTokenInput{
		ClientId:       aws.String(in.ClientID),
		RefreshToken:   aws.String(in.RefreshToken),
		ClientSecret:   optStr(in.ClientSecret),
		DeviceKey:      optStr(in.DeviceKey),
		ClientMetadata: in.ClientMetadata,
	})
	if err != nil {
		return nil, mapError(err)
	}
	return &transport.GetTokensFromRefreshTokenOutput{AuthenticationResult: fromAuthResult(out.AuthenticationResult)}, nil
}
