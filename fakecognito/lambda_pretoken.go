package fakecognito

import (
	"context"
	"encoding/json"
	"maps"
	"slices"
	"strings"

	"github.com/gocognito/gocognito/transport"
)

// Trigger sources of the pre token generation trigger: which path is
// issuing the tokens.
const (
	SourceTokenAuthentication     = "TokenGeneration_Authentication"
	SourceTokenNewPassword        = "TokenGeneration_NewPasswordChallenge"
	SourceTokenAuthenticateDevice = "TokenGeneration_AuthenticateDevice"
	SourceTokenRefresh            = "TokenGeneration_RefreshTokens"
	SourceTokenHostedAuth         = "TokenGeneration_HostedAuth"
	SourceTokenClientCredentials  = "TokenGeneration_ClientCredentials"
)

// respondMetadataKey carries, through a RespondToAuthChallenge call, the
// ClientMetadata of that call: what Cognito passes to the pre token
// generation trigger of a login that ends there. A login that ends in
// InitiateAuth passes none (the API reference of InitiateAuth lists the
// triggers that get its ClientMetadata: pre sign-up, pre authentication and
// user migration).
type respondMetadataKey struct{}

func withRespondMetadata(ctx context.Context, md map[string]string) context.Context {
	return context.WithValue(ctx, respondMetadataKey{}, maps.Clone(md))
}

// respondMetadata is the ClientMetadata of the RespondToAuthChallenge call
// ctx belongs to, or nil.
func respondMetadata(ctx context.Context) map[string]string {
	md, _ := ctx.Value(respondMetadataKey{}).(map[string]string)
	return md
}

// preTokenInput is what the pre token generation trigger is told about
// tokens being issued to a user: gathered by mintLocked under the lock,
// sent after it is released.
type preTokenInput struct {
	poolID, clientID, userName string
	// source is the triggerSource; mintLocked sets Authentication (or
	// RefreshTokens for a refresh), the caller refines it.
	source         string
	userAttributes map[string]string
	groups, roles  []string
	preferredRole  string
	scopes         []string
	clientMetadata map[string]string
}

// triggerUserAttributes is the request.userAttributes Cognito sends every
// trigger about an existing user: all its attributes (whatever the app
// client may read), its sub, "cognito:user_status", and for each alias the
// user can sign in with, "cognito:email_alias" or
// "cognito:phone_number_alias". The caller holds f.mu.
func triggerUserAttributes(p *pool, u *user) map[string]string {
	attrs := maps.Clone(u.Attrs)
	if attrs == nil {
		attrs = make(map[string]string)
	}
	attrs["sub"] = u.Sub
	attrs["cognito:user_status"] = u.Status
	for _, a := range p.AliasAttributes {
		if (a == "email" || a == "phone_number") && u.Attrs[a] != "" && u.Attrs[a+"_verified"] == "true" {
			attrs["cognito:"+a+"_alias"] = u.Attrs[a]
		}
	}
	return attrs
}

// groupConfiguration is the groups, roles and preferred role of the
// tokens: the trigger's request.groupConfiguration, and the response's
// groupOverrideDetails.
type groupConfiguration struct {
	GroupsToOverride   []string `json:"groupsToOverride"`
	IAMRolesToOverride []string `json:"iamRolesToOverride"`
	PreferredRole      *string  `json:"preferredRole"`
}

// preTokenRequest is the request of every version; V1_0 has no scopes.
type preTokenRequest struct {
	UserAttributes     map[string]string  `json:"userAttributes"`
	GroupConfiguration groupConfiguration `json:"groupConfiguration"`
	ClientMetadata     map[string]string  `json:"clientMetadata,omitempty"`
	Scopes             []string           `json:"scopes,omitempty"`
}

// preTokenResponseV1 is V1_0's response: the ID token's claims and the
// groups of both tokens.
type preTokenResponseV1 struct {
	ClaimsOverrideDetails *claimsOverrideDetails `json:"claimsOverrideDetails"`
}

