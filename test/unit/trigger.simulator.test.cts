import * as http from 'node:http';

import {
	AgentScreen,
	phpUrlencode,
	relayGet2Post,
	SAMPLE_CALLS,
	SAMPLE_INBOUND_START,
	substituteHookUrl,
} from '../../simulator/hooks.cjs';

describe('phpUrlencode', () => {
	it('encodes like PHP: + for space, upper-case escapes, ~ and quotes escaped', () => {
		expect(phpUrlencode('Sale Made')).toBe('Sale+Made');
		expect(phpUrlencode("O'Neil (Jr)*!~")).toBe('O%27Neil+%28Jr%29%2A%21%7E');
		expect(phpUrlencode('a-b_c.d')).toBe('a-b_c.d');
		expect(phpUrlencode('é&=')).toBe('%C3%A9%26%3D');
	});
});

describe('substituteHookUrl', () => {
	it('strips VAR and fills placeholders case-insensitively', () => {
		expect(substituteHookUrl('VARhttp://h/x?l=--A--LEAD_ID--B--&c=--A--Campaign--B--', { lead_id: 8, campaign: 'TEST CAMP' })).toBe(
			'http://h/x?l=8&c=TEST+CAMP',
		);
	});

	it('encodes dispo_name twice, as in the observed request', () => {
		expect(substituteHookUrl('http://h/?dispo_name=--A--dispo_name--B--', { dispo_name: 'Sale Made' })).toBe(
			'http://h/?dispo_name=Sale%2BMade',
		);
		expect(substituteHookUrl('http://h/?n=--A--dispo_name--B--', { dispo_name: 'A+B' })).toBe('http://h/?n=A%252BB');
	});

	it('sends ISO-8859-1 escapes by default (use_non_latin=0) and UTF-8 with use_non_latin=1', () => {
		expect(phpUrlencode('Díaz', 'latin1')).toBe('D%EDaz');
		expect(phpUrlencode('Zoë €', 'latin1')).toBe('Zo%EB+%3F');
		expect(substituteHookUrl('http://h/?n=--A--last_name--B--', { last_name: 'Díaz' })).toBe('http://h/?n=D%EDaz');
		expect(substituteHookUrl('http://h/?n=--A--last_name--B--', { last_name: 'Díaz' }, { useNonLatin: true })).toBe(
			'http://h/?n=D%C3%ADaz',
		);
	});

	it('encodes user_custom_* twice in the Dispo and Start blocks (notes §8.19)', () => {
		const template = 'http://h/?u=--A--user_custom_one--B--';
		expect(substituteHookUrl(template, { user_custom_one: 'uc 1&x+y' }, { kind: 'start' })).toBe('http://h/?u=uc%2B1%2526x%252By');
		expect(substituteHookUrl(template, { user_custom_one: 'uc 1&x+y' }, { kind: 'dispo' })).toBe('http://h/?u=uc%2B1%2526x%252By');
		expect(substituteHookUrl(template, { user_custom_one: 'uc 1&x+y' }, { kind: 'pauseMax' })).toBe('http://h/?u=uc+1%26x%2By');
	});

	it('leaves unknown placeholders literally and empty values as name=', () => {
		expect(substituteHookUrl('http://h/?u=--A--nosuch--B--&a=--A--address2--B--&t=static', { address2: '' })).toBe(
			'http://h/?u=--A--nosuch--B--&a=&t=static',
		);
	});

	it('does not strip VAR inside the URL', () => {
		expect(substituteHookUrl('http://h/VAR?x=1', {})).toBe('http://h/VAR?x=1');
	});
});

describe('sample records', () => {
	it('carry the observed dispo values and the agent passwords VICIdial leaks', () => {
		expect(SAMPLE_CALLS.dispo).toMatchObject({
			dispo: 'SALE',
			dispo_name: 'Sale Made',
			talk_time: '125',
			term_reason: 'CALLER',
			lead_id: '8',
			user: '1000',
			session_id: '8600051',
			pass: 'agentpass1000',
		});
		expect(Object.keys(SAMPLE_CALLS.addLead)).toHaveLength(11);
		expect(SAMPLE_CALLS.start).toMatchObject({ uniqueid: '', group: '', channel_group: '', list_name: '', dispo: 'CBHOLD' });
	});

	it('give a manual dial no dispo_name, callback_lead_status, did_* or ig_custom_*, and an inbound call its DID', () => {
		for (const name of ['dispo_name', 'callback_lead_status', 'did_id', 'did_custom_one', 'ig_custom_five']) {
			expect(SAMPLE_CALLS.start).not.toHaveProperty(name);
		}
		expect(SAMPLE_INBOUND_START).toMatchObject({ did_id: '7', group: 'SALESLINE', ig_custom_one: 'spanish' });
		expect(SAMPLE_INBOUND_START).not.toHaveProperty('dispo_name');
	});
});

