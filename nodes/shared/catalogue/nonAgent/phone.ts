import { resourceOf } from '../resources';
import * as A from './adminFields';

const PHONE_ADMIN = 'Agent API Access = 1, Ast Admin Access = 1, user level 8+';

export const phoneFunctions = resourceOf('nonAgent', 'phone', {
	add_phone: {
		label: 'Add Phone',
		action: 'Add a phone',
		description:
			'Create a SIP, IAX2, Zap or external phone on a server, with its login, passwords, voicemail box and caller ID (VICIdial function add_phone)',
		fields: [
			A.extension.req(),
			A.dialplan_number.req(),
			A.voicemail_id.req(),
			A.phone_login.req(),
			A.phone_pass.req(),
			A.server_ip.req(),
			A.protocol.req(),
			A.registration_password.req(),
			A.phone_full_name.req(),
			A.local_gmt.req(),
			A.phone_outbound_cid.req(),
			A.phone_context,
			A.phone_email,
			A.admin_user_group,
			A.is_webphone,
			A.webphone_auto_answer,
			A.use_external_server_ip,
			A.template_id,
			A.on_hook_agent,
		],
		writes: true,
		retry: { kind: 'never', why: 'a repeat fails with PHONE ALREADY EXISTS ON THIS SERVER' },
		permission: PHONE_ADMIN,
		reply: {
			kind: 'status',
			lines: {
				'PHONE HAS BEEN ADDED': ['api_user', 'extension', 'server_ip', 'protocol', 'dialplan_number'],
				'PHONE ALREADY EXISTS ON THIS SERVER': ['api_user', 'server_ip', 'extension'],
				'PHONE LOGIN ALREADY EXISTS': ['api_user', 'phone_login'],
				'SERVER DOES NOT EXIST': ['api_user', 'server_ip'],
			},
		},
	},

	update_phone: {
		label: 'Update Phone',
		action: 'Update a phone',
		description:
			'Change or delete a phone found by extension and server: login, passwords, protocol, caller IDs, voicemail, ring timeout, webphone settings (VICIdial function update_phone)',
		fields: [
			A.extension.req().with({ description: 'Extension of the phone to update: 2-100 characters' }),
			A.server_ip
				.req()
				.with({ description: 'Server the phone is on: an IPv4 address, 7-15 characters' }),
			A.delete_phone,
			A.dialplan_number,
			A.voicemail_id,
			A.phone_login,
			A.phone_pass,
			A.protocol.with({ default: undefined }),
			A.registration_password,
			A.phone_full_name,
			A.local_gmt.with({
				default: undefined,
				description: 'Time zone offset of the phone without DST, written like -5.00',
			}),
			A.phone_outbound_cid.with({
				min: 6,
				max: 18,
				description: 'Caller ID number of the phone: 6-18 digits',
			}),
			A.outbound_alt_cid,
			A.phone_context,
			A.phone_email.with({
				min: 5,
				blankable: true,
				description: 'Email address for voicemail: 5-100 characters',
			}),
			A.admin_user_group,
			A.phone_ring_timeout,
			A.delete_vm_after_email,
			A.is_webphone,
			A.webphone_auto_answer,
			A.use_external_server_ip,
			A.template_id,
			A.on_hook_agent,
		],
		writes: true,
		retry: {
			kind: 'never',
			why: 'with delete_phone=Y a repeat fails with PHONE DOES NOT EXIST ON THIS SERVER',
		},
		permission: `${PHONE_ADMIN}; deleting also needs Ast Delete Phones = 1`,
		reply: {
			kind: 'status',
			lines: {
				// The observed SUCCESS carries only extension and server (notes §4.8), the docs more.
				'PHONE HAS BEEN UPDATED': [
					'api_user',
					'extension',
					'server_ip',
					'protocol',
					'dialplan_number',
				],
				'PHONE HAS BEEN DELETED': ['api_user', 'extension', 'server_ip'],
				'PHONE DOES NOT EXIST ON THIS SERVER': ['api_user', 'server_ip', 'extension'],
			},
		},
	},

	add_phone_alias: {
		label: 'Add Phone Alias',
		action: 'Add a phone alias',
		description:
			'Create a phone alias: one login an agent can use for several phones (one per server) (VICIdial function add_phone_alias)',
		fields: [A.alias_id.req(), A.alias_name.req(), A.phone_logins.req()],
		writes: true,
		retry: { kind: 'never', why: 'a repeat fails with PHONE ALIAS ALREADY EXISTS' },
		permission: PHONE_ADMIN,
		reply: {
			kind: 'status',
			lines: {
				'PHONE ALIAS HAS BEEN ADDED': ['api_user', 'alias_id', 'alias_name', 'phone_logins'],
				'PHONE ALIAS ALREADY EXISTS': ['api_user', 'alias_id'],
				'PHONE DOES NOT EXIST': ['api_user', 'phone_login'],
			},
		},
	},

	update_phone_alias: {
		label: 'Update Phone Alias',
		action: 'Update a phone alias',
		description:
			'Change the name or phone logins of a phone alias, or delete it (VICIdial function update_phone_alias)',
		fields: [
			A.alias_id.req(),
			// The docs list both as required; the code needs only one of them (or delete_alias).
			A.alias_name.with({ min: 2, description: 'Alias Name: 2-50 characters' }),
			A.phone_logins,
			A.delete_alias,
		],
		oneOf: [['alias_name', 'phone_logins', 'delete_alias']],
		writes: true,
		retry: {
			kind: 'never',
			why: 'with delete_alias=Y a repeat fails with PHONE ALIAS DOES NOT EXIST',
		},
		permission: `${PHONE_ADMIN}; deleting also needs Ast Delete Phones = 1`,
		reply: {
			kind: 'status',
			lines: {
				'PHONE ALIAS HAS BEEN UPDATED': ['api_user', 'alias_id'],
				'PHONE ALIAS HAS BEEN DELETED': ['api_user', 'alias_id'],
				'PHONE DOES NOT EXIST': ['api_user', 'phone_login'],
				// A NOTICE when only Delete Alias = N was given: nothing changed.
				'NO UPDATES DEFINED': ['api_user'],
			},
		},
	},

	add_group_alias: {
		label: 'Add Group Alias',
		action: 'Add a group alias',
		description:
			'Create a group alias: a caller ID number and name agents can choose for outbound and transfer calls (VICIdial function add_group_alias)',
		fields: [
			A.caller_id_number.req(),
			A.group_alias_id,
			A.group_alias_name,
			A.caller_id_name,
			A.active.with({ description: 'Y or N (default Y)' }),
			A.admin_user_group,
		],
		writes: true,
		retry: { kind: 'never', why: 'a repeat fails with GROUP ALIAS ALREADY EXISTS' },
		permission: PHONE_ADMIN,
		reply: {
			kind: 'status',
			lines: {
				// Observed order (notes §4.8); the docs show the caller ID number first.
				'GROUP ALIAS HAS BEEN ADDED': [
					'api_user',
					'group_alias_id',
					'group_alias_name',
					'caller_id_number',
				],
				'GROUP ALIAS ALREADY EXISTS': ['api_user', 'group_alias_id', 'caller_id_number'],
			},
		},
	},
});
