// The gocognito npm package: where this platform's prebuilt binary is, and a
// helper that starts `gocognito serve` on a free port for a test suite.
'use strict';

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

/** The package holding this platform's binary, e.g. @gocognito/linux-x64. */
function platformPackage() {
	return `@gocognito/${process.platform}-${process.arch}`;
}

/**
 * binaryPath returns the path of the gocognito binary: $GOCOGNITO_BINARY if
 * set, else the one in this platform's optional dependency.
 */
function binaryPath() {
	if (process.env.GOCOGNITO_BINARY) {
		return process.env.GOCOGNITO_BINARY;
	}
	const pkg = platformPackage();
	const exe = process.platform === 'win32' ? 'gocognito.exe' : 'gocognito';
	try {
		return require.resolve(`${pkg}/bin/${exe}`);
	} catch {
		throw new Error(
			`gocognito: no prebuilt binary for ${process.platform}-${process.arch}: ` +
				`the optional dependency ${pkg} is not installed. Reinstall without --no-optional ` +
				`(or --omit=optional), or set GOCOGNITO_BINARY to a gocognito binary ` +
				`(go install github.com/gocognito/gocognito/cmd/gocognito@latest).`,
		);
	}
}

/**
 * startServer starts `gocognito serve` on a free loopback port and resolves
 * once it accepts connections, with its URL and the ids of the seeded pools
 * and clients. Call stop() when the suite ends.
 *
 * options.seed: a seed file's path, or the seed itself as an object
 *   (docs/cli.md, "Seed files").
 * options.args: more flags for serve (e.g. ['--state', 'state.json']).
 * options.timeoutMs: how long to wait for the server (default 15000).
 */
async function startServer(options = {}) {
	const { seed, args = [], timeoutMs = 15000 } = options;
	let tmpDir;
	const serveArgs = ['serve', '--addr', '127.0.0.1:0'];
	if (seed !== undefined) {
		let seedPath = seed;
		if (typeof seed !== 'string') {
			tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gocognito-'));
			seedPath = path.join(tmpDir, 'seed.json');
			fs.writeFileSync(seedPath, JSON.stringify(seed), { mode: 0o600 });
		}
		serveArgs.push('--seed', seedPath);
	}
	serveArgs.push(...args);

	const child = spawn(binaryPath(), serveArgs, { stdio: ['ignore', 'pipe', 'pipe'] });
	// A suite that ends without stop() must not leave the server running.
	const killOnExit = () => child.kill('SIGKILL');
	process.once('exit', killOnExit);
	let stderr = '';
	child.stderr.setEncoding('utf8');
	child.stderr.on('data', (d) => {
		stderr = (stderr + d).slice(-8192);
	});
	const exited = new Promise((resolve) =>
		child.once('exit', (code, signal) => {
			process.removeListener('exit', killOnExit);
			resolve({ code, signal });
		}),
	);
	const cleanup = () => {
		if (tmpDir) {
			fs.rmSync(tmpDir, { recursive: true, force: true });
			tmpDir = undefined;
		}
	};

	const pools = {};
	const clients = {};
	const names = {};
	let url;
	try {
		url = await new Promise((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error(`gocognito serve did not start within ${timeoutMs} ms:\n${stderr}`)), timeoutMs);
			let buf = '';
			child.stdout.setEncoding('utf8');
			child.stdout.on('data', (d) => {
				buf += d;
				let nl;
				while ((nl = buf.indexOf('\n')) >= 0) {
					const line = buf.slice(0, nl);
					buf = buf.slice(nl + 1);
					let m;
					if ((m = /^pool (\S+) name=(.*)$/.exec(line))) {
						pools[m[2]] = m[1];
						names[m[1]] = m[2];
					} else if ((m = /^client (\S+) pool=(\S+) name=(.*)$/.exec(line))) {
						const pool = names[m[2]] ?? m[2];
						(clients[pool] ??= {})[m[3]] = m[1];
					} else if ((m = /^listening on (\S+)$/.exec(line))) {
						clearTimeout(timer);
						resolve(m[1]);
					}
				}
			});
			child.once('error', (err) => {
				clearTimeout(timer);
				reject(err);
			});
			exited.then(({ code, signal }) => {
				clearTimeout(timer);
				reject(new Error(`gocognito serve exited (${signal ?? code}) before listening:\n${stderr}`));
			});
		});
	} catch (err) {
		child.kill('SIGKILL');
		cleanup();
		throw err;
	}

	/** stop shuts the server down (SIGTERM; SIGKILL after 5 s) and waits for it. */
	async function stop() {
		if (child.exitCode === null && child.signalCode === null) {
			child.kill('SIGTERM');
			const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
			await exited;
			clearTimeout(timer);
		}
		cleanup();
	}

	return { url, pools, clients, process: child, stop, stderr: () => stderr };
}

module.exports = { binaryPath, platformPackage, startServer };
