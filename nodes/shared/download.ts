import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
	type INodePropertyOptions,
} from 'n8n-workflow';

import { apiError, describeNetwork, failedItem, inputError } from './errors';
import { readRunOptions } from './parameters';
import { credentialSecrets } from './secrets';
import { CREDENTIAL, fetchFile, readCredentials, type FileResponse, type VicidialCredentials } from './transport';

/**
 * Report → Download Recording: a recording file as n8n binary data. It is no VICIdial API
 * function: VICIdial's recordings are plain files on its web server, at the URL recording_lookup
 * gives as `location`, so this operation lives beside the catalogue, not in it. The file is
 * handed to n8n's binary store as a stream (filesystem mode writes it as it arrives; memory and S3
 * mode collect it first, n8n-core's choice), the URL stays in the
 * JSON, and the credential's logins go only to the credential's own server.
 */

export const DOWNLOAD_RECORDING = 'download_recording';
const RESOURCE = 'report';

const PARAM = { url: 'recordingUrl', binaryProperty: 'binaryPropertyName', additionalFields: 'downloadOptions' } as const;

/** The operation as the Report operation list shows it. */
export const downloadOperation: INodePropertyOptions = {
	name: 'Download Recording',
	value: DOWNLOAD_RECORDING,
	action: 'Download a call recording as a file',
	description:
		'Download one call recording as a file (binary data) from its URL, the location Find Recordings gives; for storing, sending or transcribing the audio. Needs the URL only; the file name and type come from the server.',
};

/** How the download logs in: the credential's logins are sent to the credential's own server only. */
type Login = 'basicAuth' | 'apiUser' | 'none';

const show = { show: { resource: [RESOURCE], operation: [DOWNLOAD_RECORDING] } };

/** The operation's fields. */
export const downloadProperties: INodeProperties[] = [
	{
		displayName: 'Recording URL',
		name: PARAM.url,
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. http://dialer.example.com/RECORDINGS/MP3/20261120-090500_4075550100_1000-all.mp3',
		description: 'The recording\'s address: the location field Find Recordings gives, dragged in or as an expression',
		displayOptions: show,
	},
	{
		displayName: 'Put Output File in Field',
		name: PARAM.binaryProperty,
		type: 'string',
		required: true,
		default: 'data',
		hint: 'The name of the output binary field to put the file in',
		displayOptions: show,
	},
	{
		displayName: 'Additional Fields',
		name: PARAM.additionalFields,
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: show,
		options: [
			{
				displayName: 'File Name',
				name: 'fileName',
				type: 'string',
				default: '',
				description: 'Name for the file; by default the server\'s name for it or the last part of the URL',
			},
			{
				displayName: 'Log In With',
				name: 'login',
				type: 'options',
				default: 'basicAuth',
				description: 'Which login to send when the recordings sit behind HTTP basic auth. Sent only when the URL is on the credential\'s Server URL.',
				options: [
					{ name: 'API User and Password', value: 'apiUser', description: 'The credential\'s API User and Password, as HTTP basic auth' },
					{ name: 'Basic Auth of the Credential', value: 'basicAuth', description: 'The credential\'s Basic Auth user, when Basic Auth is on; nothing otherwise' },
					{ name: 'Nothing', value: 'none' },
				],
			},
		],
	},
];

/** Apache's types for the files VICIdial's mixing writes, for a server that sends none. */
const TYPES: Record<string, string> = { wav: 'audio/wav', mp3: 'audio/mpeg', gsm: 'audio/x-gsm', ogg: 'audio/ogg' };

function header(response: FileResponse, name: string): string {
	const value = response.headers[name];
	return typeof value === 'string' ? value : Array.isArray(value) && typeof value[0] === 'string' ? value[0] : '';
}

/** The file name from Content-Disposition, else the URL's last path part. */
function fileNameOf(response: FileResponse, url: URL): string {
	const disposition = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(header(response, 'content-disposition'));
	if (disposition) return decodeURIComponent(disposition[1]);
	const last = url.pathname.split('/').filter(Boolean).pop();
	return last ? decodeURIComponent(last) : 'recording';
}

