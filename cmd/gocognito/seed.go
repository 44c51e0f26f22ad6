package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"

	"github.com/gocognito/gocognito/transport"
)

// seedFile is what `serve --seed FILE` creates at start: pools with their
// app clients, groups and users. Field names are Cognito's own API names
// (a pool takes every field of CreateUserPool, a client every field of
// CreateUserPoolClient), so that settings copied from the AWS CLI or
// CloudFormation read the same. docs/seed-example.json shows every part.
type seedFile struct {
	Pools []seedPool `json:"Pools"`
}

// seedPool is a CreateUserPool request plus what lives inside the pool.
type seedPool struct {
	// ID, when set, is the pool's id instead of a random one, so that tests
	// can name the pool before the server starts (a fake-only control).
	ID string `json:"Id,omitempty"`
	transport.CreateUserPoolInput
	// MfaConfig is SetUserPoolMfaConfig's request without the pool id: which
	// MFA kinds the pool offers (MfaConfiguration is the pool's).
	MfaConfig *seedMFAConfig `json:"MfaConfig,omitempty"`
	// Domain is the pool's prefix domain (CreateUserPoolDomain), the name
	// DescribeUserPool shows in its Domain field.
	Domain string `json:"Domain,omitempty"`
	// ResourceServers are CreateResourceServer requests without the pool
	// id, created before the clients whose scopes name them.
	ResourceServers []seedResourceServer `json:"ResourceServers,omitempty"`
	Clients         []seedClient         `json:"Clients,omitempty"`
	Groups          []seedGroup          `json:"Groups,omitempty"`
	Users           []seedUser           `json:"Users,omitempty"`
}

type seedMFAConfig struct {
	SmsMfaConfiguration           *transport.SmsMfaConfig           `json:"SmsMfaConfiguration,omitempty"`
	SoftwareTokenMfaConfiguration *transport.SoftwareTokenMfaConfig `json:"SoftwareTokenMfaConfiguration,omitempty"`
	EmailMfaConfiguration         *transport.EmailMfaConfig         `json:"EmailMfaConfiguration,omitempty"`
	// WebAuthnConfiguration is the pool's passkey relying party and user
	// verification.
	WebAuthnConfiguration *transport.WebAuthnConfiguration `json:"WebAuthnConfiguration,omitempty"`
}

// seedClient is a CreateUserPoolClient request without the pool id.
type seedClient struct {
	// ClientID and ClientSecret, when set, replace the random ones (a
	// fake-only control); a ClientSecret needs GenerateSecret.
	ClientID       string `json:"ClientId,omitempty"`
	ClientSecret   string `json:"ClientSecret,omitempty"`
	GenerateSecret bool   `json:"GenerateSecret,omitempty"`
	transport.ClientSettings
}

// seedResourceServer is a CreateResourceServer request without the pool id.
type seedResourceServer struct {
	Identifier string                          `json:"Identifier"`
	Name       string                          `json:"Name"`
	Scopes     []transport.ResourceServerScope `json:"Scopes,omitempty"`
}

// seedGroup is a CreateGroup request without the pool id.
type seedGroup struct {
	GroupName   string `json:"GroupName"`
	Description string `json:"Description,omitempty"`
	RoleArn     string `json:"RoleArn,omitempty"`
	Precedence  *int32 `json:"Precedence,omitempty"`
}

// seedUser is a user as an administrator would create it: AdminCreateUser
// (invitation suppressed), then AdminSetUserPassword.
type seedUser struct {
	Username string `json:"Username"`
	// Password is permanent (status CONFIRMED) unless Temporary is true
	// (status FORCE_CHANGE_PASSWORD: the first login must choose another).
	Password   string            `json:"Password"`
	Temporary  bool              `json:"Temporary,omitempty"`
	Attributes map[string]string `json:"Attributes,omitempty"`
	Groups     []string          `json:"Groups,omitempty"`
	// Disabled users exist but cannot sign in (AdminDisableUser).
	Disabled bool `json:"Disabled,omitempty"`
	// MFA turns on SMS, e-mail or TOTP MFA for the user
	// (AdminSetUserMFAPreference); SMS and e-mail codes go to the server's
	// outbox.
	MFA *seedUserMFA `json:"MFA,omitempty"`
}

