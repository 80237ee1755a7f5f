import { dedupKey } from '../../nodes/VicidialTrigger/dedup';
import {
	applyMapping,
	decodeForm,
	dedupPartsOf,
	epochToIso,
	formDecode,
	inferUtcOffset,
	matchesFilters,
	NO_FILTERS,
	type ParseInput,
	parseCallout,
	parsePairs,
	sqlDateToIso,
	textEncodingOf,
	type TriggerItem,
	variablesForFilters,
} from '../../nodes/VicidialTrigger/parse';

const SECRET = 'example-s3cr3t-xyz';

function parse(query: string, overrides: Partial<ParseInput> = {}): TriggerItem {
	return parseCallout({
		kind: 'dispo',
		query: parsePairs(query),
		body: { type: 'none' },
		secretParameters: ['token'],
		secrets: [SECRET],
		timeZone: 'UTC',
		receivedAt: new Date('2026-11-22T05:50:34.000Z'),
		method: 'GET',
		clientIp: '127.0.0.1',
		...overrides,
	});
}

describe('decoding', () => {
	it('decodes forms as PHP does, keeping malformed escapes', () => {
		expect(formDecode('Sale+Made')).toBe('Sale Made');
		expect(formDecode('100%25+sure')).toBe('100% sure');
		expect(formDecode('100% sure %41')).toBe('100% sure A');
		expect(parsePairs('a=1&&b=&c&a=%2B&=x')).toEqual([
			['a', '1'],
			['b', ''],
			['c', ''],
			['a', '+'],
		]);
	});

	it('reads dispo_name twice: VICIdial encodes it twice', () => {
		expect(parse('dispo_name=Sale%2BMade').fields.dispo_name).toBe('Sale Made');
		expect(parse('dispo_name=A%252BB+Deal').fields.dispo_name).toBe('A+B Deal');
		expect(parse('comments=Sale%2BMade').fields.comments).toBe('Sale+Made');
	});
});

describe('non-ASCII text (notes §8.18)', () => {
	it('reads escapes that are not UTF-8 as ISO-8859-1, VICIdial\'s default use_non_latin=0', () => {
		expect(decodeForm('D%EDaz')).toEqual({ text: 'Díaz', encoding: 'latin1' });
		expect(decodeForm('D%C3%ADaz')).toEqual({ text: 'Díaz', encoding: 'utf8' });
		expect(decodeForm('Diaz+%41')).toEqual({ text: 'Diaz A', encoding: 'ascii' });
		expect(decodeForm('M%FCller+100%+sure')).toEqual({ text: 'Müller 100% sure', encoding: 'latin1' });
		expect(formDecode('%D1and%FA')).toBe('Ñandú');
	});

	it('says in the item which encoding the call-out used', () => {
		const latin = 'last_name=D%EDaz&city=Bogot%E1';
		expect(textEncodingOf(latin)).toBe('latin1');
		const item = parse(latin, { encoding: textEncodingOf(latin) });
		expect(item.fields).toEqual({ last_name: 'Díaz', city: 'Bogotá' });
		expect(item.encoding).toBe('latin1');
		expect(parse('last_name=D%C3%ADaz', { encoding: 'utf8' }).encoding).toBe('utf8');
		expect(parse('last_name=Diaz').encoding).toBe('ascii');
	});

	it('finds the encoding inside a twice-encoded value too', () => {
		const item = parse('dispo_name=Llamar%2Bma%25F1ana');
		expect(item.fields.dispo_name).toBe('Llamar mañana');
		expect(item.encoding).toBe('latin1');
	});

	it('warns when one call-out mixes both', () => {
		const item = parse('dispo_name=Ma%25F1ana', { encoding: 'utf8' });
		expect(item.encoding).toBe('mixed');
		expect(item.warnings).toEqual([expect.stringContaining("check VICIdial's use_non_latin setting")]);
	});
});

