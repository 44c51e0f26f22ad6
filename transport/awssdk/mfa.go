package awssdk

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"

	"github.com/gocognito/gocognito/transport"
)

// AssociateSoftwareToken asks for a TOTP secret, with an access token or
// during a login with an MFA_SETUP session (unsigned).
func (c *Client) AssociateSoftwareToken(ctx context.Context, in *transport.AssociateSoftwareTokenInput) (*transport.AssociateSoftwareTokenOutput, error) {
	in = orZero(in)
	out, err := c.api.AssociateSoftwareToken(ctx, &cip.AssociateSoftwareTokenInput{
		AccessToken: optStr(in.AccessToken),
		Session:     optStr(in.Session),
	})
	if err != nil {
		return nil, mapError(err)
	}
	return &transport.AssociateSoftwareTokenOutput{SecretCode: deref(out.SecretCode), Session: deref(out.Session)}, nil
}

// VerifySoftwareToken proves the TOTP secret was stored (unsigned).
func (c *Client) VerifySoftwareToken(ctx context.Context, in *transport.VerifySoftwareTokenInput) (*transport.VerifySoftwareTokenOutput, error) {
	in = orZero(in)
	out, err := c.api.VerifySoftwareToken(ctx, &cip.VerifySoftwareTokenInput{
		AccessToken:        optStr(in.AccessToken),
		Session:            optStr(in.Session),
		UserCode:           aws.String(in.UserCode),
		FriendlyDeviceName: optStr(in.FriendlyDeviceName),
	})
	if err != nil {
		return nil, mapError(err)
	}
	return &transport.VerifySoftwareTokenOutput{Status: string(out.Status), Session: deref(out.Session)}, nil
}

// SetUserMFAPreference turns the user's MFA kinds on or off (unsigned).
func (c *Client) SetUserMFAPreference(ctx context.Context, in *transport.SetUserMFAPreferenceInput) (*transport.Empty, error) {
	in = orZero(in)
	_, err := c.api.SetUserMFAPreference(ctx, &cip.SetUserMFAPreferenceInput{
		AccessToken:              aws.String(in.AccessToken),
		SMSMfaSettings:           toSMSMfa(in.SMSMfaSettings),
		SoftwareTokenMfaSettings: toSoftwareTokenMfa(in.SoftwareTokenMfaSettings),
		EmailMfaSettings:         toEmailMfa(in.EmailMfaSettings),
	})
	return empty(err)
}

func toSMSMfa(s *transport.MFASettings) *types.SMSMfaSettingsType {
	if s == nil {
		return nil
	}
	return &types.SMSMfaSettingsType{Enabled: s.Enabled, PreferredMfa: s.PreferredMfa}
}

func toSoftwareTokenMfa(s *transport.MFASettings) *types.SoftwareTokenMfaSettingsType {
	if s == nil {
		return nil
	}
	return &types.SoftwareTokenMfaSettingsType{Enabled: s.Enabled, PreferredMfa: s.PreferredMfa}
}

func toEmailMfa(s *transport.MFASettings) *types.EmailMfaSettingsType {
	if s == nil {
		return nil
	}
	return &types.EmailMfaSettingsType{Enabled: s.Enabled, PreferredMfa: s.PreferredMfa}
}
