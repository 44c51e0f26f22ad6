// Helpers shared by the interop tests: the server's address and ids from the
// environment (set by run.sh), JWT checks against the server's JWKS, an
// authenticator app (RFC 6238) and the server's outbox. Only node: modules,
// so that what the tests exercise is the clients, not a helper library.
import assert from 'node:assert/strict';
import { createHmac, createPublicKey, verify } from 'node:crypto';

/** env returns a variable run.sh exported, failing clearly if it is missing. */
export function env(name) {
	const v = process.env[name];
	if (!v) {
		throw new Error(`${name} is not set: run these tests through run.sh`);
	}
	return v;
}

/** The fake's base URL, e.g. http://127.0.0.1:40123 (no trailing slash). */
export const endpoint = () => env('INTEROP_ENDPOINT').replace(/\/$/, '');

/** A pool and one of its app clients, by the names seed.json gives them. */
export function poolAndClient(pool, client) {
	const up = (s) => s.toUpperCase().replaceAll('-', '_');
	return {
		poolId: env(`INTEROP_POOL_${up(pool)}`),
		clientId: env(`INTEROP_CLIENT_${up(pool)}_${up(client)}`),
	};
}

function b64url(s) {
	return Buffer.from(s, 'base64url');
}

/** decodeJWT splits a compact JWS into its header and payload objects. */
export function decodeJWT(token) {
	const parts = token.split('.');
	assert.equal(parts.length, 3, 'a JWT has three parts');
	return {
		header: JSON.parse(b64url(parts[0]).toString('utf8')),
		payload: JSON.parse(b64url(parts[1]).toString('utf8')),
	};
}

/**
 * verifyJWT checks a token as a resource server would: RS256 signature with
 * the key of its kid, fetched from the issuer's /.well-known/jwks.json, and
 * an issuer that is this server's pool. Returns header and payload.
 */
export async function verifyJWT(token, poolId) {
	const { header, payload } = decodeJWT(token);
	const issuer = `${endpoint()}/${poolId}`;
	assert.equal(payload.iss, issuer, 'iss is the server and pool');
	assert.equal(header.alg, 'RS256');
	const res = await fetch(`${payload.iss}/.well-known/jwks.json`);
	assert.equal(res.status, 200, 'JWKS served at the issuer');
	const { keys } = await res.json();
	const jwk = keys.find((k) => k.kid === header.kid);
	assert.ok(jwk, `the JWKS has the token's kid ${header.kid}`);
	const [h, p, s] = token.split('.');
	const ok = verify('RSA-SHA256', Buffer.from(`${h}.${p}`), createPublicKey({ key: jwk, format: 'jwk' }), b64url(s));
	assert.ok(ok, 'RS256 signature verifies with the JWKS key');
	const now = Math.floor(Date.now() / 1000);
	assert.ok(payload.exp > now, 'not expired');
	assert.ok(payload.iat <= now + 5, 'not issued in the future');
	return { header, payload };
}

/** totp is what an authenticator app shows for a base32 secret at step. */
export function totp(secret, step) {
	const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
	let bits = '';
	for (const c of secret.replace(/=+$/, '').toUpperCase()) {
		const v = alphabet.indexOf(c);
		assert.ok(v >= 0, 'base32 secret');
		bits += v.toString(2).padStart(5, '0');
	}
	const key = Buffer.alloc(Math.floor(bits.length / 8));
	for (let i = 0; i < key.length; i++) {
		key[i] = parseInt(bits.slice(i * 8, i * 8 + 8), 2);
	}
	const counter = Buffer.alloc(8);
	counter.writeBigUInt64BE(BigInt(step));
	const mac = createHmac('sha1', key).update(counter).digest();
	const off = mac[mac.length - 1] & 0x0f;
	const n = mac.readUInt32BE(off) & 0x7fffffff;
	return String(n % 1_000_000).padStart(6, '0');
}

/** The current 30-second TOTP step. */
export const totpStep = () => Math.floor(Date.now() / 1000 / 30);

/** lastMessage is the last code the fake "sent" to a user (its outbox). */
export async function lastMessage(username) {
	const res = await fetch(`${endpoint()}/_gocognito/outbox?username=${encodeURIComponent(username)}`);
	assert.equal(res.status, 200, `a message to ${username} in the outbox`);
	return res.json();
}

/** secretHash is Cognito's SECRET_HASH for a client with a secret. */
export function secretHash(username, clientId, clientSecret) {
	return createHmac('sha256', clientSecret).update(username + clientId).digest('base64');
}

/**
 * recordFetch wraps globalThis.fetch to record each Cognito call a client
 * makes through it, as "Operation" or "RespondToAuthChallenge:CHALLENGE",
 * with " 4xx" appended to refused calls. Returns the list, which reset()
 * empties.
 */
export function recordFetch() {
	const calls = [];
	const inner = globalThis.fetch;
	globalThis.fetch = async (url, init = {}) => {
		const headers = new Headers(init.headers);
		const target = headers.get('x-amz-target');
		let name;
		if (target) {
			name = target.replace(/^AWSCognitoIdentityProviderService\./, '');
			if (name === 'RespondToAuthChallenge' && typeof init.body === 'string') {
				name += `:${JSON.parse(init.body).ChallengeName}`;
			}
		}
		const res = await inner(url, init);
		if (name) {
			calls.push(res.ok ? name : `${name} ${res.status}`);
		}
		return res;
	};
	calls.reset = () => calls.splice(0);
	return calls;
}
