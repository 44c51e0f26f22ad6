// amazon-cognito-identity-js's callback API as promises, an in-memory
// Storage per test, and a recorder of the calls the library makes.
import { AuthenticationDetails, CognitoUser, CognitoUserPool } from 'amazon-cognito-identity-js';
import { endpoint, poolAndClient } from './helpers.mjs';

/**
 * MemStorage is the Storage interface the library takes (as localStorage).
 * In Node the library falls back to one module-wide MemoryStorage; each
 * test gets its own instead, so that cached devices never leak between
 * tests.
 */
export class MemStorage {
	#m = new Map();
	setItem(k, v) {
		this.#m.set(k, String(v));
	}
	getItem(k) {
		return this.#m.has(k) ? this.#m.get(k) : null;
	}
	removeItem(k) {
		this.#m.delete(k);
	}
	clear() {
		this.#m.clear();
	}
}

/**
 * newPool makes a CognitoUserPool of a seeded pool and client pointed at the
 * fake, and records every call its client makes as "Operation" or
 * "RespondToAuthChallenge:CHALLENGE".
 */
export function newPool(poolName, clientName, storage = new MemStorage()) {
	return poolFor(poolAndClient(poolName, clientName), storage);
}

/** poolFor is newPool for a pool and client given by id (made by a test). */
export function poolFor({ poolId, clientId }, storage = new MemStorage()) {
	const pool = new CognitoUserPool({ UserPoolId: poolId, ClientId: clientId, endpoint: `${endpoint()}/`, Storage: storage });
	const calls = [];
	const request = pool.client.request.bind(pool.client);
	pool.client.request = (op, params, cb) => {
		calls.push(op === 'RespondToAuthChallenge' ? `${op}:${params.ChallengeName}` : op);
		return request(op, params, cb);
	};
	return { pool, poolId, clientId, storage, calls };
}

export function newUser(p, username) {
	return new CognitoUser({ Username: username, Pool: p.pool, Storage: p.storage });
}

/** The callbacks of a login step: every outcome resolves, onFailure rejects. */
function steps(resolve, reject) {
	return {
		onSuccess: (session, userConfirmationNecessary) => resolve({ step: 'success', session, userConfirmationNecessary }),
		onFailure: reject,
		newPasswordRequired: (userAttributes, requiredAttributes) =>
			resolve({ step: 'newPasswordRequired', userAttributes, requiredAttributes }),
		mfaRequired: (name, params) => resolve({ step: 'mfaRequired', name, params }),
		totpRequired: (name, params) => resolve({ step: 'totpRequired', name, params }),
		selectMFAType: (name, params) => resolve({ step: 'selectMFAType', name, params }),
		mfaSetup: (name, params) => resolve({ step: 'mfaSetup', name, params }),
		customChallenge: (params) => resolve({ step: 'customChallenge', params }),
	};
}

/** authenticate runs authenticateUser (USER_SRP_AUTH, the library's default). */
export function authenticate(user, username, password) {
	return new Promise((resolve, reject) =>
		user.authenticateUser(new AuthenticationDetails({ Username: username, Password: password }), steps(resolve, reject)),
	);
}

export function sendMFACode(user, code, mfaType) {
	return new Promise((resolve, reject) => user.sendMFACode(code, steps(resolve, reject), mfaType));
}

export function completeNewPassword(user, newPassword, attrs = {}) {
	return new Promise((resolve, reject) => user.completeNewPasswordChallenge(newPassword, attrs, steps(resolve, reject)));
}

/** call runs a method whose callback is { onSuccess, onFailure }. */
export function call(user, method, ...args) {
	return new Promise((resolve, reject) => user[method](...args, { onSuccess: resolve, onFailure: reject }));
}

/** nodeCall runs a method whose callback is (err, result). */
export function nodeCall(user, method, ...args) {
	return new Promise((resolve, reject) => user[method](...args, (err, res) => (err ? reject(err) : resolve(res))));
}

export function associateSoftwareToken(user) {
	return new Promise((resolve, reject) =>
		user.associateSoftwareToken({ associateSecretCode: resolve, onFailure: reject }),
	);
}
