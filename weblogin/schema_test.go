package weblogin_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/gocognito/gocognito/engine"
	"github.com/gocognito/gocognito/states"
)

// TestSchema: docs/weblogin-schema.json describes what the code encodes.
// Every Need and Answer, with every field set, validates against its
// definition, matching exactly one variant, and the variants are exactly
// the kinds the code has.
func TestSchema(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "docs", "weblogin-schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	var schema map[string]any
	if err := json.Unmarshal(b, &schema); err != nil {
		t.Fatal(err)
	}
	v := &validator{defs: schema["$defs"].(map[string]any)}

	attrs := map[string]string{"name": "Ann"}
	needs := []states.Need{
		states.NeedNothing{},
		states.NeedPassword{Device: true},
		states.NeedMFACode{Medium: states.MediumSMS, Destination: "+*******1234"},
		states.NeedNewPassword{Required: []string{"name"}, Attributes: attrs},
		states.NeedMFAChoice{Options: []string{"SMS_MFA", "EMAIL_OTP"}},
		states.NeedTOTPSetup{Secret: "ABC", URI: "otpauth://totp/x:y?secret=ABC"},
		states.NeedMFASetupChoice{Options: []string{"SOFTWARE_TOKEN_MFA", "EMAIL_OTP"}},
		states.NeedEmailSetup{},
		states.NeedCustomAnswer{Params: map[string]string{"question": "?"}},
		states.NeedFirstFactorChoice{Options: []string{"PASSWORD", "PASSWORD_SRP", "EMAIL_OTP"}},
		states.NeedSignInCode{Medium: states.MediumEmail, Destination: "a***@e***"},
		states.NeedPasskey{RequestOptions: `{"challenge":"abc"}`},
	}
	answers := []engine.Answer{
		engine.Password("pw"), engine.DevicePassword("dp"), engine.MFACode("123456"), engine.MFAChoice("EMAIL_OTP"),
		engine.TOTPSetupCode{Code: "1", FriendlyName: "phone"}, engine.EmailAddress("a@example.org"),
		engine.NewPassword{Password: "np", Attributes: attrs}, engine.CustomAnswer("42"),
		engine.FirstFactor("EMAIL_OTP"), engine.SignInCode("123456"), engine.PasskeyAssertion(`{"id":"abc","type":"public-key"}`),
	}
	var needKinds, answerKinds []string
	for _, n := range needs {
		t.Run("need "+states.Kind(n), func(t *testing.T) {
			doc := mustJSON(t, states.NeedJSON{Need: n})
			if err := v.one("Need", doc); err != nil {
				t.Fatalf("%s: %v", doc, err)
			}
			if err := v.check(map[string]any{"$ref": "#/$defs/Reply"}, mustJSON(t, map[string]any{"need": states.NeedJSON{Need: n}, "signedIn": false})); err != nil {
				t.Fatalf("reply: %v", err)
			}
		})
		needKinds = append(needKinds, states.Kind(n))
	}
	for _, a := range answers {
		doc := mustJSON(t, engine.AnswerJSON{Answer: a})
		kind, _ := doc.(map[string]any)["kind"].(string)
		t.Run("answer "+kind, func(t *testing.T) {
			if err := v.one("Answer", doc); err != nil {
				t.Fatalf("%s: %v", doc, err)
			}
			if err := v.one("Request", mustJSON(t, map[string]any{"answer": engine.AnswerJSON{Answer: a}})); err != nil {
				t.Fatalf("request: %v", err)
			}
		})
		answerKinds = append(answerKinds, kind)
	}
	t.Run("the variants are the code's kinds", func(t *testing.T) {
		for def, kinds := range map[string][]string{"Need": needKinds, "Answer": answerKinds} {
			var got []string
			for _, ref := range v.defs[def].(map[string]any)["oneOf"].([]any) {
				name := strings.TrimPrefix(ref.(map[string]any)["$ref"].(string), "#/$defs/")
				got = append(got, v.defs[name].(map[string]any)["properties"].(map[string]any)["kind"].(map[string]any)["const"].(string))
			}
			slices.Sort(got)
			slices.Sort(kinds)
			if !slices.Equal(got, kinds) {
				t.Errorf("%s kinds in the schema %v, in the code %v", def, got, kinds)
			}
		}
	})
	t.Run("refusals", func(t *testing.T) {
		for _, doc := range []string{
			`{"kind":"mfa_code","medium":"SMS","extra":1}`,
			`{"kind":"mfa_code"}`,
			`{"kind":"sms"}`,
		} {
			var d any
			_ = json.Unmarshal([]byte(doc), &d)
			if err := v.one("Need", d); err == nil {
				t.Errorf("%s validates as a Need", doc)
			}
		}
	})
}

