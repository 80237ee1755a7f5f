import { sqlDate } from '../../simulator/context.cjs';
import type { SimCallLog } from '../../simulator/state.cjs';
import { nonAgent, nonAgentText, useSimulator } from './nonAgentRequest.cjs';

/**
 * The simulator's report, export and call lookup functions against VICIdial's reply texts
 * (vicidial-api-notes.md §4.6). Calls and agent events are put into the dialer directly.
 */

const sim = useSimulator();

const text = (params: Record<string, string>, user?: string, pass?: string) => nonAgentText(sim, params, { user, pass });

/** An inbound call on DID 3125550100 routed to SALESLINE, answered by agent 1000. */
function inboundCall(overrides: Partial<SimCallLog> = {}): SimCallLog {
	const call: SimCallLog = {
		uniqueid: '1795100600.202',
		call_id: 'Y1120091000000000003',
		lead_id: 3,
		list_id: '101',
		campaign_id: 'SALESLINE',
		call_date: '2026-11-20 10:10:00',
		length_in_sec: 61,
		status: 'NI',
		phone_code: '1',
		phone_number: '3125550199',
		user: '1000',
		term_reason: 'AGENT',
		direction: 'IN',
		did_pattern: '3125550100',
		caller_id_number: '3125550199',
		...overrides,
	};
	sim.state.callLog.push(call);
	return call;
}

/** Agent 1000's login pause and the SALE call of the seed data, as vicidial_agent_log rows. */
function agentDay(): void {
	const base = { user: '1000', campaign_id: 'TESTCAMP', uniqueid: '', sub_status: '', pause_sec: 0, wait_sec: 0, talk_sec: 0, dispo_sec: 0, dead_sec: 0 };
	sim.state.agentLog.push(
		{ ...base, agent_log_id: 1, event_time: '2026-11-20 09:00:00', lead_id: 0, sub_status: 'LOGIN', pause_sec: 30 },
		{ ...base, agent_log_id: 2, event_time: '2026-11-20 09:05:00', lead_id: 4, uniqueid: '1795100000.101', wait_sec: 10, talk_sec: 125, dispo_sec: 15, dead_sec: 5 },
	);
}

describe('recording_lookup', () => {
	// The location names the simulator itself, which serves the file (recordings.cts).
	const row = () => `2026-11-20 09:05:00|1000|1|4|${sim.url}/RECORDINGS/MP3/20261120-090500_4075550100_1000-all.mp3`;

	it('finds recordings by lead, by agent and date, and adds the duration before the location', async () => {
		expect(await text({ function: 'recording_lookup', lead_id: '4' })).toBe(`${row()}\n`);
		expect(await text({ function: 'recording_lookup', agent_user: '1000', date: '2026-11-20', header: 'YES' })).toBe(`start_time|user|recording_id|lead_id|location\n${row()}\n`);
		expect(await text({ function: 'recording_lookup', lead_id: '4', duration: 'Y', stage: 'csv' })).toBe(
			`2026-11-20 09:05:00,1000,1,4,125,${sim.url}/RECORDINGS/MP3/20261120-090500_4075550100_1000-all.mp3\n`,
		);
		expect(await text({ function: 'recording_lookup', uniqueid: '1795100000.101' })).toBe(`${row()}\n`);
	});

	it('answers NO RECORDINGS FOUND and INVALID SEARCH PARAMETERS', async () => {
		expect(await text({ function: 'recording_lookup', agent_user: '1000', date: '2026-11-22' })).toBe('ERROR: recording_lookup NO RECORDINGS FOUND - 6666|1000||2026-11-22|\n');
		expect(await text({ function: 'recording_lookup', agent_user: '1000' })).toBe('ERROR: recording_lookup INVALID SEARCH PARAMETERS: 6666|1000|||\n');
	});

	it('serves the reports user and refuses a user without Agent API Access', async () => {
		expect(await text({ function: 'recording_lookup', lead_id: '4' }, 'apirep', 'apirep1')).toBe(`${row()}\n`);
		expect(await text({ function: 'recording_lookup', lead_id: '4' }, 'apinoagt', 'apinoagt1')).toBe(
			'ERROR: recording_lookup USER DOES NOT HAVE PERMISSION TO GET RECORDING INFO: |apinoagt|0|\n',
		);
	});
});

