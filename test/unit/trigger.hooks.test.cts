import {
	AGENT_EVENTS,
	buildHookUrl,
	buildSetupText,
	fitsGet2PostHeader,
	HOOK_KINDS,
	HOOKS,
	INBOUND_ONLY_VARIABLES,
	mangleAsAgentScreen,
	pasteProblems,
	splitList,
} from '../../nodes/VicidialTrigger/hooks';

const URL = 'https://n8n.example.com/webhook/abc/vicidial';

describe('hook variables', () => {
	it('lists the 99 Dispo Call URL placeholders of notes §6.3', () => {
		expect(HOOKS.dispo.variables).toHaveLength(99);
		expect(new Set(HOOKS.dispo.variables).size).toBe(99);
		expect(HOOKS.dispo.variables).toEqual(expect.arrayContaining(['dispo_name', 'talk_time_ms', 'SQLdate', 'did_custom_five']));
	});

	it('leaves the dispo-only variables out of the Start Call URL', () => {
		for (const name of ['talk_time_ms', 'term_reason', 'call_notes', 'callback_datetime', 'recording_id', 'recording_filename']) {
			expect(HOOKS.start.variables).not.toContain(name);
		}
		expect(HOOKS.start.variables).toContain('ig_custom_one');
	});

	it('offers the Start Call URL only what its block fills: no dispo_name or callback_lead_status (notes §8.20)', () => {
		// 91 on inbound and auto-dial calls, 77 on a manual dial (notes §6.3)
		expect(HOOKS.start.variables).toHaveLength(91);
		expect(HOOKS.start.variables).not.toContain('dispo_name');
		expect(HOOKS.start.variables).not.toContain('callback_lead_status');
		expect(HOOKS.start.variables.filter((name) => !INBOUND_ONLY_VARIABLES.includes(name))).toHaveLength(77);
		expect(INBOUND_ONLY_VARIABLES).toEqual(expect.arrayContaining(['did_id', 'did_custom_five', 'ig_custom_one', 'ig_custom_five']));
		expect(INBOUND_ONLY_VARIABLES).toHaveLength(14);
		// The Dead Call block does fill them.
		expect(HOOKS.deadCall.variables).toHaveLength(93);
		expect(HOOKS.deadCall.variables).toEqual(expect.arrayContaining(['dispo_name', 'callback_lead_status']));
	});

	it('uses the documented lists for Add Lead, Pause Max and Agent Events', () => {
		expect(HOOKS.addLead.variables).toEqual([
			'lead_id',
			'vendor_lead_code',
			'list_id',
			'phone_number',
			'phone_code',
			'did_id',
			'did_extension',
			'did_pattern',
			'did_description',
			'uniqueid',
			'call_id',
		]);
		expect(HOOKS.pauseMax.variables).toHaveLength(10);
		expect(HOOKS.pauseMax.variables).not.toContain('lead_id');
		expect(HOOKS.agentEvents.variables).toEqual(['user', 'event', 'message', 'lead_id', 'counter', 'epoch', 'agent_log_id']);
		expect(HOOKS.noAgent.variables).toContain('dispo');
		expect(HOOKS.noAgent.variables).not.toContain('user');
	});

	it('knows every documented agent event once', () => {
		expect(AGENT_EVENTS).toHaveLength(49);
		expect(new Set(AGENT_EVENTS).size).toBe(49);
		expect(AGENT_EVENTS).toEqual(expect.arrayContaining(['dispo_set', '3way_start', 'session_channels', 'update_fields']));
	});

	it('keeps every default inside its hook variables', () => {
		for (const kind of HOOK_KINDS) {
			for (const name of HOOKS[kind].defaults) expect(HOOKS[kind].variables).toContain(name);
		}
	});
});

