package awssdk

import (
	"errors"
	"fmt"
	"go/ast"
	"go/build"
	"go/parser"
	"go/token"
	"net/http"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws/retry"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"
	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"
	"github.com/google/go-cmp/cmp"

	"github.com/gocognito/gocognito/transport"
)

// modeledExceptions is every exception type of the SDK's types/errors.go
// (TestModeledExceptionsComplete keeps the list honest).
var modeledExceptions = []smithy.APIError{
	&types.AccessDeniedException{},
	&types.AliasExistsException{},
	&types.CodeDeliveryFailureException{},
	&types.CodeMismatchException{},
	&types.ConcurrentModificationException{},
	&types.DeviceKeyExistsException{},
	&types.DuplicateProviderException{},
	&types.EnableSoftwareTokenMFAException{},
	&types.ExpiredCodeException{},
	&types.FeatureUnavailableInTierException{},
	&types.ForbiddenException{},
	&types.GroupExistsException{},
	&types.InternalErrorException{},
	&types.InternalServerException{},
	&types.InvalidEmailRoleAccessPolicyException{},
	&types.InvalidLambdaResponseException{},
	&types.InvalidOAuthFlowException{},
	&types.InvalidParameterException{},
	&types.InvalidPasswordException{},
	&types.InvalidSmsRoleAccessPolicyException{},
	&types.InvalidSmsRoleTrustRelationshipException{},
	&types.InvalidUserPoolConfigurationException{},
	&types.LimitExceededException{},
	&types.ManagedLoginBrandingExistsException{},
	&types.MFAMethodNotFoundException{},
	&types.NotAuthorizedException{},
	&types.OperationNotEnabledException{},
	&types.PasswordHistoryPolicyViolationException{},
	&types.PasswordResetRequiredException{},
	&types.PreconditionNotMetException{},
	&types.RefreshTokenReuseException{},
	&types.ResourceNotFoundException{},
	&types.ScopeDoesNotExistException{},
	&types.SoftwareTokenMFANotFoundException{},
	&types.TermsExistsException{},
	&types.TierChangeNotAllowedException{},
	&types.TooManyFailedAttemptsException{},
	&types.TooManyRequestsException{},
	&types.UnauthorizedException{},
	&types.UnexpectedLambdaException{},
	&types.UnsupportedIdentityProviderException{},
	&types.UnsupportedOperationException{},
	&types.UnsupportedTokenTypeException{},
	&types.UnsupportedUserStateException{},
	&types.UserImportInProgressException{},
	&types.UserLambdaValidationException{},
	&types.UsernameExistsException{},
	&types.UserNotConfirmedException{},
	&types.UserNotFoundException{},
	&types.UserPoolAddOnNotEnabledException{},
	&types.UserPoolTaggingException{},
	&types.WebAuthnChallengeNotFoundException{},
	&types.WebAuthnClientMismatchException{},
	&types.WebAuthnConfigurationMissingException{},
	&types.WebAuthnCredentialNotSupportedException{},
	&types.WebAuthnNotEnabledException{},
	&types.WebAuthnOriginNotAllowedException{},
	&types.WebAuthnRelyingPartyMismatchException{},
}

func TestModeledExceptionsComplete(t *testing.T) {
	pkg, err := build.Import("github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types", ".", build.FindOnly)
	if err != nil {
		t.Fatalf("locating the SDK's types package: %v", err)
	}
	f, err := parser.ParseFile(token.NewFileSet(), filepath.Join(pkg.Dir, "errors.go"), nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.TYPE {
			continue
		}
		for _, s := range g.Specs {
			want = append(want, s.(*ast.TypeSpec).Name.Name)
		}
	}
	var got []string
	for _, e := range modeledExceptions {
		got = append(got, reflect.TypeOf(e).Elem().Name())
	}
	sort.Strings(want)
	sort.Strings(got)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("modeledExceptions differs from %s (-sdk +table):\n%s", pkg.Dir, diff)
	}
}

