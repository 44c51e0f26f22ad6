package awssdk

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"sort"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/gocognito/gocognito/transport"
)

// opCase is one operation of transport.Cognito, driven generically: fill its
// input and output with distinct values, answer with the output's JSON (as
// fakecognito does) and check that the request decodes back into the input
// (as fakecognito decodes it) and that the adapter returns the output.
type opCase struct {
	op     string // wire operation name, the method name
	signed bool   // SigV4-signed on real Cognito
	// ignoreOut names output fields the operation's wire answer does not
	// carry although the shared transport struct has them.
	ignoreOut []string
	newIn     func() any
	newOut    func() any
	call      func(ctx context.Context, c *Client, in any) (any, error)
}

func op[I, O any](name string, signed bool, f func(*Client, context.Context, *I) (*O, error), ignoreOut ...string) opCase {
	return opCase{
		op: name, signed: signed, ignoreOut: ignoreOut,
		newIn:  func() any { return new(I) },
		newOut: func() any { return new(O) },
		call: func(ctx context.Context, c *Client, in any) (any, error) {
			return f(c, ctx, in.(*I))
		},
	}
}

const unsigned, signed = false, true

// operations lists every method of transport.Cognito.
var operations = []opCase{
	op("InitiateAuth", unsigned, (*Client).InitiateAuth),
	op("RespondToAuthChallenge", unsigned, (*Client).RespondToAuthChallenge, "AvailableChallenges"),
	op("AdminInitiateAuth", signed, (*Client).AdminInitiateAuth),
	op("AdminRespondToAuthChallenge", signed, (*Client).AdminRespondToAuthChallenge, "AvailableChallenges"),
	op("GetTokensFromRefreshToken", unsigned, (*Client).GetTokensFromRefreshToken),

	op("ConfirmDevice", unsigned, (*Client).ConfirmDevice),
	op("GetDevice", unsigned, (*Client).GetDevice),
	op("ListDevices", unsigned, (*Client).ListDevices),
	op("UpdateDeviceStatus", unsigned, (*Client).UpdateDeviceStatus),
	op("ForgetDevice", unsigned, (*Client).ForgetDevice),
	op("AdminGetDevice", signed, (*Client).AdminGetDevice),
	op("AdminListDevices", signed, (*Client).AdminListDevices),
	op("AdminForgetDevice", signed, (*Client).AdminForgetDevice),
	op("AdminUpdateDeviceStatus", signed, (*Client).AdminUpdateDeviceStatus),

	op("AssociateSoftwareToken", unsigned, (*Client).AssociateSoftwareToken),
	op("VerifySoftwareToken", unsigned, (*Client).VerifySoftwareToken),
	op("SetUserMFAPreference", unsigned, (*Client).SetUserMFAPreference),

	op("SignUp", unsigned, (*Client).SignUp),
	op("ConfirmSignUp", unsigned, (*Client).ConfirmSignUp),
	op("ResendConfirmationCode", unsigned, (*Client).ResendConfirmationCode),
	op("ForgotPassword", unsigned, (*Client).ForgotPassword),
	op("ConfirmForgotPassword", unsigned, (*Client).ConfirmForgotPassword),
	op("ChangePassword", unsigned, (*Client).ChangePassword),
	op("GetUser", unsigned, (*Client).GetUser),
	op("UpdateUserAttributes", unsigned, (*Client).UpdateUserAttributes),
	op("DeleteUserAttributes", unsigned, (*Client).DeleteUserAttributes),
	op("GetUserAttributeVerificationCode", unsigned, (*Client).GetUserAttributeVerificationCode),
	op("VerifyUserAttribute", unsigned, (*Client).VerifyUserAttribute),
	op("DeleteUser", unsigned, (*Client).DeleteUser),
	op("GlobalSignOut", unsigned, (*Client).GlobalSignOut),
	op("RevokeToken", unsigned, (*Client).RevokeToken),

	op("StartWebAuthnRegistration", unsigned, (*Client).StartWebAuthnRegistration),
	op("CompleteWebAuthnRegistration", unsigned, (*Client).CompleteWebAuthnRegistration),
	op("ListWebAuthnCredentials", unsigned, (*Client).ListWebAuthnCredentials),
	op("DeleteWebAuthnCredential", unsigned, (*Client).DeleteWebAuthnCredential),

	op("AdminCreateUser", signed, (*Client).AdminCreateUser),
	op("AdminSetUserPassword", signed, (*Client).AdminSetUserPassword),
	op("AdminGetUser", signed, (*Client).AdminGetUser),
	op("AdminDeleteUser", signed, (*Client).AdminDeleteUser),
	op("AdminConfirmSignUp", signed, (*Client).AdminConfirmSignUp),
	op("AdminEnableUser", signed, (*Client).AdminEnableUser),
	op("AdminDisableUser", signed, (*Client).AdminDisableUser),
	op("AdminUpdateUserAttributes", signed, (*Client).AdminUpdateUserAttributes),
	op("AdminDeleteUserAttributes", signed, (*Client).AdminDeleteUserAttributes),
	op("AdminResetUserPassword", signed, (*Client).AdminResetUserPassword),
	op("AdminUserGlobalSignOut", signed, (*Client).AdminUserGlobalSignOut),
	op("AdminSetUserMFAPreference", signed, (*Client).AdminSetUserMFAPreference),
	op("ListUsers", signed, (*Client).ListUsers),
	op("CreateGroup", signed, (*Client).CreateGroup),
	op("UpdateGroup", signed, (*Client).UpdateGroup),
	op("AddCustomAttributes", signed, (*Client).AddCustomAttributes),
	op("CreateResourceServer", signed, (*Client).CreateResourceServer),
	op("DescribeResourceServer", signed, (*Client).DescribeResourceServer),
	op("ListResourceServers", signed, (*Client).ListResourceServers),
	op("UpdateResourceServer", signed, (*Client).UpdateResourceServer),
	op("DeleteResourceServer", signed, (*Client).DeleteResourceServer),
	op("CreateUserPoolDomain", signed, (*Client).CreateUserPoolDomain),
	op("DescribeUserPoolDomain", signed, (*Client).DescribeUserPoolDomain),
	op("UpdateUserPoolDomain", signed, (*Client).UpdateUserPoolDomain),
	op("DeleteUserPoolDomain", signed, (*Client).DeleteUserPoolDomain),
	op("GetGroup", signed, (*Client).GetGroup),
	op("ListGroups", signed, (*Client).ListGroups),
	op("DeleteGroup", signed, (*Client).DeleteGroup),
	op("AdminAddUserToGroup", signed, (*Client).AdminAddUserToGroup),
	op("AdminRemoveUserFromGroup", signed, (*Client).AdminRemoveUserFromGroup),
	op("AdminListGroupsForUser", signed, (*Client).AdminListGroupsForUser),
	op("ListUsersInGroup", signed, (*Client).ListUsersInGroup),

	op("CreateUserPool", signed, (*Client).CreateUserPool),
	op("DescribeUserPool", signed, (*Client).DescribeUserPool),
	op("UpdateUserPool", signed, (*Client).UpdateUserPool),
	op("DeleteUserPool", signed, (*Client).DeleteUserPool),
	op("ListUserPools", signed, (*Client).ListUserPools),
	op("SetUserPoolMfaConfig", signed, (*Client).SetUserPoolMfaConfig, "UserPoolID"),
	op("GetUserPoolMfaConfig", signed, (*Client).GetUserPoolMfaConfig, "UserPoolID"),
	op("CreateUserPoolClient", signed, (*Client).CreateUserPoolClient),
	op("DescribeUserPoolClient", signed, (*Client).DescribeUserPoolClient),
	op("UpdateUserPoolClient", signed, (*Client).UpdateUserPoolClient),
	op("DeleteUserPoolClient", signed, (*Client).DeleteUserPoolClient),
	op("ListUserPoolClients", signed, (*Client).ListUserPoolClients),
}

