package main

import (
	"context"
	"fmt"
	"net/http"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"

	"github.com/gocognito/gocognito/transport/awssdk"
)

// sdkOptions say how to reach Cognito, or a server that speaks its protocol.
type sdkOptions struct {
	region   string
	endpoint string // "" for Cognito's regional endpoint
	// dummyCredentials signs requests with a made-up key: the fake accepts
	// any signature, and the SDK sends Admin* calls unsigned without one,
	// which only a fake accepts anyway. The user-facing calls of a login
	// are unsigned, so logging in needs no credentials at all.
	dummyCredentials bool
	credentials      aws.CredentialsProvider // real credentials, for Admin* calls to Cognito
	httpClient       *http.Client            // nil: the SDK's default
	noRetries        bool                    // report every error instead of retrying (bench)
}

// dummyKeyID and dummySecret are the static credentials of dummyCredentials.
const (
	dummyKeyID  = "gocognito"
	dummySecret = "gocognito-fake-does-not-check-signatures"
)

// newSDKTransport returns a transport.Cognito over the AWS SDK for Go v2.
// It reads no AWS configuration (files, environment): everything it needs
// is in o.
func newSDKTransport(o sdkOptions) *awssdk.Client {
	cfg := aws.Config{Region: o.region}
	if o.endpoint != "" {
		cfg.BaseEndpoint = aws.String(strings.TrimSuffix(o.endpoint, "/"))
	}
	switch {
	case o.dummyCredentials:
		cfg.Credentials = credentials.NewStaticCredentialsProvider(dummyKeyID, dummySecret, "")
	case o.credentials != nil:
		cfg.Credentials = o.credentials
	}
	if o.httpClient != nil {
		cfg.HTTPClient = o.httpClient
	}
	if o.noRetries {
		cfg.Retryer = func() aws.Retryer { return aws.NopRetryer{} }
	}
	return awssdk.New(cfg)
}

// awsCredentials loads the caller's AWS credentials the way the AWS CLI
// does (environment, shared files, SSO, instance roles), for the signed
// Admin* calls.
func awsCredentials(ctx context.Context, region string) (aws.CredentialsProvider, error) {
	cfg, err := config.LoadDefaultConfig(ctx, config.WithRegion(region))
	if err != nil {
		return nil, fmt.Errorf("loading AWS credentials for the admin flow: %w", err)
	}
	return cfg.Credentials, nil
}

// regionOf returns the region prefix of a pool id ("eu-west-1_AbC" gives
// "eu-west-1"), or "" when it has none.
func regionOf(poolID string) string {
	region, _, ok := strings.Cut(poolID, "_")
	if !ok {
		return ""
	}
	return region
}