type seedUserMFA struct {
	SMS   bool `json:"SMS,omitempty"`
	Email bool `json:"Email,omitempty"`
	// TOTPSecret, base32 (at least 16 bytes), is the secret of an
	// authenticator app the user has already enrolled (a fake-only
	// control, fakecognito.Fake.SetUserTOTPSecret): TOTP MFA is on, and a
	// test that knows the secret computes the codes.
	TOTPSecret string `json:"TOTPSecret,omitempty"`
	Preferred  string `json:"Preferred,omitempty"` // "SMS_MFA", "EMAIL_OTP" or "SOFTWARE_TOKEN_MFA"
}

// String hides the password and the TOTP secret.
func (u seedUser) String() string { return "seedUser{Username:" + u.Username + " Password:[redacted]}" }

// String hides the TOTP secret.
func (m seedUserMFA) String() string {
	return fmt.Sprintf("seedUserMFA{SMS:%t Email:%t TOTPSecret:[redacted] Preferred:%s}", m.SMS, m.Email, m.Preferred)
}

// GoString hides the TOTP secret from %#v.
func (m seedUserMFA) GoString() string { return m.String() }

// GoString hides the password from %#v.
func (u seedUser) GoString() string { return u.String() }

// maxSeedBytes bounds a seed file: even thousands of users fit in far less.
const maxSeedBytes = 16 << 20

// errSeed marks every problem with a seed file.
var errSeed = errors.New("seed")

// parseSeed reads a seed file strictly: unknown fields (a typo such as
// "Usernmae") and trailing data are errors, so that a seed never half-applies
// silently.
func parseSeed(r io.Reader) (*seedFile, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxSeedBytes+1))
	if err != nil {
		return nil, fmt.Errorf("%w: %w", errSeed, err)
	}
	if len(data) > maxSeedBytes {
		return nil, fmt.Errorf("%w: file larger than %d bytes", errSeed, maxSeedBytes)
	}
	var s seedFile
	dec, err := decodeStrict(data, &s)
	if err != nil {
		return nil, fmt.Errorf("%w: %s", errSeed, describeJSONError(data, err))
	}
	if dec.More() {
		line, col := lineColumn(data, dec.InputOffset())
		return nil, fmt.Errorf("%w: line %d, column %d: data after the JSON object", errSeed, line, col)
	}
	if err := s.check(); err != nil {
		return nil, err
	}
	return &s, nil
}

// decodeStrict decodes one JSON value from data into v, refusing unknown
// fields.
func decodeStrict(data []byte, v any) (*json.Decoder, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	return dec, dec.Decode(v)
}

// describeJSONError says where in the seed a decoding error is: a line and
// column for a syntax or type error, the pool, client, group or user for an
// unknown field (encoding/json names neither).
func describeJSONError(data []byte, err error) string {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		// Offset counts the bytes read, the offending one included.
		line, col := lineColumn(data, syn.Offset-1)
		return fmt.Sprintf("line %d, column %d: %s", line, col, syn.Error())
	case errors.As(err, &typ):
		// Offset is the end of the value; its last byte is on the line.
		line, col := lineColumn(data, typ.Offset-1)
		return fmt.Sprintf("line %d, column %d: %s is a JSON %s, want %s", line, col, jsonPath(typ.Field), typ.Value, typ.Type)
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return "the file ends in the middle of the JSON (or is empty)"
	}
	msg := strings.TrimPrefix(err.Error(), "json: ")
	if strings.HasPrefix(msg, "unknown field ") {
		if where := placeUnknownField(data); where != "" {
			return where + ": " + msg
		}
	}
	return msg
}

