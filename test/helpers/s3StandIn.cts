import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { crc32 } from 'node:zlib';

/**
 * A small local stand-in for S3, for running n8n-core's S3 binary mode (ObjectStoreService,
 * @aws-sdk/client-s3 with a custom endpoint and path-style addressing) without an S3. It
 * answers, path-style (`/<bucket>/<key>`), what ObjectStoreService sends while a node stores
 * binary data and a later node reads it: HeadBucket (its connection check), PutObject,
 * GetObject, HeadObject and DeleteObject, in S3's headers and XML error format. Objects are kept
 * in memory. Every request is recorded; anything else is answered 501 NotImplemented, so an
 * unexpected call shows in the log instead of passing silently.
 *
 * Like S3 it refuses a PutObject whose Content-MD5, x-amz-checksum-crc32 or x-amz-content-sha256
 * does not match the body (BadDigest / XAmzContentSHA256Mismatch). It checks that a request is SigV4-signed for the
 * access key given, but does not recompute the signature.
 */

export type S3Operation = 'HeadBucket' | 'PutObject' | 'GetObject' | 'HeadObject' | 'DeleteObject' | 'Unknown';

export interface S3Request {
	operation: S3Operation;
	method: string;
	/** Path and query as received (path-style: /<bucket>/<key>). */
	url: string;
	/** The object key, URI-decoded ('' for bucket operations). */
	key: string;
	headers: IncomingHttpHeaders;
	/** An `Authorization: AWS4-HMAC-SHA256 Credential=<accessKey>/...` header was sent. */
	signedV4: boolean;
	/** The access key the signature's credential scope names. */
	accessKey?: string;
	/** The request body (PutObject), as received. */
	body: Buffer;
	/** Whether the Content-MD5 sent matched the body; undefined when none was sent. */
	contentMd5Matches?: boolean;
	status: number;
}

export interface S3Object {
	body: Buffer;
	contentType?: string;
	/** x-amz-meta-* headers, names without the prefix. */
	metadata: Record<string, string>;
	etag: string;
	lastModified: Date;
}

export interface S3StandIn {
	/** `http://127.0.0.1:<port>` */
	readonly url: string;
	/** `127.0.0.1:<port>`, for N8N_EXTERNAL_STORAGE_S3_HOST. */
	readonly host: string;
	readonly bucket: string;
	readonly objects: Map<string, S3Object>;
	readonly requests: S3Request[];
	/** Answer this HTTP status (with S3's XML error) to every request of an operation. */
	readonly failures: Partial<Record<S3Operation, number>>;
	/** Empty bucket, empty log, no failures. */
	reset(): void;
	stop(): Promise<void>;
}

const ERROR_CODES: Record<number, string> = { 403: 'AccessDenied', 500: 'InternalError', 501: 'NotImplemented', 503: 'SlowDown' };