function mimeTypeOf(response: FileResponse, fileName: string): string {
	const sent = header(response, 'content-type').split(';')[0].trim();
	// Apache's default for an unknown extension says nothing; the extension says more.
	if (sent !== '' && sent !== 'application/octet-stream' && sent !== 'text/plain') return sent;
	const extension = (/\.([a-z0-9]+)$/i.exec(fileName)?.[1] ?? '').toLowerCase();
	return TYPES[extension] ?? (sent || 'application/octet-stream');
}

interface Target {
	/** The URL to fetch and to show: never with a user or password in it. */
	url: URL;
	auth?: { username: string; password: string };
	/** Passwords this item's errors must not show. */
	secrets: string[];
}

/**
 * Where item `i` downloads from, and with which login. A user:password@ in the URL is taken out
 * of the URL (it would otherwise be shown in the output and in errors) and sent as basic auth.
 */
function targetOf(raw: unknown, login: Login, credentials: VicidialCredentials, secrets: string[]): Target | string {
	const text = typeof raw === 'string' ? raw.trim() : '';
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		// Not a URL at all: say so below, with the value (redacted by the caller).
		return `Recording URL must be an http:// or https:// address; got ${JSON.stringify(text)}`;
	}
	const inline = url.username !== '' ? { username: decodeURIComponent(url.username), password: decodeURIComponent(url.password) } : undefined;
	const itemSecrets = inline?.password ? [...secrets, inline.password, url.password] : secrets;
	url.username = '';
	url.password = '';
	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		return `Recording URL must be an http:// or https:// address; got ${JSON.stringify(url.href)}`;
	}
	if (inline) return { url, auth: inline, secrets: itemSecrets };
	let sameServer = false;
	try {
		sameServer = new URL(credentials.baseUrl).origin === url.origin;
	} catch {
		// A credential without a usable Server URL shares no origin with anything.
	}
	if (!sameServer || login === 'none') return { url, secrets: itemSecrets };
	if (login === 'apiUser') return { url, auth: { username: credentials.apiUser, password: credentials.password }, secrets: itemSecrets };
	if (credentials.basicAuth) return { url, auth: { username: credentials.basicAuthUser, password: credentials.basicAuthPassword }, secrets: itemSecrets };
	return { url, secrets: itemSecrets };
}

/** What a refused download means, in words a workflow author can act on. */
function refusal(status: number, url: string, sentLogin: boolean): { code: 'auth' | 'not_found' | 'server'; message: string; description: string } {
	if (status === 401 || status === 403) {
		return {
			code: 'auth',
			message: `Download Recording: the recordings server refused the download (HTTP ${status}) of ${url}`,
			description: sentLogin
				? 'The login sent was refused: check Log In With and the credential\'s Basic Auth or API User'
				: 'The recordings sit behind a login: choose Log In With, or turn on Basic Auth in the credential. Logins are sent only to the credential\'s Server URL',
		};
	}
	if (status === 404) {
		return {
			code: 'not_found',
			message: `Download Recording: no file at ${url} (HTTP 404)`,
			description: 'The recording may still be mixing (its location is empty until then) or was moved or archived; look it up again with Find Recordings',
		};
	}
	return { code: 'server', message: `Download Recording: the recordings server answered HTTP ${status} for ${url}`, description: 'Check the web server that keeps the recordings' };
}