// placeUnknownField finds the first part of a seed that has a field the
// format does not know, such as "Pools[0].Users[1]", by decoding the parts
// one by one.
func placeUnknownField(data []byte) string {
	var top map[string]json.RawMessage
	if json.Unmarshal(data, &top) != nil {
		return ""
	}
	var pools []json.RawMessage
	if json.Unmarshal(top["Pools"], &pools) != nil {
		return ""
	}
	for i, raw := range pools {
		var p seedPool
		if _, err := decodeStrict(raw, &p); err == nil {
			continue
		}
		where := fmt.Sprintf("Pools[%d]", i)
		var parts struct {
			MfaConfig              json.RawMessage
			Clients, Groups, Users []json.RawMessage
			ResourceServers        []json.RawMessage
		}
		if json.Unmarshal(raw, &parts) != nil {
			return where
		}
		if len(parts.MfaConfig) > 0 {
			if _, err := decodeStrict(parts.MfaConfig, new(seedMFAConfig)); err != nil {
				return where + ".MfaConfig"
			}
		}
		for _, list := range []struct {
			name  string
			items []json.RawMessage
			zero  func() any
		}{
			{"Clients", parts.Clients, func() any { return new(seedClient) }},
			{"Groups", parts.Groups, func() any { return new(seedGroup) }},
			{"ResourceServers", parts.ResourceServers, func() any { return new(seedResourceServer) }},
			{"Users", parts.Users, func() any { return new(seedUser) }},
		} {
			for j, item := range list.items {
				if _, err := decodeStrict(item, list.zero()); err != nil {
					return fmt.Sprintf("%s.%s[%d]", where, list.name, j)
				}
			}
		}
		return where
	}
	return ""
}

// embeddedTypes are the Go names encoding/json puts in a field's path for
// the structs a seed part embeds, which the file does not show.
var embeddedTypes = []string{"CreateUserPoolInput", "PoolSettings", "ClientSettings"}

// jsonPath is a field path as the file spells it: "Pools.PoolName", not
// "Pools.CreateUserPoolInput.PoolName".
func jsonPath(field string) string {
	parts := strings.Split(field, ".")
	parts = slices.DeleteFunc(parts, func(p string) bool { return slices.Contains(embeddedTypes, p) })
	return strings.Join(parts, ".")
}

// lineColumn turns a byte offset into a 1-based line and column.
func lineColumn(data []byte, offset int64) (line, col int) {
	offset = max(0, min(offset, int64(len(data))))
	before := data[:offset]
	line = bytes.Count(before, []byte("\n")) + 1
	col = int(offset) - (bytes.LastIndexByte(before, '\n') + 1) + 1
	return line, col
}

// check finds the mistakes that would otherwise surface half-way through
// applying the seed.
func (s *seedFile) check() error {
	for i, p := range s.Pools {
		where := fmt.Sprintf("Pools[%d]", i)
		if p.PoolName == "" {
			return fmt.Errorf("%w: %s: PoolName is required", errSeed, where)
		}
		for j, c := range p.Clients {
			if c.ClientName == "" {
				return fmt.Errorf("%w: %s.Clients[%d]: ClientName is required", errSeed, where, j)
			}
			if c.ClientSecret != "" && (c.ClientID == "" || !c.GenerateSecret) {
				return fmt.Errorf("%w: %s.Clients[%d]: ClientSecret needs ClientId and GenerateSecret", errSeed, where, j)
			}
		}
		groups := make(map[string]bool)
		for j, g := range p.Groups {
			if g.GroupName == "" {
				return fmt.Errorf("%w: %s.Groups[%d]: GroupName is required", errSeed, where, j)
			}
			groups[g.GroupName] = true
		}
		for j, u := range p.Users {
			if u.Username == "" || u.Password == "" {
				return fmt.Errorf("%w: %s.Users[%d]: Username and Password are required", errSeed, where, j)
			}
			if m := u.MFA; m != nil && m.Preferred != "" && !slices.Contains([]string{transport.MFASMS, transport.MFAEmail, transport.MFASoftwareToken}, m.Preferred) {
				return fmt.Errorf("%w: %s.Users[%d] (%s): MFA.Preferred %q: want SMS_MFA, EMAIL_OTP or SOFTWARE_TOKEN_MFA", errSeed, where, j, u.Username, m.Preferred)
			}
			for _, g := range u.Groups {
				if !groups[g] {
					return fmt.Errorf("%w: %s.Users[%d] (%s): group %q is not among the pool's Groups", errSeed, where, j, u.Username, g)
				}
			}
		}
	}
	return nil
}

// poolInventory is a pool and its app clients, for the start-up lines.
type poolInventory struct {
	PoolID, PoolName string
	Clients          []transport.UserPoolClientDescription
}

// idPinner is what fakecognito.Fake offers for seeds that choose their ids.
type idPinner interface {
	CreateUserPoolWithID(ctx context.Context, id string, in *transport.CreateUserPoolInput) (*transport.UserPoolOutput, error)
	CreateUserPoolClientWithID(ctx context.Context, id, secret string, in *transport.CreateUserPoolClientInput) (*transport.UserPoolClientOutput, error)
}

