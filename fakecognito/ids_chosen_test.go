package fakecognito_test

import (
	"context"
	"errors"
	"testing"

	"github.com/gocognito/gocognito/fakecognito"
	"github.com/gocognito/gocognito/transport"
)

func TestChosenIDs(t *testing.T) {
	ctx := context.Background()
	f := fakecognito.New(fakecognito.Options{})
	pin := &transport.CreateUserPoolInput{PoolName: "pinned"}
	out, err := f.CreateUserPoolWithID(ctx, "us-east-1_Example1", pin)
	if err != nil || out.UserPool.ID != "us-east-1_Example1" {
		t.Fatalf("CreateUserPoolWithID: %v %v", out, err)
	}
	if _, err := f.DescribeUserPool(ctx, &transport.PoolRef{UserPoolID: "us-east-1_Example1"}); err != nil {
		t.Fatalf("the pinned pool is not found: %v", err)
	}
	in := &transport.CreateUserPoolClientInput{UserPoolID: "us-east-1_Example1", GenerateSecret: true,
		ClientSettings: transport.ClientSettings{ClientName: "web"}}
	c, err := f.CreateUserPoolClientWithID(ctx, "exampleclient1", "examplesecret1", in)
	if err != nil || c.UserPoolClient.ClientID != "exampleclient1" || c.UserPoolClient.ClientSecret != "examplesecret1" {
		t.Fatalf("CreateUserPoolClientWithID: %v %v", c, err)
	}
	drawn, err := f.CreateUserPoolClientWithID(ctx, "exampleclient2", "", in)
	if err != nil || len(drawn.UserPoolClient.ClientSecret) != 51 {
		t.Fatalf("a pinned client with a drawn secret: %v %v", drawn, err)
	}

	tests := []struct {
		name string
		call func() error
		want error
	}{
		{"pool id taken", func() error { _, err := f.CreateUserPoolWithID(ctx, "us-east-1_Example1", pin); return err }, transport.ErrInvalidParameter},
		{"pool id of another region", func() error { _, err := f.CreateUserPoolWithID(ctx, "eu-west-1_Example1", pin); return err }, transport.ErrInvalidParameter},
		{"pool id without suffix", func() error { _, err := f.CreateUserPoolWithID(ctx, "us-east-1_", pin); return err }, transport.ErrInvalidParameter},
		{"pool id with a slash", func() error { _, err := f.CreateUserPoolWithID(ctx, "us-east-1_a/b", pin); return err }, transport.ErrInvalidParameter},
		{"client id taken", func() error { _, err := f.CreateUserPoolClientWithID(ctx, "exampleclient1", "", in); return err }, transport.ErrInvalidParameter},
		{"client id empty", func() error { _, err := f.CreateUserPoolClientWithID(ctx, "", "", in); return err }, transport.ErrInvalidParameter},
		{"client id with a space", func() error { _, err := f.CreateUserPoolClientWithID(ctx, "a b", "", in); return err }, transport.ErrInvalidParameter},
		{"secret without GenerateSecret", func() error {
			_, err := f.CreateUserPoolClientWithID(ctx, "exampleclient3", "s3cret", &transport.CreateUserPoolClientInput{
				UserPoolID: "us-east-1_Example1", ClientSettings: transport.ClientSettings{ClientName: "web"}})
			return err
		}, transport.ErrInvalidParameter},
		{"client of an unknown pool", func() error {
			_, err := f.CreateUserPoolClientWithID(ctx, "exampleclient4", "", &transport.CreateUserPoolClientInput{
				UserPoolID: "us-east-1_Nope", ClientSettings: transport.ClientSettings{ClientName: "web"}})
			return err
		}, transport.ErrResourceNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.call(); !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
		})
	}
}
