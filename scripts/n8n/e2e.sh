#!/usr/bin/env bash
# The end-to-end suite in a real n8n: build, install n8n once, then test/e2e/ one file at a time
# (each file starts its own n8n; two cores do not run several at once well).
#
#   bash scripts/n8n/e2e.sh           # n8n 2.8.4 on Node 20
#   bash scripts/n8n/e2e.sh 2.41.1    # n8n 2.41.1 on Node 24 from npm
#   bash scripts/n8n/e2e.sh 2.8.4 test/e2e/chain.test.cts   # one file
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

VERSION="${1:-2.8.4}"
shift || true

echo "== build"
npm run build --silent
echo "== n8n $VERSION"
bash scripts/n8n/install.sh "$VERSION" >/dev/null
echo "== end-to-end tests in n8n $VERSION"
N8N_E2E_VERSION="$VERSION" npx jest --selectProjects e2e --runInBand --ci "$@"