// totpSetter is what fakecognito.Fake offers for seeds that give users a
// TOTP secret.
type totpSetter interface {
	SetUserTOTPSecret(poolID, username, secret string) error
}

// applySeed creates everything the seed declares through the Cognito API
// of target, in file order, and stops at the first error.
func applySeed(ctx context.Context, target transport.Cognito, s *seedFile) error {
	for i, sp := range s.Pools {
		if err := applyPool(ctx, target, fmt.Sprintf("Pools[%d] (%s)", i, sp.PoolName), sp); err != nil {
			return err
		}
	}
	return nil
}

// applyPool creates one pool and what it holds; where names it in errors.
func applyPool(ctx context.Context, target transport.Cognito, where string, sp seedPool) error {
	fail := func(part string, err error) error { return fmt.Errorf("%w: %s%s: %w", errSeed, where, part, err) }
	in := sp.CreateUserPoolInput
	var out *transport.UserPoolOutput
	var err error
	if sp.ID != "" {
		pin, ok := target.(idPinner)
		if !ok {
			return fail("", errors.New("a chosen Id needs the embedded fake"))
		}
		out, err = pin.CreateUserPoolWithID(ctx, sp.ID, &in)
	} else {
		out, err = target.CreateUserPool(ctx, &in)
	}
	if err != nil {
		return fail("", err)
	}
	poolID := out.UserPool.ID
	if m := sp.MfaConfig; m != nil {
		_, err := target.SetUserPoolMfaConfig(ctx, &transport.UserPoolMfaConfig{
			UserPoolID:                    poolID,
			SmsMfaConfiguration:           m.SmsMfaConfiguration,
			SoftwareTokenMfaConfiguration: m.SoftwareTokenMfaConfiguration,
			EmailMfaConfiguration:         m.EmailMfaConfiguration,
			WebAuthnConfiguration:         m.WebAuthnConfiguration,
			MfaConfiguration:              sp.MfaConfiguration,
		})
		if err != nil {
			return fail(".MfaConfig", err)
		}
	}
	if sp.Domain != "" {
		if _, err := target.CreateUserPoolDomain(ctx, &transport.CreateUserPoolDomainInput{UserPoolID: poolID, Domain: sp.Domain}); err != nil {
			return fail(".Domain", err)
		}
	}
	for j, rs := range sp.ResourceServers {
		_, err := target.CreateResourceServer(ctx, &transport.ResourceServerInput{UserPoolID: poolID, Identifier: rs.Identifier, Name: rs.Name, Scopes: rs.Scopes})
		if err != nil {
			return fail(fmt.Sprintf(".ResourceServers[%d] (%s)", j, rs.Identifier), err)
		}
	}
	for j, c := range sp.Clients {
		in := &transport.CreateUserPoolClientInput{UserPoolID: poolID, GenerateSecret: c.GenerateSecret, ClientSettings: c.ClientSettings}
		var err error
		if c.ClientID != "" {
			pin, ok := target.(idPinner)
			if !ok {
				return fail(fmt.Sprintf(".Clients[%d] (%s)", j, c.ClientName), errors.New("a chosen ClientId needs the embedded fake"))
			}
			_, err = pin.CreateUserPoolClientWithID(ctx, c.ClientID, c.ClientSecret, in)
		} else {
			_, err = target.CreateUserPoolClient(ctx, in)
		}
		if err != nil {
			return fail(fmt.Sprintf(".Clients[%d] (%s)", j, c.ClientName), err)
		}
	}
	for j, g := range sp.Groups {
		_, err := target.CreateGroup(ctx, &transport.CreateGroupInput{
			UserPoolID: poolID, GroupName: g.GroupName, Description: g.Description, RoleArn: g.RoleArn, Precedence: g.Precedence,
		})
		if err != nil {
			return fail(fmt.Sprintf(".Groups[%d] (%s)", j, g.GroupName), err)
		}
	}
	for j, u := range sp.Users {
		if err := applyUser(ctx, target, poolID, u); err != nil {
			return fail(fmt.Sprintf(".Users[%d] (%s)", j, u.Username), err)
		}
	}
	return nil
}