func TestOperationsCoverTransportCognito(t *testing.T) {
	iface := reflect.TypeFor[transport.Cognito]()
	var want, got []string
	for i := range iface.NumMethod() {
		want = append(want, iface.Method(i).Name)
	}
	for _, oc := range operations {
		got = append(got, oc.op)
	}
	sort.Strings(want)
	sort.Strings(got)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("operations table differs from transport.Cognito's methods (-want +got):\n%s", diff)
	}
}

// TestRoundTrip sends every operation with every field set and answers with
// every output field set: what reaches the wire must decode into the same
// transport input, and what comes back must be the same transport output.
// A field the adapter forgets to convert, either way, shows up here.
func TestRoundTrip(t *testing.T) {
	for _, oc := range operations {
		t.Run(oc.op, func(t *testing.T) {
			cfg, mt := testConfig()
			c := New(withStaticCredentials(cfg))

			in := oc.newIn()
			fill(reflect.ValueOf(in).Elem(), oc.op+"In")
			out := oc.newOut()
			fill(reflect.ValueOf(out).Elem(), oc.op+"Out")
			answer, err := json.Marshal(out)
			if err != nil {
				t.Fatal(err)
			}
			rec := serve(mt, always(http.StatusOK, string(answer)))

			got, err := oc.call(t.Context(), c, in)
			if err != nil {
				t.Fatalf("%s: %v", oc.op, err)
			}

			reqs := rec.requests()
			if len(reqs) != 1 {
				t.Fatalf("%d requests, want 1", len(reqs))
			}
			r := reqs[0]
			if r.Target != oc.op {
				t.Errorf("X-Amz-Target = %s%s, want %s%s", targetPrefix, r.Target, targetPrefix, oc.op)
			}
			if r.ContentType != "application/x-amz-json-1.1" {
				t.Errorf("Content-Type = %q", r.ContentType)
			}
			if signedReq := r.Authorization != ""; signedReq != oc.signed {
				t.Errorf("signed = %v, want %v (Authorization %q)", signedReq, oc.signed, r.Authorization)
			}

			decoded := oc.newIn()
			if err := json.Unmarshal(r.Body, decoded); err != nil {
				t.Fatalf("request body does not decode into %T: %v\n%s", decoded, err, r.Body)
			}
			if diff := cmp.Diff(in, decoded); diff != "" {
				t.Errorf("request decodes differently (-sent +decoded):\n%s\nbody: %s", diff, r.Body)
			}

			want := oc.newOut()
			fill(reflect.ValueOf(want).Elem(), oc.op+"Out")
			for _, f := range oc.ignoreOut {
				reflect.ValueOf(want).Elem().FieldByName(f).SetZero()
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("output differs (-answered +returned):\n%s", diff)
			}
		})
	}
}

