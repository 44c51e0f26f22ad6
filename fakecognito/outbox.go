package fakecognito

import (
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// Message is an SMS or e-mail the fake "sent" with a code in it.
// Its JSON form is what GET /_gocognito/outbox serves.
type Message struct {
	PoolID      string `json:"PoolId"`
	Username    string `json:"Username"`    // the user's name in the pool (USER_ID_FOR_SRP)
	Medium      string `json:"Medium"`      // "SMS" or "EMAIL"
	Destination string `json:"Destination"` // the phone number or e-mail address, unmasked
	Purpose     string `json:"Purpose"`     // "MFA", "SIGN_IN", "SIGN_UP", "FORGOT_PASSWORD", "VERIFY_ATTRIBUTE" or "INVITE"
	Code        string `json:"Code"`        // the code, or the temporary password of an invitation
	// Text and Subject are what the pool's CustomMessage trigger wrote,
	// with the code (and user name) put in; "" when no trigger wrote one,
	// and the message went out in the pool's default words.
	Text    string    `json:"Text,omitempty"`
	Subject string    `json:"Subject,omitempty"`
	Time    time.Time `json:"Time"`

	names []string // every name the user was known by when it was sent
}

// Purposes of messages.
const (
	PurposeMFA             = "MFA"
	PurposeSignUp          = "SIGN_UP"
	PurposeForgotPassword  = "FORGOT_PASSWORD"
	PurposeVerifyAttribute = "VERIFY_ATTRIBUTE"
	PurposeInvite          = "INVITE"
	// PurposeSignIn is a one-time code that is the first factor of a
	// choice-based sign-in (USER_AUTH with EMAIL_OTP or SMS_OTP).
	PurposeSignIn = "SIGN_IN"
	// PurposeWelcome is the message, without a code, that welcomes a user
	// a UserMigration trigger brought in.
	PurposeWelcome = "WELCOME"
)

// Outbox holds the messages a Fake sent, oldest first: the last
// maxOutbox of them, so that a long load test does not grow it without
// bound. It is safe for concurrent use.
type Outbox struct {
	mu sync.Mutex
	// msgs is a ring of at most maxOutbox messages; the oldest is at
	// start once it is full, so that adding one never moves the others.
	msgs  []Message
	start int
}

// at returns the i-th message, oldest first. The caller holds o.mu.
func (o *Outbox) at(i int) *Message { return &o.msgs[(o.start+i)%len(o.msgs)] }

// All returns a copy of every message, oldest first.
func (o *Outbox) All() []Message {
	o.mu.Lock()
	defer o.mu.Unlock()
	out := make([]Message, 0, len(o.msgs))
	for i := range o.msgs {
		out = append(out, *o.at(i))
	}
	return out
}

// Last returns the most recent message to a user of any pool, who may be
// named by the pool's user name or by the alias, e-mail address or phone
// number used to sign in. Suites that share one fake between pools should
// use LastIn, as the same name may be a user of several pools.
func (o *Outbox) Last(username string) (Message, bool) {
	return o.LastIn("", username)
}

// LastIn is Last for the users of one pool; poolID "" means any pool.
func (o *Outbox) LastIn(poolID, username string) (Message, bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	for i := len(o.msgs) - 1; i >= 0; i-- {
		m := *o.at(i)
		if poolID != "" && m.PoolID != poolID {
			continue
		}
		if slices.ContainsFunc(m.names, func(n string) bool { return strings.EqualFold(n, username) }) {
			return m, true
		}
	}
	return Message{}, false
}

// LastCode returns the code of Last(username), or "" when there is none.
func (o *Outbox) LastCode(username string) string {
	m, _ := o.Last(username)
	return m.Code
}

// LastCodeIn returns the code of LastIn(poolID, username), or "" when there
// is none.
func (o *Outbox) LastCodeIn(poolID, username string) string {
	m, _ := o.LastIn(poolID, username)
	return m.Code
}

// allIn returns a copy of the messages to the users of poolID ("" for
// every pool), oldest first.
func (o *Outbox) allIn(poolID string) []Message {
	o.mu.Lock()
	defer o.mu.Unlock()
	out := []Message{}
	for i := range o.msgs {
		if m := *o.at(i); poolID == "" || m.PoolID == poolID {
			out = append(out, m)
		}
	}
	return out
}

// Clear forgets every message.
func (o *Outbox) Clear() {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.msgs, o.start = nil, 0
}

// maxOutbox is how many messages an Outbox keeps.
const maxOutbox = 10000

func (o *Outbox) add(m Message) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if len(o.msgs) < maxOutbox {
		o.msgs = append(o.msgs, m)
		return
	}
	o.msgs[o.start] = m // the oldest goes
	o.start = (o.start + 1) % len(o.msgs)
}

// send records a message to u. The caller holds f.mu; the outbox has its
// own lock.
func (f *Fake) send(p *pool, u *user, medium, purpose, code string) {
	dest := u.Attrs["email"]
	if medium == mediumSMS {
		dest = u.Attrs["phone_number"]
	}
	f.sendTo(p, u, medium, dest, purpose, code)
}

// sendTo records a message to u at dest, which need not be one of its
// attributes yet (an address being set up for e-mail MFA); the message is
// found by dest too. When the pool runs a CustomMessage trigger the
// message waits, as a letter, for the call to deliver it once f.mu is
// released (triggers_message.go). The caller holds f.mu for writing.
func (f *Fake) sendTo(p *pool, u *user, medium, dest, purpose, code string) {
	m := f.message(p, u, medium, dest, purpose, code)
	if !f.triggerConfigured(p, TriggerCustomMessage) {
		f.outbox.add(m)
		return
	}
	f.letters = append(f.letters, letter{
		msg: m, user: u.Username, attrs: triggerUserAttributes(p, u), source: defaultSources[purpose], username: u.Username,
	})
}

// message describes a message to u at dest, found by every name u goes by.
func (f *Fake) message(p *pool, u *user, medium, dest, purpose, code string) Message {
	names := []string{u.Username}
	for _, a := range []string{"email", "phone_number", "preferred_username"} {
		if v := u.Attrs[a]; v != "" {
			names = append(names, v)
		}
	}
	if dest != "" && !slices.Contains(names, dest) {
		names = append(names, dest)
	}
	return Message{
		PoolID: p.ID, Username: u.Username, Medium: medium, Destination: dest,
		Purpose: purpose, Code: code, Time: f.clock(), names: names,
	}
}

const (
	mediumSMS   = "SMS"
	mediumEmail = "EMAIL"
)

// mask hides most of a destination as Cognito's CodeDeliveryDetails do:
// "a***@e***" for an e-mail address, "+*******1234" for a phone number.
func mask(medium, dest string) string {
	if medium == mediumEmail {
		local, domain, ok := strings.Cut(dest, "@")
		if !ok || local == "" || domain == "" {
			return "***"
		}
		return firstRune(local) + "***@" + firstRune(domain) + "***"
	}
	if len(dest) <= 4 {
		return "***"
	}
	prefix := ""
	if strings.HasPrefix(dest, "+") {
		prefix = "+"
	}
	return prefix + strings.Repeat("*", len(dest)-len(prefix)-4) + dest[len(dest)-4:]
}

// firstRune returns the first character of a non-empty string.
func firstRune(s string) string {
	_, n := utf8.DecodeRuneInString(s)
	return s[:n]
}
