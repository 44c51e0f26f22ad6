// Package awsconv writes transport/awssdk's code: one method per operation of
// transport.Cognito and the conversions between package transport's request
// and response shapes and the AWS SDK's, derived from the types themselves by
// reflection, so that a new operation or field costs no hand-written
// conversion.
//
// The rules are those the hand-written adapter followed. A transport field
// travels under its JSON name (its wire name) to the SDK field of that name;
// embedded structs are flattened. A field tagged omitempty is sent as nil
// when zero, any other field is always sent; pointers are dereferenced on the
// way back; strings become the SDK's enum types and back; nil slices and maps
// stay nil and empty ones stay empty, both ways; the SDK's *time.Time becomes
// a *transport.Time, and its document.Interface (a JSON document such as a
// passkey's options) a transport.Document and back. Nested structs, and slices of them, get a conversion
// function of their own. The functions the generated code calls (optStr,
// deref, convSlice, call, ...) are written by hand in transport/awssdk's
// convert.go.
//
// What the rules do not cover stops the generator with an error that names
// the field: either the SDK does not carry it (list it in notCarried, in
// exceptions.go, with the reason) or its shape really differs (write that
// conversion function or method by hand in transport/awssdk; the generator
// then calls it instead of writing its own). A field tagged omitempty that
// Cognito nevertheless requires is listed in alwaysSent.
//
// It is a build-time tool, not part of the library: the program in
// internal/gen/cmd/awsconv runs it (go generate ./transport/awssdk/), and
// transport/awssdk's tests run it again to check that the checked-in file is
// current and that every transport field is converted or listed as not
// carried by the SDK.
package awsconv

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"go/ast"
	"go/build"
	"go/format"
	"go/parser"
	"go/token"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"time"
	"unicode"

	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/document"
	smithyauth "github.com/aws/smithy-go/auth"

	"github.com/gocognito/gocognito/transport"
)

// FileName is the generated file in transport/awssdk.
const FileName = "zz_generated.go"

const (
	sdkPath       = "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	typesPath     = sdkPath + "/types"
	transportPath = "github.com/gocognito/gocognito/transport"
)

// Direction is which way a conversion goes.
type Direction int

const (
	// ToSDK converts a transport request (or part of one) to the SDK's type.
	ToSDK Direction = iota
	// FromSDK converts the SDK's answer (or part of one) to transport's type.
	FromSDK
)

func (d Direction) String() string {
	if d == ToSDK {
		return "to the SDK"
	}
	return "from the SDK"
}

// Field says what the generated code does with one exported transport field
// in one conversion between a transport struct and an SDK struct.
type Field struct {
	Transport reflect.Type // the transport struct, embedded structs flattened into it
	Name      string       // the field's Go name in Transport (promoted for embedded ones)
	SDK       reflect.Type // the SDK struct on the other side
	Dir       Direction
	SDKField  string // the SDK field it converts to or from; "" when none
	Reason    string // why the SDK does not carry it, from notCarried
	Hand      string // the hand-written function that converts it, if any
}

// Report is what Generate did, for the tests.
type Report struct {
	Fields []Field
	// HandWritten names the operations written by hand in transport/awssdk,
	// which Generate leaves out.
	HandWritten []string
}