func mustJSON(t *testing.T, v any) any {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var doc any
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

// validator checks documents against the subset of JSON Schema that the
// schema uses: $ref, oneOf, type, const, enum, properties, required,
// additionalProperties, items and minLength.
type validator struct{ defs map[string]any }

// one checks doc against a definition whose oneOf must match exactly once.
func (v *validator) one(def string, doc any) error {
	return v.check(map[string]any{"$ref": "#/$defs/" + def}, doc)
}

func (v *validator) check(s map[string]any, doc any) error {
	if ref, ok := s["$ref"].(string); ok {
		def, ok := v.defs[strings.TrimPrefix(ref, "#/$defs/")].(map[string]any)
		if !ok {
			return fmt.Errorf("no definition %s", ref)
		}
		return v.check(def, doc)
	}
	if alts, ok := s["oneOf"].([]any); ok {
		matched := 0
		var errs []string
		for _, a := range alts {
			if err := v.check(a.(map[string]any), doc); err != nil {
				errs = append(errs, err.Error())
			} else {
				matched++
			}
		}
		if matched != 1 {
			return fmt.Errorf("matches %d of oneOf (%s)", matched, strings.Join(errs, "; "))
		}
	}
	if c, ok := s["const"]; ok && c != doc {
		return fmt.Errorf("%v is not %v", doc, c)
	}
	if e, ok := s["enum"].([]any); ok && !slices.Contains(e, doc) {
		return fmt.Errorf("%v not in %v", doc, e)
	}
	switch s["type"] {
	case nil:
	case "null":
		if doc != nil {
			return fmt.Errorf("%v is not null", doc)
		}
	case "boolean":
		if _, ok := doc.(bool); !ok {
			return fmt.Errorf("%v is not a boolean", doc)
		}
	case "string":
		str, ok := doc.(string)
		if !ok {
			return fmt.Errorf("%v is not a string", doc)
		}
		if m, ok := s["minLength"].(float64); ok && len(str) < int(m) {
			return fmt.Errorf("%q is too short", str)
		}
	case "array":
		arr, ok := doc.([]any)
		if !ok {
			return fmt.Errorf("%v is not an array", doc)
		}
		if items, ok := s["items"].(map[string]any); ok {
			for _, e := range arr {
				if err := v.check(items, e); err != nil {
					return err
				}
			}
		}
	case "object":
		obj, ok := doc.(map[string]any)
		if !ok {
			return fmt.Errorf("%v is not an object", doc)
		}
		props, _ := s["properties"].(map[string]any)
		required, _ := s["required"].([]any)
		for _, r := range required {
			if _, ok := obj[r.(string)]; !ok {
				return fmt.Errorf("lacks %s", r)
			}
		}
		for k, val := range obj {
			if p, ok := props[k].(map[string]any); ok {
				if err := v.check(p, val); err != nil {
					return fmt.Errorf("%s: %w", k, err)
				}
				continue
			}
			switch extra := s["additionalProperties"].(type) {
			case bool:
				if !extra {
					return fmt.Errorf("has %s", k)
				}
			case map[string]any:
				if err := v.check(extra, val); err != nil {
					return fmt.Errorf("%s: %w", k, err)
				}
			}
		}
	default:
		return fmt.Errorf("type %v not supported by this validator", s["type"])
	}
	return nil
}
