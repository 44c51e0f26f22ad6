// openid-client through the fake's managed login: the authorization code
// flow with PKCE (S256), state and nonce, driven without a browser (the
// authorize redirect followed to the login page, its form posted back with
// its cookies, the code taken from the redirect to the application's
// callback), then the token exchange with the ID token checked by
// openid-client (signature, issuer, audience, nonce), userinfo, refresh,
// revocation and logout.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as client from 'openid-client';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { endpoint, totp, totpStep } from './helpers.mjs';
import { Browser, discover, refusal, seeded, text } from './oauth-lib.mjs';

const fullScope = `openid email profile ${seeded.api}/read`;

/**
 * authorize starts a sign-in as a web application does: PKCE, state and
 * nonce drawn by openid-client, the user sent to the authorization URL.
 * Returns the checks to keep and the page the user lands on.
 */
async function authorize(config, browser, extra = {}) {
	const scope = extra.scope ?? fullScope;
	const checks = {
		pkceCodeVerifier: client.randomPKCECodeVerifier(),
		expectedState: client.randomState(),
		expectedNonce: client.randomNonce(),
	};
	const url = client.buildAuthorizationUrl(config, {
		redirect_uri: seeded.callback,
		scope,
		code_challenge: await client.calculatePKCECodeChallenge(checks.pkceCodeVerifier),
		code_challenge_method: 'S256',
		state: checks.expectedState,
		nonce: checks.expectedNonce,
		...extra,
	});
	return { checks, url, page: await browser.go(url.href) };
}

/** signIn answers the login page with the user's password and returns where it leads. */
async function signIn(browser, page, password = seeded.user.password, status = 200, username = seeded.user.username) {
	// status null: a page shown again with an error, whose status is the
	// login page's own choice.
	if (status !== null) {
		assert.equal(page.res?.status, status, `the login page, not ${page.res?.status} at ${page.url}:\n${page.html}`);
	}
	assert.ok(new URL(page.url).pathname.startsWith('/login'), `the login page is under /login: ${page.url}`);
	return browser.submit(page, { username, password });
}

/** codeFlow signs olga in and exchanges the code: the tokens and what was kept. */
async function codeFlow(config, extra) {
	const browser = new Browser();
	const { checks, page } = await authorize(config, browser, extra);
	const back = await signIn(browser, page);
	assert.ok(back.redirected, `back at the callback, not at ${back.url}:\n${back.html}`);
	const tokens = await client.authorizationCodeGrant(config, new URL(back.url), checks);
	return { browser, checks, tokens, callback: new URL(back.url) };
}

test('discovery advertises the pool domain\'s authorize, userinfo, revoke and logout endpoints, on this server', async () => {
	const config = await discover(seeded.webapp.id, seeded.webapp.secret);
	const md = config.serverMetadata();
	const base = endpoint();
	assert.equal(md.authorization_endpoint, `${base}/oauth2/authorize`);
	assert.equal(md.token_endpoint, `${base}/oauth2/token`);
	assert.equal(md.userinfo_endpoint, `${base}/oauth2/userInfo`);
	assert.equal(md.revocation_endpoint, `${base}/oauth2/revoke`);
	assert.equal(md.end_session_endpoint, `${base}/logout`);
	assert.ok(md.response_types_supported.includes('code'), `response_types_supported ${md.response_types_supported}`);
});