// Generate returns the source of transport/awssdk's generated file. dir is
// transport/awssdk's directory: a method of Client or a function declared in
// one of its files other than FileName and the tests takes the place of the
// generated one of the same name, which is how an operation or conversion is
// written by hand.
func Generate(dir string) ([]byte, *Report, error) {
	g := &gen{
		names:   map[pairKey]string{},
		taken:   map[string]pairKey{},
		imports: map[string]bool{"context": true, sdkPath: true, transportPath: true},
		used:    map[string]bool{},
		report:  &Report{},
	}
	var err error
	if g.handFuncs, g.handMethods, err = handWritten(dir); err != nil {
		return nil, nil, err
	}
	if g.deprecated, err = deprecatedFields(dir); err != nil {
		return nil, nil, err
	}

	iface := reflect.TypeFor[transport.Cognito]()
	client := reflect.TypeFor[*cip.Client]()
	var methods []string
	for i := range iface.NumMethod() { // sorted by name
		m := iface.Method(i)
		if g.handMethods[m.Name] {
			g.report.HandWritten = append(g.report.HandWritten, m.Name)
			continue
		}
		sm, ok := client.MethodByName(m.Name)
		if !ok {
			g.errf("operation %s: the SDK's client has no method of that name; write it by hand in transport/awssdk", m.Name)
			continue
		}
		methods = append(methods, g.method(m.Name, m.Type, sm.Type))
	}
	for _, key := range slices.Sorted(maps.Keys(notCarried)) {
		if !g.used[key] {
			g.errf("notCarried[%q] matches no field: remove it", key)
		}
	}
	for _, key := range slices.Sorted(maps.Keys(alwaysSent)) {
		if !g.used[key] {
			g.errf("alwaysSent[%q] matches no omitempty field sent to the SDK: remove it", key)
		}
	}
	if len(g.errs) > 0 {
		return nil, nil, errors.Join(g.errs...)
	}

	var b bytes.Buffer
	b.WriteString("// Code generated by internal/gen/cmd/awsconv from package transport and the AWS SDK's types. DO NOT EDIT.\n\n")
	b.WriteString("package awssdk\n\nimport (\n")
	imports := make([]string, 0, len(g.imports))
	for p := range g.imports {
		imports = append(imports, p)
	}
	slices.Sort(imports)
	group := func(p string) int { // the standard library, others, this module
		switch {
		case !strings.Contains(strings.Split(p, "/")[0], "."):
			return 0
		case strings.HasPrefix(p, "github.com/gocognito/"):
			return 2
		}
		return 1
	}
	slices.SortStableFunc(imports, func(a, b string) int { return group(a) - group(b) })
	for i, p := range imports {
		if i > 0 && group(imports[i-1]) != group(p) {
			b.WriteString("\n")
		}
		if p == sdkPath {
			fmt.Fprintf(&b, "\tcip %q\n", p)
		} else {
			fmt.Fprintf(&b, "\t%q\n", p)
		}
	}
	b.WriteString(")\n")
	for _, m := range methods {
		b.WriteString("\n" + m)
	}
	for _, f := range g.funcs {
		b.WriteString("\n" + f)
	}
	src, err := format.Source(b.Bytes())
	if err != nil {
		return nil, nil, fmt.Errorf("awsconv: formatting the generated code: %w\n%s", err, b.Bytes())
	}
	return src, g.report, nil
}

type pairKey struct {
	t, s reflect.Type // transport and SDK struct
	dir  Direction
}

type gen struct {
	handFuncs, handMethods map[string]bool
	deprecated             map[string]bool // "SDKType.Field"
	names                  map[pairKey]string
	taken                  map[string]pairKey
	funcs                  []string
	imports                map[string]bool
	used                   map[string]bool // notCarried keys that matched
	report                 *Report
	errs                   []error
}

func (g *gen) errf(format string, args ...any) {
	g.errs = append(g.errs, fmt.Errorf("awsconv: "+format, args...))
}

// method writes the Client method of one operation. mt is the transport
// interface method's type (ctx, *In) (*Out, error); st the SDK client method's
// (receiver, ctx, *Input, ...optFns) (*Output, error).
func (g *gen) method(name string, mt, st reflect.Type) string {
	if mt.NumIn() != 2 || mt.NumOut() != 2 || st.NumIn() != 4 || st.NumOut() != 2 {
		g.errf("operation %s: want (ctx, *Input) (*Output, error) on both sides", name)
		return ""
	}
	tIn, tOut := mt.In(1), mt.Out(0)
	sIn, sOut := st.In(2), st.Out(0)
	if tIn.Kind() != reflect.Pointer || tOut.Kind() != reflect.Pointer || sIn.Kind() != reflect.Pointer || sOut.Kind() != reflect.Pointer {
		g.errf("operation %s: want pointer request and answer on both sides", name)
		return ""
	}
	to := g.pair(ToSDK, tIn.Elem(), sIn.Elem())
	var from string
	if tOut.Elem() == reflect.TypeFor[transport.Empty]() {
		from = "discard"
	} else {
		from = g.pair(FromSDK, tOut.Elem(), sOut.Elem())
	}
	signing := "SigV4-signed with the aws.Config's credentials"
	if unsigned(name) {
		signing = "unsigned: it needs no AWS credentials"
	}
	return fmt.Sprintf("// %s is Cognito's %s through the SDK, %s.\nfunc (c *Client) %s(ctx context.Context, in %s) (%s, error) {\n\treturn call(ctx, in, c.api.%s, %s, %s)\n}\n",
		name, name, signing, name, g.typeName(tIn), g.typeName(tOut), name, to, from)
}

