#!/usr/bin/env node
// Packs the npm packages of a release from the binaries scripts/release.sh
// built: gocognito (the command and the JavaScript helper) and one
// @gocognito/<platform>-<arch> package per binary, which npm installs only on
// its own os and cpu, as esbuild's packages do.
//
//   node npm/pack.mjs --version 0.3.0 --bin-dir dist --out dist/npm
//
// Every package gets the same version; the main package's optional
// dependencies name it. Packages whose binary is missing from --bin-dir are
// skipped (CI packs only its own platform's). Publishing is
// `npm publish <tarball>` for each platform package first, then the main one.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = path.dirname(fileURLToPath(import.meta.url));

const { values } = parseArgs({
	options: {
		version: { type: 'string' },
		'bin-dir': { type: 'string', default: 'dist' },
		out: { type: 'string', default: 'dist/npm' },
	},
});
const version = (values.version ?? '').replace(/^v/, '');
if (!/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(version)) {
	console.error(`pack: --version ${JSON.stringify(values.version)} is not a semantic version such as 0.3.0`);
	process.exit(2);
}
const binDir = path.resolve(values['bin-dir']);
const out = path.resolve(values.out);
const stage = path.join(out, 'stage');
fs.rmSync(stage, { recursive: true, force: true });
fs.mkdirSync(stage, { recursive: true });

// Go's names for each platform package's os and cpu (Node's names).
const platforms = [
	{ os: 'darwin', cpu: 'arm64', goos: 'darwin', goarch: 'arm64' },
	{ os: 'darwin', cpu: 'x64', goos: 'darwin', goarch: 'amd64' },
	{ os: 'linux', cpu: 'arm64', goos: 'linux', goarch: 'arm64' },
	{ os: 'linux', cpu: 'x64', goos: 'linux', goarch: 'amd64' },
	{ os: 'win32', cpu: 'arm64', goos: 'windows', goarch: 'arm64' },
	{ os: 'win32', cpu: 'x64', goos: 'windows', goarch: 'amd64' },
];

const main = JSON.parse(fs.readFileSync(path.join(here, 'gocognito', 'package.json'), 'utf8'));
const repository = main.repository;

function pack(dir) {
	const name = execFileSync('npm', ['pack', '--pack-destination', out, '--loglevel=error'], { cwd: dir, encoding: 'utf8' }).trim().split('\n').pop();
	console.log(`packed ${path.join(out, name)}`);
}

let packed = 0;
for (const p of platforms) {
	const exe = p.os === 'win32' ? '.exe' : '';
	const bin = path.join(binDir, `gocognito-${p.goos}-${p.goarch}${exe}`);
	if (!fs.existsSync(bin)) {
		continue;
	}
	const name = `@gocognito/${p.os}-${p.cpu}`;
	const dir = path.join(stage, `${p.os}-${p.cpu}`);
	fs.mkdirSync(path.join(dir, 'bin'), { recursive: true });
	fs.copyFileSync(bin, path.join(dir, 'bin', `gocognito${exe}`));
	fs.chmodSync(path.join(dir, 'bin', `gocognito${exe}`), 0o755);
	const pkg = {
		name,
		version,
		description: `The gocognito binary for ${p.os} on ${p.cpu}; install the gocognito package instead.`,
		license: main.license,
		repository,
		os: [p.os],
		cpu: [p.cpu],
		files: ['bin/'],
		preferUnplugged: true,
	};
	fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(pkg, null, 2) + '\n');
	fs.writeFileSync(path.join(dir, 'README.md'), `# ${name}\n\nThe \`gocognito\` binary for ${p.os}-${p.cpu}. Install [gocognito](https://www.npmjs.com/package/gocognito), which picks the right one.\n`);
	pack(dir);
	packed++;
}
if (packed === 0) {
	console.error(`pack: no gocognito-GOOS-GOARCH binary in ${binDir}: run scripts/release.sh first`);
	process.exit(1);
}

const dir = path.join(stage, 'gocognito');
fs.cpSync(path.join(here, 'gocognito'), dir, { recursive: true });
main.version = version;
for (const dep of Object.keys(main.optionalDependencies)) {
	main.optionalDependencies[dep] = version;
}
fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(main, null, 2) + '\n');
pack(dir);
fs.rmSync(stage, { recursive: true, force: true });
