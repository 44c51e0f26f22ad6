package awssdk

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"net/http"
	"os"
	"path/filepath"
	"testing"

	"github.com/gocognito/gocognito/transport"
)

var update = flag.Bool("update", false, "rewrite the golden request bodies in testdata/")

// Values of a login, as real ones look (none of them is a live credential).
const (
	gClientID    = "3n4b5urk1ft4fl3mg5e62d9ado"
	gUsername    = "alice"
	gUserID      = "8e1f2a44-50e1-70d5-9c3b-2f5a1e0d3c11"
	gSecretHash  = "Pk9QyDkPlWe1Pr8v0FsAiv5WJT6Ksn1d0YmM3W8Wm+g="
	gSRPA        = "8a3c0e7f55b1d2c4e6f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e"
	gDeviceKey   = "us-east-1_0c2f6ad5-3b8c-4e37-9c62-1a8e0b5f7d21"
	gGroupKey    = "-Yb8ZqNcR"
	gSession     = "AYABeEXAMPLEsessionXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"
	gSecretBlock = "ZXhhbXBsZS1zZWNyZXQtYmxvY2s="
	gSignature   = "a2V5LWRlcml2ZWQtc2lnbmF0dXJlLWV4YW1wbGU="
	gTimestamp   = "Tue Mar 5 07:08:09 UTC 2024"
	gRefresh     = "eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIn0.refresh.example"
	gAccessToken = "eyJraWQiOiJhY2Nlc3MiLCJhbGciOiJSUzI1NiJ9.access.example"
)

// loginSteps are the requests of every login path, in the order a login
// sends them. Their bodies are golden: a change in what the SDK puts on the
// wire shows up as a diff (go test -update rewrites them).
var loginSteps = []struct {
	name   string
	target string
	call   func(ctx context.Context, c *Client) error
}{
	{"initiate_user_srp_auth", "InitiateAuth", func(ctx context.Context, c *Client) error {
		_, err := c.InitiateAuth(ctx, &transport.InitiateAuthInput{
			AuthFlow: transport.FlowUserSRP,
			ClientID: gClientID,
			AuthParameters: map[string]string{
				transport.ParamUsername:   gUsername,
				transport.ParamSRPA:       gSRPA,
				transport.ParamSecretHash: gSecretHash,
				transport.ParamDeviceKey:  gDeviceKey,
			},
		})
		return err
	}},
	{"respond_password_verifier", "RespondToAuthChallenge", func(ctx context.Context, c *Client) error {
		// Cognito sends PASSWORD_VERIFIER without a Session; the answer has none.
		_, err := c.RespondToAuthChallenge(ctx, &transport.RespondToAuthChallengeInput{
			ClientID:      gClientID,
			ChallengeName: transport.ChallengePasswordVerifier,
			ChallengeResponses: map[string]string{
				transport.ParamUsername:         gUserID,
				transport.ParamClaimSecretBlock: gSecretBlock,
				transport.ParamClaimSignature:   gSignature,
				transport.ParamTimestamp:        gTimestamp,
				transport.ParamSecretHash:       gSecretHash,
				transport.ParamDeviceKey:        gDeviceKey,
			},
		})
		return err
	}},
	{"respond_device_srp_auth", "RespondToAuthChallenge", func(ctx context.Context, c *Client) error {
		_, err := c.RespondToAuthChallenge(ctx, &transport.RespondToAuthChallengeInput{
			ClientID:      gClientID,
			ChallengeName: transport.ChallengeDeviceSRPAuth,
			Session:       gSession,
			ChallengeResponses: map[string]string{
				transport.ParamUsername:   gUserID,
				transport.ParamDeviceKey:  gDeviceKey,
				transport.ParamSRPA:       gSRPA,
				transport.ParamSecretHash: gSecretHash,
			},
		})
		return err
	}},
	{"respond_device_password_verifier", "RespondToAuthChallenge", func(ctx context.Context, c *Client) error {
		_, err := c.RespondToAuthChallenge(ctx, &transport.RespondToAuthChallengeInput{
			ClientID:      gClientID,
			ChallengeName: transport.ChallengeDevicePasswordVerifier,
			Session:       gSession,
			ChallengeResponses: map[string]string{
				transport.ParamUsername:         gUserID,
				transport.ParamDeviceKey:        gDeviceKey,
				transport.ParamClaimSecretBlock: gSecretBlock,
				transport.ParamClaimSignature:   gSignature,
				transport.ParamTimestamp:        gTimestamp,
				transport.ParamSecretHash:       gSecretHash,
			},
		})
		return err
	}},
	{"respond_sms_mfa", "RespondToAuthChallenge", respond(transport.ChallengeSMSMFA, map[string]string{
		transport.ParamUsername: gUserID, transport.ParamSMSMFACode: "123456", transport.ParamSecretHash: gSecretHash,
	})},
	{"respond_software_token_mfa", "RespondToAuthChallenge", respond(transport.ChallengeSoftwareTokenMFA, map[string]string{
		transport.ParamUsername: gUserID, transport.ParamSoftwareTokenMFACode: "654321",
	})},
	{"respond_email_otp", "RespondToAuthChallenge", respond(transport.ChallengeEmailOTP, map[string]string{
		transport.ParamUsername: gUserID, transport.ParamEmailOTPCode: "12345678",
	})},
	{"respond_select_mfa_type", "RespondToAuthChallenge", respond(transport.ChallengeSelectMFAType, map[string]string{
		transport.ParamUsername: gUserID, transport.ParamAnswer: transport.ChallengeSoftwareTokenMFA,
	})},
	{"respond_new_password_required", "RespondToAuthChallenge", respond(transport.ChallengeNewPasswordRequired, map[string]string{
		transport.ParamUsername:                      gUserID,
		transport.ParamNewPassword:                   "correct horse battery staple",
		transport.ParamUserAttributePrefix + "name":  "Alice Liddell",
		transport.ParamUserAttributePrefix + "email": "alice@example.com",
	})},
	{"respond_custom_challenge", "RespondToAuthChallenge", respond(transport.ChallengeCustom, map[string]string{
		transport.ParamUsername: gUserID, transport.ParamAnswer: "42",
	})},
	{"associate_software_token_session", "AssociateSoftwareToken", func(ctx context.Context, c *Client) error {
		_, err := c.AssociateSoftwareToken(ctx, &transport.AssociateSoftwareTokenInput{Session: gSession})
		return err
	}},
	{"verify_software_token_session", "VerifySoftwareToken", func(ctx context.Context, c *Client) error {
		_, err := c.VerifySoftwareToken(ctx, &transport.VerifySoftwareTokenInput{
			Session: gSession, UserCode: "246810", FriendlyDeviceName: "phone",
		})
		return err
	}},
	{"respond_mfa_setup", "RespondToAuthChallenge", respond(transport.ChallengeMFASetup, map[string]string{
		transport.ParamUsername: gUserID,
	})},
	{"confirm_device", "ConfirmDevice", func(ctx context.Context, c *Client) error {
		_, err := c.ConfirmDevice(ctx, &transport.ConfirmDeviceInput{
			AccessToken: gAccessToken,
			DeviceKey:   gDeviceKey,
			DeviceName:  "alice's laptop",
			DeviceSecretVerifierConfig: &transport.DeviceSecretVerifierConfig{
				PasswordVerifier: "dmVyaWZpZXItZXhhbXBsZQ==",
				Salt:             "c2FsdC1leGFtcGxl",
			},
		})
		return err
	}},
	{"update_device_status", "UpdateDeviceStatus", func(ctx context.Context, c *Client) error {
		_, err := c.UpdateDeviceStatus(ctx, &transport.UpdateDeviceStatusInput{
			AccessToken: gAccessToken, DeviceKey: gDeviceKey, DeviceRememberedStatus: transport.DeviceRemembered,
		})
		return err
	}},
	{"initiate_user_password_auth", "InitiateAuth", func(ctx context.Context, c *Client) error {
		_, err := c.InitiateAuth(ctx, &transport.InitiateAuthInput{
			AuthFlow: transport.FlowUserPassword,
			ClientID: gClientID,
			AuthParameters: map[string]string{
				transport.ParamUsername: gUsername,
				transport.ParamPassword: "correct horse battery staple",
			},
		})
		return err
	}},
	{"initiate_refresh_token_auth", "InitiateAuth", func(ctx context.Context, c *Client) error {
		_, err := c.InitiateAuth(ctx, &transport.InitiateAuthInput{
			AuthFlow: transport.FlowRefreshTokenAuth,
			ClientID: gClientID,
			AuthParameters: map[string]string{
				transport.ParamRefreshToken: gRefresh,
				transport.ParamSecretHash:   gSecretHash,
				transport.ParamDeviceKey:    gDeviceKey,
			},
		})
		return err
	}},
	{"initiate_custom_auth_srp", "InitiateAuth", func(ctx context.Context, c *Client) error {
		_, err := c.InitiateAuth(ctx, &transport.InitiateAuthInput{
			AuthFlow: transport.FlowCustom,
			ClientID: gClientID,
			AuthParameters: map[string]string{
				transport.ParamUsername:      gUsername,
				transport.ParamSRPA:          gSRPA,
				transport.ParamChallengeName: transport.ChallengeSRPA,
			},
			ClientMetadata: map[string]string{"app": "cli"},
		})
		return err
	}},
}

