package fakecognito

import (
	"context"
	"maps"
	"slices"

	"github.com/gocognito/gocognito/transport"
)

// CreateGroup creates a group in a pool.
func (f *Fake) CreateGroup(ctx context.Context, in *transport.CreateGroupInput) (*transport.GroupOutput, error) {
	return run(ctx, f, "CreateGroup", in, func(in *transport.CreateGroupInput) (*transport.GroupOutput, error) {
		if in.GroupName == "" || len(in.GroupName) > 128 {
			return nil, invalidParam("GroupName must be 1 to 128 characters long.")
		}
		if in.Precedence != nil && *in.Precedence < 0 {
			return nil, invalidParam("Precedence must be a non-negative number.")
		}
		f.lockW()
		defer f.unlockW()
		p, err := f.poolLocked(in.UserPoolID)
		if err != nil {
			return nil, err
		}
		f.trk.mark(recPool, "", p.ID)
		if p.Groups[in.GroupName] != nil {
			return nil, cognitoErr("GroupExistsException", "A group with the name "+in.GroupName+" already exists.")
		}
		now := f.clock()
		g := &group{Name: in.GroupName, Description: in.Description, RoleArn: in.RoleArn, Precedence: deepCopy(in.Precedence), Created: now, Modified: now}
		p.Groups[g.Name] = g
		return &transport.GroupOutput{Group: describeGroup(p, g)}, nil
	})
}

func describeGroup(p *pool, g *group) *transport.Group {
	return &transport.Group{
		GroupName: g.Name, UserPoolID: p.ID, Description: g.Description, RoleArn: g.RoleArn,
		Precedence: deepCopy(g.Precedence), CreationDate: transport.NewTime(g.Created), LastModifiedDate: transport.NewTime(g.Modified),
	}
}

func (f *Fake) groupLocked(poolID, name string) (*pool, *group, error) {
	p, err := f.poolLocked(poolID)
	if err != nil {
		return nil, nil, err
	}
	if name == "" {
		return nil, nil, missingParam("GroupName")
	}
	g := p.Groups[name]
	if g == nil {
		return nil, nil, cognitoErr("ResourceNotFoundException", "Group not found.")
	}
	f.trk.mark(recPool, "", p.ID) // in a write section: the group may change
	return p, g, nil
}

// GetGroup describes a group.
func (f *Fake) GetGroup(ctx context.Context, in *transport.GroupRef) (*transport.GroupOutput, error) {
	return run(ctx, f, "GetGroup", in, func(in *transport.GroupRef) (*transport.GroupOutput, error) {
		f.mu.RLock()
		defer f.mu.RUnlock()
		p, g, err := f.groupLocked(in.UserPoolID, in.GroupName)
		if err != nil {
			return nil, err
		}
		return &transport.GroupOutput{Group: describeGroup(p, g)}, nil
	})
}

// ListGroups lists a pool's groups by name.
func (f *Fake) ListGroups(ctx context.Context, in *transport.ListGroupsInput) (*transport.ListGroupsOutput, error) {
	return run(ctx, f, "ListGroups", in, func(in *transport.ListGroupsInput) (*transport.ListGroupsOutput, error) {
		limit, err := pageLimit("limit", in.Limit, 60, 60)
		if err != nil {
			return nil, err
		}
		f.mu.RLock()
		defer f.mu.RUnlock()
		p, err := f.poolLocked(in.UserPoolID)
		if err != nil {
			return nil, err
		}
		return listGroups(p, "groups:"+p.ID, slices.Collect(maps.Keys(p.Groups)), in.NextToken, limit)
	})
}

func listGroups(p *pool, kind string, names []string, tok string, limit int) (*transport.ListGroupsOutput, error) {
	names, next, err := page(kind, names, tok, limit)
	if err != nil {
		return nil, err
	}
	out := &transport.ListGroupsOutput{Groups: []transport.Group{}, NextToken: next}
	for _, n := range names {
		out.Groups = append(out.Groups, *describeGroup(p, p.Groups[n]))
	}
	return out, nil
}

// DeleteGroup deletes a group; its members stay, without it.
func (f *Fake) DeleteGroup(ctx context.Context, in *transport.GroupRef) (*transport.Empty, error) {
	return run(ctx, f, "DeleteGroup", in, func(in *transport.GroupRef) (*transport.Empty, error) {
		f.lockW()
		defer f.unlockW()
		p, g, err := f.groupLocked(in.UserPoolID, in.GroupName)
		if err != nil {
			return nil, err
		}
		delete(p.Groups, g.Name)
		f.trk.mark(recPool, "", p.ID)
		for _, u := range p.Users {
			if u.Groups[g.Name] {
				delete(u.Groups, g.Name)
				f.trk.markUser(p, u)
			}
		}
		return &transport.Empty{}, nil
	})
}

