package awssdk

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"

	"github.com/gocognito/gocognito/transport"
)

// roundTripFunc answers requests in-process.
type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// FuzzAnswer feeds arbitrary answers, as a hostile or broken server could
// send them, through the SDK's deserializers and the adapter's conversions
// and error mapping. Whatever comes back, the adapter must not panic, and
// must return either an output or an error of one of its two documented
// kinds.
func FuzzAnswer(f *testing.F) {
	f.Add(uint8(0), uint16(200), "", []byte(`{"ChallengeName":"PASSWORD_VERIFIER","ChallengeParameters":{"SALT":"ab"}}`))
	f.Add(uint8(0), uint16(200), "", []byte(`{"AuthenticationResult":{"AccessToken":"a","ExpiresIn":3600,"NewDeviceMetadata":{"DeviceKey":"k"}}}`))
	f.Add(uint8(0), uint16(400), "NotAuthorizedException:http://x", []byte(`{"message":"Incorrect username or password."}`))
	f.Add(uint8(0), uint16(400), "", []byte(`{"__type":"a#UserNotFoundException:b","Message":"m"}`))
	f.Add(uint8(1), uint16(200), "", []byte(`{"Devices":[{"DeviceKey":"k","DeviceCreateDate":1.7e9,"DeviceAttributes":[{"Name":"n","Value":"v"}]}]}`))
	f.Add(uint8(1), uint16(200), "", []byte(`{"Devices":[{"DeviceCreateDate":"yesterday"}]}`))
	f.Add(uint8(2), uint16(200), "", []byte(`{"UserPool":{"Id":"us-east-1_x","Policies":{"PasswordPolicy":{"MinimumLength":8}},"SchemaAttributes":[{"Name":"email","Mutable":true}]}}`))
	f.Add(uint8(3), uint16(500), "", []byte{})
	f.Add(uint8(3), uint16(200), "", []byte(`{"UserAttributes":null,"MFAOptions":[{}]}`))

	f.Fuzz(func(t *testing.T, which uint8, status uint16, errType string, body []byte) {
		if status < 200 || status > 599 {
			return
		}
		cfg := aws.Config{
			Region:       "us-east-1",
			BaseEndpoint: aws.String(endpoint),
			Retryer:      func() aws.Retryer { return retry.NewStandard(func(o *retry.StandardOptions) { o.MaxAttempts = 1 }) },
			HTTPClient: &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
				h := http.Header{"Content-Type": {"application/x-amz-json-1.1"}, "X-Amzn-Requestid": {"rid"}}
				if errType != "" && isHeaderValue(errType) {
					h.Set("X-Amzn-ErrorType", errType)
				}
				return &http.Response{
					StatusCode: int(status), Header: h, Request: r,
					Body: io.NopCloser(bytes.NewReader(body)), ContentLength: int64(len(body)),
				}, nil
			})},
		}
		c := New(cfg)
		ctx := t.Context()
		var out any
		var err error
		switch which % 4 {
		case 0:
			out, err = c.InitiateAuth(ctx, srpInput)
		case 1:
			out, err = c.ListDevices(ctx, &transport.ListDevicesInput{AccessToken: "t"})
		case 2:
			out, err = c.DescribeUserPool(ctx, &transport.PoolRef{UserPoolID: "us-east-1_x"})
		case 3:
			out, err = c.GetUser(ctx, &transport.AccessTokenInput{AccessToken: "t"})
		}
		if err == nil {
			if out == nil {
				t.Fatal("nil output without an error")
			}
			return
		}
		var te *transport.Error
		if errors.As(err, &te) {
			if te.Code == "" || te.StatusCode != int(status) || te.Err == nil {
				t.Fatalf("malformed *transport.Error %+v for status %d", te, status)
			}
			return
		}
		if !strings.HasPrefix(err.Error(), "awssdk: ") {
			t.Fatalf("error of unknown kind: %T %v", err, err)
		}
	})
}

// isHeaderValue reports whether s can be sent as a header value at all.
func isHeaderValue(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] == 0x7f {
			return false
		}
	}
	return true
}
