package redactgen_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gocognito/gocognito/internal/redactgen"
)

func TestGenerate(t *testing.T) {
	tests := []struct {
		name    string
		src     string
		err     error
		methods []string // substrings of the methods file
	}{
		{
			name: "secret, params and plain fields",
			src:  "type In struct {\n\tName string\n\tPassword string `redact:\"true\"`\n\tParams map[string]string `redact:\"params\"`\n\tN *int32\n}\n",
			methods: []string{
				`w.str("Name", x.Name)`, `w.secret("Password", x.Password)`, `w.params("Params", x.Params)`,
				"if x.N != nil {", "It hides Password and Params.", `func (x In) GoString() string { return "transport." + x.String() }`,
			},
		},
		{
			name:    "embedded struct flattened",
			src:     "type Base struct{ Token string `redact:\"true\"` }\ntype Out struct {\n\tID string\n\tBase\n}\n",
			methods: []string{`w.secret("Token", x.Base.Token)`},
		},
		{
			name: "hand-written String refused",
			src:  "type In struct{ Password string }\nfunc (in In) String() string { return \"\" }\n",
			err:  redactgen.ErrUnsupported,
		},
		{
			name: "unknown tag value refused",
			src:  "type In struct{ Password string `redact:\"yes\"` }\n",
			err:  redactgen.ErrUnsupported,
		},
		{
			name: "tag on a type it cannot hide refused",
			src:  "type In struct{ Codes []string `redact:\"true\"` }\n",
			err:  redactgen.ErrUnsupported,
		},
		{
			name: "whole map tagged true refused",
			src:  "type In struct{ Meta map[string]string `redact:\"true\"` }\n",
			err:  redactgen.ErrUnsupported,
		},
		{
			name: "params on a string refused",
			src:  "type In struct{ Password string `redact:\"params\"` }\n",
			err:  redactgen.ErrUnsupported,
		},
		{
			name: "self-formatting type with a tag refused",
			src:  "type E struct{ Code string `redact:\"true\"` }\nfunc (e *E) Error() string { return e.Code }\n",
			err:  redactgen.ErrUnsupported,
		},
		{
			name:    "self-formatting type left alone",
			src:     "import \"time\"\ntype T struct{ time.Time }\ntype In struct{ At *T }\n",
			methods: []string{`w.value("At", *x.At)`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "a.go"), []byte("package transport\n\n"+tt.src), 0o644); err != nil {
				t.Fatal(err)
			}
			files, err := redactgen.Generate(dir)
			if !errors.Is(err, tt.err) {
				t.Fatalf("err = %v, want %v", err, tt.err)
			}
			if err != nil {
				return
			}
			got := string(files[redactgen.MethodsFile])
			for _, want := range tt.methods {
				if !strings.Contains(got, want) {
					t.Errorf("methods file lacks %q:\n%s", want, got)
				}
			}
			if strings.Contains(got, "func (x T)") {
				t.Errorf("generated methods for a self-formatting type:\n%s", got)
			}
			if !strings.HasPrefix(got, "// Code generated") || !strings.HasPrefix(string(files[redactgen.ListFile]), "// Code generated") {
				t.Error("generated files lack the Code generated header")
			}
		})
	}
}
