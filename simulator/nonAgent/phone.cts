import type { Handler, HandlerContext } from '../context.cjs';
import type { SimPhone, SimState } from '../state.cjs';
import { applyRules, BLANK, dashLine, lengthIn, oneOf, OPTIONAL, pipeLine, serverExists, within, type Rule } from './adminReplies.cjs';
import { allowed, arg, denied } from './php.cjs';

/** Phones are unique per extension and server (`phones` has no single-column key). */
export function phoneKey(extension: string, serverIp: string): string {
	return `${extension}@${serverIp}`;
}

export function phoneByLogin(state: SimState, login: string): SimPhone | undefined {
	return [...state.phones.values()].find((phone) => phone.login === login);
}

/** The `local_gmt` values add_phone and update_phone accept (the PHP's literal list). */
const VALID_GMT = new Set([
	'12.75',
	'12.00',
	'11.00',
	'10.00',
	'9.50',
	'9.00',
	'8.00',
	'7.00',
	'6.50',
	'6.00',
	'5.75',
	'5.50',
	'5.00',
	'4.50',
	'4.00',
	'3.50',
	'3.00',
	'2.00',
	'1.00',
	'0.00',
	'-1.00',
	'-2.00',
	'-3.00',
	'-3.50',
	'-4.00',
	'-5.00',
	'-6.00',
	'-7.00',
	'-8.00',
	'-9.00',
	'-10.00',
	'-11.00',
	'-12.00',
]);

const PROTOCOLS = ['IAX2', 'SIP', 'Zap', 'EXTERNAL'];

/** The optional Y/N-style phone settings the PHP copies only when they match, silently ignoring the rest. */
function optionalPhoneFlags(ctx: HandlerContext): Record<string, string> {
	const flags: Record<string, string> = {};
	const patterns: [string, RegExp][] = [
		['is_webphone', /^Y$|^N$|^Y_API_LAUNCH$/i],
		['webphone_auto_answer', /^Y$|^N$/i],
		['use_external_server_ip', /^Y$|^N$/i],
		['on_hook_agent', /^Y$|^N$/i],
	];
	for (const [name, pattern] of patterns) {
		if (pattern.test(arg(ctx, name))) flags[name] = arg(ctx, name);
	}
	return flags;
}

/** No conf templates exist in the simulated system, so any template_id but `--BLANK--` is unknown. */
function templateError(fn: string, ctx: HandlerContext): string | undefined {
	const template = arg(ctx, 'template_id');
	if (template.length > 1 && !/^--BLANK--$/i.test(template)) {
		return pipeLine('ERROR', `${fn} TEMPLATE ID DOES NOT EXIST, THIS IS AN OPTIONAL FIELD`, ctx.apiUser.user, `${arg(ctx, 'phone_login')}|${template}`);
	}
	return undefined;
}

/** add_phone: verified `SUCCESS: add_phone PHONE HAS BEEN ADDED - 6666|55000|127.0.0.1|SIP|55000`. */
const add_phone: Handler = (ctx) => {
	const { state } = ctx;
	const user = ctx.apiUser.user;
	if (!allowed(ctx.apiUser, { minLevel: 8, api: true, rights: ['ast_admin_access'] })) return denied('add_phone', 'ADD PHONES', user, false);
	const p = (name: string) => arg(ctx, name);
	const required = [
		'extension',
		'dialplan_number',
		'voicemail_id',
		'phone_login',
		'phone_pass',
		'server_ip',
		'protocol',
		'registration_password',
		'phone_full_name',
		'local_gmt',
		'outbound_cid',
	];
	const missing =
		p('extension').length < 2 || p('dialplan_number').length < 2 || required.slice(2).some((name) => p(name).length < 1) || !PROTOCOLS.includes(p('protocol'));
	if (missing) return pipeLine('ERROR', 'add_phone YOU MUST USE ALL REQUIRED FIELDS', user, required.map(p).join('|'));
	const serverIp = p('server_ip');
	if (!serverExists(state, serverIp)) return pipeLine('ERROR', 'add_phone SERVER DOES NOT EXIST', user, serverIp);
	if (state.phones.has(phoneKey(p('extension'), serverIp)))
		return pipeLine('ERROR', 'add_phone PHONE ALREADY EXISTS ON THIS SERVER', user, `${serverIp}|${p('extension')}`);
	if (phoneByLogin(state, p('phone_login'))) return pipeLine('ERROR', 'add_phone PHONE LOGIN ALREADY EXISTS', user, p('phone_login'));
	if (!VALID_GMT.has(p('local_gmt'))) return pipeLine('ERROR', 'add_phone YOU MUST USE A VALID TIMEZONE', user, p('local_gmt'));
	const template = templateError('add_phone', ctx);
	if (template) return template;
	state.phones.set(phoneKey(p('extension'), serverIp), {
		extension: p('extension'),
		server_ip: serverIp,
		dialplan_number: p('dialplan_number'),
		voicemail_id: p('voicemail_id'),
		login: p('phone_login'),
		pass: p('phone_pass'),
		protocol: p('protocol'),
		registration_password: p('registration_password'),
		fullname: p('phone_full_name'),
		local_gmt: p('local_gmt'),
		outbound_cid: p('outbound_cid'),
		phone_context: p('phone_context') || 'default',
		email: p('email'),
		active: 'Y',
		status: 'ACTIVE',
		user_group: p('admin_user_group') || '---ALL---',
		template_id: p('template_id') === BLANK ? '' : p('template_id'),
		...optionalPhoneFlags(ctx),
	});
	return dashLine('SUCCESS', 'add_phone PHONE HAS BEEN ADDED', user, `${p('extension')}|${serverIp}|${p('protocol')}|${p('dialplan_number')}`);
};