describe('buildHookUrl', () => {
	it('writes VAR, the URL, the secret, the variables and the custom fields', () => {
		expect(
			buildHookUrl({
				kind: 'dispo',
				webhookUrl: URL,
				variables: ['lead_id', 'dispo', 'dispo_name'],
				customFields: ['appointment_date'],
				querySecret: { name: 'token', value: 's3cr3t&x=1' },
			}),
		).toBe(
			'VARhttps://n8n.example.com/webhook/abc/vicidial?token=s3cr3t%26x%3D1&lead_id=--A--lead_id--B--&dispo=--A--dispo--B--&dispo_name=--A--dispo_name--B--&appointment_date=--A--appointment_date--B--&CF_uses_custom_fields=Y',
		);
	});

	it('uses the hook defaults when no variables are given', () => {
		const url = buildHookUrl({ kind: 'pauseMax', webhookUrl: URL });
		expect(url).toBe(
			'VARhttps://n8n.example.com/webhook/abc/vicidial?user=--A--user--B--&fullname=--A--fullname--B--&user_group=--A--user_group--B--&campaign=--A--campaign--B--&agent_email=--A--agent_email--B--',
		);
	});

	it('never writes the agent passwords and writes a variable once', () => {
		const url = buildHookUrl({ kind: 'dispo', webhookUrl: URL, variables: ['pass', 'lead_id', 'phone_pass', 'lead_id'] });
		expect(url).toBe('VARhttps://n8n.example.com/webhook/abc/vicidial?lead_id=--A--lead_id--B--');
	});

	it('refuses a custom field label that is not a column name', () => {
		expect(() => buildHookUrl({ kind: 'dispo', webhookUrl: URL, customFields: ['bad label'] })).toThrow(
			'Custom field "bad label" is not a VICIdial field label',
		);
	});

	it('ignores custom fields on hooks that cannot send them', () => {
		const url = buildHookUrl({ kind: 'noAgent', webhookUrl: URL, variables: ['dispo'], customFields: ['x'] });
		expect(url).toBe('VARhttps://n8n.example.com/webhook/abc/vicidial?dispo=--A--dispo--B--');
	});

	it('writes HTTP Basic as user:password@ in the URL', () => {
		const url = buildHookUrl({
			kind: 'start',
			webhookUrl: 'http://10.0.0.9:5678/webhook/abc/vicidial',
			variables: ['lead_id'],
			basicAuth: { user: 'vici', password: 'p@ss:word' },
		});
		expect(url).toBe('VARhttp://vici:p%40ss%3Aword@10.0.0.9:5678/webhook/abc/vicidial?lead_id=--A--lead_id--B--');
	});

	it('wraps the Agent Push URL in get2post.php with the scheme in the parameter name', () => {
		expect(buildHookUrl({ kind: 'agentEvents', webhookUrl: URL, querySecret: { name: 'token', value: 'abc' } })).toBe(
			'get2post.php?uniqueid=--A--epoch--B--.--A--agent_log_id--B--&type=event&HTTPSURLTOPOST=n8n.example.com/webhook/abc/vicidial?token=abc&user=--A--user--B--&event=--A--event--B--&message=--A--message--B--&lead_id=--A--lead_id--B--&counter=--A--counter--B--&epoch=--A--epoch--B--&agent_log_id=--A--agent_log_id--B--',
		);
		expect(
			buildHookUrl({
				kind: 'agentEvents',
				webhookUrl: 'http://n8n.local/webhook/abc/vicidial',
				variables: ['event'],
				header: { name: 'x-api-key', value: 'k3y' },
			}),
		).toBe(
			'get2post.php?uniqueid=--A--epoch--B--.--A--agent_log_id--B--&type=event&headers=x-api-key---k3y&HTTPURLTOPOST=n8n.local/webhook/abc/vicidial?event=--A--event--B--&epoch=--A--epoch--B--&agent_log_id=--A--agent_log_id--B--',
		);
	});

	it('forwards epoch and agent_log_id after HTTPURLTOPOST, where the target sees them (notes §8.17)', () => {
		const url = buildHookUrl({ kind: 'agentEvents', webhookUrl: URL, variables: ['event', 'counter'] });
		const forwarded = url.split('HTTPSURLTOPOST=')[1];
		expect(forwarded).toContain('&epoch=--A--epoch--B--');
		expect(forwarded).toContain('&agent_log_id=--A--agent_log_id--B--');
	});

	it('writes Agent Push secrets percent-encoded, so nothing in them is deleted by the agent screen', () => {
		const url = buildHookUrl({
			kind: 'agentEvents',
			webhookUrl: 'https://n8n.example.com:443/webhook/abc/vicidial',
			variables: ['event'],
			querySecret: { name: 'token', value: 'pa$$:w#rd;{x}^"`' },
			header: { name: 'x-api-key', value: 'k$y' },
		});
		expect(url).toContain('headers=x-api-key---k%24y&');
		expect(url).toContain('HTTPSURLTOPOST=n8n.example.com/webhook/abc/vicidial?token=pa%24%24%3Aw%23rd%3B%7Bx%7D%5E%22%60&');
		expect(mangleAsAgentScreen(url)).toBe(url);
	});

	it('refuses nothing on a GET hook or a URL on its default port', () => {
		expect(pasteProblems({ kind: 'dispo', webhookUrl: 'http://10.0.0.9:5678/webhook/abc/vicidial' })).toEqual([]);
		expect(pasteProblems({ kind: 'agentEvents', webhookUrl: URL, querySecret: { name: 'token', value: 'a$b:c' } })).toEqual([]);
		expect(pasteProblems({ kind: 'agentEvents', webhookUrl: 'http://n8n.local:80/webhook/abc/vicidial' })).toEqual([]);
	});

	it('names what the agent screen would delete from the Agent Push URL: a port, user:password@, an IPv6 address', () => {
		const port = pasteProblems({ kind: 'agentEvents', webhookUrl: 'http://127.0.0.1:5721/webhook/abc/vicidial' });
		expect(port).toEqual([expect.stringContaining('post to host "127.0.0.15721"')]);
		expect(port[0]).toContain("The target must be on its scheme's default port");
		expect(port[0]).toContain('port 80');
		const basic = pasteProblems({
			kind: 'agentEvents',
			webhookUrl: URL,
			basicAuth: { user: 'vici', password: 'secret-password' },
		});
		expect(basic).toEqual([expect.stringContaining('HTTP Basic cannot pass the agent screen')]);
		expect(basic.join(' ')).not.toContain('secret-password');
		expect(pasteProblems({ kind: 'agentEvents', webhookUrl: 'http://[::1]/webhook/abc/vicidial' })).toEqual([
			expect.stringContaining('IPv6'),
		]);
	});

	it('names any other deleted character left in the URL', () => {
		expect(pasteProblems({ kind: 'agentEvents', webhookUrl: 'https://n8n.example.com/webhook/a$b/vicidial' })).toEqual([
			'The URL holds "$", which the agent screen deletes: change the part of n8n\'s URL or credential that holds it.',
		]);
	});

	it('gives a custom POST the plain URL (no VAR, no variables)', () => {
		expect(buildHookUrl({ kind: 'customPost', webhookUrl: URL, querySecret: { name: 'token', value: 'abc' } })).toBe(
			`${URL}?token=abc`,
		);
	});

	it('refuses a URL that is not http(s)', () => {
		expect(() => buildHookUrl({ kind: 'dispo', webhookUrl: '' })).toThrow('must start with http:// or https://');
	});
});

