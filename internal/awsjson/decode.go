package awsjson

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"reflect"

	"github.com/gocognito/gocognito/transport"
)

// decode reads an AWS JSON 1.1 request body into v. An empty body is the
// empty object, as SDKs send {} for operations without input. Unknown fields
// are ignored, as Cognito ignores them, so that newer SDKs still work. Every
// failure is a SerializationException whose message names the field but
// never repeats a value from the body, which may hold a password.
func decode(body []byte, v any) error {
	body = bytes.TrimSpace(body)
	if len(body) == 0 {
		return nil
	}
	if body[0] != '{' {
		return serializationError("Request body must be a JSON object.")
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	if err := dec.Decode(v); err != nil {
		return serializationError(describe(err))
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return serializationError("Unexpected data after the JSON object.")
	}
	return nil
}

// describe turns a decoding error into a message safe to send and log.
func describe(err error) string {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntax):
		return "Malformed JSON in request body."
	case errors.As(err, &typ) && typ.Field != "":
		return "Value of field " + typ.Field + " must be " + kindOf(typ.Type) + "."
	case errors.As(err, &typ):
		return "Request body must be a JSON object."
	case errors.Is(err, io.ErrUnexpectedEOF):
		return "Truncated JSON in request body."
	default:
		return "Invalid value in request body."
	}
}

// kindOf names a Go type as the JSON value that decodes into it.
func kindOf(t reflect.Type) string {
	if t == nil {
		return "of another type"
	}
	if t == reflect.TypeFor[transport.Time]() {
		return "a number (epoch seconds)"
	}
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "a boolean"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
		reflect.Float32, reflect.Float64:
		return "a number in range"
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.Map, reflect.Struct:
		return "an object"
	case reflect.Pointer:
		return kindOf(t.Elem())
	default:
		return "of another type"
	}
}
