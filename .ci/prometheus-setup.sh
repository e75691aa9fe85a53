#!/usr/bin/env bash
# Installs Debian's prometheus package (the server and promtool) for the observability tests.
# Idempotent; starts no service: the tests start their own server on an ephemeral port.
# Meant to be sourced (or run) by .ci/run before the Maven build.

prometheus_setup() {
    if command -v prometheus >/dev/null 2>&1 && command -v promtool >/dev/null 2>&1; then
        return 0
    fi
    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        sudo="sudo"
    fi
    export DEBIAN_FRONTEND=noninteractive
    # policy-rc.d 101 keeps the package's post-install from starting the system service.
    local policy=/usr/sbin/policy-rc.d created_policy=0
    if [ ! -e "$policy" ]; then
        printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy" >/dev/null
        $sudo chmod +x "$policy"
        created_policy=1
    fi
    local rc=0
    $sudo apt-get update -qq >/dev/null || rc=$?
    if [ "$rc" -eq 0 ]; then
        $sudo apt-get install -y -qq --no-install-recommends prometheus >/dev/null || rc=$?
    fi
    if [ "$created_policy" -eq 1 ]; then
        $sudo rm -f "$policy"
    fi
    if [ "$rc" -ne 0 ]; then
        echo "prometheus-setup: apt-get failed with status $rc" >&2
        return "$rc"
    fi
    if ! command -v prometheus >/dev/null 2>&1 || ! command -v promtool >/dev/null 2>&1; then
        echo "prometheus-setup: prometheus or promtool still missing after install" >&2
        return 1
    fi
}

# Sourced: define and run; executed: run and exit with its status.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    set -euo pipefail
    prometheus_setup
else
    prometheus_setup
fi