describe('user_custom_one..five (notes §8.19)', () => {
	it('decodes them twice in the Dispo and Start Call URLs, where VICIdial encodes them twice', () => {
		// "uc 1&x+y" arrives as uc%2B1%2526x%252By
		for (const kind of ['dispo', 'start'] as const) {
			expect(parse('user_custom_one=uc%2B1%2526x%252By&user_custom_five=a%252Fb', { kind }).fields).toEqual({
				user_custom_one: 'uc 1&x+y',
				user_custom_five: 'a/b',
			});
		}
	});

	it('decodes them once elsewhere', () => {
		expect(parse('user_custom_one=a%2Bb', { kind: 'pauseMax' }).fields.user_custom_one).toBe('a+b');
	});
});

describe('SQLdate without the VICIdial Time Zone option (notes §8.21)', () => {
	// A New York server: 00:50:33 local is 05:50:33 UTC, which epoch says.
	const NEW_YORK = 'SQLdate=2026-11-22+00%3A50%3A33&epoch=1795326633&entry_date=2026-11-20+05%3A15%3A00';

	it('infers the server offset from SQLdate and epoch', () => {
		expect(inferUtcOffset('2026-11-22 00:50:33', '1795326633')).toBe(-300);
		expect(inferUtcOffset('2026-11-22 11:20:35', '1795326633')).toBe(330);
		expect(inferUtcOffset('2026-11-22 00:41:00', '1795326633')).toBeUndefined();
		expect(inferUtcOffset('2026-11-22 00:50:33', '')).toBeUndefined();
	});

	it('reads SQLdate at that offset, not in the workflow zone', () => {
		const item = parse(NEW_YORK, { timeZone: '', fallbackTimeZone: 'Europe/Berlin' });
		expect(item.fields).toEqual({
			SQLdate: '2026-11-22T05:50:33.000Z',
			epoch: '2026-11-22T05:50:33.000Z',
			entry_date: '2026-11-20T10:15:00.000Z',
		});
		expect(item.sqlDateZone).toBe('UTC-05:00');
		expect(item.warnings).toEqual([]);
	});

	it('keeps the option when it is set', () => {
		const item = parse(NEW_YORK, { timeZone: 'America/Chicago' });
		expect(item.fields.SQLdate).toBe('2026-11-22T06:50:33.000Z');
		expect(item.sqlDateZone).toBe('America/Chicago');
	});

	it('falls back to the workflow zone without epoch, and says so', () => {
		const item = parse('SQLdate=2026-11-22+00%3A50%3A33', { timeZone: '', fallbackTimeZone: 'America/New_York' });
		expect(item.fields.SQLdate).toBe('2026-11-22T05:50:33.000Z');
		expect(item.sqlDateZone).toBe('America/New_York');
		expect(item.warnings).toEqual([expect.stringContaining("SQL dates were read in the workflow's zone (America/New_York)")]);
	});

	it('reads the offset from a get2post form body too', () => {
		const item = parse('', {
			timeZone: '',
			fallbackTimeZone: 'UTC',
			body: { type: 'form', pairs: parsePairs('SQLdate=2026-11-22+00%3A50%3A33&epoch=1795326633') },
		});
		expect(item.fields.SQLdate).toBe('2026-11-22T05:50:33.000Z');
	});
});

describe('Start Call URL on a manual dial (notes §8.20)', () => {
	it('reports did_* and ig_custom_* as missing with one note, not as unknown variables', () => {
		const item = parse('lead_id=9&did_id=--A--did_id--B--&ig_custom_one=--A--ig_custom_one--B--', { kind: 'start' });
		expect(item.missing).toEqual(['did_id', 'ig_custom_one']);
		expect(item.warnings).toEqual([
			'Not an inbound call: VICIdial fills did_id, ig_custom_one only for calls that came in through an in-group',
		]);
	});
});

