package engine_test

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"io"
	"sync"
	"testing"
	"time"

	"github.com/gocognito/gocognito/engine"
	"github.com/gocognito/gocognito/fakecognito"
	"github.com/gocognito/gocognito/srp"
	"github.com/gocognito/gocognito/transport"
)

// This file is a scripted Cognito for unit tests: a list of expected calls,
// each with checks of what the engine sent and a reply. SRP answers are
// checked with package srp's server side, so a signature over the wrong
// name, password, secret block or timestamp fails as it would on Cognito.

const (
	testPoolID   = "us-east-1_AbC123"
	testPoolName = "AbC123"
	testClientID = "client1"
	testSecret   = "clientsecret"
)

// detRand is a deterministic random source for tests only: SHA-256 in
// counter mode over a seed. Never use it for real secrets.
type detRand struct {
	mu   sync.Mutex
	seed string
	ctr  uint64
	buf  []byte
}

func newRand(seed string) *detRand { return &detRand{seed: seed} }

func (r *detRand) Read(p []byte) (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for len(r.buf) < len(p) {
		var c [8]byte
		binary.BigEndian.PutUint64(c[:], r.ctr)
		r.ctr++
		h := sha256.Sum256(append([]byte(r.seed), c[:]...))
		r.buf = append(r.buf, h[:]...)
	}
	n := copy(p, r.buf)
	r.buf = r.buf[n:]
	return n, nil
}

func newClock() *fakecognito.Clock {
	return fakecognito.NewClock(time.Date(2024, 3, 5, 7, 8, 9, 0, time.UTC))
}

// step is one expected call: op is the operation name, check asserts the
// request, reply answers it.
type step struct {
	op    string
	check func(t *testing.T, in any)
	reply func(ctx context.Context, in any) (any, error)
}

// scripted implements transport.Authenticator, transport.MFASetup and
// transport.Devices by playing steps in order.
type scripted struct {
	t     *testing.T
	mu    sync.Mutex
	steps []step
	next  int
	calls []string
}

func newScript(t *testing.T, steps ...step) *scripted { return &scripted{t: t, steps: steps} }

func (s *scripted) add(steps ...step) {
	s.mu.Lock()
	s.steps = append(s.steps, steps...)
	s.mu.Unlock()
}

func (s *scripted) do(ctx context.Context, op string, in any) (any, error) {
	s.t.Helper()
	s.mu.Lock()
	s.calls = append(s.calls, op)
	if s.next >= len(s.steps) {
		s.mu.Unlock()
		s.t.Errorf("unexpected call %s %v", op, in)
		return nil, transport.NewError("InternalErrorException", "script exhausted")
	}
	st := s.steps[s.next]
	s.next++
	s.mu.Unlock()
	if st.op != op {
		s.t.Errorf("call %d: got %s, want %s", s.next, op, st.op)
		return nil, transport.NewError("InternalErrorException", "wrong call")
	}
	if st.check != nil {
		st.check(s.t, in)
	}
	return st.reply(ctx, in)
}

// done asserts that every step was played.
func (s *scripted) done() {
	s.t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.next != len(s.steps) {
		s.t.Errorf("%d of %d scripted calls made (%v)", s.next, len(s.steps), s.calls)
	}
}

func (s *scripted) ncalls() int { s.mu.Lock(); defer s.mu.Unlock(); return len(s.calls) }

func call[O any](s *scripted, ctx context.Context, op string, in any) (*O, error) {
	out, err := s.do(ctx, op, in)
	if err != nil {
		return nil, err
	}
	o, ok := out.(*O)
	if !ok {
		s.t.Errorf("%s: script replied %T", op, out)
		return nil, transport.NewError("InternalErrorException", "bad reply")
	}
	return o, nil
}

func (s *scripted) InitiateAuth(ctx context.Context, in *transport.InitiateAuthInput) (*transport.InitiateAuthOutput, error) {
	return call[transport.ChallengeOutput](s, ctx, "InitiateAuth", in)
}

func (s *scripted) RespondToAuthChallenge(ctx context.Context, in *transport.RespondToAuthChallengeInput) (*transport.RespondToAuthChallengeOutput, error) {
	return call[transport.ChallengeOutput](s, ctx, "RespondToAuthChallenge", in)
}

func (s *scripted) AssociateSoftwareToken(ctx context.Context, in *transport.AssociateSoftwareTokenInput) (*transport.AssociateSoftwareTokenOutput, error) {
	return call[transport.AssociateSoftwareTokenOutput](s, ctx, "AssociateSoftwareToken", in)
}

