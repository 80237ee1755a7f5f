import type { Handler } from '../context.cjs';

/**
 * `webserver`: facts about the web server that answered, for load-balanced setups. api.php
 * prints them inside `<PRE>…</PRE>` with its own labels (the docs show older ones such as
 * `system loadavg`). On a real install it needs Apache mod_php (`apache_get_version()`), else
 * HTTP 500 (notes §7.10); the simulator answers as an Apache server would. The values are fixed.
 */
const WEBSERVER_DATA: [label: string, value: string][] = [
	['set.timezone', 'America/New_York'],
	['abbr.timezone', 'EST'],
	['dst.timezone', '0'],
	['uname', 'Linux vicidial-sim 6.1.0-28-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.1.119-1 x86_64'],
	['host name', 'vicidial-sim'],
	['server name', '127.0.0.1'],
	['php version', '8.2.28'],
	['apache version', 'Apache/2.4.62 (Debian)'],
	['apache processes', '12'],
	['system load average', '0.08'],
	['disk free space', '41234567168'],
	['date.timezone', 'America/New_York'],
	['maximum execution time', '360'],
	['maximum input time', '360'],
	['memory limit', '448M'],
	['post maximum size', '48M'],
	['upload maximum filesize', '42M'],
	['default socket timeout', '360'],
];

const webserver: Handler = () => `<PRE>Webserver Data:\n${WEBSERVER_DATA.map(([label, value]) => `${label}: ${value}\n`).join('')}</PRE>\n`;

export const systemHandlers: Record<string, Handler> = { webserver };
