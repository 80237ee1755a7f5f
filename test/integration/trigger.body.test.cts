/**
 * Bodies the trigger refuses or accepts: size limit around 1 MB, malformed JSON, content types.
 * Refusals come after authentication (an unknown caller only ever learns "401").
 */
import { sendRequest } from '../../simulator/hooks.cjs';
import { TriggerHarness } from '../helpers/webhook.cjs';

const SECRET = 'example-shared-7Qw9';
const CREDENTIALS = { authentication: 'querySecret', queryParameter: 'token', secret: SECRET };
const MB = 1024 * 1024;

let harness: TriggerHarness;

beforeEach(async () => {
	harness = await TriggerHarness.start({ credentials: CREDENTIALS, parameters: { event: 'customPost' } });
});

afterEach(async () => {
	await harness.close();
});

/** A JSON body of exactly `size` bytes. */
function jsonOfSize(size: number): string {
	const shell = JSON.stringify({ event: 'transcript', data: { lead_id: 8, text: '' } });
	return shell.replace('"text":""', `"text":"${'a'.repeat(size - shell.length)}"`);
}

const post = (body: string, contentType: string, secret = SECRET) =>
	sendRequest(`${harness.url}?token=${secret}`, { method: 'POST', headers: { 'Content-Type': contentType }, body });

describe('body size', () => {
	it('accepts a 1 MB JSON body at the default limit', async () => {
		const body = jsonOfSize(MB);
		expect(Buffer.byteLength(body)).toBe(MB);
		expect(await post(body, 'application/json')).toMatchObject({ status: 200, body: 'OK' });
		const [item] = harness.lastItems;
		expect(item.eventName).toBe('transcript');
		expect(((item.fields as { text: string }).text).length).toBe(MB - 53);
	});

	it('refuses one byte more with 413 and no run', async () => {
		expect(await post(jsonOfSize(MB + 1), 'application/json')).toMatchObject({ status: 413, body: 'Payload Too Large' });
		expect(harness.runs).toHaveLength(0);
	});

	it('follows a raised limit', async () => {
		harness.parameters = { event: 'customPost', options: { maxBodyKb: 2048 } };
		expect(await post(jsonOfSize(MB + 1), 'application/json')).toMatchObject({ status: 200 });
	});

	it('answers 401, not 413, to an unknown caller', async () => {
		expect(await post(jsonOfSize(MB + 1), 'application/json', 'wrong')).toMatchObject({ status: 401 });
	});
});

describe('malformed and unexpected bodies', () => {
	it('answers 400 to malformed JSON and starts nothing', async () => {
		expect(await post('{"event": "call.completed", "data": {', 'application/json')).toMatchObject({
			status: 400,
			body: 'Malformed JSON body',
		});
		expect(harness.runs).toHaveLength(0);
	});

	it('answers 400 to JSON that is not an object', async () => {
		expect(await post('[{"lead_id": 8}]', 'application/json')).toMatchObject({
			status: 400,
			body: 'The JSON body must be an object',
		});
		expect(harness.runs).toHaveLength(0);
	});

	it('answers 415 to a content type it cannot read', async () => {
		for (const type of ['text/xml', 'text/plain', 'application/octet-stream', 'multipart/form-data; boundary=x']) {
			const response = await post('<call><lead_id>8</lead_id></call>', type);
			expect(response.status).toBe(415);
			expect(response.body).toBe('Unsupported Media Type: send JSON or application/x-www-form-urlencoded');
		}
		expect(harness.runs).toHaveLength(0);
	});

	it('reads application/*+json and an empty POST carrying its fields in the query', async () => {
		expect(await post('{"event":"x","data":{"lead_id":8}}', 'application/vnd.dialer+json')).toMatchObject({ status: 200 });
		const empty = await sendRequest(`${harness.url}?token=${SECRET}&lead_id=9&event=ping`, { method: 'POST' });
		expect(empty).toMatchObject({ status: 200, body: 'OK' });
		expect(harness.runs.map(([item]) => [item.eventName, (item.fields as { lead_id: number }).lead_id])).toEqual([
			['x', 8],
			['ping', 9],
		]);
	});

	it('is not registered for other methods', async () => {
		expect(await sendRequest(`${harness.url}?token=${SECRET}`, { method: 'PUT' })).toMatchObject({ status: 404 });
	});
});