function xmlEscape(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function readBody(req: IncomingMessage): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

function operationOf(method: string, key: string, query: URLSearchParams): S3Operation {
	// The SDK names the operation in `x-id` (PutObject, GetObject); any other parameter is an
	// operation this stand-in does not know (?list-type=2, ?delete, ?uploads...).
	if ([...query.keys()].some((name) => name !== 'x-id')) return 'Unknown';
	if (key === '') return method === 'HEAD' ? 'HeadBucket' : 'Unknown';
	switch (method) {
		case 'PUT':
			return 'PutObject';
		case 'GET':
			return 'GetObject';
		case 'HEAD':
			return 'HeadObject';
		case 'DELETE':
			return 'DeleteObject';
		default:
			return 'Unknown';
	}
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
	const value = headers[name];
	return Array.isArray(value) ? value[0] : value;
}

export async function startS3StandIn(options: { bucket: string; accessKey: string }): Promise<S3StandIn> {
	const objects = new Map<string, S3Object>();
	const requests: S3Request[] = [];
	const failures: Partial<Record<S3Operation, number>> = {};

	function send(res: ServerResponse, record: S3Request, status: number, headers: Record<string, string> = {}, body?: Buffer): void {
		record.status = status;
		res.writeHead(status, { 'x-amz-request-id': randomBytes(8).toString('hex').toUpperCase(), Server: 'S3StandIn', ...headers });
		res.end(record.method === 'HEAD' ? undefined : body);
	}

	/** S3's error reply; a HEAD gets the status only, as from S3. */
	function fail(res: ServerResponse, record: S3Request, status: number, code: string, message: string): void {
		const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${xmlEscape(message)}</Message><Resource>${xmlEscape(record.url)}</Resource><RequestId>S3STANDIN</RequestId></Error>`;
		send(res, record, status, { 'Content-Type': 'application/xml' }, Buffer.from(xml));
	}

	function objectHeaders(object: S3Object): Record<string, string> {
		const headers: Record<string, string> = {
			'Content-Length': String(object.body.length),
			ETag: object.etag,
			'Last-Modified': object.lastModified.toUTCString(),
			'Accept-Ranges': 'bytes',
		};
		if (object.contentType) headers['Content-Type'] = object.contentType;
		for (const [name, value] of Object.entries(object.metadata)) headers[`x-amz-meta-${name}`] = value;
		return headers;
	}

	async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const url = new URL(req.url ?? '/', 'http://s3.local');
		const [, bucket = '', ...keyParts] = url.pathname.split('/');
		const key = keyParts.map((part) => decodeURIComponent(part)).join('/');
		const method = req.method ?? 'GET';
		const authorization = header(req.headers, 'authorization') ?? '';
		const scope = /^AWS4-HMAC-SHA256 Credential=([^/]+)\//.exec(authorization);
		const record: S3Request = {
			operation: operationOf(method, key, url.searchParams),
			method,
			url: req.url ?? '/',
			key,
			headers: req.headers,
			signedV4: scope !== null,
			accessKey: scope?.[1],
			body: await readBody(req),
			status: 0,
		};
		requests.push(record);

		if (!record.signedV4 || record.accessKey !== options.accessKey) return fail(res, record, 403, 'AccessDenied', 'Access Denied');
		if (decodeURIComponent(bucket) !== options.bucket) return fail(res, record, 404, 'NoSuchBucket', 'The specified bucket does not exist');
		const failure = failures[record.operation];
		if (failure !== undefined) return fail(res, record, failure, ERROR_CODES[failure] ?? 'InternalError', 'We encountered an internal error. Please try again.');

		switch (record.operation) {
			case 'HeadBucket':
				return send(res, record, 200, { 'x-amz-bucket-region': 'us-east-1' });
			case 'PutObject': {
				const { body } = record;
				const md5 = header(req.headers, 'content-md5');
				if (md5 !== undefined) {
					record.contentMd5Matches = createHash('md5').update(body).digest('base64') === md5;
					if (!record.contentMd5Matches) return fail(res, record, 400, 'BadDigest', 'The Content-MD5 you specified did not match what we received.');
				}
				const checksum = header(req.headers, 'x-amz-checksum-crc32');
				if (checksum !== undefined) {
					const computed = Buffer.alloc(4);
					computed.writeUInt32BE(crc32(body));
					if (computed.toString('base64') !== checksum) return fail(res, record, 400, 'BadDigest', 'The CRC32 you specified did not match the calculated checksum.');
				}
				const sha256 = header(req.headers, 'x-amz-content-sha256');
				if (sha256 !== undefined && /^[0-9a-f]{64}$/.test(sha256) && createHash('sha256').update(body).digest('hex') !== sha256) {
					return fail(res, record, 400, 'XAmzContentSHA256Mismatch', "The provided 'x-amz-content-sha256' header does not match what was computed.");
				}
				const metadata: Record<string, string> = {};
				for (const [name, value] of Object.entries(req.headers)) {
					if (name.startsWith('x-amz-meta-') && typeof value === 'string') metadata[name.slice('x-amz-meta-'.length)] = value;
				}
				const etag = `"${createHash('md5').update(body).digest('hex')}"`;
				objects.set(key, { body, contentType: header(req.headers, 'content-type'), metadata, etag, lastModified: new Date() });
				return send(res, record, 200, { ETag: etag });
			}
			case 'GetObject':
			case 'HeadObject': {
				const object = objects.get(key);
				if (!object) return fail(res, record, 404, 'NoSuchKey', 'The specified key does not exist.');
				return send(res, record, 200, objectHeaders(object), object.body);
			}
			case 'DeleteObject':
				objects.delete(key);
				return send(res, record, 204);
			default:
				return fail(res, record, 501, 'NotImplemented', `The S3 stand-in does not implement ${method} ${record.url}`);
		}
	}

	const server = createServer((req, res) => {
		handle(req, res).catch((error: unknown) => {
			res.writeHead(500);
			res.end(String(error));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;

	return {
		url: `http://127.0.0.1:${port}`,
		host: `127.0.0.1:${port}`,
		bucket: options.bucket,
		objects,
		requests,
		failures,
		reset() {
			objects.clear();
			requests.length = 0;
			for (const operation of Object.keys(failures) as S3Operation[]) delete failures[operation];
		},
		stop() {
			server.closeAllConnections();
			return new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
		},
	};
}