describe('the web server serves the recordings at their locations', () => {
	const location = () => `${sim.url}/RECORDINGS/MP3/20261120-090500_4075550100_1000-all.mp3`;

	it('answers the file a location names, typed by its extension, MPEG frames for an MP3', async () => {
		const response = await fetch(location());
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('audio/mpeg');
		const body = Buffer.from(await response.arrayBuffer());
		expect(Number(response.headers.get('content-length'))).toBe(body.length);
		expect(body.readUInt32BE(0)).toBe(0xfffb90c4);
	});

	it('answers Apache\'s 404 for a file no recording names, and asks for a login when the directory has one', async () => {
		const missing = await fetch(`${sim.url}/RECORDINGS/MP3/nothing-all.mp3`);
		expect(missing.status).toBe(404);
		expect(await missing.text()).toContain('The requested URL /RECORDINGS/MP3/nothing-all.mp3 was not found on this server.');
		sim.state.system.recordings_login = { user: 'rec', pass: 'recpass' };
		const refused = await fetch(location());
		expect(refused.status).toBe(401);
		expect(refused.headers.get('www-authenticate')).toBe('Basic realm="VICIDIAL RECORDINGS"');
		const allowed = await fetch(location(), { headers: { Authorization: `Basic ${Buffer.from('rec:recpass').toString('base64')}` } });
		expect(allowed.status).toBe(200);
		expect(sim.log.map((record) => [record.status, record.basicUser])).toEqual([[404, undefined], [401, undefined], [200, 'rec']]);
	});
});

describe('did_log_export', () => {
	it('exports the calls to a DID for one day', async () => {
		inboundCall();
		// The header keeps the docs' order; the rows swap caller_id_number and call_date (notes §8.3).
		expect(await text({ function: 'did_log_export', phone_number: '3125550100', date: '2026-11-20', header: 'YES' })).toBe(
			'did_number|call_date|caller_id_number|length_in_sec\n3125550100|3125550199|2026-11-20 10:10:00|61\n',
		);
	});

	it('answers NO RECORDS FOUND and INVALID SEARCH PARAMETERS', async () => {
		expect(await text({ function: 'did_log_export', phone_number: '3125550100', date: '2026-11-22' })).toBe('ERROR: did_log_export NO RECORDS FOUND - 6666|||2026-11-22\n');
		expect(await text({ function: 'did_log_export', phone_number: '3125550100' })).toBe('ERROR: did_log_export INVALID SEARCH PARAMETERS: 6666|3125550100|\n');
	});

	it('refuses a user without Agent API Access', async () => {
		expect(await text({ function: 'did_log_export', phone_number: '3125550100', date: '2026-11-20' }, 'apinoagt', 'apinoagt1')).toBe(
			'ERROR: did_log_export USER DOES NOT HAVE PERMISSION TO GET DID INFO: |apinoagt|0|\n',
		);
	});
});

describe('phone_number_log', () => {
	it('lists the calls to each number, outbound by default, inbound or all on request', async () => {
		inboundCall();
		expect(await text({ function: 'phone_number_log', phone_number: '4075550100', header: 'YES' })).toBe(
			'phone_number|call_date|list_id|length_in_sec|lead_status|hangup_reason|call_status|source_id|user\n4075550100|2026-11-20 09:05:00|101|125|SALE|CALLER|SALE||1000\n',
		);
		expect(await text({ function: 'phone_number_log', phone_number: '3125550199,4075550100', type: 'ALL' })).toBe(
			'3125550199|2026-11-20 10:10:00|101|61|CALLBK|AGENT|NI||1000\n4075550100|2026-11-20 09:05:00|101|125|SALE|CALLER|SALE||1000\n',
		);
	});

	it('shows a status changed by update_log_entry as the call status', async () => {
		await text({ function: 'update_log_entry', group: 'TESTCAMP', call_id: 'M1120090500000000004', status: 'XFER' });
		expect(await text({ function: 'phone_number_log', phone_number: '4075550100' })).toBe('4075550100|2026-11-20 09:05:00|101|125|SALE|CALLER|XFER||1000\n');
	});

	it('answers with a NOTICE when nothing was found, and an ERROR for no usable number', async () => {
		expect(await text({ function: 'phone_number_log', phone_number: '7275551111' })).toBe('NOTICE: phone_number_log NO RECORDS FOUND FOR THIS PHONE NUMBER - 6666|7275551111||\n');
		expect(await text({ function: 'phone_number_log', phone_number: '312' })).toBe('ERROR: phone_number_log NO VALID PHONE NUMBERS DEFINED: 6666|312|\n');
	});

	it('refuses a user without Agent API Access', async () => {
		expect(await text({ function: 'phone_number_log', phone_number: '4075550100' }, 'apinoagt', 'apinoagt1')).toBe(
			'ERROR: phone_number_log USER DOES NOT HAVE PERMISSION TO GET CALL LOG INFO: |apinoagt|0|\n',
		);
	});
});

