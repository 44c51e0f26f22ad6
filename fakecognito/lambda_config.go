package fakecognito

import (
	"regexp"

	"github.com/gocognito/gocognito/transport"
)

// lambdaARNPattern is the pattern the API model gives every ARN of
// LambdaConfig (ArnType), 20 to 2048 characters long.
var lambdaARNPattern = regexp.MustCompile(`^arn:[\w+=/,.@-]+:[\w+=/,.@-]+:([\w+=/,.@-]*)?:[0-9]+:[\w+=/,.@-]+(:[\w+=/,.@-]+)?(:[\w+=/,.@-]+)?$`)

// checkLambdaConfig validates a pool's LambdaConfig as CreateUserPool and
// UpdateUserPool do. tier is the pool's feature plan after defaults.
func checkLambdaConfig(lc *transport.LambdaConfig, tier string) error {
	if lc == nil {
		return nil
	}
	arns := []struct{ field, arn string }{
		{"preSignUp", lc.PreSignUp}, {"customMessage", lc.CustomMessage},
		{"postConfirmation", lc.PostConfirmation}, {"preAuthentication", lc.PreAuthentication},
		{"postAuthentication", lc.PostAuthentication}, {"defineAuthChallenge", lc.DefineAuthChallenge},
		{"createAuthChallenge", lc.CreateAuthChallenge}, {"verifyAuthChallengeResponse", lc.VerifyAuthChallengeResponse},
		{"preTokenGeneration", lc.PreTokenGeneration}, {"userMigration", lc.UserMigration},
	}
	if c := lc.PreTokenGenerationConfig; c != nil {
		arns = append(arns, struct{ field, arn string }{"preTokenGenerationConfig.lambdaArn", c.LambdaArn})
	}
	if c := lc.CustomSMSSender; c != nil {
		arns = append(arns, struct{ field, arn string }{"customSMSSender.lambdaArn", c.LambdaArn})
	}
	if c := lc.CustomEmailSender; c != nil {
		arns = append(arns, struct{ field, arn string }{"customEmailSender.lambdaArn", c.LambdaArn})
	}
	for _, a := range arns {
		if a.arn == "" {
			continue
		}
		if len(a.arn) < 20 || len(a.arn) > 2048 || !lambdaARNPattern.MatchString(a.arn) {
			return invalidParam("1 validation error detected: Value '%s' at 'lambdaConfig.%s' failed to satisfy constraint: Member must satisfy regular expression pattern: %s",
				a.arn, a.field, `arn:[\w+=/,.@-]+:[\w+=/,.@-]+:([\w+=/,.@-]*)?:[0-9]+:[\w+=/,.@-]+(:[\w+=/,.@-]+)?(:[\w+=/,.@-]+)?`)
		}
	}
	if c := lc.PreTokenGenerationConfig; c != nil {
		switch c.LambdaVersion {
		case transport.PreTokenV1:
		case transport.PreTokenV2, transport.PreTokenV3:
			if !tierAtLeastEssentials(tier) {
				return cognitoErr("FeatureUnavailableInTierException", "Access token customization is not available in the LITE feature plan; it needs ESSENTIALS or PLUS.")
			}
		default:
			return invalidParam("1 validation error detected: Value '%s' at 'lambdaConfig.preTokenGenerationConfig.lambdaVersion' failed to satisfy constraint: Member must satisfy enum value set: [V1_0, V2_0, V3_0]", c.LambdaVersion)
		}
		if c.LambdaArn == "" {
			return invalidParam("1 validation error detected: Value null at 'lambdaConfig.preTokenGenerationConfig.lambdaArn' failed to satisfy constraint: Member must not be null")
		}
		if lc.PreTokenGeneration != "" && lc.PreTokenGeneration != c.LambdaArn {
			return invalidParam("PreTokenGeneration and PreTokenGenerationConfig.LambdaArn must be the same function.")
		}
	}
	for _, s := range []struct {
		field string
		c     *transport.SenderLambdaConfig
	}{{"customSMSSender", lc.CustomSMSSender}, {"customEmailSender", lc.CustomEmailSender}} {
		if s.c == nil {
			continue
		}
		if s.c.LambdaVersion != "V1_0" {
			return invalidParam("1 validation error detected: Value '%s' at 'lambdaConfig.%s.lambdaVersion' failed to satisfy constraint: Member must satisfy enum value set: [V1_0]", s.c.LambdaVersion, s.field)
		}
		if s.c.LambdaArn == "" {
			return invalidParam("1 validation error detected: Value null at 'lambdaConfig.%s.lambdaArn' failed to satisfy constraint: Member must not be null", s.field)
		}
	}
	return nil
}

// normalizeLambdaConfig stores LambdaConfig as Cognito shows it back: a
// pre token generation trigger set by its legacy field alone is shown with
// a PreTokenGenerationConfig of version V1_0 as well.
func normalizeLambdaConfig(lc *transport.LambdaConfig) {
	if lc == nil || lc.PreTokenGeneration == "" || lc.PreTokenGenerationConfig != nil {
		return
	}
	lc.PreTokenGenerationConfig = &transport.PreTokenGenerationConfig{LambdaVersion: transport.PreTokenV1, LambdaArn: lc.PreTokenGeneration}
}
