import * as F from '../fields';
import { field } from '../field';
import { resourceOf } from '../resources';

const DNC_WRITE = 'Modify Lists = 1, user level 8+';

// DNC numbers are 6-20 characters; no country code is split off (there is no phone_code).
const dnc_phone_number = F.phone_number.req().with({
	max: 20,
	phoneCodeField: undefined,
	description: 'Number to add or remove: 6-20 digits. Pasted forms such as "(312) 555-1234" are reduced to digits.',
});

const dnc_campaign_id = F.campaign_id.req().with({
	max: 30,
	description: 'Campaign whose DNC list to use, or SYSTEM_INTERNAL for the system-wide DNC list: 2-30 characters',
});

const fpg_group = field({
	name: 'group',
	label: 'Filter Phone Group',
	type: 'code',
	required: true,
	min: 2,
	max: 30,
	description: 'Filter Phone Group ID defined in VICIdial: 2-30 characters',
});

export const dncFunctions = resourceOf('nonAgent', 'dnc', {
	add_dnc_phone: {
		label: 'Add DNC Number',
		action: 'Add a number to a DNC list',
		description:
			'Put a phone number on the system do-not-call list (SYSTEM_INTERNAL) or on a campaign\'s DNC list so it is not dialed (VICIdial function add_dnc_phone)',
		fields: [dnc_phone_number, dnc_campaign_id],
		writes: true,
		alreadyDone: { 'DNC NUMBER ALREADY EXISTS': 'already exists' },
		// A repeat is refused with DNC NUMBER ALREADY EXISTS.
		retry: { kind: 'always' },
		// No Agent API Access check for the DNC functions (notes §4.7).
		permission: DNC_WRITE,
		reply: {
			kind: 'status',
			lines: {
				'DNC NUMBER HAS BEEN ADDED': ['api_user', 'phone_number', 'campaign_id'],
				'DNC NUMBER ALREADY EXISTS': ['api_user', 'phone_number', 'campaign_id'],
			},
		},
	},

	delete_dnc_phone: {
		label: 'Delete DNC Number',
		action: 'Remove a number from a DNC list',
		description:
			'Take a phone number off the system do-not-call list (SYSTEM_INTERNAL) or off a campaign\'s DNC list (VICIdial function delete_dnc_phone)',
		fields: [dnc_phone_number, dnc_campaign_id],
		writes: true,
		alreadyDone: { 'DNC NUMBER DOES NOT EXIST': 'already gone' },
		// A repeat is refused with DNC NUMBER DOES NOT EXIST.
		retry: { kind: 'always' },
		permission: `${DNC_WRITE}, Delete From DNC Lists = 1`,
		reply: {
			kind: 'status',
			lines: {
				'DNC NUMBER HAS BEEN DELETED': ['api_user', 'phone_number', 'campaign_id'],
				'DNC NUMBER DOES NOT EXIST': ['api_user', 'phone_number', 'campaign_id'],
			},
		},
	},

	add_fpg_phone: {
		label: 'Add Filter Phone Group Number',
		action: 'Add a number to a filter phone group',
		description:
			'Put a phone number in a Filter Phone Group, the lists in-groups and campaigns use to filter or route callers (VICIdial function add_fpg_phone)',
		fields: [dnc_phone_number, fpg_group],
		writes: true,
		alreadyDone: { 'FILTER PHONE GROUP NUMBER ALREADY EXISTS': 'already exists' },
		// A repeat is refused with FILTER PHONE GROUP NUMBER ALREADY EXISTS.
		retry: { kind: 'always' },
		permission: DNC_WRITE,
		reply: {
			kind: 'status',
			lines: {
				'FILTER PHONE GROUP NUMBER HAS BEEN ADDED': ['api_user', 'phone_number', 'group'],
				'FILTER PHONE GROUP NUMBER ALREADY EXISTS': ['api_user', 'phone_number', 'group'],
				'FILTER PHONE GROUP DOES NOT EXIST': ['api_user', 'group'],
			},
		},
	},

	delete_fpg_phone: {
		label: 'Delete Filter Phone Group Number',
		action: 'Remove a number from a filter phone group',
		description: 'Take a phone number out of a Filter Phone Group (VICIdial function delete_fpg_phone)',
		fields: [dnc_phone_number, fpg_group],
		writes: true,
		alreadyDone: { 'FILTER PHONE GROUP NUMBER DOES NOT EXIST': 'already gone' },
		// A repeat is refused with FILTER PHONE GROUP NUMBER DOES NOT EXIST.
		retry: { kind: 'always' },
		permission: DNC_WRITE,
		reply: {
			kind: 'status',
			lines: {
				'FILTER PHONE GROUP NUMBER HAS BEEN DELETED': ['api_user', 'phone_number', 'group'],
				'FILTER PHONE GROUP NUMBER DOES NOT EXIST': ['api_user', 'phone_number', 'group'],
				'FILTER PHONE GROUP DOES NOT EXIST': ['api_user', 'group'],
			},
		},
	},
});