test('authorization code with PKCE through the managed login: tokens, ID token with the nonce, userinfo', async () => {
	const config = await discover(seeded.webapp.id, seeded.webapp.secret, client.ClientSecretBasic());
	const { checks, tokens, callback } = await codeFlow(config);
	assert.equal(callback.searchParams.get('state'), checks.expectedState);
	assert.match(callback.searchParams.get('code'), /^[-0-9a-zA-Z_]{8,}$/);

	assert.equal(tokens.token_type.toLowerCase(), 'bearer');
	assert.equal(tokens.expires_in, 3600);
	assert.ok(tokens.refresh_token, 'a refresh token for the code flow');
	// openid-client has verified the ID token's signature, iss, aud, exp and nonce.
	const id = tokens.claims();
	assert.equal(id.nonce, checks.expectedNonce);
	assert.equal(id.aud, seeded.webapp.id);
	assert.equal(id.token_use, 'id');
	assert.equal(id['cognito:username'], seeded.user.username);
	assert.equal(id.email, seeded.user.email);
	assert.equal(id.email_verified, true);
	assert.equal(id.name, seeded.user.name);
	assert.deepEqual(id['cognito:groups'], ['readers']);
	assert.equal(id.identities, undefined, 'a native user has no identities');
	assert.ok(id.at_hash, 'the ID token binds the access token (at_hash)');
	assert.ok(id.auth_time <= id.iat);

	const md = config.serverMetadata();
	const { payload: access } = await jwtVerify(tokens.access_token, createRemoteJWKSet(new URL(md.jwks_uri)), {
		issuer: md.issuer,
		algorithms: ['RS256'],
	});
	assert.equal(access.token_use, 'access');
	assert.equal(access.client_id, seeded.webapp.id);
	assert.equal(access.sub, id.sub);
	assert.equal(access.username, seeded.user.username);
	assert.deepEqual(access.scope.split(' ').sort(), fullScope.split(' ').sort());
	assert.deepEqual(access['cognito:groups'], ['readers']);

	const info = await client.fetchUserInfo(config, tokens.access_token, id.sub);
	assert.equal(info.sub, id.sub);
	assert.equal(info.email, seeded.user.email);
	assert.equal(info.name, seeded.user.name);
	assert.equal(info.username, seeded.user.username);
});

test('a public client (no secret) signs in with PKCE alone and refreshes', async () => {
	const config = await discover(seeded.spa.id, undefined, client.None());
	const { checks, tokens } = await codeFlow(config, { scope: 'openid email' });
	const id = tokens.claims();
	assert.equal(id.aud, seeded.spa.id);
	assert.equal(id.nonce, checks.expectedNonce);
	assert.equal(id.email, seeded.user.email);
	const again = await client.refreshTokenGrant(config, tokens.refresh_token);
	assert.equal(again.claims().sub, id.sub);
});

test('a user with an authenticator app answers the login page\'s code screen; a wrong code keeps it there', async () => {
	const config = await discover(seeded.webapp.id, seeded.webapp.secret, client.ClientSecretBasic());
	const browser = new Browser();
	const { checks, page } = await authorize(config, browser, { scope: 'openid email' });
	const mfa = await signIn(browser, page, seeded.user.password, 200, 'otto');
	assert.ok(!mfa.redirected, 'no code before the second factor');
	assert.match(text(mfa.html), /authenticator app/);
	const step = totpStep();
	const wrong = await browser.submit(mfa, { code: totp(seeded.otto.totpSecret, step + 5) });
	assert.ok(!wrong.redirected, 'no code for a wrong TOTP code');
	assert.match(text(wrong.html), /Invalid code/, 'Cognito\'s CodeMismatchException message on the code screen');
	const back = await browser.submit(wrong, { code: totp(seeded.otto.totpSecret, step) });
	assert.ok(back.redirected, `back at the callback, not at ${back.url}:\n${back.html}`);
	const tokens = await client.authorizationCodeGrant(config, new URL(back.url), checks);
	assert.equal(tokens.claims()['cognito:username'], 'otto');
	assert.equal(tokens.claims().email, 'otto@example.com');
});

test('refresh_token gives new tokens; after revocation it is refused and the access token too', async () => {
	const config = await discover(seeded.webapp.id, seeded.webapp.secret, client.ClientSecretPost());
	const { tokens } = await codeFlow(config);
	const sub = tokens.claims().sub;

	const again = await client.refreshTokenGrant(config, tokens.refresh_token);
	assert.notEqual(again.access_token, tokens.access_token);
	assert.equal(again.claims().sub, sub, 'the refreshed ID token is the same user\'s');
	assert.equal((await client.fetchUserInfo(config, again.access_token, sub)).sub, sub);

	await client.tokenRevocation(config, tokens.refresh_token);
	const err = await refusal(client.refreshTokenGrant(config, tokens.refresh_token));
	assert.ok(err instanceof client.ResponseBodyError, `${err.name}: ${err.message}`);
	assert.equal(err.error, 'invalid_grant');
	const denied = await refusal(client.fetchUserInfo(config, again.access_token, sub));
	assert.ok(denied instanceof client.WWWAuthenticateChallengeError, `${denied.name}: ${denied.message}`);
	assert.equal(denied.status, 401);
});