describe('buildSetupText', () => {
	it('gives the string, where it goes and the test/production difference', () => {
		const text = buildSetupText({
			kind: 'dispo',
			webhookUrl: URL,
			variables: ['lead_id'],
			addedForFilters: ['campaign'],
			querySecret: { name: 'token', value: 'abc' },
		});
		expect(text).toContain('\nVARhttps://n8n.example.com/webhook/abc/vicidial?token=abc&lead_id=--A--lead_id--B--\n');
		expect(text).toContain('set the in-group value to CAMP');
		expect(text).toContain('/webhook-test/');
		expect(text).toContain('Added because the filters read them: campaign.');
	});

	it('warns when the credential checks something VICIdial cannot send', () => {
		const text = (kind: 'dispo' | 'agentEvents' | 'customPost', authMode: string) =>
			buildSetupText({ kind, webhookUrl: URL, authMode });
		expect(text('dispo', 'headerKey')).toContain('VICIdial sends this call-out without headers');
		expect(text('dispo', 'hmac')).toContain('VICIdial cannot sign its call-outs');
		expect(text('agentEvents', 'hmac')).toContain('VICIdial cannot sign its call-outs');
		expect(text('agentEvents', 'headerKey')).not.toContain('Warning');
		expect(text('customPost', 'hmac')).not.toContain('Warning');
		expect(text('dispo', 'querySecret')).not.toContain('Warning');
	});

	it('warns when the agent\'s browser would not load the Web Form: http:// n8n, or Basic credentials in the URL', () => {
		const text = (webhookUrl: string, basic?: boolean) =>
			buildSetupText({
				kind: 'webForm',
				webhookUrl,
				querySecret: { name: 'token', value: 'abc' },
				...(basic ? { basicAuth: { user: 'vici', password: 'pw' } } : {}),
			});
		expect(text('http://n8n.example.com/webhook/abc/vicidial')).toContain('browsers block it as mixed content');
		expect(text('http://n8n.example.com/webhook/abc/vicidial')).toContain('Paste this exact string:');
		expect(text(URL)).not.toContain('Warning');
		expect(text('http://127.0.0.1:5678/webhook/abc/vicidial')).not.toContain('Warning');
		expect(text(URL, true)).toContain('user:password@');
		// The Dispo Call URL is fetched by VICIdial's server, not a browser: no such warning.
		expect(buildSetupText({ kind: 'dispo', webhookUrl: 'http://n8n.example.com/webhook/abc/vicidial' })).not.toContain('mixed content');
	});

	it('refuses to give an Agent Push URL the agent screen would break, and says why', () => {
		const text = buildSetupText({
			kind: 'agentEvents',
			webhookUrl: 'http://127.0.0.1:5721/webhook/abc/vicidial',
			querySecret: { name: 'token', value: 'abc' },
		});
		expect(text).not.toContain('Paste this exact string:');
		expect(text).not.toContain('get2post.php?');
		expect(text).toContain('Nothing to paste yet: the agent screen would break this URL');
		expect(text).toContain('- n8n\'s URL has port 5721');
		expect(buildSetupText({ kind: 'agentEvents', webhookUrl: URL })).toContain("scheme's default port (80 for http, 443 for https");
	});

	it('warns when a get2post header key has characters get2post strips', () => {
		expect(fitsGet2PostHeader('Abc.123-x')).toBe(true);
		expect(fitsGet2PostHeader('a/b+c')).toBe(false);
		expect(fitsGet2PostHeader('a---b')).toBe(false);
		const text = buildSetupText({ kind: 'agentEvents', webhookUrl: URL, header: { name: 'x-api-key', value: 'a/b' } });
		expect(text).toContain('get2post.php strips characters');
	});
});

describe('splitList', () => {
	it('splits on commas, semicolons and spaces', () => {
		expect(splitList(' SALE, NI;CALLBK  DNC ,')).toEqual(['SALE', 'NI', 'CALLBK', 'DNC']);
		expect(splitList('')).toEqual([]);
	});
});