describe('relayGet2Post', () => {
	it('answers with get2post.php errors before any request', async () => {
		await expect(relayGet2Post('get2post.php?uniqueid=123&HTTPURLTOPOST=h/x')).resolves.toMatchObject({
			body: 'ERROR: uniqueid is not valid',
		});
		await expect(relayGet2Post('get2post.php?uniqueid=1795326633.4471&type=event')).resolves.toMatchObject({
			body: 'ERROR: post url is not populated - 35',
		});
	});
});

describe('AgentScreen', () => {
	let server: http.Server;
	let port: number;
	const bodies: string[] = [];

	beforeAll(async () => {
		server = http.createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (chunk: Buffer) => chunks.push(chunk));
			req.on('end', () => {
				bodies.push(Buffer.concat(chunks).toString('utf8'));
				res.end('OK');
			});
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		port = (server.address() as { port: number }).port;
	});

	afterAll(async () => {
		await new Promise<void>((resolve) => server.close(() => resolve()));
	});

	beforeEach(() => {
		bodies.length = 0;
	});

	it('deletes ":" from the push URL, so a target with a port never resolves (notes §8.16)', async () => {
		const screen = new AgentScreen({
			pushUrl: `get2post.php?uniqueid=--A--epoch--B--.--A--agent_log_id--B--&type=event&HTTPURLTOPOST=127.0.0.1:${port}/hook?event=--A--event--B--`,
			user: '1000',
			agentLogId: 4471,
			epoch: 1795326633,
		});
		const response = await screen.push('logged_in');
		expect(screen.lastPushUrl).toBe(
			`get2post.php?uniqueid=1795326633.4471&type=event&HTTPURLTOPOST=127.0.0.1${port}/hook?event=logged_in`,
		);
		expect(response.body).toBe(`ERROR: could not resolve host - 127.0.0.1${port}`);
		expect(bodies).toEqual([]);
	});

	it('fills its own variables raw, turns spaces into + and deletes ` ; # " { } ^ $ everywhere', async () => {
		const screen = new AgentScreen({
			pushUrl:
				'get2post.php?uniqueid=--A--epoch--B--.--A--agent_log_id--B--&type=event&HTTPURLTOPOST=n8n.test/hook?token=a$b;c#d&m=--A--message--B--&x=--A--first_name--B--',
			user: '1000',
			agentLogId: 4471,
			epoch: 1795326633,
			network: { proxies: { 'n8n.test': `127.0.0.1:${port}` } },
		});
		await screen.push('agent_alert', 'Dial timed out {x}');
		expect(bodies).toEqual(['token=abcd&m=Dial+timed+out+x&x=--A--first_name--B--']);
	});

	it('restarts the counter at 0 on every load; epoch and agent_log_id change with the session (notes §8.17)', async () => {
		const screen = new AgentScreen({
			pushUrl: `get2post.php?uniqueid=--A--epoch--B--.--A--agent_log_id--B--&type=event&HTTPURLTOPOST=n8n.test/hook?c=--A--counter--B--&e=--A--epoch--B--&a=--A--agent_log_id--B--`,
			user: '1000',
			agentLogId: 4471,
			epoch: 1795326633,
			network: { proxies: { 'n8n.test': `127.0.0.1:${port}` } },
		});
		await screen.push('logged_in');
		screen.tick(5);
		await screen.push('state_ready');
		screen.load(4502, 1795330233);
		await screen.push('logged_in');
		expect(bodies).toEqual([
			'c=0&e=1795326633&a=4471',
			'c=1&e=1795326638&a=4471',
			'c=0&e=1795330233&a=4502',
		]);
	});
});
