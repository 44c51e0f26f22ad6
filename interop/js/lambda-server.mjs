// A Lambda Invoke API for the interop tests, in the role of a local Lambda
// emulator: `gocognito serve --lambda-endpoint URL` invokes the functions a
// pool's LambdaConfig names as the AWS SDK invokes Lambda,
// POST /2015-03-31/functions/{ARN}/invocations, and this server runs them
// as small JavaScript functions written the way Cognito triggers are
// written in Node.js: take the event, fill in event.response, return it.
// GET /events lists the events received, for the tests to check their
// shape. It listens on a free loopback port and prints "listening on URL".
import { createServer } from 'node:http';

const events = [];

// The functions, by the name at the end of their ARN.
const functions = {
	// Pre sign-up: confirm everyone at once, verify the e-mail, and refuse
	// one domain by throwing, as a Lambda that rejects a sign-up does.
	'interop-presignup': (event) => {
		const email = event.request.userAttributes.email ?? '';
		if (email.endsWith('@blocked.example')) {
			throw new Error('sign-ups from blocked.example are closed');
		}
		event.response.autoConfirmUser = true;
		event.response.autoVerifyEmail = email !== '';
		return event;
	},
	// Pre token generation V2_0: a tenant claim in both tokens.
	'interop-pretoken': (event) => {
		event.response = {
			claimsAndScopeOverrideDetails: {
				idTokenGeneration: { claimsToAddOrOverride: { tenant: 'interop' } },
				accessTokenGeneration: { claimsToAddOrOverride: { tenant: 'interop' } },
			},
		};
		return event;
	},
};

const server = createServer((req, res) => {
	if (req.method === 'GET' && req.url === '/events') {
		res.writeHead(200, { 'Content-Type': 'application/json' });
		res.end(JSON.stringify(events));
		return;
	}
	const m = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/.exec(req.url ?? '');
	if (req.method !== 'POST' || !m) {
		res.writeHead(404, { 'Content-Type': 'application/json', 'X-Amzn-ErrorType': 'ResourceNotFoundException' });
		res.end(JSON.stringify({ Type: 'User', message: `no route ${req.method} ${req.url}` }));
		return;
	}
	const arn = decodeURIComponent(m[1]);
	const name = arn.slice(arn.lastIndexOf(':') + 1);
	const chunks = [];
	req.on('data', (c) => chunks.push(c));
	req.on('end', () => {
		const fn = functions[name];
		if (!fn) {
			res.writeHead(404, { 'Content-Type': 'application/json', 'X-Amzn-ErrorType': 'ResourceNotFoundException' });
			res.end(JSON.stringify({ Type: 'User', message: `Function not found: ${arn}` }));
			return;
		}
		let event;
		try {
			event = JSON.parse(Buffer.concat(chunks).toString('utf8'));
		} catch (err) {
			res.writeHead(400, { 'Content-Type': 'application/json', 'X-Amzn-ErrorType': 'InvalidRequestContentException' });
			res.end(JSON.stringify({ Type: 'User', message: String(err) }));
			return;
		}
		events.push({ function: name, invocationType: req.headers['x-amz-invocation-type'], event: structuredClone(event) });
		try {
			const out = fn(event);
			res.writeHead(200, { 'Content-Type': 'application/json' });
			res.end(JSON.stringify(out));
		} catch (err) {
			// A function error: status 200 with X-Amz-Function-Error, as Lambda answers.
			res.writeHead(200, { 'Content-Type': 'application/json', 'X-Amz-Function-Error': 'Unhandled' });
			res.end(JSON.stringify({ errorMessage: err.message, errorType: err.name }));
		}
	});
});

server.listen(0, '127.0.0.1', () => {
	console.log(`listening on http://127.0.0.1:${server.address().port}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