func (s *scripted) VerifySoftwareToken(ctx context.Context, in *transport.VerifySoftwareTokenInput) (*transport.VerifySoftwareTokenOutput, error) {
	return call[transport.VerifySoftwareTokenOutput](s, ctx, "VerifySoftwareToken", in)
}

func (s *scripted) SetUserMFAPreference(ctx context.Context, in *transport.SetUserMFAPreferenceInput) (*transport.Empty, error) {
	return call[transport.Empty](s, ctx, "SetUserMFAPreference", in)
}

func (s *scripted) ConfirmDevice(ctx context.Context, in *transport.ConfirmDeviceInput) (*transport.ConfirmDeviceOutput, error) {
	return call[transport.ConfirmDeviceOutput](s, ctx, "ConfirmDevice", in)
}

func (s *scripted) GetDevice(ctx context.Context, in *transport.GetDeviceInput) (*transport.GetDeviceOutput, error) {
	return call[transport.GetDeviceOutput](s, ctx, "GetDevice", in)
}

func (s *scripted) ListDevices(ctx context.Context, in *transport.ListDevicesInput) (*transport.ListDevicesOutput, error) {
	return call[transport.ListDevicesOutput](s, ctx, "ListDevices", in)
}

func (s *scripted) UpdateDeviceStatus(ctx context.Context, in *transport.UpdateDeviceStatusInput) (*transport.Empty, error) {
	return call[transport.Empty](s, ctx, "UpdateDeviceStatus", in)
}

func (s *scripted) ForgetDevice(ctx context.Context, in *transport.ForgetDeviceInput) (*transport.Empty, error) {
	return call[transport.Empty](s, ctx, "ForgetDevice", in)
}

var (
	_ transport.Authenticator = (*scripted)(nil)
	_ transport.MFASetup      = (*scripted)(nil)
	_ transport.Devices       = (*scripted)(nil)
)

// authOnly hides every capability but logging in.
type authOnly struct{ transport.Authenticator }

// env holds one test's Cognito side: clock, randomness, and the SRP state of
// the login in progress.
type env struct {
	t      *testing.T
	clock  *fakecognito.Clock
	rnd    *detRand
	secret string // client secret, "" for none

	srpA         string
	server       *srp.Server
	secretBlock  string
	deviceA      string
	deviceServer *srp.Server
	// deviceVerifier is what Cognito stored at ConfirmDevice.
	deviceVerifier srp.Verifier

	observed []engine.Transition
}

func newEnv(t *testing.T) *env {
	return &env{t: t, clock: newClock(), rnd: newRand(t.Name()), secret: testSecret}
}

func (e *env) config(tr transport.Authenticator) engine.Config {
	return engine.Config{
		PoolID: testPoolID, ClientID: testClientID, ClientSecret: e.secret,
		Transport: tr, Rand: e.rnd, Now: e.clock.Now,
		Observe: func(tr engine.Transition) { e.observed = append(e.observed, tr) },
	}
}

func (e *env) hash(user string) string {
	if e.secret == "" {
		return ""
	}
	return srp.SecretHash(user, testClientID, e.secret)
}

func (e *env) newSecretBlock() string {
	b := make([]byte, 32)
	_, _ = io.ReadFull(e.rnd, b)
	return base64.StdEncoding.EncodeToString(b)
}

// expect asserts that m holds want's keys with want's values ("" means the
// key must be absent).
func expect(t *testing.T, what string, m, want map[string]string) {
	t.Helper()
	for k, v := range want {
		got, ok := m[k]
		switch {
		case v == "" && ok:
			t.Errorf("%s: %s = %q, want it absent", what, k, got)
		case v != "" && got != v:
			t.Errorf("%s: %s = %q, want %q", what, k, got, v)
		}
	}
}

func challenge(name, session string, params map[string]string) func(context.Context, any) (any, error) {
	return func(context.Context, any) (any, error) {
		return &transport.ChallengeOutput{ChallengeName: name, Session: session, ChallengeParameters: params}, nil
	}
}

func tokens(md *transport.NewDeviceMetadata) func(context.Context, any) (any, error) {
	return func(context.Context, any) (any, error) {
		return &transport.ChallengeOutput{AuthenticationResult: &transport.AuthenticationResult{
			AccessToken: "access-token", IDToken: "id-token", RefreshToken: "refresh-token",
			ExpiresIn: 3600, TokenType: "Bearer", NewDeviceMetadata: md,
		}}, nil
	}
}

