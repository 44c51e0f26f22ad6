// amazon-cognito-identity-js with remembered devices: a pool with TOTP MFA
// and ChallengeRequiredOnNewDevice, where a remembered device proves itself
// with DEVICE_SRP_AUTH and spares the user the MFA code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { totp, totpStep, verifyJWT } from './helpers.mjs';
import {
	MemStorage,
	associateSoftwareToken,
	authenticate,
	call,
	newPool,
	newUser,
	nodeCall,
	sendMFACode,
} from './identity-js-lib.mjs';

const PASSWORD = 'Corr3ct-Horse';

test('remembered device: TOTP once, then DEVICE_SRP_AUTH without MFA', async (t) => {
	let secret;
	let step; // the TOTP step last used: the fake, as Cognito, accepts each once

	await t.test('first login: no MFA yet, a new device is confirmed; dave enrolls an authenticator', async () => {
		const p = newPool('devices', 'web'); // a browser that is thrown away after this
		const user = newUser(p, 'dave');
		const res = await authenticate(user, 'dave', PASSWORD);
		assert.equal(res.step, 'success');
		// DeviceOnlyRememberedOnUserPrompt: the app must ask the user.
		assert.equal(res.userConfirmationNecessary, true);
		assert.deepEqual(p.calls, ['InitiateAuth', 'RespondToAuthChallenge:PASSWORD_VERIFIER', 'ConfirmDevice']);

		secret = await associateSoftwareToken(user);
		assert.match(secret, /^[A-Z2-7]{16,}$/, 'a base32 secret');
		step = totpStep();
		const verified = await call(user, 'verifySoftwareToken', totp(secret, step), 'interop phone');
		assert.equal(verified.Status, 'SUCCESS');
		await nodeCall(user, 'setUserMfaPreference', null, { Enabled: true, PreferredMfa: true });
	});

	const storage = new MemStorage(); // the browser that will remember its device
	let deviceKey;

	await t.test('second login, from another browser: SOFTWARE_TOKEN_MFA, then the device is remembered', async () => {
		const p = newPool('devices', 'web', storage);
		const user = newUser(p, 'dave');
		const res = await authenticate(user, 'dave', PASSWORD);
		assert.equal(res.step, 'totpRequired');
		assert.equal(res.name, 'SOFTWARE_TOKEN_MFA');

		// The next step's code: within the one step of skew Cognito allows,
		// and not the step already used to enroll.
		step += 1;
		const done = await sendMFACode(user, totp(secret, step), 'SOFTWARE_TOKEN_MFA');
		assert.equal(done.step, 'success');
		assert.equal(done.userConfirmationNecessary, true);
		deviceKey = user.deviceKey;
		assert.match(deviceKey, /^us-east-1_[0-9a-f-]{36}$/, 'a device key with the region prefix');

		const setStatus = await call(user, 'setDeviceStatusRemembered');
		assert.equal(setStatus, 'SUCCESS');
		const { Device } = await call(user, 'getDevice');
		assert.equal(Device.DeviceKey, deviceKey);
		const attrs = Object.fromEntries(Device.DeviceAttributes.map((a) => [a.Name, a.Value]));
		assert.equal(attrs['dev:device_remembered_status'], 'remembered');
		assert.equal(attrs.device_name, 'nodejs', 'the name the library gave it');

		assert.deepEqual(p.calls, [
			'InitiateAuth',
			'RespondToAuthChallenge:PASSWORD_VERIFIER',
			'RespondToAuthChallenge:SOFTWARE_TOKEN_MFA',
			'ConfirmDevice',
			'UpdateDeviceStatus',
			'GetDevice',
		]);
		const access = await verifyJWT(done.session.getAccessToken().getJwtToken(), p.poolId);
		assert.equal(access.payload.device_key, deviceKey);
	});

	await t.test('third login, same browser: the cached device keys answer DEVICE_SRP_AUTH; no MFA asked', async () => {
		const p = newPool('devices', 'web', storage);
		const user = newUser(p, 'dave'); // a fresh object: the keys come from storage
		const res = await authenticate(user, 'dave', PASSWORD);
		assert.equal(res.step, 'success', 'no TOTP code asked');
		assert.deepEqual(p.calls, [
			'InitiateAuth',
			'RespondToAuthChallenge:PASSWORD_VERIFIER',
			'RespondToAuthChallenge:DEVICE_SRP_AUTH',
			'RespondToAuthChallenge:DEVICE_PASSWORD_VERIFIER',
		]);
		const access = await verifyJWT(res.session.getAccessToken().getJwtToken(), p.poolId);
		assert.equal(access.payload.device_key, deviceKey);
		assert.equal(access.payload.username, 'dave');
	});

	await t.test('a device password that does not match: the login is refused', async () => {
		const p = newPool('devices', 'web', storage);
		const user = newUser(p, 'dave');
		const key = `CognitoIdentityServiceProvider.${p.clientId}.dave.randomPasswordKey`;
		assert.ok(storage.getItem(key), 'the library cached the device password under this key');
		storage.setItem(key, 'not-the-device-password');
		const err = await authenticate(user, 'dave', PASSWORD).then(
			() => assert.fail('logged in with a wrong device password'),
			(e) => e,
		);
		assert.equal(err.code, 'NotAuthorizedException');
		assert.equal(p.calls.at(-1), 'RespondToAuthChallenge:DEVICE_PASSWORD_VERIFIER');
	});
});
