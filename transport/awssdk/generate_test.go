package awssdk

import (
	"bytes"
	"net/http"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/gocognito/gocognito/internal/gen/awsconv"
	"github.com/gocognito/gocognito/transport"
)

// TestGeneratedFileIsCurrent regenerates the adapter in memory: a change to
// transport's types, to the SDK or to the generator that was not followed by
// go generate fails here.
func TestGeneratedFileIsCurrent(t *testing.T) {
	want, _, err := awsconv.Generate(".")
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(awsconv.FileName)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(got, want) {
		return
	}
	gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := range max(len(gl), len(wl)) {
		g, w := line(gl, i), line(wl, i)
		if g != w {
			t.Fatalf("%s is stale: run go generate ./transport/awssdk/\nfirst difference, line %d:\n have %q\n want %q", awsconv.FileName, i+1, g, w)
		}
	}
}

func line(lines []string, i int) string {
	if i < len(lines) {
		return lines[i]
	}
	return "<end of file>"
}

// TestEveryTransportFieldIsConverted walks every transport type reachable
// from transport.Cognito's methods, requests towards the SDK and answers
// from it (a type used in both gets both), and requires every exported field
// to be converted to or from an SDK field, or listed as not carried by the
// SDK with a reason, in every conversion the type takes part in.
func TestEveryTransportFieldIsConverted(t *testing.T) {
	_, report, err := awsconv.Generate(".")
	if err != nil {
		t.Fatal(err)
	}
	type key struct {
		t    reflect.Type
		name string
		dir  awsconv.Direction
	}
	uses := map[key][]awsconv.Field{}
	for _, f := range report.Fields {
		k := key{f.Transport, f.Name, f.Dir}
		uses[k] = append(uses[k], f)
	}
	hand := map[string]bool{}
	for _, op := range report.HandWritten {
		hand[op] = true
	}

	type visit struct {
		t   reflect.Type
		dir awsconv.Direction
	}
	seen := map[visit]bool{}
	var walk func(typ reflect.Type, dir awsconv.Direction)
	walk = func(typ reflect.Type, dir awsconv.Direction) {
		if seen[visit{typ, dir}] {
			return
		}
		seen[visit{typ, dir}] = true
		for _, f := range awsconv.FlatFields(typ) {
			fs := uses[key{typ, f.Name, dir}]
			if len(fs) == 0 {
				t.Errorf("%s.%s is not converted %s", typ.Name(), f.Name, dir)
			}
			for _, u := range fs {
				if u.SDKField == "" && u.Reason == "" && u.Hand == "" {
					t.Errorf("%s.%s is neither converted %s nor listed as not carried by %s", typ.Name(), f.Name, dir, u.SDK.Name())
				}
			}
			if inner := transportStruct(f.Type); inner != nil {
				walk(inner, dir)
			}
		}
	}
	iface := reflect.TypeFor[transport.Cognito]()
	for i := range iface.NumMethod() {
		m := iface.Method(i)
		if hand[m.Name] {
			t.Logf("%s is written by hand; TestRoundTrip checks its fields", m.Name)
			continue
		}
		walk(m.Type.In(1).Elem(), awsconv.ToSDK)
		walk(m.Type.Out(0).Elem(), awsconv.FromSDK)
	}
	if len(seen) < 2*iface.NumMethod()/3 {
		t.Errorf("walked only %d types for %d operations", len(seen), iface.NumMethod())
	}
}

// transportStruct returns the struct of package transport that t is or
// holds (through pointers, slices and maps), other than Time.
func transportStruct(t reflect.Type) reflect.Type {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Map {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct || t == reflect.TypeFor[transport.Time]() || t.PkgPath() != reflect.TypeFor[transport.Empty]().PkgPath() {
		return nil
	}
	return t
}

// TestAlwaysSentException pins the one field sent although transport tags it
// omitempty: SetUserPoolMfaConfig's UserPoolId, which Cognito requires, goes
// out even when empty (and Cognito, not the SDK, refuses it), as it did
// before the adapter was generated.
func TestAlwaysSentException(t *testing.T) {
	cfg, mt := testConfig()
	c := New(withStaticCredentials(cfg))
	rec := serve(mt, always(http.StatusOK, `{}`))
	if _, err := c.SetUserPoolMfaConfig(t.Context(), &transport.UserPoolMfaConfig{}); err != nil {
		t.Fatal(err)
	}
	reqs := rec.requests()
	if len(reqs) != 1 {
		t.Fatalf("%d requests, want 1", len(reqs))
	}
	if got, want := string(reqs[0].Body), `{"UserPoolId":""}`; got != want {
		t.Errorf("body = %s, want %s", got, want)
	}
}