func applyUser(ctx context.Context, target transport.Cognito, poolID string, u seedUser) error {
	names := make([]string, 0, len(u.Attributes))
	for k := range u.Attributes {
		names = append(names, k)
	}
	sort.Strings(names)
	attrs := make([]transport.AttributeType, 0, len(names))
	for _, k := range names {
		attrs = append(attrs, transport.Attr(k, u.Attributes[k]))
	}
	create := &transport.AdminCreateUserInput{
		UserPoolID: poolID, Username: u.Username, UserAttributes: attrs, MessageAction: "SUPPRESS",
	}
	if u.Temporary {
		create.TemporaryPassword = u.Password
	}
	if _, err := target.AdminCreateUser(ctx, create); err != nil {
		return err
	}
	if !u.Temporary {
		_, err := target.AdminSetUserPassword(ctx, &transport.AdminSetUserPasswordInput{
			UserPoolID: poolID, Username: u.Username, Password: u.Password, Permanent: true,
		})
		if err != nil {
			return err
		}
	}
	for _, g := range u.Groups {
		if _, err := target.AdminAddUserToGroup(ctx, &transport.UserGroupInput{UserPoolID: poolID, Username: u.Username, GroupName: g}); err != nil {
			return fmt.Errorf("group %s: %w", g, err)
		}
	}
	if m := u.MFA; m != nil {
		in := &transport.AdminSetUserMFAPreferenceInput{UserPoolID: poolID, Username: u.Username}
		if m.TOTPSecret != "" {
			ts, ok := target.(totpSetter)
			if !ok {
				return errors.New("MFA.TOTPSecret needs the embedded fake")
			}
			if err := ts.SetUserTOTPSecret(poolID, u.Username, m.TOTPSecret); err != nil {
				return fmt.Errorf("MFA.TOTPSecret: %w", err)
			}
			in.SoftwareTokenMfaSettings = &transport.MFASettings{Enabled: true, PreferredMfa: m.Preferred == transport.MFASoftwareToken}
		}
		if m.SMS {
			in.SMSMfaSettings = &transport.MFASettings{Enabled: true, PreferredMfa: m.Preferred == transport.MFASMS}
		}
		if m.Email {
			in.EmailMfaSettings = &transport.MFASettings{Enabled: true, PreferredMfa: m.Preferred == transport.MFAEmail}
		}
		if _, err := target.AdminSetUserMFAPreference(ctx, in); err != nil {
			return fmt.Errorf("MFA: %w", err)
		}
	}
	if u.Disabled {
		if _, err := target.AdminDisableUser(ctx, &transport.UserRef{UserPoolID: poolID, Username: u.Username}); err != nil {
			return err
		}
	}
	return nil
}

// inventory lists every pool and its app clients, sorted by name, for the
// lines serve prints at start.
func inventory(ctx context.Context, target transport.Pools) ([]poolInventory, error) {
	var out []poolInventory
	next := ""
	for {
		pools, err := target.ListUserPools(ctx, &transport.ListUserPoolsInput{MaxResults: 60, NextToken: next})
		if err != nil {
			return nil, err
		}
		for _, p := range pools.UserPools {
			s := poolInventory{PoolID: p.ID, PoolName: p.Name}
			cnext := ""
			for {
				cl, err := target.ListUserPoolClients(ctx, &transport.ListUserPoolClientsInput{UserPoolID: p.ID, MaxResults: 60, NextToken: cnext})
				if err != nil {
					return nil, err
				}
				s.Clients = append(s.Clients, cl.UserPoolClients...)
				if cnext = cl.NextToken; cnext == "" {
					break
				}
			}
			slices.SortFunc(s.Clients, func(a, b transport.UserPoolClientDescription) int {
				return cmpPair(a.ClientName, a.ClientID, b.ClientName, b.ClientID)
			})
			out = append(out, s)
		}
		if next = pools.NextToken; next == "" {
			break
		}
	}
	slices.SortFunc(out, func(a, b poolInventory) int { return cmpPair(a.PoolName, a.PoolID, b.PoolName, b.PoolID) })
	return out, nil
}

func cmpPair(a1, a2, b1, b2 string) int {
	switch {
	case a1 < b1:
		return -1
	case a1 > b1:
		return 1
	case a2 < b2:
		return -1
	case a2 > b2:
		return 1
	}
	return 0
}
