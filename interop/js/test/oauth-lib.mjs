// Helpers for the OAuth 2.0 / OpenID Connect tests: openid-client set up
// against the fake's discovery document, and a browser without a browser (a
// cookie jar, redirects followed by hand, forms read from the HTML and posted
// back) to go through the managed login page as a user would. Only the
// clients under test and node: modules.
import assert from 'node:assert/strict';
import * as client from 'openid-client';
import { endpoint, poolAndClient } from './helpers.mjs';

/** The oauth pool of seed.json: its id, clients, secrets, user and callback. */
export const seeded = {
	pool: () => poolAndClient('oauth', 'machine').poolId,
	machine: { id: 'interopmachine', secret: 'interopmachinesecret' },
	webapp: { id: 'interopwebapp', secret: 'interopwebappsecret' },
	spa: { id: 'interopspa' }, // a public client: no secret, PKCE only
	callback: 'http://localhost:8080/callback',
	signedOut: 'http://localhost:8080/signed-out',
	api: 'https://api.example.com',
	user: { username: 'olga', password: 'Corr3ct-Horse', email: 'olga@example.com', name: 'Olga Tokarczuk' },
	otto: { totpSecret: 'KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TF' }, // TOTP MFA, password as olga's
};

/** The issuer of a pool, as Cognito names it: the server, then the pool id. */
export const issuer = (poolId) => `${endpoint()}/${poolId}`;

/**
 * discover is what an application does at start: openid-client reads the
 * pool's discovery document (and checks its issuer is the URL asked) and
 * gets a Configuration for one client. The fake serves plain http, which
 * openid-client refuses unless told otherwise.
 */
export function discover(clientId, secret, auth) {
	return client.discovery(new URL(issuer(seeded.pool())), clientId, secret, auth, {
		execute: [client.allowInsecureRequests],
	});
}

/** refusal runs a call that must fail and returns its error. */
export async function refusal(promise) {
	try {
		await promise;
	} catch (err) {
		return err;
	}
	assert.fail('the call succeeded');
}

const entities = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** unescape decodes the character references html/template writes in attributes. */
function unescape(s) {
	return s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (m, e) => {
		if (e[0] === '#') {
			return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
		}
		return entities[e.toLowerCase()] ?? m;
	});
}

function attributes(tag) {
	const attrs = {};
	for (const m of tag.matchAll(/([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
		attrs[m[1].toLowerCase()] = unescape(m[2] ?? m[3] ?? m[4] ?? '');
	}
	return attrs;
}

/**
 * forms lists the forms of a page: method, action (absolute) and the inputs
 * with their names, types and values.
 */
export function forms(html, pageURL) {
	const out = [];
	for (const m of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
		const a = attributes(m[1]);
		const inputs = [];
		for (const im of m[2].matchAll(/<(input|button|select|textarea)\b([^>]*)>/gi)) {
			const ia = attributes(im[2]);
			if (ia.name) {
				inputs.push({ tag: im[1].toLowerCase(), name: ia.name, type: (ia.type ?? 'text').toLowerCase(), value: ia.value ?? '' });
			}
		}
		out.push({ method: (a.method ?? 'get').toUpperCase(), action: new URL(a.action ?? '', pageURL).href, inputs });
	}
	return out;
}

/**
 * Browser is a user agent without rendering: it keeps the cookies each host
 * sets, follows redirects itself (so that the test sees each one) and stops
 * at a URL the test names, such as the application's callback, which it
 * never requests.
 */
export class Browser {
	#jar = new Map(); // host -> Map(name -> value)

	cookies(url) {
		return this.#jar.get(new URL(url).host) ?? new Map();
	}

	#store(url, res) {
		const host = new URL(url).host;
		const jar = this.#jar.get(host) ?? new Map();
		for (const line of res.headers.getSetCookie()) {
			const [pair, ...attrs] = line.split(';');
			const eq = pair.indexOf('=');
			const name = pair.slice(0, eq).trim();
			const value = pair.slice(eq + 1).trim();
			const gone = attrs.some((a) => {
				const [k, v = ''] = a.trim().split('=');
				return (k.toLowerCase() === 'max-age' && Number(v) <= 0) || (k.toLowerCase() === 'expires' && Date.parse(v) < Date.now());
			});
			if (gone || value === '') {
				jar.delete(name);
			} else {
				jar.set(name, value);
			}
		}
		this.#jar.set(host, jar);
	}

	/** request sends one request with the host's cookies, without following a redirect. */
	async request(url, init = {}) {
		const headers = new Headers(init.headers);
		const jar = this.cookies(url);
		if (jar.size > 0) {
			headers.set('cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '));
		}
		const res = await fetch(url, { ...init, headers, redirect: 'manual' });
		this.#store(url, res);
		return res;
	}

	/**
	 * go requests url and follows redirects until a page (a 2xx or an
	 * error) or a Location that starts with stopAt or leaves the fake (an
	 * application's URL, never requested). Returns { url, res, html } for a
	 * page, { url: location, redirected: true } for a redirect out, and the
	 * chain of URLs visited in hops.
	 */
	async go(url, init = {}, stopAt = seeded.callback) {
		const hops = [];
		let res = await this.request(url, init);
		for (let i = 0; i < 10; i++) {
			if (res.status < 300 || res.status >= 400) {
				return { url, res, html: await res.text(), hops };
			}
			const location = new URL(res.headers.get('location'), url).href;
			hops.push(location);
			if (location.startsWith(stopAt) || new URL(location).origin !== new URL(endpoint()).origin) {
				return { url: location, redirected: true, hops };
			}
			url = location;
			res = await this.request(url);
		}
		assert.fail(`more than 10 redirects: ${hops.join(' -> ')}`);
	}

	/**
	 * submit fills the page's form that has every field named in values
	 * (keeping its hidden fields, such as the CSRF token) and posts it,
	 * following redirects as go does.
	 */
	async submit(page, values, stopAt) {
		const form = forms(page.html, page.url).find((f) => Object.keys(values).every((n) => f.inputs.some((i) => i.name === n)));
		assert.ok(form, `a form with ${Object.keys(values).join(', ')} on ${page.url}:\n${page.html}`);
		const body = new URLSearchParams();
		for (const i of form.inputs) {
			if (i.type === 'hidden') {
				body.append(i.name, i.value);
			}
		}
		for (const [k, v] of Object.entries(values)) {
			body.set(k, v);
		}
		assert.equal(form.method, 'POST', 'the login form is posted');
		return this.go(form.action, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: body.toString(),
		}, stopAt);
	}
}

/** text is a page's visible words, roughly: tags dropped, spaces collapsed. */
export function text(html) {
	return unescape(html.replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ').trim();
}
