package account

import (
	"slices"
	"time"

	"github.com/gocognito/gocognito/transport"
)

// User is a user as Cognito describes it.
type User struct {
	// Username is the name Cognito knows the user by (in a pool whose users
	// sign in with an e-mail address or phone number, a UUID).
	Username string
	// Attributes holds every attribute Cognito returned: "sub", "email",
	// "email_verified", custom ones under their "custom:" names, ...
	Attributes map[string]string
	// MFA is the user's MFA settings. Lists of users (Admin.Users,
	// Admin.UsersInGroup) carry only the legacy SMS setting.
	MFA MFASettings

	// The fields below are filled by the administrator's calls and lists;
	// Session.User leaves them zero.

	// Status is the account's status: transport.StatusConfirmed,
	// StatusUnconfirmed, StatusForceChangePassword, StatusResetRequired, ...
	Status   string
	Enabled  bool
	Created  time.Time
	Modified time.Time
}

// MFASettings are the MFA kinds a user has turned on: transport.MFASMS,
// transport.MFASoftwareToken, transport.MFAEmail.
type MFASettings struct {
	Enabled   []string
	Preferred string // "" when the user prefers none
}

// mfaSettings merges Cognito's current MFA settings with the legacy
// MFAOptions, which say only whether SMS MFA is on.
func mfaSettings(list []string, preferred string, legacy []transport.MFAOption) MFASettings {
	enabled := slices.Clone(list)
	for _, o := range legacy {
		if o.DeliveryMedium == transport.MediumSMS && !slices.Contains(enabled, transport.MFASMS) {
			enabled = append(enabled, transport.MFASMS)
		}
	}
	return MFASettings{Enabled: enabled, Preferred: preferred}
}

func timeOf(t *transport.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return t.Time
}

// userFromList converts a user of a list or of AdminCreateUser.
func userFromList(u transport.User) User {
	return User{
		Username:   u.Username,
		Attributes: attributeMap(u.Attributes),
		MFA:        mfaSettings(nil, "", u.MFAOptions),
		Status:     u.UserStatus,
		Enabled:    u.Enabled,
		Created:    timeOf(u.UserCreateDate),
		Modified:   timeOf(u.UserLastModifiedDate),
	}
}
