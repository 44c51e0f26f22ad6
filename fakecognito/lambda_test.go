package fakecognito

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/gocognito/gocognito/transport"
)

const (
	testARN      = "arn:aws:lambda:us-east-1:123456789012:function:trigger"
	otherTestARN = "arn:aws:lambda:us-east-1:123456789012:function:other"
)

// echoResponse is a function that sets the event's response to resp.
func echoResponse(resp string) LambdaFunc {
	return func(_ context.Context, event []byte) ([]byte, error) {
		var ev map[string]json.RawMessage
		if err := json.Unmarshal(event, &ev); err != nil {
			return nil, err
		}
		ev["response"] = json.RawMessage(resp)
		return json.Marshal(ev)
	}
}

type testTriggerResponse struct {
	AutoConfirmUser bool `json:"autoConfirmUser"`
}

func TestCallTriggerOutcomes(t *testing.T) {
	slow := func(ctx context.Context, _ []byte) ([]byte, error) {
		time.Sleep(200 * time.Millisecond) // ignores ctx, as a stuck Lambda would
		return []byte(`{}`), nil
	}
	tests := []struct {
		name     string
		lc       *transport.LambdaConfig
		fn       LambdaFunc
		invoker  LambdaInvoker
		wantRan  bool
		wantCode string
		wantMsg  string
		wantAuto bool
	}{
		{name: "no trigger configured", lc: nil, wantRan: false},
		{name: "other trigger configured", lc: &transport.LambdaConfig{PostConfirmation: testARN}, fn: echoResponse(`{}`), wantRan: false},
		{name: "response decoded", lc: &transport.LambdaConfig{PreSignUp: testARN}, fn: echoResponse(`{"autoConfirmUser":true}`), wantRan: true, wantAuto: true},
		{name: "null response", lc: &transport.LambdaConfig{PreSignUp: testARN}, fn: echoResponse(`null`), wantRan: true},
		{
			name: "thrown error", lc: &transport.LambdaConfig{PreSignUp: testARN},
			fn:      func(context.Context, []byte) ([]byte, error) { return nil, errors.New("Not allowed.") },
			wantRan: true, wantCode: "UserLambdaValidationException", wantMsg: "PreSignUp failed with error Not allowed..",
		},
		{
			name: "function error", lc: &transport.LambdaConfig{PreSignUp: testARN},
			fn: func(context.Context, []byte) ([]byte, error) {
				return nil, &FunctionError{Type: "Error", Message: "domain not allowed"}
			},
			wantRan: true, wantCode: "UserLambdaValidationException", wantMsg: "PreSignUp failed with error domain not allowed.",
		},
		{
			name: "no such function", lc: &transport.LambdaConfig{PreSignUp: otherTestARN}, fn: echoResponse(`{}`),
			wantRan: true, wantCode: "UnexpectedLambdaException", wantMsg: "PreSignUp invocation failed due to error ResourceNotFoundException.",
		},
		{
			name: "timeout", lc: &transport.LambdaConfig{PreSignUp: testARN}, fn: slow,
			wantRan: true, wantCode: "UnexpectedLambdaException", wantMsg: "PreSignUp invocation failed due to error Socket timeout while invoking Lambda function.",
		},
		{
			name: "not JSON", lc: &transport.LambdaConfig{PreSignUp: testARN},
			fn:      func(context.Context, []byte) ([]byte, error) { return []byte("ok"), nil },
			wantRan: true, wantCode: "InvalidLambdaResponseException", wantMsg: msgLambdaInvalidJSON,
		},
		{
			name: "response of the wrong shape", lc: &transport.LambdaConfig{PreSignUp: testARN}, fn: echoResponse(`{"autoConfirmUser":"yes"}`),
			wantRan: true, wantCode: "InvalidLambdaResponseException", wantMsg: msgLambdaUnrecognizable,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := New(Options{LambdaTimeout: 50 * time.Millisecond, LambdaInvoker: tc.invoker})
			pool := f.MustCreatePool(transport.CreateUserPoolInput{PoolName: "p", PoolSettings: transport.PoolSettings{LambdaConfig: tc.lc}})
			if tc.fn != nil {
				f.SetLambda(testARN, tc.fn)
			}
			var got events.CognitoEventUserPoolsPreSignup
			f.SetLambda(otherTestARN, nil)
			capture := tc.fn
			if capture != nil {
				f.SetLambda(testARN, func(ctx context.Context, ev []byte) ([]byte, error) {
					if err := json.Unmarshal(ev, &got); err != nil {
						t.Errorf("the event does not decode as aws-lambda-go's: %v", err)
					}
					return capture(ctx, ev)
				})
			}
			ev := newTriggerEvent("PreSignUp_SignUp", "alice", "client1",
				events.CognitoEventUserPoolsPreSignupRequest{UserAttributes: map[string]string{"email": "a@example.com"}},
				testTriggerResponse{})
			var out testTriggerResponse
			ran, err := f.callTrigger(context.Background(), pool.ID, TriggerPreSignUp, ev, &out)
			if ran != tc.wantRan {
				t.Fatalf("ran = %v, want %v", ran, tc.wantRan)
			}
			if tc.wantCode != "" {
				wantErr(t, err, tc.wantCode, tc.wantMsg)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if out.AutoConfirmUser != tc.wantAuto {
				t.Errorf("autoConfirmUser = %v, want %v", out.AutoConfirmUser, tc.wantAuto)
			}
			if tc.wantRan && tc.fn != nil && (got.Version != "1" || got.TriggerSource != "PreSignUp_SignUp" || got.Region != "us-east-1" ||
				got.UserPoolID != pool.ID || got.UserName != "alice" || got.CallerContext.ClientID != "client1" ||
				got.CallerContext.AWSSDKVersion == "" || got.Request.UserAttributes["email"] != "a@example.com") {
				t.Errorf("event = %+v", got)
			}
		})
	}
}