describe('types', () => {
	it('turns numeric variables into numbers and leaves identifiers as text', () => {
		const { fields } = parse(
			'lead_id=8&talk_time=125&list_id=101&gmt_offset_now=-5.00&phone_number=0312555&uniqueid=1795300000.100&user=1000&vendor_lead_code=007&talk_time_ms=abc',
		);
		expect(fields).toEqual({
			lead_id: 8,
			talk_time: 125,
			list_id: 101,
			gmt_offset_now: -5,
			phone_number: '0312555',
			uniqueid: '1795300000.100',
			user: '1000',
			vendor_lead_code: '007',
			talk_time_ms: 'abc',
		});
	});

	it('keeps empty values empty', () => {
		expect(parse('address2=&lead_id=&epoch=').fields).toEqual({ address2: '', lead_id: '', epoch: '' });
	});

	it('gives epoch and SQL dates as ISO instants in the server zone', () => {
		expect(parse('epoch=1795326633').fields.epoch).toBe('2026-11-22T05:50:33.000Z');
		expect(parse('SQLdate=2026-11-22+05%3A50%3A33').fields.SQLdate).toBe('2026-11-22T05:50:33.000Z');
		const ny = parse('SQLdate=2026-11-22+05:50:33&entry_date=2026-07-01+12:00:00&callback_datetime=0000-00-00+00:00:00', {
			timeZone: 'America/New_York',
		}).fields;
		expect(ny.SQLdate).toBe('2026-11-22T10:50:33.000Z');
		expect(ny.entry_date).toBe('2026-07-01T16:00:00.000Z');
		expect(ny.callback_datetime).toBe('');
		expect(sqlDateToIso('2026-03-08 03:30:00', 'America/New_York')).toBe('2026-03-08T07:30:00.000Z');
		expect(sqlDateToIso('22/11/2026', 'UTC')).toBeUndefined();
		expect(epochToIso('1795326633000')).toBe('2026-11-22T05:50:33.000Z');
		expect(epochToIso('soon')).toBeUndefined();
	});

	it('warns about an unknown zone and leaves SQL dates as sent', () => {
		const item = parse('SQLdate=2026-11-22+05:50:33', { timeZone: 'Mars/Olympus' });
		expect(item.fields.SQLdate).toBe('2026-11-22 05:50:33');
		expect(item.warnings).toEqual(['Unknown time zone "Mars/Olympus": SQL dates are left as VICIdial sent them']);
	});
});

describe('placeholders, repeats, custom fields', () => {
	it('reports placeholders VICIdial left unreplaced as missing, with a warning', () => {
		const item = parse('lead_id=8&unknown_placeholder=--A--nosuch--B--&user=NOAGENTURL--A--user--B--');
		expect(item.fields).toEqual({ lead_id: 8 });
		expect(item.missing).toEqual(['unknown_placeholder', 'user']);
		expect(item.warnings).toEqual([
			'VICIdial did not replace --A--nosuch--B-- (field "unknown_placeholder"): the variable does not exist for this call-out or the custom field is not on the lead\'s list',
			'VICIdial did not replace --A--user--B-- (field "user"): the variable does not exist for this call-out or the custom field is not on the lead\'s list',
		]);
	});

	it('collapses a key repeated with one value and keeps differing values in order', () => {
		const item = parse('address1=12+Main+St&address1=12+Main+St&list_id=101&list_id=102');
		expect(item.fields.address1).toBe('12 Main St');
		expect(item.fields.list_id).toEqual([101, 102]);
		expect(item.warnings).toEqual(['"list_id" arrived 2 times with different values; all are kept in order']);
		expect(item.raw.query).toEqual({ address1: ['12 Main St', '12 Main St'], list_id: ['101', '102'] });
	});

	it('keeps custom fields as text', () => {
		expect(parse('appointment_date=2026-12-01&favorite_color=green').fields).toEqual({
			appointment_date: '2026-12-01',
			favorite_color: 'green',
		});
	});
});

