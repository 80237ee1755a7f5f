/**
 * The AI-agent example (examples/ai-agent-vicidial-tools.json) in a real n8n, offline (issue 13):
 * n8n's AI Agent with its OpenAI Chat Model pointed at a local stand-in for the chat completions
 * API. The stand-in plays a model that calls a VICIdial tool, then answers from what the tool
 * returned, so the test sees the whole loop: n8n's tool schema reaching the model, the model's
 * arguments reaching VICIdial, and VICIdial's rows reaching the model.
 */
import * as http from 'node:http';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

import { startSimulator, type Simulator } from '../../simulator/server.cjs';
import { N8N_VERSION, nodeOutput, startE2eN8n, type E2eN8n, type ExecuteResult, type WorkflowFixture } from './harness.cjs';

jest.setTimeout(180_000);

interface ChatMessage {
	role: string;
	content?: string | null;
	tool_calls?: unknown[];
}
interface ChatRequest {
	model: string;
	messages: ChatMessage[];
	tools?: { type: string; function: { name: string; description?: string; parameters?: { properties?: Record<string, unknown> } } }[];
	stream?: boolean;
}

/**
 * A chat completions endpoint that acts as a model: with no tool result yet it calls the tool
 * the question asks for, with the arguments it names; with one it answers with the recording
 * file name it finds in that result. Every request is kept for the test.
 */
class ScriptedModel {
	readonly requests: ChatRequest[] = [];
	private server?: http.Server;
	url = '';

	async start(): Promise<void> {
		this.server = http.createServer((req, res) => {
			let body = '';
			req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
			req.on('end', () => {
				if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
					res.writeHead(404).end();
					return;
				}
				const request = JSON.parse(body) as ChatRequest;
				this.requests.push(request);
				this.answer(request, res);
			});
		});
		await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
		this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/v1`;
	}

	private answer(request: ChatRequest, res: http.ServerResponse): void {
		const toolResult = request.messages.find((message) => message.role === 'tool');
		const question = request.messages.filter((message) => message.role === 'user').map((message) => String(message.content)).join(' ');
		let message: Record<string, unknown>;
		if (!toolResult) {
			const lead = /lead (\d+)/.exec(question)?.[1] ?? '0';
			const tool = request.tools?.find((candidate) => /recording/i.test(candidate.function.description ?? '') || /Recordings/.test(candidate.function.name));
			message = {
				role: 'assistant',
				content: null,
				tool_calls: [{ id: 'call_1', type: 'function', function: { name: tool?.function.name ?? 'none', arguments: JSON.stringify({ lead_id: lead }) } }],
			};
		} else {
			const file = /[0-9]{8}-[0-9]{6}_[0-9]+_[0-9]+-all\.mp3/.exec(String(toolResult.content))?.[0] ?? 'no file';
			message = { role: 'assistant', content: `The first recording is ${file}.` };
		}
		const finish = message.tool_calls ? 'tool_calls' : 'stop';
		const id = `chatcmpl-${this.requests.length}`;
		if (request.stream) {
			res.writeHead(200, { 'Content-Type': 'text/event-stream' });
			const delta = message.tool_calls
				? { role: 'assistant', tool_calls: (message.tool_calls as Record<string, unknown>[]).map((call, index) => ({ index, ...call })) }
				: { role: 'assistant', content: message.content };
			res.write(`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created: 1, model: request.model, choices: [{ index: 0, delta, finish_reason: null }] })}\n\n`);
			res.write(`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created: 1, model: request.model, choices: [{ index: 0, delta: {}, finish_reason: finish }] })}\n\n`);
			res.end('data: [DONE]\n\n');
			return;
		}
		res.writeHead(200, { 'Content-Type': 'application/json' });
		res.end(
			JSON.stringify({
				id,
				object: 'chat.completion',
				created: 1,
				model: request.model,
				choices: [{ index: 0, message, finish_reason: finish }],
				usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
			}),
		);
	}

	async stop(): Promise<void> {
		await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
	}
}

const example = JSON.parse(readFileSync(join(__dirname, '..', '..', 'examples', 'ai-agent-vicidial-tools.json'), 'utf8')) as WorkflowFixture;

describe(`the AI-agent example in n8n ${N8N_VERSION}, offline`, () => {
	let sim: Simulator;
	let model: ScriptedModel;
	let n8n: E2eN8n;

	beforeAll(async () => {
		sim = await startSimulator();
		model = new ScriptedModel();
		await model.start();
		n8n = await startE2eN8n({
			label: 'aiagent',
			credentials: [
				{ id: 'vicidialApiExample', name: 'VICIdial account', type: 'vicidialApi', data: { baseUrl: sim.url, apiUser: '6666', password: '1234', source: 'n8n-example' } },
				{ id: 'openAiExample', name: 'OpenAI account', type: 'openAiApi', data: { apiKey: 'sk-local-test', url: model.url } },
			],
			workflows: [example],
		});
	});

	afterAll(async () => {
		await n8n?.stop();
		await model?.stop();
		await sim?.stop();
	});

	const explain = (result: ExecuteResult) => (result.code === 0 ? '' : `${result.stdout}\n${result.stderr}`.slice(-3000));

	it("the model sees both VICIdial tools, its lead ID reaches VICIdial, and VICIdial's rows reach its answer", async () => {
		const result = await n8n.execute(example.id);
		expect({ code: result.code, log: explain(result) }).toEqual({ code: 0, log: '' });

		// n8n offered both tools, each with the arguments of its $fromAI() fields.
		const offered = model.requests[0].tools?.map((tool) => [tool.function.name, Object.keys(tool.function.parameters?.properties ?? {})]);
		expect(offered).toEqual(
			expect.arrayContaining([
				['Find_Recordings', ['lead_id']],
				['Add_to_DNC', ['phone_number']],
			]),
		);
		// The model's call reached VICIdial as recording_lookup for lead 4, and nothing else ran.
		expect(sim.log.map((call) => [call.fn, call.params.lead_id])).toEqual([['recording_lookup', '4']]);
		// The second model request carried the tool's rows; the agent's output is the model's answer.
		expect(model.requests).toHaveLength(2);
		const [out] = nodeOutput(result.output?.data?.resultData?.runData, 'AI Agent');
		expect(out.output).toBe('The first recording is 20261120-090500_4075550100_1000-all.mp3.');
	});
});
