#!/usr/bin/env bash
# Installs Docker (Debian's docker.io) and busybox-static, starts a PRIVATE dockerd for the tests,
# imports the test images, and exports DOCKER_HOST.
#
#   source .ci/docker-setup.sh      # from .ci/run: exports DOCKER_HOST into the caller's shell and
#                                   # defines docker_teardown (trap 'docker_teardown' EXIT)
#   .ci/docker-setup.sh             # standalone: prints the export line
#   .ci/docker-stop.sh              # stops the private dockerd by its pidfile
#
# Idempotent: a daemon that already answers on our socket is reused, images already present are kept.
# DOCKER_HOST is exported even when setup fails, so the Docker tests then FAIL on an unreachable engine
# (they never skip); the script itself returns non-zero too.
#
# Images built here (no registry is reachable, so they are imported from local rootfs tarballs):
#   synapse-router-test/busybox:1  busybox-static with every applet linked into /bin
#   synapse-router-test/jvm:1      the same plus lib -> usr/lib, lib64 -> usr/lib64 and empty /usr,
#                                  /etc/java-17-openjdk, /opt: bind-mount the host's /usr and
#                                  /etc/java-17-openjdk read-only and run
#                                  /usr/lib/jvm/java-17-openjdk-amd64/bin/java inside.

SYNAPSE_ROUTER_CI_DIR="${SYNAPSE_ROUTER_CI_DIR:-/tmp/synapse-router-ci}"

synapse_router_docker_setup() {
    local dir="$SYNAPSE_ROUTER_CI_DIR"
    local sock="$dir/docker.sock" pidfile="$dir/dockerd.pid" log="$dir/dockerd.log"
    local docker=/usr/bin/docker # Debian's client matches Debian's daemon; ignore others on PATH
    mkdir -p "$dir"

    if ! [ -x /usr/sbin/dockerd ] || ! [ -x /usr/bin/docker ] || ! [ -x /bin/busybox ]; then
        echo "docker-setup: installing docker.io busybox-static" >&2
        export DEBIAN_FRONTEND=noninteractive
        # Another apt may hold the lock on a shared machine: wait for it (bounded) rather than fail.
        apt-get -o DPkg::Lock::Timeout=600 update -qq
        apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends docker.io busybox-static >/dev/null
    fi

    if ! DOCKER_HOST="unix://$sock" "$docker" info >/dev/null 2>&1; then
        if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
            echo "docker-setup: dockerd $(cat "$pidfile") is running but not answering yet" >&2
        else
            rm -f "$pidfile" "$sock"
            echo "docker-setup: starting dockerd on unix://$sock (log: $log)" >&2
            # setsid: the daemon must outlive this (sub)shell and not get the caller's signals.
            setsid /usr/sbin/dockerd \
                --host "unix://$sock" \
                --data-root "$dir/data" \
                --exec-root "$dir/exec" \
                --pidfile "$pidfile" \
                >"$log" 2>&1 </dev/null &
        fi
        local i
        for i in $(seq 1 120); do
            if DOCKER_HOST="unix://$sock" "$docker" info >/dev/null 2>&1; then
                break
            fi
            sleep 0.5
        done
        if ! DOCKER_HOST="unix://$sock" "$docker" info >/dev/null 2>&1; then
            echo "docker-setup: dockerd did not answer within 60 s; last log lines:" >&2
            tail -n 20 "$log" >&2 || true
            return 1
        fi
    fi
    export DOCKER_HOST="unix://$sock"

    build_image() { # name, extra-setup-function
        local name="$1" extra="$2"
        if "$docker" image inspect "$name" >/dev/null 2>&1; then
            return 0
        fi
        local root
        root="$(mktemp -d "$dir/rootfs.XXXXXX")"
        mkdir -p "$root/bin" "$root/tmp" "$root/etc"
        chmod 1777 "$root/tmp" # like any distribution image: a tmpfs on /tmp takes this mode
        cp /bin/busybox "$root/bin/busybox"
        local applet
        for applet in $(/bin/busybox --list); do
            [ "$applet" = busybox ] || ln -sf busybox "$root/bin/$applet"
        done
        printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$root/etc/passwd"
        printf 'root:x:0:\nnogroup:x:65534:\n' >"$root/etc/group"
        "$extra" "$root"
        tar -C "$root" -c . | "$docker" import - "$name" >/dev/null
        rm -rf "$root"
        echo "docker-setup: imported $name" >&2
    }
    plain() { :; }
    jvm() {
        mkdir -p "$1/usr" "$1/etc/java-17-openjdk" "$1/opt" "$1/config"
        ln -s usr/lib "$1/lib"
        ln -s usr/lib64 "$1/lib64"
    }
    build_image synapse-router-test/busybox:1 plain
    build_image synapse-router-test/jvm:1 jvm
    echo "docker-setup: ready, DOCKER_HOST=unix://$sock ($("$docker" version --format '{{.Server.Version}} API {{.Server.APIVersion}}'))" >&2
}

export DOCKER_HOST="unix://$SYNAPSE_ROUTER_CI_DIR/docker.sock"
if [ "${BASH_SOURCE[0]}" != "$0" ]; then
    # Stops the private dockerd again (by its pidfile): `trap docker_teardown EXIT` in the caller.
    SYNAPSE_ROUTER_CI_SCRIPTS="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
    docker_teardown() {
        SYNAPSE_ROUTER_CI_DIR="$SYNAPSE_ROUTER_CI_DIR" bash "$SYNAPSE_ROUTER_CI_SCRIPTS/docker-stop.sh"
    }
    # Sourced: do the work in a child bash (its errexit must not leak into, or be disabled by, the
    # caller's shell) and report failure without killing the caller.
    if ! SYNAPSE_ROUTER_CI_DIR="$SYNAPSE_ROUTER_CI_DIR" bash "${BASH_SOURCE[0]}" >/dev/null; then
        echo "docker-setup: FAILED; the Docker tests will fail" >&2
        return 1
    fi
else
    set -euo pipefail
    synapse_router_docker_setup
    echo "export DOCKER_HOST=$DOCKER_HOST"
fi
