import type { ChildProcess } from 'node:child_process';

/** The path of this platform's gocognito binary ($GOCOGNITO_BINARY if set). */
export function binaryPath(): string;

/** The optional dependency holding this platform's binary, e.g. "@gocognito/linux-x64". */
export function platformPackage(): string;

export interface StartOptions {
	/** A seed file's path, or the seed as an object (docs/cli.md, "Seed files"). */
	seed?: string | object;
	/** More flags for `gocognito serve`. */
	args?: string[];
	/** How long to wait for the server to listen (default 15000 ms). */
	timeoutMs?: number;
}

export interface Server {
	/** The base URL, e.g. "http://127.0.0.1:40123": the SDKs' endpoint. */
	url: string;
	/** Pool ids by pool name. */
	pools: Record<string, string>;
	/** App client ids by pool name, then client name. */
	clients: Record<string, Record<string, string>>;
	process: ChildProcess;
	/** Stops the server and waits for it to exit. */
	stop(): Promise<void>;
	/** The last 8 KiB of the server's log. */
	stderr(): string;
}

/** Starts `gocognito serve` on a free loopback port. */
export function startServer(options?: StartOptions): Promise<Server>;
