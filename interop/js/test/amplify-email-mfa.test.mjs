// Amplify v6 setting up e-mail MFA during sign-in, in Node. The pool, its
// client and the user are made here with the AWS SDK v3's administrative
// calls (a pool that requires MFA and offers TOTP and e-mail, sending with
// SES as e-mail MFA needs); Amplify then meets MFA_SETUP, lets the user pick
// e-mail, sends the address and confirms with the code from the fake's
// outbox. The next sign-in asks for an e-mail code at once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
	AdminCreateUserCommand,
	AdminGetUserCommand,
	AdminSetUserPasswordCommand,
	CognitoIdentityProviderClient,
	CreateUserPoolClientCommand,
	CreateUserPoolCommand,
	DescribeUserPoolCommand,
	InvalidParameterException,
	SetUserPoolMfaConfigCommand,
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

const USER = { username: 'ivy', password: 'Corr3ct-Horse!' };
const ADDRESS = 'ivy@example.org';

/** emailMFAPool creates the pool, client and user this test signs in to. */
async function emailMFAPool() {
	const { UserPool } = await admin.send(new CreateUserPoolCommand({
		PoolName: 'email-mfa',
		EmailConfiguration: {
			EmailSendingAccount: 'DEVELOPER',
			SourceArn: 'arn:aws:ses:us-east-1:123456789012:identity/example.org',
			From: 'no-reply@example.org',
		},
	}));
	const poolId = UserPool.Id;
	const { UserPoolClient } = await admin.send(new CreateUserPoolClientCommand({
		UserPoolId: poolId,
		ClientName: 'web',
		ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
	}));
	await admin.send(new SetUserPoolMfaConfigCommand({
		UserPoolId: poolId,
		MfaConfiguration: 'ON',
		SoftwareTokenMfaConfiguration: { Enabled: true },
		EmailMfaConfiguration: { Message: 'Your code is {####}', Subject: 'Your sign-in code' },
	}));
	await admin.send(new AdminCreateUserCommand({
		UserPoolId: poolId, Username: USER.username, MessageAction: 'SUPPRESS', TemporaryPassword: 'Temp0rary-Pass!',
	}));
	await admin.send(new AdminSetUserPasswordCommand({
		UserPoolId: poolId, Username: USER.username, Password: USER.password, Permanent: true,
	}));
	return { poolId, clientId: UserPoolClient.ClientId };
}

test('a pool without SES cannot turn e-mail MFA on; the default plan is ESSENTIALS', async () => {
	const { UserPool } = await admin.send(new CreateUserPoolCommand({ PoolName: 'no-ses' }));
	const { UserPool: described } = await admin.send(new DescribeUserPoolCommand({ UserPoolId: UserPool.Id }));
	assert.equal(described.UserPoolTier, 'ESSENTIALS');
	await assert.rejects(
		admin.send(new SetUserPoolMfaConfigCommand({
			UserPoolId: UserPool.Id, MfaConfiguration: 'OPTIONAL', EmailMfaConfiguration: {},
		})),
		(err) => err instanceof InvalidParameterException,
	);
});

test('Amplify v6: e-mail MFA set up during sign-in', async (t) => {
	const { poolId, clientId } = await emailMFAPool();
	Amplify.configure({
		Auth: { Cognito: { userPoolId: poolId, userPoolClientId: clientId, userPoolEndpoint: endpoint() } },
	});
	const calls = recordFetch();

	await t.test('MFA setup: choose e-mail, give the address, confirm the code', async () => {
		let out = await signIn(USER);
		assert.equal(out.nextStep.signInStep, 'CONTINUE_SIGN_IN_WITH_MFA_SETUP_SELECTION');
		assert.deepEqual(out.nextStep.allowedMFATypes, ['TOTP', 'EMAIL']);

		out = await confirmSignIn({ challengeResponse: 'EMAIL' });
		assert.equal(out.nextStep.signInStep, 'CONTINUE_SIGN_IN_WITH_EMAIL_SETUP');

		out = await confirmSignIn({ challengeResponse: ADDRESS });
		assert.equal(out.nextStep.signInStep, 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE');
		assert.equal(out.nextStep.codeDeliveryDetails.deliveryMedium, 'EMAIL');
		assert.equal(out.nextStep.codeDeliveryDetails.destination, 'i***@e***');

		const msg = await lastMessage(ADDRESS);
		assert.equal(msg.Medium, 'EMAIL');
		assert.equal(msg.Purpose, 'MFA');
		assert.equal(msg.Destination, ADDRESS);
		out = await confirmSignIn({ challengeResponse: msg.Code });
		assert.equal(out.nextStep.signInStep, 'DONE');
		assert.equal(out.isSignedIn, true);
		assert.deepEqual(calls.reset(), [
			'InitiateAuth',
			'RespondToAuthChallenge:PASSWORD_VERIFIER',
			'RespondToAuthChallenge:MFA_SETUP',
			'RespondToAuthChallenge:EMAIL_OTP',
		]);

		const { tokens } = await fetchAuthSession();
		const id = await verifyJWT(tokens.idToken.toString(), poolId);
		assert.equal(id.payload['cognito:username'], USER.username);
		assert.equal(id.payload.email, ADDRESS);
		assert.equal(id.payload.email_verified, true);

		const user = await admin.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: USER.username }));
		assert.deepEqual(user.UserMFASettingList, ['EMAIL_OTP']);
		assert.equal(user.PreferredMfaSetting, 'EMAIL_OTP');
		await signOut();
	});

	await t.test('the next signIn asks for an e-mail code at once', async () => {
		calls.reset();
		let out = await signIn(USER);
		assert.equal(out.nextStep.signInStep, 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE');
		const msg = await lastMessage(ADDRESS);
		out = await confirmSignIn({ challengeResponse: msg.Code });
		assert.equal(out.nextStep.signInStep, 'DONE');
		assert.deepEqual(calls.reset(), [
			'InitiateAuth',
			'RespondToAuthChallenge:PASSWORD_VERIFIER',
			'RespondToAuthChallenge:EMAIL_OTP',
		]);
		await signOut();
	});
});