// sdkError wraps an API error the way the SDK returns one from a call.
func sdkError(apiErr error, status int, requestID string) error {
	return &smithy.OperationError{
		ServiceID:     "Cognito Identity Provider",
		OperationName: "InitiateAuth",
		Err: &awshttp.ResponseError{
			ResponseError: &smithyhttp.ResponseError{
				Response: &smithyhttp.Response{Response: &http.Response{StatusCode: status}},
				Err:      apiErr,
			},
			RequestID: requestID,
		},
	}
}

// TestMapErrorEveryModeledException: every exception the SDK models maps to
// a *transport.Error whose Code is the exception's name, which matches
// transport.Kind(name) with errors.Is, and which still unwraps to the SDK's
// exception value.
func TestMapErrorEveryModeledException(t *testing.T) {
	for _, exc := range modeledExceptions {
		name := reflect.TypeOf(exc).Elem().Name()
		t.Run(name, func(t *testing.T) {
			if exc.ErrorCode() != name {
				t.Fatalf("ErrorCode() = %q, want the type name %q", exc.ErrorCode(), name)
			}
			msg := "message of " + name
			reflect.ValueOf(exc).Elem().FieldByName("Message").Set(reflect.ValueOf(&msg))

			err := mapError(sdkError(exc, transport.StatusFor(name), "rid-"+name))

			var te *transport.Error
			if !errors.As(err, &te) {
				t.Fatalf("mapError returned %T (%v), want *transport.Error", err, err)
			}
			want := transport.Error{Code: name, Message: msg, StatusCode: transport.StatusFor(name), RequestID: "rid-" + name}
			got := *te
			got.Err = nil
			if got != want {
				t.Errorf("got %+v, want %+v", got, want)
			}
			if !errors.Is(err, transport.Kind(name)) {
				t.Errorf("errors.Is(err, transport.Kind(%q)) is false", name)
			}
			target := reflect.New(reflect.TypeOf(exc))
			if !errors.As(err, target.Interface()) || target.Elem().Interface() != exc {
				t.Errorf("errors.As does not find the SDK's %T", exc)
			}
		})
	}
}

// TestSentinels: each of transport's sentinels is matched by the SDK's
// exception of the same name.
func TestSentinels(t *testing.T) {
	tests := []struct {
		sentinel error
		exc      smithy.APIError
	}{
		{transport.ErrAliasExists, &types.AliasExistsException{}},
		{transport.ErrCodeDeliveryFailure, &types.CodeDeliveryFailureException{}},
		{transport.ErrCodeMismatch, &types.CodeMismatchException{}},
		{transport.ErrConcurrentModification, &types.ConcurrentModificationException{}},
		{transport.ErrEnableSoftwareTokenMFA, &types.EnableSoftwareTokenMFAException{}},
		{transport.ErrExpiredCode, &types.ExpiredCodeException{}},
		{transport.ErrForbidden, &types.ForbiddenException{}},
		{transport.ErrGroupExists, &types.GroupExistsException{}},
		{transport.ErrInternal, &types.InternalErrorException{}},
		{transport.ErrInvalidLambdaResponse, &types.InvalidLambdaResponseException{}},
		{transport.ErrInvalidParameter, &types.InvalidParameterException{}},
		{transport.ErrInvalidPassword, &types.InvalidPasswordException{}},
		{transport.ErrInvalidUserPoolConfig, &types.InvalidUserPoolConfigurationException{}},
		{transport.ErrLimitExceeded, &types.LimitExceededException{}},
		{transport.ErrMFAMethodNotFound, &types.MFAMethodNotFoundException{}},
		{transport.ErrNotAuthorized, &types.NotAuthorizedException{}},
		{transport.ErrPasswordHistoryViolation, &types.PasswordHistoryPolicyViolationException{}},
		{transport.ErrPasswordResetRequired, &types.PasswordResetRequiredException{}},
		{transport.ErrRefreshTokenReuse, &types.RefreshTokenReuseException{}},
		{transport.ErrResourceNotFound, &types.ResourceNotFoundException{}},
		{transport.ErrSoftwareTokenMFANotFound, &types.SoftwareTokenMFANotFoundException{}},
		{transport.ErrTooManyFailedAttempts, &types.TooManyFailedAttemptsException{}},
		{transport.ErrTooManyRequests, &types.TooManyRequestsException{}},
		{transport.ErrUnexpectedLambda, &types.UnexpectedLambdaException{}},
		{transport.ErrUnsupportedOperation, &types.UnsupportedOperationException{}},
		{transport.ErrUnsupportedTokenType, &types.UnsupportedTokenTypeException{}},
		{transport.ErrUnsupportedUserState, &types.UnsupportedUserStateException{}},
		{transport.ErrUserLambdaValidation, &types.UserLambdaValidationException{}},
		{transport.ErrUsernameExists, &types.UsernameExistsException{}},
		{transport.ErrUserNotConfirmed, &types.UserNotConfirmedException{}},
		{transport.ErrUserNotFound, &types.UserNotFoundException{}},
		{transport.ErrUserPoolAddOnNotEnabled, &types.UserPoolAddOnNotEnabledException{}},
	}
	for _, tt := range tests {
		t.Run(tt.sentinel.Error(), func(t *testing.T) {
			err := mapError(sdkError(tt.exc, 400, "rid"))
			if !errors.Is(err, tt.sentinel) {
				t.Errorf("errors.Is(%v, %v) is false", err, tt.sentinel)
			}
			for _, other := range tests {
				if other.sentinel != tt.sentinel && errors.Is(err, other.sentinel) {
					t.Errorf("%v also matches %v", err, other.sentinel)
				}
			}
		})
	}
}

