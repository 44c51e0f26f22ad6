package awssdk

import (
	"bytes"
	"context"
	"encoding/json"
	"time"

	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/document"
	smithydocument "github.com/aws/smithy-go/document"

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

// toDocument hands a JSON document to the SDK, which encodes Go values, not
// JSON text: the text is decoded with its numbers kept exact (as the
// SDK's document.Number) so that the SDK writes back the same JSON value.
// An empty document is absent. Text that is not JSON cannot be sent: the
// SDK then fails the call before sending it, with an error naming
// documentIsNotJSON.
func toDocument(d transport.Document) document.Interface {
	if len(d) == 0 {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(d))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil || dec.More() {
		return document.NewLazyDocument(documentIsNotJSON{})
	}
	return document.NewLazyDocument(smithyNumbers(v))
}

// documentIsNotJSON is what toDocument hands the SDK for text that is not
// JSON: the SDK's encoder refuses it, so the call fails without being sent.
type documentIsNotJSON struct{ smithydocument.NoSerde }

// smithyNumbers replaces the json.Numbers of a decoded JSON value by the
// SDK's document.Number, which it writes as numbers (a json.Number, being a
// string, would go out as a string).
func smithyNumbers(v any) any {
	switch v := v.(type) {
	case json.Number:
		return smithydocument.Number(v)
	case map[string]any:
		for k, e := range v {
			v[k] = smithyNumbers(e)
		}
	case []any:
		for i, e := range v {
			v[i] = smithyNumbers(e)
		}
	}
	return v
}

// fromDocument returns the JSON text of a document the SDK decoded from an
// answer; nil stays empty. The SDK re-encodes the value it decoded, so
// object keys come back sorted; the JSON value is the same.
func fromDocument(d document.Interface) transport.Document {
	if d == nil {
		return nil
	}
	b, err := d.MarshalSmithyDocument()
	if err != nil || string(b) == "null" {
		return nil
	}
	return transport.Document(b)
}
