package fakecognito

import (
	"context"
	"maps"
	"regexp"
	"slices"

	"github.com/gocognito/gocognito/transport"
)

// Limits and patterns of the API reference (CreateResourceServer,
// ResourceServerScopeType) and of Cognito's quotas.
const (
	maxResourceServers = 25  // resource servers per pool (quota)
	maxScopes          = 100 // scopes per resource server
)

var (
	identifierPattern = regexp.MustCompile(`^[\x21\x23-\x5B\x5D-\x7E]{1,256}$`)
	rsNamePattern     = regexp.MustCompile(`^[\w\s+=,.@-]{1,256}$`)
	scopeNamePattern  = regexp.MustCompile(`^[\x21\x23-\x2E\x30-\x5B\x5D-\x7E]{1,256}$`)
)

// checkResourceServer refuses what the API reference refuses in a
// Create/UpdateResourceServer request.
func checkResourceServer(in *transport.ResourceServerInput) error {
	switch {
	case in.Identifier == "":
		return missingParam("Identifier")
	case in.Name == "":
		return missingParam("Name")
	case !identifierPattern.MatchString(in.Identifier):
		return invalidParam("1 validation error detected: Value '%s' at 'identifier' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\x21\\x23-\\x5B\\x5D-\\x7E]+", in.Identifier)
	case !rsNamePattern.MatchString(in.Name):
		return invalidParam("1 validation error detected: Value '%s' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w\\s+=,.@-]+", in.Name)
	case len(in.Scopes) > maxScopes:
		return invalidParam("1 validation error detected: Value at 'scopes' failed to satisfy constraint: Member must have length less than or equal to %d", maxScopes)
	}
	seen := make(map[string]bool, len(in.Scopes))
	for _, sc := range in.Scopes {
		if !scopeNamePattern.MatchString(sc.ScopeName) {
			return invalidParam("1 validation error detected: Value '%s' at 'scopes.member.scopeName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\x21\\x23-\\x2E\\x30-\\x5B\\x5D-\\x7E]+", sc.ScopeName)
		}
		if sc.ScopeDescription == "" || len(sc.ScopeDescription) > 256 {
			return invalidParam("1 validation error detected: Value at 'scopes.member.scopeDescription' failed to satisfy constraint: Member must have length between 1 and 256")
		}
		if seen[sc.ScopeName] {
			return invalidParam("Duplicate scope names are not allowed: %s", sc.ScopeName)
		}
		seen[sc.ScopeName] = true
	}
	return nil
}

func resourceServerOf(p *pool, in *transport.ResourceServerInput) *transport.ResourceServer {
	return &transport.ResourceServer{UserPoolID: p.ID, Identifier: in.Identifier, Name: in.Name, Scopes: slices.Clone(in.Scopes)}
}

// CreateResourceServer adds a resource server to a pool; its identifier is
// unique within the pool.
func (f *Fake) CreateResourceServer(ctx context.Context, in *transport.ResourceServerInput) (*transport.ResourceServerOutput, error) {
	return run(ctx, f, "CreateResourceServer", in, func(in *transport.ResourceServerInput) (*transport.ResourceServerOutput, error) {
		if err := checkResourceServer(in); err != nil {
			return nil, err
		}
		f.lockW()
		defer f.unlockW()
		p, err := f.poolLocked(in.UserPoolID)
		if err != nil {
			return nil, err
		}
		if p.ResourceServers[in.Identifier] != nil {
			return nil, invalidParam("%s already exists in user pool %s.", in.Identifier, p.ID)
		}
		if len(p.ResourceServers) >= maxResourceServers {
			return nil, cognitoErr("LimitExceededException", "The number of resource servers in the user pool has reached the limit.")
		}
		f.trk.mark(recPool, "", p.ID)
		if p.ResourceServers == nil {
			p.ResourceServers = make(map[string]*transport.ResourceServer)
		}
		rs := resourceServerOf(p, in)
		p.ResourceServers[rs.Identifier] = rs
		return &transport.ResourceServerOutput{ResourceServer: deepCopy(rs)}, nil
	})
}

