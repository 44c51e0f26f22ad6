// Amplify v6 refreshes every session with GetTokensFromRefreshToken
// (refreshAuthTokens.ts): fetchAuthSession({ forceRefresh: true }) against the
// fake, on an app client without rotation and on one with refresh-token
// rotation, whose new refresh token Amplify must keep. The pool and clients
// are created here through the AWS SDK, as an administrator would.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Amplify } from 'aws-amplify';
import { fetchAuthSession, signIn, signOut } from 'aws-amplify/auth';
import {
	AdminCreateUserCommand,
	AdminSetUserPasswordCommand,
	CognitoIdentityProviderClient,
	CreateUserPoolClientCommand,
	CreateUserPoolCommand,
	DescribeUserPoolClientCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { endpoint, verifyJWT } from './helpers.mjs';

const admin = new CognitoIdentityProviderClient({
	region: 'us-east-1',
	endpoint: endpoint(),
	credentials: { accessKeyId: 'fake', secretAccessKey: 'fake' },
	maxAttempts: 1,
});

/**
 * captureRefreshes wraps globalThis.fetch and records every
 * GetTokensFromRefreshToken request body and response body, and the name of
 * every other Cognito operation, so a test sees what Amplify sent.
 */
function captureRefreshes() {
	const log = { refreshes: [], operations: [] };
	const inner = globalThis.fetch;
	globalThis.fetch = async (url, init = {}) => {
		const target = new Headers(init.headers).get('x-amz-target') ?? '';
		const op = target.replace(/^AWSCognitoIdentityProviderService\./, '');
		const res = await inner(url, init);
		if (op === 'InitiateAuth' && typeof init.body === 'string') {
			log.operations.push(`InitiateAuth:${JSON.parse(init.body).AuthFlow}`);
		} else if (op) {
			log.operations.push(op);
		}
		if (op === 'GetTokensFromRefreshToken') {
			log.refreshes.push({ request: JSON.parse(init.body), status: res.status, response: await res.clone().json() });
		}
		return res;
	};
	log.restore = () => {
		globalThis.fetch = inner;
	};
	return log;
}

// The fetch Amplify does not go through once captureRefreshes wraps it.
const directFetch = globalThis.fetch;

/**
 * raw sends one Cognito operation, past captureRefreshes, and returns its
 * status and JSON body.
 */
async function raw(operation, body) {
	const res = await directFetch(`${endpoint()}/`, {
		method: 'POST',
		headers: {
			'Content-Type': 'application/x-amz-json-1.1',
			'X-Amz-Target': `AWSCognitoIdentityProviderService.${operation}`,
		},
		body: JSON.stringify(body),
	});
	return { status: res.status, body: await res.json() };
}

const password = 'Corr3ct-Horse-9';

/** setup creates a pool with a plain client, a rotating client and a user. */
async function setup() {
	const { UserPool } = await admin.send(new CreateUserPoolCommand({ PoolName: 'amplify-refresh' }));
	const poolId = UserPool.Id;
	const client = async (settings) =>
		(await admin.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ...settings }))).UserPoolClient.ClientId;
	const plain = await client({ ClientName: 'plain', ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] });
	const rotating = await client({
		ClientName: 'rotating',
		ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH'],
		RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 0 },
	});
	await admin.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'rita', MessageAction: 'SUPPRESS' }));
	await admin.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: 'rita', Password: password, Permanent: true }));
	return { poolId, plain, rotating };
}

/** signedIn configures Amplify for a client and signs rita in. */
async function signedIn(poolId, clientId) {
	Amplify.configure({ Auth: { Cognito: { userPoolId: poolId, userPoolClientId: clientId, userPoolEndpoint: endpoint() } } });
	const out = await signIn({ username: 'rita', password });
	assert.equal(out.isSignedIn, true);
	return (await fetchAuthSession()).tokens;
}

