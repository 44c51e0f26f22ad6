package fakecognito

import (
	"context"
	"maps"
	"strings"
)

// CustomMessage: the text of every code the fake "sends". Messages sent
// under f.mu wait as letters; the call that sent them runs the trigger for
// each once the lock is released, then puts it in the outbox.

// Placeholders of the CustomMessage event: the function writes them where
// the code (or temporary password) and the user name go, and the fake
// replaces them, as Cognito does.
const (
	codePlaceholder     = "{####}"
	usernamePlaceholder = "{username}"
	linkPlaceholder     = "{##Click Here##}"
)

// customMessageRequest: usernameParameter is null except for an
// invitation, the only message that tells a user its name.
type customMessageRequest struct {
	UserAttributes    map[string]string `json:"userAttributes"`
	CodeParameter     string            `json:"codeParameter"`
	LinkParameter     string            `json:"linkParameter"`
	UsernameParameter *string           `json:"usernameParameter"`
	ClientMetadata    map[string]string `json:"clientMetadata,omitempty"`
}

type customMessageResponse struct {
	SMSMessage   *string `json:"smsMessage"`
	EmailMessage *string `json:"emailMessage"`
	EmailSubject *string `json:"emailSubject"`
}

// letter is a message waiting for the pool's CustomMessage trigger before
// it goes to the outbox. Sending records letters under f.mu; the call that
// sent them delivers them once it has released the lock.
type letter struct {
	msg      Message
	user     string // the user's internal name, the event's userName
	attrs    map[string]string
	source   string // the CustomMessage triggerSource
	username string // the name an invitation tells, for {username}
}

// defaultSources are the CustomMessage triggerSources of each purpose; a
// call site that sends for another reason (a code sent again, an attribute
// verification asked for) names its own.
var defaultSources = map[string]string{
	PurposeSignUp:          srcCustomSignUp,
	PurposeInvite:          srcCustomAdminCreateUser,
	PurposeForgotPassword:  srcCustomForgotPassword,
	PurposeVerifyAttribute: srcCustomUpdateUserAttribute,
	PurposeMFA:             srcCustomMessageAuthentication,
	PurposeSignIn:          srcCustomMessageAuthentication,
}

// takeLettersLocked hands the caller the letters its write section sent.
// The caller holds f.mu for writing.
func (f *Fake) takeLettersLocked() []letter {
	l := f.letters
	f.letters = nil
	return l
}

// postLettersLocked puts letters nobody delivered into the outbox as they
// are: the fallback of a write section that sends without running
// CustomMessage. The caller holds f.mu for writing.
func (f *Fake) postLettersLocked() {
	for _, l := range f.takeLettersLocked() {
		f.outbox.add(l.msg)
	}
}

// deliver runs CustomMessage for each letter and puts it in the outbox
// with the text the trigger wrote. source, when not "", overrides the
// triggerSource of every letter. A trigger's error fails the call, as in
// Cognito, after what the call changed has been kept.
func (f *Fake) deliver(ctx context.Context, clientID, source string, metadata map[string]string, letters []letter) error {
	for _, l := range letters {
		if source != "" {
			l.source = source
		}
		if err := f.customMessage(ctx, clientID, metadata, &l); err != nil {
			return err
		}
		f.outbox.add(l.msg)
	}
	return nil
}

// customMessage asks the trigger for the text of one message. A text that
// lacks a placeholder Cognito requires (the code; for an invitation the
// user name too) is not used, and the message keeps its default text; a
// subject is used as it is.
func (f *Fake) customMessage(ctx context.Context, clientID string, metadata map[string]string, l *letter) error {
	req := customMessageRequest{
		UserAttributes: l.attrs, CodeParameter: codePlaceholder, LinkParameter: linkPlaceholder,
		ClientMetadata: maps.Clone(metadata),
	}
	invite := l.source == srcCustomAdminCreateUser
	if invite {
		p := usernamePlaceholder
		req.UsernameParameter = &p
	}
	var resp customMessageResponse
	ran, err := f.fire(ctx, flowCall{poolID: l.msg.PoolID, clientID: clientID, userName: l.user},
		TriggerCustomMessage, l.source, req, &resp)
	if err != nil || !ran {
		return err
	}
	text := resp.SMSMessage
	if l.msg.Medium == mediumEmail {
		text = resp.EmailMessage
		if resp.EmailSubject != nil {
			l.msg.Subject = *resp.EmailSubject
		}
	}
	if text == nil || !strings.Contains(*text, codePlaceholder) || (invite && !strings.Contains(*text, usernamePlaceholder)) {
		return nil
	}
	body := strings.ReplaceAll(*text, codePlaceholder, l.msg.Code)
	if invite {
		body = strings.ReplaceAll(body, usernamePlaceholder, l.username)
	}
	l.msg.Text = body
	return nil
}

// writeAndDeliver runs fn as a write section and then delivers, with
// CustomMessage, what it sent. It is for the operations that send a code.
func (f *Fake) writeAndDeliver(ctx context.Context, clientID, source string, metadata map[string]string, fn func() error) error {
	f.lockW()
	err := fn()
	letters := f.takeLettersLocked()
	f.unlockW()
	if err != nil {
		return err
	}
	return f.deliver(ctx, clientID, source, metadata, letters)
}
