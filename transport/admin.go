package transport

import "context"

// User is a user as ListUsers and AdminCreateUser describe it.
type User struct {
	Username             string          `json:"Username"`
	Attributes           []AttributeType `json:"Attributes,omitempty"`
	UserCreateDate       *Time           `json:"UserCreateDate,omitempty"`
	UserLastModifiedDate *Time           `json:"UserLastModifiedDate,omitempty"`
	Enabled              bool            `json:"Enabled"`
	UserStatus           string          `json:"UserStatus,omitempty"`
	MFAOptions           []MFAOption     `json:"MFAOptions,omitempty"`
}

// UserRef names a user of a pool: the request of AdminGetUser,
// AdminDeleteUser, AdminEnableUser, AdminDisableUser, AdminUserGlobalSignOut.
type UserRef struct {
	UserPoolID string `json:"UserPoolId"`
	Username   string `json:"Username"`
}

// AdminCreateUserInput is the request of AdminCreateUser.
type AdminCreateUserInput struct {
	UserPoolID             string            `json:"UserPoolId"`
	Username               string            `json:"Username"`
	UserAttributes         []AttributeType   `json:"UserAttributes,omitempty"`
	ValidationData         []AttributeType   `json:"ValidationData,omitempty"`
	TemporaryPassword      string            `json:"TemporaryPassword,omitempty" redact:"true"`
	ForceAliasCreation     bool              `json:"ForceAliasCreation,omitempty"`
	MessageAction          string            `json:"MessageAction,omitempty"` // "RESEND" or "SUPPRESS"
	DesiredDeliveryMediums []string          `json:"DesiredDeliveryMediums,omitempty"`
	ClientMetadata         map[string]string `json:"ClientMetadata,omitempty"`
}

// AdminCreateUserOutput is the response of AdminCreateUser.
type AdminCreateUserOutput struct {
	User *User `json:"User,omitempty"`
}

// AdminSetUserPasswordInput is the request of AdminSetUserPassword.
type AdminSetUserPasswordInput struct {
	UserPoolID string `json:"UserPoolId"`
	Username   string `json:"Username"`
	Password   string `json:"Password" redact:"true"`
	Permanent  bool   `json:"Permanent,omitempty"`
}

// AdminGetUserOutput is the response of AdminGetUser.
type AdminGetUserOutput struct {
	Username             string          `json:"Username"`
	UserAttributes       []AttributeType `json:"UserAttributes,omitempty"`
	UserCreateDate       *Time           `json:"UserCreateDate,omitempty"`
	UserLastModifiedDate *Time           `json:"UserLastModifiedDate,omitempty"`
	Enabled              bool            `json:"Enabled"`
	UserStatus           string          `json:"UserStatus,omitempty"`
	MFAOptions           []MFAOption     `json:"MFAOptions,omitempty"`
	PreferredMfaSetting  string          `json:"PreferredMfaSetting,omitempty"`
	UserMFASettingList   []string        `json:"UserMFASettingList,omitempty"`
}

// AdminUserMetadataInput names a user and passes metadata to triggers: the
// request of AdminConfirmSignUp and AdminResetUserPassword.
type AdminUserMetadataInput struct {
	UserPoolID     string            `json:"UserPoolId"`
	Username       string            `json:"Username"`
	ClientMetadata map[string]string `json:"ClientMetadata,omitempty"`
}

// AdminUpdateUserAttributesInput is the request of AdminUpdateUserAttributes.
type AdminUpdateUserAttributesInput struct {
	UserPoolID     string            `json:"UserPoolId"`
	Username       string            `json:"Username"`
	UserAttributes []AttributeType   `json:"UserAttributes"`
	ClientMetadata map[string]string `json:"ClientMetadata,omitempty"`
}

// AdminDeleteUserAttributesInput is the request of AdminDeleteUserAttributes.
type AdminDeleteUserAttributesInput struct {
	UserPoolID         string   `json:"UserPoolId"`
	Username           string   `json:"Username"`
	UserAttributeNames []string `json:"UserAttributeNames"`
}

// ListUsersInput is the request of ListUsers. Filter follows Cognito's
// syntax: `email = "a@b.c"`, `email ^= "a"`, `status = "Enabled"`.
type ListUsersInput struct {
	UserPoolID      string   `json:"UserPoolId"`
	AttributesToGet []string `json:"AttributesToGet,omitempty"`
	Limit           int32    `json:"Limit,omitempty"`
	PaginationToken string   `json:"PaginationToken,omitempty"`
	Filter          string   `json:"Filter,omitempty"`
}

// ListUsersOutput is the response of ListUsers.
type ListUsersOutput struct {
	Users           []User `json:"Users"`
	PaginationToken string `json:"PaginationToken,omitempty"`
}

// Group is a group of a user pool.
type Group struct {
	GroupName        string `json:"GroupName,omitempty"`
	UserPoolID       string `json:"UserPoolId,omitempty"`
	Description      string `json:"Description,omitempty"`
	RoleArn          string `json:"RoleArn,omitempty"`
	Precedence       *int32 `json:"Precedence,omitempty"`
	LastModifiedDate *Time  `json:"LastModifiedDate,omitempty"`
	CreationDate     *Time  `json:"CreationDate,omitempty"`
}

