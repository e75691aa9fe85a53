#!/usr/bin/env bash
# Runs every JMH benchmark in benchmarks/target/benchmarks.jar with the GC profiler (allocation per op).
#
#   mvn -B -q package -DskipTests && benchmarks/jmh.sh [extra JMH options, e.g. a benchmark regex]
#
# Short but meaningful on a 2-core machine: one fork, 3 x 1 s warm-up, 5 x 2 s measurement per
# benchmark (about 5 minutes for the whole set). Results: benchmarks/results/jmh-<time>.json and .txt.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$repo/benchmarks/target/benchmarks.jar"
if [ ! -f "$jar" ]; then
  echo "missing $jar: run 'mvn -B -q package -DskipTests' first" >&2
  exit 2
fi
mkdir -p "$repo/benchmarks/results"
stamp="$(date +%Y%m%d-%H%M%S)"
json="$repo/benchmarks/results/jmh-$stamp.json"
txt="$repo/benchmarks/results/jmh-$stamp.txt"

java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
timeout -k 20 900 "$java_bin" -Dlogback.configurationFile=logback-bench.xml -jar "$jar" \
  -f 1 -wi 3 -w 1s -i 5 -r 2s \
  -jvmArgsAppend "-Dlogback.configurationFile=logback-bench.xml" \
  -prof gc -rf json -rff "$json" "$@" | tee "$txt"

echo
echo "JMH results: $json"
# The summary lines worth quoting: time per op and bytes allocated per op.
grep -E '^(Benchmark|[A-Za-z].*(avgt|thrpt).*)' "$txt" | grep -E 'Benchmark|·gc.alloc.rate.norm|  avgt  |  thrpt ' | grep -v -E 'gc\.(count|time|alloc\.rate) ' || true