test('the code is bound to its PKCE verifier and is good once', async () => {
	const config = await discover(seeded.webapp.id, seeded.webapp.secret, client.ClientSecretBasic());
	const code = async () => {
		const browser = new Browser();
		const { checks, page } = await authorize(config, browser);
		const back = await signIn(browser, page);
		assert.ok(back.redirected, `back at the callback, not at ${back.url}`);
		return { checks, url: new URL(back.url) };
	};

	const a = await code();
	const wrong = await refusal(client.authorizationCodeGrant(config, a.url, { ...a.checks, pkceCodeVerifier: client.randomPKCECodeVerifier() }));
	assert.ok(wrong instanceof client.ResponseBodyError, `${wrong.name}: ${wrong.message}`);
	assert.equal(wrong.error, 'invalid_grant');

	const b = await code();
	await client.authorizationCodeGrant(config, b.url, b.checks);
	const spent = await refusal(client.authorizationCodeGrant(config, b.url, b.checks));
	assert.ok(spent instanceof client.ResponseBodyError, `${spent.name}: ${spent.message}`);
	assert.equal(spent.error, 'invalid_grant');
});

test('the login page refuses a wrong password and stays; the session then signs in without a password until logout', async () => {
	const config = await discover(seeded.webapp.id, seeded.webapp.secret, client.ClientSecretBasic());
	const browser = new Browser();
	const first = await authorize(config, browser);
	const wrong = await signIn(browser, first.page, 'not-the-password');
	assert.ok(!wrong.redirected, 'no code for a wrong password');
	assert.match(text(wrong.html), /Incorrect username or password\./);
	const back = await signIn(browser, wrong, seeded.user.password, null);
	assert.ok(back.redirected, `back at the callback, not at ${back.url}`);
	await client.authorizationCodeGrant(config, new URL(back.url), first.checks);

	// The managed login remembers the user: a second authorization goes
	// straight back to the application with a new code.
	const second = await authorize(config, browser);
	assert.ok(second.page.redirected, `signed in already, not at ${second.page.url}`);
	const tokens = await client.authorizationCodeGrant(config, new URL(second.page.url), second.checks);
	assert.equal(tokens.claims().nonce, second.checks.expectedNonce);

	// Cognito's /logout takes client_id and logout_uri (one of LogoutURLs).
	const out = await browser.go(client.buildEndSessionUrl(config, { logout_uri: seeded.signedOut }).href, {}, seeded.signedOut);
	assert.ok(out.redirected, `sent to the logout URL, not at ${out.url}`);
	const third = await authorize(config, browser);
	assert.ok(!third.page.redirected, 'signed out: the login page again');
	assert.ok(new URL(third.page.url).pathname.startsWith('/login'));
});

test('authorize refuses a redirect_uri the client did not register, without redirecting to it', async () => {
	const config = await discover(seeded.webapp.id, seeded.webapp.secret, client.ClientSecretBasic());
	const browser = new Browser();
	const { page } = await authorize(config, browser, { redirect_uri: 'http://localhost:8080/elsewhere' });
	assert.ok(!page.redirected, 'not sent to the callback');
	assert.ok(page.res.status >= 400, `an error page, not ${page.res.status}`);
	assert.ok(!page.hops.some((h) => h.startsWith('http://localhost:8080/')), `redirected to ${page.hops}`);
	assert.ok(!page.url.startsWith('http://localhost:8080/'));
	assert.ok(page.url.startsWith(endpoint()));
});
