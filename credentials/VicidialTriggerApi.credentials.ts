import type { ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

/**
 * How the VICIdial Trigger recognises its caller. VICIdial's call-outs are bare GETs (notes §6.2):
 * a secret in the query string, HTTP Basic written into the URL and an IP allow-list fit them; a
 * header key and an HMAC signature are for custom POSTs (and the header key for get2post). The
 * body HMAC is what other dialers send; the signed request (method, path, query, body and a
 * timestamp) is for senders the user controls. Stored values of existing modes never change.
 *
 * There is no server to call, so the credential is tested by the trigger's `testedBy` method,
 * which checks that the chosen mode is complete and the allow-list parses.
 */
export class VicidialTriggerApi implements ICredentialType {
	name = 'vicidialTriggerApi';

	displayName = 'VICIdial Trigger API';

	icon: Icon = {
		light: 'file:../nodes/VicidialTrigger/vicidial.svg',
		dark: 'file:../nodes/VicidialTrigger/vicidial.dark.svg',
	};

	documentationUrl = 'https://github.com/n8n-nodes-vicidial/n8n-nodes-vicidial#vicidial-trigger';

	properties: INodeProperties[] = [
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'options',
			options: [
				{
					name: 'Header Key',
					value: 'headerKey',
					description: 'A header such as x-api-key or Authorization carries a key (custom POSTs, get2post)',
				},
				{
					name: 'HMAC-SHA256 Signature',
					value: 'hmac',
					description:
						'A header carries the HMAC-SHA256 of the raw body, as other dialers send it. Only a POST with a body and no query is accepted, since nothing else is signed.',
				},
				{
					name: 'HTTP Basic',
					value: 'basicAuth',
					description: 'User and password, written into the URL VICIdial calls',
				},
				{
					name: 'None (IP Allow-List Only)',
					value: 'none',
					description: 'Only the IP allow-list below; refuses everything while the list is empty',
				},
				{
					name: 'Shared Secret in Query',
					value: 'querySecret',
					description: 'A secret parameter in the URL; VICIdial passes it through unchanged',
				},
				{
					name: 'Signed Request (HMAC-SHA256 with Timestamp)',
					value: 'signedRequest',
					description:
						'For your own scripts: X-Vicidial-Signature signs the timestamp, method, path, query and body; X-Vicidial-Timestamp must be within 5 minutes',
				},
			],
			default: 'querySecret',
		},
		{
			displayName: 'Parameter Name',
			name: 'queryParameter',
			type: 'string',
			default: 'token',
			description: 'Query parameter that carries the secret (for the get2post relay it arrives in the form body)',
			displayOptions: { show: { authentication: ['querySecret'] } },
		},
		{
			displayName: 'Secret',
			name: 'secret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'A long random value; it ends up in VICIdial\'s URL field and logs, so use it for nothing else',
			displayOptions: { show: { authentication: ['querySecret'] } },
		},
		{
			displayName: 'Header Name',
			name: 'headerName',
			type: 'string',
			default: 'x-api-key',
			description: 'Header that carries the key, e.g. x-api-key or Authorization',
			displayOptions: { show: { authentication: ['headerKey'] } },
		},
		{
			displayName: 'Header Value',
			name: 'headerSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The whole expected header value, e.g. "Bearer abc123" for Authorization',
			displayOptions: { show: { authentication: ['headerKey'] } },
		},
		{
			displayName: 'Signature Header',
			name: 'hmacHeaderName',
			type: 'string',
			default: 'x-signature',
			description: 'Header that carries the signature; a "sha256=" prefix is accepted',
			displayOptions: { show: { authentication: ['hmac'] } },
		},
		{
			displayName: 'Signing Secret',
			name: 'hmacSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: { show: { authentication: ['hmac', 'signedRequest'] } },
		},
		{
			displayName: 'Signature Encoding',
			name: 'hmacEncoding',
			type: 'options',
			options: [
				{ name: 'Base64', value: 'base64' },
				{ name: 'Hex', value: 'hex' },
			],
			default: 'hex',
			displayOptions: { show: { authentication: ['hmac'] } },
		},
		{
			displayName: 'User',
			name: 'user',
			type: 'string',
			default: '',
			required: true,
			displayOptions: { show: { authentication: ['basicAuth'] } },
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: { show: { authentication: ['basicAuth'] } },
		},
		{
			displayName: 'IP Allow-List',
			name: 'allowedIps',
			type: 'string',
			default: '',
			placeholder: '192.0.2.10, 10.20.0.0/16, 2001:db8::/32',
			description: 'Addresses or CIDR ranges (IPv4 and IPv6) allowed to call; empty allows any address that passes the check above',
		},
		{
			displayName: 'Behind a Trusted Proxy',
			name: 'trustProxy',
			type: 'boolean',
			default: false,
			description: 'Whether to take the caller\'s address from the forwarded-for header. Only turn on when a proxy you run sets it, or anyone can claim any address.',
		},
		{
			displayName: 'Trusted Proxies',
			name: 'trustedProxies',
			type: 'string',
			default: '',
			placeholder: '10.0.0.5, 10.0.0.0/24',
			description:
				'Addresses or ranges of the proxies that set the header; it is read only when n8n\'s direct peer is one of them. While empty, the header is ignored.',
			displayOptions: { show: { trustProxy: [true] } },
		},
		{
			displayName: 'Forwarded-For Header',
			name: 'forwardedForHeader',
			type: 'string',
			default: 'x-forwarded-for',
			displayOptions: { show: { trustProxy: [true] } },
		},
	];
}
