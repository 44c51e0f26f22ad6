// Lambda triggers under `gocognito serve --lambda-endpoint`: the seed's
// "triggers" pool names its functions in LambdaConfig, and
// lambda-server.mjs runs them behind a Lambda Invoke API. The official
// clients see what a pool with triggers does in Cognito: a sign-up the
// pre sign-up function confirms at once or refuses, and tokens carrying the
// claim the pre token generation function (V2_0) adds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
	AdminGetUserCommand,
	CognitoIdentityProviderClient,
	SignUpCommand,
	UserLambdaValidationException,
} from '@aws-sdk/client-cognito-identity-provider';
import { Amplify } from 'aws-amplify';
import { fetchAuthSession, signIn, signOut } from 'aws-amplify/auth';
import { endpoint, env, poolAndClient, verifyJWT } from './helpers.mjs';

const { poolId, clientId } = poolAndClient('triggers', 'web');
const sdk = new CognitoIdentityProviderClient({
	region: 'us-east-1',
	endpoint: endpoint(),
	credentials: { accessKeyId: 'fake', secretAccessKey: 'fake' },
	maxAttempts: 1,
});

/** The events the Lambda server has received so far. */
async function events() {
	const res = await fetch(`${env('INTEROP_LAMBDA')}/events`);
	assert.equal(res.status, 200);
	return res.json();
}

test('Lambda triggers through a Lambda Invoke API: pre sign-up and pre token generation', async (t) => {
	await t.test('SDK v3 SignUp: the pre sign-up function confirms the user and verifies the e-mail', async () => {
		const out = await sdk.send(
			new SignUpCommand({
				ClientId: clientId,
				Username: 'tess',
				Password: 'Corr3ct-Horse',
				UserAttributes: [{ Name: 'email', Value: 'tess@example.com' }],
				ClientMetadata: { source: 'interop' },
			}),
		);
		assert.equal(out.UserConfirmed, true);
		assert.equal(out.CodeDeliveryDetails, undefined, 'no code is sent to a confirmed user');
		const user = await sdk.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'tess' }));
		assert.equal(user.UserStatus, 'CONFIRMED');
		const verified = user.UserAttributes.find((a) => a.Name === 'email_verified');
		assert.equal(verified?.Value, 'true');

		const got = (await events()).filter((e) => e.function === 'interop-presignup');
		assert.equal(got.length, 1);
		assert.equal(got[0].invocationType, 'RequestResponse');
		const ev = got[0].event;
		assert.equal(ev.version, '1');
		assert.equal(ev.triggerSource, 'PreSignUp_SignUp');
		assert.equal(ev.userPoolId, poolId);
		assert.equal(ev.userName, 'tess');
		assert.equal(ev.callerContext.clientId, clientId);
		assert.equal(ev.request.userAttributes.email, 'tess@example.com');
		assert.deepEqual(ev.request.clientMetadata, { source: 'interop' });
		assert.deepEqual(ev.response, { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false });
	});

	await t.test('a function that throws refuses the sign-up: UserLambdaValidationException', async () => {
		const err = await sdk
			.send(
				new SignUpCommand({
					ClientId: clientId,
					Username: 'mallory',
					Password: 'Corr3ct-Horse',
					UserAttributes: [{ Name: 'email', Value: 'mallory@blocked.example' }],
				}),
			)
			.then(
				() => assert.fail('a refused sign-up succeeded'),
				(e) => e,
			);
		assert.ok(err instanceof UserLambdaValidationException, `got ${err.name}`);
		assert.equal(err.message, 'PreSignUp failed with error sign-ups from blocked.example are closed.');
		const lookup = await sdk.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'mallory' })).then(
			() => 'exists',
			(e) => e.name,
		);
		assert.equal(lookup, 'UserNotFoundException');
	});

	await t.test('Amplify v6 signIn (SRP): both tokens carry the claim pre token generation added', async () => {
		Amplify.configure({
			Auth: { Cognito: { userPoolId: poolId, userPoolClientId: clientId, userPoolEndpoint: endpoint() } },
		});
		const out = await signIn({ username: 'tess', password: 'Corr3ct-Horse' });
		assert.equal(out.isSignedIn, true);
		const { tokens } = await fetchAuthSession();
		const id = await verifyJWT(tokens.idToken.toString(), poolId);
		const access = await verifyJWT(tokens.accessToken.toString(), poolId);
		assert.equal(id.payload.tenant, 'interop');
		assert.equal(access.payload.tenant, 'interop');
		assert.equal(access.payload.token_use, 'access', 'the claims Cognito issues are still there');

		const got = (await events()).filter((e) => e.function === 'interop-pretoken');
		assert.equal(got.length, 1);
		const ev = got[0].event;
		assert.equal(ev.version, '2');
		assert.equal(ev.triggerSource, 'TokenGeneration_Authentication');
		assert.equal(ev.userName, 'tess');
		assert.equal(ev.request.userAttributes.email, 'tess@example.com');
		assert.deepEqual(ev.request.scopes, ['aws.cognito.signin.user.admin']);
		await signOut();
	});
});