type claimsOverrideDetails struct {
	ClaimsToAddOrOverride map[string]string   `json:"claimsToAddOrOverride"`
	ClaimsToSuppress      []string            `json:"claimsToSuppress"`
	GroupOverrideDetails  *groupConfiguration `json:"groupOverrideDetails"`
}

// preTokenResponseV2 is the response of V2_0 and V3_0: each token's claims,
// the access token's scopes, and the groups.
type preTokenResponseV2 struct {
	ClaimsAndScopeOverrideDetails *claimsAndScopeOverrideDetails `json:"claimsAndScopeOverrideDetails"`
}

type claimsAndScopeOverrideDetails struct {
	IDTokenGeneration     *tokenGeneration    `json:"idTokenGeneration"`
	AccessTokenGeneration *tokenGeneration    `json:"accessTokenGeneration"`
	GroupOverrideDetails  *groupConfiguration `json:"groupOverrideDetails"`
}

// tokenGeneration is one token's changes. Values are kept as the function
// wrote them (any JSON: strings, numbers, booleans, arrays, objects).
type tokenGeneration struct {
	ClaimsToAddOrOverride map[string]json.RawMessage `json:"claimsToAddOrOverride"`
	ClaimsToSuppress      []string                   `json:"claimsToSuppress"`
	ScopesToAdd           []string                   `json:"scopesToAdd"`
	ScopesToSuppress      []string                   `json:"scopesToSuppress"`
}

// Claims no pre token generation response may add, change or suppress
// (developer guide, "Pre token generation Lambda trigger"); changes to them
// are ignored, as Cognito ignores them. The access token's own identity
// claims are as protected as the ID token's.
var (
	fixedIDClaims = setOf("acr", "amr", "aud", "at_hash", "auth_time", "azp", "cognito:username", "exp", "iat",
		"identities", "iss", "jti", "nbf", "nonce", "origin_jti", "sub", "token_use", "event_id")
	fixedAccessClaims = setOf("acr", "amr", "aud", "auth_time", "azp", "client_id", "exp", "iat", "identities",
		"iss", "jti", "nbf", "nonce", "origin_jti", "sub", "token_use", "username", "scope", "version",
		"event_id", "device_key")
	// groupClaims change only through groupOverrideDetails, never through
	// claimsToAddOrOverride ("For group related claims, use
	// groupOverrideDetails instead"); they may be suppressed.
	groupClaims = setOf("cognito:groups", "cognito:roles", "cognito:preferred_role")
)