describe('secrets and passwords', () => {
	it('drops pass and phone_pass in any case, and the secret parameter, from fields and raw', () => {
		const item = parse(`pass=agentpass1000&PHONE_PASS=pp&token=${SECRET}&lead_id=8`);
		expect(item.fields).toEqual({ lead_id: 8 });
		expect(item.raw.query).toEqual({ lead_id: '8' });
		expect(JSON.stringify(item)).not.toContain('agentpass1000');
	});

	it('removes the secret by value wherever it hides', () => {
		const item = parse(`comments=key+is+${SECRET}&other=${SECRET}`);
		expect(item.fields).toEqual({ comments: 'key is ***', other: '***' });
		expect(JSON.stringify(item)).not.toContain(SECRET);
	});
});

describe('bodies', () => {
	it('merges a form body over the query (get2post moves the URL into the body)', () => {
		const item = parse('lead_id=1', {
			kind: 'agentEvents',
			method: 'POST',
			body: { type: 'form', pairs: parsePairs(`user=1000&event=dispo_set&message=SALE&lead_id=8&counter=17&token=${SECRET}`) },
		});
		expect(item.fields).toEqual({ lead_id: 8, user: '1000', event: 'dispo_set', message: 'SALE', counter: 17 });
		expect(item.agentEvent).toBe('dispo_set');
		expect(item.raw.body).toEqual({ user: '1000', event: 'dispo_set', message: 'SALE', lead_id: '8', counter: '17' });
	});

	it('reads a dialer webhook envelope: event, timestamp, id and data', () => {
		const item = parse('', {
			kind: 'customPost',
			body: {
				type: 'json',
				value: {
					id: 'evt_1',
					event: 'call.completed',
					timestamp: '2026-11-22T05:50:33Z',
					data: { lead_id: 8, talk_time: '125', agent: { user: '1000', pass: 'x' }, note: '--A--x--B--' },
				},
			},
		});
		expect(item).toMatchObject({
			eventType: 'customPost',
			eventName: 'call.completed',
			eventTime: '2026-11-22T05:50:33.000Z',
			eventId: 'evt_1',
			fields: { lead_id: 8, talk_time: 125, agent: { user: '1000' } },
			missing: ['note'],
		});
		expect((item.raw.body as { data: { agent: object } }).data.agent).toEqual({ user: '1000' });
	});

	it('takes a flat JSON body as the fields and an epoch timestamp', () => {
		const item = parse('', {
			kind: 'customPost',
			body: { type: 'json', value: { type: 'hangup', time: 1795326633, lead_id: '9' } },
		});
		expect(item.eventName).toBe('hangup');
		expect(item.eventTime).toBe('2026-11-22T05:50:33.000Z');
		expect(item.eventId).toBeUndefined();
		expect(item.fields).toEqual({ type: 'hangup', time: 1795326633, lead_id: 9 });
	});
});

describe('disposition mapping', () => {
	const table = [
		{ code: 'SALE', outcome: 'Closed Won' },
		{ code: 'ni', outcome: 'Closed Lost' },
	];

	it('adds the mapped outcome, codes compared case-insensitively', () => {
		const sale = parse('dispo=SALE');
		applyMapping(sale, table);
		expect(sale.outcome).toEqual({ code: 'SALE', label: 'Closed Won', unmapped: false });
		const ni = parse('dispo=NI');
		applyMapping(ni, table);
		expect(ni.outcome).toEqual({ code: 'NI', label: 'Closed Lost', unmapped: false });
	});

	it('flags unmapped codes and absent codes', () => {
		const other = parse('dispo=CALLBK');
		applyMapping(other, table, 'Review');
		expect(other.outcome).toEqual({ code: 'CALLBK', label: 'Review', unmapped: true });
		const none = parse('lead_id=8');
		applyMapping(none, table);
		expect(none.outcome).toEqual({ code: '', label: '', unmapped: true });
	});

	it('reads the status from a dispo_set agent event, and adds nothing without a table', () => {
		const event = parse('event=dispo_set&message=SALE', { kind: 'agentEvents' });
		applyMapping(event, table);
		expect(event.outcome?.label).toBe('Closed Won');
		const plain = parse('dispo=SALE');
		applyMapping(plain, []);
		expect(plain.outcome).toBeUndefined();
	});
});

