#!/usr/bin/env node
// Runs the prebuilt gocognito binary of this platform with the arguments
// given, as if it were on PATH: `npx gocognito serve --seed seed.json`.
'use strict';

const { spawn } = require('node:child_process');
const { binaryPath } = require('../lib/index.js');

let bin;
try {
	bin = binaryPath();
} catch (err) {
	console.error(err.message);
	process.exit(1);
}

const child = spawn(bin, process.argv.slice(2), { stdio: 'inherit' });
// Ctrl-C and `kill` reach the server, which shuts down and saves its state.
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
	process.on(sig, () => child.kill(sig));
}
child.on('error', (err) => {
	console.error(`gocognito: cannot run ${bin}: ${err.message}`);
	process.exit(1);
});
child.on('exit', (code, signal) => {
	if (signal) {
		process.kill(process.pid, signal);
		return;
	}
	process.exit(code ?? 1);
});
