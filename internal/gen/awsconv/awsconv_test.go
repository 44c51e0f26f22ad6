package awsconv

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/document"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"

	"github.com/gocognito/gocognito/transport"
)

const adapterDir = "../../../transport/awssdk"

func newGen() *gen {
	return &gen{
		names: map[pairKey]string{}, taken: map[string]pairKey{}, imports: map[string]bool{},
		used: map[string]bool{}, report: &Report{}, handFuncs: map[string]bool{}, handMethods: map[string]bool{},
	}
}

// secret stands for a named string type in transport, such as a type that
// redacts itself.
type secret string

func TestConv(t *testing.T) {
	tests := []struct {
		name     string
		from, to reflect.Type
		omit     bool
		dir      Direction
		want     string
	}{
		{"same type", reflect.TypeFor[map[string]string](), reflect.TypeFor[map[string]string](), true, ToSDK, "in.X"},
		{"omitempty string is nil when empty", reflect.TypeFor[string](), reflect.TypeFor[*string](), true, ToSDK, "optStr(in.X)"},
		{"other string is always sent", reflect.TypeFor[string](), reflect.TypeFor[*string](), false, ToSDK, "aws.String(in.X)"},
		{"omitempty int32", reflect.TypeFor[int32](), reflect.TypeFor[*int32](), true, ToSDK, "optInt32(in.X)"},
		{"other bool", reflect.TypeFor[bool](), reflect.TypeFor[*bool](), false, ToSDK, "aws.Bool(in.X)"},
		{"pointer back", reflect.TypeFor[*string](), reflect.TypeFor[string](), false, FromSDK, "deref(in.X)"},
		{"enum", reflect.TypeFor[string](), reflect.TypeFor[types.AuthFlowType](), false, ToSDK, "types.AuthFlowType(in.X)"},
		{"enum back", reflect.TypeFor[types.AuthFlowType](), reflect.TypeFor[string](), false, FromSDK, "string(in.X)"},
		{"enums", reflect.TypeFor[[]string](), reflect.TypeFor[[]types.OAuthFlowType](), true, ToSDK, "castStrings[types.OAuthFlowType](in.X)"},
		{"enums back", reflect.TypeFor[[]types.OAuthFlowType](), reflect.TypeFor[[]string](), false, FromSDK, "castStrings[string](in.X)"},
		{"named string", reflect.TypeFor[secret](), reflect.TypeFor[*string](), true, ToSDK, "optStr(string(in.X))"},
		{"named string back", reflect.TypeFor[*string](), reflect.TypeFor[secret](), false, FromSDK, "awsconv.secret(deref(in.X))"},
		{"timestamp back", reflect.TypeFor[*time.Time](), reflect.TypeFor[*transport.Time](), false, FromSDK, "fromTime(in.X)"},
		{"struct pointer", reflect.TypeFor[*transport.AttributeType](), reflect.TypeFor[*types.AttributeType](), false, ToSDK, "convPtr(in.X, toAttributeType)"},
		{"struct slice back", reflect.TypeFor[[]types.AttributeType](), reflect.TypeFor[[]transport.AttributeType](), false, FromSDK, "convSlice(in.X, fromAttributeType)"},
		{"optional struct to a value", reflect.TypeFor[*types.DeviceType](), reflect.TypeFor[transport.Device](), false, FromSDK, "convVal(in.X, fromDeviceType)"},
		{"struct value", reflect.TypeFor[transport.AttributeType](), reflect.TypeFor[types.AttributeType](), false, ToSDK, "toAttributeType(&in.X)"},
		{"document", reflect.TypeFor[transport.Document](), reflect.TypeFor[document.Interface](), false, ToSDK, "toDocument(in.X)"},
		{"optional document", reflect.TypeFor[transport.Document](), reflect.TypeFor[document.Interface](), true, ToSDK, "toDocument(in.X)"},
		{"document back", reflect.TypeFor[document.Interface](), reflect.TypeFor[transport.Document](), false, FromSDK, "fromDocument(in.X)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := newGen()
			got, err := g.conv("in.X", tt.from, tt.to, tt.omit, tt.dir)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("conv = %s, want %s", got, tt.want)
			}
			if len(g.errs) > 0 {
				t.Errorf("errors: %v", g.errs)
			}
		})
	}
}

func TestConvRefuses(t *testing.T) {
	tests := []struct {
		name     string
		from, to reflect.Type
	}{
		{"different maps", reflect.TypeFor[map[string]int32](), reflect.TypeFor[map[string]string]()},
		{"timestamp in a request", reflect.TypeFor[*transport.Time](), reflect.TypeFor[*time.Time]()},
		{"different kinds", reflect.TypeFor[string](), reflect.TypeFor[*int32]()},
		{"document to a string", reflect.TypeFor[transport.Document](), reflect.TypeFor[*string]()},
		{"bytes to a document", reflect.TypeFor[[]byte](), reflect.TypeFor[document.Interface]()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, err := newGen().conv("in.X", tt.from, tt.to, false, ToSDK); err == nil {
				t.Errorf("conv = %s, want an error", got)
			}
		})
	}
}