// resourceServerLocked finds a resource server of a pool.
func (f *Fake) resourceServerLocked(poolID, id string) (*pool, *transport.ResourceServer, error) {
	p, err := f.poolLocked(poolID)
	if err != nil {
		return nil, nil, err
	}
	if id == "" {
		return nil, nil, missingParam("Identifier")
	}
	rs := p.ResourceServers[id]
	if rs == nil {
		return nil, nil, cognitoErr("ResourceNotFoundException", "Resource server "+id+" does not exist.")
	}
	return p, rs, nil
}

// DescribeResourceServer describes a resource server.
func (f *Fake) DescribeResourceServer(ctx context.Context, in *transport.ResourceServerRef) (*transport.ResourceServerOutput, error) {
	return run(ctx, f, "DescribeResourceServer", in, func(in *transport.ResourceServerRef) (*transport.ResourceServerOutput, error) {
		f.mu.RLock()
		defer f.mu.RUnlock()
		_, rs, err := f.resourceServerLocked(in.UserPoolID, in.Identifier)
		if err != nil {
			return nil, err
		}
		return &transport.ResourceServerOutput{ResourceServer: deepCopy(rs)}, nil
	})
}

// ListResourceServers lists a pool's resource servers by identifier, at
// most 50 a page.
func (f *Fake) ListResourceServers(ctx context.Context, in *transport.ListResourceServersInput) (*transport.ListResourceServersOutput, error) {
	return run(ctx, f, "ListResourceServers", in, func(in *transport.ListResourceServersInput) (*transport.ListResourceServersOutput, error) {
		limit, err := pageLimit("maxResults", in.MaxResults, 50, 50)
		if err != nil {
			return nil, err
		}
		f.mu.RLock()
		defer f.mu.RUnlock()
		p, err := f.poolLocked(in.UserPoolID)
		if err != nil {
			return nil, err
		}
		ids, next, err := page("resourceservers:"+p.ID, slices.Collect(maps.Keys(p.ResourceServers)), in.NextToken, limit)
		if err != nil {
			return nil, err
		}
		out := &transport.ListResourceServersOutput{ResourceServers: []transport.ResourceServer{}, NextToken: next}
		for _, id := range ids {
			out.ResourceServers = append(out.ResourceServers, *deepCopy(p.ResourceServers[id]))
		}
		return out, nil
	})
}

// UpdateResourceServer replaces a resource server's name and scopes.
func (f *Fake) UpdateResourceServer(ctx context.Context, in *transport.ResourceServerInput) (*transport.ResourceServerOutput, error) {
	return run(ctx, f, "UpdateResourceServer", in, func(in *transport.ResourceServerInput) (*transport.ResourceServerOutput, error) {
		if err := checkResourceServer(in); err != nil {
			return nil, err
		}
		f.lockW()
		defer f.unlockW()
		p, _, err := f.resourceServerLocked(in.UserPoolID, in.Identifier)
		if err != nil {
			return nil, err
		}
		f.trk.mark(recPool, "", p.ID)
		rs := resourceServerOf(p, in)
		p.ResourceServers[rs.Identifier] = rs
		return &transport.ResourceServerOutput{ResourceServer: deepCopy(rs)}, nil
	})
}

// DeleteResourceServer removes a resource server from its pool.
func (f *Fake) DeleteResourceServer(ctx context.Context, in *transport.ResourceServerRef) (*transport.Empty, error) {
	return run(ctx, f, "DeleteResourceServer", in, func(in *transport.ResourceServerRef) (*transport.Empty, error) {
		f.lockW()
		defer f.unlockW()
		p, rs, err := f.resourceServerLocked(in.UserPoolID, in.Identifier)
		if err != nil {
			return nil, err
		}
		f.trk.mark(recPool, "", p.ID)
		delete(p.ResourceServers, rs.Identifier)
		return &transport.Empty{}, nil
	})
}
