#!/usr/bin/env bash
# The README's test command: build, lint, then every test tier that runs in CI.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== build"
npm run build
echo "== lint (n8n community-node rules)"
npm run lint
echo "== type-check tests and tooling"
npm run typecheck
echo "== unit and integration tests"
npx jest --selectProjects unit integration --ci
