package awssdk

import (
	"errors"
	"fmt"
	"strings"

	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/smithy-go"

	"github.com/gocognito/gocognito/transport"
)

// mapError turns an error of the SDK into the error the adapter returns.
//
//   - A Cognito error (any smithy.APIError: a modeled exception such as
//     *types.NotAuthorizedException, or a smithy.GenericAPIError for codes the
//     operation does not model) becomes a *transport.Error with its code and
//     message, the HTTP status and request id of the response, and the SDK's
//     error as Err, so errors.As still finds the SDK's exception type. An
//     answer that names no usable code gets the SDK's "UnknownError".
//   - A request the SDK refused to send because a required field was missing
//     (smithy.InvalidParamsError) becomes InvalidParameterException with
//     StatusCode 0, the code Cognito answers the same request with.
//   - Anything else (a cancelled context, a network failure, an unreadable
//     response) is wrapped with %w, its kind unchanged.
func mapError(err error) error {
	if err == nil {
		return nil
	}
	var apiErr smithy.APIError
	if errors.As(err, &apiErr) {
		e := &transport.Error{Code: apiErr.ErrorCode(), Message: apiErr.ErrorMessage(), Err: err}
		if e.Code == "" {
			// A code that sanitizes to nothing, such as "__type":"x#", is as
			// good as none: say so as the SDK does when there is none.
			e.Code = codeUnknown
		}
		var re *awshttp.ResponseError
		if errors.As(err, &re) {
			e.StatusCode = re.HTTPStatusCode()
			e.RequestID = re.ServiceRequestID()
		}
		return e
	}
	// The SDK's validators return this error as a value, not a pointer.
	var invalid smithy.InvalidParamsError
	if errors.As(err, &invalid) {
		return &transport.Error{Code: codeInvalidParameter, Message: strings.TrimSpace(invalid.Error()), Err: err}
	}
	return fmt.Errorf("awssdk: %w", err)
}

const (
	// codeInvalidParameter is the code of transport.ErrInvalidParameter.
	codeInvalidParameter = "InvalidParameterException"
	// codeUnknown is the SDK's code for an error answer that names none.
	codeUnknown = "UnknownError"
)
