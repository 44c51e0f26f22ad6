// Amplify v6 with remembered devices, in Node: Amplify confirms a new
// device by itself, rememberDevice remembers it, and the next signIn proves
// it with DEVICE_SRP_AUTH (Amplify sends the Session there, which
// amazon-cognito-identity-js does too) and is spared the TOTP code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Amplify } from 'aws-amplify';
import {
	confirmSignIn,
	fetchAuthSession,
	fetchDevices,
	forgetDevice,
	rememberDevice,
	setUpTOTP,
	signIn,
	signOut,
	updateMFAPreference,
	verifyTOTPSetup,
} from 'aws-amplify/auth';
import { endpoint, poolAndClient, recordFetch, totp, totpStep, verifyJWT } from './helpers.mjs';

// Amplify names a new device after navigator.userAgent when it confirms it.
// Node 20 has no navigator (Node 21 added one, with this user agent); there
// Amplify's getDeviceName throws, Amplify swallows the error, and the device
// is silently never confirmed, so no later login could use it.
globalThis.navigator ??= { userAgent: `Node.js/${process.versions.node.split('.')[0]}` };

const { poolId, clientId } = poolAndClient('devices', 'web');
Amplify.configure({
	Auth: { Cognito: { userPoolId: poolId, userPoolClientId: clientId, userPoolEndpoint: endpoint() } },
});
const calls = recordFetch();
const USER = { username: 'heidi', password: 'Corr3ct-Horse' };

async function deviceKeyOfSession() {
	const { tokens } = await fetchAuthSession();
	const access = await verifyJWT(tokens.accessToken.toString(), poolId);
	return access.payload.device_key;
}

test('Amplify v6: remembered device, TOTP, DEVICE_SRP_AUTH', async (t) => {
	let deviceKey;
	let secret;
	let step;

	await t.test('signIn confirms the new device; rememberDevice; TOTP set up', async () => {
		const out = await signIn(USER);
		assert.equal(out.nextStep.signInStep, 'DONE');
		assert.deepEqual(calls.reset(), ['InitiateAuth', 'RespondToAuthChallenge:PASSWORD_VERIFIER', 'ConfirmDevice']);
		deviceKey = await deviceKeyOfSession();
		assert.match(deviceKey, /^us-east-1_[0-9a-f-]{36}$/);

		await rememberDevice();
		const devices = await fetchDevices();
		assert.deepEqual(
			devices.map((d) => [d.id, d.attributes['dev:device_remembered_status']]),
			[[deviceKey, 'remembered']],
		);

		const setup = await setUpTOTP();
		secret = setup.sharedSecret;
		assert.equal(setup.getSetupUri('interop', 'heidi').searchParams.get('secret'), secret);
		step = totpStep();
		await verifyTOTPSetup({ code: totp(secret, step) });
		await updateMFAPreference({ totp: 'PREFERRED' });
		assert.deepEqual(calls.reset(), [
			'UpdateDeviceStatus',
			'ListDevices',
			'AssociateSoftwareToken',
			'VerifySoftwareToken',
			'SetUserMFAPreference',
		]);
		await signOut();
	});

	await t.test('signIn again: the remembered device answers DEVICE_SRP_AUTH; no TOTP code asked', async () => {
		calls.reset();
		const out = await signIn(USER);
		assert.equal(out.nextStep.signInStep, 'DONE');
		assert.deepEqual(calls.reset(), [
			'InitiateAuth',
			'RespondToAuthChallenge:PASSWORD_VERIFIER',
			'RespondToAuthChallenge:DEVICE_SRP_AUTH',
			'RespondToAuthChallenge:DEVICE_PASSWORD_VERIFIER',
		]);
		assert.equal(await deviceKeyOfSession(), deviceKey);
	});

	await t.test('forgetDevice: the next signIn asks for the TOTP code and gets a new device', async () => {
		await forgetDevice();
		await signOut();
		calls.reset();
		const out = await signIn(USER);
		assert.equal(out.nextStep.signInStep, 'CONFIRM_SIGN_IN_WITH_TOTP_CODE');
		step += 1; // the next step's code: the enrolment used this one
		const done = await confirmSignIn({ challengeResponse: totp(secret, step) });
		assert.equal(done.nextStep.signInStep, 'DONE');
		assert.deepEqual(calls.reset(), [
			'InitiateAuth',
			'RespondToAuthChallenge:PASSWORD_VERIFIER',
			'RespondToAuthChallenge:SOFTWARE_TOKEN_MFA',
			'ConfirmDevice',
		]);
		const newKey = await deviceKeyOfSession();
		assert.match(newKey, /^us-east-1_/);
		assert.notEqual(newKey, deviceKey);
		await signOut();
	});
});
