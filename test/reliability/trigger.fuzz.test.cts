/**
 * The VICIdial Trigger's webhook function under generated requests (issue 10), through the
 * test harness's real HTTP server and n8n's body parsing: for every authentication set-up,
 * 0 runs from a forged or unauthenticated request, 0 unhandled exceptions, every answer a
 * proper HTTP status (no 5xx, no dropped connection), and the heap flat across the run
 * (measured only when node runs with --expose-gc, as `npm run test:reliability` does).
 */
import { TriggerHarness } from '../helpers/webhook.cjs';
import { AUTH_SETUPS, mustNotRun, RequestGenerator, sendFuzz, type FuzzRequest } from './fuzz.cjs';
import { recordFigures, size } from './support.cjs';

jest.setTimeout(size(120_000, 1_800_000));

/** Requests per set-up: 7 set-ups × 300 small, × 1,500 full (10,500). */
const PER_SETUP = size(300, 1_500);
const CONCURRENCY = 8;
const PROPER = new Set([200, 204, 400, 401, 403, 404, 405, 411, 413, 415, 422]);

const rows: Record<string, Record<string, unknown>> = {};
afterAll(() => recordFigures('trigger-fuzz', rows));

const gc = (globalThis as { gc?: () => void }).gc;

function heapMb(): number {
	gc?.();
	gc?.();
	return process.memoryUsage().heapUsed / 1024 / 1024;
}

describe.each(AUTH_SETUPS.map((setup, index) => ({ setup, index })))('$setup.name', ({ setup, index }) => {
	it(`${PER_SETUP} generated requests: no run from a forged one, no crash, proper answers`, async () => {
		const unhandled: unknown[] = [];
		const onUnhandled = (reason: unknown) => unhandled.push(reason);
		process.on('unhandledRejection', onUnhandled);
		process.on('uncaughtException', onUnhandled);
		const harness = await TriggerHarness.start({ credentials: setup.credentials, parameters: { event: 'customPost' } });
		try {
			const path = new URL(harness.url).pathname;
			const origin = harness.url.slice(0, harness.url.indexOf(path));
			const generator = new RequestGenerator(setup, path, 1_000 + index);
			const requests: FuzzRequest[] = Array.from({ length: PER_SETUP }, () => generator.make());
			const answers: Array<{ status: number; body: string }> = new Array(requests.length);
			let cursor = 0;
			let heapBefore = 0;
			const worker = async () => {
				while (cursor < requests.length) {
					const i = cursor++;
					// Warmed up: the heap measured after the first tenth.
					if (i === Math.floor(requests.length / 10)) heapBefore = heapMb();
					answers[i] = await sendFuzz(origin, requests[i]);
				}
			};
			await Promise.all(Array.from({ length: CONCURRENCY }, worker));
			const heapAfter = heapMb();

			const byId = new Map(requests.map((request) => [String(request.id), request]));
			const forgedRuns: string[] = [];
			let authenticRuns = 0;
			for (const call of harness.calls) {
				const request = byId.get(String(call.headers['x-fuzz-id']));
				if (!request) throw new Error(`a call the fuzzer did not send: ${call.method} ${call.path}`);
				if (!call.ran) continue;
				if (mustNotRun(setup, request)) forgedRuns.push(`#${request.id} ${request.method} ${request.mutation}`);
				else authenticRuns += 1;
			}
			const improper = answers
				.map((answer, i) => ({ answer, request: requests[i] }))
				.filter(({ answer }) => !PROPER.has(answer.status))
				.map(({ answer, request }) => `#${request.id} ${request.method} ${request.mutation}: ${answer.status} ${answer.body.slice(0, 80)}`);
			const thrown = harness.calls.filter((call) => call.error !== undefined).map((call) => call.error?.message);
			const forged = requests.filter((request) => mustNotRun(setup, request)).length;
			const statuses: Record<string, number> = {};
			for (const answer of answers) statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
			rows[setup.name] = {
				requests: requests.length,
				forged,
				forgedRuns: forgedRuns.length,
				authenticRuns,
				thrown: thrown.length + unhandled.length,
				improperAnswers: improper.length,
				statuses: JSON.stringify(statuses),
				heapGrowthMb: gc ? Math.round((heapAfter - heapBefore) * 10) / 10 : 'not measured (no --expose-gc)',
			};

			expect(harness.calls).toHaveLength(requests.length);
			expect(forgedRuns).toEqual([]);
			expect(thrown).toEqual([]);
			expect(unhandled).toEqual([]);
			expect(improper).toEqual([]);
			// The fuzzer is not only refused: authentic requests of the set-ups that have any do run.
			if (setup.anyAuthentic) expect(authenticRuns).toBeGreaterThan(0);
			// Generous: the duplicate check keeps what it saw, and a megabyte body may be in flight.
			if (gc) expect(heapAfter - heapBefore).toBeLessThan(64);
		} finally {
			process.off('unhandledRejection', onUnhandled);
			process.off('uncaughtException', onUnhandled);
			await harness.close();
		}
	});
});