func respond(challenge string, responses map[string]string) func(context.Context, *Client) error {
	return func(ctx context.Context, c *Client) error {
		_, err := c.RespondToAuthChallenge(ctx, &transport.RespondToAuthChallengeInput{
			ClientID:           gClientID,
			ChallengeName:      challenge,
			Session:            gSession,
			ChallengeResponses: responses,
		})
		return err
	}
}

func TestLoginRequestsGolden(t *testing.T) {
	for _, step := range loginSteps {
		t.Run(step.name, func(t *testing.T) {
			cfg, mt := testConfig()
			c := New(cfg) // the login needs no credentials
			rec := serve(mt, always(http.StatusOK, `{}`))
			if err := step.call(t.Context(), c); err != nil {
				t.Fatal(err)
			}
			reqs := rec.requests()
			if len(reqs) != 1 {
				t.Fatalf("%d requests, want 1", len(reqs))
			}
			r := reqs[0]
			if r.Target != step.target {
				t.Errorf("X-Amz-Target = %s%s, want %s%s", targetPrefix, r.Target, targetPrefix, step.target)
			}
			if r.ContentType != "application/x-amz-json-1.1" {
				t.Errorf("Content-Type = %q, want application/x-amz-json-1.1", r.ContentType)
			}
			if r.Authorization != "" {
				t.Errorf("login request is signed: %q", r.Authorization)
			}

			got, err := canonicalJSON(r.Body)
			if err != nil {
				t.Fatalf("request body is not JSON: %v\n%s", err, r.Body)
			}
			path := filepath.Join("testdata", step.name+".json")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			golden, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			want, err := canonicalJSON(golden)
			if err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("request body differs from %s\ngot:\n%s\nwant:\n%s", path, got, want)
			}
		})
	}
}

// canonicalJSON re-encodes b with sorted keys and fixed indentation, keeping
// numbers as written.
func canonicalJSON(b []byte) ([]byte, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	out, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(out, '\n'), nil
}
