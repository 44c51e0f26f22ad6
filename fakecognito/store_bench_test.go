package fakecognito

import (
	"context"
	"fmt"
	"path/filepath"
	"sync/atomic"
	"testing"

	"github.com/gocognito/gocognito/transport"
)

// BenchmarkStoreAdminCreateUser creates users from 6 goroutines in a fake
// with and without a Store: the cost of making each change durable.
func BenchmarkStoreAdminCreateUser(b *testing.B) {
	for _, durable := range []bool{false, true} {
		b.Run(fmt.Sprintf("store=%v", durable), func(b *testing.B) {
			f := New(Options{})
			if durable {
				s, _, err := OpenStore(f, filepath.Join(b.TempDir(), "state.json"), StoreOptions{})
				if err != nil {
					b.Fatal(err)
				}
				defer s.Close()
			}
			pool := f.MustCreatePool(transport.CreateUserPoolInput{PoolName: "p"})
			var n atomic.Int64
			b.SetParallelism(3) // 6 goroutines on 2 cores
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					if _, err := f.AdminCreateUser(context.Background(), &transport.AdminCreateUserInput{
						UserPoolID: pool.ID, Username: fmt.Sprintf("u%d", n.Add(1)), MessageAction: "SUPPRESS",
					}); err != nil {
						b.Fatal(err)
					}
				}
			})
		})
	}
}
