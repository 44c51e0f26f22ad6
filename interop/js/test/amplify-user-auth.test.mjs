// Amplify v6 choice-based sign-in (authFlowType 'USER_AUTH'), in Node. The
// pool (first factors PASSWORD, EMAIL_OTP and SMS_OTP, sending with SES and
// SNS), its client (ALLOW_USER_AUTH) and the user (verified e-mail and phone)
// are made here with the AWS SDK v3's administrative calls. Amplify signs in
// with a preferred e-mail code, a preferred SMS code, and without a
// preference: it meets the first-factor selection, picks PASSWORD or
// PASSWORD_SRP and gives the password. Codes come from the fake's outbox.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
	AdminCreateUserCommand,
	AdminSetUserPasswordCommand,
	CognitoIdentityProviderClient,
	CreateUserPoolClientCommand,
	CreateUserPoolCommand,
	DescribeUserPoolCommand,
	FeatureUnavailableInTierException,
} from '@aws-sdk/client-cognito-identity-provider';
import { Amplify } from 'aws-amplify';
import { confirmSignIn, fetchAuthSession, signIn, signOut } from 'aws-amplify/auth';
import { endpoint, lastMessage, recordFetch, verifyJWT } from './helpers.mjs';

const admin = new CognitoIdentityProviderClient({
	region: 'us-east-1',
	endpoint: endpoint(),
	credentials: { accessKeyId: 'fake', secretAccessKey: 'fake' },
	maxAttempts: 1,
});

const USER = { username: 'una', password: 'Corr3ct-Horse!', email: 'una@example.org', phone: '+15555550177' };

