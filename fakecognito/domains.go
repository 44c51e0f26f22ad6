package fakecognito

import (
	"context"
	"regexp"
	"strconv"
	"strings"

	"github.com/gocognito/gocognito/transport"
)

// poolDomain is a pool's prefix domain: Name is the prefix alone, as
// Cognito takes and returns it (name.auth.REGION.amazoncognito.com).
type poolDomain struct {
	Name                string `json:"name"`
	ManagedLoginVersion int32  `json:"managedLoginVersion"`
	// Version counts the domain's updates; Cognito's "app version" is an
	// opaque string, which the fake makes a number.
	Version int `json:"version"`
}

// domainPattern is the API reference's pattern for Domain.
var domainPattern = regexp.MustCompile(`^[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?$`)

// checkPrefix refuses what Cognito refuses in a prefix domain.
func checkPrefix(d string) error {
	if d == "" {
		return missingParam("Domain")
	}
	if len(d) > 63 || !domainPattern.MatchString(d) {
		return invalidParam("1 validation error detected: Value '%s' at 'domain' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-z0-9](?:[a-z0-9\\-]{0,61}[a-z0-9])?$", d)
	}
	for _, w := range []string{"aws", "amazon", "cognito"} {
		if strings.Contains(d, w) {
			return invalidParam("Domain cannot contain reserved word: %s", w)
		}
	}
	return nil
}

// checkManagedLoginVersion takes 1 (classic hosted UI, the default) or 2.
func checkManagedLoginVersion(v *int32) (int32, error) {
	if v == nil {
		return 1, nil
	}
	if *v != 1 && *v != 2 {
		return 0, invalidParam("ManagedLoginVersion must be 1 or 2.")
	}
	return *v, nil
}

// domainOwnerLocked returns the pool whose domain is d, or nil.
func (f *Fake) domainOwnerLocked(d string) *pool {
	for _, p := range f.st.Pools {
		if p.Domain != nil && p.Domain.Name == d {
			return p
		}
	}
	return nil
}

// CreateUserPoolDomain gives a pool its prefix domain, unique across all
// pools; a pool has at most one.
func (f *Fake) CreateUserPoolDomain(ctx context.Context, in *transport.CreateUserPoolDomainInput) (*transport.UserPoolDomainOutput, error) {
	return run(ctx, f, "CreateUserPoolDomain", in, func(in *transport.CreateUserPoolDomainInput) (*transport.UserPoolDomainOutput, error) {
		if err := checkPrefix(in.Domain); err != nil {
			return nil, err
		}
		mlv, err := checkManagedLoginVersion(in.ManagedLoginVersion)
		if err != nil {
			return nil, err
		}
		f.lockW()
		defer f.unlockW()
		p, err := f.poolLocked(in.UserPoolID)
		if err != nil {
			return nil, err
		}
		if f.domainOwnerLocked(in.Domain) != nil {
			return nil, invalidParam("Domain already exists.")
		}
		if p.Domain != nil {
			return nil, invalidParam("User pool already has a domain configured.")
		}
		f.trk.mark(recPool, "", p.ID)
		p.Domain = &poolDomain{Name: in.Domain, ManagedLoginVersion: mlv, Version: 1}
		return &transport.UserPoolDomainOutput{ManagedLoginVersion: &mlv}, nil
	})
}

// DescribeUserPoolDomain describes a domain by its name; an unknown one
// gets an empty description, as from Cognito.
func (f *Fake) DescribeUserPoolDomain(ctx context.Context, in *transport.DescribeUserPoolDomainInput) (*transport.DescribeUserPoolDomainOutput, error) {
	return run(ctx, f, "DescribeUserPoolDomain", in, func(in *transport.DescribeUserPoolDomainInput) (*transport.DescribeUserPoolDomainOutput, error) {
		if in.Domain == "" {
			return nil, missingParam("Domain")
		}
		f.mu.RLock()
		defer f.mu.RUnlock()
		p := f.domainOwnerLocked(in.Domain)
		if p == nil {
			return &transport.DescribeUserPoolDomainOutput{DomainDescription: &transport.DomainDescription{}}, nil
		}
		d := p.Domain
		mlv := d.ManagedLoginVersion
		return &transport.DescribeUserPoolDomainOutput{DomainDescription: &transport.DomainDescription{
			UserPoolID: p.ID, AWSAccountID: accountID, Domain: d.Name,
			Version: strconv.Itoa(d.Version), Status: "ACTIVE", ManagedLoginVersion: &mlv,
		}}, nil
	})
}

// domainOfLocked returns pool poolID and its domain, which must be d.
func (f *Fake) domainOfLocked(poolID, d string) (*pool, error) {
	if d == "" {
		return nil, missingParam("Domain")
	}
	p, err := f.poolLocked(poolID)
	if err != nil {
		return nil, err
	}
	if p.Domain == nil || p.Domain.Name != d {
		return nil, invalidParam("No such domain or user pool exists.")
	}
	return p, nil
}

// UpdateUserPoolDomain changes a prefix domain's managed login version.
func (f *Fake) UpdateUserPoolDomain(ctx context.Context, in *transport.UpdateUserPoolDomainInput) (*transport.UserPoolDomainOutput, error) {
	return run(ctx, f, "UpdateUserPoolDomain", in, func(in *transport.UpdateUserPoolDomainInput) (*transport.UserPoolDomainOutput, error) {
		mlv, err := checkManagedLoginVersion(in.ManagedLoginVersion)
		if err != nil {
			return nil, err
		}
		f.lockW()
		defer f.unlockW()
		p, err := f.domainOfLocked(in.UserPoolID, in.Domain)
		if err != nil {
			return nil, err
		}
		f.trk.mark(recPool, "", p.ID)
		if in.ManagedLoginVersion == nil {
			mlv = p.Domain.ManagedLoginVersion
		}
		p.Domain.ManagedLoginVersion = mlv
		p.Domain.Version++
		return &transport.UserPoolDomainOutput{ManagedLoginVersion: &mlv}, nil
	})
}

// DeleteUserPoolDomain removes a pool's domain, freeing its name.
func (f *Fake) DeleteUserPoolDomain(ctx context.Context, in *transport.DeleteUserPoolDomainInput) (*transport.Empty, error) {
	return run(ctx, f, "DeleteUserPoolDomain", in, func(in *transport.DeleteUserPoolDomainInput) (*transport.Empty, error) {
		f.lockW()
		defer f.unlockW()
		p, err := f.domainOfLocked(in.UserPoolID, in.Domain)
		if err != nil {
			return nil, err
		}
		f.trk.mark(recPool, "", p.ID)
		p.Domain = nil
		return &transport.Empty{}, nil
	})
}
