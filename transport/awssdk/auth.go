package awssdk

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"

	"github.com/gocognito/gocognito/transport"
)

// InitiateAuth starts a login (unsigned: no credentials needed).
func (c *Client) InitiateAuth(ctx context.Context, in *transport.InitiateAuthInput) (*transport.InitiateAuthOutput, error) {
	in = orZero(in)
	out, err := c.api.InitiateAuth(ctx, &cip.InitiateAuthInput{
		AuthFlow:          types.AuthFlowType(in.AuthFlow),
		AuthParameters:    in.AuthParameters,
		ClientId:          aws.String(in.ClientID),
		ClientMetadata:    in.ClientMetadata,
		AnalyticsMetadata: toAnalytics(in.AnalyticsMetadata),
		UserContextData:   toUserContext(in.UserContextData),
		Session:           optStr(in.Session),
	})
	if err != nil {
		return nil, mapError(err)
	}
	return challengeOut(out.ChallengeName, out.Session, out.ChallengeParameters, out.AuthenticationResult, out.AvailableChallenges), nil
}

// RespondToAuthChallenge answers a challenge (unsigned).
func (c *Client) RespondToAuthChallenge(ctx context.Context, in *transport.RespondToAuthChallengeInput) (*transport.RespondToAuthChallengeOutput, error) {
	in = orZero(in)
	out, err := c.api.RespondToAuthChallenge(ctx, &cip.RespondToAuthChallengeInput{
		ClientId:           aws.String(in.ClientID),
		ChallengeName:      types.ChallengeNameType(in.ChallengeName),
		Session:            optStr(in.Session),
		ChallengeResponses: in.ChallengeResponses,
		ClientMetadata:     in.ClientMetadata,
		AnalyticsMetadata:  toAnalytics(in.AnalyticsMetadata),
		UserContextData:    toUserContext(in.UserContextData),
	})
	if err != nil {
		return nil, mapError(err)
	}
	return challengeOut(out.ChallengeName, out.Session, out.ChallengeParameters, out.AuthenticationResult, nil), nil
}

// AdminInitiateAuth starts a server-side login (SigV4-signed).
func (c *Client) AdminInitiateAuth(ctx context.Context, in *transport.AdminInitiateAuthInput) (*transport.AdminInitiateAuthOutput, error) {
	in = orZero(in)
	out, err := c.api.AdminInitiateAuth(ctx, &cip.AdminInitiateAuthInput{
		UserPoolId:        aws.String(in.UserPoolID),
		ClientId:          aws.String(in.ClientID),
		AuthFlow:          types.AuthFlowType(in.AuthFlow),
		AuthParameters:    in.AuthParameters,
		ClientMetadata:    in.ClientMetadata,
		AnalyticsMetadata: toAnalytics(in.AnalyticsMetadata),
		ContextData:       toContextData(in.ContextData),
		Session:           optStr(in.Session),
	})
	if err != nil {
		return nil, mapError(err)
	}
	return challengeOut(out.ChallengeName, out.Session, out.ChallengeParameters, out.AuthenticationResult, out.AvailableChallenges), nil
}

// AdminRespondToAuthChallenge answers a server-side challenge (SigV4-signed).
func (c *Client) AdminRespondToAuthChallenge(ctx context.Context, in *transport.AdminRespondToAuthChallengeInput) (*transport.AdminRespondToAuthChallengeOutput, error) {
	in = orZero(in)
	out, err := c.api.AdminRespondToAuthChallenge(ctx, &cip.AdminRespondToAuthChallengeInput{
		UserPoolId:         aws.String(in.UserPoolID),
		ClientId:           aws.String(in.ClientID),
		ChallengeName:      types.ChallengeNameType(in.ChallengeName),
		Session:            optStr(in.Session),
		ChallengeResponses: in.ChallengeResponses,
		ClientMetadata:     in.ClientMetadata,
		AnalyticsMetadata:  toAnalytics(in.AnalyticsMetadata),
		ContextData:        toContextData(in.ContextData),
	})
	if err != nil {
		return nil, mapError(err)
	}
	return challengeOut(out.ChallengeName, out.Session, out.ChallengeParameters, out.AuthenticationResult, nil), nil
}

// challengeOut converts the answer shared by the four authentication
// operations; the respond operations carry no AvailableChallenges.
func challengeOut(name types.ChallengeNameType, session *string, params map[string]string,
	res *types.AuthenticationResultType, available []types.ChallengeNameType) *transport.ChallengeOutput {
	return &transport.ChallengeOutput{
		ChallengeName:        string(name),
		Session:              deref(session),
		ChallengeParameters:  params,
		AuthenticationResult: fromAuthResult(res),
		AvailableChallenges:  fromEnums(available),
	}
}

func fromAuthResult(r *types.AuthenticationResultType) *transport.AuthenticationResult {
	if r == nil {
		return nil
	}
	out := &transport.AuthenticationResult{
		AccessToken:  deref(r.AccessToken),
		ExpiresIn:    r.ExpiresIn,
		TokenType:    deref(r.TokenType),
		RefreshToken: deref(r.RefreshToken),
		IDToken:      deref(r.IdToken),
	}
	if m := r.NewDeviceMetadata; m != nil {
		out.NewDeviceMetadata = &transport.NewDeviceMetadata{DeviceKey: deref(m.DeviceKey), DeviceGroupKey: deref(m.DeviceGroupKey)}
	}
	return out
}

func toAnalytics(a *transport.AnalyticsMetadata) *types.AnalyticsMetadataType {
	if a == nil {
		return nil
	}
	return &types.AnalyticsMetadataType{AnalyticsEndpointId: optStr(a.AnalyticsEndpointID)}
}

func toUserContext(u *transport.UserContextData) *types.UserContextDataType {
	if u == nil {
		return nil
	}
	return &types.UserContextDataType{IpAddress: optStr(u.IPAddress), EncodedData: optStr(u.EncodedData)}
}

func toContextData(d *transport.ContextData) *types.ContextDataType {
	if d == nil {
		return nil
	}
	out := &types.ContextDataType{
		IpAddress:   aws.String(d.IPAddress),
		ServerName:  aws.String(d.ServerName),
		ServerPath:  aws.String(d.ServerPath),
		EncodedData: optStr(d.EncodedData),
	}
	if d.HTTPHeaders != nil {
		out.HttpHeaders = make([]types.HttpHeader, len(d.HTTPHeaders))
		for i, h := range d.HTTPHeaders {
			out.HttpHeaders[i] = types.HttpHeader{HeaderName: optStr(h.HeaderName), HeaderValue: optStr(h.HeaderValue)}
		}
	}
	return out
}
