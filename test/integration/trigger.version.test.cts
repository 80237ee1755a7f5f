/**
 * Version 2 of the trigger answers every request as version 1 does. What differs is n8n: from
 * version 2 it reads only JSON, text, form and XML bodies before the node runs (the harness
 * imitates that), so the node reads any other body itself.
 */
import type { IDataObject } from 'n8n-workflow';

import { sendRequest, type SendOptions } from '../../simulator/hooks.cjs';
import { TriggerHarness } from '../helpers/webhook.cjs';

const SECRET = 'example-shared-7Qw9';
const CREDENTIALS = { authentication: 'querySecret', queryParameter: 'token', secret: SECRET };
const MB = 1024 * 1024;

interface Case {
	label: string;
	event: string;
	query: string;
	request: SendOptions;
	/** What both versions answer. */
	status: number;
	body: string;
	/** Whether n8n leaves this body unread for version 2. */
	unreadByN8nFromVersion2: boolean;
}

const post = (contentType: string, body: string): SendOptions => ({ method: 'POST', headers: { 'Content-Type': contentType }, body });

const CASES: Case[] = [
	{
		label: 'a Dispo Call URL GET',
		event: 'dispo',
		query: 'dispo=SALE&lead_id=8&uniqueid=1795300000.1&call_id=M1&phone_number=7275551212',
		request: {},
		status: 200,
		body: 'OK',
		unreadByN8nFromVersion2: false,
	},
	{
		label: 'a get2post form POST',
		event: 'agentEvents',
		query: '',
		request: post('application/x-www-form-urlencoded', 'event=dispo_set&user=6666&message=SALE&lead_id=8&counter=3&epoch=1795300000'),
		status: 200,
		body: 'OK',
		unreadByN8nFromVersion2: false,
	},
	{
		label: 'a JSON POST',
		event: 'customPost',
		query: '',
		request: post('application/json', '{"event":"call.completed","id":"e-1","data":{"lead_id":8}}'),
		status: 200,
		body: 'OK',
		unreadByN8nFromVersion2: false,
	},
	{
		label: 'an application/*+json POST',
		event: 'customPost',
		query: '',
		request: post('application/vnd.dialer+json', '{"event":"x","id":"e-2","data":{"lead_id":9}}'),
		status: 200,
		body: 'OK',
		unreadByN8nFromVersion2: true,
	},
	{
		label: 'malformed +json',
		event: 'customPost',
		query: '',
		request: post('application/cloudevents+json', '{"event":'),
		status: 400,
		body: 'Malformed JSON body',
		unreadByN8nFromVersion2: true,
	},
	{
		label: 'an octet-stream body',
		event: 'customPost',
		query: '',
		request: post('application/octet-stream', 'lead_id=8'),
		status: 415,
		body: 'Unsupported Media Type: send JSON or application/x-www-form-urlencoded',
		unreadByN8nFromVersion2: true,
	},
	{
		label: 'an oversized octet-stream body',
		event: 'customPost',
		query: '',
		request: post('application/octet-stream', 'a'.repeat(MB + 1)),
		status: 413,
		body: 'Payload Too Large',
		unreadByN8nFromVersion2: true,
	},
	{
		label: 'a text/plain body',
		event: 'customPost',
		query: '',
		request: post('text/plain', 'lead_id=8'),
		status: 415,
		body: 'Unsupported Media Type: send JSON or application/x-www-form-urlencoded',
		unreadByN8nFromVersion2: false,
	},
];

/** A run's items without the arrival time, which differs between two requests. */
function comparable(runs: IDataObject[][]): IDataObject[][] {
	return runs.map((items) => items.map(({ receivedAt: _receivedAt, ...rest }) => rest));
}

async function answerOf(typeVersion: 1 | 2, testCase: Case) {
	const harness = await TriggerHarness.start({ credentials: CREDENTIALS, parameters: { event: testCase.event }, typeVersion });
	try {
		const separator = testCase.query === '' ? '' : '&';
		const response = await sendRequest(`${harness.url}?token=${SECRET}${separator}${testCase.query}`, testCase.request);
		return { status: response.status, body: response.body, runs: comparable(harness.runs), reads: harness.rawBodyReads };
	} finally {
		await harness.close();
	}
}

describe.each(CASES)('$label', (testCase) => {
	it(`gets ${testCase.status} "${testCase.body}" from both versions, with the same items`, async () => {
		const v1 = await answerOf(1, testCase);
		const v2 = await answerOf(2, testCase);
		expect({ status: v1.status, body: v1.body }).toEqual({ status: testCase.status, body: testCase.body });
		expect({ status: v2.status, body: v2.body }).toEqual({ status: testCase.status, body: testCase.body });
		expect(v1.runs).toHaveLength(testCase.status === 200 ? 1 : 0);
		expect(v2.runs).toEqual(v1.runs);
	});

	it(`is read by the node itself only where n8n leaves it unread (${testCase.unreadByN8nFromVersion2 ? 'version 2' : 'never'})`, async () => {
		expect((await answerOf(1, testCase)).reads).toBe(0);
		expect((await answerOf(2, testCase)).reads).toBe(testCase.unreadByN8nFromVersion2 ? 1 : 0);
	});
});

it('the +json body reaches the version 2 item', async () => {
	const { runs } = await answerOf(2, CASES[3]);
	expect(runs[0][0]).toMatchObject({ eventType: 'customPost', eventName: 'x', eventId: 'e-2', fields: { lead_id: 9 } });
});
