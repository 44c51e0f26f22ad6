package awsconv

// The exceptions to the rule that a transport field travels under its JSON
// name to the SDK field of that name, kept in one place.
//
// Two more kinds of exception live in transport/awssdk itself: a method or a
// conversion function written by hand in any of its files other than the
// generated one takes the place of the generated one of that name (see
// Generate).

// notCarried lists the transport fields that the SDK type on the other side
// does not have, keyed by "SDKType.WireName", with the reason. A field that
// has no SDK counterpart and is not listed here stops the generator, so a new
// transport field is either converted or consciously left out. An entry that
// no longer matches anything stops it too.
var notCarried = map[string]string{
	"RespondToAuthChallengeOutput.AvailableChallenges":      "Cognito lists the available challenges only in InitiateAuth's answer; transport shares one ChallengeOutput between the four authentication operations",
	"AdminRespondToAuthChallengeOutput.AvailableChallenges": "Cognito lists the available challenges only in AdminInitiateAuth's answer; transport shares one ChallengeOutput between the four authentication operations",
	"SetUserPoolMfaConfigOutput.UserPoolId":                 "Cognito's answer does not repeat the pool id; transport.UserPoolMfaConfig is the request and the answer",
	"GetUserPoolMfaConfigOutput.UserPoolId":                 "Cognito's answer does not repeat the pool id; transport.UserPoolMfaConfig is the request and the answer",
}

// alwaysSent lists the fields, keyed "SDKType.WireName", that go to the SDK
// even when zero although transport tags them omitempty, with the reason.
var alwaysSent = map[string]string{
	"SetUserPoolMfaConfigInput.UserPoolId": "Cognito requires it; transport tags it omitempty only because the answers, which share transport.UserPoolMfaConfig, leave it out",
}
