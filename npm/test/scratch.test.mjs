// Runs in a scratch project that installed the packed gocognito packages
// from their tarballs, as a user's project installs them from the registry:
// the helper starts the fake, the AWS SDK for JavaScript signs in, and
// `npx gocognito` runs the binary.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { CognitoIdentityProviderClient, GetUserCommand, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { binaryPath, startServer } from 'gocognito';

const seed = {
	Pools: [
		{
			Id: 'us-east-1_NpmTest1',
			PoolName: 'app',
			Clients: [{ ClientId: 'npmweb', ClientName: 'web', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }],
			Users: [{ Username: 'alice', Password: 'Corr3ct-Horse!', Attributes: { email: 'alice@example.com' } }],
		},
	],
};

test('the binary comes from this platform\'s package', () => {
	assert.match(binaryPath(), new RegExp(`node_modules[\\\\/]@gocognito[\\\\/]${process.platform}-${process.arch}[\\\\/]bin[\\\\/]gocognito`));
});

test('startServer, then the AWS SDK for JavaScript signs in', async () => {
	const server = await startServer({ seed });
	try {
		assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
		assert.deepEqual(server.pools, { app: 'us-east-1_NpmTest1' });
		assert.deepEqual(server.clients, { app: { web: 'npmweb' } });
		const client = new CognitoIdentityProviderClient({
			region: 'us-east-1',
			endpoint: server.url,
			credentials: { accessKeyId: 'fake', secretAccessKey: 'fake' },
			maxAttempts: 1,
		});
		const out = await client.send(
			new InitiateAuthCommand({
				ClientId: server.clients.app.web,
				AuthFlow: 'USER_PASSWORD_AUTH',
				AuthParameters: { USERNAME: 'alice', PASSWORD: 'Corr3ct-Horse!' },
			}),
		);
		const tokens = out.AuthenticationResult;
		assert.ok(tokens?.AccessToken && tokens.IdToken && tokens.RefreshToken, 'tokens');
		const me = await client.send(new GetUserCommand({ AccessToken: tokens.AccessToken }));
		assert.equal(me.Username, 'alice');
	} finally {
		await server.stop();
	}
	assert.equal(server.process.exitCode, 0, 'serve exits 0 on SIGTERM');
});

test('a seed with a typo fails startServer with the place', async () => {
	await assert.rejects(startServer({ seed: { Pools: [{ PoolName: 'p', Users: [{ Username: 'a', Pasword: 'x' }] }] } }), /Pools\[0\]\.Users\[0\]: unknown field "Pasword"/);
});

test('npx gocognito version', () => {
	const out = execFileSync('npx', ['--no-install', 'gocognito', 'version'], { encoding: 'utf8' });
	assert.match(out, new RegExp(`^gocognito v?${process.env.GOCOGNITO_TEST_VERSION.replaceAll('.', '\\.')} \\(commit `));
});

test('npx gocognito serve listens and stops on SIGTERM', async () => {
	// In a process group of its own, as in a terminal, where Ctrl-C or a
	// supervisor signals npx, the wrapper and the server alike.
	const child = spawn('npx', ['--no-install', 'gocognito', 'serve', '--addr', '127.0.0.1:0'], { stdio: ['ignore', 'pipe', 'inherit'], detached: true });
	const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
	// The server holds stdout until it exits: its close means every process is gone.
	const closed = new Promise((resolve) => child.stdout.once('close', resolve));
	const url = await new Promise((resolve, reject) => {
		let buf = '';
		child.stdout.setEncoding('utf8');
		child.stdout.on('data', (d) => {
			buf += d;
			const m = /listening on (\S+)\n/.exec(buf);
			if (m) resolve(m[1]);
		});
		exited.then(() => reject(new Error(`exited before listening: ${buf}`)));
	});
	const res = await fetch(`${url}/health`);
	assert.equal(res.status, 200);
	process.kill(-child.pid, 'SIGTERM');
	const { code, signal } = await exited;
	assert.ok(code === 0 || signal === 'SIGTERM', `exit ${code} ${signal}`);
	await closed;
});
