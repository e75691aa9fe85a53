#!/usr/bin/env bash
# Stops the private dockerd started by docker-setup.sh, by its pidfile (never by process name).
set -euo pipefail
dir="${SYNAPSE_ROUTER_CI_DIR:-/tmp/synapse-router-ci}"
pidfile="$dir/dockerd.pid"
if ! [ -f "$pidfile" ]; then
    echo "docker-stop: no pidfile at $pidfile; nothing to stop" >&2
    exit 0
fi
pid="$(cat "$pidfile")"
if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 1 60); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.5
    done
    if kill -0 "$pid" 2>/dev/null; then
        echo "docker-stop: dockerd $pid still alive after 30 s" >&2
        exit 1
    fi
fi
rm -f "$pidfile"
echo "docker-stop: dockerd stopped" >&2
