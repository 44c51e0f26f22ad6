package awssdk

import (
	"time"

	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"

	"github.com/gocognito/gocognito/transport"
)

// The conversions follow transport's JSON tags, so that the SDK puts on the
// wire what encoding/json would make of the transport struct: a field tagged
// omitempty is left out when it is zero (optStr, optInt32), any other field is
// always sent (aws.String). Nil slices and maps stay nil and empty ones stay
// empty, in both directions.

// optStr returns nil for "", for fields transport tags omitempty.
func optStr(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// optInt32 returns nil for 0, for fields transport tags omitempty.
func optInt32(n int32) *int32 {
	if n == 0 {
		return nil
	}
	return &n
}

// optBool returns nil for false, for fields transport tags omitempty.
func optBool(b bool) *bool {
	if !b {
		return nil
	}
	return &b
}

// orZero lets a nil request mean the empty one, as it does to the SDK.
func orZero[T any](p *T) *T {
	if p == nil {
		return new(T)
	}
	return p
}

// toEnums converts strings to an SDK enum type.
func toEnums[T ~string](ss []string) []T {
	if ss == nil {
		return nil
	}
	out := make([]T, len(ss))
	for i, s := range ss {
		out[i] = T(s)
	}
	return out
}

// fromEnums converts an SDK enum type to strings.
func fromEnums[T ~string](ts []T) []string {
	if ts == nil {
		return nil
	}
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = string(t)
	}
	return out
}

// fromTime converts an SDK timestamp.
func fromTime(t *time.Time) *transport.Time {
	if t == nil {
		return nil
	}
	return transport.NewTime(*t)
}

func toAttrs(as []transport.AttributeType) []types.AttributeType {
	if as == nil {
		return nil
	}
	out := make([]types.AttributeType, len(as))
	for i, a := range as {
		out[i] = types.AttributeType{Name: &a.Name, Value: &a.Value}
	}
	return out
}

func fromAttrs(as []types.AttributeType) []transport.AttributeType {
	if as == nil {
		return nil
	}
	out := make([]transport.AttributeType, len(as))
	for i, a := range as {
		out[i] = transport.AttributeType{Name: deref(a.Name), Value: deref(a.Value)}
	}
	return out
}

func fromCodeDelivery(d *types.CodeDeliveryDetailsType) *transport.CodeDeliveryDetails {
	if d == nil {
		return nil
	}
	v := fromCodeDeliveryValue(*d)
	return &v
}

func fromCodeDeliveryValue(d types.CodeDeliveryDetailsType) transport.CodeDeliveryDetails {
	return transport.CodeDeliveryDetails{
		Destination:    deref(d.Destination),
		DeliveryMedium: string(d.DeliveryMedium),
		AttributeName:  deref(d.AttributeName),
	}
}

func fromMFAOptions(os []types.MFAOptionType) []transport.MFAOption {
	if os == nil {
		return nil
	}
	out := make([]transport.MFAOption, len(os))
	for i, o := range os {
		out[i] = transport.MFAOption{DeliveryMedium: string(o.DeliveryMedium), AttributeName: deref(o.AttributeName)}
	}
	return out
}

// deref returns the value p points to, or T's zero value for nil.
func deref[T any](p *T) T {
	if p == nil {
		var zero T
		return zero
	}
	return *p
}

// empty is the result of the operations that return nothing.
func empty(err error) (*transport.Empty, error) {
	if err != nil {
		return nil, mapError(err)
	}
	return &transport.Empty{}, nil
}
