import type { ICredentialsDecrypted, ICredentialTestFunctions, INodeCredentialTestResult } from 'n8n-workflow';

import { getFunction } from './catalogue';
import { describeNetwork, describeReason, describeStatus, networkCodeOf } from './errors';
import { matchesEmpty, parseReply } from './reply';
import { credentialSecrets, redact } from './secrets';
import { endpointOf, formBody, readCredentials } from './transport';

/** Needs a valid login, Agent API Access and View Reports; `version` would pass any password. */
const PROOF = getFunction('nonAgent', 'logged_in_agents');
const TIMEOUT_MS = 15_000;

/**
 * The credential test: exactly one `logged_in_agents` call, never retried (VICIdial locks a
 * user for 15 minutes after 10 bad passwords). Its reply is parsed and its failures worded
 * by the same pieces as every node call (reply.ts, errors.ts); the answer names what is wrong
 * in one line, with no secret in it.
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
	const url = endpointOf(credentials, PROOF.api);
	// Credential-test contexts offer only the legacy `request` helper in n8n 2.x (n8n-core
	// 2.8.4 and 2.39.0 credentials-test-context.js): `httpRequest` is not there to call, and
	// no credential is injected, so the login goes into the body here.
	const { request } = this.helpers;
	let response: { statusCode: number; body: unknown };
	try {
		response = (await request({
			method: 'POST',
			uri: url,
			// formBody keeps VICIdial's order: credentials first, `value` last (notes §8.1).
			form: { ...formBody(PROOF, {}, credentials.source), user: credentials.apiUser, pass: credentials.password },
			resolveWithFullResponse: true,
			simple: false,
			timeout: TIMEOUT_MS,
			rejectUnauthorized: !credentials.ignoreSslIssues,
			...(credentials.basicAuth ? { auth: { user: credentials.basicAuthUser, pass: credentials.basicAuthPassword } } : {}),
		})) as { statusCode: number; body: unknown };
	} catch (error) {
		return fail(describeNetwork(networkCodeOf(error), url).summary);
	}

	const body = typeof response.body === 'string' ? response.body : response.body === undefined ? '' : String(response.body);
	const status = describeStatus(response.statusCode, url, PROOF.api, body);
	if (status) return fail(status.summary);

	const parsed = parseReply(body, PROOF);
	// A row of logged-in agents has many cells; a web page read as a table has one (or starts with '<').
	const agents = !body.trimStart().startsWith('<') && parsed.rows.some((row) => Object.keys(row).length > 1);
	if (parsed.lines.length === 0 && !agents) {
		return fail(`The server at ${url} answered, but not like VICIdial's Non-Agent API: check the Server URL and the API path`);
	}
	// NO LOGGED IN AGENTS still proves the login.
	const refusal = parsed.lines.find((line) => line.kind === 'ERROR' && !matchesEmpty(PROOF, line));
	if (!refusal) return { status: 'OK', message: 'Connection successful' };
	const { code, description, summary = description } = describeReason(PROOF, refusal, credentials.apiUser);
	if (code === 'permission' && refusal.fn !== 'auth') {
		// The setting names as VICIdial's user form shows them, for the two rights this call needs.
		return fail(`User ${credentials.apiUser} has no API access: set "Agent API Access" to 1 and "View Reports" to 1 on the user in VICIdial`);
	}
	return fail(summary ?? `VICIdial refused the test call: ${refusal.reason}`);
}