// A transport field the SDK does not have, and that notCarried does not
// list, stops the generator with the key to list it under.
func TestUnlistedFieldStopsTheGenerator(t *testing.T) {
	type attr struct {
		Name  string `json:"Name"`
		Extra string `json:"Extra,omitempty"`
	}
	g := newGen()
	g.pair(ToSDK, reflect.TypeFor[attr](), reflect.TypeFor[types.AttributeType]())
	if len(g.errs) != 1 || !strings.Contains(g.errs[0].Error(), `"AttributeType.Extra"`) {
		t.Fatalf("errors = %v, want one naming AttributeType.Extra", g.errs)
	}
	var extra *Field
	for i, f := range g.report.Fields {
		if f.Name == "Extra" {
			extra = &g.report.Fields[i]
		}
	}
	if extra == nil || extra.SDKField != "" || extra.Reason != "" {
		t.Errorf("report of Extra = %+v, want neither converted nor excused", extra)
	}
}

// A listed field is left out, with its reason in the report.
func TestNotCarriedFieldIsLeftOut(t *testing.T) {
	g := newGen()
	name := g.pair(FromSDK, reflect.TypeFor[transport.ChallengeOutput](), reflect.TypeFor[cip.RespondToAuthChallengeOutput]())
	if len(g.errs) > 0 {
		t.Fatal(g.errs)
	}
	if src := strings.Join(g.funcs, ""); !strings.Contains(src, "func "+name+"(") || strings.Contains(src, "AvailableChallenges") {
		t.Errorf("generated:\n%s\nwant %s without AvailableChallenges", src, name)
	}
	for _, f := range g.report.Fields {
		if f.Name == "AvailableChallenges" && f.Reason == "" {
			t.Errorf("AvailableChallenges reported without a reason: %+v", f)
		}
	}
}

// A conversion function written by hand is called, not generated.
func TestHandWrittenConversionWins(t *testing.T) {
	g := newGen()
	g.handFuncs["toAttributeType"] = true
	got, err := g.conv("in.X", reflect.TypeFor[[]transport.AttributeType](), reflect.TypeFor[[]types.AttributeType](), false, ToSDK)
	if err != nil || got != "convSlice(in.X, toAttributeType)" {
		t.Fatalf("conv = %q, %v", got, err)
	}
	if len(g.funcs) != 0 {
		t.Errorf("generated %d functions, want none:\n%s", len(g.funcs), strings.Join(g.funcs, "\n"))
	}
	for _, f := range g.report.Fields {
		if f.Hand != "toAttributeType" {
			t.Errorf("field %s reported as %+v, want written by hand", f.Name, f)
		}
	}
}

func TestHandWrittenReadsTheSources(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"refresh.go":      "package awssdk\n\nfunc (c *Client) GetTokensFromRefreshToken() {}\n\nfunc toThing() {}\n",
		FileName:          "package awssdk\n\nfunc (c *Client) InitiateAuth() {}\n\nfunc toGenerated() {}\n",
		"refresh_test.go": "package awssdk\n\nfunc toTestOnly() {}\n",
	}
	for name, src := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	funcs, methods, err := handWritten(dir)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(funcs, map[string]bool{"toThing": true}) || !reflect.DeepEqual(methods, map[string]bool{"GetTokensFromRefreshToken": true}) {
		t.Errorf("funcs %v, methods %v: want only refresh.go's", funcs, methods)
	}
}

func TestDeprecatedFields(t *testing.T) {
	dep, err := deprecatedFields(".")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"UserPoolType.Status", "UserPoolDescriptionType.Status"} {
		if !dep[want] {
			t.Errorf("%s not found deprecated", want)
		}
	}
	if dep["UserPoolType.Id"] {
		t.Error("UserPoolType.Id found deprecated")
	}
}

func TestGenerateIsDeterministic(t *testing.T) {
	a, _, err := Generate(adapterDir)
	if err != nil {
		t.Fatal(err)
	}
	b, _, err := Generate(adapterDir)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Error("two runs differ")
	}
	if !bytes.HasPrefix(a, []byte("// Code generated ")) || !bytes.Contains(a, []byte("DO NOT EDIT.")) {
		t.Errorf("header: %q", a[:80])
	}
}

// The SDK, not the generator, decides which operations are signed; the
// generated doc comments say what it decided.
func TestUnsigned(t *testing.T) {
	tests := []struct {
		op   string
		want bool
	}{
		{"InitiateAuth", true},
		{"RespondToAuthChallenge", true},
		{"ConfirmDevice", true},
		{"AdminInitiateAuth", false},
		{"AdminGetUser", false},
		{"CreateUserPool", false},
	}
	for _, tt := range tests {
		t.Run(tt.op, func(t *testing.T) {
			if got := unsigned(tt.op); got != tt.want {
				t.Errorf("unsigned(%s) = %v, want %v", tt.op, got, tt.want)
			}
		})
	}
}

// A field listed in alwaysSent goes out even when empty, the others that
// are tagged omitempty do not.
func TestAlwaysSent(t *testing.T) {
	g := newGen()
	g.pair(ToSDK, reflect.TypeFor[transport.UserPoolMfaConfig](), reflect.TypeFor[cip.SetUserPoolMfaConfigInput]())
	if len(g.errs) > 0 {
		t.Fatal(g.errs)
	}
	src := strings.Join(g.funcs, "")
	for _, want := range []string{"UserPoolId: aws.String(in.UserPoolID)", "optStr(in.SmsAuthenticationMessage)"} {
		if !strings.Contains(src, want) {
			t.Errorf("generated code lacks %q:\n%s", want, src)
		}
	}
}