/**
 * update_phone's optional settings in the PHP's order. The login test is
 * `extension != … and server_ip != …`, so a login another extension uses on the same server
 * passes; the ring-timeout error prints outbound_alt_cid (copied code).
 */
function phoneRules(ctx: HandlerContext, extension: string, serverIp: string): Rule[] {
	const loginFree = (login: string) =>
		![...ctx.state.phones.values()].some((other) => other.login === login && other.extension !== extension && other.server_ip !== serverIp);
	return [
		{ param: 'local_gmt', reason: 'YOU MUST USE A VALID TIMEZONE', valid: (gmt) => VALID_GMT.has(gmt) },
		{ param: 'email', reason: 'YOU MUST USE A VALID EMAIL', valid: lengthIn(5, 300), blankable: true },
		{ param: 'phone_context', reason: 'YOU MUST USE A VALID PHONE CONTEXT', valid: lengthIn(2, 30), blankable: true },
		{ param: 'phone_full_name', column: 'fullname', reason: 'YOU MUST USE A VALID PHONE NAME', valid: lengthIn(2, 30), blankable: true },
		{ param: 'registration_password', reason: 'YOU MUST USE A VALID REGISTRATION PASSWORD', valid: lengthIn(2, 30), blankable: true },
		{ param: 'protocol', reason: 'YOU MUST USE A VALID PROTOCOL', valid: oneOf(...PROTOCOLS) },
		{ param: 'phone_pass', column: 'pass', reason: 'YOU MUST USE A VALID PHONE PASSWORD', valid: lengthIn(2, 30) },
		{ param: 'phone_login', column: 'login', reason: 'LOGIN ALREADY EXISTS', valid: loginFree },
		{ param: 'voicemail_id', reason: 'YOU MUST USE A VALID VOICEMAIL NUMBER', valid: lengthIn(2, 30), blankable: true },
		{ param: 'dialplan_number', reason: 'YOU MUST USE A VALID DIALPLAN NUMBER', valid: lengthIn(3, 30) },
		{ param: 'active', reason: `ACTIVE MUST BE Y OR N${OPTIONAL}`, valid: oneOf('Y', 'N') },
		{ param: 'outbound_cid', reason: `OUTBOUND CID MUST BE FROM 6 TO 18 DIGITS${OPTIONAL}`, valid: lengthIn(6, 18) },
		{ param: 'admin_user_group', column: 'user_group', reason: `USER GROUP MUST BE FROM 2 TO 20 CHARACTERS${OPTIONAL}`, valid: lengthIn(2, 20) },
		{ param: 'outbound_alt_cid', reason: `OUTBOUND ALT CID MUST BE FROM 6 TO 18 DIGITS${OPTIONAL}`, valid: lengthIn(6, 18), blankable: true },
		{
			param: 'phone_ring_timeout',
			reason: `PHONE RING TIMEOUT MUST BE FROM 2 TO 180 SECONDS${OPTIONAL}`,
			valid: within(2, 180),
			data: () => arg(ctx, 'outbound_alt_cid'),
		},
		{ param: 'delete_vm_after_email', reason: `DELETE VOICEMAIL AFTER EMAIL MUST BE Y OR N${OPTIONAL}`, valid: oneOf('Y', 'N') },
	];
}

