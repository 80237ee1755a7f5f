/**
 * Small helpers the benchmarks share: command-line flags, min/median/max, and a plain table.
 */
import type { IDataObject } from 'n8n-workflow';

/** `--name=value` as a string, or the fallback. */
export function flag(name: string, fallback: string): string {
	const hit = process.argv.find((arg) => arg.startsWith(`--${name}=`));
	return hit === undefined ? fallback : hit.slice(name.length + 3);
}

/** `--name` alone (or `--name=true`). */
export function switchOn(name: string): boolean {
	return process.argv.includes(`--${name}`) || flag(name, 'false') === 'true';
}

export function positive(name: string, fallback: number): number {
	const value = Number(flag(name, String(fallback)));
	if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
	return value;
}

/** `--name=1,4,8` as numbers (0 allowed: a latency). */
export function numbers(name: string, fallback: number[]): number[] {
	const values = flag(name, fallback.join(',')).split(',').map(Number);
	if (values.some((value) => !Number.isFinite(value) || value < 0)) throw new Error(`--${name} must be a list of numbers`);
	return values;
}

export interface Spread {
	min: number;
	median: number;
	max: number;
}

export function spread(values: readonly number[]): Spread {
	if (values.length === 0) return { min: NaN, median: NaN, max: NaN };
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	const median = sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	return { min: sorted[0], median, max: sorted[sorted.length - 1] };
}

/** `median (min-max)` with a fixed number of decimals. */
export function showSpread(s: Spread, digits = 1): string {
	return `${s.median.toFixed(digits)} (${s.min.toFixed(digits)}-${s.max.toFixed(digits)})`;
}

export function table(header: string[], rows: string[][]): string {
	const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
	const line = (cells: string[]) => cells.map((c, i) => (c ?? '').padEnd(widths[i])).join('  ').trimEnd();
	return `${line(header)}\n${rows.map(line).join('\n')}\n`;
}

export function seconds(since: bigint): number {
	return Number(process.hrtime.bigint() - since) / 1e9;
}

export function say(text: string): void {
	process.stdout.write(`${text}\n`);
}

/** The VICIdial node's Add Lead as every bench runs it: each item's phone into list 101, with `options` (Concurrency, Pacing). */
export function addLeadParameters(options: Record<string, number>): IDataObject {
	return { resource: 'lead', operation: 'add_lead', phoneNumber: '={{ $json.phone }}', listId: '101', additionalFields: {}, options };
}