// unsigned reports whether the SDK sends operation op without a signature,
// as it does the operations Cognito authorizes by token, session or code.
func unsigned(op string) bool {
	opts, err := cip.New(cip.Options{}).Options().AuthSchemeResolver.ResolveAuthSchemes(
		context.Background(), &cip.AuthResolverParameters{Operation: op, Region: "us-east-1"})
	return err == nil && len(opts) > 0 && opts[0].SchemeID == smithyauth.SchemeIDAnonymous
}

// pair returns the name of the function that converts one struct into the
// other (a pointer to the source in, a value out), writing it if need be.
func (g *gen) pair(dir Direction, t, s reflect.Type) string {
	key := pairKey{t, s, dir}
	if name, ok := g.names[key]; ok {
		return name
	}
	prefix := "to"
	if dir == FromSDK {
		prefix = "from"
	}
	name := prefix + s.Name()
	if other, ok := g.taken[name]; ok && other != key {
		name += "As" + t.Name()
	}
	g.names[key] = name
	g.taken[name] = key
	if g.handFuncs[name] {
		for _, f := range flatFields(t) {
			g.report.Fields = append(g.report.Fields, Field{Transport: t, Name: f.Name, SDK: s, Dir: dir, Hand: name})
		}
		return name
	}

	var body string
	if dir == ToSDK {
		var b strings.Builder
		fmt.Fprintf(&b, "%s{\n", g.typeName(s))
		for _, f := range flatFields(t) {
			b.WriteString(g.element(t, f, s, dir))
		}
		b.WriteString("}")
		body = fmt.Sprintf("func %s(in *%s) %s {\n\treturn %s\n}\n", name, g.typeName(t), g.typeName(s), b.String())
	} else {
		body = fmt.Sprintf("func %s(in *%s) %s {\n\treturn %s\n}\n", name, g.typeName(s), g.typeName(t), g.literal(t, t, s))
	}
	g.funcs = append(g.funcs, body)
	return name
}

// literal writes the composite literal of transport struct lt (outer is the
// struct the fields are reported under) from SDK struct s, nesting the
// embedded structs, which a literal cannot fill through promoted names.
func (g *gen) literal(outer, lt, s reflect.Type) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s{\n", g.typeName(lt))
	for i := range lt.NumField() {
		f := lt.Field(i)
		switch {
		case !f.IsExported():
		case f.Anonymous && f.Type.Kind() == reflect.Struct:
			fmt.Fprintf(&b, "%s: %s,\n", f.Name, g.literal(outer, f.Type, s))
		default:
			b.WriteString(g.element(outer, f, s, FromSDK))
		}
	}
	b.WriteString("}")
	return b.String()
}

// element writes the element of a composite literal that carries transport
// field f of t to or from its SDK field in s, or nothing when s has none.
func (g *gen) element(t reflect.Type, f reflect.StructField, s reflect.Type, dir Direction) string {
	sf, ok := g.sdkField(t, f, s, dir)
	if !ok {
		return ""
	}
	key, src, from, to := sf.Name, "in."+f.Name, f.Type, sf.Type
	if dir == FromSDK {
		key, src, from, to = f.Name, "in."+sf.Name, sf.Type, f.Type
	}
	omit := dir == ToSDK && omitempty(f)
	if key := s.Name() + "." + wireName(f); omit && alwaysSent[key] != "" {
		g.used[key] = true
		omit = false
	}
	expr, err := g.conv(src, from, to, omit, dir)
	if err != nil {
		g.errf("%s.%s %s (%s.%s): %v", t.Name(), f.Name, dir, s.Name(), sf.Name, err)
		return ""
	}
	line := key + ": " + expr + ",\n"
	if g.deprecated[s.Name()+"."+sf.Name] {
		line = "//lint:ignore SA1019 the SDK deprecates the field; Cognito's protocol still carries it.\n" + line
	}
	return line
}

