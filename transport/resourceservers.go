package transport

import "context"

// ResourceServerScope is a custom scope of a resource server; tokens carry
// it as "Identifier/ScopeName".
type ResourceServerScope struct {
	ScopeName        string `json:"ScopeName"`
	ScopeDescription string `json:"ScopeDescription"`
}

// ResourceServer is an API whose custom scopes app clients may request
// through OAuth 2.0.
type ResourceServer struct {
	UserPoolID string                `json:"UserPoolId,omitempty"`
	Identifier string                `json:"Identifier,omitempty"`
	Name       string                `json:"Name,omitempty"`
	Scopes     []ResourceServerScope `json:"Scopes,omitempty"`
}

// ResourceServerInput is the request of CreateResourceServer and
// UpdateResourceServer, which replaces the name and every scope.
type ResourceServerInput struct {
	UserPoolID string                `json:"UserPoolId"`
	Identifier string                `json:"Identifier"`
	Name       string                `json:"Name"`
	Scopes     []ResourceServerScope `json:"Scopes,omitempty"`
}

// ResourceServerOutput is the response of CreateResourceServer,
// DescribeResourceServer and UpdateResourceServer.
type ResourceServerOutput struct {
	ResourceServer *ResourceServer `json:"ResourceServer,omitempty"`
}

// ResourceServerRef names a resource server: the request of
// DescribeResourceServer and DeleteResourceServer.
type ResourceServerRef struct {
	UserPoolID string `json:"UserPoolId"`
	Identifier string `json:"Identifier"`
}

// ListResourceServersInput is the request of ListResourceServers.
type ListResourceServersInput struct {
	UserPoolID string `json:"UserPoolId"`
	MaxResults int32  `json:"MaxResults,omitempty"`
	NextToken  string `json:"NextToken,omitempty"`
}

// ListResourceServersOutput is the response of ListResourceServers.
type ListResourceServersOutput struct {
	ResourceServers []ResourceServer `json:"ResourceServers"`
	NextToken       string           `json:"NextToken,omitempty"`
}

// ResourceServers is the management of a pool's resource servers, whose
// scopes app clients and client_credentials tokens carry.
type ResourceServers interface {
	CreateResourceServer(ctx context.Context, in *ResourceServerInput) (*ResourceServerOutput, error)
	DescribeResourceServer(ctx context.Context, in *ResourceServerRef) (*ResourceServerOutput, error)
	ListResourceServers(ctx context.Context, in *ListResourceServersInput) (*ListResourceServersOutput, error)
	UpdateResourceServer(ctx context.Context, in *ResourceServerInput) (*ResourceServerOutput, error)
	DeleteResourceServer(ctx context.Context, in *ResourceServerRef) (*Empty, error)
}