describe('filters', () => {
	const item = parse('dispo=SALE&campaign=TESTCAMP&group=SALESLINE&list_id=101');

	it('passes when every set filter matches', () => {
		expect(matchesFilters(item, NO_FILTERS)).toBe(true);
		expect(
			matchesFilters(item, { ...NO_FILTERS, dispositions: ['sale', 'NI'], campaigns: ['TESTCAMP'], inGroups: ['SALESLINE'], lists: ['101'] }),
		).toBe(true);
	});

	it('stops on any filter that does not match, or whose field is absent', () => {
		expect(matchesFilters(item, { ...NO_FILTERS, dispositions: ['NI'] })).toBe(false);
		expect(matchesFilters(item, { ...NO_FILTERS, campaigns: ['OTHER'] })).toBe(false);
		expect(matchesFilters(item, { ...NO_FILTERS, inGroups: ['SUPPORT'] })).toBe(false);
		expect(matchesFilters(item, { ...NO_FILTERS, lists: ['999'] })).toBe(false);
		expect(matchesFilters(parse('dispo=SALE'), { ...NO_FILTERS, campaigns: ['TESTCAMP'] })).toBe(false);
	});

	it('filters agent events by name', () => {
		const event = parse('event=state_paused', { kind: 'agentEvents' });
		expect(matchesFilters(event, { ...NO_FILTERS, agentEvents: ['dispo_set'] })).toBe(false);
		expect(matchesFilters(event, { ...NO_FILTERS, agentEvents: ['state_paused', 'dispo_set'] })).toBe(true);
	});

	it('names the variables the filters read', () => {
		expect(variablesForFilters({ ...NO_FILTERS, dispositions: ['SALE'], lists: ['1'] }, 'dispo')).toEqual(['dispo', 'list_id']);
		expect(variablesForFilters({ ...NO_FILTERS, agentEvents: ['dispo_set'], dispositions: ['SALE'] }, 'agentEvents')).toEqual([
			'message',
			'event',
		]);
	});
});

describe('dedupPartsOf', () => {
	it('takes event, call, lead and status; agent and counter for agent events', () => {
		expect(dedupPartsOf(parse('call_id=M1&uniqueid=17.1&lead_id=8&dispo=SALE'))).toEqual({
			eventType: 'dispo',
			event: undefined,
			callId: 'M1',
			uniqueId: '17.1',
			leadId: '8',
			dispo: 'SALE',
			user: undefined,
			counter: undefined,
			id: undefined,
		});
		expect(dedupPartsOf(parse('event=state_ready&user=1000&counter=4', { kind: 'agentEvents' }))).toMatchObject({
			event: 'state_ready',
			user: '1000',
			counter: '4',
		});
	});

	it('tells two agent screen sessions apart although the counter restarts at 0 (notes §8.17)', () => {
		const event = (epoch: number, agentLogId: number) =>
			parse(`event=state_ready&user=1000&lead_id=&counter=0&epoch=${epoch}&agent_log_id=${agentLogId}`, { kind: 'agentEvents' });
		const first = event(1795326633, 4471);
		expect(dedupPartsOf(first).id).toBe('2026-11-22T05:50:33.000Z.4471');
		expect(first.warnings).toEqual([]);
		const again = dedupKey(dedupPartsOf(event(1795326633, 4471)));
		expect(again).toBe(dedupKey(dedupPartsOf(first)));
		expect(dedupKey(dedupPartsOf(event(1795330233, 4502)))).not.toBe(again);
	});

	it('warns when the Agent Push URL forwards no epoch and agent_log_id', () => {
		const item = parse('event=state_ready&user=1000&counter=0', { kind: 'agentEvents' });
		expect(item.warnings).toEqual([expect.stringContaining('does not forward epoch and agent_log_id')]);
	});
});
