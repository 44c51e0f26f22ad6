// amazon-cognito-identity-js: SRP logins against the fake, as a browser or
// Node app would run them, and the tokens checked as a resource server would.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { verifyJWT } from './helpers.mjs';
import { authenticate, completeNewPassword, newPool, newUser, nodeCall } from './identity-js-lib.mjs';

const PASSWORD = 'Corr3ct-Horse';

test('USER_SRP_AUTH: alice logs in and her ID and access tokens verify against the JWKS', async () => {
	const p = newPool('app', 'web');
	const user = newUser(p, 'alice');
	const res = await authenticate(user, 'alice', PASSWORD);
	assert.equal(res.step, 'success');
	assert.deepEqual(p.calls, ['InitiateAuth', 'RespondToAuthChallenge:PASSWORD_VERIFIER']);
	assert.ok(res.session.isValid(), 'the library finds the session valid');

	const id = await verifyJWT(res.session.getIdToken().getJwtToken(), p.poolId);
	assert.equal(id.payload.token_use, 'id');
	assert.equal(id.payload.aud, p.clientId);
	assert.equal(id.payload['cognito:username'], 'alice');
	assert.equal(id.payload.email, 'alice@example.com');
	assert.equal(id.payload.email_verified, true);
	assert.equal(id.payload.name, 'Alice Liddell');
	assert.deepEqual(id.payload['cognito:groups'], ['admins']);
	assert.match(id.payload.sub, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
	// The library's own decoding agrees with ours.
	assert.deepEqual(res.session.getIdToken().decodePayload(), id.payload);

	const access = await verifyJWT(res.session.getAccessToken().getJwtToken(), p.poolId);
	assert.equal(access.payload.token_use, 'access');
	assert.equal(access.payload.client_id, p.clientId);
	assert.equal(access.payload.username, 'alice');
	assert.equal(access.payload.sub, id.payload.sub);
	assert.equal(access.payload.scope, 'aws.cognito.signin.user.admin');
	assert.notEqual(access.header.kid, id.header.kid, 'ID and access tokens are signed with different keys');
	assert.ok(res.session.getRefreshToken().getToken().length > 0, 'a refresh token');
});

test('USER_SRP_AUTH with a wrong password: NotAuthorizedException "Incorrect username or password."', async () => {
	const p = newPool('app', 'web');
	const err = await authenticate(newUser(p, 'alice'), 'alice', 'Wr0ng-Horse').then(
		() => assert.fail('logged in with a wrong password'),
		(e) => e,
	);
	assert.equal(err.code, 'NotAuthorizedException');
	assert.equal(err.name, 'NotAuthorizedException');
	assert.equal(err.message, 'Incorrect username or password.');
	assert.deepEqual(p.calls, ['InitiateAuth', 'RespondToAuthChallenge:PASSWORD_VERIFIER']);
});

test('USER_SRP_AUTH of an unknown user on a client that prevents user existence errors: the same answer', async () => {
	const p = newPool('app', 'web');
	const err = await authenticate(newUser(p, 'nobody'), 'nobody', PASSWORD).then(
		() => assert.fail('logged in as a user that does not exist'),
		(e) => e,
	);
	assert.equal(err.code, 'NotAuthorizedException');
	assert.equal(err.message, 'Incorrect username or password.');
});

test('a disabled user: NotAuthorizedException "User is disabled."', async () => {
	const p = newPool('app', 'web');
	const err = await authenticate(newUser(p, 'mallory'), 'mallory', PASSWORD).then(
		() => assert.fail('a disabled user logged in'),
		(e) => e,
	);
	assert.equal(err.code, 'NotAuthorizedException');
	assert.equal(err.message, 'User is disabled.');
});

test('refreshSession (REFRESH_TOKEN_AUTH) and getUserAttributes (GetUser) with the session', async () => {
	const p = newPool('app', 'web');
	const user = newUser(p, 'alice');
	const { session } = await authenticate(user, 'alice', PASSWORD);

	const attrs = await nodeCall(user, 'getUserAttributes');
	const byName = Object.fromEntries(attrs.map((a) => [a.getName(), a.getValue()]));
	assert.equal(byName.email, 'alice@example.com');
	assert.equal(byName.email_verified, 'true');
	assert.equal(byName.sub, session.getIdToken().decodePayload().sub);

	const refreshed = await nodeCall(user, 'refreshSession', session.getRefreshToken());
	assert.ok(refreshed.isValid());
	const access = await verifyJWT(refreshed.getAccessToken().getJwtToken(), p.poolId);
	assert.equal(access.payload.username, 'alice');
	assert.notEqual(refreshed.getAccessToken().getJwtToken(), session.getAccessToken().getJwtToken());
	assert.ok(p.calls.includes('InitiateAuth'));
	assert.equal(p.calls.at(-1), 'InitiateAuth', 'the refresh is an InitiateAuth (REFRESH_TOKEN_AUTH)');
});

test('NEW_PASSWORD_REQUIRED: carol chooses a new password with completeNewPasswordChallenge', async () => {
	const p = newPool('app', 'web');
	const user = newUser(p, 'carol');
	const first = await authenticate(user, 'carol', 'Temp0rary-Pass');
	assert.equal(first.step, 'newPasswordRequired');
	assert.equal(first.userAttributes.email, 'carol@example.com');
	assert.deepEqual(first.requiredAttributes, []);

	const done = await completeNewPassword(user, 'N3w-Password!', {});
	assert.equal(done.step, 'success');
	const id = await verifyJWT(done.session.getIdToken().getJwtToken(), p.poolId);
	assert.equal(id.payload['cognito:username'], 'carol');

	// The new password is now the password.
	const again = await authenticate(newUser(p, 'carol'), 'carol', 'N3w-Password!');
	assert.equal(again.step, 'success');
});
