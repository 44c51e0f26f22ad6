package awssdk

import (
	"context"
	"time"

	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"

	"github.com/gocognito/gocognito/transport"
)

// The small functions the generated code (zz_generated.go) is written with.
// The conversions follow transport's JSON tags, so that the SDK puts on the
// wire what encoding/json would make of the transport struct: a field tagged
// omitempty is left out when it is zero (optStr, optInt32, optBool), any other
// field is always sent (aws.String). Nil slices and maps stay nil and empty
// ones stay empty, in both directions.

// call runs one operation: a nil request means the empty one, as it does to
// the SDK, and every error of the SDK goes through mapError.
func call[TI, SI, SO, TO any](ctx context.Context, in *TI,
	op func(context.Context, *SI, ...func(*cip.Options)) (*SO, error),
	to func(*TI) SI, from func(*SO) TO) (*TO, error) {
	req := to(orZero(in))
	out, err := op(ctx, &req)
	if err != nil {
		return nil, mapError(err)
	}
	res := from(out)
	return &res, nil
}

// orZero lets a nil request mean the empty one, as it does to the SDK.
func orZero[T any](p *T) *T {
	if p == nil {
		return new(T)
	}
	return p
}

// discard is the answer of the operations that return nothing.
func discard[S any](*S) transport.Empty { return transport.Empty{} }

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

// deref returns the value p points to, or T's zero value for nil.
func deref[T any](p *T) T {
	if p == nil {
		var zero T
		return zero
	}
	return *p
}

// castStrings converts between string types, such as the SDK's enums and
// transport's strings.
func castStrings[B, A ~string](in []A) []B {
	if in == nil {
		return nil
	}
	out := make([]B, len(in))
	for i, a := range in {
		out[i] = B(a)
	}
	return out
}

// convSlice converts every element with f.
func convSlice[A, B any](in []A, f func(*A) B) []B {
	if in == nil {
		return nil
	}
	out := make([]B, len(in))
	for i := range in {
		out[i] = f(&in[i])
	}
	return out
}

// convPtr converts what p points to with f; nil stays nil.
func convPtr[A, B any](p *A, f func(*A) B) *B {
	if p == nil {
		return nil
	}
	v := f(p)
	return &v
}

// convVal converts what p points to with f; nil becomes B's zero value.
func convVal[A, B any](p *A, f func(*A) B) B {
	if p == nil {
		var zero B
		return zero
	}
	return f(p)
}

// fromTime converts an SDK timestamp.
func fromTime(t *time.Time) *transport.Time {
	if t == nil {
		return nil
	}
	return transport.NewTime(*t)
}