func fails(err error) func(context.Context, any) (any, error) {
	return func(context.Context, any) (any, error) { return nil, err }
}

// stall blocks until ctx is done, cancelling it first through cancel so that
// the test needs no timer.
func stall(cancel func()) func(context.Context, any) (any, error) {
	return func(ctx context.Context, _ any) (any, error) {
		cancel()
		<-ctx.Done()
		return nil, ctx.Err()
	}
}

// initiateSRP expects USER_SRP_AUTH (or CUSTOM_AUTH with SRP first) for the
// typed name, and answers PASSWORD_VERIFIER for a user Cognito knows as
// userID with the given password.
func (e *env) initiateSRP(flow, typed, deviceKey, userID, password string) step {
	return step{
		op: "InitiateAuth",
		check: func(t *testing.T, in any) {
			req := in.(*transport.InitiateAuthInput)
			if req.AuthFlow != flow || req.ClientID != testClientID {
				t.Errorf("InitiateAuth flow %s client %s", req.AuthFlow, req.ClientID)
			}
			want := map[string]string{"USERNAME": typed, "SECRET_HASH": e.hash(typed), "DEVICE_KEY": deviceKey, "PASSWORD": ""}
			if flow == transport.FlowCustom {
				want["CHALLENGE_NAME"] = "SRP_A"
			}
			expect(t, "InitiateAuth", req.AuthParameters, want)
			if req.AuthParameters["SRP_A"] == "" {
				t.Error("InitiateAuth without SRP_A")
			}
		},
		reply: func(_ context.Context, in any) (any, error) {
			e.srpA = in.(*transport.InitiateAuthInput).AuthParameters["SRP_A"]
			v, err := srp.NewPasswordVerifier(testPoolName, userID, password, e.rnd)
			if err != nil {
				return nil, err
			}
			e.server, err = srp.NewServer(v, e.rnd)
			if err != nil {
				return nil, err
			}
			e.secretBlock = e.newSecretBlock()
			return &transport.ChallengeOutput{ChallengeName: "PASSWORD_VERIFIER", ChallengeParameters: map[string]string{
				"SALT": e.server.SaltHex(), "SRP_B": e.server.SRPB(), "SECRET_BLOCK": e.secretBlock,
				"USERNAME": userID, "USER_ID_FOR_SRP": userID,
			}}, nil
		},
	}
}

// passwordVerifier expects the PASSWORD_VERIFIER answer signed as userID and
// checks it with the SRP server; a wrong proof gets Cognito's
// NotAuthorizedException, a right one gets next.
func (e *env) passwordVerifier(userID, deviceKey string, next func(context.Context, any) (any, error)) step {
	return step{
		op: "RespondToAuthChallenge",
		check: func(t *testing.T, in any) {
			req := in.(*transport.RespondToAuthChallengeInput)
			if req.ChallengeName != "PASSWORD_VERIFIER" || req.Session != "" {
				t.Errorf("got %s with session %q, want PASSWORD_VERIFIER without one", req.ChallengeName, req.Session)
			}
			expect(t, "PASSWORD_VERIFIER", req.ChallengeResponses, map[string]string{
				"USERNAME": userID, "SECRET_HASH": e.hash(userID), "DEVICE_KEY": deviceKey,
				"PASSWORD_CLAIM_SECRET_BLOCK": e.secretBlock, "TIMESTAMP": srp.FormatTimestamp(e.clock.Now()),
			})
		},
		reply: func(ctx context.Context, in any) (any, error) {
			r := in.(*transport.RespondToAuthChallengeInput).ChallengeResponses
			if err := e.server.VerifyPassword(testPoolName, userID, e.srpA, r["PASSWORD_CLAIM_SECRET_BLOCK"], r["TIMESTAMP"], r["PASSWORD_CLAIM_SIGNATURE"]); err != nil {
				return nil, transport.NewError("NotAuthorizedException", "Incorrect username or password.")
			}
			return next(ctx, in)
		},
	}
}