/**
 * update_phone: edit or delete (delete_phone=Y, needs "ast delete phones" else a NOTICE).
 * Verified `SUCCESS: update_phone PHONE HAS BEEN UPDATED - 6666|55000|127.0.0.1|`. The PHP's
 * "no updates" test never fires (its SQL always holds spaces), so an empty update succeeds.
 */
const update_phone: Handler = (ctx) => {
	const { state } = ctx;
	const user = ctx.apiUser.user;
	if (!allowed(ctx.apiUser, { minLevel: 8, api: true, rights: ['ast_admin_access'] })) return denied('update_phone', 'UPDATE PHONES', user, false);
	const extension = arg(ctx, 'extension');
	const serverIp = arg(ctx, 'server_ip');
	if (extension.length < 2 || serverIp.length < 1) return pipeLine('ERROR', 'update_phone YOU MUST USE ALL REQUIRED FIELDS', user, `${extension}|${serverIp}`);
	if (!serverExists(state, serverIp)) return pipeLine('ERROR', 'update_phone SERVER DOES NOT EXIST', user, serverIp);
	const key = phoneKey(extension, serverIp);
	const phone = state.phones.get(key);
	if (!phone) return pipeLine('ERROR', 'update_phone PHONE DOES NOT EXIST ON THIS SERVER', user, `${serverIp}|${extension}`);
	if (arg(ctx, 'delete_phone') === 'Y') {
		if (!allowed(ctx.apiUser, { minLevel: 8, api: true, rights: ['ast_delete_phones'] }))
			return pipeLine('NOTICE', 'update_phone USER DOES NOT HAVE PERMISSION TO DELETE PHONES', user, '0');
		state.phones.delete(key);
		return dashLine('SUCCESS', 'update_phone PHONE HAS BEEN DELETED', user, `${extension}|${serverIp}|`);
	}
	const settings = applyRules(ctx, 'update_phone', phoneRules(ctx, extension, serverIp));
	if ('error' in settings) return settings.error;
	const template = templateError('update_phone', ctx);
	if (template) return template;
	if (/^--BLANK--$/i.test(arg(ctx, 'template_id'))) settings.set.template_id = '';
	Object.assign(phone, settings.set, optionalPhoneFlags(ctx));
	return dashLine('SUCCESS', 'update_phone PHONE HAS BEEN UPDATED', user, `${extension}|${serverIp}|`);
};

/** The first comma-separated login that has no phone, as the alias functions check them. */
function missingLogin(state: SimState, logins: string): string | undefined {
	return logins.split(',').find((login) => !phoneByLogin(state, login));
}

/** add_phone_alias: verified `SUCCESS: add_phone_alias PHONE ALIAS HAS BEEN ADDED - 6666|al55000|Alias 55000|55000`. */
const add_phone_alias: Handler = (ctx) => {
	const { state } = ctx;
	const user = ctx.apiUser.user;
	if (!allowed(ctx.apiUser, { minLevel: 8, api: true, rights: ['ast_admin_access'] })) return denied('add_phone_alias', 'ADD PHONE ALIASES', user, false);
	const aliasId = arg(ctx, 'alias_id');
	const aliasName = arg(ctx, 'alias_name');
	const logins = arg(ctx, 'phone_logins');
	if (aliasId.length < 2 || logins.length < 2 || aliasName.length < 1) {
		return pipeLine('ERROR', 'add_phone_alias YOU MUST USE ALL REQUIRED FIELDS', user, `${aliasId}|${aliasName}|${logins}`);
	}
	if (state.phoneAliases.has(aliasId)) return pipeLine('ERROR', 'add_phone_alias PHONE ALIAS ALREADY EXISTS', user, aliasId);
	const missing = missingLogin(state, logins);
	if (missing !== undefined) return pipeLine('ERROR', 'add_phone_alias PHONE DOES NOT EXIST', user, missing);
	state.phoneAliases.set(aliasId, { alias_id: aliasId, alias_name: aliasName, logins_list: logins });
	return dashLine('SUCCESS', 'add_phone_alias PHONE ALIAS HAS BEEN ADDED', user, `${aliasId}|${aliasName}|${logins}`);
};

