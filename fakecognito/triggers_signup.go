package fakecognito

import (
	"context"
	"maps"

	"github.com/gocognito/gocognito/transport"
)

// PreSignUp and PostConfirmation: the triggers of SignUp, AdminCreateUser,
// ConfirmSignUp, AdminConfirmSignUp and ConfirmForgotPassword.

type preSignUpRequest struct {
	UserAttributes map[string]string `json:"userAttributes"`
	ValidationData map[string]string `json:"validationData"`
	ClientMetadata map[string]string `json:"clientMetadata"`
}

type preSignUpResponse struct {
	AutoConfirmUser bool `json:"autoConfirmUser"`
	AutoVerifyEmail bool `json:"autoVerifyEmail"`
	AutoVerifyPhone bool `json:"autoVerifyPhone"`
}

type postConfirmationRequest struct {
	UserAttributes map[string]string `json:"userAttributes"`
	ClientMetadata map[string]string `json:"clientMetadata"`
}

// preSignUp runs PreSignUp for a user about to be created (u is the draft,
// not yet in the pool) and returns what it decided; the zero response when
// the pool has no such trigger.
func (f *Fake) preSignUp(ctx context.Context, c flowCall, source string, u *user, validation []transport.AttributeType, metadata map[string]string) (preSignUpResponse, error) {
	attrs := maps.Clone(u.Attrs)
	delete(attrs, "sub") // not assigned until the user exists
	var resp preSignUpResponse
	_, err := f.fire(ctx, c, TriggerPreSignUp, source, preSignUpRequest{
		UserAttributes: orEmpty(attrs), ValidationData: attrMap(validation), ClientMetadata: orEmpty(metadata),
	}, &resp)
	return resp, err
}

// applyPreSignUpAttrs marks verified the contact attributes PreSignUp
// auto-verifies, when the user has them. Only SignUp applies PreSignUp's
// response: Cognito ignores it for AdminCreateUser.
func applyPreSignUpAttrs(attrs map[string]string, resp preSignUpResponse) {
	for attr, on := range map[string]bool{"email": resp.AutoVerifyEmail, "phone_number": resp.AutoVerifyPhone} {
		if on && attrs[attr] != "" {
			attrs[attr+"_verified"] = "true"
		}
	}
}

// postConfirmation runs PostConfirmation for a user the call is about to
// confirm, with its attributes as they will be.
func (f *Fake) postConfirmation(ctx context.Context, c flowCall, source string, attrs, metadata map[string]string) error {
	_, err := f.fire(ctx, c, TriggerPostConfirmation, source, postConfirmationRequest{
		UserAttributes: attrs, ClientMetadata: orEmpty(metadata),
	}, &emptyResponse{})
	return err
}

// confirmedAttrs is the request.userAttributes of PostConfirmation: u's
// attributes as the confirmation leaves them, confirmed and with attr (if
// any) verified. The caller holds f.mu.
func confirmedAttrs(p *pool, u *user, attr string) map[string]string {
	probe := *u
	probe.Attrs = maps.Clone(u.Attrs)
	if attr != "" {
		probe.Attrs[attr+"_verified"] = "true"
	}
	probe.Status = transport.StatusConfirmed
	return triggerUserAttributes(p, &probe)
}

// codeWouldPass tells, without consuming or counting anything, whether
// given is u's live code for key. The caller holds f.mu.
func (f *Fake) codeWouldPass(u *user, key, given string) bool {
	c := u.Codes[key]
	return c != nil && given != "" && !f.clock().After(c.Expires) && constantEqual(c.Value, given)
}

// confirmSignUpTrigger runs PostConfirmation_ConfirmSignUp for a
// confirmation that will succeed, before it takes effect: a function that
// fails leaves the user unconfirmed and its code unused. Any other
// confirmation is left to ConfirmSignUp to refuse.
func (f *Fake) confirmSignUpTrigger(ctx context.Context, in *transport.ConfirmSignUpInput) error {
	f.mu.RLock()
	p, u, err := f.selfServiceUserLocked(in.ClientID, in.Username, in.SecretHash)
	key := codeKey(PurposeSignUp, "")
	if err != nil || u.Status != transport.StatusUnconfirmed || !f.configuredLocked(p.ID, TriggerPostConfirmation) ||
		!f.codeWouldPass(u, key, in.ConfirmationCode) {
		f.mu.RUnlock()
		return nil
	}
	attrs := confirmedAttrs(p, u, u.Codes[key].Attr)
	call := flowCall{poolID: p.ID, clientID: in.ClientID, userName: u.Username}
	f.mu.RUnlock()
	return f.postConfirmation(ctx, call, srcPostConfirmationSignUp, attrs, in.ClientMetadata)
}

// confirmForgotTrigger runs PostConfirmation_ConfirmForgotPassword for a
// password reset that will succeed, before it takes effect, as
// confirmSignUpTrigger does.
func (f *Fake) confirmForgotTrigger(ctx context.Context, in *transport.ConfirmForgotPasswordInput) error {
	f.mu.RLock()
	p, u, err := f.selfServiceUserLocked(in.ClientID, in.Username, in.SecretHash)
	if err != nil || !f.configuredLocked(p.ID, TriggerPostConfirmation) ||
		!f.codeWouldPass(u, codeKey(PurposeForgotPassword, ""), in.ConfirmationCode) {
		f.mu.RUnlock()
		return nil
	}
	attrs := confirmedAttrs(p, u, "")
	call := flowCall{poolID: p.ID, clientID: in.ClientID, userName: u.Username}
	f.mu.RUnlock()
	return f.postConfirmation(ctx, call, srcPostConfirmationForgot, attrs, in.ClientMetadata)
}

// adminConfirmTrigger runs PostConfirmation_ConfirmSignUp for an
// AdminConfirmSignUp that will succeed, before it takes effect, as
// confirmSignUpTrigger does; no attribute becomes verified.
func (f *Fake) adminConfirmTrigger(ctx context.Context, in *transport.AdminUserMetadataInput) error {
	f.mu.RLock()
	p, u, err := f.userLocked(in.UserPoolID, in.Username)
	if err != nil || u.Status != transport.StatusUnconfirmed || !f.triggerConfigured(p, TriggerPostConfirmation) {
		f.mu.RUnlock()
		return nil
	}
	attrs := confirmedAttrs(p, u, "")
	call := flowCall{poolID: p.ID, clientID: adminClientID, userName: u.Username}
	f.mu.RUnlock()
	return f.postConfirmation(ctx, call, srcPostConfirmationSignUp, attrs, in.ClientMetadata)
}