// respond expects an answer to challenge with session and the given
// responses, USERNAME userID and SECRET_HASH over it.
func (e *env) respond(name, session, userID string, want map[string]string, reply func(context.Context, any) (any, error)) step {
	return step{
		op: "RespondToAuthChallenge",
		check: func(t *testing.T, in any) {
			req := in.(*transport.RespondToAuthChallengeInput)
			if req.ChallengeName != name || req.Session != session || req.ClientID != testClientID {
				t.Errorf("got %s session %q client %s, want %s session %q", req.ChallengeName, req.Session, req.ClientID, name, session)
			}
			w := map[string]string{"USERNAME": userID, "SECRET_HASH": e.hash(userID)}
			for k, v := range want {
				w[k] = v
			}
			expect(t, name, req.ChallengeResponses, w)
		},
		reply: reply,
	}
}

// deviceSRP expects DEVICE_SRP_AUTH with a fresh SRP_A and answers
// DEVICE_PASSWORD_VERIFIER from e.deviceVerifier.
func (e *env) deviceSRP(userID, deviceKey, session string) step {
	return step{
		op: "RespondToAuthChallenge",
		check: func(t *testing.T, in any) {
			req := in.(*transport.RespondToAuthChallengeInput)
			if req.ChallengeName != "DEVICE_SRP_AUTH" || req.Session != session {
				t.Errorf("got %s session %q, want DEVICE_SRP_AUTH session %q", req.ChallengeName, req.Session, session)
			}
			r := req.ChallengeResponses
			expect(t, "DEVICE_SRP_AUTH", r, map[string]string{"USERNAME": userID, "SECRET_HASH": e.hash(userID), "DEVICE_KEY": deviceKey})
			if r["SRP_A"] == "" || r["SRP_A"] == e.srpA {
				t.Error("DEVICE_SRP_AUTH must send a fresh SRP_A")
			}
		},
		reply: func(_ context.Context, in any) (any, error) {
			e.deviceA = in.(*transport.RespondToAuthChallengeInput).ChallengeResponses["SRP_A"]
			var err error
			e.deviceServer, err = srp.NewServer(e.deviceVerifier, e.rnd)
			if err != nil {
				return nil, err
			}
			e.secretBlock = e.newSecretBlock()
			return &transport.ChallengeOutput{ChallengeName: "DEVICE_PASSWORD_VERIFIER", Session: session + "-d", ChallengeParameters: map[string]string{
				"SALT": e.deviceServer.SaltHex(), "SRP_B": e.deviceServer.SRPB(), "SECRET_BLOCK": e.secretBlock,
				"USERNAME": userID, "DEVICE_KEY": deviceKey,
			}}, nil
		},
	}
}

func (e *env) devicePasswordVerifier(userID, groupKey, deviceKey, session string, next func(context.Context, any) (any, error)) step {
	return step{
		op: "RespondToAuthChallenge",
		check: func(t *testing.T, in any) {
			req := in.(*transport.RespondToAuthChallengeInput)
			if req.ChallengeName != "DEVICE_PASSWORD_VERIFIER" || req.Session != session+"-d" {
				t.Errorf("got %s session %q", req.ChallengeName, req.Session)
			}
			expect(t, "DEVICE_PASSWORD_VERIFIER", req.ChallengeResponses, map[string]string{
				"USERNAME": userID, "SECRET_HASH": e.hash(userID), "DEVICE_KEY": deviceKey,
				"PASSWORD_CLAIM_SECRET_BLOCK": e.secretBlock, "TIMESTAMP": srp.FormatTimestamp(e.clock.Now()),
			})
		},
		reply: func(ctx context.Context, in any) (any, error) {
			r := in.(*transport.RespondToAuthChallengeInput).ChallengeResponses
			if err := e.deviceServer.VerifyDevice(groupKey, deviceKey, e.deviceA, r["PASSWORD_CLAIM_SECRET_BLOCK"], r["TIMESTAMP"], r["PASSWORD_CLAIM_SIGNATURE"]); err != nil {
				return nil, transport.NewError("NotAuthorizedException", "Incorrect username or password.")
			}
			return next(ctx, in)
		},
	}
}

// path lists the states of the observed transitions, starting with the first
// From.
func (e *env) path() string {
	if len(e.observed) == 0 {
		return ""
	}
	s := string(e.observed[0].From)
	for _, tr := range e.observed {
		s += ">" + string(tr.To)
	}
	return s
}

func mustErr(t *testing.T, err error, targets ...error) {
	t.Helper()
	if err == nil {
		t.Fatalf("got no error, want %v", targets)
	}
	for _, target := range targets {
		if !errors.Is(err, target) {
			t.Fatalf("error %q does not match %q", err, target)
		}
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func errorsIs(err, target error) bool { return errors.Is(err, target) }
