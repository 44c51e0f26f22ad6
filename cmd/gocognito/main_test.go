package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

func TestRunDispatch(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		wantCode int
		wantErr  string
	}{
		{"no command", nil, 2, "usage: gocognito"},
		{"help", []string{"help"}, 0, "commands:"},
		{"unknown", []string{"frobnicate"}, 2, `unknown command "frobnicate"`},
		{"bad flag", []string{"demo", "--nope"}, 2, "flag provided but not defined"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			code := run(context.Background(), tt.args, strings.NewReader(""), &out, &errb)
			if code != tt.wantCode || !strings.Contains(errb.String(), tt.wantErr) {
				t.Fatalf("code %d (want %d), stderr %q (want %q)", code, tt.wantCode, errb.String(), tt.wantErr)
			}
		})
	}
}
