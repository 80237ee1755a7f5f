import type {
	ICredentialDataDecryptedObject,
	Icon,
	ICredentialType,
	IDataObject,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

/**
 * A VICIdial API user. The same credential serves the Non-Agent API and the Agent API.
 * user, pass and source travel in the POST body (never in a URL, so they stay out of web
 * server logs and n8n's error panels).
 */
export class VicidialApi implements ICredentialType {
	name = 'vicidialApi';

	displayName = 'VICIdial API';

	icon: Icon = { light: 'file:../icons/vicidial.svg', dark: 'file:../icons/vicidial.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-vicidial/n8n-nodes-vicidial#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Server URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://dialer.example.com',
			required: true,
			description: 'Address of the VICIdial web server, without a path',
		},
		{
			displayName: 'API User',
			name: 'apiUser',
			type: 'string',
			default: '',
			required: true,
			description:
				'VICIdial user with "Agent API Access" set to 1. The Non-Agent API needs user level 7 or higher (8 for writes).',
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Password of the API user. VICIdial locks the user for 15 minutes after 10 wrong passwords.',
		},
		{
			displayName: 'Source',
			name: 'source',
			type: 'string',
			default: 'n8n',
			description: 'Label written to VICIdial\'s API log for each call: 2-20 characters',
		},
		{
			displayName: 'Non-Agent API Path',
			name: 'nonAgentPath',
			type: 'string',
			default: '/vicidial/non_agent_api.php',
			description: 'Change only if your server serves the Non-Agent API elsewhere',
		},
		{
			displayName: 'Agent API Path',
			name: 'agentPath',
			type: 'string',
			default: '/agc/api.php',
			description: 'Change only if your server serves the Agent API elsewhere',
		},
		{
			displayName: 'Ignore SSL Issues (Insecure)',
			name: 'ignoreSslIssues',
			type: 'boolean',
			default: false,
			description: 'Whether to accept a self-signed or otherwise invalid TLS certificate',
		},
		{
			displayName: 'Proxy Basic Auth',
			name: 'basicAuth',
			type: 'boolean',
			default: false,
			description: 'Whether the server sits behind a proxy that asks for HTTP Basic authentication',
		},
		{
			displayName: 'Basic Auth User',
			name: 'basicAuthUser',
			type: 'string',
			default: '',
			displayOptions: { show: { basicAuth: [true] } },
		},
		{
			displayName: 'Basic Auth Password',
			name: 'basicAuthPassword',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: { show: { basicAuth: [true] } },
		},
	];

	/**
	 * Puts user and pass into the body the node built. A function rather than n8n's generic
	 * `={{$credentials.x}}` object: n8n evaluates each expression of a generic authenticate on
	 * every request (two evaluations per item, each building a fresh expression context), where
	 * this copies two strings. Keys the body already holds keep their position, so the body order
	 * VICIdial needs (transport.formBody: source, user, pass first, value last) is kept.
	 */
	async authenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		const body = requestOptions.body;
		const fields = body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as IDataObject) : {};
		return {
			...requestOptions,
			body: { ...fields, user: String(credentials.apiUser ?? ''), pass: String(credentials.password ?? '') },
		};
	}
}
