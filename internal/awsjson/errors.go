package awsjson

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/gocognito/gocognito/transport"
)

// Namespaces real Cognito appends to X-Amzn-ErrorType after a colon: its
// model's for service errors, the framework's for protocol errors. SDKs
// keep only the text before the colon.
const (
	modelNamespace    = "http://internal.amazon.com/coral/com.amazonaws.cognito.identity.idp.model/"
	protocolNamespace = "http://internal.amazon.com/coral/com.amazon.coral.service/"
)

// internalMessage is all a client learns of a bug or panic in the target.
const internalMessage = "An internal error occurred. Retry the request later."

// maxHeaderMessage bounds x-amzn-ErrorMessage; the body keeps the full text.
const maxHeaderMessage = 1024

func serializationError(msg string) *transport.Error {
	return transport.NewError(transport.ErrSerialization.Error(), msg)
}

func unknownOperation(status int, msg string) *transport.Error {
	e := transport.NewError(transport.ErrUnknownOperation.Error(), msg)
	e.StatusCode = status
	return e
}

// unknownTargetMessage says why X-Amz-Target routes nowhere: missing, of
// another service, or an operation this server does not implement (named,
// with the right spelling when only its case is wrong).
func unknownTargetMessage(target, name string, cognito bool) string {
	switch {
	case target == "":
		return "Missing X-Amz-Target; expected " + TargetPrefix + "<Operation>."
	case !cognito:
		return fmt.Sprintf("X-Amz-Target %q is not a Cognito user pools operation; expected %s<Operation>.", truncateTarget(target), TargetPrefix)
	case name == "":
		return "X-Amz-Target names no operation; expected " + TargetPrefix + "<Operation>."
	}
	for known := range operations {
		if strings.EqualFold(known, name) {
			return fmt.Sprintf("Operation %s is not implemented by the fake; did you mean %s?", truncateTarget(name), known)
		}
	}
	return fmt.Sprintf("Operation %s is not implemented by the fake (docs/fake-server.md lists what it implements).", truncateTarget(name))
}

// truncateTarget bounds a client-chosen name in a message.
func truncateTarget(s string) string {
	const maxTarget = 128
	if len(s) > maxTarget {
		return s[:maxTarget] + "..."
	}
	return s
}

func internalError() *transport.Error {
	return transport.NewError(transport.ErrInternal.Error(), internalMessage)
}

// WriteError answers with err in Cognito's error shape, as NewHandler's
// handler does, and returns the status sent: the code, message and status of
// a *transport.Error in err's chain, or 500 InternalErrorException with a
// generic message for any other error. It is for servers that answer other
// paths next to the handler, such as the JWKS of a pool.
func WriteError(w http.ResponseWriter, err error) int {
	var e *transport.Error
	if !errors.As(err, &e) {
		e = internalError()
	}
	return writeError(w, e)
}

// errorBody is Cognito's error document.
type errorBody struct {
	Type    string `json:"__type"`
	Message string `json:"message,omitempty"`
}

// writeError answers with e in Cognito's shape and returns the status sent.
func writeError(w http.ResponseWriter, e *transport.Error) int {
	code := e.Code
	if code == "" {
		code = transport.ErrInternal.Error()
	}
	status := e.StatusCode
	if status < 400 || status > 599 {
		status = transport.StatusFor(code)
	}
	ns := modelNamespace
	if code == transport.ErrSerialization.Error() || code == transport.ErrUnknownOperation.Error() {
		ns = protocolNamespace
	}
	h := w.Header()
	h.Set("X-Amzn-ErrorType", code+":"+ns)
	if e.Message != "" {
		h.Set("X-Amzn-ErrorMessage", headerSafe(e.Message))
	}
	// Marshalling two strings cannot fail.
	body, _ := json.Marshal(errorBody{Type: code, Message: e.Message})
	writeJSON(w, status, body)
	return status
}

// writeJSON sends an AWS JSON 1.1 document.
func writeJSON(w http.ResponseWriter, status int, body []byte) {
	h := w.Header()
	h.Set("Content-Type", contentTypeAWSJSON)
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// headerSafe makes a message fit for a header value: printable ASCII only
// (any other character becomes '?'), cut to maxHeaderMessage bytes.
func headerSafe(s string) string {
	var b strings.Builder
	for _, r := range s {
		if b.Len() >= maxHeaderMessage {
			break
		}
		if r < 0x20 || r > 0x7e {
			r = '?'
		}
		b.WriteByte(byte(r))
	}
	return b.String()
}