// TestZeroAndNilInput: a nil or empty request never panics. Either it goes
// out and decodes into the zero input, or the SDK refuses it for a missing
// required field before sending, which the adapter reports as
// InvalidParameterException, as Cognito would.
func TestZeroAndNilInput(t *testing.T) {
	for _, oc := range operations {
		t.Run(oc.op, func(t *testing.T) {
			for _, nilIn := range []bool{false, true} {
				cfg, mt := testConfig()
				c := New(withStaticCredentials(cfg))
				rec := serve(mt, always(http.StatusOK, `{}`))
				in := oc.newIn()
				if nilIn {
					in = reflect.Zero(reflect.TypeOf(in)).Interface()
				}
				_, err := oc.call(t.Context(), c, in)
				reqs := rec.requests()
				switch {
				case err == nil:
					if len(reqs) != 1 {
						t.Fatalf("nil=%v: %d requests, want 1", nilIn, len(reqs))
					}
					decoded, zero := oc.newIn(), oc.newIn()
					if err := json.Unmarshal(reqs[0].Body, decoded); err != nil {
						t.Fatal(err)
					}
					if diff := cmp.Diff(zero, decoded, cmpopts.EquateEmpty()); diff != "" {
						t.Errorf("nil=%v: zero request decodes differently:\n%s", nilIn, diff)
					}
				case errors.Is(err, transport.ErrInvalidParameter):
					var e *transport.Error
					if !errors.As(err, &e) || e.StatusCode != 0 || len(reqs) != 0 {
						t.Errorf("nil=%v: local validation error %#v after %d requests", nilIn, e, len(reqs))
					}
				default:
					t.Errorf("nil=%v: %v", nilIn, err)
				}
			}
		})
	}
}