test('Amplify v6: fetchAuthSession({ forceRefresh: true }) through GetTokensFromRefreshToken', async (t) => {
	const { poolId, plain, rotating } = await setup();

	await t.test('the SDK sees RefreshTokenRotation as it was set', async () => {
		const { UserPoolClient } = await admin.send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: rotating }));
		assert.deepEqual(UserPoolClient.RefreshTokenRotation, { Feature: 'ENABLED', RetryGracePeriodSeconds: 0 });
	});

	await t.test('a client without rotation: new access and ID tokens, the same refresh token', async () => {
		const before = await signedIn(poolId, plain);
		const log = captureRefreshes();
		try {
			const first = (await fetchAuthSession({ forceRefresh: true })).tokens;
			const second = (await fetchAuthSession({ forceRefresh: true })).tokens;
			assert.deepEqual(log.operations, ['GetTokensFromRefreshToken', 'GetTokensFromRefreshToken'], 'Amplify refreshes with GetTokensFromRefreshToken only');
			for (const r of log.refreshes) {
				assert.equal(r.status, 200, JSON.stringify(r.response));
				assert.equal(r.request.ClientId, plain);
				assert.equal(r.response.AuthenticationResult.RefreshToken, undefined, 'no refresh token without rotation');
			}
			assert.equal(log.refreshes[1].request.RefreshToken, log.refreshes[0].request.RefreshToken, 'the same refresh token twice');
			assert.notEqual(first.accessToken.toString(), before.accessToken.toString());
			const access = await verifyJWT(second.accessToken.toString(), poolId);
			assert.equal(access.payload.username, 'rita');
			assert.equal(access.payload.auth_time, before.accessToken.payload.auth_time, 'auth_time kept');
		} finally {
			log.restore();
			await signOut();
		}
	});

	await t.test('a rotating client: Amplify keeps each new refresh token, the old one is refused', async () => {
		const before = await signedIn(poolId, rotating);
		const log = captureRefreshes();
		try {
			await fetchAuthSession({ forceRefresh: true });
			const second = (await fetchAuthSession({ forceRefresh: true })).tokens;
			assert.deepEqual(log.operations, ['GetTokensFromRefreshToken', 'GetTokensFromRefreshToken']);
			const [r1, r2] = log.refreshes;
			assert.equal(r1.status, 200, JSON.stringify(r1.response));
			assert.equal(r2.status, 200, JSON.stringify(r2.response));
			const rotated = r1.response.AuthenticationResult.RefreshToken;
			assert.ok(rotated, 'a rotating client returns a new refresh token');
			assert.notEqual(rotated, r1.request.RefreshToken);
			assert.equal(r2.request.RefreshToken, rotated, 'Amplify refreshes with the rotated token it kept');
			assert.ok(r2.response.AuthenticationResult.RefreshToken && r2.response.AuthenticationResult.RefreshToken !== rotated);
			const access = await verifyJWT(second.accessToken.toString(), poolId);
			assert.equal(access.payload.origin_jti, before.accessToken.payload.origin_jti, 'one sign-in throughout');

			// No grace period here: the spent tokens are refused at once.
			for (const spent of [r1.request.RefreshToken, rotated]) {
				const reuse = await raw('GetTokensFromRefreshToken', { ClientId: rotating, RefreshToken: spent });
				assert.equal(reuse.status, 400);
				assert.equal(reuse.body.__type, 'RefreshTokenReuseException');
			}
			// A rotating client does not take REFRESH_TOKEN_AUTH.
			const rta = await raw('InitiateAuth', {
				AuthFlow: 'REFRESH_TOKEN_AUTH',
				ClientId: rotating,
				AuthParameters: { REFRESH_TOKEN: r2.response.AuthenticationResult.RefreshToken },
			});
			assert.equal(rta.status, 400);
			assert.equal(rta.body.__type, 'InvalidParameterException');
			// Amplify's session still refreshes with what it kept.
			await fetchAuthSession({ forceRefresh: true });
			assert.equal(log.refreshes[2].request.RefreshToken, r2.response.AuthenticationResult.RefreshToken);
			assert.equal(log.refreshes[2].status, 200, JSON.stringify(log.refreshes[2]?.response));
		} finally {
			log.restore();
			await signOut();
		}
	});
});
