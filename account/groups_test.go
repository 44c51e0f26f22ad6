package account_test

import (
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/gocognito/gocognito/account"
	"github.com/gocognito/gocognito/transport"
)

func TestGroups(t *testing.T) {
	forEachTarget(t, options{}, func(t *testing.T, fx *fixture) {
		prec := int32(5)
		g, err := fx.admin.CreateGroup(fx.ctx, account.Group{Name: "admins", Description: "people in charge", Precedence: &prec})
		if err != nil {
			t.Fatalf("CreateGroup: %v", err)
		}
		if g.Name != "admins" || g.Description != "people in charge" || g.Precedence == nil || *g.Precedence != 5 || g.Created.IsZero() {
			t.Fatalf("created %+v", g)
		}
		if _, err := fx.admin.CreateGroup(fx.ctx, account.Group{Name: "admins"}); !errors.Is(err, transport.ErrGroupExists) {
			t.Fatalf("CreateGroup twice: %v, want GroupExistsException", err)
		}
		var all []string
		for i := range 7 {
			name := fmt.Sprintf("team-%d", i)
			if _, err := fx.admin.CreateGroup(fx.ctx, account.Group{Name: name}); err != nil {
				t.Fatal(err)
			}
			all = append(all, name)
		}
		all = append(all, "admins")

		got, err := fx.admin.Group(fx.ctx, "admins")
		if err != nil || got.Description != "people in charge" {
			t.Fatalf("Group = %+v, %v", got, err)
		}
		groups, err := account.Collect(fx.admin.Groups(fx.ctx))
		if err != nil {
			t.Fatal(err)
		}
		if names := groupNames(groups); !slices.Equal(names, sorted(all)) {
			t.Fatalf("Groups = %v, want %v", names, sorted(all))
		}

		fx.user("abby")
		fx.user("ben")
		for _, m := range []struct{ user, group string }{{"abby", "admins"}, {"abby", "team-1"}, {"ben", "team-1"}} {
			if err := fx.admin.AddUserToGroup(fx.ctx, m.user, m.group); err != nil {
				t.Fatalf("AddUserToGroup(%s, %s): %v", m.user, m.group, err)
			}
		}
		mine, err := account.Collect(fx.admin.GroupsForUser(fx.ctx, "abby"))
		if err != nil || !slices.Equal(groupNames(mine), []string{"admins", "team-1"}) {
			t.Fatalf("GroupsForUser = %v, %v", groupNames(mine), err)
		}
		members, err := account.Collect(fx.admin.UsersInGroup(fx.ctx, "team-1"))
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, u := range members {
			names = append(names, u.Username)
		}
		if !slices.Equal(sorted(names), []string{"abby", "ben"}) {
			t.Fatalf("UsersInGroup = %v", names)
		}

		// Tokens name the groups.
		claims, err := fx.session("abby").Claims(fx.ctx)
		if err != nil || !slices.Equal(sorted(claims.Groups), []string{"admins", "team-1"}) {
			t.Fatalf("cognito:groups = %v, %v", claims.Groups, err)
		}

		if err := fx.admin.RemoveUserFromGroup(fx.ctx, "abby", "team-1"); err != nil {
			t.Fatal(err)
		}
		if mine, err := account.Collect(fx.admin.GroupsForUser(fx.ctx, "abby")); err != nil || !slices.Equal(groupNames(mine), []string{"admins"}) {
			t.Fatalf("GroupsForUser after removal = %v, %v", groupNames(mine), err)
		}
		if err := fx.admin.DeleteGroup(fx.ctx, "admins"); err != nil {
			t.Fatal(err)
		}
		if _, err := fx.admin.Group(fx.ctx, "admins"); !errors.Is(err, transport.ErrResourceNotFound) {
			t.Fatalf("deleted group: %v, want ResourceNotFoundException", err)
		}
		if err := fx.admin.AddUserToGroup(fx.ctx, "nobody", "team-1"); !errors.Is(err, transport.ErrUserNotFound) {
			t.Fatalf("AddUserToGroup of an unknown user: %v", err)
		}
	})
}

func groupNames(gs []account.Group) []string {
	var out []string
	for _, g := range gs {
		out = append(out, g.Name)
	}
	return sorted(out)
}

func sorted(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}
