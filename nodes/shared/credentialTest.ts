import type { ICredentialsDecrypted, ICredentialTestFunctions, INodeCredentialTestResult } from 'n8n-workflow';

import { parseStatusLine } from './reply';
import { credentialSecrets, redact } from './secrets';
import { endpointOf, readCredentials } from './transport';

/**
 * The credential test. `version` needs no login, so it would pass with a wrong password;
 * this sends exactly one `logged_in_agents` call (needs a valid login, Agent API Access and
 * View Reports) and never retries: VICIdial locks a user for 15 minutes after 10 bad
 * passwords. The answer names what is wrong.
 */
export async function vicidialApiTest(this: ICredentialTestFunctions, credential: ICredentialsDecrypted): Promise<INodeCredentialTestResult> {
	const credentials = readCredentials(credential.data ?? {});
	const secrets = credentialSecrets(credentials);
	const fail = (message: string): INodeCredentialTestResult => ({ status: 'Error', message: redact(message, secrets) });

	if (!/^https?:\/\/[^/\s]+/i.test(credentials.baseUrl)) {
		return fail('Server URL must start with http:// or https:// and name the server, for example https://dialer.example.com');
	}
	if (credentials.source.length < 2 || credentials.source.length > 20) {
		return fail(`Source must be 2-20 characters; got "${credentials.source}"`);
	}
	const url = endpointOf(credentials, 'nonAgent');
	// Credential-test contexts offer only the legacy `request` helper in n8n 2.x (n8n-core 2.8.1
	// credentials-test-context.js): `httpRequest` is not there to call.
	const { request } = this.helpers;
	let response: { statusCode: number; body: unknown };
	try {
		response = (await request({
			method: 'POST',
			uri: url,
			// The order of every request (transport.formBody): credentials first, `value` last,
			// so VICIdial's api log does not store the password as the value (notes §8.1).
			form: {
				source: credentials.source,
				user: credentials.apiUser,
				pass: credentials.password,
				function: 'logged_in_agents',
				value: '',
			},
			resolveWithFullResponse: true,
			simple: false,
			timeout: 15_000,
			rejectUnauthorized: !credentials.ignoreSslIssues,
			...(credentials.basicAuth ? { auth: { user: credentials.basicAuthUser, pass: credentials.basicAuthPassword } } : {}),
		})) as { statusCode: number; body: unknown };
	} catch (error) {
		return fail(describeFailure(error, url));
	}

	const body = typeof response.body === 'string' ? response.body : response.body === undefined ? '' : String(response.body);
	if (response.statusCode === 404) return fail(`No VICIdial Non-Agent API at ${url} (HTTP 404): check the Server URL and the API path`);
	if (response.statusCode === 401 || response.statusCode === 403) {
		return fail(`${url} refused the request (HTTP ${response.statusCode}): check the Proxy Basic Auth settings`);
	}
	if (response.statusCode >= 500) return fail(`VICIdial answered HTTP ${response.statusCode}: the server has an error`);

	const first = body.split('\n').find((line) => line.trim() !== '') ?? '';
	const line = parseStatusLine(first);
	if (!line) {
		// Data rows: logged-in agents listed, so the login and the permissions are fine.
		if (first.includes('|') && !first.trimStart().startsWith('<')) return { status: 'OK', message: 'Connection successful' };
		return fail(`The server at ${url} answered, but not like VICIdial's Non-Agent API: check the Server URL and the API path`);
	}
	const reason = line.reason.toUpperCase();
	if (line.kind !== 'ERROR' || reason.startsWith('NO LOGGED IN AGENTS')) return { status: 'OK', message: 'Connection successful' };
	if (reason.startsWith('TOO MANY LOGIN ATTEMPTS')) {
		return fail(`User ${credentials.apiUser} is locked for 15 minutes after 10 failed logins. Wait, then check the password.`);
	}
	if (reason.startsWith('LOGIN INCORRECT')) {
		if (line.values.includes('2FA')) return fail('Login refused: two-factor authentication is on for this user; API users need 2FA disabled');
		return fail(
			`Login refused for ${credentials.apiUser}: wrong user or password, an inactive user, or user level below 7 (the Non-Agent API needs level 7 or higher)`,
		);
	}
	if (reason.startsWith('YOUR IP ADDRESS IS NOT ALLOWED')) return fail('VICIdial refused this n8n server\'s IP address (user group API IP list)');
	if (reason.startsWith('INVALID SOURCE')) return fail(`Source must be 2-20 characters; got "${credentials.source}"`);
	if (line.fn === 'auth' && reason.includes('PERMISSION')) {
		return fail(`User ${credentials.apiUser} may not use logged_in_agents: add it (or ALL_FUNCTIONS) to the user's Allowed API Functions`);
	}
	if (reason.includes('PERMISSION')) {
		return fail(
			`User ${credentials.apiUser} has no API access: set "Agent API Access" to 1 and "View Reports" to 1 on the user in VICIdial`,
		);
	}
	return fail(`VICIdial refused the test call: ${line.reason}`);
}

function describeFailure(error: unknown, url: string): string {
	let code = '';
	let current: unknown = error;
	for (let depth = 0; depth < 5 && current && typeof current === 'object' && !code; depth++) {
		const value = (current as { code?: unknown }).code;
		if (typeof value === 'string') code = value;
		current = (current as { cause?: unknown }).cause;
	}
	const message = error instanceof Error ? error.message : '';
	if (/CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY/i.test(code + message)) {
		return `TLS failure talking to ${url}: the certificate was refused. Turn on "Ignore SSL Issues" for a self-signed certificate.`;
	}
	if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `Server name not found for ${url}: check the Server URL`;
	if (code === 'ECONNREFUSED') return `Nothing answers at ${url} (connection refused): check the Server URL and port`;
	if (/TIMEDOUT|ECONNABORTED/.test(code) || /timeout/i.test(message)) return `No answer from ${url} within 15 seconds`;
	return `Cannot reach ${url} (${code || 'network error'}): check the Server URL`;
}
