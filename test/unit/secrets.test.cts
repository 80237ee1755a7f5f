import type { IDataObject } from 'n8n-workflow';

import {
	credentialSecrets,
	MASK,
	maskSecretFields,
	redact,
	redactDeep,
	triggerSecrets,
	withItemSecrets,
} from '../../nodes/shared/secrets';

/** Every reply the notes list as echoing the password, with a canary password. */
const CANARY = 'Canary-7f3b9';
const ECHOES = [
	`ERROR: Login incorrect, please try again: |6666|${CANARY}|BAD|`,
	`ERROR: Login incorrect, please try again: |6666|${CANARY}|2FA|`,
	`ERROR: Invalid Username/Password: |6666|${CANARY}|0|1|BAD|0|api|SELECT count(*) from vicidial_users where user='6666' and pass='${CANARY}' and user_level > 0;|`,
	`ERROR: Invalid Username/Password: |apinoagt|${CANARY}|1|0|GOOD|`,
	`ERROR: Invalid Username/Password: |apirep|${CANARY}|0|1|LOCK|`,
	`SUCCESS: add_user USER HAS BEEN ADDED - 6666|2001|${CANARY}|1|API Agent|ADMIN`,
	`https://dialer.example.com/vicidial/non_agent_api.php?user=6666&pass=${encodeURIComponent(CANARY)}&function=version`,
];

describe('redact', () => {
	it.each(ECHOES)('removes the password from %s', (text) => {
		const out = redact(text, [CANARY]);
		expect(out).not.toContain(CANARY);
		expect(out).not.toContain(encodeURIComponent(CANARY));
		expect(out).toContain('***');
	});

	it('masks a short password only where it stands as a whole value, not inside phone numbers', () => {
		expect(redact('ERROR: Login incorrect, please try again: |6666|1234|BAD|', ['1234'])).toBe(
			'ERROR: Login incorrect, please try again: |6666|***|BAD|',
		);
		expect(redact('SUCCESS: add_lead LEAD HAS BEEN ADDED - 7275551234|101|8|-5.00|6666', ['1234'])).toBe(
			'SUCCESS: add_lead LEAD HAS BEEN ADDED - 7275551234|101|8|-5.00|6666',
		);
	});

	it('masks pass= parameters and SQL pass=\'…\' whatever their value', () => {
		expect(redact('url?user=1&pass=other&x=1', [])).toBe('url?user=1&pass=***&x=1');
		expect(redact("where pass='zzz' and", [])).toBe("where pass='***' and");
		expect(redact('phone_pass=abc&password=def', [])).toBe('phone_pass=***&password=***');
	});

	it('redacts nested item values', () => {
		expect(redactDeep({ a: [`x ${CANARY}`], b: { c: CANARY }, n: 5 }, [CANARY])).toEqual({ a: ['x ***'], b: { c: '***' }, n: 5 });
	});
});

describe('one mask for every path', () => {
	it('masks a long secret even inside a word, a short one only as a token', () => {
		expect(redact(`key${CANARY}x`, [CANARY])).toBe(`key${MASK}x`);
		expect(redact('7275551234 and 1234', ['1234'])).toBe(`7275551234 and ${MASK}`);
	});

	it('masks the longer of two overlapping secrets whole', () => {
		expect(redact('abcdefgh-12345', ['abcdefgh', 'abcdefgh-12345'])).toBe(MASK);
	});

	it('redacts object keys as well as values', () => {
		const out = redactDeep({ [CANARY]: 'x', list: [{ deep: `a ${CANARY}` }], n: 1, none: null }, [CANARY]);
		expect(out).toEqual({ [MASK]: 'x', list: [{ deep: `a ${MASK}` }], n: 1, none: null });
	});
});

describe('the secret lists', () => {
	it("lists a credential's password and proxy password, each once, without empties", () => {
		expect(credentialSecrets({ password: '1234', basicAuthPassword: '' })).toEqual(['1234']);
		expect(credentialSecrets({ password: 'same-one', basicAuthPassword: 'same-one' })).toEqual(['same-one']);
	});

	it("lists the trigger's secrets of 4 characters or more", () => {
		expect(triggerSecrets({ secret: 'query-secret-1', headerSecret: '', hmacSecret: 'abc', password: 'basic-pw' })).toEqual([
			'query-secret-1',
			'basic-pw',
		]);
	});

	it("adds the passwords an item sends itself (add_user's agent_pass), not its other values", () => {
		expect(withItemSecrets(['1234'], { agent_user: '2001', agent_pass: 'agentpw9', phone_pass: '', full_name: 'A' })).toEqual([
			'1234',
			'agentpw9',
		]);
	});

	it('masks reply fields named like passwords, whatever they hold', () => {
		const json: IDataObject = { user: '2001', agent_pass: 'x', registration_password: 'y', phone_pass: '', pass_through: 'z' };
		expect(maskSecretFields(json)).toEqual({ user: '2001', agent_pass: MASK, registration_password: MASK, phone_pass: '', pass_through: 'z' });
	});
});
