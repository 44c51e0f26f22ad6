package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

// rawResponse reads one HTTP response from c and returns its status and
// Cognito error type.
func rawResponse(t *testing.T, c net.Conn) (int, string) {
	t.Helper()
	_ = c.SetReadDeadline(time.Now().Add(10 * time.Second))
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatalf("no readable answer: %v", err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	var e struct {
		Type string `json:"__type"`
	}
	if err := json.Unmarshal(body, &e); err != nil {
		t.Fatalf("status %d, not a JSON error (%q): %v", resp.StatusCode, body, err)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/x-amz-json-1.1" {
		t.Fatalf("Content-Type %q", ct)
	}
	return resp.StatusCode, e.Type
}

func dialServer(t *testing.T, url string) net.Conn {
	t.Helper()
	c, err := net.Dial("tcp", strings.TrimPrefix(url, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

const apiHeaders = "POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-amz-json-1.1\r\n" +
	"X-Amz-Target: AWSCognitoIdentityProviderService.ListUserPools\r\n"

// TestServeLimits: every refusal of a misbehaving client is a
// Cognito-shaped JSON error the client can read.
func TestServeLimits(t *testing.T) {
	s := serveInProcess(t, "--read-header-timeout", "300ms", "--read-timeout", "600ms",
		"--max-header-bytes", "4096", "--max-body-bytes", "1024")

	t.Run("body at one byte per 100 ms is cut off", func(t *testing.T) {
		c := dialServer(t, s.url)
		start := time.Now()
		if _, err := io.WriteString(c, apiHeaders+"Content-Length: 100\r\n\r\n{"); err != nil {
			t.Fatal(err)
		}
		go func() {
			for range 99 {
				time.Sleep(100 * time.Millisecond)
				if _, err := c.Write([]byte(" ")); err != nil {
					return
				}
			}
		}()
		status, code := rawResponse(t, c)
		if status != 400 || code != "SerializationException" {
			t.Fatalf("%d %s, want 400 SerializationException", status, code)
		}
		if d := time.Since(start); d > 5*time.Second {
			t.Fatalf("cut off only after %v", d)
		}
	})
	t.Run("headers over the limit", func(t *testing.T) {
		c := dialServer(t, s.url)
		go io.WriteString(c, apiHeaders+"X-Big: "+strings.Repeat("a", 64<<10)+"\r\n\r\n")
		status, code := rawResponse(t, c)
		if status != http.StatusRequestHeaderFieldsTooLarge || code != "RequestHeaderFieldsTooLargeException" {
			t.Fatalf("%d %s, want 431 as JSON", status, code)
		}
	})
	t.Run("malformed request line", func(t *testing.T) {
		c := dialServer(t, s.url)
		io.WriteString(c, "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n")
		status, code := rawResponse(t, c)
		if status != 400 || code != "SerializationException" {
			t.Fatalf("%d %s, want 400 as JSON", status, code)
		}
	})
	t.Run("slow headers", func(t *testing.T) {
		c := dialServer(t, s.url)
		io.WriteString(c, "POST / HTTP/1.1\r\nHost: x\r\n")
		status, code := rawResponse(t, c)
		if status != http.StatusRequestTimeout || code != "RequestTimeoutException" {
			t.Fatalf("%d %s, want 408 as JSON", status, code)
		}
	})
	t.Run("oversized body from a client still writing it", func(t *testing.T) {
		c := dialServer(t, s.url)
		const size = 3 << 20
		wrote := make(chan error, 1)
		go func() {
			_, err := io.WriteString(c, apiHeaders+"Content-Length: "+strconv.Itoa(size)+"\r\n\r\n")
			if err == nil {
				_, err = io.Copy(c, io.LimitReader(zeros{}, size))
			}
			wrote <- err
		}()
		status, code := rawResponse(t, c)
		if status != 400 || code != "SerializationException" {
			t.Fatalf("%d %s, want 400 SerializationException", status, code)
		}
		if err := <-wrote; err != nil {
			t.Fatalf("the client could not finish writing: %v", err)
		}
	})
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// idleConns is how many connections TestServeIdleTimeout leaves idle; the
// probe of docs/benchmarks.md is -idle-conns 2000.
var idleConns = flag.Int("idle-conns", 50, "keep-alive connections TestServeIdleTimeout leaves idle")

// TestServeIdleTimeout: idle keep-alive connections are closed.
func TestServeIdleTimeout(t *testing.T) {
	s := serveInProcess(t, "--idle-timeout", "200ms")
	var conns []net.Conn
	for range *idleConns {
		c := dialServer(t, s.url)
		io.WriteString(c, "GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
		r := bufio.NewReader(c)
		resp, err := http.ReadResponse(r, nil)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		conns = append(conns, c)
	}
	time.Sleep(time.Second)
	start := time.Now()
	for i, c := range conns {
		_ = c.SetReadDeadline(time.Now().Add(2 * time.Second))
		if _, err := c.Read(make([]byte, 1)); !errors.Is(err, io.EOF) {
			t.Fatalf("connection %d still open after the idle timeout: %v", i, err)
		}
	}
	t.Logf("%d idle keep-alive connections all closed by the server (checked %v after 1 s idle)", len(conns), time.Since(start).Round(time.Millisecond))
}
