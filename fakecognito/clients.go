package fakecognito

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/gocognito/gocognito/transport"
)

// CreateUserPoolClient creates an app client, with a secret when
// GenerateSecret is set. Settings left out take Cognito's defaults, which
// DescribeUserPoolClient then shows.
func (f *Fake) CreateUserPoolClient(ctx context.Context, in *transport.CreateUserPoolClientInput) (*transport.UserPoolClientOutput, error) {
	return f.createUserPoolClient(ctx, "", "", in)
}

// CreateUserPoolClientWithID is CreateUserPoolClient with a client id, and
// for a client with a secret the secret, chosen by the caller: test suites
// and seed files can then name the client before the fake starts. The id is
// 1 to 128 letters, digits, '_' or '+' and must not be in use; secret, when
// not empty, is 1 to 128 letters and digits and needs GenerateSecret. An
// empty secret with GenerateSecret draws one. Real Cognito has no such
// operation; it is a test control.
func (f *Fake) CreateUserPoolClientWithID(ctx context.Context, id, secret string, in *transport.CreateUserPoolClientInput) (*transport.UserPoolClientOutput, error) {
	if err := checkChosenClient(id, secret, in); err != nil {
		return nil, err
	}
	return f.createUserPoolClient(ctx, id, secret, in)
}

func (f *Fake) createUserPoolClient(ctx context.Context, chosenID, chosenSecret string, in *transport.CreateUserPoolClientInput) (*transport.UserPoolClientOutput, error) {
	return run(ctx, f, "CreateUserPoolClient", in, func(in *transport.CreateUserPoolClientInput) (*transport.UserPoolClientOutput, error) {
		settings, err := normalizeClientSettings(in.ClientSettings)
		if err != nil {
			return nil, err
		}
		id, secret := chosenID, chosenSecret
		if id == "" {
			if id, err = f.newClientID(); err != nil {
				return nil, err
			}
		}
		if in.GenerateSecret && secret == "" {
			if secret, err = f.newClientSecret(); err != nil {
				return nil, err
			}
		}
		f.lockW()
		defer f.unlockW()
		p, err := f.poolLocked(in.UserPoolID)
		if err != nil {
			return nil, err
		}
		if err := checkOAuthSettings(p, &settings, secret != ""); err != nil {
			return nil, err
		}
		if _, taken := f.st.Clients[id]; taken {
			return nil, invalidParam("User pool client %s already exists.", id)
		}
		now := f.clock()
		c := &client{PoolID: in.UserPoolID, ID: id, Secret: secret, Created: now, Modified: now, Settings: settings}
		f.st.Clients[id] = c
		f.trk.mark(recClient, "", id)
		return &transport.UserPoolClientOutput{UserPoolClient: c.describe()}, nil
	})
}

// Cognito's bounds and defaults for app clients.
const (
	defaultAuthSessionMinutes = 3
	minAuthSessionMinutes     = 3
	maxAuthSessionMinutes     = 15
)

