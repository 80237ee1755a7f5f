import { NON_AGENT_PATH, type Simulator } from '../../simulator/server.cjs';

/**
 * Shared setup of the simulator.nonAgent.{admin,status,server}.test.ts files: `useSimulator()`
 * (one simulator per file, a fresh dialer before each test, shared with the Agent API tests)
 * and `nonAgent()` for real HTTP requests to /vicidial/non_agent_api.php.
 */
export { useSimulator } from './agentApi.cjs';

/** The seed's API users (simulator/state.cts): admin, reports-only, no API access, two functions, level 6. */
export const USERS = {
	admin: ['6666', '1234'],
	reports: ['apirep', 'apirep1'],
	noApi: ['apinoagt', 'apinoagt1'],
	few: ['apifew', 'apifew1'],
	low: ['lowlevel', 'lowlevel1'],
} as const;

export interface CallOptions {
	as?: keyof typeof USERS;
	/** GET puts everything in the query string; POST sends a form body. */
	method?: 'GET' | 'POST';
}

/** Call a Non-Agent function as one of the seed users and return the body (status must be 200). */
export async function nonAgent(sim: Simulator, fn: string, params: Record<string, string> = {}, options: CallOptions = {}): Promise<string> {
	const [user, pass] = USERS[options.as ?? 'admin'];
	const form = new URLSearchParams({ source: 'test', user, pass, function: fn, ...params });
	const response =
		options.method === 'POST'
			? await fetch(`${sim.url}${NON_AGENT_PATH}`, {
					method: 'POST',
					headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
					body: form.toString(),
				})
			: await fetch(`${sim.url}${NON_AGENT_PATH}?${form.toString()}`);
	expect(response.status).toBe(200);
	return response.text();
}

/** The phone most tests of blind_monitor, aliases and update_phone start from (notes §4.8). */
export const PHONE_55000 = {
	extension: '55000',
	dialplan_number: '55000',
	voicemail_id: '55000',
	phone_login: '55000',
	phone_pass: 'test',
	server_ip: '127.0.0.1',
	protocol: 'SIP',
	registration_password: 'test',
	phone_full_name: 'Extension 55000',
	local_gmt: '-5.00',
	outbound_cid: '7275551212',
};

/** The picker page from the blank first line to the header row's `<tr>`, as every HTML picker prints it. */
export const PICKER_HEAD =
	'\n<HTML><head><title>NON-AGENT API</title>\n<script language="Javascript">\nfunction choose_file(filename,fieldname)\n\t{\n' +
	'\tif (filename.length > 0)\n\t\t{\n\t\tparent.document.getElementById(fieldname).value = filename;\n' +
	'\t\tdocument.getElementById("selectframe").innerHTML = \'\';\n\t\tdocument.getElementById("selectframe").style.visibility = \'hidden\';\n' +
	'\t\tparent.close_chooser();\n\t\t}\n\t}\nfunction close_file()\n\t{\n\tdocument.getElementById("selectframe").innerHTML = \'\';\n' +
	'\tdocument.getElementById("selectframe").style.visibility = \'hidden\';\n\tparent.close_chooser();\n\t}\n</script>\n</head>\n\n<body>\n' +
	'<a href="javascript:close_file();"><font size=1 face="Arial,Helvetica">close frame</font></a>\n' +
	'<div id=\'selectframe\' style="height:400px;width:710px;overflow:scroll;">\n' +
	'<table border=0 cellpadding=1 cellspacing=2 width=690 bgcolor=white><tr>\n';