// sdkField finds the SDK field of transport field f by its wire name and
// reports what became of f.
func (g *gen) sdkField(t reflect.Type, f reflect.StructField, s reflect.Type, dir Direction) (reflect.StructField, bool) {
	wire := wireName(f)
	use := Field{Transport: t, Name: f.Name, SDK: s, Dir: dir}
	defer func() { g.report.Fields = append(g.report.Fields, use) }()
	for _, name := range []string{wire, upperFirst(wire)} {
		if sf, ok := s.FieldByName(name); ok && sf.IsExported() && !sf.Anonymous && len(sf.Index) == 1 {
			use.SDKField = sf.Name
			return sf, true
		}
	}
	key := s.Name() + "." + wire
	if reason, ok := notCarried[key]; ok {
		g.used[key] = true
		use.Reason = reason
		return reflect.StructField{}, false
	}
	g.errf("%s.%s (wire name %q) has no field in the SDK's %s: convert it by hand or add %q to notCarried with the reason", t.Name(), f.Name, wire, s.Name(), key)
	return reflect.StructField{}, false
}

var (
	transportTime = reflect.TypeFor[*transport.Time]()
	sdkTime       = reflect.TypeFor[*time.Time]()
	transportDoc  = reflect.TypeFor[transport.Document]()
	sdkDoc        = reflect.TypeFor[document.Interface]()
)

// conv returns the expression that converts src, of type from, to type to.
// omit is whether the transport field is tagged omitempty.
func (g *gen) conv(src string, from, to reflect.Type, omit bool, dir Direction) (string, error) {
	switch {
	case from == to:
		return src, nil
	case from == sdkTime && to == transportTime:
		return "fromTime(" + src + ")", nil
	case from == transportDoc && to == sdkDoc:
		// An empty Document is absent whether or not it is tagged
		// omitempty: the SDK has no other spelling of "no document".
		return "toDocument(" + src + ")", nil
	case from == sdkDoc && to == transportDoc:
		return "fromDocument(" + src + ")", nil
	case isBasic(from) && isBasic(to) && from.Kind() == to.Kind():
		return g.cast(src, from, to), nil
	case isBasic(from) && to.Kind() == reflect.Pointer && isBasic(to.Elem()) && from.Kind() == to.Elem().Kind():
		if to.Elem().Name() != to.Elem().Kind().String() {
			return "", fmt.Errorf("no rule for a pointer to the named type %s", to.Elem())
		}
		inner := g.cast(src, from, to.Elem())
		if omit {
			h := map[reflect.Kind]string{reflect.String: "optStr", reflect.Int32: "optInt32", reflect.Bool: "optBool"}[from.Kind()]
			if h == "" {
				return "", fmt.Errorf("no rule for an optional %s", from.Kind())
			}
			return h + "(" + inner + ")", nil
		}
		g.imports["github.com/aws/aws-sdk-go-v2/aws"] = true
		return "aws." + upperFirst(from.Kind().String()) + "(" + inner + ")", nil
	case from.Kind() == reflect.Pointer && isBasic(from.Elem()) && isBasic(to) && from.Elem().Kind() == to.Kind():
		return g.cast("deref("+src+")", from.Elem(), to), nil
	case from.Kind() == reflect.Slice && to.Kind() == reflect.Slice:
		fe, te := from.Elem(), to.Elem()
		if fe.Kind() == reflect.String && te.Kind() == reflect.String {
			return "castStrings[" + g.typeName(te) + "](" + src + ")", nil
		}
		if isStruct(fe) && isStruct(te) {
			return "convSlice(" + src + ", " + g.pairFor(dir, fe, te) + ")", nil
		}
	case isStruct(from) && isStruct(to):
		return g.pairFor(dir, from, to) + "(&" + src + ")", nil
	case from.Kind() == reflect.Pointer && isStruct(from.Elem()) && to.Kind() == reflect.Pointer && isStruct(to.Elem()):
		return "convPtr(" + src + ", " + g.pairFor(dir, from.Elem(), to.Elem()) + ")", nil
	case from.Kind() == reflect.Pointer && isStruct(from.Elem()) && isStruct(to):
		return "convVal(" + src + ", " + g.pairFor(dir, from.Elem(), to) + ")", nil
	}
	return "", fmt.Errorf("no rule converts %s to %s", from, to)
}

// pairFor orders a conversion's source and target as pair wants them.
func (g *gen) pairFor(dir Direction, from, to reflect.Type) string {
	if dir == ToSDK {
		return g.pair(dir, from, to)
	}
	return g.pair(dir, to, from)
}

func (g *gen) cast(src string, from, to reflect.Type) string {
	if from == to {
		return src
	}
	return g.typeName(to) + "(" + src + ")"
}

