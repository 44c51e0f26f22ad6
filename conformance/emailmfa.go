package conformance

import "github.com/gocognito/gocognito/transport"

// sesEmail is an EmailConfiguration that sends with Amazon SES
// (EmailSendingAccount DEVELOPER), which e-mail MFA needs.
func sesEmail() *transport.EmailConfiguration {
	return &transport.EmailConfiguration{EmailSendingAccount: transport.EmailSendingDeveloper,
		SourceArn: "arn:aws:ses:us-east-1:123456789012:identity/example.com", From: "no-reply@example.com"}
}
