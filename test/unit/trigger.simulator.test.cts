import { phpUrlencode, relayGet2Post, SAMPLE_CALLS, substituteHookUrl } from '../../simulator/hooks.cjs';

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
