package fakecognito

import (
	"fmt"
	"testing"

	"github.com/gocognito/gocognito/transport"
)

func TestUpdateGroup(t *testing.T) {
	e := newEnv(t, envOpts{})
	if _, err := e.cog.CreateGroup(e.ctx, &transport.CreateGroupInput{UserPoolID: e.pool.ID, GroupName: "g", Description: "old", RoleArn: "arn:aws:iam::123456789012:role/r", Precedence: ptr[int32](3)}); err != nil {
		t.Fatal(err)
	}
	e.clk.Advance(60e9)
	out, err := e.cog.UpdateGroup(e.ctx, &transport.UpdateGroupInput{UserPoolID: e.pool.ID, GroupName: "g", Description: ptr("new")})
	if err != nil {
		t.Fatal(err)
	}
	g := out.Group
	if g.Description != "new" || g.RoleArn != "arn:aws:iam::123456789012:role/r" || g.Precedence == nil || *g.Precedence != 3 {
		t.Fatalf("after UpdateGroup of the description: %+v; want the role and precedence kept", g)
	}
	if !g.LastModifiedDate.After(g.CreationDate.Time) {
		t.Errorf("LastModifiedDate %v not after CreationDate %v", g.LastModifiedDate, g.CreationDate)
	}
	out, err = e.cog.UpdateGroup(e.ctx, &transport.UpdateGroupInput{UserPoolID: e.pool.ID, GroupName: "g", Precedence: ptr[int32](0), RoleArn: ptr("")})
	if err != nil {
		t.Fatal(err)
	}
	if out.Group.Description != "new" || *out.Group.Precedence != 0 || out.Group.RoleArn != "" {
		t.Fatalf("after UpdateGroup of precedence and role: %+v", out.Group)
	}
	got, err := e.cog.GetGroup(e.ctx, &transport.GroupRef{UserPoolID: e.pool.ID, GroupName: "g"})
	if err != nil || got.Group.Description != "new" {
		t.Fatalf("GetGroup after update = %+v, %v", got, err)
	}

	tests := []struct {
		name string
		in   transport.UpdateGroupInput
		code string
	}{
		{"unknown group", transport.UpdateGroupInput{UserPoolID: e.pool.ID, GroupName: "nope"}, "ResourceNotFoundException"},
		{"missing name", transport.UpdateGroupInput{UserPoolID: e.pool.ID}, "InvalidParameterException"},
		{"negative precedence", transport.UpdateGroupInput{UserPoolID: e.pool.ID, GroupName: "g", Precedence: ptr[int32](-1)}, "InvalidParameterException"},
		{"unknown pool", transport.UpdateGroupInput{UserPoolID: "us-east-1_nothere", GroupName: "g"}, "ResourceNotFoundException"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := e.cog.UpdateGroup(e.ctx, &tt.in)
			wantErr(t, err, tt.code, "")
		})
	}
}

func TestAddCustomAttributes(t *testing.T) {
	e := newEnv(t, envOpts{})
	e.f.MustCreateUser(e.pool.ID, "alice", testPassword)
	_, err := e.cog.AdminUpdateUserAttributes(e.ctx, &transport.AdminUpdateUserAttributesInput{UserPoolID: e.pool.ID, Username: "alice", UserAttributes: []transport.AttributeType{transport.Attr("custom:team", "blue")}})
	if err == nil {
		t.Fatal("custom:team accepted before it is declared")
	}
	if _, err := e.cog.AddCustomAttributes(e.ctx, &transport.AddCustomAttributesInput{UserPoolID: e.pool.ID,
		CustomAttributes: []transport.SchemaAttribute{{Name: "team", AttributeDataType: "String", Mutable: ptr(true)}}}); err != nil {
		t.Fatal(err)
	}
	p, err := e.cog.DescribeUserPool(e.ctx, &transport.PoolRef{UserPoolID: e.pool.ID})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, a := range p.UserPool.SchemaAttributes {
		found = found || a.Name == "custom:team"
	}
	if !found {
		t.Fatalf("schema %+v lacks custom:team", p.UserPool.SchemaAttributes)
	}
	if _, err := e.cog.AdminUpdateUserAttributes(e.ctx, &transport.AdminUpdateUserAttributesInput{UserPoolID: e.pool.ID, Username: "alice", UserAttributes: []transport.AttributeType{transport.Attr("custom:team", "blue")}}); err != nil {
		t.Fatalf("custom:team after AddCustomAttributes: %v", err)
	}

	many := func(n int) []transport.SchemaAttribute {
		s := make([]transport.SchemaAttribute, n)
		for i := range s {
			s[i] = transport.SchemaAttribute{Name: fmt.Sprint("a", i), AttributeDataType: "String"}
		}
		return s
	}
	tests := []struct {
		name  string
		attrs []transport.SchemaAttribute
		code  string
	}{
		{"existing", []transport.SchemaAttribute{{Name: "team", AttributeDataType: "String"}}, "InvalidParameterException"},
		{"existing with prefix", []transport.SchemaAttribute{{Name: "custom:team", AttributeDataType: "String"}}, "InvalidParameterException"},
		{"none", nil, "InvalidParameterException"},
		{"required", []transport.SchemaAttribute{{Name: "x", AttributeDataType: "String", Required: true}}, "InvalidParameterException"},
		{"name too long", []transport.SchemaAttribute{{Name: "abcdefghijklmnopqrstu", AttributeDataType: "String"}}, "InvalidParameterException"},
		{"bad type", []transport.SchemaAttribute{{Name: "x", AttributeDataType: "Text"}}, "InvalidParameterException"},
		{"twice in one request", []transport.SchemaAttribute{{Name: "x", AttributeDataType: "String"}, {Name: "x", AttributeDataType: "Number"}}, "InvalidParameterException"},
		{"past 50", many(50), "LimitExceededException"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := e.cog.AddCustomAttributes(e.ctx, &transport.AddCustomAttributesInput{UserPoolID: e.pool.ID, CustomAttributes: tt.attrs})
			wantErr(t, err, tt.code, "")
		})
	}
	_, err = e.cog.AddCustomAttributes(e.ctx, &transport.AddCustomAttributesInput{UserPoolID: "us-east-1_nothere", CustomAttributes: many(1)})
	wantErr(t, err, "ResourceNotFoundException", "")
}