describe('agent_stats_export', () => {
	const header =
		'user|full_name|user_group|calls|login_time|total_talk_time|avg_talk_time|avg_wait_time|pct_of_queue|pause_time|sessions|avg_session|pauses|avg_pause_time|pause_pct|pauses_per_session|wait_time|talk_time|dispo_time|dead_time';

	it('sums the agent log per agent, in H:MM:SS by default', async () => {
		agentDay();
		const window = { function: 'agent_stats_export', datetime_start: '2026-11-20+00:00:00', datetime_end: '2026-11-20+23:59:59' };
		expect(await text({ ...window, header: 'YES' })).toBe(`${header}\n1000|Test Agent|ADMIN|1|0:03:00|0:02:00|0:00:00|0:00:10|100%|30|1|0:03:00|2|0:00:15|16.7%|2|0:00:10|0:02:05|0:00:15|0:00:05\n`);
		expect(await text({ ...window, time_format: 'S', group_by_campaign: 'YES' })).toBe('TESTCAMP|1000|Test Agent|ADMIN|1|180|120|0|10|100%|30|1|180|2|15|16.7%|2|10|125|15|5\n');
	});

	it('answers NO RECORDS FOUND and INVALID SEARCH PARAMETERS', async () => {
		expect(await text({ function: 'agent_stats_export', datetime_start: '2026-11-22+00:00:00', datetime_end: '2026-11-22+23:59:59' })).toBe(
			'ERROR: agent_stats_export NO RECORDS FOUND - 6666||2026-11-22 00:00:00|2026-11-22 23:59:59|\n',
		);
		expect(await text({ function: 'agent_stats_export', agent_user: '1000' })).toBe('ERROR: agent_stats_export INVALID SEARCH PARAMETERS: 6666|1000|||\n');
	});

	it('refuses a user without Agent API Access', async () => {
		expect(await text({ function: 'agent_stats_export', datetime_start: '2026-11-20+00:00:00', datetime_end: '2026-11-20+23:59:59' }, 'apinoagt', 'apinoagt1')).toBe(
			'ERROR: agent_stats_export USER DOES NOT HAVE PERMISSION TO GET AGENT INFO: |apinoagt|0|\n',
		);
	});
});

describe('callid_info', () => {
	it('prints the customer talk time of a call, with details on request', async () => {
		expect(await text({ function: 'callid_info', call_id: 'M1120090500000000004' })).toBe('M1120090500000000004|0\n');
		agentDay();
		expect(await text({ function: 'callid_info', call_id: 'M1120090500000000004', stage: 'csv', header: 'YES' })).toBe('call_id,custtime\nM1120090500000000004,120\n');
		expect(await text({ function: 'callid_info', call_id: 'M1120090500000000004', detail: 'YES' })).toBe('M1120090500000000004|120|2026-11-20 09:05:00|4075550100|OUTBOUND_MANUAL|TESTCAMP|101|SALE|1000\n');
		inboundCall();
		expect(await text({ function: 'callid_info', call_id: 'Y1120091000000000003', detail: 'YES' })).toBe('Y1120091000000000003|0|2026-11-20 10:10:00|3125550199|INBOUND|SALESLINE|101|NI|1000\n');
	});

	it('answers CALL NOT FOUND and INVALID SEARCH PARAMETERS', async () => {
		expect(await text({ function: 'callid_info', call_id: 'M9999999999999999999' })).toBe('ERROR: callid_info CALL NOT FOUND: 6666|\n');
		expect(await text({ function: 'callid_info', call_id: 'Q1120090500000000004' })).toBe('ERROR: callid_info INVALID SEARCH PARAMETERS: 6666|Q1120090500000000004\n');
	});

	it('refuses a user without Agent API Access', async () => {
		expect(await text({ function: 'callid_info', call_id: 'M1120090500000000004' }, 'apinoagt', 'apinoagt1')).toBe('ERROR: callid_info USER DOES NOT HAVE PERMISSION TO GET CALL INFO: |apinoagt|0|\n');
	});
});

