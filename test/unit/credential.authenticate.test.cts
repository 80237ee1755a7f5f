import type { IHttpRequestOptions } from 'n8n-workflow';

import { VicidialApi } from '../../credentials/VicidialApi.credentials';
import { formBody } from '../../nodes/shared/transport';

/**
 * The API credential's authenticate is a function (no per-request expression for n8n to
 * evaluate). It must fill user and pass where formBody put them, so `value` stays the last
 * field (notes §8.1), and leave everything else as the node built it.
 */
describe('VicidialApi.authenticate', () => {
	const credentials = { baseUrl: 'http://dialer', apiUser: '6666', password: 'canary-p4ss', source: 'n8n' };
	const spec = { name: 'add_lead' };

	it('fills user and pass in place: source, user, pass first, value last', async () => {
		const body = formBody(spec, { phone_number: '3125551212', list_id: '101' }, 'n8n');
		const options: IHttpRequestOptions = { url: 'http://dialer/vicidial/non_agent_api.php', method: 'POST', body };
		const result = await new VicidialApi().authenticate(credentials, options);
		expect(Object.entries(result.body as object)).toEqual([
			['source', 'n8n'],
			['user', '6666'],
			['pass', 'canary-p4ss'],
			['function', 'add_lead'],
			['phone_number', '3125551212'],
			['list_id', '101'],
			['value', ''],
		]);
		expect(result.url).toBe(options.url);
		expect(result.method).toBe('POST');
	});

	it('does not change the options it was given', async () => {
		const body = formBody(spec, {}, 'n8n');
		const options: IHttpRequestOptions = { url: 'http://dialer/x', body };
		await new VicidialApi().authenticate(credentials, options);
		expect(body).toEqual({ source: 'n8n', user: '', pass: '', function: 'add_lead', value: '' });
	});

	it('creates a body when the request has none, and writes an empty string for a missing field', async () => {
		const result = await new VicidialApi().authenticate({ apiUser: '6666' }, { url: 'http://dialer/x' });
		expect(result.body).toEqual({ user: '6666', pass: '' });
	});
});
