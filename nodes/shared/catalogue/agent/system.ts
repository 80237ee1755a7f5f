import { resourceOf } from '../resources';

/** System functions of the Agent API: they act on no agent. */

export const agentSystemFunctions = resourceOf('agent', 'agentSystem', {
	version: {
		label: 'Get Version',
		action: 'Get the Agent API version',
		description:
			'Return the version and build of the Agent API script with the server\'s date and epoch; needs no login, so it also checks the server is reachable (VICIdial Agent API function version)',
		fields: [],
		writes: false,
		retry: { kind: 'always' },
		noAuth: true,
		// `VERSION: 2.14-82|BUILD: 250122-1010|DATE: …|EPOCH: …`, without the Non-Agent trailing `|`.
		reply: { kind: 'version' },
	},

	webserver: {
		label: 'Get Web Server Info',
		action: 'Get web server information',
		description:
			'Return facts about the web server that answered: time zone, host, PHP and Apache versions, load, free disk and PHP limits; useful behind a load balancer (VICIdial Agent API function webserver)',
		fields: [],
		writes: false,
		retry: { kind: 'always' },
		// api.php calls apache_get_version(): under php-fpm the reply is HTTP 500 (notes §7.10).
		permission: 'API user: Agent API Access = 1; the server must run PHP as Apache mod_php',
		// `<PRE>Webserver Data:` then `key: value` lines.
		reply: { kind: 'keyValue', separator: ': ' },
	},
});
