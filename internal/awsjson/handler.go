package awsjson

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/gocognito/gocognito/internal/uuid"
	"github.com/gocognito/gocognito/transport"
)

// TargetPrefix is what X-Amz-Target carries before the operation name.
const TargetPrefix = "AWSCognitoIdentityProviderService."

// DefaultMaxBodyBytes is the request body limit when Options leaves it zero.
const DefaultMaxBodyBytes = 1 << 20

const contentTypeAWSJSON = "application/x-amz-json-1.1"

// Options tunes NewHandler. The zero value is ready to use.
type Options struct {
	// MaxBodyBytes bounds a request body; 0 or less means DefaultMaxBodyBytes.
	// A larger body is refused with 400 SerializationException.
	MaxBodyBytes int64
	// Logger receives one line per request (see NewHandler); nil discards.
	Logger *slog.Logger
	// RequestID makes the x-amzn-RequestId of each response; nil makes random
	// UUID-shaped ids from crypto/rand.
	RequestID func() string
	// Now is the clock for request durations; nil means time.Now.
	Now func() time.Time
}

// NewHandler serves target over Cognito's AWS JSON 1.1 protocol.
//
// A call is POST / with X-Amz-Target set to TargetPrefix followed by the name
// of a method of transport.Cognito, and a JSON body of that method's input.
// The answer is the method's output as JSON, or Cognito's error document
// ({"__type":..., "message":...} with X-Amzn-ErrorType and
// X-Amzn-ErrorMessage) with the status of the returned *transport.Error.
// Every response carries x-amzn-RequestId and the CORS headers a browser on
// another origin needs; OPTIONS on any path answers a CORS preflight.
//
// Signatures are not checked: the Authorization header of a SigV4-signed
// request is ignored, so signed and unsigned calls both work.
//
// Bad requests get Cognito-shaped 4xx answers and never reach target:
// malformed JSON or a wrongly typed field, a body over the limit: 400
// SerializationException; a missing or unknown X-Amz-Target, or a
// Content-Type other than application/x-amz-json-1.1 or application/json:
// 400 UnknownOperationException; a method other than POST or OPTIONS, or a
// path other than /: 404 UnknownOperationException. A missing Content-Type
// and an empty body (taken as {}) are accepted. Checking required fields is
// target's job.
//
// An error from target that holds no *transport.Error, and a panic in
// target, are bugs: the client gets 500 InternalErrorException with a
// generic message, and the logger gets the details.
//
// Each request is logged once: operation, status, duration, request id and
// error code. Bodies are never logged, so passwords, codes and tokens never
// reach the log.
//
// NewHandler panics if target is nil, as http.Handle does for a nil handler.
func NewHandler(target transport.Cognito, opts Options) http.Handler {
	if target == nil {
		panic("awsjson: nil target")
	}
	if opts.MaxBodyBytes <= 0 {
		opts.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.RequestID == nil {
		opts.RequestID = uuid.Random
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	return &handler{target: target, opts: opts}
}

type handler struct {
	target transport.Cognito
	opts   Options
}

// outcome is what the log line of a request reports.
type outcome struct {
	op     string
	status int
	code   string
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := h.opts.Now()
	id := h.opts.RequestID()
	w.Header().Set("X-Amzn-RequestId", id)
	AllowCrossOrigin(w.Header())

	var out outcome // serve fills it in as it learns, so a panic still logs the operation
	defer func() {
		if v := recover(); v != nil {
			h.opts.Logger.LogAttrs(r.Context(), slog.LevelError, "awsjson: panic in target",
				slog.String("op", out.op), slog.String("request_id", id),
				slog.String("panic", fmt.Sprint(v)), slog.String("stack", string(debug.Stack())))
			out.status, out.code = writeError(w, internalError()), transport.ErrInternal.Error()
		}
		h.log(r.Context(), out, id, h.opts.Now().Sub(start))
	}()
	h.serve(w, r, id, &out)
}

// serve answers one request and records how in out.
func (h *handler) serve(w http.ResponseWriter, r *http.Request, id string, out *outcome) {
	if r.Method == http.MethodOptions {
		preflight(w.Header(), r)
		w.Header().Set("Content-Length", "0")
		w.WriteHeader(http.StatusOK)
		*out = outcome{op: "preflight", status: http.StatusOK}
		return
	}
	fail := func(e *transport.Error) {
		out.status, out.code = writeError(w, e), e.Code
	}
	if r.URL.Path != "/" || r.Method != http.MethodPost {
		fail(unknownOperation(http.StatusNotFound, "Cognito operations are POST requests to /."))
		return
	}
	if !acceptedContentType(r.Header.Get("Content-Type")) {
		fail(unknownOperation(http.StatusBadRequest, "Unsupported Content-Type; send "+contentTypeAWSJSON+"."))
		return
	}
	target := r.Header.Get("X-Amz-Target")
	name, ok := strings.CutPrefix(target, TargetPrefix)
	run := operations[name]
	if !ok || run == nil {
		fail(unknownOperation(http.StatusBadRequest, unknownTargetMessage(target, name, ok)))
		return
	}
	out.op = name
	if r.ContentLength > h.opts.MaxBodyBytes {
		h.refuseBody(w, r, r.Body, fail)
		return
	}
	raw := r.Body
	body, err := io.ReadAll(http.MaxBytesReader(w, raw, h.opts.MaxBodyBytes))
	if err != nil {
		var big *http.MaxBytesError
		if errors.As(err, &big) {
			h.refuseBody(w, r, raw, fail)
		} else {
			// A body cut off by the server's read timeout, or by the client.
			w.Header().Set("Connection", "close")
			fail(serializationError("Could not read the request body."))
		}
		return
	}

	result, err := run(r.Context(), h.target, body)
	if err != nil {
		var e *transport.Error
		if !errors.As(err, &e) {
			h.opts.Logger.LogAttrs(r.Context(), slog.LevelError, "awsjson: target returned a non-Cognito error",
				slog.String("op", name), slog.String("request_id", id), slog.String("error", err.Error()))
			e = internalError()
		} else if e.StatusCode >= 500 || transport.StatusFor(e.Code) >= 500 {
			// The client learns only the code; the log keeps the cause, which
			// the target words without secrets.
			cause := "unknown"
			if e.Err != nil {
				cause = e.Err.Error()
			}
			h.opts.Logger.LogAttrs(r.Context(), slog.LevelError, "awsjson: internal error",
				slog.String("op", name), slog.String("request_id", id), slog.String("error_code", e.Code), slog.String("cause", cause))
		}
		fail(e)
		return
	}
	encoded, err := json.Marshal(result)
	if err != nil {
		h.opts.Logger.LogAttrs(r.Context(), slog.LevelError, "awsjson: cannot encode output",
			slog.String("op", name), slog.String("request_id", id), slog.String("error", err.Error()))
		fail(internalError())
		return
	}
	writeJSON(w, http.StatusOK, encoded)
	out.status = http.StatusOK
}

// log writes the one line of a request. Errors of the client are Info, as a
// fake server sees many on purpose; 5xx are Error.
func (h *handler) log(ctx context.Context, out outcome, id string, d time.Duration) {
	level := slog.LevelInfo
	if out.status >= 500 {
		level = slog.LevelError
	}
	attrs := []slog.Attr{
		slog.String("op", out.op),
		slog.Int("status", out.status),
		slog.Duration("duration", d),
		slog.String("request_id", id),
	}
	if out.code != "" {
		attrs = append(attrs, slog.String("error_code", out.code))
	}
	h.opts.Logger.LogAttrs(ctx, level, "cognito request", attrs...)
}

// maxDrain bounds how much of a refused body is read and thrown away.
const maxDrain = 64 << 20

// refuseBody answers a body over the limit with 400 SerializationException
// so that the client can read it: the rest of the body is read and thrown
// away (up to maxDrain, within the server's read timeout) before the
// connection closes. Closing with unread data would make the kernel reset
// the connection, and a client still writing would see the reset rather
// than the answer.
func (h *handler) refuseBody(w http.ResponseWriter, r *http.Request, body io.Reader, fail func(*transport.Error)) {
	w.Header().Set("Connection", "close")
	_, _ = io.Copy(io.Discard, io.LimitReader(body, maxDrain))
	fail(tooLarge(h.opts.MaxBodyBytes))
}

func tooLarge(limit int64) *transport.Error {
	return serializationError("Request body is larger than " + strconv.FormatInt(limit, 10) + " bytes.")
}

// acceptedContentType reports whether a request's Content-Type is one the
// SDKs send. An absent one is accepted for hand-written clients.
func acceptedContentType(v string) bool {
	if v == "" {
		return true
	}
	mt, _, err := mime.ParseMediaType(v)
	return err == nil && (mt == contentTypeAWSJSON || mt == "application/json")
}