/**
 * update_phone_alias: edit or delete. Deleting without "ast delete phones" is a NOTICE, not an
 * ERROR (verified `NOTICE: update_phone_alias USER DOES NOT HAVE PERMISSION TO DELETE PHONE ALIASES: |6666|0`).
 */
const update_phone_alias: Handler = (ctx) => {
	const { state } = ctx;
	const user = ctx.apiUser.user;
	if (!allowed(ctx.apiUser, { minLevel: 8, api: true, rights: ['ast_admin_access'] })) return denied('update_phone_alias', 'UPDATE PHONE ALIASES', user, false);
	const aliasId = arg(ctx, 'alias_id');
	const aliasName = arg(ctx, 'alias_name');
	const logins = arg(ctx, 'phone_logins');
	const deleteAlias = arg(ctx, 'delete_alias');
	if (aliasId.length < 2 || (logins.length < 2 && aliasName.length < 1 && deleteAlias.length < 1)) {
		return pipeLine('ERROR', 'update_phone_alias YOU MUST USE ALL REQUIRED FIELDS', user, `${aliasId}|${aliasName}|${logins}`);
	}
	const alias = state.phoneAliases.get(aliasId);
	if (!alias) return pipeLine('ERROR', 'update_phone_alias PHONE ALIAS DOES NOT EXIST', user, aliasId);
	if (deleteAlias === 'Y') {
		if (!allowed(ctx.apiUser, { minLevel: 8, api: true, rights: ['ast_delete_phones'] }))
			return pipeLine('NOTICE', 'update_phone_alias USER DOES NOT HAVE PERMISSION TO DELETE PHONE ALIASES', user, '0');
		state.phoneAliases.delete(aliasId);
		return dashLine('SUCCESS', 'update_phone_alias PHONE ALIAS HAS BEEN DELETED', user, aliasId);
	}
	if (aliasName.length > 0 && (aliasName.length > 50 || aliasName.length < 2)) {
		return pipeLine('ERROR', 'update_phone_alias YOU MUST USE A VALID ALIAS NAME', user, aliasName);
	}
	if (logins.length > 1) {
		const missing = missingLogin(state, logins);
		if (missing !== undefined) return pipeLine('ERROR', 'update_phone_alias PHONE DOES NOT EXIST', user, missing);
	}
	if (aliasName.length < 1 && logins.length < 2) return pipeLine('NOTICE', 'update_phone_alias NO UPDATES DEFINED', user, '');
	if (aliasName.length > 0) alias.alias_name = aliasName;
	if (logins.length > 1) alias.logins_list = logins;
	return dashLine('SUCCESS', 'update_phone_alias PHONE ALIAS HAS BEEN UPDATED', user, `${aliasId}|`);
};

/** add_group_alias: verified `SUCCESS: add_group_alias GROUP ALIAS HAS BEEN ADDED - 6666|api_alias|API alias|7275551212`. */
const add_group_alias: Handler = (ctx) => {
	const { state } = ctx;
	const user = ctx.apiUser.user;
	if (!allowed(ctx.apiUser, { minLevel: 8, api: true, rights: ['ast_admin_access'] })) return denied('add_group_alias', 'ADD GROUP ALIASES', user, false);
	const number = arg(ctx, 'caller_id_number');
	let id = arg(ctx, 'group_alias_id');
	let name = arg(ctx, 'group_alias_name');
	if (number.length < 6) return pipeLine('ERROR', 'add_group_alias YOU MUST USE ALL REQUIRED FIELDS', user, `${id}|${name}|${number}`);
	if (id.length < 2) id = number;
	if (name.length < 2) name = number;
	if (state.groupAliases.has(id)) return pipeLine('ERROR', 'add_group_alias GROUP ALIAS ALREADY EXISTS', user, `${id}|${number}`);
	state.groupAliases.set(id, {
		group_alias_id: id,
		group_alias_name: name,
		caller_id_number: number,
		caller_id_name: arg(ctx, 'caller_id_name'),
		active: arg(ctx, 'active') || 'Y',
	});
	return dashLine('SUCCESS', 'add_group_alias GROUP ALIAS HAS BEEN ADDED', user, `${id}|${name}|${number}`);
};

export const phoneHandlers: Record<string, Handler> = {
	add_phone,
	update_phone,
	add_phone_alias,
	update_phone_alias,
	add_group_alias,
};
