package transport

import "context"

// CreateUserPoolDomainInput is the request of CreateUserPoolDomain. The
// fake hosts prefix domains only, so CustomDomainConfig and Routing (which
// only custom domains use) are not carried.
type CreateUserPoolDomainInput struct {
	Domain              string `json:"Domain"`
	UserPoolID          string `json:"UserPoolId"`
	ManagedLoginVersion *int32 `json:"ManagedLoginVersion,omitempty"`
}

// UserPoolDomainOutput is the response of CreateUserPoolDomain and
// UpdateUserPoolDomain: CloudFrontDomain stays empty for a prefix domain.
type UserPoolDomainOutput struct {
	CloudFrontDomain    string `json:"CloudFrontDomain,omitempty"`
	ManagedLoginVersion *int32 `json:"ManagedLoginVersion,omitempty"`
}

// UpdateUserPoolDomainInput is the request of UpdateUserPoolDomain; for a
// prefix domain only the managed login version can change.
type UpdateUserPoolDomainInput struct {
	Domain              string `json:"Domain"`
	UserPoolID          string `json:"UserPoolId"`
	ManagedLoginVersion *int32 `json:"ManagedLoginVersion,omitempty"`
}

// DescribeUserPoolDomainInput is the request of DescribeUserPoolDomain,
// which finds a domain by its name alone, whatever its pool.
type DescribeUserPoolDomainInput struct {
	Domain string `json:"Domain"`
}

// DomainDescription describes a pool's domain. Cognito answers an unknown
// domain with an empty description rather than an error.
type DomainDescription struct {
	UserPoolID             string `json:"UserPoolId,omitempty"`
	AWSAccountID           string `json:"AWSAccountId,omitempty"`
	Domain                 string `json:"Domain,omitempty"`
	S3Bucket               string `json:"S3Bucket,omitempty"`
	CloudFrontDistribution string `json:"CloudFrontDistribution,omitempty"`
	Version                string `json:"Version,omitempty"`
	Status                 string `json:"Status,omitempty"`
	ManagedLoginVersion    *int32 `json:"ManagedLoginVersion,omitempty"`
}

// DescribeUserPoolDomainOutput is the response of DescribeUserPoolDomain.
type DescribeUserPoolDomainOutput struct {
	DomainDescription *DomainDescription `json:"DomainDescription,omitempty"`
}

// DeleteUserPoolDomainInput is the request of DeleteUserPoolDomain.
type DeleteUserPoolDomainInput struct {
	Domain     string `json:"Domain"`
	UserPoolID string `json:"UserPoolId"`
}

// Domains is the management of a pool's domain, the host of its OAuth 2.0
// endpoints and managed login pages.
type Domains interface {
	CreateUserPoolDomain(ctx context.Context, in *CreateUserPoolDomainInput) (*UserPoolDomainOutput, error)
	DescribeUserPoolDomain(ctx context.Context, in *DescribeUserPoolDomainInput) (*DescribeUserPoolDomainOutput, error)
	UpdateUserPoolDomain(ctx context.Context, in *UpdateUserPoolDomainInput) (*UserPoolDomainOutput, error)
	DeleteUserPoolDomain(ctx context.Context, in *DeleteUserPoolDomainInput) (*Empty, error)
}
