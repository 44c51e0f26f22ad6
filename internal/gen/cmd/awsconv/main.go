// Command awsconv writes transport/awssdk's generated file (see package
// internal/gen/awsconv). Run it through go generate:
//
//	go generate ./transport/awssdk/
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/gocognito/gocognito/internal/gen/awsconv"
)

func main() {
	dir := flag.String("dir", ".", "transport/awssdk's directory, where the file is written")
	flag.Parse()
	src, _, err := awsconv.Generate(*dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := os.WriteFile(filepath.Join(*dir, awsconv.FileName), src, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
