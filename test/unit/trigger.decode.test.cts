/**
 * decode.ts: the request as plain values, the body for the parser or its refusal, and the
 * body read the trigger asks of n8n when n8n left it unread (version 2).
 */
import {
	decodeBody,
	decodeRequest,
	encodingOf,
	type IncomingRequest,
	readUnreadBody,
} from '../../nodes/VicidialTrigger/decode';

const noQuery = () => {
	throw new Error('the parsed query was read although the URL was there');
};

function request(overrides: Partial<IncomingRequest>): IncomingRequest {
	return { method: 'POST', url: '/webhook/id/vicidial', headers: {}, ...overrides };
}

describe('decodeRequest', () => {
	it('reads the query from the URL as sent: order and repeated names kept, n8n parse not used', () => {
		const decoded = decodeRequest(
			request({ originalUrl: '/webhook/id/vicidial?token=a&lead_id=8&lead_id=9&name=D%EDaz', url: '/ignored' }),
			noQuery,
		);
		expect(decoded.path).toBe('/webhook/id/vicidial');
		expect(decoded.rawQuery).toBe('token=a&lead_id=8&lead_id=9&name=D%EDaz');
		expect(decoded.query).toEqual([
			['token', 'a'],
			['lead_id', '8'],
			['lead_id', '9'],
			['name', 'Díaz'],
		]);
	});

	it('without a URL falls back to n8n parsed query, arrays split into pairs', () => {
		const decoded = decodeRequest({ headers: {} }, () => ({ token: 'a', lead_id: ['8', '9'] }));
		expect(decoded).toMatchObject({ method: 'GET', path: '', rawQuery: undefined });
		expect(decoded.query).toEqual([
			['token', 'a'],
			['lead_id', '8'],
			['lead_id', '9'],
		]);
	});

	it('gives an empty raw query, not undefined, for a URL without one', () => {
		expect(decodeRequest(request({}), noQuery)).toMatchObject({ rawQuery: '', query: [] });
	});

	it('splits a form body into pairs and leaves other bodies unsplit', () => {
		const rawBody = Buffer.from('event=dispo_set&user=6666');
		const form = decodeRequest(request({ headers: { 'content-type': 'Application/X-WWW-Form-Urlencoded; charset=UTF-8' }, rawBody }), noQuery);
		expect(form.mediaType).toBe('application/x-www-form-urlencoded');
		expect(form.form).toEqual([
			['event', 'dispo_set'],
			['user', '6666'],
		]);
		const json = decodeRequest(request({ headers: { 'content-type': 'application/json' }, rawBody }), noQuery);
		expect(json.form).toEqual([]);
	});
});

describe('decodeBody', () => {
	const decoded = (contentType: string, body: string) =>
		decodeRequest(request({ headers: { 'content-type': contentType }, rawBody: Buffer.from(body) }), noQuery);

	it('refuses a body over the limit with 413 before looking at its type', () => {
		expect(decodeBody(decoded('application/octet-stream', 'abcd'), 3)).toEqual({ ok: false, status: 413, message: 'Payload Too Large' });
		expect(decodeBody(decoded('application/octet-stream', 'abc'), 3)).toMatchObject({ ok: false, status: 415 });
	});

	it('gives none for an empty body of any type', () => {
		expect(decodeBody(decoded('application/octet-stream', ''), 10)).toEqual({ ok: true, body: { type: 'none' } });
	});

	it('gives form pairs and JSON objects, +json included', () => {
		expect(decodeBody(decoded('application/x-www-form-urlencoded', 'a=1'), 100)).toEqual({ ok: true, body: { type: 'form', pairs: [['a', '1']] } });
		expect(decodeBody(decoded('application/cloudevents+json', '{"a":1}'), 100)).toEqual({ ok: true, body: { type: 'json', value: { a: 1 } } });
	});

	it('answers 400 to malformed JSON and to JSON that is not an object', () => {
		expect(decodeBody(decoded('application/json', '{"a":'), 100)).toEqual({ ok: false, status: 400, message: 'Malformed JSON body' });
		for (const text of ['[1]', 'null', '"a"', '3']) {
			expect(decodeBody(decoded('application/json', text), 100)).toEqual({ ok: false, status: 400, message: 'The JSON body must be an object' });
		}
	});
});

describe('encodingOf', () => {
	it('reads the escapes of the query and of a form body, not of a JSON body', () => {
		const query = (url: string, contentType: string, body: string) =>
			encodingOf(decodeRequest(request({ url, headers: { 'content-type': contentType }, rawBody: Buffer.from(body) }), noQuery));
		expect(query('/h?name=D%EDaz', 'application/json', '')).toBe('latin1');
		expect(query('/h', 'application/x-www-form-urlencoded', 'name=D%C3%ADaz')).toBe('utf8');
		expect(query('/h?a=D%EDaz', 'application/x-www-form-urlencoded', 'b=D%C3%ADaz')).toBe('mixed');
		expect(query('/h', 'application/json', '{"name":"D%EDaz"}')).toBe('ascii');
	});
});

describe('readUnreadBody', () => {
	function unread(headers: IncomingRequest['headers'], rawBody?: Buffer) {
		const req: IncomingRequest = request({ headers, rawBody });
		const reads: number[] = [];
		req.readRawBody = async () => {
			reads.push(1);
			req.rawBody = Buffer.from('{"a":1}');
		};
		return { req, reads };
	}

	it('asks n8n for a declared body it left unread', async () => {
		for (const headers of [
			{ 'content-type': 'application/vnd.dialer+json', 'content-length': '7' },
			{ 'content-type': 'application/octet-stream', 'transfer-encoding': 'chunked' },
		]) {
			const { req, reads } = unread(headers);
			await readUnreadBody(req);
			expect(reads).toHaveLength(1);
			expect(req.rawBody?.toString()).toBe('{"a":1}');
		}
	});

	it('reads nothing when the body was read, none is declared, or it is multipart', async () => {
		for (const [headers, rawBody] of [
			[{ 'content-type': 'application/json', 'content-length': '7' }, Buffer.from('{}')],
			[{}, undefined],
			[{ 'content-length': '0' }, undefined],
			[{ 'content-type': 'multipart/form-data; boundary=x', 'content-length': '90' }, undefined],
		] as const) {
			const { req, reads } = unread(headers, rawBody);
			await readUnreadBody(req);
			expect(reads).toHaveLength(0);
		}
	});

	it('does nothing on an n8n without readRawBody', async () => {
		const req = request({ headers: { 'content-length': '7' } });
		await readUnreadBody(req);
		expect(req.rawBody).toBeUndefined();
	});
});
