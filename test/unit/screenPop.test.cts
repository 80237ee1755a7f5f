/**
 * The VICIdial Screen Pop node (issue 12): the card is one self-contained page with every value
 * escaped and only http(s) links, and the node answers through sendResponse, as n8n's Respond
 * to Webhook does, passing its items through.
 */
import type { IDataObject, IExecuteFunctions, IExecuteResponsePromiseData, INodeExecutionData } from 'n8n-workflow';

import { escapeHtml, renderCard, safeUrl } from '../../nodes/VicidialScreenPop/card';
import { VicidialScreenPop } from '../../nodes/VicidialScreenPop/VicidialScreenPop.node';

describe('renderCard', () => {
	it('escapes every value: a <script> in a lead field is text, not markup', () => {
		const html = renderCard({
			title: 'Ann <script>alert(1)</script>',
			message: '"quoted" & \'single\'',
			fields: [{ name: 'Comments<b>', value: '<script>document.cookie</script><img src=x onerror=alert(2)>' }],
		});
		expect(html).not.toMatch(/<script/i);
		expect(html).not.toMatch(/<img/i);
		expect(html).not.toContain('<b>');
		expect(html).toContain('Ann &lt;script&gt;alert(1)&lt;/script&gt;');
		expect(html).toContain('&lt;img src=x onerror=alert(2)&gt;');
		expect(html).toContain('&quot;quoted&quot; &amp; &#39;single&#39;');
	});

	it('writes links only for http(s) URLs, escaped, without a referrer', () => {
		const html = renderCard({
			title: 'x',
			link: { url: 'javascript:alert(1)', text: 'Open' },
			createLink: { url: 'https://crm.example/new?phone=312&name="a"', text: 'No record: create one' },
		});
		expect(html).not.toContain('javascript:');
		expect(html).toContain('href="https://crm.example/new?phone=312&amp;name=%22a%22"');
		expect(html).toContain('rel="noopener noreferrer"');
		expect(html).toContain('No record: create one');
	});

	it('is self-contained: no script, no external stylesheet, image or font', () => {
		const html = renderCard({ title: 'Ann Smith', fields: [{ name: 'Account', value: 'A-1' }], link: { url: 'https://crm.example/1', text: 'Open record' } });
		expect(html).not.toMatch(/<script|<link|<img|@import|url\(/i);
		expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
		expect(Buffer.byteLength(html)).toBeLessThan(2048);
	});

	it('accepts only absolute http(s) URLs', () => {
		expect(safeUrl(' https://crm.example/a ')).toBe('https://crm.example/a');
		for (const bad of ['javascript:alert(1)', 'data:text/html,x', '/relative', 'ftp://x', 'http://']) expect(safeUrl(bad)).toBeUndefined();
		expect(escapeHtml('<&>"\'')).toBe('&lt;&amp;&gt;&quot;&#39;');
	});
});

/** An execute context over one item's parameters, recording what the node sent. */
function context(parameters: IDataObject, sent: IExecuteResponsePromiseData[]): IExecuteFunctions {
	const items: INodeExecutionData[] = [{ json: { fields: { lead_id: 18 } } }];
	return {
		getInputData: () => items,
		getNode: () => ({ id: '1', name: 'VICIdial Screen Pop', type: 'n8n-nodes-vicidial.vicidialScreenPop', typeVersion: 1, position: [0, 0], parameters: {} }),
		getNodeParameter: (name: string, _index: number, fallback?: unknown) => parameters[name] ?? fallback,
		sendResponse: (response: IExecuteResponsePromiseData) => {
			sent.push(response);
		},
	} as unknown as IExecuteFunctions;
}

describe('VICIdial Screen Pop node', () => {
	it('sends the card as HTML, never cached, without a referrer, and passes the items through', async () => {
		const sent: IExecuteResponsePromiseData[] = [];
		const output = await new VicidialScreenPop().execute.call(
			context({ respondWith: 'card', title: 'Ann Smith', fields: { field: [{ name: 'Lead', value: '<18>' }] }, options: { linkUrl: 'https://crm.example/18' } }, sent),
		);
		expect(output[0][0].json).toEqual({ fields: { lead_id: 18 } });
		expect(sent).toHaveLength(1);
		expect(sent[0]).toMatchObject({ statusCode: 200, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' } });
		expect(sent[0].body).toContain('<dd>&lt;18&gt;</dd>');
		expect(sent[0].body).toContain('href="https://crm.example/18"');
	});

	it('redirects with 302 to an http(s) URL and refuses anything else', async () => {
		const sent: IExecuteResponsePromiseData[] = [];
		await new VicidialScreenPop().execute.call(context({ respondWith: 'redirect', redirectUrl: 'https://crm.example/contacts/18' }, sent));
		expect(sent[0]).toMatchObject({ statusCode: 302, headers: { location: 'https://crm.example/contacts/18' } });
		await expect(new VicidialScreenPop().execute.call(context({ respondWith: 'redirect', redirectUrl: 'javascript:alert(1)' }, sent))).rejects.toThrow(
			'absolute http(s) URL',
		);
		expect(sent).toHaveLength(1);
	});
});
