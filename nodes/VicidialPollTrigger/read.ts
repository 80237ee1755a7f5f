import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { getFunction } from '../shared/catalogue';
import { inputError } from '../shared/errors';
import { checkReply } from '../shared/reply';
import { validateInput } from '../shared/schemas';
import { credentialSecrets } from '../shared/secrets';
import { callVicidial, readCredentials, sentAlong, type VicidialCredentials } from '../shared/transport';

/**
 * One read of the Non-Agent API for a poll, through the same catalogue, validation, transport
 * and reply checks as the VICIdial node. One attempt only: the next poll is the retry, and a
 * failed read throws (a NodeApiError n8n shows) before the caller moves its cursor.
 */
export interface Reader {
	read(fn: string, fields: Record<string, unknown>): Promise<IDataObject[]>;
	/** How many requests this poll sent. */
	readonly sent: number;
	/** The credential's Server URL, for recording paths without a host. */
	readonly baseUrl: string;
}

export async function reader(context: IPollFunctions): Promise<Reader> {
	const credentials: VicidialCredentials = readCredentials(await context.getCredentials('vicidialApi'));
	const secrets = credentialSecrets(credentials);
	const node = context.getNode();
	let sent = 0;
	return {
		get sent() {
			return sent;
		},
		baseUrl: credentials.baseUrl,
		async read(fn, fields) {
			const spec = getFunction('nonAgent', fn);
			const checked = validateInput(spec, { fields }, sentAlong(credentials));
			if (!checked.ok) throw inputError(node, secrets, checked.message, 0, `VICIdial function ${spec.name}; nothing was sent.`);
			sent += 1;
			const reply = await callVicidial.call(context, { spec, params: checked.params, credentials, settings: { maxAttempts: 1 } });
			return checkReply({ node, spec, parsed: reply.parsed, secrets });
		},
	};
}
