// The AWS SDK for JavaScript v3 against the fake: administrative calls
// (SigV4-signed with made-up credentials, which the fake does not check),
// self-service sign-up with the code from the fake's outbox, password
// logins, and the SDK's modeled exceptions for every refusal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
	AdminCreateUserCommand,
	AdminGetUserCommand,
	CodeMismatchException,
	CognitoIdentityProviderClient,
	CognitoIdentityProviderServiceException,
	ConfirmSignUpCommand,
	DescribeUserPoolClientCommand,
	GetUserCommand,
	GlobalSignOutCommand,
	InitiateAuthCommand,
	NotAuthorizedException,
	RespondToAuthChallengeCommand,
	SignUpCommand,
	UserNotConfirmedException,
	UsernameExistsException,
} from '@aws-sdk/client-cognito-identity-provider';
import { endpoint, lastMessage, poolAndClient, secretHash, verifyJWT } from './helpers.mjs';

function newClient() {
	return new CognitoIdentityProviderClient({
		region: 'us-east-1',
		endpoint: endpoint(),
		credentials: { accessKeyId: 'fake', secretAccessKey: 'fake' },
		maxAttempts: 1, // a refusal is the answer, not a reason to retry
	});
}

/** refused sends a command that must fail and returns the error. */
async function refused(client, command) {
	try {
		await client.send(command);
	} catch (err) {
		return err;
	}
	assert.fail(`${command.constructor.name} succeeded`);
}

/** assertModeled checks err is the SDK's modeled exception, as Cognito's would be. */
function assertModeled(err, Class, message) {
	assert.ok(err instanceof Class, `${err.name}: ${err.message} is a ${Class.name}`);
	assert.ok(err instanceof CognitoIdentityProviderServiceException);
	assert.equal(err.name, Class.name);
	assert.equal(err.$fault, 'client');
	assert.equal(err.$metadata.httpStatusCode, 400);
	assert.match(err.$metadata.requestId, /^[0-9a-f-]{36}$/, 'the x-amzn-RequestId header');
	if (message !== undefined) {
		assert.equal(err.message, message);
	}
}

test('AdminCreateUser: the invitation in the outbox logs in and NEW_PASSWORD_REQUIRED sets a password', async () => {
	const client = newClient();
	const { poolId, clientId } = poolAndClient('sdk', 'public');
	const created = await client.send(
		new AdminCreateUserCommand({
			UserPoolId: poolId,
			Username: 'frank',
			UserAttributes: [
				{ Name: 'email', Value: 'frank@example.com' },
				{ Name: 'email_verified', Value: 'true' },
			],
			DesiredDeliveryMediums: ['EMAIL'],
		}),
	);
	assert.equal(created.User.Username, 'frank');
	assert.equal(created.User.UserStatus, 'FORCE_CHANGE_PASSWORD');
	assert.equal(created.User.Enabled, true);
	assert.ok(created.User.UserCreateDate instanceof Date, 'the SDK parsed the timestamp');

	const invite = await lastMessage('frank');
	assert.equal(invite.Purpose, 'INVITE');
	assert.equal(invite.Medium, 'EMAIL');
	assert.equal(invite.Destination, 'frank@example.com');

	const first = await client.send(
		new InitiateAuthCommand({
			AuthFlow: 'USER_PASSWORD_AUTH',
			ClientId: clientId,
			AuthParameters: { USERNAME: 'frank', PASSWORD: invite.Code },
		}),
	);
	assert.equal(first.ChallengeName, 'NEW_PASSWORD_REQUIRED');
	assert.equal(first.AuthenticationResult, undefined);
	assert.ok(first.Session);

	const done = await client.send(
		new RespondToAuthChallengeCommand({
			ChallengeName: 'NEW_PASSWORD_REQUIRED',
			ClientId: clientId,
			Session: first.Session,
			ChallengeResponses: { USERNAME: 'frank', NEW_PASSWORD: 'Fr4nk-Chosen!' },
		}),
	);
	assert.equal(done.AuthenticationResult.TokenType, 'Bearer');
	const id = await verifyJWT(done.AuthenticationResult.IdToken, poolId);
	assert.equal(id.payload['cognito:username'], 'frank');

	const got = await client.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'frank' }));
	assert.equal(got.UserStatus, 'CONFIRMED');

	// The temporary password is gone.
	const err = await refused(
		client,
		new InitiateAuthCommand({
			AuthFlow: 'USER_PASSWORD_AUTH',
			ClientId: clientId,
			AuthParameters: { USERNAME: 'frank', PASSWORD: invite.Code },
		}),
	);
	assertModeled(err, NotAuthorizedException, 'Incorrect username or password.');
});