// normalizeClientSettings validates s and fills in Cognito's defaults.
func normalizeClientSettings(s transport.ClientSettings) (transport.ClientSettings, error) {
	if s.ClientName == "" || len(s.ClientName) > 128 {
		return s, invalidParam("ClientName must be 1 to 128 characters long.")
	}
	s = deepCopy(s)
	legacy, allow := 0, 0
	for _, fl := range s.ExplicitAuthFlows {
		switch fl {
		case transport.LegacyAdminNoSRPAuth, transport.LegacyCustomAuthFlowOnly, transport.LegacyUserPasswordAuth:
			legacy++
		case transport.AllowUserSRPAuth, transport.AllowUserPasswordAuth, transport.AllowRefreshTokenAuth,
			transport.AllowCustomAuth, transport.AllowAdminUserPassword, transport.AllowUserAuth:
			allow++
		default:
			return s, invalidParam("Invalid ExplicitAuthFlows value: %s", fl)
		}
	}
	if legacy > 0 && allow > 0 {
		return s, invalidParam("Cannot mix legacy ExplicitAuthFlows values with ALLOW_ values.")
	}
	if err := normalizeRotation(&s, legacy); err != nil {
		return s, err
	}
	if !s.RefreshTokenRotation.Enabled() && allow > 0 && !slices.Contains(s.ExplicitAuthFlows, transport.AllowRefreshTokenAuth) {
		return s, invalidParam("REFRESH_TOKEN_AUTH should always be allowed.")
	}
	switch s.PreventUserExistenceErrors {
	case "":
		// "When you create a new app client with the Amazon Cognito user
		// pools API, PreventUserExistenceErrors is LEGACY by default"
		// (developer guide, cognito-user-pool-managing-errors); only the
		// console turns it on.
		s.PreventUserExistenceErrors = transport.PreventUserExistenceLegacy
	case transport.PreventUserExistenceOn, transport.PreventUserExistenceLegacy:
	default:
		return s, invalidParam("Invalid PreventUserExistenceErrors: %s", s.PreventUserExistenceErrors)
	}
	if s.EnableTokenRevocation == nil {
		on := true
		s.EnableTokenRevocation = &on
	}
	switch {
	case s.AuthSessionValidity == 0:
		s.AuthSessionValidity = defaultAuthSessionMinutes
	case s.AuthSessionValidity < minAuthSessionMinutes || s.AuthSessionValidity > maxAuthSessionMinutes:
		return s, invalidParam("AuthSessionValidity must be between 3 and 15 minutes.")
	}
	// A lifetime without a unit is in Cognito's default unit: hours for
	// access and ID tokens, days for refresh tokens. A lifetime left out is
	// Cognito's default, shown as 60 minutes and 30 days.
	var given transport.TokenValidityUnits
	if s.TokenValidityUnits != nil {
		given = *s.TokenValidityUnits
	}
	fill := func(v *int32, unit *string, defUnit string, def time.Duration) error {
		switch {
		case *unit == "" && *v == 0:
			*unit = "minutes"
			if defUnit == "days" {
				*unit = "days"
			}
		case *unit == "":
			*unit = defUnit
		case unitDuration(*unit) == 0:
			return invalidParam("Invalid TokenValidityUnits value: %s", *unit)
		}
		if *v == 0 {
			*v = int32(def / unitDuration(*unit))
		}
		return nil
	}
	units := given
	if err := fill(&s.AccessTokenValidity, &units.AccessToken, "hours", time.Hour); err != nil {
		return s, err
	}
	if err := fill(&s.IDTokenValidity, &units.IDToken, "hours", time.Hour); err != nil {
		return s, err
	}
	if err := fill(&s.RefreshTokenValidity, &units.RefreshToken, "days", 30*24*time.Hour); err != nil {
		return s, err
	}
	s.TokenValidityUnits = &units
	check := func(name string, v int32, unit string, lo, hi time.Duration) error {
		// Compare in the unit, so that a huge value cannot overflow.
		per := unitDuration(unit)
		if v <= 0 || int64(v) > int64(hi/per) || time.Duration(v)*per < lo {
			return invalidParam("%s must be between %v and %v.", name, lo, hi)
		}
		return nil
	}
	if err := check("AccessTokenValidity", s.AccessTokenValidity, units.AccessToken, 5*time.Minute, 24*time.Hour); err != nil {
		return s, err
	}
	if err := check("IdTokenValidity", s.IDTokenValidity, units.IDToken, 5*time.Minute, 24*time.Hour); err != nil {
		return s, err
	}
	if err := check("RefreshTokenValidity", s.RefreshTokenValidity, units.RefreshToken, time.Hour, 3650*24*time.Hour); err != nil {
		return s, err
	}
	return s, nil
}

// normalizeRotation validates RefreshTokenRotation and fills in Cognito's
// default, rotation DISABLED with no grace period, which
// DescribeUserPoolClient shows for a client created without one
// (terraform-provider-aws #47374, #45646). A rotating client must leave out
// ALLOW_REFRESH_TOKEN_AUTH (developer guide: "you must disable this
// authentication flow in your app client"; terraform-provider-aws #47196
// shows an update with both refused), and the legacy flow names, which
// imply it, as well.
func normalizeRotation(s *transport.ClientSettings, legacy int) error {
	r := s.RefreshTokenRotation
	if r == nil {
		s.RefreshTokenRotation = &transport.RefreshTokenRotation{Feature: transport.RotationDisabled}
		return nil
	}
	switch r.Feature {
	case transport.RotationEnabled, transport.RotationDisabled:
	case "":
		return missingParam("RefreshTokenRotation.Feature")
	default:
		return invalidParam("Invalid RefreshTokenRotation.Feature value: %s", r.Feature)
	}
	if r.RetryGracePeriodSeconds < 0 || r.RetryGracePeriodSeconds > transport.MaxRetryGracePeriodSeconds {
		return invalidParam("RetryGracePeriodSeconds must be between 0 and %d.", transport.MaxRetryGracePeriodSeconds)
	}
	if r.Enabled() && (legacy > 0 || slices.Contains(s.ExplicitAuthFlows, transport.AllowRefreshTokenAuth)) {
		return invalidParam("ALLOW_REFRESH_TOKEN_AUTH cannot be enabled when refresh token rotation is enabled.")
	}
	return nil
}

func unitDuration(unit string) time.Duration {
	switch unit {
	case "seconds":
		return time.Second
	case "minutes":
		return time.Minute
	case "hours":
		return time.Hour
	case "days":
		return 24 * time.Hour
	}
	return 0
}

