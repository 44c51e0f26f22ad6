// Package awsjson serves any transport.Cognito over HTTP with Cognito's own
// wire protocol, AWS JSON 1.1, so that every AWS SDK, amazon-cognito-identity-js,
// Amplify, boto3 and the AWS CLI can talk to an in-process implementation as
// if it were cognito-idp.{region}.amazonaws.com.
//
// It owns the protocol and nothing else: routing by X-Amz-Target, decoding
// bodies into the transport input types, encoding outputs and errors in
// Cognito's shape (__type, X-Amzn-ErrorType, x-amzn-RequestId), CORS for
// browsers, body limits, panic recovery and one log line per request. It does
// not check SigV4 signatures, validate required fields or know any Cognito
// behaviour: that is the target's job (fakecognito's, in this module). It is
// internal because its only users are the fake's server and its tests.
package awsjson
