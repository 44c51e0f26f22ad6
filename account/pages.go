package account

import (
	"context"
	"fmt"
	"iter"
)

// maxPages bounds every list: a Cognito that never stops sending
// pagination tokens ends the iteration with ErrPagination instead of
// looping forever. At Cognito's 60 items a page it is 600,000 items.
const maxPages = 10000

// paginate yields the items of every page fetch returns, following its
// tokens until one is empty. An error ends the iteration after being
// yielded once, with the zero T.
func paginate[T any](ctx context.Context, op string, fetch func(ctx context.Context, token string) ([]T, string, error)) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		token := ""
		for range maxPages {
			if err := ctx.Err(); err != nil {
				yield(zero, wrap(op, err))
				return
			}
			items, next, err := fetch(ctx, token)
			if err != nil {
				yield(zero, wrap(op, err))
				return
			}
			for _, it := range items {
				if !yield(it, nil) {
					return
				}
			}
			if next == "" {
				return
			}
			if next == token {
				yield(zero, fmt.Errorf("account: %s: %w: the same token twice", op, ErrPagination))
				return
			}
			token = next
		}
		yield(zero, fmt.Errorf("account: %s: %w: more than %d pages", op, ErrPagination, maxPages))
	}
}

// Collect gathers the items of a list into a slice, stopping at the first
// error, which it returns with the items before it.
func Collect[T any](seq iter.Seq2[T, error]) ([]T, error) {
	var out []T
	for v, err := range seq {
		if err != nil {
			return out, err
		}
		out = append(out, v)
	}
	return out, nil
}
