import { resourceOf } from '../resources';
import * as A from './adminFields';

const DID_ADMIN = 'Agent API Access = 1, Modify DIDs = 1, user level 8+';

export const didFunctions = resourceOf('nonAgent', 'did', {
	add_did: {
		label: 'Add DID',
		action: 'Add a DID',
		description:
			'Create an inbound DID and its route: extension, voicemail, agent, phone, in-group or call menu, with recording and in-group lead settings (VICIdial function add_did)',
		fields: [A.did_pattern.req(), ...A.didSettingFields],
		writes: true,
		retry: { kind: 'never', why: 'a repeat fails with DID ALREADY EXISTS' },
		permission: DID_ADMIN,
		reply: {
			kind: 'status',
			lines: {
				'DID HAS BEEN ADDED': ['api_user', 'did_pattern'],
				'DID ALREADY EXISTS': ['api_user', 'did_pattern'],
			},
		},
	},

	copy_did: {
		label: 'Copy DID',
		action: 'Copy a DID',
		description:
			'Create new DIDs with all the settings of an existing DID; one NOTICE per new DID, then a count of those added and skipped (VICIdial function copy_did)',
		fields: [
			A.source_did_pattern.req(),
			A.new_dids.req(),
			A.did_description.with({
				description: "Description of the new DIDs: 6-50 characters (default: the source DID's)",
			}),
		],
		writes: true,
		retry: {
			kind: 'never',
			why: 'a repeat skips every DID as already existing and ends with NO DIDS ADDED',
		},
		permission: DID_ADMIN,
		reply: {
			kind: 'status',
			lines: {
				'DID HAS BEEN ADDED': ['api_user', 'new_did', 'source_did_pattern', 'did_id', 'rows'],
				'DID ALREADY EXISTS': ['api_user', 'new_did'],
				'DIDS HAVE BEEN ADDED': ['api_user', 'source_did_pattern', 'dids_added', 'dids_skipped'],
				'NO DIDS ADDED': ['api_user', 'source_did_pattern', 'dids_added', 'dids_skipped'],
				'SOURCE DID DOES NOT EXIST': ['api_user', 'source_did_pattern'],
			},
		},
	},

	update_did: {
		label: 'Update DID',
		action: 'Update a DID',
		description:
			'Change the description, route, recording or in-group lead settings of an inbound DID, or delete it (VICIdial function update_did)',
		fields: [A.existing_did_pattern.req(), ...A.didSettingFields, A.delete_did],
		writes: true,
		retry: { kind: 'never', why: 'with delete_did=Y a repeat fails with DID DOES NOT EXIST' },
		permission: `${DID_ADMIN}; deleting also needs Delete DIDs = 1`,
		reply: {
			kind: 'status',
			lines: {
				'DID HAS BEEN UPDATED': ['api_user', 'did_pattern'],
				// Code order; the docs show `6666|23|1101`.
				'DID HAS BEEN DELETED': ['api_user', 'did_pattern', 'did_id'],
				'DID DOES NOT EXIST': ['api_user', 'did_pattern'],
				// A NOTICE when no setting was given: nothing changed.
				'NO UPDATES DEFINED': ['api_user'],
			},
		},
	},
});
