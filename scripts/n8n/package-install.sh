#!/usr/bin/env bash
# Installs the built package into an n8n user folder the way n8n's Community Nodes installer
# does (CommunityPackagesService.downloadPackage, n8n-notes §2), so node types carry the
# package name (`n8n-nodes-vicidial.vicidial`) exactly as users see them.
#
#   bash scripts/n8n/package-install.sh <N8N_USER_FOLDER> [<package folder, default: this repo>]
#
# Builds nothing: run `npm run build` first (dist/ must exist). Takes 1-2 s.
set -euo pipefail

USER_FOLDER="${1:?usage: package-install.sh <N8N_USER_FOLDER>}"
ROOT="$(cd "${2:-$(dirname "${BASH_SOURCE[0]}")/../..}" && pwd)"
NODES_DIR="$USER_FOLDER/.n8n/nodes"

# Nested npm calls must not inherit `npm start`'s npm_config_* variables.
while IFS='=' read -r name _; do
	case "$name" in npm_config_*|npm_package_*|npm_lifecycle_*) unset "$name" ;; esac
done < <(env)

cd "$ROOT"
PACKAGE_NAME="$(node -p "require('./package.json').name")"
if [ ! -d dist ]; then
	printf 'package-install: %s/dist is missing; run `npm run build` first\n' "$ROOT" >&2
	exit 1
fi
# A declared file that the build did not produce would make n8n skip the whole package.
node -e "
	const pkg = require('./package.json');
	const files = [...(pkg.n8n?.nodes ?? []), ...(pkg.n8n?.credentials ?? [])];
	const missing = files.filter((file) => !require('fs').existsSync(file));
	if (missing.length) { console.error('package-install: not built: ' + missing.join(', ') + '; run npm run build'); process.exit(1); }
"

PACK_DIR="$(mktemp -d)"
trap 'rm -rf "$PACK_DIR"' EXIT
TARBALL="$(npm pack --silent --pack-destination "$PACK_DIR" | tail -n 1)"

TARGET="$NODES_DIR/node_modules/$PACKAGE_NAME"
rm -rf "$TARGET"
mkdir -p "$TARGET"
# npm pack puts everything under package/, as the registry tarball n8n downloads.
tar -xzf "$PACK_DIR/$TARBALL" -C "$TARGET" --strip-components=1

# n8n deletes these before installing, so n8n-workflow resolves to n8n's own copy.
node -e "
	const fs = require('fs');
	const file = process.argv[1];
	const pkg = JSON.parse(fs.readFileSync(file, 'utf8'));
	delete pkg.devDependencies;
	delete pkg.peerDependencies;
	delete pkg.optionalDependencies;
	fs.writeFileSync(file, JSON.stringify(pkg, null, 2));
" "$TARGET/package.json"

(cd "$TARGET" && npm install --bin-links=false --install-strategy=shallow --ignore-scripts=true --package-lock=false --no-audit --no-fund --loglevel=error)

# n8n's installer keeps a package.json in nodes/ listing what is installed; n8n reads the
# folder either way, but npm commands n8n runs there later (update, uninstall) expect it.
VERSION="$(node -p "require('$TARGET/package.json').version")"
node -e "
	const fs = require('fs');
	const file = process.argv[1];
	const pkg = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : { name: 'installed-nodes', private: true };
	pkg.dependencies = { ...(pkg.dependencies ?? {}), [process.argv[2]]: process.argv[3] };
	fs.writeFileSync(file, JSON.stringify(pkg, null, 2));
" "$NODES_DIR/package.json" "$PACKAGE_NAME" "$VERSION"

printf 'package-install: %s@%s -> %s\n' "$PACKAGE_NAME" "$VERSION" "$TARGET"
