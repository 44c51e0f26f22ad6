package awssdk

import (
	"github.com/aws/aws-sdk-go-v2/aws"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"

	"github.com/gocognito/gocognito/transport"
)

// The methods of Client and the conversions between transport's shapes and
// the SDK's are generated from the types (internal/gen/awsconv); a method or
// conversion function written in this package by hand takes the place of the
// generated one of that name.
//go:generate go run ../../internal/gen/cmd/awsconv

// Client implements transport.Cognito over the AWS SDK for Go v2. It is safe
// for concurrent use, as the SDK client is.
type Client struct {
	api *cip.Client
}

var _ transport.Cognito = (*Client)(nil)

// New returns a Client built from an aws.Config: its Region, Retryer,
// HTTPClient, Credentials and BaseEndpoint (to aim at a server other than
// Cognito's regional endpoint) apply as they do to any SDK client. optFns
// adjust the SDK client's options further.
func New(cfg aws.Config, optFns ...func(*cip.Options)) *Client {
	return &Client{api: cip.NewFromConfig(cfg, optFns...)}
}

// FromClient returns a Client that calls through an existing SDK client,
// which must not be nil.
func FromClient(c *cip.Client) *Client {
	return &Client{api: c}
}

// SDK returns the underlying SDK client, for the operations transport does
// not model.
func (c *Client) SDK() *cip.Client { return c.api }