// TestErrorWireForms: the error code is found in every form Cognito and
// other servers write it, and status, message and request id come through.
func TestErrorWireForms(t *testing.T) {
	const coral = ":http://internal.amazon.com/coral/com.amazonaws.cognito.identity.idp.model/"
	tests := []struct {
		name    string
		status  int
		header  string // X-Amzn-ErrorType
		body    string
		code    string
		message string
		modeled bool // errors.As finds *types.NotAuthorizedException
	}{
		{"header", 400, "NotAuthorizedException", `{"message":"Incorrect username or password."}`, "NotAuthorizedException", "Incorrect username or password.", true},
		{"header with colon suffix", 400, "NotAuthorizedException" + coral, `{"message":"Incorrect username or password."}`, "NotAuthorizedException", "Incorrect username or password.", true},
		{"__type", 400, "", errorBody("NotAuthorizedException", "Password attempts exceeded"), "NotAuthorizedException", "Password attempts exceeded", true},
		{"__type with hash prefix", 400, "", errorBody("com.amazonaws.cognito.identity.idp.model#NotAuthorizedException", "x"), "NotAuthorizedException", "x", true},
		{"__type with prefix and suffix", 400, "", errorBody("aws.cognito#NotAuthorizedException"+coral, "x"), "NotAuthorizedException", "x", true},
		{"code field", 400, "", `{"code":"NotAuthorizedException","message":"x"}`, "NotAuthorizedException", "x", true},
		{"Message capitalised", 400, "", `{"__type":"NotAuthorizedException","Message":"Capital"}`, "NotAuthorizedException", "Capital", true},
		{"header wins over body", 400, "NotAuthorizedException", errorBody("UserNotFoundException", "x"), "NotAuthorizedException", "x", true},
		{"unmodeled for the operation", 400, "", errorBody("UsernameExistsException", "User already exists"), "UsernameExistsException", "User already exists", false},
		{"unknown code", 400, "", errorBody("SomethingNewException", "new"), "SomethingNewException", "new", false},
		{"throttled", 400, "", errorBody("TooManyRequestsException", "Rate exceeded"), "TooManyRequestsException", "Rate exceeded", false},
		{"forbidden", 403, "", errorBody("ForbiddenException", "Request not allowed due to WAF block."), "ForbiddenException", "Request not allowed due to WAF block.", false},
		{"internal", 500, "", errorBody("InternalErrorException", "boom"), "InternalErrorException", "boom", false},
		{"no code at all", 400, "", `{}`, "UnknownError", "UnknownError", false},
		{"empty body", 502, "", ``, "UnknownError", "UnknownError", false},
		{"code that sanitizes to nothing", 400, "", errorBody("aws.cognito#", "m"), "UnknownError", "m", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, mt := testConfig(func(o *retry.StandardOptions) { o.MaxAttempts = 1 })
			c := New(cfg)
			var header []string
			if tt.header != "" {
				header = []string{"X-Amzn-ErrorType", tt.header}
			}
			serve(mt, always(tt.status, tt.body, header...))
			_, err := c.InitiateAuth(t.Context(), &transport.InitiateAuthInput{AuthFlow: transport.FlowUserSRP, ClientID: "c"})
			var te *transport.Error
			if !errors.As(err, &te) {
				t.Fatalf("got %T %v, want *transport.Error", err, err)
			}
			if te.Code != tt.code || te.Message != tt.message || te.StatusCode != tt.status || te.RequestID != "req-0001" {
				t.Errorf("got {Code:%s Message:%s StatusCode:%d RequestID:%s}, want {%s %s %d req-0001}",
					te.Code, te.Message, te.StatusCode, te.RequestID, tt.code, tt.message, tt.status)
			}
			if !errors.Is(err, transport.Kind(tt.code)) {
				t.Errorf("errors.Is(err, Kind(%s)) is false", tt.code)
			}
			var na *types.NotAuthorizedException
			if got := errors.As(err, &na); got != tt.modeled {
				t.Errorf("errors.As(*types.NotAuthorizedException) = %v, want %v", got, tt.modeled)
			}
			if !strings.HasPrefix(err.Error(), "cognito: "+tt.code) {
				t.Errorf("Error() = %q", err.Error())
			}
		})
	}
}