// describe returns the client as DescribeUserPoolClient shows it.
func (c *client) describe() *transport.UserPoolClient {
	s := deepCopy(c.Settings)
	return &transport.UserPoolClient{
		UserPoolID: c.PoolID, ClientID: c.ID, ClientSecret: c.Secret,
		CreationDate: transport.NewTime(c.Created), LastModifiedDate: transport.NewTime(c.Modified),
		ClientSettings: s,
	}
}

// tokenLifetimes returns the client's access, ID and refresh token
// lifetimes.
func (c *client) tokenLifetimes() (access, id, refresh time.Duration) {
	u := c.Settings.TokenValidityUnits
	return time.Duration(c.Settings.AccessTokenValidity) * unitDuration(u.AccessToken),
		time.Duration(c.Settings.IDTokenValidity) * unitDuration(u.IDToken),
		time.Duration(c.Settings.RefreshTokenValidity) * unitDuration(u.RefreshToken)
}

// sessionTTL returns how long a login's Session stays valid.
func (c *client) sessionTTL() time.Duration {
	return time.Duration(c.Settings.AuthSessionValidity) * time.Minute
}

func (c *client) revocationEnabled() bool {
	return c.Settings.EnableTokenRevocation == nil || *c.Settings.EnableTokenRevocation
}

func (c *client) preventUserExistence() bool {
	return c.Settings.PreventUserExistenceErrors == transport.PreventUserExistenceOn
}

// canRead reports whether the client may see an attribute (in ID tokens).
func (c *client) canRead(attr string) bool {
	return len(c.Settings.ReadAttributes) == 0 || slices.Contains(c.Settings.ReadAttributes, attr)
}

// flowAllowed reports whether the client enables an authentication flow.
// Without ExplicitAuthFlows Cognito allows SRP, custom and refresh.
func (c *client) flowAllowed(flow string) bool {
	flows := c.Settings.ExplicitAuthFlows
	if len(flows) == 0 {
		flows = []string{transport.AllowUserSRPAuth, transport.AllowCustomAuth, transport.AllowRefreshTokenAuth}
	}
	has := func(names ...string) bool {
		for _, n := range names {
			if slices.Contains(flows, n) {
				return true
			}
		}
		return false
	}
	legacy := has(transport.LegacyAdminNoSRPAuth, transport.LegacyCustomAuthFlowOnly, transport.LegacyUserPasswordAuth)
	switch flow {
	case transport.FlowUserSRP:
		return has(transport.AllowUserSRPAuth) || legacy && !has(transport.LegacyCustomAuthFlowOnly)
	case transport.FlowUserPassword:
		return has(transport.AllowUserPasswordAuth, transport.LegacyUserPasswordAuth)
	case transport.FlowCustom:
		return has(transport.AllowCustomAuth, transport.LegacyCustomAuthFlowOnly) || legacy
	case transport.FlowRefreshToken, transport.FlowRefreshTokenAuth:
		// "You can't authenticate with REFRESH_TOKEN_AUTH in app clients
		// with refresh token rotation enabled" (developer guide, Refresh
		// tokens), even when ExplicitAuthFlows is left to its defaults.
		if c.Settings.RefreshTokenRotation.Enabled() {
			return false
		}
		return has(transport.AllowRefreshTokenAuth) || legacy
	case transport.FlowAdminNoSRP, transport.FlowAdminUserPassword:
		return has(transport.AllowAdminUserPassword, transport.LegacyAdminNoSRPAuth)
	case transport.FlowUserAuth:
		return has(transport.AllowUserAuth)
	}
	return false
}

// clientLocked finds a client by id; the caller holds f.mu.
func (f *Fake) clientLocked(id string) (*client, error) {
	if id == "" {
		return nil, missingParam("ClientId")
	}
	c := f.st.Clients[id]
	if c == nil || f.st.Pools[c.PoolID] == nil {
		return nil, clientNotFound(id)
	}
	return c, nil
}

// poolClientLocked finds a client of a given pool.
func (f *Fake) poolClientLocked(poolID, clientID string) (*pool, *client, error) {
	p, err := f.poolLocked(poolID)
	if err != nil {
		return nil, nil, err
	}
	c, err := f.clientLocked(clientID)
	if err != nil {
		return nil, nil, err
	}
	if c.PoolID != p.ID {
		return nil, nil, clientNotFound(clientID)
	}
	return p, c, nil
}

