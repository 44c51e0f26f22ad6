// Command redactgen writes the String, GoString and LogValue methods of the
// package in the current directory from its `redact` struct tags (see
// package internal/redactgen). Package transport runs it through
// go generate:
//
//	go generate ./transport/
package main

import (
	"fmt"
	"os"

	"github.com/gocognito/gocognito/internal/redactgen"
)

func main() {
	if err := redactgen.Write("."); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
