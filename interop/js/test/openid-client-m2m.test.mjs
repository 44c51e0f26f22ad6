// openid-client (the certified OpenID Connect relying party for Node) against
// the fake's OAuth 2.0 side: discovery at the pool's issuer, and the
// client_credentials grant of a machine client, whose access token is
// checked with jose (openid-client's own JOSE library) against the JWKS the
// discovery document names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as client from 'openid-client';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { endpoint, poolAndClient } from './helpers.mjs';
import { discover, issuer, refusal, seeded } from './oauth-lib.mjs';

test('discovery: the issuer is the server and the pool; the token endpoint is the pool domain\'s, on this server', async () => {
	const config = await discover(seeded.machine.id, seeded.machine.secret);
	const md = config.serverMetadata();
	assert.equal(md.issuer, issuer(seeded.pool()));
	assert.equal(md.jwks_uri, `${issuer(seeded.pool())}/.well-known/jwks.json`);
	assert.equal(md.token_endpoint, `${endpoint()}/oauth2/token`);
	assert.deepEqual(md.id_token_signing_alg_values_supported, ['RS256']);
	for (const m of ['client_secret_basic', 'client_secret_post']) {
		assert.ok(md.token_endpoint_auth_methods_supported.includes(m), `token_endpoint_auth_methods_supported has ${m}`);
	}
});

test('discovery: a pool without a domain advertises no OAuth endpoint, so a client cannot ask for tokens', async () => {
	const { poolId, clientId } = poolAndClient('app', 'web');
	const config = await client.discovery(new URL(issuer(poolId)), clientId, undefined, client.None(), {
		execute: [client.allowInsecureRequests],
	});
	const md = config.serverMetadata();
	assert.equal(md.issuer, issuer(poolId));
	assert.equal(md.token_endpoint, undefined);
	assert.equal(md.authorization_endpoint, undefined);
	// A client that calls the token endpoint anyway is refused: on Cognito it
	// has no domain to call.
	const direct = new client.Configuration({ ...md, token_endpoint: `${endpoint()}/oauth2/token` }, clientId, undefined, client.None());
	client.allowInsecureRequests(direct);
	const err = await refusal(client.clientCredentialsGrant(direct, { scope: 'openid' }));
	assert.ok(err instanceof client.ResponseBodyError, `${err.name}: ${err.message}`);
	assert.equal(err.error, 'invalid_client');
});

/** verifyAccessToken checks a token as an API behind the pool would. */
async function verifyAccessToken(config, token) {
	const md = config.serverMetadata();
	const { payload, protectedHeader } = await jwtVerify(token, createRemoteJWKSet(new URL(md.jwks_uri)), {
		issuer: md.issuer,
		algorithms: ['RS256'],
	});
	assert.ok(protectedHeader.kid, 'the header names its key');
	return payload;
}

const read = `${seeded.api}/read`;
const write = `${seeded.api}/write`;

for (const [name, auth] of [
	['Basic', client.ClientSecretBasic],
	['form', client.ClientSecretPost],
]) {
	test(`client_credentials with the secret by ${name}: an access token for the client with the scope asked`, async () => {
		const config = await discover(seeded.machine.id, seeded.machine.secret, auth());
		const tokens = await client.clientCredentialsGrant(config, { scope: read });
		assert.equal(tokens.token_type.toLowerCase(), 'bearer');
		assert.equal(tokens.expires_in, 3600);
		assert.equal(tokens.id_token, undefined, 'no ID token without a user');
		assert.equal(tokens.refresh_token, undefined, 'no refresh token for client_credentials');
		const claims = await verifyAccessToken(config, tokens.access_token);
		assert.equal(claims.token_use, 'access');
		assert.equal(claims.client_id, seeded.machine.id);
		assert.equal(claims.sub, seeded.machine.id, 'the subject is the client');
		assert.equal(claims.scope, read);
		assert.equal(claims.username, undefined, 'no user');
		assert.equal(claims['cognito:groups'], undefined);
		assert.equal(claims.exp - claims.iat, 3600);
		assert.match(claims.jti, /^[0-9a-f-]{36}$/);
	});
}

test('client_credentials: both scopes when asked, every allowed scope when none is asked', async () => {
	const config = await discover(seeded.machine.id, seeded.machine.secret, client.ClientSecretBasic());
	const both = await verifyAccessToken(config, (await client.clientCredentialsGrant(config, { scope: `${read} ${write}` })).access_token);
	assert.deepEqual(both.scope.split(' ').sort(), [read, write]);
	const all = await verifyAccessToken(config, (await client.clientCredentialsGrant(config)).access_token);
	assert.deepEqual(all.scope.split(' ').sort(), [read, write]);
});

test('client_credentials refusals are OAuth errors with Cognito\'s codes', async (t) => {
	const cases = [
		{ name: 'wrong secret', id: seeded.machine.id, secret: 'not-the-secret', params: { scope: read }, error: 'invalid_client' },
		{ name: 'unknown client', id: 'nosuchclient', secret: 'whatever', params: { scope: read }, error: 'invalid_client' },
		{ name: 'scope not allowed to the client', id: seeded.machine.id, secret: seeded.machine.secret, params: { scope: `${seeded.api}/admin` }, error: 'invalid_scope' },
		{ name: 'a code-flow client', id: seeded.webapp.id, secret: seeded.webapp.secret, params: { scope: read }, error: 'unauthorized_client' },
	];
	for (const c of cases) {
		await t.test(c.name, async () => {
			const config = await discover(c.id, c.secret, client.ClientSecretBasic());
			const err = await refusal(client.clientCredentialsGrant(config, c.params));
			assert.ok(err instanceof client.ResponseBodyError, `${err.name}: ${err.message}`);
			assert.equal(err.error, c.error);
			assert.equal(err.status, 400);
		});
	}
});
