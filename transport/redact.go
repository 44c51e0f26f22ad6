package transport

//go:generate go run ../internal/redactgen/cmd/redactgen

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
)

// Redaction is declared once, on the field, and the String, GoString and
// LogValue methods of every struct type of the package are generated from
// it into zz_redact.go (go generate ./transport/):
//
//	Password       string            `json:"Password" redact:"true"`         // "[redacted]" when set
//	AuthParameters map[string]string `json:"AuthParameters" redact:"params"` // secret keys hidden, see Redacted
//
// The generated String shows the fields that are set, by Go name and in
// declaration order, so requests and responses can be logged or printed
// whole. This file holds what the generated code calls.

// redactedText stands in for a secret in String, GoString and LogValue
// output; the project's other packages spell it the same way, so that one
// search finds every hidden value in a log.
const redactedText = "[redacted]"

// secretKeys are the parameters whose values String and LogValue hide.
var secretKeys = map[string]bool{
	ParamPassword: true, ParamNewPassword: true, ParamSecretHash: true, ParamRefreshToken: true,
	ParamClaimSignature: true, ParamSMSMFACode: true, ParamEmailOTPCode: true,
	ParamSoftwareTokenMFACode: true, ParamAnswer: true, ParamSMSOTPCode: true,
}

// Redacted returns params as a string sorted by key, with the values of
// secret keys (PASSWORD, SECRET_HASH, REFRESH_TOKEN, codes, answers, the
// claim signature) replaced by "[redacted]", for logs and %v output. It is
// how the fields tagged redact:"params" (AuthParameters,
// ChallengeParameters, ChallengeResponses) are shown.
func Redacted(params map[string]string) string {
	return formatMap(params, func(k string) bool { return secretKeys[k] })
}

func formatMap(m map[string]string, hide func(string) bool) string {
	var b strings.Builder
	b.WriteByte('{')
	for i, k := range slices.Sorted(maps.Keys(m)) {
		if i > 0 {
			b.WriteByte(' ')
		}
		v := m[k]
		if hide(k) {
			v = redactedText
		}
		b.WriteString(k + ":" + v)
	}
	b.WriteByte('}')
	return b.String()
}

// fieldWriter builds the output of a generated String: the type name, then
// "Name:value" for each field that is set.
type fieldWriter struct {
	b strings.Builder
	n int
}

func (w *fieldWriter) begin(typ string) {
	w.b.WriteString(typ)
	w.b.WriteByte('{')
}

func (w *fieldWriter) end() string {
	w.b.WriteByte('}')
	return w.b.String()
}

// text writes a field whatever its value.
func (w *fieldWriter) text(name, v string) {
	if w.n > 0 {
		w.b.WriteByte(' ')
	}
	w.n++
	w.b.WriteString(name)
	w.b.WriteByte(':')
	w.b.WriteString(v)
}

func (w *fieldWriter) str(name, v string) {
	if v != "" {
		w.text(name, v)
	}
}

func (w *fieldWriter) secret(name, v string) {
	if v != "" {
		w.text(name, redactedText)
	}
}

func (w *fieldWriter) bool(name string, v bool) {
	if v {
		w.text(name, "true")
	}
}

func (w *fieldWriter) int(name string, v int64) {
	if v != 0 {
		w.text(name, strconv.FormatInt(v, 10))
	}
}

func (w *fieldWriter) value(name string, v any) { w.text(name, fmt.Sprint(v)) }

func (w *fieldWriter) strs(name string, list []string) {
	if len(list) > 0 {
		w.text(name, "["+strings.Join(list, " ")+"]")
	}
}

func (w *fieldWriter) strMap(name string, m map[string]string) {
	if len(m) > 0 {
		w.text(name, formatMap(m, func(string) bool { return false }))
	}
}

func (w *fieldWriter) params(name string, m map[string]string) {
	if len(m) > 0 {
		w.text(name, Redacted(m))
	}
}

// writeList writes a list of structs, each by its own (generated) String.
func writeList[T fmt.Stringer](w *fieldWriter, name string, list []T) {
	if len(list) == 0 {
		return
	}
	parts := make([]string, len(list))
	for i, v := range list {
		parts[i] = v.String()
	}
	w.text(name, "["+strings.Join(parts, " ")+"]")
}