func setOf(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

// fixedClaim reports whether a response may not touch name.
func fixedClaim(fixed map[string]bool, name string) bool {
	return fixed[name] || strings.HasPrefix(name, "dev:")
}

// issue runs the pool's pre token generation trigger over pending tokens
// and signs them: every path that gives a user tokens ends here, outside
// the lock. An error of the trigger fails the call; no token is issued.
//
// mintLocked fills pt.pre with source TokenGeneration_Authentication (or
// TokenGeneration_RefreshTokens when it continues a family) and the scope
// aws.cognito.signin.user.admin. A path that issues tokens otherwise sets
// them before calling issue; the hosted login's /oauth2/token, for one:
//
//	pt, err := f.mintLocked(p, c, u, nil, deviceKey, now) // under the lock
//	pt.access["scope"] = strings.Join(granted, " ")
//	pt.pre.source = SourceTokenHostedAuth // TokenGeneration_HostedAuth; a refresh_token grant keeps RefreshTokens
//	pt.pre.scopes = granted
//	...unlock...
//	res, err := f.issue(ctx, pt) // Cognito's error from the trigger, or the signed tokens
func (f *Fake) issue(ctx context.Context, pt pendingTokens) (*transport.AuthenticationResult, error) {
	if err := f.preTokenGeneration(ctx, &pt); err != nil {
		return nil, err
	}
	return f.sign(pt)
}

// preTokenGeneration calls the trigger, if the pool has one, and applies
// its answer to pt's claims as Cognito applies it.
func (f *Fake) preTokenGeneration(ctx context.Context, pt *pendingTokens) error {
	in := pt.pre
	if in.poolID == "" || isManagedLogin(ctx) {
		// The managed login's own tokens are dropped once it issues a
		// code; the trigger runs for the code's tokens (HostedAuth).
		return nil
	}
	rt, ok, err := f.lookupTrigger(in.poolID, TriggerPreTokenGeneration)
	if err != nil || !ok {
		return err
	}
	req := preTokenRequest{
		UserAttributes: in.userAttributes,
		GroupConfiguration: groupConfiguration{
			GroupsToOverride: nonNil(in.groups), IAMRolesToOverride: nonNil(in.roles), PreferredRole: optString(in.preferredRole),
		},
		ClientMetadata: in.clientMetadata,
	}
	if rt.version == transport.PreTokenV1 {
		var out preTokenResponseV1
		ev := newTriggerEvent(in.source, in.userName, in.clientID, req, preTokenResponseV1{})
		if err := f.invokeTrigger(ctx, in.poolID, rt, ev, &out); err != nil {
			return err
		}
		if d := out.ClaimsOverrideDetails; d != nil {
			add := make(map[string]any, len(d.ClaimsToAddOrOverride))
			for k, v := range d.ClaimsToAddOrOverride {
				add[k] = v
			}
			applyClaims(pt.id, add, d.ClaimsToSuppress, fixedIDClaims)
			applyGroups(pt, d.GroupOverrideDetails)
		}
		return nil
	}
	// V2_0 and V3_0 send the scopes the access token would carry.
	req.Scopes = nonNil(in.scopes)
	var out preTokenResponseV2
	ev := newTriggerEvent(in.source, in.userName, in.clientID, req, preTokenResponseV2{})
	ev.Version = eventVersion(rt.version)
	if err := f.invokeTrigger(ctx, in.poolID, rt, ev, &out); err != nil {
		return err
	}
	if d := out.ClaimsAndScopeOverrideDetails; d != nil {
		if g := d.IDTokenGeneration; g != nil {
			applyClaims(pt.id, rawClaims(g.ClaimsToAddOrOverride), g.ClaimsToSuppress, fixedIDClaims)
		}
		if g := d.AccessTokenGeneration; g != nil {
			applyClaims(pt.access, rawClaims(g.ClaimsToAddOrOverride), g.ClaimsToSuppress, fixedAccessClaims)
			applyScopes(pt.access, g.ScopesToAdd, g.ScopesToSuppress)
		}
		applyGroups(pt, d.GroupOverrideDetails)
	}
	return nil
}

// customizeMachineToken runs the pool's pre token generation trigger for
// an access token of the client_credentials grant, which has no user and
// no ID token. It is the hook of /oauth2/token: call it, without holding
// f.mu, with the claims of the access token just before signing it:
//
//	if err := f.customizeMachineToken(ctx, poolID, clientID, scopes, clientMetadata, access); err != nil {
//		return err // Cognito's error (UserLambdaValidationException, ...): answer it as the endpoint answers errors
//	}
//
// As in Cognito only a V3_0 trigger runs for machine tokens (a V1_0 or
// V2_0 one is not called); it gets triggerSource
// TokenGeneration_ClientCredentials, the client id as userName and in
// callerContext, no user attributes or groups, the token's scopes and the
// aws_client_metadata of the request. Its accessTokenGeneration changes
// access's claims and its "scope" claim in place (the claims no response
// may touch are left alone); idTokenGeneration and groupOverrideDetails
// are ignored, there being neither an ID token nor groups.
func (f *Fake) customizeMachineToken(ctx context.Context, poolID, clientID string, scopes []string, clientMetadata map[string]string, access map[string]any) error {
	rt, ok, err := f.lookupTrigger(poolID, TriggerPreTokenGeneration)
	if err != nil || !ok || rt.version != transport.PreTokenV3 {
		return err
	}
	req := preTokenRequest{
		UserAttributes:     map[string]string{},
		GroupConfiguration: groupConfiguration{GroupsToOverride: []string{}, IAMRolesToOverride: []string{}},
		ClientMetadata:     clientMetadata,
		Scopes:             nonNil(scopes),
	}
	var out preTokenResponseV2
	ev := newTriggerEvent(SourceTokenClientCredentials, clientID, clientID, req, preTokenResponseV2{})
	ev.Version = eventVersion(rt.version)
	if err := f.invokeTrigger(ctx, poolID, rt, ev, &out); err != nil {
		return err
	}
	if d := out.ClaimsAndScopeOverrideDetails; d != nil && d.AccessTokenGeneration != nil {
		g := d.AccessTokenGeneration
		applyClaims(access, rawClaims(g.ClaimsToAddOrOverride), g.ClaimsToSuppress, fixedAccessClaims)
		applyScopes(access, g.ScopesToAdd, g.ScopesToSuppress)
	}
	return nil
}

// eventVersion is the envelope's version for a LambdaVersion: "1", "2" or
// "3".
func eventVersion(lambdaVersion string) string {
	switch lambdaVersion {
	case transport.PreTokenV2:
		return "2"
	case transport.PreTokenV3:
		return "3"
	}
	return "1"
}

func rawClaims(m map[string]json.RawMessage) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		if len(v) == 0 || string(v) == "null" {
			continue
		}
		out[k] = v
	}
	return out
}