// typeName spells t as the generated file refers to it.
func (g *gen) typeName(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Pointer:
		return "*" + g.typeName(t.Elem())
	case reflect.Slice:
		if t.Name() == "" {
			return "[]" + g.typeName(t.Elem())
		}
	case reflect.Map:
		if t.Name() == "" {
			return "map[" + g.typeName(t.Key()) + "]" + g.typeName(t.Elem())
		}
	}
	if t.PkgPath() == "" {
		return t.Name()
	}
	g.imports[t.PkgPath()] = true
	switch t.PkgPath() {
	case sdkPath:
		return "cip." + t.Name()
	default:
		return filepath.Base(t.PkgPath()) + "." + t.Name()
	}
}

func isStruct(t reflect.Type) bool {
	return t.Kind() == reflect.Struct && t != transportTime.Elem() && t != sdkTime.Elem()
}

func isBasic(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.String, reflect.Bool, reflect.Int32, reflect.Int64, reflect.Int, reflect.Float64:
		return true
	}
	return false
}

// flatFields lists t's exported fields with the fields of its embedded
// structs in their place, as Go promotes them.
func flatFields(t reflect.Type) []reflect.StructField {
	var out []reflect.StructField
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		if f.Anonymous && f.Type.Kind() == reflect.Struct {
			out = append(out, flatFields(f.Type)...)
			continue
		}
		out = append(out, f)
	}
	return out
}

// FlatFields is flatFields for the tests: t's exported fields, embedded
// structs flattened.
func FlatFields(t reflect.Type) []reflect.StructField { return flatFields(t) }

// wireName is the name encoding/json gives f.
func wireName(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
	if name == "" {
		return f.Name
	}
	return name
}

func omitempty(f reflect.StructField) bool {
	_, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
	return slices.Contains(strings.Split(opts, ","), "omitempty")
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}

// handWritten lists the functions and Client methods declared in dir's Go
// files other than the generated one and the tests.
func handWritten(dir string) (funcs, methods map[string]bool, err error) {
	funcs, methods = map[string]bool{}, map[string]bool{}
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return nil, nil, err
	}
	fset := token.NewFileSet()
	for _, path := range files {
		base := filepath.Base(path)
		if base == FileName || strings.HasSuffix(base, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return nil, nil, fmt.Errorf("awsconv: %w", err)
		}
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok {
				continue
			}
			if fd.Recv == nil {
				funcs[fd.Name.Name] = true
			} else {
				methods[fd.Name.Name] = true
			}
		}
	}
	return funcs, methods, nil
}

// deprecatedFields lists the SDK's struct fields documented "Deprecated:",
// whose every use staticcheck reports unless told the use is meant.
func deprecatedFields(dir string) (map[string]bool, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	pkg, err := build.Import(typesPath, abs, build.FindOnly)
	if err != nil {
		return nil, fmt.Errorf("awsconv: finding the SDK's types: %w", err)
	}
	entries, err := os.ReadDir(pkg.Dir)
	if err != nil {
		return nil, fmt.Errorf("awsconv: %w", err)
	}
	out := map[string]bool{}
	fset := token.NewFileSet()
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".go") || strings.HasSuffix(e.Name(), "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(pkg.Dir, e.Name()), nil, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			return nil, fmt.Errorf("awsconv: %w", err)
		}
		for _, d := range f.Decls { // the SDK declares its types at the top level
			gd, ok := d.(*ast.GenDecl)
			if !ok || gd.Tok != token.TYPE {
				continue
			}
			for _, spec := range gd.Specs {
				ts := spec.(*ast.TypeSpec)
				if st, ok := ts.Type.(*ast.StructType); ok {
					markDeprecated(out, ts.Name.Name, st)
				}
			}
		}
	}
	return out, nil
}

// markDeprecated adds the fields of struct typ that are documented
// deprecated to out.
func markDeprecated(out map[string]bool, typ string, st *ast.StructType) {
	for _, fl := range st.Fields.List {
		if fl.Doc != nil && isDeprecated(fl.Doc.Text()) {
			for _, n := range fl.Names {
				out[typ+"."+n.Name] = true
			}
		}
	}
}

// isDeprecated reports whether a doc comment has a paragraph that starts
// "Deprecated: ", the convention tools such as staticcheck follow.
func isDeprecated(doc string) bool {
	for _, para := range strings.Split(doc, "\n\n") {
		if strings.HasPrefix(strings.TrimSpace(para), "Deprecated: ") {
			return true
		}
	}
	return false
}
