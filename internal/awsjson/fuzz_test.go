package awsjson

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
)

// FuzzHandler throws arbitrary methods, paths, targets, content types and
// bodies at the handler over a target that never fails: every answer must be
// a Cognito-shaped 2xx or 4xx, never a 5xx and never a panic.
func FuzzHandler(f *testing.F) {
	seeds := []struct{ method, path, target, ctype, body string }{
		{"POST", "/", TargetPrefix + "InitiateAuth", contentTypeAWSJSON, `{"AuthFlow":"USER_SRP_AUTH","ClientId":"c","AuthParameters":{"USERNAME":"u","SRP_A":"ab"}}`},
		{"POST", "/", TargetPrefix + "RespondToAuthChallenge", contentTypeAWSJSON, `{"ChallengeResponses":{"TIMESTAMP":"Tue Mar 5 07:08:09 UTC 2024"}}`},
		{"POST", "/", TargetPrefix + "CreateUserPool", "application/json", `{"PoolName":"p","Policies":{"PasswordPolicy":{"MinimumLength":8}},"Schema":[{"Name":"email","Mutable":true}]}`},
		{"POST", "/", TargetPrefix + "AdminCreateUser", "", `{"UserAttributes":[{"Name":"email","Value":"a@b.c"}]}`},
		{"POST", "/", TargetPrefix + "ListUsers", contentTypeAWSJSON, `{"Limit":99999999999}`},
		{"POST", "/", TargetPrefix + "SetUserPoolMfaConfig", contentTypeAWSJSON, `{"SoftwareTokenMfaConfiguration":{"Enabled":"yes"}}`},
		{"POST", "/", TargetPrefix + "GetUser", contentTypeAWSJSON, ``},
		{"POST", "/", TargetPrefix + "Nope", contentTypeAWSJSON, `{}`},
		{"POST", "/", "", "text/plain", `{}`},
		{"GET", "/", "", "", ``},
		{"OPTIONS", "/x", "", "", ``},
		{"POST", "/", TargetPrefix + "InitiateAuth", contentTypeAWSJSON, `{"a":[[[[[[[[[[]]]]]]]]]]}`},
		{"POST", "/", TargetPrefix + "InitiateAuth", contentTypeAWSJSON, "{\"ClientId\":\"\xff\xfe\"}"},
		{"POST", "/", TargetPrefix + "InitiateAuth", contentTypeAWSJSON, `{} trailing`},
	}
	for _, s := range seeds {
		f.Add(s.method, s.path, s.target, s.ctype, []byte(s.body))
	}
	f.Fuzz(func(t *testing.T, method, path, target, ctype string, body []byte) {
		h := NewHandler(&recorder{}, Options{MaxBodyBytes: 4096})
		r := httptest.NewRequest(http.MethodPost, "/", nil)
		r.Method, r.URL.Path = method, path
		r.Body, r.ContentLength = io.NopCloser(bytes.NewReader(body)), int64(len(body))
		r.Header.Set("X-Amz-Target", target)
		r.Header.Set("Content-Type", ctype)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)

		if w.Code >= 500 || w.Code < 200 {
			t.Fatalf("status %d for %q %q %q %q %q: %s", w.Code, method, path, target, ctype, body, w.Body)
		}
		if w.Header().Get("X-Amzn-RequestId") == "" {
			t.Fatal("no request id")
		}
		if method == http.MethodOptions {
			return
		}
		if !json.Valid(w.Body.Bytes()) {
			t.Fatalf("answer is not JSON: %q", w.Body)
		}
		if w.Code != http.StatusOK {
			var e errorBody
			if err := json.Unmarshal(w.Body.Bytes(), &e); err != nil || e.Type == "" {
				t.Fatalf("error answer is not Cognito-shaped: %q", w.Body)
			}
		}
	})
}