// DescribeUserPoolClient describes an app client, secret included.
func (f *Fake) DescribeUserPoolClient(ctx context.Context, in *transport.ClientRef) (*transport.UserPoolClientOutput, error) {
	return run(ctx, f, "DescribeUserPoolClient", in, func(in *transport.ClientRef) (*transport.UserPoolClientOutput, error) {
		f.mu.RLock()
		defer f.mu.RUnlock()
		_, c, err := f.poolClientLocked(in.UserPoolID, in.ClientID)
		if err != nil {
			return nil, err
		}
		return &transport.UserPoolClientOutput{UserPoolClient: c.describe()}, nil
	})
}

// UpdateUserPoolClient replaces a client's settings; as in Cognito,
// settings left out return to their defaults. The secret stays.
func (f *Fake) UpdateUserPoolClient(ctx context.Context, in *transport.UpdateUserPoolClientInput) (*transport.UserPoolClientOutput, error) {
	return run(ctx, f, "UpdateUserPoolClient", in, func(in *transport.UpdateUserPoolClientInput) (*transport.UserPoolClientOutput, error) {
		f.lockW()
		defer f.unlockW()
		p, c, err := f.poolClientLocked(in.UserPoolID, in.ClientID)
		if err != nil {
			return nil, err
		}
		f.trk.mark(recClient, "", c.ID)
		s := in.ClientSettings
		if s.ClientName == "" {
			s.ClientName = c.Settings.ClientName
		}
		settings, err := normalizeClientSettings(s)
		if err != nil {
			return nil, err
		}
		if err := checkOAuthSettings(p, &settings, c.Secret != ""); err != nil {
			return nil, err
		}
		c.Settings = settings
		c.Modified = f.clock()
		return &transport.UserPoolClientOutput{UserPoolClient: c.describe()}, nil
	})
}

// DeleteUserPoolClient deletes an app client and the tokens issued to it.
func (f *Fake) DeleteUserPoolClient(ctx context.Context, in *transport.ClientRef) (*transport.Empty, error) {
	return run(ctx, f, "DeleteUserPoolClient", in, func(in *transport.ClientRef) (*transport.Empty, error) {
		f.lockW()
		defer f.unlockW()
		_, c, err := f.poolClientLocked(in.UserPoolID, in.ClientID)
		if err != nil {
			return nil, err
		}
		f.trk.mark(recClient, "", c.ID)
		delete(f.st.Clients, c.ID)
		f.dropClientFamiliesLocked(c.ID)
		return &transport.Empty{}, nil
	})
}

// ListUserPoolClients lists a pool's clients by id.
func (f *Fake) ListUserPoolClients(ctx context.Context, in *transport.ListUserPoolClientsInput) (*transport.ListUserPoolClientsOutput, error) {
	return run(ctx, f, "ListUserPoolClients", in, func(in *transport.ListUserPoolClientsInput) (*transport.ListUserPoolClientsOutput, error) {
		limit, err := pageLimit("maxResults", in.MaxResults, 60, 60)
		if err != nil {
			return nil, err
		}
		f.mu.RLock()
		defer f.mu.RUnlock()
		p, err := f.poolLocked(in.UserPoolID)
		if err != nil {
			return nil, err
		}
		var ids []string
		for id, c := range f.st.Clients {
			if c.PoolID == p.ID {
				ids = append(ids, id)
			}
		}
		ids, next, err := page("clients:"+p.ID, ids, in.NextToken, limit)
		if err != nil {
			return nil, err
		}
		out := &transport.ListUserPoolClientsOutput{UserPoolClients: []transport.UserPoolClientDescription{}, NextToken: next}
		for _, id := range ids {
			c := f.st.Clients[id]
			out.UserPoolClients = append(out.UserPoolClients, transport.UserPoolClientDescription{
				ClientID: c.ID, UserPoolID: c.PoolID, ClientName: c.Settings.ClientName,
			})
		}
		return out, nil
	})
}

// checkClientSecret verifies SECRET_HASH for a client with a secret,
// against each name the user may be known by, in constant time.
func checkSecretHash(c *client, given string, names ...string) error {
	if c.Secret == "" {
		return nil
	}
	if given == "" {
		return notAuthorized("Client " + c.ID + " is configured with secret but SECRET_HASH was not received")
	}
	if !secretHashMatches(c, given, names) {
		return notAuthorized("Unable to verify secret hash for client " + c.ID)
	}
	return nil
}

// nonEmpty drops empty and repeated names.
func nonEmpty(names ...string) []string {
	out := names[:0:0]
	for _, n := range names {
		if n != "" && !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return out
}

// aliasNames returns the names a user may be called by besides the user
// name: its sign-in attributes' values.
func (p *pool) aliasNames(u *user) []string {
	names := []string{u.Username}
	for _, a := range p.signInAttributes() {
		if v := u.Attrs[a]; v != "" {
			names = append(names, v, strings.ToLower(v))
		}
	}
	return nonEmpty(names...)
}
