#!/usr/bin/env bash
# synapse-router vs nginx (+njs, configured like the MDAD companion), side by side on one backend.
#
#   mvn -B -q package -DskipTests     # builds proxy-launcher/target/synapse-router.jar and benchmarks/target/benchmarks.jar
#   benchmarks/compare.sh [--rounds 3] [--seconds 8] [--scenarios plain,sticky,storm,upload,p99,longpoll,startup]
#                         [--pin 0] [--router-java-opts "-Xmx256m ..."]
#
# Installs nginx, libnginx-mod-http-js and wrk with apt-get when they are missing (needs root or sudo).
# All traffic stays on 127.0.0.1; every process it starts is stopped by its pid when it ends.
# Prints a markdown table of router/nginx ratios; raw figures go to benchmarks/results/compare-*.json.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

need=()
command -v wrk >/dev/null 2>&1 || need+=(wrk)
[ -x /usr/sbin/nginx ] || need+=(nginx)
[ -f /usr/lib/nginx/modules/ngx_http_js_module.so ] || need+=(libnginx-mod-http-js)
command -v taskset >/dev/null 2>&1 || need+=(util-linux)
if [ "${#need[@]}" -gt 0 ]; then
  echo "installing ${need[*]} ..."
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get -o DPkg::Lock::Timeout=600 update -qq
  # policy-rc.d keeps the package from starting a system nginx on port 80 where init scripts run.
  $sudo apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

bench_jar="$repo/benchmarks/target/benchmarks.jar"
if [ ! -f "$bench_jar" ]; then
  echo "missing $bench_jar: run 'mvn -B -q package -DskipTests' first" >&2
  exit 2
fi
[ -f "$repo/proxy-launcher/target/synapse-router.jar" ] || echo "note: proxy-launcher/target/synapse-router.jar is missing; the router column will say 'not available'"

# 10,000 idle long-polls need ~20,000 descriptors in the proxy; take all the hard limit allows.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
pin_prefix=()
online=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)
args=("$@")
pin=1
for ((i = 0; i < ${#args[@]}; i++)); do
  if [ "${args[$i]}" = "--pin" ]; then pin="${args[$((i + 1))]:-1}"; fi
done
if [ "$pin" != 0 ] && [ "$online" -ge 2 ] && command -v taskset >/dev/null 2>&1; then
  # The harness shares the load CPUs with the backend and wrk; the proxy under test gets the last CPU.
  if [ "$online" -eq 2 ]; then pin_prefix=(taskset -c 0); else pin_prefix=(taskset -c "0-$((online - 2))"); fi
fi

# Bounded: the harness bounds every step; this is the backstop.
exec timeout -k 20 1500 "${pin_prefix[@]}" "$java_bin" -Xms256m -Xmx1g -XX:+UseParallelGC -Dlogback.configurationFile=logback-bench.xml -Dbench.keep="${BENCH_KEEP:-0}" \
  -cp "$bench_jar" io.synapserouter.bench.compare.Compare --repo "$repo" "$@"
