package states_test

import (
	"context"
	"fmt"

	"github.com/gocognito/gocognito/states"
)

// A UI picks one screen per need.
func ExampleNeedFor() {
	params := map[string]string{
		"CODE_DELIVERY_DELIVERY_MEDIUM": "SMS",
		"CODE_DELIVERY_DESTINATION":     "+*******1234",
	}
	switch n := states.NeedFor(states.SMSMFA, params).(type) {
	case states.NeedMFACode:
		fmt.Printf("enter the code sent by %s to %s\n", n.Medium, n.Destination)
	case states.NeedNewPassword:
		fmt.Println("choose a new password; required:", n.Required)
	case states.NeedMFAChoice:
		fmt.Println("pick one of", n.Options)
	case states.NeedNothing:
		fmt.Println("please wait")
	}
	// Output: enter the code sent by SMS to +*******1234
}

// Next checks a challenge against the transition table.
func ExampleNext() {
	ev, _, _ := states.ForChallenge("SOFTWARE_TOKEN_MFA")
	next, err := states.Next(states.SelectMFAType, ev)
	fmt.Println(next, err)
	_, err = states.Next(states.SMSMFA, ev)
	fmt.Println(err)
	// Output:
	// SoftwareTokenMFA <nil>
	// states: challenge SOFTWARE_TOKEN_MFA not allowed in state SMSMFA
}

// Check asks a machine, before any work, whether a challenge may come next;
// Fire then makes the move.
func ExampleCheck() {
	m := states.NewMachine(states.DevicePasswordVerifier)
	fmt.Println(states.Check(m, states.EventSMSMFA)) // device SRP comes last
	fmt.Println(states.Check(m, states.EventAuthenticated))
	to, err := states.Fire(context.Background(), m, states.EventAuthenticated)
	fmt.Println(to, err)
	// Output:
	// states: challenge SMS_MFA not allowed in state DevicePasswordVerifier
	// <nil>
	// Done <nil>
}

// Choice-based sign-in offers first factors; a UI shows one button each,
// and sends a passkey's request options to the browser.
func ExampleFirstFactorNeed() {
	n := states.FirstFactorNeed([]string{"PASSWORD", "PASSWORD_SRP", "EMAIL_OTP", "WEB_AUTHN"})
	fmt.Printf("%+v\n", n)
	passkey := states.NeedFor(states.WebAuthn, map[string]string{
		"CREDENTIAL_REQUEST_OPTIONS": `{"challenge":"AAECAwQFBgcICQoLDA0ODw","rpId":"example.com"}`,
	})
	fmt.Println(passkey.(states.NeedPasskey).RequestOptions)
	// Output:
	// {Options:[PASSWORD PASSWORD_SRP EMAIL_OTP WEB_AUTHN]}
	// {"challenge":"AAECAwQFBgcICQoLDA0ODw","rpId":"example.com"}
}
