#!/usr/bin/env bash
# n8n queue mode on one machine (issue 15): installs Debian's redis-server, postgresql and nginx
# when missing, builds the package, installs n8n 2.8.4 once, then runs the queue suite
# (test/queue/, jest project `queue`) or the one-versus-two webhook process benchmark. Each test
# file starts its own PostgreSQL, Redis, n8n main, two workers, two webhook processes and nginx
# on 127.0.0.1 (scripts/queue/cluster.cts) under .cache/queue/run-*/ and stops them; the trap
# below stops whatever a crash left and fails when any process of a run survives.
#
#   bash scripts/queue/run.sh                 # npm run test:queue
#   QUEUE_DEDUP_N=1000 bash scripts/queue/run.sh   # the issue's 1,000 call-outs
#   bash scripts/queue/run.sh bench           # npm run bench:queue (BENCHMARKS.md)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
ROOT="$PWD"
MODE="${1:-test}"
QUEUE_DIR="$ROOT/.cache/queue"

log() { printf '[queue] %s\n' "$*" >&2; }

mkdir -p "$QUEUE_DIR"

# --- Debian packages, once: quiet and idempotent.
missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx)
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || missing+=(postgresql)
if [ "${#missing[@]}" -gt 0 ]; then
	SUDO=''
	[ "$(id -u)" -eq 0 ] || SUDO='sudo'
	log "installing ${missing[*]} (apt-get)"
	# Debian's packages start their services on install where they can; policy-rc.d (101)
	# stops that, so only the instances this command starts on loopback ever run.
	policy=''
	if [ ! -e /usr/sbin/policy-rc.d ]; then
		printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null
		$SUDO chmod +x /usr/sbin/policy-rc.d
		policy=1
	fi
	export DEBIAN_FRONTEND=noninteractive
	if ! { $SUDO apt-get install -y -qq "${missing[@]}" >"$QUEUE_DIR.apt.log" 2>&1 || { $SUDO apt-get update -qq >>"$QUEUE_DIR.apt.log" 2>&1 && $SUDO apt-get install -y -qq "${missing[@]}" >>"$QUEUE_DIR.apt.log" 2>&1; }; }; then
		tail -n 30 "$QUEUE_DIR.apt.log" >&2
		[ -z "$policy" ] || $SUDO rm -f /usr/sbin/policy-rc.d
		log "apt-get install ${missing[*]} failed"
		exit 1
	fi
	[ -z "$policy" ] || $SUDO rm -f /usr/sbin/policy-rc.d
fi
export PATH="$PATH:/usr/sbin"

# --- The package and n8n.
log "build"
npm run build --silent >/dev/null
log "n8n 2.8.4"
bash scripts/n8n/install.sh 2.8.4 >/dev/null

# --- Whatever happens, nothing this command started survives it. The cluster appends
# `<name> <pid>` to QUEUE_PID_LOG for every process group it starts (scripts/queue/cluster.cts).
export QUEUE_PID_LOG="$QUEUE_DIR/.pids-$$"
: >"$QUEUE_PID_LOG"
# And the run folder of each cluster, removed at the end (an interrupted cluster cannot remove its own).
export QUEUE_RUN_LOG="$QUEUE_DIR/.runs-$$"
: >"$QUEUE_RUN_LOG"
alive() { kill -0 -- "-$1" 2>/dev/null; }
cleanup() {
	local status=$?
	trap - EXIT INT TERM
	local left=0 name pid
	while read -r name pid; do
		if alive "$pid"; then
			log "left running: $name (process group $pid); stopping it"
			kill -TERM -- "-$pid" 2>/dev/null || true
			left=$((left + 1))
		fi
	done <"$QUEUE_PID_LOG"
	# Give them 15 s to stop, then SIGKILL, then 10 s more to be gone (and reaped).
	wait_gone() {
		local tries="$1" n p any
		for ((n = 0; n < tries; n++)); do
			any=''
			while read -r _ p; do alive "$p" && any=1; done <"$QUEUE_PID_LOG"
			[ -n "$any" ] || return 0
			sleep 0.5
		done
		return 1
	}
	if [ "$left" -gt 0 ] && ! wait_gone 30; then
		while read -r name pid; do kill -KILL -- "-$pid" 2>/dev/null || true; done <"$QUEUE_PID_LOG"
		wait_gone 20 || true
	fi
	# The check: every process group started, gone.
	local survivors='' count
	count="$(wc -l <"$QUEUE_PID_LOG")"
	while read -r name pid; do
		if alive "$pid"; then survivors+=" $name($pid)"; fi
	done <"$QUEUE_PID_LOG"
	rm -f "$QUEUE_PID_LOG"
	if [ -z "${QUEUE_KEEP:-}" ]; then
		while read -r run; do
			case "$run" in "$QUEUE_DIR"/run-*) rm -rf -- "$run" ;; esac
		done <"$QUEUE_RUN_LOG"
	fi
	rm -f "$QUEUE_RUN_LOG"
	# And by command line: nginx and PostgreSQL name their run folder (PostgreSQL's backends leave
	# the postmaster's group, and end with it).
	local stray
	stray="$(pgrep -f -- "$QUEUE_DIR/run-" || true)"
	if [ -n "$stray" ]; then survivors+=" $(printf '%s ' $stray)"; fi
	if [ -n "$survivors" ]; then
		log "processes survived the run:$survivors"
		exit 1
	fi
	if [ "$left" -gt 0 ]; then
		log "$left of $count process groups were still running when the run ended (interrupted or crashed) and were stopped; none is left"
		[ "$status" -ne 0 ] || status=1
	else
		log "all $count process groups started are gone: no process left behind"
	fi
	exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

case "$MODE" in
	test)
		log "queue-mode suite (jest project queue)"
		npx jest --selectProjects queue --runInBand --ci "${@:2}"
		;;
	bench)
		log "benchmark: one versus two webhook processes"
		node --require tsx/cjs bench/queue.cts "${@:2}"
		;;
	*)
		log "unknown mode $MODE (test or bench)"
		exit 2
		;;
esac
