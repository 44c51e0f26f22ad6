package awssdk

import (
	"bytes"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/smithy-go/middleware"

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

// TestEmptyRequestsGolden pins, for every operation, what a request of
// empty values puts on the wire: every pointer set to an empty struct, every
// slice holding one empty element, every map empty, every scalar zero. Which
// fields then go out (those transport does not tag omitempty, and
// alwaysSent) and which are left out is the decision the generator makes for
// every field, so a change in its rules shows here as a diff (go test -update
// rewrites testdata/empty_requests.txt). The SDK's check of required fields
// is taken out, so that it does not stop the requests before they are sent.
func TestEmptyRequestsGolden(t *testing.T) {
	noValidation := func(o *cip.Options) {
		o.APIOptions = append(o.APIOptions, func(s *middleware.Stack) error {
			// Operations without required fields have no such step.
			_, _ = s.Initialize.Remove("OperationInputValidation")
			return nil
		})
	}
	var b strings.Builder
	for _, oc := range operations {
		cfg, mt := testConfig()
		c := New(withStaticCredentials(cfg), noValidation)
		rec := serve(mt, always(http.StatusOK, `{}`))
		in := oc.newIn()
		fillEmpty(reflect.ValueOf(in).Elem())
		if _, err := oc.call(t.Context(), c, in); err != nil {
			t.Fatalf("%s: %v", oc.op, err)
		}
		reqs := rec.requests()
		if len(reqs) != 1 {
			t.Fatalf("%s: %d requests, want 1", oc.op, len(reqs))
		}
		body, err := canonicalJSON(reqs[0].Body)
		if err != nil {
			t.Fatalf("%s: %v", oc.op, err)
		}
		fmt.Fprintf(&b, "%s %s", oc.op, body)
	}
	path := filepath.Join("testdata", "empty_requests.txt")
	if *update {
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	gl, wl := strings.Split(b.String(), "\n"), strings.Split(string(want), "\n")
	for i := range max(len(gl), len(wl)) {
		if line(gl, i) != line(wl, i) {
			t.Fatalf("empty requests differ from %s at line %d:\n have %q\n want %q", path, i+1, line(gl, i), line(wl, i))
		}
	}
}

// fillEmpty sets every pointer reachable from v to an empty value, every
// slice to one empty element and every map to an empty map.
func fillEmpty(v reflect.Value) {
	if v.Type() == reflect.TypeFor[transport.Document]() {
		return // an empty document is an absent one; it has no "empty element"
	}
	switch v.Kind() {
	case reflect.Pointer:
		p := reflect.New(v.Type().Elem())
		fillEmpty(p.Elem())
		v.Set(p)
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				fillEmpty(v.Field(i))
			}
		}
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 1, 1)
		fillEmpty(s.Index(0))
		v.Set(s)
	case reflect.Map:
		v.Set(reflect.MakeMap(v.Type()))
	}
}