func TestCallTriggerUnknownPool(t *testing.T) {
	f := New(Options{})
	_, err := f.callTrigger(context.Background(), "us-east-1_Nope", TriggerPreSignUp, newTriggerEvent("PreSignUp_SignUp", "a", "", nil, nil), nil)
	wantErr(t, err, "ResourceNotFoundException", "")
}

func TestLambdaConfigStored(t *testing.T) {
	tests := []struct {
		name     string
		in       *transport.LambdaConfig
		tier     string
		want     *transport.LambdaConfig
		wantCode string
	}{
		{name: "legacy pre token generation shows as V1_0", in: &transport.LambdaConfig{PreTokenGeneration: testARN},
			want: &transport.LambdaConfig{PreTokenGeneration: testARN, PreTokenGenerationConfig: &transport.PreTokenGenerationConfig{LambdaVersion: "V1_0", LambdaArn: testARN}}},
		{name: "V2_0 config", in: &transport.LambdaConfig{PreSignUp: testARN, PreTokenGenerationConfig: &transport.PreTokenGenerationConfig{LambdaVersion: "V2_0", LambdaArn: testARN}},
			want: &transport.LambdaConfig{PreSignUp: testARN, PreTokenGenerationConfig: &transport.PreTokenGenerationConfig{LambdaVersion: "V2_0", LambdaArn: testARN}}},
		{name: "V2_0 on LITE", tier: transport.TierLite, in: &transport.LambdaConfig{PreTokenGenerationConfig: &transport.PreTokenGenerationConfig{LambdaVersion: "V2_0", LambdaArn: testARN}},
			wantCode: "FeatureUnavailableInTierException"},
		{name: "unknown version", in: &transport.LambdaConfig{PreTokenGenerationConfig: &transport.PreTokenGenerationConfig{LambdaVersion: "V9_0", LambdaArn: testARN}},
			wantCode: "InvalidParameterException"},
		{name: "two different pre token functions", in: &transport.LambdaConfig{PreTokenGeneration: otherTestARN, PreTokenGenerationConfig: &transport.PreTokenGenerationConfig{LambdaVersion: "V1_0", LambdaArn: testARN}},
			wantCode: "InvalidParameterException"},
		{name: "not an ARN", in: &transport.LambdaConfig{PreSignUp: "my-function-name-here"}, wantCode: "InvalidParameterException"},
		{name: "sender of version V2_0", in: &transport.LambdaConfig{CustomSMSSender: &transport.SenderLambdaConfig{LambdaVersion: "V2_0", LambdaArn: testARN}},
			wantCode: "InvalidParameterException"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := New(Options{})
			out, err := f.CreateUserPool(context.Background(), &transport.CreateUserPoolInput{PoolName: "p",
				PoolSettings: transport.PoolSettings{UserPoolTier: tc.tier, LambdaConfig: tc.in}})
			if tc.wantCode != "" {
				wantErr(t, err, tc.wantCode, "")
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			d, err := f.DescribeUserPool(context.Background(), &transport.PoolRef{UserPoolID: out.UserPool.ID})
			if err != nil {
				t.Fatal(err)
			}
			got, _ := json.Marshal(d.UserPool.LambdaConfig)
			want, _ := json.Marshal(tc.want)
			if string(got) != string(want) {
				t.Errorf("LambdaConfig = %s, want %s", got, want)
			}
			// Save and Load keep it.
			var saved bytes.Buffer
			if err := f.Save(&saved); err != nil {
				t.Fatal(err)
			}
			g := New(Options{})
			if err := g.Load(&saved); err != nil {
				t.Fatal(err)
			}
			d2, err := g.DescribeUserPool(context.Background(), &transport.PoolRef{UserPoolID: out.UserPool.ID})
			if err != nil {
				t.Fatal(err)
			}
			if got2, _ := json.Marshal(d2.UserPool.LambdaConfig); string(got2) != string(want) {
				t.Errorf("after Save and Load, LambdaConfig = %s, want %s", got2, want)
			}
			// UpdateUserPool without LambdaConfig removes the triggers, as
			// every setting left out of it returns to its default.
			if _, err := f.UpdateUserPool(context.Background(), &transport.UpdateUserPoolInput{UserPoolID: out.UserPool.ID}); err != nil {
				t.Fatal(err)
			}
			d, _ = f.DescribeUserPool(context.Background(), &transport.PoolRef{UserPoolID: out.UserPool.ID})
			if d.UserPool.LambdaConfig != nil {
				t.Errorf("after UpdateUserPool without it, LambdaConfig = %+v", d.UserPool.LambdaConfig)
			}
		})
	}
}