/** The node's `execute` for Download Recording: one file per input item, `pairedItem` kept. */
export async function downloadRecordings(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const node = this.getNode();
	const credentials = readCredentials(await this.getCredentials(CREDENTIAL));
	const secrets = credentialSecrets(credentials);
	const { settings } = readRunOptions(this);
	const output: INodeExecutionData[] = [];

	for (let i = 0; i < items.length; i++) {
		let itemSecrets = secrets;
		try {
			const extra = this.getNodeParameter(PARAM.additionalFields, i, {}) as IDataObject;
			const login = (typeof extra.login === 'string' ? extra.login : 'basicAuth') as Login;
			const target = targetOf(this.getNodeParameter(PARAM.url, i, ''), login, credentials, secrets);
			if (typeof target === 'string') throw inputError(node, secrets, target, i, 'Nothing was downloaded.');
			itemSecrets = target.secrets;
			const property = String(this.getNodeParameter(PARAM.binaryProperty, i, 'data')).trim();
			if (property === '') throw inputError(node, itemSecrets, 'Put Output File in Field must name a field, for example data', i);
			const shown = target.url.href;

			const fetched = await fetchFile.call(this, {
				url: shown,
				auth: target.auth,
				timeoutMs: settings.timeoutMs ?? 30_000,
				maxAttempts: settings.maxAttempts ?? 3,
				ignoreSslIssues: credentials.ignoreSslIssues,
			});
			if (fetched.kind === 'network') {
				const { message, description } = describeNetwork(fetched.code, shown);
				const plain = message.replace(/^Cannot reach VICIdial at/, 'Cannot reach');
				throw apiError(node, { code: 'network', fn: DOWNLOAD_RECORDING, reason: fetched.code, message: `Download Recording: ${plain}`, description, itemIndex: i, secrets: itemSecrets });
			}
			const response = fetched.response;
			if (response.statusCode >= 300) {
				(response.body as { resume?: () => void }).resume?.();
				const problem = refusal(response.statusCode, shown, target.auth !== undefined);
				throw apiError(node, { ...problem, fn: DOWNLOAD_RECORDING, reason: `HTTP ${response.statusCode}`, httpCode: String(response.statusCode), itemIndex: i, secrets: itemSecrets });
			}
			const named = typeof extra.fileName === 'string' && extra.fileName.trim() !== '' ? extra.fileName.trim() : fileNameOf(response, target.url);
			const mimeType = mimeTypeOf(response, named);
			const binary = await storeFile.call(this, response.body, named, mimeType, i);
			output.push({
				json: { ...items[i].json, url: shown, fileName: binary.fileName ?? named, mimeType: binary.mimeType },
				binary: { ...items[i].binary, [property]: binary },
				pairedItem: { item: i },
			});
		} catch (caught) {
			const error = caught instanceof NodeApiError || caught instanceof NodeOperationError ? caught : new NodeOperationError(node, caught as Error, { itemIndex: i });
			if (!this.continueOnFail()) throw error;
			output.push(failedItem({ input: items[i].json, itemIndex: i, error, fn: DOWNLOAD_RECORDING, secrets: itemSecrets, errorOutput: node.onError === 'continueErrorOutput' }));
		}
	}
	return [output];
}

/**
 * Hands the file to n8n's binary data store (memory, filesystem or S3). When the store refuses
 * it (a full disk, an S3 bucket answering 500), the error says that the download worked and
 * which n8n settings to check; n8n's own error names no file, and its cause (the SDK's request)
 * is not passed on.
 */
async function storeFile(
	this: IExecuteFunctions,
	body: FileResponse['body'],
	fileName: string,
	mimeType: string,
	itemIndex: number,
): ReturnType<IExecuteFunctions['helpers']['prepareBinaryData']> {
	try {
		return await this.helpers.prepareBinaryData(body, fileName, mimeType);
	} catch (caught) {
		const reason = caught instanceof Error && caught.message ? caught.message : 'unknown error';
		throw new NodeOperationError(this.getNode(), `${DOWNLOAD_RECORDING}: the recording was downloaded, but n8n could not store ${fileName} (${reason})`, {
			itemIndex,
			description:
				"n8n's binary data store refused the file; nothing changed in VICIdial. Check n8n's binary data settings: N8N_DEFAULT_BINARY_DATA_MODE, disk space under N8N_BINARY_DATA_STORAGE_PATH for filesystem mode, the N8N_EXTERNAL_STORAGE_S3_* bucket settings for S3 mode.",
		});
	}
}
