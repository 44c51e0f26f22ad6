package account

import (
	"context"
	"errors"
	"strconv"
	"testing"
)

func TestPaginate(t *testing.T) {
	boom := errors.New("boom")
	tests := []struct {
		name  string
		pages map[string]struct {
			items []int
			next  string
		} // by token
		want    []int
		wantErr error
	}{
		{"one page", map[string]struct {
			items []int
			next  string
		}{"": {[]int{1, 2}, ""}}, []int{1, 2}, nil},
		{"three pages", map[string]struct {
			items []int
			next  string
		}{"": {[]int{1}, "a"}, "a": {nil, "b"}, "b": {[]int{2, 3}, ""}}, []int{1, 2, 3}, nil},
		{"same token twice", map[string]struct {
			items []int
			next  string
		}{"": {[]int{1}, "a"}, "a": {[]int{2}, "a"}}, []int{1, 2}, ErrPagination},
		{"error on the second page", map[string]struct {
			items []int
			next  string
		}{"": {[]int{1}, "a"}}, []int{1}, boom},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fetch := func(_ context.Context, tok string) ([]int, string, error) {
				p, ok := tt.pages[tok]
				if !ok {
					return nil, "", boom
				}
				return p.items, p.next, nil
			}
			got, err := Collect(paginate(context.Background(), "list", fetch))
			if !errors.Is(err, tt.wantErr) || (err == nil) != (tt.wantErr == nil) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Fatalf("got %v, want %v", got, tt.want)
				}
			}
		})
	}
}

func TestPaginateIsBounded(t *testing.T) {
	calls := 0
	endless := func(_ context.Context, tok string) ([]int, string, error) {
		calls++
		return nil, strconv.Itoa(calls), nil
	}
	_, err := Collect(paginate(context.Background(), "list", endless))
	if !errors.Is(err, ErrPagination) || calls != maxPages {
		t.Fatalf("err = %v after %d calls, want ErrPagination after %d", err, calls, maxPages)
	}
}

func TestPaginateStopsWhenAsked(t *testing.T) {
	calls := 0
	fetch := func(_ context.Context, tok string) ([]int, string, error) {
		calls++
		return []int{1, 2, 3}, "more", nil
	}
	for range paginate(context.Background(), "list", fetch) {
		break
	}
	if calls != 1 {
		t.Fatalf("%d fetches after the consumer stopped, want 1", calls)
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	calls = 0
	_, err := Collect(paginate(ctx, "list", fetch))
	if !errors.Is(err, context.Canceled) || calls != 0 {
		t.Fatalf("cancelled: err %v after %d fetches", err, calls)
	}
}