func TestTriggerHookVersion(t *testing.T) {
	tests := []struct {
		name        string
		tier        string
		lc          *transport.LambdaConfig
		hookVersion string
		want        string
	}{
		{name: "hook version for a pool that names none", hookVersion: "V2_0", want: "V2_0"},
		{name: "V1_0 by default", want: "V1_0"},
		{name: "the pool's own version wins", hookVersion: "V3_0",
			lc: &transport.LambdaConfig{PreTokenGenerationConfig: &transport.PreTokenGenerationConfig{LambdaVersion: "V2_0", LambdaArn: testARN}}, want: "V2_0"},
		{name: "a LITE pool gets V1_0", tier: transport.TierLite, hookVersion: "V2_0", want: "V1_0"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := New(Options{TriggerHooks: map[string]TriggerHook{TriggerPreTokenGeneration: {Func: echoResponse(`{}`), LambdaVersion: tc.hookVersion}}})
			pool := f.MustCreatePool(transport.CreateUserPoolInput{PoolName: "p", PoolSettings: transport.PoolSettings{UserPoolTier: tc.tier, LambdaConfig: tc.lc}})
			rt, ok, err := f.lookupTrigger(pool.ID, TriggerPreTokenGeneration)
			if err != nil || !ok {
				t.Fatalf("lookupTrigger = %v, %v", ok, err)
			}
			if rt.version != tc.want || rt.via != "hook" {
				t.Errorf("version %q via %s, want %q via hook", rt.version, rt.via, tc.want)
			}
		})
	}
}
