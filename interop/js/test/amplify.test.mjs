// Amplify v6 (aws-amplify/auth) in Node against the fake, configured with
// userPoolEndpoint: its own SRP implementation, its token store and its
// error mapping.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Amplify } from 'aws-amplify';
import { fetchAuthSession, fetchUserAttributes, getCurrentUser, signIn, signOut } from 'aws-amplify/auth';
import { endpoint, poolAndClient, verifyJWT } from './helpers.mjs';

const { poolId, clientId } = poolAndClient('app', 'web');
Amplify.configure({
	Auth: { Cognito: { userPoolId: poolId, userPoolClientId: clientId, userPoolEndpoint: endpoint() } },
});

test('Amplify v6: signIn (USER_SRP_AUTH), the session, the user, signOut', async (t) => {
	await t.test('a wrong password: NotAuthorizedException "Incorrect username or password."', async () => {
		const err = await signIn({ username: 'erin', password: 'Wr0ng-Horse' }).then(
			() => assert.fail('signed in with a wrong password'),
			(e) => e,
		);
		assert.equal(err.name, 'NotAuthorizedException');
		assert.equal(err.message, 'Incorrect username or password.');
	});

	await t.test('signIn: signed in, nothing more to do', async () => {
		const out = await signIn({ username: 'erin', password: 'Corr3ct-Horse' });
		assert.equal(out.isSignedIn, true);
		assert.equal(out.nextStep.signInStep, 'DONE');
	});

	await t.test('fetchAuthSession: tokens that verify against the JWKS', async () => {
		const { tokens, userSub } = await fetchAuthSession();
		const id = await verifyJWT(tokens.idToken.toString(), poolId);
		assert.equal(id.payload['cognito:username'], 'erin');
		assert.equal(id.payload.aud, clientId);
		assert.equal(id.payload.sub, userSub);
		assert.deepEqual(tokens.idToken.payload, id.payload, "Amplify's decoding agrees with ours");
		const access = await verifyJWT(tokens.accessToken.toString(), poolId);
		assert.equal(access.payload.token_use, 'access');
		assert.equal(access.payload.client_id, clientId);
	});

	await t.test('getCurrentUser and fetchUserAttributes (GetUser)', async () => {
		const me = await getCurrentUser();
		assert.equal(me.username, 'erin');
		const attrs = await fetchUserAttributes();
		assert.equal(attrs.email, 'erin@example.com');
		assert.equal(attrs.email_verified, 'true');
		assert.equal(attrs.sub, me.userId);
	});

	await t.test('signOut({ global: true }): the tokens are revoked and the session is gone', async () => {
		const { tokens } = await fetchAuthSession();
		await signOut({ global: true });
		const after = await fetchAuthSession();
		assert.equal(after.tokens, undefined);
		// The old access token no longer works at Cognito.
		const res = await fetch(`${endpoint()}/`, {
			method: 'POST',
			headers: {
				'Content-Type': 'application/x-amz-json-1.1',
				'X-Amz-Target': 'AWSCognitoIdentityProviderService.GetUser',
			},
			body: JSON.stringify({ AccessToken: tokens.accessToken.toString() }),
		});
		assert.equal(res.status, 400);
		const body = await res.json();
		assert.equal(body.__type, 'NotAuthorizedException');
		assert.equal(body.message, 'Access Token has been revoked');
	});
});