/** userAuthPool creates the pool, client and user this test signs in to. */
async function userAuthPool() {
	const { UserPool } = await admin.send(new CreateUserPoolCommand({
		PoolName: 'passwordless',
		Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP', 'SMS_OTP'] } },
		EmailConfiguration: {
			EmailSendingAccount: 'DEVELOPER',
			SourceArn: 'arn:aws:ses:us-east-1:123456789012:identity/example.org',
			From: 'no-reply@example.org',
		},
		SmsConfiguration: { SnsCallerArn: 'arn:aws:iam::123456789012:role/cognito-sms', ExternalId: 'interop' },
	}));
	const poolId = UserPool.Id;
	const { UserPool: described } = await admin.send(new DescribeUserPoolCommand({ UserPoolId: poolId }));
	assert.deepEqual(described.Policies.SignInPolicy.AllowedFirstAuthFactors, ['PASSWORD', 'EMAIL_OTP', 'SMS_OTP']);
	const { UserPoolClient } = await admin.send(new CreateUserPoolClientCommand({
		UserPoolId: poolId,
		ClientName: 'web',
		ExplicitAuthFlows: ['ALLOW_USER_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
	}));
	await admin.send(new AdminCreateUserCommand({
		UserPoolId: poolId,
		Username: USER.username,
		MessageAction: 'SUPPRESS',
		TemporaryPassword: 'Temp0rary-Pass!',
		UserAttributes: [
			{ Name: 'email', Value: USER.email },
			{ Name: 'email_verified', Value: 'true' },
			{ Name: 'phone_number', Value: USER.phone },
			{ Name: 'phone_number_verified', Value: 'true' },
		],
	}));
	await admin.send(new AdminSetUserPasswordCommand({
		UserPoolId: poolId, Username: USER.username, Password: USER.password, Permanent: true,
	}));
	return { poolId, clientId: UserPoolClient.ClientId };
}

/** signedInAs checks the session's ID token and signs out. */
async function signedInAs(poolId, username) {
	const { tokens } = await fetchAuthSession();
	const id = await verifyJWT(tokens.idToken.toString(), poolId);
	assert.equal(id.payload['cognito:username'], username);
	await signOut();
}

test('a LITE pool cannot allow codes as first factors', async () => {
	await assert.rejects(
		admin.send(new CreateUserPoolCommand({
			PoolName: 'lite',
			UserPoolTier: 'LITE',
			Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP'] } },
			EmailConfiguration: { EmailSendingAccount: 'DEVELOPER', SourceArn: 'arn:aws:ses:us-east-1:123456789012:identity/example.org' },
		})),
		(err) => err instanceof FeatureUnavailableInTierException,
	);
});

test("Amplify v6: signIn with authFlowType 'USER_AUTH'", async (t) => {
	const { poolId, clientId } = await userAuthPool();
	Amplify.configure({
		Auth: { Cognito: { userPoolId: poolId, userPoolClientId: clientId, userPoolEndpoint: endpoint() } },
	});
	const calls = recordFetch();

	await t.test('preferredChallenge EMAIL_OTP: the code from the outbox signs in', async () => {
		calls.reset();
		let out = await signIn({
			username: USER.username,
			options: { authFlowType: 'USER_AUTH', preferredChallenge: 'EMAIL_OTP' },
		});
		assert.equal(out.nextStep.signInStep, 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE');
		assert.equal(out.nextStep.codeDeliveryDetails.deliveryMedium, 'EMAIL');
		assert.equal(out.nextStep.codeDeliveryDetails.destination, 'u***@e***');
		const msg = await lastMessage(USER.username);
		assert.equal(msg.Medium, 'EMAIL');
		assert.equal(msg.Purpose, 'SIGN_IN');
		assert.equal(msg.Destination, USER.email);
		out = await confirmSignIn({ challengeResponse: msg.Code });
		assert.equal(out.nextStep.signInStep, 'DONE');
		assert.equal(out.isSignedIn, true);
		assert.deepEqual(calls.reset(), ['InitiateAuth', 'RespondToAuthChallenge:EMAIL_OTP']);
		await signedInAs(poolId, USER.username);
	});

	await t.test('preferredChallenge SMS_OTP: a wrong code, then the right one', async () => {
		calls.reset();
		let out = await signIn({
			username: USER.username,
			options: { authFlowType: 'USER_AUTH', preferredChallenge: 'SMS_OTP' },
		});
		assert.equal(out.nextStep.signInStep, 'CONFIRM_SIGN_IN_WITH_SMS_CODE');
		assert.equal(out.nextStep.codeDeliveryDetails.deliveryMedium, 'SMS');
		const msg = await lastMessage(USER.username);
		assert.equal(msg.Medium, 'SMS');
		assert.equal(msg.Destination, USER.phone);
		const wrong = msg.Code.replace(/\d/g, (d) => String((Number(d) + 1) % 10));
		const err = await confirmSignIn({ challengeResponse: wrong }).then(
			() => assert.fail('a wrong code signed in'),
			(e) => e,
		);
		assert.equal(err.name, 'CodeMismatchException');
		out = await confirmSignIn({ challengeResponse: msg.Code });
		assert.equal(out.nextStep.signInStep, 'DONE');
		assert.deepEqual(calls.reset(), [
			'InitiateAuth',
			'RespondToAuthChallenge:SMS_OTP 400',
			'RespondToAuthChallenge:SMS_OTP',
		]);
		await signedInAs(poolId, USER.username);
	});

	await t.test('no preference: first-factor selection, then the password', async () => {
		calls.reset();
		let out = await signIn({ username: USER.username, options: { authFlowType: 'USER_AUTH' } });
		assert.equal(out.nextStep.signInStep, 'CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION');
		assert.deepEqual(out.nextStep.availableChallenges, ['PASSWORD', 'PASSWORD_SRP', 'EMAIL_OTP', 'SMS_OTP']);
		out = await confirmSignIn({ challengeResponse: 'PASSWORD' });
		assert.equal(out.nextStep.signInStep, 'CONFIRM_SIGN_IN_WITH_PASSWORD');
		out = await confirmSignIn({ challengeResponse: USER.password });
		assert.equal(out.nextStep.signInStep, 'DONE');
		assert.deepEqual(calls.reset(), ['InitiateAuth', 'RespondToAuthChallenge:SELECT_CHALLENGE']);
		await signedInAs(poolId, USER.username);
	});

	await t.test('no preference: PASSWORD_SRP selected runs SRP', async () => {
		calls.reset();
		let out = await signIn({ username: USER.username, options: { authFlowType: 'USER_AUTH' } });
		assert.equal(out.nextStep.signInStep, 'CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION');
		out = await confirmSignIn({ challengeResponse: 'PASSWORD_SRP' });
		assert.equal(out.nextStep.signInStep, 'CONFIRM_SIGN_IN_WITH_PASSWORD');
		out = await confirmSignIn({ challengeResponse: USER.password });
		assert.equal(out.nextStep.signInStep, 'DONE');
		assert.deepEqual(calls.reset(), [
			'InitiateAuth',
			'RespondToAuthChallenge:SELECT_CHALLENGE',
			'RespondToAuthChallenge:PASSWORD_VERIFIER',
		]);
		await signedInAs(poolId, USER.username);
	});

	await t.test('no preference: an e-mail code selected', async () => {
		let out = await signIn({ username: USER.username, options: { authFlowType: 'USER_AUTH' } });
		out = await confirmSignIn({ challengeResponse: 'EMAIL_OTP' });
		assert.equal(out.nextStep.signInStep, 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE');
		const msg = await lastMessage(USER.username);
		out = await confirmSignIn({ challengeResponse: msg.Code });
		assert.equal(out.nextStep.signInStep, 'DONE');
		await signedInAs(poolId, USER.username);
	});

	await t.test('a wrong password after the selection', async () => {
		await signIn({ username: USER.username, options: { authFlowType: 'USER_AUTH' } });
		await confirmSignIn({ challengeResponse: 'PASSWORD' });
		const err = await confirmSignIn({ challengeResponse: 'Wr0ng-Horse!' }).then(
			() => assert.fail('a wrong password signed in'),
			(e) => e,
		);
		assert.equal(err.name, 'NotAuthorizedException');
		assert.equal(err.message, 'Incorrect username or password.');
	});
});