test('SignUp, ConfirmSignUp with the outbox code, USER_PASSWORD_AUTH, GetUser, GlobalSignOut', async (t) => {
	const client = newClient();
	const { poolId, clientId } = poolAndClient('sdk', 'backend');
	const username = 'grace';
	const password = 'Gr4ce-Hopper!';
	const { UserPoolClient } = await client.send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: clientId }));
	assert.ok(UserPoolClient.ClientSecret, 'the client has a secret');
	const hash = secretHash(username, clientId, UserPoolClient.ClientSecret);
	const passwordAuth = (pw) =>
		new InitiateAuthCommand({
			AuthFlow: 'USER_PASSWORD_AUTH',
			ClientId: clientId,
			AuthParameters: { USERNAME: username, PASSWORD: pw, SECRET_HASH: hash },
		});
	let userSub;
	let tokens;

	await t.test('SignUp: UNCONFIRMED, a code sent to the e-mail address', async () => {
		const out = await client.send(
			new SignUpCommand({
				ClientId: clientId,
				SecretHash: hash,
				Username: username,
				Password: password,
				UserAttributes: [{ Name: 'email', Value: 'grace@example.com' }],
			}),
		);
		assert.equal(out.UserConfirmed, false);
		assert.match(out.UserSub, /^[0-9a-f-]{36}$/);
		userSub = out.UserSub;
		assert.equal(out.CodeDeliveryDetails.DeliveryMedium, 'EMAIL');
		assert.equal(out.CodeDeliveryDetails.AttributeName, 'email');
		assert.notEqual(out.CodeDeliveryDetails.Destination, 'grace@example.com', 'the destination is masked');

		const again = await refused(
			client,
			new SignUpCommand({ ClientId: clientId, SecretHash: hash, Username: username, Password: password }),
		);
		assertModeled(again, UsernameExistsException, 'User already exists');

		assertModeled(await refused(client, passwordAuth(password)), UserNotConfirmedException, 'User is not confirmed.');
	});

	await t.test('ConfirmSignUp: a wrong code is CodeMismatchException, the outbox code confirms', async () => {
		const msg = await lastMessage(username);
		assert.equal(msg.Purpose, 'SIGN_UP');
		assert.match(msg.Code, /^[0-9]{6}$/);
		const wrong = String((Number(msg.Code) + 1) % 1_000_000).padStart(6, '0');
		const err = await refused(
			client,
			new ConfirmSignUpCommand({ ClientId: clientId, SecretHash: hash, Username: username, ConfirmationCode: wrong }),
		);
		assertModeled(err, CodeMismatchException, 'Invalid verification code provided, please try again.');
		await client.send(
			new ConfirmSignUpCommand({ ClientId: clientId, SecretHash: hash, Username: username, ConfirmationCode: msg.Code }),
		);
	});

	await t.test('InitiateAuth USER_PASSWORD_AUTH with SECRET_HASH: tokens; a wrong password is NotAuthorizedException', async () => {
		const out = await client.send(passwordAuth(password));
		tokens = out.AuthenticationResult;
		assert.equal(tokens.TokenType, 'Bearer');
		assert.equal(tokens.ExpiresIn, 3600);
		assert.ok(tokens.RefreshToken);
		const id = await verifyJWT(tokens.IdToken, poolId);
		assert.equal(id.payload.sub, userSub);
		assert.equal(id.payload.aud, clientId);
		assert.equal(id.payload.email_verified, true, 'confirmed by the e-mailed code');
		const access = await verifyJWT(tokens.AccessToken, poolId);
		assert.equal(access.payload.client_id, clientId);

		const err = await refused(client, passwordAuth('Wr0ng-Password!'));
		assertModeled(err, NotAuthorizedException, 'Incorrect username or password.');
	});

	await t.test('GetUser with the access token; REFRESH_TOKEN_AUTH', async () => {
		const me = await client.send(new GetUserCommand({ AccessToken: tokens.AccessToken }));
		assert.equal(me.Username, username);
		const attrs = Object.fromEntries(me.UserAttributes.map((a) => [a.Name, a.Value]));
		assert.equal(attrs.sub, userSub);
		assert.equal(attrs.email, 'grace@example.com');
		assert.equal(attrs.email_verified, 'true');

		const refreshed = await client.send(
			new InitiateAuthCommand({
				AuthFlow: 'REFRESH_TOKEN_AUTH',
				ClientId: clientId,
				AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken, SECRET_HASH: hash },
			}),
		);
		assert.ok(refreshed.AuthenticationResult.AccessToken);
		assert.equal(refreshed.AuthenticationResult.RefreshToken, undefined, 'a refresh returns no new refresh token');
		await verifyJWT(refreshed.AuthenticationResult.IdToken, poolId);
	});

	await t.test('GlobalSignOut: then GetUser and REFRESH_TOKEN_AUTH are NotAuthorizedException', async () => {
		await client.send(new GlobalSignOutCommand({ AccessToken: tokens.AccessToken }));
		const err = await refused(client, new GetUserCommand({ AccessToken: tokens.AccessToken }));
		assertModeled(err, NotAuthorizedException, 'Access Token has been revoked');

		const refresh = await refused(
			client,
			new InitiateAuthCommand({
				AuthFlow: 'REFRESH_TOKEN_AUTH',
				ClientId: clientId,
				AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken, SECRET_HASH: hash },
			}),
		);
		assertModeled(refresh, NotAuthorizedException, 'Refresh Token has been revoked');

		// A new login still works: sign-out ends sessions, not the account.
		const again = await client.send(passwordAuth(password));
		assert.ok(again.AuthenticationResult.AccessToken);
	});
});
