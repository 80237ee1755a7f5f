import type { SimState } from './state.cjs';

/**
 * The web server's /RECORDINGS/ directory: VICIdial's mixed recordings are plain files served by
 * Apache at the URL recording_log.location holds (recording_lookup's `location`). The simulator
 * answers each recording it knows with a small generated file: a WAV of silence for `.wav`, a
 * few silent MPEG frames for `.mp3`, as Apache would, with Content-Type by extension and
 * Content-Length. Unknown paths get Apache's 404; a directory with a `recordings_login` asks
 * for HTTP basic auth (401, `WWW-Authenticate: Basic`).
 */

export const RECORDINGS_PATH = '/RECORDINGS/';

export interface FileReply {
	status: number;
	headers: Record<string, string>;
	body: Buffer;
}

/** Apache's types for the extensions VICIdial's mixing writes (`-all.wav`, `-all.mp3`, `.gsm`, `.ogg`). */
const TYPES: Record<string, string> = { wav: 'audio/x-wav', mp3: 'audio/mpeg', gsm: 'audio/x-gsm', ogg: 'audio/ogg' };

/** A mono 8 kHz 16-bit WAV of `seconds` of silence (VICIdial records 8 kHz telephony audio). */
export function silentWav(seconds: number): Buffer {
	const samples = Math.round(8000 * seconds);
	const data = samples * 2;
	const header = Buffer.alloc(44);
	header.write('RIFF', 0, 'ascii');
	header.writeUInt32LE(36 + data, 4);
	header.write('WAVE', 8, 'ascii');
	header.write('fmt ', 12, 'ascii');
	header.writeUInt32LE(16, 16);
	header.writeUInt16LE(1, 20); // PCM
	header.writeUInt16LE(1, 22); // mono
	header.writeUInt32LE(8000, 24);
	header.writeUInt32LE(16000, 28);
	header.writeUInt16LE(2, 32);
	header.writeUInt16LE(16, 34);
	header.write('data', 36, 'ascii');
	header.writeUInt32LE(data, 40);
	return Buffer.concat([header, Buffer.alloc(data)]);
}

/** `frames` silent MPEG-1 Layer III frames (about 38 a second), as VICIdial's lame mixing writes. */
export function silentMp3(frames: number): Buffer {
	// 0xFFFB90C4: sync, MPEG-1, Layer III, no CRC, 128 kbit/s, 44.1 kHz, no padding, mono,
	// original; 144 * 128000 / 44100 = 417 bytes a frame.
	const frame = Buffer.alloc(417);
	frame.writeUInt32BE(0xfffb90c4, 0);
	return Buffer.concat(Array.from({ length: frames }, () => frame));
}

function notFound(path: string): FileReply {
	const body = `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL ${path} was not found on this server.</p>\n</body></html>\n`;
	return { status: 404, headers: { 'Content-Type': 'text/html; charset=iso-8859-1' }, body: Buffer.from(body) };
}

/** The basic-auth user name sent, if any (for the request log; the password is never kept). */
export function basicUser(authorization: string | undefined): string | undefined {
	const match = /^Basic\s+(.+)$/i.exec(authorization ?? '');
	if (!match) return undefined;
	return Buffer.from(match[1], 'base64').toString('utf8').split(':')[0];
}

/** Answer `GET <path>` under /RECORDINGS/ from the recordings in `state`. */
export function serveRecording(state: SimState, path: string, authorization: string | undefined): FileReply {
	const login = state.system.recordings_login;
	if (login) {
		const expected = 'Basic ' + Buffer.from(`${login.user}:${login.pass}`).toString('base64');
		if (authorization !== expected) {
			return {
				status: 401,
				headers: { 'Content-Type': 'text/html; charset=iso-8859-1', 'WWW-Authenticate': 'Basic realm="VICIDIAL RECORDINGS"' },
				body: Buffer.from('<html><head><title>401 Unauthorized</title></head><body><h1>Unauthorized</h1></body></html>\n'),
			};
		}
	}
	const recording = state.recordings.find((r) => r.location !== '' && pathOf(r.location) === path);
	if (!recording) return notFound(path);
	const extension = (/\.([a-z0-9]+)$/i.exec(path)?.[1] ?? '').toLowerCase();
	const seconds = Math.min(Math.max(recording.length_in_sec, 1), 5);
	const body = extension === 'wav' ? silentWav(seconds) : silentMp3(Math.ceil(seconds * 38));
	return {
		status: 200,
		headers: { 'Content-Type': TYPES[extension] ?? 'application/octet-stream', 'Content-Length': String(body.length), 'Accept-Ranges': 'bytes' },
		body,
	};
}

/** The path of a recording URL; a location is sometimes stored as a bare path. */
function pathOf(location: string): string {
	try {
		return new URL(location, 'http://simulator').pathname;
	} catch {
		// A location that is no URL at all is served by no path.
		return '';
	}
}