// applyClaims adds or overrides, then suppresses, claims of one token;
// a claim both set and suppressed is suppressed, as the developer guide
// says. Fixed claims are left alone; group claims can only be suppressed.
func applyClaims(claims map[string]any, add map[string]any, suppress []string, fixed map[string]bool) {
	for k, v := range add {
		if k == "" || fixedClaim(fixed, k) || groupClaims[k] {
			continue
		}
		claims[k] = v
	}
	for _, k := range suppress {
		if fixedClaim(fixed, k) {
			continue
		}
		delete(claims, k)
	}
}

// applyGroups replaces the groups of both tokens and the roles of the ID
// token with groupOverrideDetails, when the response has one: an empty
// list removes the claim.
func applyGroups(pt *pendingTokens, g *groupConfiguration) {
	if g == nil {
		return
	}
	setList := func(m map[string]any, claim string, v []string) {
		if len(v) == 0 {
			delete(m, claim)
			return
		}
		m[claim] = slices.Clone(v)
	}
	setList(pt.id, "cognito:groups", g.GroupsToOverride)
	setList(pt.access, "cognito:groups", g.GroupsToOverride)
	setList(pt.id, "cognito:roles", g.IAMRolesToOverride)
	if g.PreferredRole == nil || *g.PreferredRole == "" {
		delete(pt.id, "cognito:preferred_role")
	} else {
		pt.id["cognito:preferred_role"] = *g.PreferredRole
	}
}

// applyScopes adds, then suppresses, scopes of an access token's
// space-separated "scope" claim.
func applyScopes(access map[string]any, add, suppress []string) {
	if len(add) == 0 && len(suppress) == 0 {
		return
	}
	cur, _ := access["scope"].(string)
	scopes := strings.Fields(cur)
	for _, s := range add {
		if s != "" && !strings.ContainsAny(s, " \t") && !slices.Contains(scopes, s) {
			scopes = append(scopes, s)
		}
	}
	scopes = slices.DeleteFunc(scopes, func(s string) bool { return slices.Contains(suppress, s) })
	if len(scopes) == 0 {
		delete(access, "scope")
		return
	}
	access["scope"] = strings.Join(scopes, " ")
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return slices.Clone(s)
}

func optString(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