describe('call_status_stats', () => {
	const hours = (busy: Record<string, number>) => Array.from({ length: 24 }, (_, h) => `${String(h).padStart(2, '0')}-${busy[String(h).padStart(2, '0')] ?? 0}`).join(',');

	it('counts calls per campaign and in-group, by hour and by status', async () => {
		inboundCall();
		expect(await text({ function: 'call_status_stats', campaigns: 'TESTCAMP', ingroups: 'SALESLINE', query_date: '2026-11-20' })).toBe(
			`TESTCAMP|1|1|${hours({ '09': 1 })}|SALE-1|\nSALESLINE|1|1|${hours({ '10': 1 })}|NI-1|\n`,
		);
		expect(await text({ function: 'call_status_stats', campaigns: '---ALL---', query_date: '2026-11-20', statuses: 'NI' })).toBe(`OUTBOUND|0|0|${hours({})}||\nTESTCAMP|0|0|${hours({})}||\n`);
	});

	it('answers with zero counts on a day without calls (verified shape)', async () => {
		expect(await text({ function: 'call_status_stats', campaigns: 'TESTCAMP', query_date: '2026-11-22' })).toBe(`TESTCAMP|0|0|${hours({})}||\n`);
	});

	it('checks the campaigns before the rights, then needs level 9', async () => {
		expect(await text({ function: 'call_status_stats' })).toBe('ERROR: call_status_stats INVALID OR MISSING CAMPAIGNS - test\nERROR: Invalid Source: |test|\n');
		expect(await text({ function: 'call_status_stats', campaigns: 'TESTCAMP' }, 'apirep', 'apirep1')).toBe('ERROR: call_status_stats USER DOES NOT HAVE PERMISSION TO VIEW STATS: |apirep|0|\n');
	});
});

describe('call_dispo_report', () => {
	it('answers a CSV report as text/plain without a final newline', async () => {
		const reply = await nonAgent(sim, { function: 'call_dispo_report', campaigns: 'TESTCAMP', query_date: '2026-11-22' });
		expect(reply).toEqual({ status: 200, body: 'CAMPAIGN,TOTAL CALLS\nTOTAL,0', contentType: 'text/plain;charset=UTF-8' });
		expect(await text({ function: 'call_dispo_report', campaigns: 'TESTCAMP', query_date: '2026-11-20' })).toBe('CAMPAIGN,TOTAL CALLS\nTESTCAMP,1\nTOTAL,1');
	});

	it('breaks calls down by status, with percentages', async () => {
		inboundCall();
		inboundCall({ uniqueid: '1795100700.303', status: 'SALE', call_date: '2026-11-20 11:00:00' });
		expect(await text({ function: 'call_dispo_report', ingroups: 'SALESLINE', query_date: '2026-11-20', status_breakdown: '1', show_percentages: '1' })).toBe(
			'CAMPAIGN,TOTAL CALLS,NI,SALE\nSALESLINE,2,1 (50.0%),1 (50.0%)\nTOTAL,2,1 (50.0%),1 (50.0%)',
		);
		expect(await text({ function: 'call_dispo_report', did_patterns: '3125550100', query_date: '2026-11-20' })).toBe('CAMPAIGN,TOTAL CALLS\n3125550100,2\nTOTAL,2');
	});

	it('answers a missing selection, and the permission error labelled call_status_stats', async () => {
		expect(await text({ function: 'call_dispo_report' })).toBe('ERROR: call_dispo_report INVALID OR MISSING CAMPAIGNS, INGROUPS, OR DIDS - test\nERROR: Invalid Source: |test|\n');
		const refused = await nonAgent(sim, { function: 'call_dispo_report', campaigns: 'TESTCAMP' }, { user: 'apirep', pass: 'apirep1' });
		expect(refused.body).toBe('ERROR: call_status_stats USER DOES NOT HAVE PERMISSION TO VIEW STATS: |apirep|0|\n');
		expect(refused.contentType).toBe('text/html; charset=utf-8');
	});
});

describe('reports use the server date by default', () => {
	it('reports today when query_date is not sent', async () => {
		inboundCall({ call_date: sqlDate(new Date()), direction: 'OUT', campaign_id: 'TESTCAMP', status: 'B' });
		expect(await text({ function: 'call_dispo_report', campaigns: 'TESTCAMP', status_breakdown: '1' })).toBe('CAMPAIGN,TOTAL CALLS,B\nTESTCAMP,1,1\nTOTAL,1,1');
	});
});
