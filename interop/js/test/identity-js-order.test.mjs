// amazon-cognito-identity-js with a confirmed device that is NOT remembered,
// in a pool with TOTP MFA: Cognito asks for the code first and only then
// runs the device's SRP (DEVICE_SRP_AUTH comes last), and the login ends on
// the same device. The library handles DEVICE_SRP_AUTH after sendMFACode and
// reads tokens straight after DEVICE_PASSWORD_VERIFIER, so a server that ran
// device SRP before MFA would break it. The pool, client and user are made
// here with the SDK v3's admin calls, so that no other test shares them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
	AdminCreateUserCommand,
	AdminListDevicesCommand,
	AdminSetUserPasswordCommand,
	CognitoIdentityProviderClient,
	CreateUserPoolClientCommand,
	CreateUserPoolCommand,
	SetUserPoolMfaConfigCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { endpoint, totp, totpStep, verifyJWT } from './helpers.mjs';
import {
	MemStorage,
	associateSoftwareToken,
	authenticate,
	call,
	newUser,
	nodeCall,
	poolFor,
	sendMFACode,
} from './identity-js-lib.mjs';

const PASSWORD = 'Corr3ct-Horse';
const USER = 'nina';

function adminClient() {
	return new CognitoIdentityProviderClient({
		region: 'us-east-1',
		endpoint: endpoint(),
		credentials: { accessKeyId: 'fake', secretAccessKey: 'fake' },
		maxAttempts: 1,
	});
}

/**
 * newDevicePool makes a pool that asks for MFA only on new devices and
 * remembers a device only when the user says so, with optional TOTP MFA, a
 * public client for SRP, and a confirmed user.
 */
async function newDevicePool(admin) {
	const { UserPool } = await admin.send(
		new CreateUserPoolCommand({
			PoolName: 'identity-js-order',
			DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: true },
		}),
	);
	const poolId = UserPool.Id;
	await admin.send(
		new SetUserPoolMfaConfigCommand({
			UserPoolId: poolId,
			MfaConfiguration: 'OPTIONAL',
			SoftwareTokenMfaConfiguration: { Enabled: true },
		}),
	);
	const { UserPoolClient } = await admin.send(
		new CreateUserPoolClientCommand({
			UserPoolId: poolId,
			ClientName: 'web',
			ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
		}),
	);
	await admin.send(
		new AdminCreateUserCommand({
			UserPoolId: poolId,
			Username: USER,
			MessageAction: 'SUPPRESS',
			UserAttributes: [{ Name: 'email', Value: 'nina@example.com' }],
		}),
	);
	await admin.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: USER, Password: PASSWORD, Permanent: true }));
	return { poolId, clientId: UserPoolClient.ClientId };
}

test('device not remembered: SOFTWARE_TOKEN_MFA, then DEVICE_SRP_AUTH, and one device', async (t) => {
	const admin = adminClient();
	const ids = await newDevicePool(admin);
	const storage = new MemStorage(); // the browser that keeps its device
	let secret;
	let step; // the TOTP step last used: each is accepted once
	let deviceKey;

	await t.test('first login: a new device is confirmed, not remembered; the user enrolls an authenticator', async () => {
		const p = poolFor(ids, storage);
		const user = newUser(p, USER);
		const res = await authenticate(user, USER, PASSWORD);
		assert.equal(res.step, 'success');
		assert.equal(res.userConfirmationNecessary, true, 'the pool remembers devices only on the user\'s say-so');
		assert.deepEqual(p.calls, ['InitiateAuth', 'RespondToAuthChallenge:PASSWORD_VERIFIER', 'ConfirmDevice']);
		deviceKey = user.deviceKey;
		assert.match(deviceKey, /^us-east-1_[0-9a-f-]{36}$/);

		secret = await associateSoftwareToken(user);
		step = totpStep();
		const verified = await call(user, 'verifySoftwareToken', totp(secret, step), 'interop phone');
		assert.equal(verified.Status, 'SUCCESS');
		await nodeCall(user, 'setUserMfaPreference', null, { Enabled: true, PreferredMfa: true });

		const { Device } = await call(user, 'getDevice');
		const attrs = Object.fromEntries(Device.DeviceAttributes.map((a) => [a.Name, a.Value]));
		assert.equal(attrs['dev:device_remembered_status'], 'not_remembered');
	});

	{
		// One such login: a second would need a TOTP step not used yet,
		// which only the clock gives (up to 30 s).
		await t.test('second login, same browser: the TOTP code first, then the device proves itself; no new device', async () => {
			const p = poolFor(ids, storage);
			const user = newUser(p, USER); // a fresh object: the device comes from storage
			const res = await authenticate(user, USER, PASSWORD);
			assert.equal(res.step, 'totpRequired', 'a device that is not remembered does not spare MFA');
			assert.deepEqual(p.calls, ['InitiateAuth', 'RespondToAuthChallenge:PASSWORD_VERIFIER']);

			step += 1; // within Cognito's one step of skew, and never a step used before
			const done = await sendMFACode(user, totp(secret, step), 'SOFTWARE_TOKEN_MFA');
			assert.equal(done.step, 'success');
			assert.deepEqual(p.calls, [
				'InitiateAuth',
				'RespondToAuthChallenge:PASSWORD_VERIFIER',
				'RespondToAuthChallenge:SOFTWARE_TOKEN_MFA',
				'RespondToAuthChallenge:DEVICE_SRP_AUTH',
				'RespondToAuthChallenge:DEVICE_PASSWORD_VERIFIER',
			]);
			assert.equal(user.deviceKey, deviceKey, 'the library kept its device');
			const access = await verifyJWT(done.session.getAccessToken().getJwtToken(), ids.poolId);
			assert.equal(access.payload.device_key, deviceKey, 'the tokens are the device\'s');
			assert.equal(access.payload.username, USER);

			const listed = await new Promise((resolve, reject) =>
				user.listDevices(10, null, { onSuccess: resolve, onFailure: reject }),
			);
			assert.deepEqual(
				listed.Devices.map((d) => d.DeviceKey),
				[deviceKey],
				'ListDevices shows the one device',
			);
		});
	}

	await t.test('AdminListDevices agrees: one device', async () => {
		const { Devices } = await admin.send(new AdminListDevicesCommand({ UserPoolId: ids.poolId, Username: USER }));
		assert.deepEqual(
			Devices.map((d) => d.DeviceKey),
			[deviceKey],
		);
	});
});
