package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net"
	"net/http"
	"os"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// The limits of `gocognito serve` (docs/cli.md, docs/security.md): people
// point load tests at it and leave it running for days, so a slow or
// oversized client must not hold a connection or memory without end.
const (
	defaultReadHeaderTimeout = 10 * time.Second
	defaultReadTimeout       = 30 * time.Second
	defaultWriteTimeout      = 30 * time.Second
	defaultIdleTimeout       = 30 * time.Second
	defaultMaxHeaderBytes    = 64 << 10
	defaultMaxBodyBytes      = 1 << 20
)

// Go's server answers some refusals itself, before any handler, as
// text/plain: headers over the limit (431) and malformed requests (400).
// It writes each in one piece straight to the connection, in this shape:
// "HTTP/1.1 431 Request Header Fields Too Large" + goErrorHeaders + text.
// refusalConn turns those into Cognito's JSON error shape, so that an AWS
// SDK reads a Cognito error rather than failing to parse text. It also
// answers a request whose headers did not arrive within the read-header
// timeout (Go closes such connections without a word) with a JSON 408.
const goErrorHeaders = "\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n"

// refusalListener wraps every accepted connection in a refusalConn.
type refusalListener struct{ net.Listener }

func (l refusalListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return &refusalConn{Conn: c}, nil
}

// refusalConn is a server connection that rewrites Go's text refusals.
type refusalConn struct {
	net.Conn
	// pending counts bytes read since the last answer: a request has
	// begun arriving. inHandler is set while a handler serves a request
	// on this connection (serve's handler marks it).
	pending   atomic.Int64
	inHandler atomic.Bool
	mu        sync.Mutex // serializes writes
}

func (c *refusalConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	c.pending.Add(int64(n))
	if err != nil && errors.Is(err, os.ErrDeadlineExceeded) && !c.inHandler.Load() && c.pending.Load() > 0 {
		// Headers too slow: Go will close silently; tell the client why.
		c.writeJSON(http.StatusRequestTimeout, "RequestTimeoutException", "The request headers did not arrive in time.")
	}
	return n, err
}

func (c *refusalConn) Write(p []byte) (int, error) {
	if status, msg, ok := goRefusal(p); ok {
		code := "SerializationException"
		if status == http.StatusRequestHeaderFieldsTooLarge {
			code = "RequestHeaderFieldsTooLargeException"
		}
		c.writeJSON(status, code, msg)
		return len(p), nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.pending.Store(0)
	return c.Conn.Write(p)
}

// writeJSON writes a whole Cognito-shaped error response and ends the
// exchange (the connection closes after it).
func (c *refusalConn) writeJSON(status int, code, msg string) {
	body, _ := json.Marshal(map[string]string{"__type": code, "message": msg})
	var b bytes.Buffer
	b.WriteString("HTTP/1.1 " + strconv.Itoa(status) + " " + http.StatusText(status) + "\r\n")
	b.WriteString("Content-Type: application/x-amz-json-1.1\r\n")
	b.WriteString("X-Amzn-ErrorType: " + code + ":http://internal.amazon.com/coral/com.amazon.coral.service/\r\n")
	b.WriteString("Content-Length: " + strconv.Itoa(len(body)) + "\r\nConnection: close\r\n\r\n")
	b.Write(body)
	c.mu.Lock()
	defer c.mu.Unlock()
	_ = c.Conn.SetWriteDeadline(time.Now().Add(time.Second))
	_, _ = c.Conn.Write(b.Bytes())
	c.pending.Store(0)
}

// goRefusal recognizes one of Go's own text refusals and returns its status
// and text.
func goRefusal(p []byte) (int, string, bool) {
	rest, ok := bytes.CutPrefix(p, []byte("HTTP/1.1 "))
	if !ok || len(rest) < 4 || rest[3] != ' ' {
		return 0, "", false
	}
	status, err := strconv.Atoi(string(rest[:3]))
	if err != nil || status < 400 || status > 599 {
		return 0, "", false
	}
	_, text, ok := bytes.Cut(rest, []byte(goErrorHeaders))
	if !ok || bytes.Contains(rest[:bytes.Index(rest, []byte(goErrorHeaders))], []byte("\r\n")) {
		return 0, "", false
	}
	return status, string(text), true
}

// connKey finds a request's refusalConn in its context.
type connKey struct{}

// connContext is http.Server.ConnContext: it lets the handler mark its
// connection busy.
func connContext(ctx context.Context, c net.Conn) context.Context {
	if rc, ok := c.(*refusalConn); ok {
		return context.WithValue(ctx, connKey{}, rc)
	}
	return ctx
}

// markHandling wraps h so that a read timeout while a handler reads a body
// is the handler's to answer, not the connection's.
func markHandling(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if rc, ok := r.Context().Value(connKey{}).(*refusalConn); ok {
			rc.inHandler.Store(true)
			defer rc.inHandler.Store(false)
		}
		h.ServeHTTP(w, r)
	})
}
