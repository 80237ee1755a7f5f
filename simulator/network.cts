import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * What the network in front of a VICIdial can do that no HTTP reply covers: a host that
 * accepts the TCP connection and never reads or answers (a hung web server, a firewall that
 * black-holes after the handshake), and a certificate the client must refuse.
 */

export interface Blackhole {
	/** `http://127.0.0.1:<port>` */
	readonly url: string;
	/** TCP connections accepted so far. */
	readonly connections: number;
	stop(): Promise<void>;
}

/** Accepts connections and never reads a byte or answers; unlike the `timeout` fault, no request is ever parsed. */
export async function startBlackhole(): Promise<Blackhole> {
	const sockets = new Set<Socket>();
	let connections = 0;
	const server = createServer((socket) => {
		connections += 1;
		socket.pause();
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
		socket.on('error', () => undefined);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		get connections() {
			return connections;
		},
		stop() {
			for (const socket of sockets) socket.destroy();
			return new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}

/**
 * A fresh self-signed certificate for `commonName` (PEM), made with the openssl command line,
 * for a simulator started with the `tls` option: a client that verifies certificates refuses it.
 */
export function selfSignedCertificate(commonName = 'vicidial.test'): { key: string; cert: string } {
	const dir = mkdtempSync(join(tmpdir(), 'sim-tls-'));
	try {
		const key = join(dir, 'key.pem');
		const cert = join(dir, 'cert.pem');
		execFileSync(
			'openssl',
			['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key, '-out', cert, '-days', '2', '-subj', `/CN=${commonName}`],
			{ stdio: 'ignore' },
		);
		return { key: readFileSync(key, 'utf8'), cert: readFileSync(cert, 'utf8') };
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}
