package transport

import (
	"fmt"
	"log/slog"
)

// String, GoString and LogValue of the types whose only secrets are access
// tokens, sessions, codes and SECRET_HASH values: the fields that identify
// the call are shown, the secrets replaced by "[redacted]" (or left empty
// when unset), so that requests can be logged or printed whole.

// String hides SecretHash, ConfirmationCode, Session.
func (in ConfirmSignUpInput) String() string {
	return fmt.Sprintf("ConfirmSignUpInput{ClientID:%v Username:%v SecretHash:%s ConfirmationCode:%s Session:%s}", in.ClientID, in.Username, redactIfSet(in.SecretHash), redactIfSet(in.ConfirmationCode), redactIfSet(in.Session))
}

// GoString hides the same secrets from %#v.
func (in ConfirmSignUpInput) GoString() string { return "transport." + in.String() }

// LogValue hides the same secrets from log/slog.
func (in ConfirmSignUpInput) LogValue() slog.Value { return slog.StringValue(in.String()) }

// String hides Session.
func (in ConfirmSignUpOutput) String() string {
	return fmt.Sprintf("ConfirmSignUpOutput{Session:%s}", redactIfSet(in.Session))
}

// GoString hides the same secrets from %#v.
func (in ConfirmSignUpOutput) GoString() string { return "transport." + in.String() }

// LogValue hides the same secrets from log/slog.
func (in ConfirmSignUpOutput) LogValue() slog.Value { return slog.StringValue(in.String()) }

// String hides Session.
func (in SignUpOutput) String() string {
	return fmt.Sprintf("SignUpOutput{UserConfirmed:%v UserSub:%v Session:%s}", in.UserConfirmed, in.UserSub, redactIfSet(in.Session))
}

// GoString hides the same secrets from %#v.
func (in SignUpOutput) GoString() string { return "transport." + in.String() }

// LogValue hides the same secrets from log/slog.
func (in SignUpOutput) LogValue() slog.Value { return slog.StringValue(in.String()) }

// String hides SecretHash.
func (in ResendConfirmationCodeInput) String() string {
	return fmt.Sprintf("ResendConfirmationCodeInput{ClientID:%v Username:%v SecretHash:%s}", in.ClientID, in.Username, redactIfSet(in.SecretHash))
}

// GoString hides the same secrets from %#v.
func (in ResendConfirmationCodeInput) GoString() string { return "transport." + in.String() }

// LogValue hides the same secrets from log/slog.
func (in ResendConfirmationCodeInput) LogValue() slog.Value { return slog.StringValue(in.String()) }

// String hides SecretHash.
func (in ForgotPasswordInput) String() string {
	return fmt.Sprintf("ForgotPasswordInput{ClientID:%v Username:%v SecretHash:%s}", in.ClientID, in.Username, redactIfSet(in.SecretHash))
}

// GoString hides the same secrets from %#v.
func (in ForgotPasswordInput) GoString() string { return "transport." + in.String() }

// LogValue hides the same secrets from log/slog.
func (in ForgotPasswordInput) LogValue() slog.Value { return slog.StringValue(in.String()) }

// String hides AccessToken.
func (in UpdateUserAttributesInput) String() string {
	return fmt.Sprintf("UpdateUserAttributesInput{AccessToken:%s}", redactIfSet(in.AccessToken))
}

// GoString hides the same secrets from %#v.
func (in UpdateUserAttributesInput) GoString() string { return "transport." + in.String() }

// LogValue hides the same secrets from log/slog.
func (in UpdateUserAttributesInput) LogValue() slog.Value { return slog.StringValue(in.String()) }

// String hides AccessToken.
func (in DeleteUserAttributesInput) String() string {
	return fmt.Sprintf("DeleteUserAttributesInput{UserAttributeNames:%v AccessToken:%s}", in.UserAttributeNames, redactIfSet(in.AccessToken))
}

// GoString hides the same secrets from %#v.
func (in DeleteUserAttributesInput) GoString() string { return "transport." + in.String() }

// LogValue hides the same secrets from log/slog.
func (in DeleteUserAttributesInput) LogValue() slog.Value { return slog.StringValue(in.String()) }

// String hides AccessToken.
func (in GetUserAttributeVerificationCodeInput) String() string {
	return fmt.Sprintf("GetUserAttributeVerificationCodeInput{AttributeName:%v AccessToken:%s}", in.AttributeName, redactIfSet(in.AccessToken))
}

// GoString hides the same secrets from %#v.
func (in GetUserAttributeVerificationCodeInput) GoString() string { return "transport." + in.String() }

// LogValue hides the same secrets from log/slog.
func (in GetUserAttributeVerificationCodeInput) LogValue() slog.Value {
	return slog.StringValue(in.String())
}

// String hides AccessToken, Code.
func (in VerifyUserAttributeInput) String() string {
	return fmt.Sprintf("VerifyUserAttributeInput{AttributeName:%v AccessToken:%s Code:%s}", in.AttributeName, redactIfSet(in.AccessToken), redactIfSet(in.Code))
}

// GoString hides the same secrets from %#v.
func (in VerifyUserAttributeInput) GoString() string { return "transport." + in.String() }