// TestEveryExceptionOverHTTP: each modeled code, sent the way Cognito sends
// it, comes back as a *transport.Error with that code.
func TestEveryExceptionOverHTTP(t *testing.T) {
	for _, exc := range modeledExceptions {
		code := exc.ErrorCode()
		t.Run(code, func(t *testing.T) {
			cfg, mt := testConfig(func(o *retry.StandardOptions) { o.MaxAttempts = 1 })
			c := New(cfg)
			serve(mt, always(transport.StatusFor(code), errorBody(code, "m"), "X-Amzn-ErrorType", code+":http://internal.amazon.com/coral/"))
			_, err := c.GetUser(t.Context(), &transport.AccessTokenInput{AccessToken: "t"})
			if got := transport.Code(err); got != code {
				t.Fatalf("Code = %q, want %q (err %v)", got, code, err)
			}
			if !errors.Is(err, transport.Kind(code)) {
				t.Errorf("errors.Is(err, Kind(%s)) is false", code)
			}
		})
	}
}

// TestErrorsDoNotLeakSecrets: whatever goes wrong, the error text holds none
// of the secrets of the request.
func TestErrorsDoNotLeakSecrets(t *testing.T) {
	const password, hash = "hunter2-correct-horse", "c2VjcmV0LWhhc2gtdmFsdWU="
	in := &transport.InitiateAuthInput{
		AuthFlow: transport.FlowUserPassword,
		ClientID: "client",
		AuthParameters: map[string]string{
			transport.ParamUsername: "alice", transport.ParamPassword: password, transport.ParamSecretHash: hash,
		},
	}
	tests := []struct {
		name   string
		in     *transport.InitiateAuthInput
		answer func(int, request) *http.Response
	}{
		{"Cognito error", in, always(400, errorBody("NotAuthorizedException", "Incorrect username or password."))},
		{"unreadable answer", in, always(200, `{"AuthenticationResult":`)},
		{"server error", in, always(500, ``)},
		{"missing required field", &transport.InitiateAuthInput{ClientID: "c", AuthParameters: in.AuthParameters}, always(200, `{}`)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, mt := testConfig(func(o *retry.StandardOptions) { o.MaxAttempts = 1 })
			serve(mt, tt.answer)
			_, err := New(cfg).InitiateAuth(t.Context(), tt.in)
			if err == nil {
				t.Fatal("want an error")
			}
			for _, text := range []string{err.Error(), fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", err)} {
				if strings.Contains(text, password) || strings.Contains(text, hash) {
					t.Errorf("error text leaks a secret: %s", text)
				}
			}
		})
	}
}
