import type { IDataObject } from 'n8n-workflow';

import type { Simulator } from '../../simulator/server.cjs';
import type { SimPhone } from '../../simulator/state.cjs';
import { REPORT_USER, json, resourceRunner, withSimulator } from './vicidial.shared.cjs';

/** Phones, phone aliases and group aliases through the VICIdial node. */
describe('VICIdial node: phone resource', () => {
	let sim: Simulator;
	withSimulator((started) => (sim = started));

	const run = resourceRunner('phone', () => sim);

	/** A phone row as add_phone stores it. */
	const seedPhone = (extension: string, login: string): SimPhone => {
		const phone: SimPhone = {
			extension,
			server_ip: '127.0.0.1',
			dialplan_number: extension,
			voicemail_id: extension,
			login,
			pass: 'phonePw',
			protocol: 'SIP',
			registration_password: 'regPw',
			fullname: `Phone ${extension}`,
			local_gmt: '-5.00',
			outbound_cid: '3125550000',
			email: 'vm@example.com',
			outbound_alt_cid: '',
		};
		sim.state.phones.set(`${extension}@127.0.0.1`, phone);
		return phone;
	};
	const phone = (extension: string) => sim.state.phones.get(`${extension}@127.0.0.1`);

	describe('add_phone', () => {
		const PHONE_PASS = 'Canary-phone-pw';
		const REGISTRATION = 'Canary-reg-pw';
		const newPhone = (extra: IDataObject = {}) => ({
			extension: '55000',
			dialplanNumber: '55000',
			voicemailId: '55000',
			phoneLogin: '55000',
			phonePass: PHONE_PASS,
			serverIp: '127.0.0.1',
			protocol: 'SIP',
			registrationPassword: REGISTRATION,
			phoneFullName: 'Phone 55000',
			localGmt: '-5.00',
			outboundCid: '3125550000',
			...extra,
		});

		it('adds the phone with its passwords', async () => {
			const result = await run('add_phone', newPhone({ additionalFields: { isWebphone: 'Y_API_LAUNCH', phoneContext: 'agents' } }));
			expect(json(result)).toEqual([
				{ result: 'SUCCESS', message: 'PHONE HAS BEEN ADDED', api_user: '6666', extension: '55000', server_ip: '127.0.0.1', protocol: 'SIP', dialplan_number: '55000' },
			]);
			expect(phone('55000')).toMatchObject({
				login: '55000',
				pass: PHONE_PASS,
				registration_password: REGISTRATION,
				fullname: 'Phone 55000',
				is_webphone: 'Y_API_LAUNCH',
				phone_context: 'agents',
			});
		});

		it('masks both phone passwords when VICIdial echoes them in an error', async () => {
			// A one-digit dialplan number passes the node (docs: 1-20 digits) but VICIdial wants
			// two, and its YOU MUST USE ALL REQUIRED FIELDS prints every required value.
			const result = await run('add_phone', newPhone({ dialplanNumber: '5' }));
			expect(result.error?.message).toBe(
				'add_phone: YOU MUST USE ALL REQUIRED FIELDS (6666|55000|5|55000|55000|***|127.0.0.1|SIP|***|Phone 55000|-5.00|3125550000)',
			);
			const recorded = JSON.stringify(result.run).split(`"phonePass":"${PHONE_PASS}"`).join('').split(`"registrationPassword":"${REGISTRATION}"`).join('');
			expect(recorded).not.toContain(PHONE_PASS);
			expect(recorded).not.toContain(REGISTRATION);
		});

		it('fails with duplicate for an extension that exists on the server', async () => {
			seedPhone('55000', 'other');
			const result = await run('add_phone', newPhone());
			expect(result.error?.message).toBe('add_phone: PHONE ALREADY EXISTS ON THIS SERVER (6666|127.0.0.1|55000)');
			expect(result.error?.context?.code).toBe('duplicate');
		});

		it('fails with duplicate for a login another phone uses', async () => {
			seedPhone('55001', '55000');
			const result = await run('add_phone', newPhone());
			expect(result.error?.message).toBe('add_phone: PHONE LOGIN ALREADY EXISTS (6666|55000)');
			expect(result.error?.context?.code).toBe('duplicate');
		});

		it('fails with not_found for a server that is not in the system', async () => {
			const result = await run('add_phone', newPhone({ serverIp: '10.0.0.9' }));
			expect(result.error?.message).toBe('add_phone: SERVER DOES NOT EXIST (6666|10.0.0.9)');
			expect(result.error?.context?.code).toBe('not_found');
			expect(sim.state.phones.size).toBe(0);
		});

		it('fails with a permission error without Ast Admin Access', async () => {
			const result = await run('add_phone', newPhone(), REPORT_USER);
			expect(result.error?.message).toBe('add_phone: USER DOES NOT HAVE PERMISSION TO ADD PHONES (apirep|0)');
			expect(result.error?.context?.code).toBe('permission');
			expect(result.error?.description).toContain('Ast Admin Access = 1');
		});

		it('refuses a time zone not written like -5.00 before sending', async () => {
			const result = await run('add_phone', newPhone({ localGmt: '-5' }));
			expect(result.error?.message).toBe('Local GMT must be an offset with two decimals such as -5.00 or 5.50; got "-5"');
			expect(sim.log).toHaveLength(0);
		});
	});

	describe('update_phone', () => {
		beforeEach(() => seedPhone('55000', '55000'));

		it('changes the phone', async () => {
			const result = await run('update_phone', {
				extension: '55000',
				serverIp: '127.0.0.1',
				additionalFields: { phoneFullName: 'Front Desk', phoneRingTimeout: 45, outboundAltCid: '7275551212' },
			});
			expect(json(result)).toEqual([{ result: 'SUCCESS', message: 'PHONE HAS BEEN UPDATED', api_user: '6666', extension: '55000', server_ip: '127.0.0.1' }]);
			expect(phone('55000')).toMatchObject({ fullname: 'Front Desk', phone_ring_timeout: '45', outbound_alt_cid: '7275551212' });
		});

		it('clears the voicemail email with --BLANK--', async () => {
			const result = await run('update_phone', { extension: '55000', serverIp: '127.0.0.1', clearFields: ['email'] });
			expect(result.error).toBeUndefined();
			expect(sim.log[0].params.email).toBe('--BLANK--');
			expect(phone('55000')?.email).toBe('');
		});

		it('deletes the phone', async () => {
			const result = await run('update_phone', { extension: '55000', serverIp: '127.0.0.1', additionalFields: { deletePhone: true } });
			expect(json(result)).toEqual([{ result: 'SUCCESS', message: 'PHONE HAS BEEN DELETED', api_user: '6666', extension: '55000', server_ip: '127.0.0.1' }]);
			expect(phone('55000')).toBeUndefined();
		});

		// Regression (was a bug): VICIdial refuses the delete with a NOTICE line (USER DOES NOT HAVE PERMISSION TO
		// DELETE PHONES), and checkReply/toItems in reply.ts output a NOTICE-only reply as a
		// success item: the workflow goes on as if the phone were gone.
		it('fails with a permission error when deleting without Ast Delete Phones', async () => {
			sim.state.users.get('6666')!.ast_delete_phones = false;
			const result = await run('update_phone', { extension: '55000', serverIp: '127.0.0.1', additionalFields: { deletePhone: true } });
			expect(phone('55000')).toBeDefined();
			expect(result.error?.message).toBe('update_phone: USER DOES NOT HAVE PERMISSION TO DELETE PHONES (6666|0)');
			expect(result.error?.context?.code).toBe('permission');
		});

		it('fails with not_found for a phone that is not on the server', async () => {
			const result = await run('update_phone', { extension: '55999', serverIp: '127.0.0.1', additionalFields: { phoneFullName: 'Nobody' } });
			expect(result.error?.message).toBe('update_phone: PHONE DOES NOT EXIST ON THIS SERVER (6666|127.0.0.1|55999)');
			expect(result.error?.context?.code).toBe('not_found');
		});

		it('fails with VICIdial\'s reason for a login another phone uses', async () => {
			const other = seedPhone('55001', 'taken');
			other.server_ip = '127.0.0.2';
			const result = await run('update_phone', { extension: '55000', serverIp: '127.0.0.1', additionalFields: { phoneLogin: 'taken' } });
			expect(result.error?.message).toBe('update_phone: LOGIN ALREADY EXISTS (6666|taken)');
			expect(result.error?.context?.code).toBe('duplicate');
			expect(phone('55000')?.login).toBe('55000');
		});

		it('refuses a ring timeout outside 2-180 before sending', async () => {
			const result = await run('update_phone', { extension: '55000', serverIp: '127.0.0.1', additionalFields: { phoneRingTimeout: 1 } });
			expect(result.error?.message).toBe('Phone Ring Timeout must be a whole number from 2 to 180; got "1"');
			expect(sim.log).toHaveLength(0);
		});
	});

	describe('add_phone_alias', () => {
		it('adds an alias over two phones', async () => {
			seedPhone('55000', '55000');
			seedPhone('55001', '55001');
			const result = await run('add_phone_alias', { aliasId: 'al55000', aliasName: 'Alias 55000', phoneLogins: '55000, 55001' });
			expect(json(result)).toEqual([
				{ result: 'SUCCESS', message: 'PHONE ALIAS HAS BEEN ADDED', api_user: '6666', alias_id: 'al55000', alias_name: 'Alias 55000', phone_logins: '55000,55001' },
			]);
			expect(sim.state.phoneAliases.get('al55000')).toEqual({ alias_id: 'al55000', alias_name: 'Alias 55000', logins_list: '55000,55001' });
		});

		it('fails with not_found when a login has no phone', async () => {
			seedPhone('55000', '55000');
			const result = await run('add_phone_alias', { aliasId: 'al55000', aliasName: 'Alias 55000', phoneLogins: '55000,nophone' });
			expect(result.error?.message).toBe('add_phone_alias: PHONE DOES NOT EXIST (6666|nophone)');
			expect(result.error?.context?.code).toBe('not_found');
			expect(sim.state.phoneAliases.size).toBe(0);
		});

		it('fails with duplicate for an existing alias', async () => {
			seedPhone('55000', '55000');
			sim.state.phoneAliases.set('al55000', { alias_id: 'al55000', alias_name: 'Old', logins_list: '55000' });
			const result = await run('add_phone_alias', { aliasId: 'al55000', aliasName: 'Alias 55000', phoneLogins: '55000' });
			expect(result.error?.message).toBe('add_phone_alias: PHONE ALIAS ALREADY EXISTS (6666|al55000)');
			expect(result.error?.context?.code).toBe('duplicate');
		});

		// Regression (was a bug): schemas.ts does not apply min/max to `list` fields, so Phone Logins (2-255
		// characters in all) lets a one-character login through and VICIdial refuses it.
		it('refuses phone logins shorter than 2 characters in all before sending', async () => {
			const result = await run('add_phone_alias', { aliasId: 'al55000', aliasName: 'Alias 55000', phoneLogins: '5' });
			expect(sim.log).toHaveLength(0);
			expect(result.error?.context?.code).toBe('validation');
		});
	});

	describe('update_phone_alias', () => {
		beforeEach(() => {
			seedPhone('55000', '55000');
			seedPhone('55001', '55001');
			sim.state.phoneAliases.set('al55000', { alias_id: 'al55000', alias_name: 'Alias 55000', logins_list: '55000' });
		});
		const alias = () => sim.state.phoneAliases.get('al55000');

		it('renames the alias and changes its phones', async () => {
			const result = await run('update_phone_alias', { aliasId: 'al55000', additionalFields: { aliasName: 'Front desks', phoneLogins: '55000,55001' } });
			expect(json(result)).toEqual([{ result: 'SUCCESS', message: 'PHONE ALIAS HAS BEEN UPDATED', api_user: '6666', alias_id: 'al55000' }]);
			expect(alias()).toEqual({ alias_id: 'al55000', alias_name: 'Front desks', logins_list: '55000,55001' });
		});

		it('deletes the alias', async () => {
			const result = await run('update_phone_alias', { aliasId: 'al55000', additionalFields: { deleteAlias: true } });
			expect(json(result)).toEqual([{ result: 'SUCCESS', message: 'PHONE ALIAS HAS BEEN DELETED', api_user: '6666', alias_id: 'al55000' }]);
			expect(alias()).toBeUndefined();
		});

		// Regression (was a bug): as for update_phone, the refusal is a NOTICE line that comes out as a success item.
		it('fails with a permission error when deleting without Ast Delete Phones', async () => {
			sim.state.users.get('6666')!.ast_delete_phones = false;
			const result = await run('update_phone_alias', { aliasId: 'al55000', additionalFields: { deleteAlias: true } });
			expect(alias()).toBeDefined();
			expect(result.error?.message).toBe('update_phone_alias: USER DOES NOT HAVE PERMISSION TO DELETE PHONE ALIASES (6666|0)');
			expect(result.error?.context?.code).toBe('permission');
		});

		it('fails with not_found for an unknown alias', async () => {
			const result = await run('update_phone_alias', { aliasId: 'nosuchalias', additionalFields: { aliasName: 'Nobody' } });
			expect(result.error?.message).toBe('update_phone_alias: PHONE ALIAS DOES NOT EXIST (6666|nosuchalias)');
			expect(result.error?.context?.code).toBe('not_found');
		});

		it('outputs VICIdial\'s NO UPDATES DEFINED notice when only Delete Alias = false is given', async () => {
			const result = await run('update_phone_alias', { aliasId: 'al55000', additionalFields: { deleteAlias: false } });
			expect(result.error).toBeUndefined();
			expect(json(result)).toEqual([expect.objectContaining({ result: 'NOTICE', message: 'NO UPDATES DEFINED', api_user: '6666' })]);
			expect(sim.log[0].params.delete_alias).toBe('N');
			expect(alias()?.alias_name).toBe('Alias 55000');
		});

		it('refuses a call that changes nothing before sending', async () => {
			const result = await run('update_phone_alias', { aliasId: 'al55000' });
			expect(result.error?.message).toBe('Give at least one of: Alias Name, Phone Logins, Delete Alias');
			expect(sim.log).toHaveLength(0);
		});
	});

	describe('add_group_alias', () => {
		it('adds a caller ID alias', async () => {
			const result = await run('add_group_alias', {
				callerIdNumber: '7275551212',
				additionalFields: { groupAliasId: 'api_alias', groupAliasName: 'API alias', callerIdName: 'ACME Sales', active: false },
			});
			expect(json(result)).toEqual([
				{ result: 'SUCCESS', message: 'GROUP ALIAS HAS BEEN ADDED', api_user: '6666', group_alias_id: 'api_alias', group_alias_name: 'API alias', caller_id_number: '7275551212' },
			]);
			expect(sim.state.groupAliases.get('api_alias')).toEqual({
				group_alias_id: 'api_alias',
				group_alias_name: 'API alias',
				caller_id_number: '7275551212',
				caller_id_name: 'ACME Sales',
				active: 'N',
			});
		});

		it('takes the number as ID and name when they are left out; a formatted number is refused', async () => {
			const result = await run('add_group_alias', { callerIdNumber: '(727) 555-1213' });
			expect(result.error?.message).toBe('Caller ID Number must be 6-20 digits; got "(727) 555-1213"');
			const plain = await run('add_group_alias', { callerIdNumber: '7275551213' });
			expect(json(plain)).toEqual([expect.objectContaining({ group_alias_id: '7275551213', group_alias_name: '7275551213', caller_id_number: '7275551213' })]);
		});

		it('fails with duplicate for an existing alias ID', async () => {
			sim.state.groupAliases.set('api_alias', { group_alias_id: 'api_alias', group_alias_name: 'Old', caller_id_number: '7275550000', caller_id_name: '', active: 'Y' });
			const result = await run('add_group_alias', { callerIdNumber: '7275551212', additionalFields: { groupAliasId: 'api_alias' } });
			expect(result.error?.message).toBe('add_group_alias: GROUP ALIAS ALREADY EXISTS (6666|api_alias|7275551212)');
			expect(result.error?.context?.code).toBe('duplicate');
		});

		it('fails with a permission error without Ast Admin Access', async () => {
			const result = await run('add_group_alias', { callerIdNumber: '7275551212' }, REPORT_USER);
			expect(result.error?.message).toBe('add_group_alias: USER DOES NOT HAVE PERMISSION TO ADD GROUP ALIASES (apirep|0)');
			expect(result.error?.context?.code).toBe('permission');
		});
	});
});