// LogValue hides the same secrets from log/slog.
func (in VerifyUserAttributeInput) LogValue() slog.Value { return slog.StringValue(in.String()) }

// String hides AccessToken, Session.
func (in AssociateSoftwareTokenInput) String() string {
	return fmt.Sprintf("AssociateSoftwareTokenInput{AccessToken:%s Session:%s}", redactIfSet(in.AccessToken), redactIfSet(in.Session))
}

// GoString hides the same secrets from %#v.
func (in AssociateSoftwareTokenInput) GoString() string { return "transport." + in.String() }

// LogValue hides the same secrets from log/slog.
func (in AssociateSoftwareTokenInput) LogValue() slog.Value { return slog.StringValue(in.String()) }

// String hides AccessToken, Session, UserCode.
func (in VerifySoftwareTokenInput) String() string {
	return fmt.Sprintf("VerifySoftwareTokenInput{FriendlyDeviceName:%v AccessToken:%s Session:%s UserCode:%s}", in.FriendlyDeviceName, redactIfSet(in.AccessToken), redactIfSet(in.Session), redactIfSet(in.UserCode))
}

// GoString hides the same secrets from %#v.
func (in VerifySoftwareTokenInput) GoString() string { return "transport." + in.String() }

// LogValue hides the same secrets from log/slog.
func (in VerifySoftwareTokenInput) LogValue() slog.Value { return slog.StringValue(in.String()) }

// String hides Session.
func (in VerifySoftwareTokenOutput) String() string {
	return fmt.Sprintf("VerifySoftwareTokenOutput{Status:%v Session:%s}", in.Status, redactIfSet(in.Session))
}

// GoString hides the same secrets from %#v.
func (in VerifySoftwareTokenOutput) GoString() string { return "transport." + in.String() }

// LogValue hides the same secrets from log/slog.
func (in VerifySoftwareTokenOutput) LogValue() slog.Value { return slog.StringValue(in.String()) }

// String hides AccessToken.
func (in SetUserMFAPreferenceInput) String() string {
	return fmt.Sprintf("SetUserMFAPreferenceInput{AccessToken:%s}", redactIfSet(in.AccessToken))
}

// GoString hides the same secrets from %#v.
func (in SetUserMFAPreferenceInput) GoString() string { return "transport." + in.String() }

// LogValue hides the same secrets from log/slog.
func (in SetUserMFAPreferenceInput) LogValue() slog.Value { return slog.StringValue(in.String()) }

// String hides AccessToken.
func (in ConfirmDeviceInput) String() string {
	return fmt.Sprintf("ConfirmDeviceInput{DeviceKey:%v DeviceName:%v AccessToken:%s}", in.DeviceKey, in.DeviceName, redactIfSet(in.AccessToken))
}

// GoString hides the same secrets from %#v.
func (in ConfirmDeviceInput) GoString() string { return "transport." + in.String() }

// LogValue hides the same secrets from log/slog.
func (in ConfirmDeviceInput) LogValue() slog.Value { return slog.StringValue(in.String()) }

// String hides AccessToken.
func (in GetDeviceInput) String() string {
	return fmt.Sprintf("GetDeviceInput{DeviceKey:%v AccessToken:%s}", in.DeviceKey, redactIfSet(in.AccessToken))
}

// GoString hides the same secrets from %#v.
func (in GetDeviceInput) GoString() string { return "transport." + in.String() }

// LogValue hides the same secrets from log/slog.
func (in GetDeviceInput) LogValue() slog.Value { return slog.StringValue(in.String()) }

// String hides AccessToken, PaginationToken.
func (in ListDevicesInput) String() string {
	return fmt.Sprintf("ListDevicesInput{Limit:%v AccessToken:%s PaginationToken:%s}", in.Limit, redactIfSet(in.AccessToken), redactIfSet(in.PaginationToken))
}

// GoString hides the same secrets from %#v.
func (in ListDevicesInput) GoString() string { return "transport." + in.String() }

// LogValue hides the same secrets from log/slog.
func (in ListDevicesInput) LogValue() slog.Value { return slog.StringValue(in.String()) }

// String hides AccessToken.
func (in UpdateDeviceStatusInput) String() string {
	return fmt.Sprintf("UpdateDeviceStatusInput{DeviceKey:%v DeviceRememberedStatus:%v AccessToken:%s}", in.DeviceKey, in.DeviceRememberedStatus, redactIfSet(in.AccessToken))
}

// GoString hides the same secrets from %#v.
func (in UpdateDeviceStatusInput) GoString() string { return "transport." + in.String() }

// LogValue hides the same secrets from log/slog.
func (in UpdateDeviceStatusInput) LogValue() slog.Value { return slog.StringValue(in.String()) }

// String hides AccessToken.
func (in ForgetDeviceInput) String() string {
	return fmt.Sprintf("ForgetDeviceInput{DeviceKey:%v AccessToken:%s}", in.DeviceKey, redactIfSet(in.AccessToken))
}

// GoString hides the same secrets from %#v.
func (in ForgetDeviceInput) GoString() string { return "transport." + in.String() }

// LogValue hides the same secrets from log/slog.
func (in ForgetDeviceInput) LogValue() slog.Value { return slog.StringValue(in.String()) }