// TestUnsignedWithoutCredentials: the user-facing operations work from an
// aws.Config with no credentials at all, and are sent without a signature.
// Without credentials the SDK sends the signed operations unsigned too (it
// adds an anonymous fallback): a fake accepts them, real Cognito refuses
// them.
func TestUnsignedWithoutCredentials(t *testing.T) {
	// The operations the design requires to work without credentials.
	required := []string{
		"InitiateAuth", "RespondToAuthChallenge", "SignUp", "ConfirmSignUp", "ForgotPassword",
		"ConfirmForgotPassword", "ChangePassword", "GetUser", "UpdateUserAttributes", "GlobalSignOut",
		"RevokeToken", "AssociateSoftwareToken", "VerifySoftwareToken", "SetUserMFAPreference",
		"ConfirmDevice", "ListDevices", "GetDevice", "ForgetDevice", "UpdateDeviceStatus",
		"ResendConfirmationCode", "DeleteUser", "DeleteUserAttributes",
		"GetUserAttributeVerificationCode", "VerifyUserAttribute", "GetTokensFromRefreshToken",
		"StartWebAuthnRegistration", "CompleteWebAuthnRegistration", "ListWebAuthnCredentials",
		"DeleteWebAuthnCredential",
	}
	var tableUnsigned []string
	for _, oc := range operations {
		if !oc.signed {
			tableUnsigned = append(tableUnsigned, oc.op)
		}
	}
	sort.Strings(required)
	sort.Strings(tableUnsigned)
	if diff := cmp.Diff(required, tableUnsigned); diff != "" {
		t.Errorf("unsigned operations (-required +table):\n%s", diff)
	}

	for _, oc := range operations {
		t.Run(oc.op, func(t *testing.T) {
			cfg, mt := testConfig()
			c := New(cfg) // no credentials
			rec := serve(mt, always(http.StatusOK, `{}`))
			in := oc.newIn()
			fill(reflect.ValueOf(in).Elem(), oc.op)
			if _, err := oc.call(t.Context(), c, in); err != nil {
				t.Fatalf("without credentials: %v", err)
			}
			if reqs := rec.requests(); len(reqs) != 1 || reqs[0].Authorization != "" {
				t.Fatalf("want one unsigned request, got %+v", reqs)
			}
		})
	}
}

// fill sets every field reachable from v to a non-zero value derived from
// path, so that each field carries a value no other field has.
func fill(v reflect.Value, path string) {
	if v.Type() == reflect.TypeFor[transport.Time]() {
		// A whole second plus a quarter: exact in the float the wire carries.
		sec := int64(1_700_000_000 + len(path)*1000)
		v.Set(reflect.ValueOf(transport.Time{Time: time.Unix(sec, 250*int64(time.Millisecond)).UTC()}))
		return
	}
	if v.Type() == reflect.TypeFor[transport.Document]() {
		// Compact, keys sorted as the SDK re-encodes them, and numbers that
		// a float64 would round: the document must come back the same.
		doc := fmt.Sprintf(`{"big":12345678901234567890,"list":[true,null,-7],"path":%q,"small":1.5e-300}`, path)
		v.Set(reflect.ValueOf(transport.Document(doc)))
		return
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString(path)
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int32, reflect.Int64, reflect.Int:
		v.SetInt(int64(len(path)))
	case reflect.Pointer:
		p := reflect.New(v.Type().Elem())
		fill(p.Elem(), path)
		v.Set(p)
	case reflect.Struct:
		for i := range v.NumField() {
			f := v.Type().Field(i)
			if !f.IsExported() {
				continue
			}
			fill(v.Field(i), path+"."+f.Name)
		}
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 2, 2)
		for i := range 2 {
			fill(s.Index(i), fmt.Sprintf("%s[%d]", path, i))
		}
		v.Set(s)
	case reflect.Map:
		m := reflect.MakeMap(v.Type())
		for i := range 2 {
			k, e := reflect.New(v.Type().Key()).Elem(), reflect.New(v.Type().Elem()).Elem()
			fill(k, fmt.Sprintf("%s.key%d", path, i))
			fill(e, fmt.Sprintf("%s.value%d", path, i))
			m.SetMapIndex(k, e)
		}
		v.Set(m)
	default:
		panic("fill: unhandled kind " + v.Kind().String() + " at " + path)
	}
}
