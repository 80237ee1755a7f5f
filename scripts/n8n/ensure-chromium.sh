#!/usr/bin/env bash
# Makes sure Debian's Chromium is installed for the editor browser test (scripts/n8n/browser.cts).
# playwright-core drives this system browser; nothing is downloaded by Playwright itself.
# Prints the browser's path on its last line.
set -euo pipefail

find_chromium() {
	for candidate in "${CHROMIUM_PATH:-}" /usr/bin/chromium /usr/bin/chromium-browser; do
		if [ -n "$candidate" ] && [ -x "$candidate" ]; then
			printf '%s\n' "$candidate"
			return 0
		fi
	done
	return 1
}

if path="$(find_chromium)"; then
	printf '%s\n' "$path"
	exit 0
fi

printf '[chromium] installing Debian chromium (apt-get, about 1 minute)\n' >&2
SUDO=''
if [ "$(id -u)" -ne 0 ]; then
	command -v sudo >/dev/null || { printf '[chromium] not root and no sudo: install the chromium package by hand\n' >&2; exit 1; }
	SUDO='sudo'
fi
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >&2
find_chromium || { printf '[chromium] apt-get finished but no chromium binary was found\n' >&2; exit 1; }
