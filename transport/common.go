package transport

// AttributeType is one user attribute: a name such as "email" or
// "custom:team" and its value, always a string on the wire.
type AttributeType struct {
	Name  string `json:"Name"`
	Value string `json:"Value"`
}

// Attr is shorthand for an AttributeType.
func Attr(name, value string) AttributeType { return AttributeType{Name: name, Value: value} }

// Attributes converts a list of attributes to a map, last value winning.
func Attributes(list []AttributeType) map[string]string {
	m := make(map[string]string, len(list))
	for _, a := range list {
		m[a.Name] = a.Value
	}
	return m
}

// CodeDeliveryDetails says where a confirmation or MFA code was sent.
type CodeDeliveryDetails struct {
	Destination    string `json:"Destination,omitempty"`    // masked, e.g. "a***@e***"
	DeliveryMedium string `json:"DeliveryMedium,omitempty"` // "SMS" or "EMAIL"
	AttributeName  string `json:"AttributeName,omitempty"`
}

// MFAOption is the legacy SMS MFA setting of a user.
type MFAOption struct {
	DeliveryMedium string `json:"DeliveryMedium,omitempty"`
	AttributeName  string `json:"AttributeName,omitempty"`
}

// Delivery media and MFA kinds.
const (
	MediumSMS   = "SMS"
	MediumEmail = "EMAIL"

	MFASMS           = "SMS_MFA"
	MFASoftwareToken = "SOFTWARE_TOKEN_MFA"
	MFAEmail         = "EMAIL_OTP"
)

// User statuses.
const (
	StatusUnconfirmed         = "UNCONFIRMED"
	StatusConfirmed           = "CONFIRMED"
	StatusArchived            = "ARCHIVED"
	StatusCompromised         = "COMPROMISED"
	StatusUnknown             = "UNKNOWN"
	StatusResetRequired       = "RESET_REQUIRED"
	StatusForceChangePassword = "FORCE_CHANGE_PASSWORD"
	StatusExternalProvider    = "EXTERNAL_PROVIDER"
)
