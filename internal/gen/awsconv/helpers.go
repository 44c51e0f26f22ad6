package awsconv

// helpers are the small functions the generated code calls, each written
// into the generated file only when something there uses it, so that the
// file never carries dead code.
var helpers = map[string]string{
	"call": `// call runs one operation: a nil request means the empty one, as it does
// to the SDK; every error of the SDK goes through mapError.
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
`,
	"discard": `// discard is the answer of the operations that return nothing.
func discard[S any](*S) transport.Empty { return transport.Empty{} }
`,
	"optStr": `// optStr returns nil for "", for fields transport tags omitempty.
func optStr(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
`,
	"optInt32": `// optInt32 returns nil for 0, for fields transport tags omitempty.
func optInt32(n int32) *int32 {
	if n == 0 {
		return nil
	}
	return &n
}
`,
	"optBool": `// optBool returns nil for false, for fields transport tags omitempty.
func optBool(b bool) *bool {
	if !b {
		return nil
	}
	return &b
}
`,
	"deref": `// deref returns the value p points to, or T's zero value for nil.
func deref[T any](p *T) T {
	if p == nil {
		var zero T
		return zero
	}
	return *p
}
`,
	"castStrings": `// castStrings converts between string types, such as the SDK's enums and
// transport's strings; nil stays nil.
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
`,
	"convSlice": `// convSlice converts every element with f; nil stays nil and empty stays
// empty.
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
`,
	"convPtr": `// convPtr converts what p points to with f; nil stays nil.
func convPtr[A, B any](p *A, f func(*A) B) *B {
	if p == nil {
		return nil
	}
	v := f(p)
	return &v
}
`,
	"convVal": `// convVal converts what p points to with f; nil becomes B's zero value.
func convVal[A, B any](p *A, f func(*A) B) B {
	if p == nil {
		var zero B
		return zero
	}
	return f(p)
}
`,
	"toTime": `// toTime converts a transport timestamp for the SDK.
func toTime(t *transport.Time) *time.Time {
	if t == nil {
		return nil
	}
	return &t.Time
}
`,
	"fromTime": `// fromTime converts an SDK timestamp.
func fromTime(t *time.Time) *transport.Time {
	if t == nil {
		return nil
	}
	return transport.NewTime(*t)
}
`,
}