// CreateGroupInput is the request of CreateGroup.
type CreateGroupInput struct {
	GroupName   string `json:"GroupName"`
	UserPoolID  string `json:"UserPoolId"`
	Description string `json:"Description,omitempty"`
	RoleArn     string `json:"RoleArn,omitempty"`
	Precedence  *int32 `json:"Precedence,omitempty"`
}

// UpdateGroupInput is the request of UpdateGroup: a field left out keeps
// its value.
type UpdateGroupInput struct {
	GroupName   string  `json:"GroupName"`
	UserPoolID  string  `json:"UserPoolId"`
	Description *string `json:"Description,omitempty"`
	RoleArn     *string `json:"RoleArn,omitempty"`
	Precedence  *int32  `json:"Precedence,omitempty"`
}

// GroupOutput is the response of CreateGroup, GetGroup and UpdateGroup.
type GroupOutput struct {
	Group *Group `json:"Group,omitempty"`
}

// GroupRef names a group: the request of GetGroup and DeleteGroup.
type GroupRef struct {
	GroupName  string `json:"GroupName"`
	UserPoolID string `json:"UserPoolId"`
}

// ListGroupsInput is the request of ListGroups.
type ListGroupsInput struct {
	UserPoolID string `json:"UserPoolId"`
	Limit      int32  `json:"Limit,omitempty"`
	NextToken  string `json:"NextToken,omitempty"`
}

// ListGroupsOutput is the response of ListGroups and AdminListGroupsForUser.
type ListGroupsOutput struct {
	Groups    []Group `json:"Groups"`
	NextToken string  `json:"NextToken,omitempty"`
}

// UserGroupInput is the request of AdminAddUserToGroup and
// AdminRemoveUserFromGroup.
type UserGroupInput struct {
	UserPoolID string `json:"UserPoolId"`
	Username   string `json:"Username"`
	GroupName  string `json:"GroupName"`
}

// AdminListGroupsForUserInput is the request of AdminListGroupsForUser.
type AdminListGroupsForUserInput struct {
	Username   string `json:"Username"`
	UserPoolID string `json:"UserPoolId"`
	Limit      int32  `json:"Limit,omitempty"`
	NextToken  string `json:"NextToken,omitempty"`
}

// ListUsersInGroupInput is the request of ListUsersInGroup.
type ListUsersInGroupInput struct {
	UserPoolID string `json:"UserPoolId"`
	GroupName  string `json:"GroupName"`
	Limit      int32  `json:"Limit,omitempty"`
	NextToken  string `json:"NextToken,omitempty"`
}

// ListUsersInGroupOutput is the response of ListUsersInGroup.
type ListUsersInGroupOutput struct {
	Users     []User `json:"Users"`
	NextToken string `json:"NextToken,omitempty"`
}

// Admin is the administrator's operations on users and groups
// (SigV4-signed on real Cognito).
type Admin interface {
	AdminCreateUser(ctx context.Context, in *AdminCreateUserInput) (*AdminCreateUserOutput, error)
	AdminSetUserPassword(ctx context.Context, in *AdminSetUserPasswordInput) (*Empty, error)
	AdminGetUser(ctx context.Context, in *UserRef) (*AdminGetUserOutput, error)
	AdminDeleteUser(ctx context.Context, in *UserRef) (*Empty, error)
	AdminConfirmSignUp(ctx context.Context, in *AdminUserMetadataInput) (*Empty, error)
	AdminEnableUser(ctx context.Context, in *UserRef) (*Empty, error)
	AdminDisableUser(ctx context.Context, in *UserRef) (*Empty, error)
	AdminUpdateUserAttributes(ctx context.Context, in *AdminUpdateUserAttributesInput) (*Empty, error)
	AdminDeleteUserAttributes(ctx context.Context, in *AdminDeleteUserAttributesInput) (*Empty, error)
	AdminResetUserPassword(ctx context.Context, in *AdminUserMetadataInput) (*Empty, error)
	AdminUserGlobalSignOut(ctx context.Context, in *UserRef) (*Empty, error)
	AdminSetUserMFAPreference(ctx context.Context, in *AdminSetUserMFAPreferenceInput) (*Empty, error)
	ListUsers(ctx context.Context, in *ListUsersInput) (*ListUsersOutput, error)
	CreateGroup(ctx context.Context, in *CreateGroupInput) (*GroupOutput, error)
	GetGroup(ctx context.Context, in *GroupRef) (*GroupOutput, error)
	UpdateGroup(ctx context.Context, in *UpdateGroupInput) (*GroupOutput, error)
	ListGroups(ctx context.Context, in *ListGroupsInput) (*ListGroupsOutput, error)
	DeleteGroup(ctx context.Context, in *GroupRef) (*Empty, error)
	AdminAddUserToGroup(ctx context.Context, in *UserGroupInput) (*Empty, error)
	AdminRemoveUserFromGroup(ctx context.Context, in *UserGroupInput) (*Empty, error)
	AdminListGroupsForUser(ctx context.Context, in *AdminListGroupsForUserInput) (*ListGroupsOutput, error)
	ListUsersInGroup(ctx context.Context, in *ListUsersInGroupInput) (*ListUsersInGroupOutput, error)
}
