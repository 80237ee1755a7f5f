/**
 * Test-only preload for an n8n process (`NODE_OPTIONS=--require <this file>`): TLS connections
 * to the host names in E2E_TLS_REDIRECT go to a local stand-in instead, for nodes whose API host
 * is fixed in n8n's code (the HubSpot node always calls https://api.hubapi.com).
 *
 *   E2E_TLS_REDIRECT='{"api.hubapi.com":"127.0.0.1:43127"}'
 *
 * Only the TCP destination changes. The TLS server name stays the original host, so the
 * stand-in must present a certificate for that name, and the process must trust its issuer
 * (NODE_EXTRA_CA_CERTS): certificate checking stays on, as in production. No DNS lookup is
 * made for a redirected host. Node's https agent and undici (fetch) both open their
 * connections through `tls.connect(options)`, which is what is wrapped; any other host, and a
 * connection over a socket the caller already holds (a proxy tunnel), is left alone. Without
 * the variable this file changes nothing.
 */
'use strict';

const tls = require('node:tls');

/** @type {Map<string, { host: string, port: number }>} */
const routes = new Map();
for (const [name, target] of Object.entries(JSON.parse(process.env.E2E_TLS_REDIRECT || '{}'))) {
	const match = /^(.+):(\d+)$/.exec(String(target));
	if (!match) throw new Error(`E2E_TLS_REDIRECT: "${name}" needs host:port, got "${target}"`);
	routes.set(name.toLowerCase(), { host: match[1], port: Number(match[2]) });
}

if (routes.size > 0) {
	const connect = tls.connect;
	tls.connect = function redirectedConnect(...args) {
		const options = args[0] !== null && typeof args[0] === 'object' ? args[0] : undefined;
		const name = options && !options.socket ? options.servername || options.host || options.hostname : undefined;
		const target = typeof name === 'string' ? routes.get(name.toLowerCase()) : undefined;
		if (!target) return connect.apply(this, args);
		const redirected = { ...options, host: target.host, port: target.port, servername: name };
		delete redirected.hostname;
		return connect.call(this, redirected, ...args.slice(1));
	};
}
