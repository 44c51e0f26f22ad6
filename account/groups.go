package account

import (
	"context"
	"iter"
	"time"

	"github.com/gocognito/gocognito/transport"
)

// Group is a group of a user pool. Its members carry its name in their
// tokens' cognito:groups claim.
type Group struct {
	Name        string
	Description string
	// RoleArn is the IAM role that identity pools give the group's members.
	RoleArn string
	// Precedence orders groups when a user is in several: the lowest wins.
	// nil means none.
	Precedence *int32
	Created    time.Time
	Modified   time.Time
}

func groupOf(g *transport.Group) Group {
	if g == nil {
		return Group{}
	}
	return Group{
		Name: g.GroupName, Description: g.Description, RoleArn: g.RoleArn, Precedence: g.Precedence,
		Created: timeOf(g.CreationDate), Modified: timeOf(g.LastModifiedDate),
	}
}

func groupsOf(list []transport.Group) []Group {
	out := make([]Group, len(list))
	for i := range list {
		out[i] = groupOf(&list[i])
	}
	return out
}

// CreateGroup creates a group; its Name, Description, RoleArn and
// Precedence are sent, its times ignored.
func (a *Admin) CreateGroup(ctx context.Context, g Group) (*Group, error) {
	const op = "create group"
	if err := a.ready(op); err != nil {
		return nil, err
	}
	out, err := a.Transport.CreateGroup(ctx, &transport.CreateGroupInput{
		GroupName: g.Name, UserPoolID: a.PoolID, Description: g.Description, RoleArn: g.RoleArn, Precedence: g.Precedence,
	})
	if err != nil {
		return nil, wrap(op, err)
	}
	created := groupOf(out.Group)
	return &created, nil
}

// Group describes a group (pycognito's get_group).
func (a *Admin) Group(ctx context.Context, name string) (*Group, error) {
	const op = "get group"
	if err := a.ready(op); err != nil {
		return nil, err
	}
	out, err := a.Transport.GetGroup(ctx, &transport.GroupRef{GroupName: name, UserPoolID: a.PoolID})
	if err != nil {
		return nil, wrap(op, err)
	}
	g := groupOf(out.Group)
	return &g, nil
}

// Groups lists the pool's groups, following pagination to the end
// (pycognito's get_groups).
func (a *Admin) Groups(ctx context.Context) iter.Seq2[Group, error] {
	const op = "list groups"
	if err := a.ready(op); err != nil {
		return failed[Group](err)
	}
	return paginate(ctx, op, func(ctx context.Context, token string) ([]Group, string, error) {
		out, err := a.Transport.ListGroups(ctx, &transport.ListGroupsInput{UserPoolID: a.PoolID, NextToken: token})
		if err != nil {
			return nil, "", err
		}
		return groupsOf(out.Groups), out.NextToken, nil
	})
}

// DeleteGroup deletes a group; its members stay in the pool.
func (a *Admin) DeleteGroup(ctx context.Context, name string) error {
	const op = "delete group"
	if err := a.ready(op); err != nil {
		return err
	}
	_, err := a.Transport.DeleteGroup(ctx, &transport.GroupRef{GroupName: name, UserPoolID: a.PoolID})
	return wrap(op, err)
}

// AddUserToGroup adds a user to a group (pycognito's
// admin_add_user_to_group). Tokens issued from then on name the group.
func (a *Admin) AddUserToGroup(ctx context.Context, username, group string) error {
	const op = "add user to group"
	if err := a.ready(op); err != nil {
		return err
	}
	_, err := a.Transport.AdminAddUserToGroup(ctx, &transport.UserGroupInput{UserPoolID: a.PoolID, Username: username, GroupName: group})
	return wrap(op, err)
}

// RemoveUserFromGroup removes a user from a group (pycognito's
// admin_remove_user_from_group).
func (a *Admin) RemoveUserFromGroup(ctx context.Context, username, group string) error {
	const op = "remove user from group"
	if err := a.ready(op); err != nil {
		return err
	}
	_, err := a.Transport.AdminRemoveUserFromGroup(ctx, &transport.UserGroupInput{UserPoolID: a.PoolID, Username: username, GroupName: group})
	return wrap(op, err)
}

// GroupsForUser lists the groups a user is in, following pagination to the
// end (pycognito's admin_list_groups_for_user).
func (a *Admin) GroupsForUser(ctx context.Context, username string) iter.Seq2[Group, error] {
	const op = "list groups for user"
	if err := a.ready(op); err != nil {
		return failed[Group](err)
	}
	return paginate(ctx, op, func(ctx context.Context, token string) ([]Group, string, error) {
		out, err := a.Transport.AdminListGroupsForUser(ctx, &transport.AdminListGroupsForUserInput{
			Username: username, UserPoolID: a.PoolID, NextToken: token,
		})
		if err != nil {
			return nil, "", err
		}
		return groupsOf(out.Groups), out.NextToken, nil
	})
}

// UsersInGroup lists a group's members, following pagination to the end.
func (a *Admin) UsersInGroup(ctx context.Context, group string) iter.Seq2[User, error] {
	const op = "list users in group"
	if err := a.ready(op); err != nil {
		return failed[User](err)
	}
	return paginate(ctx, op, func(ctx context.Context, token string) ([]User, string, error) {
		out, err := a.Transport.ListUsersInGroup(ctx, &transport.ListUsersInGroupInput{
			UserPoolID: a.PoolID, GroupName: group, NextToken: token,
		})
		if err != nil {
			return nil, "", err
		}
		return usersOf(out.Users), out.NextToken, nil
	})
}
