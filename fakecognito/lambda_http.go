package fakecognito

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
)

// NewWebhook returns a function that runs a trigger by HTTP: it POSTs the
// event JSON to rawURL and reads the event back, its "response" filled in,
// from a 2xx answer. Any other status is the function's failure (Cognito's
// UserLambdaValidationException), its message the errorMessage of a
// Lambda-style error body {"errorMessage": ..., "errorType": ...}, else
// the body's first line. A webhook that cannot be reached, or answers
// after the trigger timeout, fails as a Lambda that cannot be invoked
// (UnexpectedLambdaException). client nil means a client of its own that
// follows no redirects. The URL is never put in an error, since it may
// carry a secret.
func NewWebhook(rawURL string, client *http.Client) (LambdaFunc, error) {
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("fakecognito: a webhook needs an http or https URL, not %q", redactURL(rawURL))
	}
	client = httpClientOrDefault(client)
	return func(ctx context.Context, event []byte) ([]byte, error) {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, u.String(), bytes.NewReader(event))
		if err != nil {
			return nil, &InvokeError{Reason: reasonUnreachable, Err: err}
		}
		req.Header.Set("Content-Type", "application/json")
		res, err := client.Do(req)
		if err != nil {
			return nil, unreachable(err)
		}
		defer res.Body.Close()
		body, err := readBounded(res.Body)
		if err != nil {
			return nil, err
		}
		if res.StatusCode/100 != 2 {
			return nil, functionErrorFrom(body, res.Status)
		}
		return body, nil
	}, nil
}

// NewLambdaEndpoint returns an invoker that calls the Lambda Invoke API at
// endpoint (such as a local Lambda emulator: "http://127.0.0.1:3001") as
// the AWS SDK does: POST {endpoint}/2015-03-31/functions/{ARN}/invocations
// with X-Amz-Invocation-Type RequestResponse and the event as the payload.
// A function error arrives as status 200 with X-Amz-Function-Error and a
// body {"errorMessage", "errorType"}: a *FunctionError. An error of the API
// itself (ResourceNotFoundException for a function it does not have, ...)
// is an *InvokeError whose Reason is the error type. Requests are not
// signed: local emulators do not check signatures, and the fake never
// reaches real AWS. client nil means a client of its own.
func NewLambdaEndpoint(endpoint string, client *http.Client) (LambdaInvoker, error) {
	u, err := url.Parse(endpoint)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("fakecognito: a Lambda endpoint needs an http or https URL, not %q", redactURL(endpoint))
	}
	return &lambdaEndpoint{base: strings.TrimSuffix(u.String(), "/"), client: httpClientOrDefault(client)}, nil
}

type lambdaEndpoint struct {
	base   string
	client *http.Client
}

// Invoke runs the function arn with the event as its payload.
func (l *lambdaEndpoint) Invoke(ctx context.Context, arn string, event []byte) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost,
		l.base+"/2015-03-31/functions/"+escapeSegment(arn)+"/invocations", bytes.NewReader(event))
	if err != nil {
		return nil, &InvokeError{Reason: reasonUnreachable, Err: err}
	}
	req.Header.Set("X-Amz-Invocation-Type", "RequestResponse")
	req.Header.Set("Content-Type", "application/octet-stream")
	res, err := l.client.Do(req)
	if err != nil {
		return nil, unreachable(err)
	}
	defer res.Body.Close()
	body, err := readBounded(res.Body)
	if err != nil {
		return nil, err
	}
	switch {
	case res.StatusCode/100 != 2:
		return nil, &InvokeError{Reason: lambdaAPIErrorType(res, body), Err: fmt.Errorf("the Lambda API answered %s", res.Status)}
	case res.Header.Get("X-Amz-Function-Error") != "":
		return nil, functionErrorFrom(body, res.Header.Get("X-Amz-Function-Error"))
	}
	return body, nil
}

// escapeSegment percent-encodes every byte of a path segment but the
// unreserved ones of RFC 3986, as the AWS SDKs encode a function's name
// or ARN (its colons too) in the Invoke API's path.
func escapeSegment(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~' {
			b.WriteByte(c)
			continue
		}
		fmt.Fprintf(&b, "%%%02X", c)
	}
	return b.String()
}

// reasonUnreachable is the fake's reason for a function it cannot reach.
const reasonUnreachable = "Lambda function could not be reached"

// unreachable turns a failed HTTP exchange into an InvokeError, keeping
// the cause without the URL (which *url.Error would print).
func unreachable(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return &InvokeError{Reason: reasonTimeout, Err: err}
	}
	if errors.Is(err, context.Canceled) {
		return err
	}
	return &InvokeError{Reason: reasonUnreachable, Err: err}
}

// readBounded reads an answer of at most maxLambdaPayload bytes.
func readBounded(r io.Reader) ([]byte, error) {
	body, err := io.ReadAll(io.LimitReader(r, maxLambdaPayload+1))
	if err != nil {
		return nil, unreachable(err)
	}
	if len(body) > maxLambdaPayload {
		return nil, &InvokeError{Reason: "RequestTooLargeException", Err: errors.New("the answer is larger than 6 MB")}
	}
	return body, nil
}

// functionErrorFrom reads a Lambda error payload; fallback names the
// error when the body is not one.
func functionErrorFrom(body []byte, fallback string) error {
	var p struct {
		ErrorMessage string `json:"errorMessage"`
		ErrorType    string `json:"errorType"`
	}
	if json.Unmarshal(body, &p) == nil && (p.ErrorMessage != "" || p.ErrorType != "") {
		return &FunctionError{Type: p.ErrorType, Message: p.ErrorMessage}
	}
	msg, _, _ := strings.Cut(strings.TrimSpace(string(body)), "\n")
	if len(msg) > 256 {
		msg = msg[:256]
	}
	if msg == "" {
		msg = fallback
	}
	return &FunctionError{Type: fallback, Message: msg}
}

// lambdaAPIErrorType names an error of the Lambda API itself, from
// X-Amzn-ErrorType or the body's __type or Type, as the SDKs read it.
func lambdaAPIErrorType(res *http.Response, body []byte) string {
	if t := res.Header.Get("X-Amzn-ErrorType"); t != "" {
		t, _, _ = strings.Cut(t, ":")
		return t
	}
	var p struct {
		Type string `json:"__type"`
	}
	if json.Unmarshal(body, &p) == nil && p.Type != "" {
		if i := strings.LastIndexByte(p.Type, '#'); i >= 0 {
			return p.Type[i+1:]
		}
		return p.Type
	}
	switch res.StatusCode {
	case http.StatusNotFound:
		return reasonNotFound
	case http.StatusTooManyRequests:
		return "TooManyRequestsException"
	}
	return "ServiceException"
}

func httpClientOrDefault(c *http.Client) *http.Client {
	if c != nil {
		return c
	}
	return &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// redactURL shows a URL without what may be secret in it: user
// information, query and fragment.
func redactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "[unparsable URL]"
	}
	u.User, u.RawQuery, u.Fragment, u.RawFragment = nil, "", "", ""
	return u.String()
}