// AdminAddUserToGroup adds a user to a group; its next tokens carry the
// group in cognito:groups.
func (f *Fake) AdminAddUserToGroup(ctx context.Context, in *transport.UserGroupInput) (*transport.Empty, error) {
	return run(ctx, f, "AdminAddUserToGroup", in, func(in *transport.UserGroupInput) (*transport.Empty, error) {
		return f.setMembership(in, true)
	})
}

// AdminRemoveUserFromGroup removes a user from a group.
func (f *Fake) AdminRemoveUserFromGroup(ctx context.Context, in *transport.UserGroupInput) (*transport.Empty, error) {
	return run(ctx, f, "AdminRemoveUserFromGroup", in, func(in *transport.UserGroupInput) (*transport.Empty, error) {
		return f.setMembership(in, false)
	})
}

func (f *Fake) setMembership(in *transport.UserGroupInput, member bool) (*transport.Empty, error) {
	f.lockW()
	defer f.unlockW()
	_, g, err := f.groupLocked(in.UserPoolID, in.GroupName)
	if err != nil {
		return nil, err
	}
	_, u, err := f.userLocked(in.UserPoolID, in.Username)
	if err != nil {
		return nil, err
	}
	if member {
		if u.Groups == nil {
			u.Groups = make(map[string]bool)
		}
		u.Groups[g.Name] = true
	} else {
		delete(u.Groups, g.Name)
	}
	return &transport.Empty{}, nil
}

// AdminListGroupsForUser lists the groups of a user by name.
func (f *Fake) AdminListGroupsForUser(ctx context.Context, in *transport.AdminListGroupsForUserInput) (*transport.ListGroupsOutput, error) {
	return run(ctx, f, "AdminListGroupsForUser", in, func(in *transport.AdminListGroupsForUserInput) (*transport.ListGroupsOutput, error) {
		limit, err := pageLimit("limit", in.Limit, 60, 60)
		if err != nil {
			return nil, err
		}
		f.mu.RLock()
		defer f.mu.RUnlock()
		p, u, err := f.userLocked(in.UserPoolID, in.Username)
		if err != nil {
			return nil, err
		}
		var names []string
		for g := range u.Groups {
			if p.Groups[g] != nil {
				names = append(names, g)
			}
		}
		return listGroups(p, "usergroups:"+p.ID+":"+u.Username, names, in.NextToken, limit)
	})
}

// ListUsersInGroup lists the members of a group by user name.
func (f *Fake) ListUsersInGroup(ctx context.Context, in *transport.ListUsersInGroupInput) (*transport.ListUsersInGroupOutput, error) {
	return run(ctx, f, "ListUsersInGroup", in, func(in *transport.ListUsersInGroupInput) (*transport.ListUsersInGroupOutput, error) {
		limit, err := pageLimit("limit", in.Limit, 60, 60)
		if err != nil {
			return nil, err
		}
		f.mu.RLock()
		defer f.mu.RUnlock()
		p, g, err := f.groupLocked(in.UserPoolID, in.GroupName)
		if err != nil {
			return nil, err
		}
		var keys []string
		for k, u := range p.Users {
			if u.Groups[g.Name] {
				keys = append(keys, k)
			}
		}
		keys, next, err := page("members:"+p.ID+":"+g.Name, keys, in.NextToken, limit)
		if err != nil {
			return nil, err
		}
		out := &transport.ListUsersInGroupOutput{Users: []transport.User{}, NextToken: next}
		for _, k := range keys {
			out.Users = append(out.Users, describeUser(p.Users[k], nil))
		}
		return out, nil
	})
}

// UpdateGroup changes a group's description, role or precedence; a field
// left out of the request keeps its value.
func (f *Fake) UpdateGroup(ctx context.Context, in *transport.UpdateGroupInput) (*transport.GroupOutput, error) {
	return run(ctx, f, "UpdateGroup", in, func(in *transport.UpdateGroupInput) (*transport.GroupOutput, error) {
		if in.Precedence != nil && *in.Precedence < 0 {
			return nil, invalidParam("Precedence must be a non-negative number.")
		}
		if in.Description != nil && len(*in.Description) > 2048 {
			return nil, invalidParam("1 validation error detected: Value at 'description' failed to satisfy constraint: Member must have length less than or equal to 2048")
		}
		f.lockW()
		defer f.unlockW()
		p, g, err := f.groupLocked(in.UserPoolID, in.GroupName)
		if err != nil {
			return nil, err
		}
		if in.Description != nil {
			g.Description = *in.Description
		}
		if in.RoleArn != nil {
			g.RoleArn = *in.RoleArn
		}
		if in.Precedence != nil {
			g.Precedence = deepCopy(in.Precedence)
		}
		g.Modified = f.clock()
		return &transport.GroupOutput{Group: describeGroup(p, g)}, nil
	})
}
