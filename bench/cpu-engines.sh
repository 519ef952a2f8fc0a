#!/usr/bin/env bash
# Cost of each CPU engine at its default rate (10 ms) while it samples, against the same
# application without the agent: one busy thread (hash map, SHA-256, arraycopy, Math) for
# SECONDS; "idle" is the agent loaded but not profiling (the engines' own anchor); runs interleaved (every configuration once per round), median of ROUNDS.
# Usage: bench/cpu-engines.sh [ROUNDS=5] [SECONDS=10]   (JAVA_HOME picks the JDK)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
seconds=${2:-10}
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
agent=pprof4j-runtime/target/pprof4j-agent.jar
classes=pprof4j-runtime/target/test-classes
if [ ! -f "$agent" ] || [ ! -d "$classes" ]; then
  echo "bench: building the agent and test classes first" >&2
  mvn -q -B -DskipTests -pl pprof4j-runtime -am package >&2
fi
feature=$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/.*java.specification.version = //p')

configs=("none" "idle" "cpuengine=jfr" "cpuengine=async-profiler,cpuevent=cpu" "cpuengine=async-profiler,cpuevent=itimer")
[ "$feature" -ge 25 ] && configs+=("cpuengine=auto")
declare -A results
for ((r = 1; r <= rounds; r++)); do
  for c in "${configs[@]}"; do
    if [ "$c" = none ]; then
      out=$("$java" -cp "$classes" dev.pprof4j.runtime.collect.cpu.CpuEngineBenchApp "$seconds")
    elif [ "$c" = idle ]; then
      out=$("$java" -javaagent:"$agent"=port=0 -cp "$classes" dev.pprof4j.runtime.collect.cpu.CpuEngineBenchApp "$seconds" idle 2>/dev/null)
    else
      out=$("$java" -javaagent:"$agent"=port=0,"$c" -cp "$classes" dev.pprof4j.runtime.collect.cpu.CpuEngineBenchApp "$seconds" 2>/dev/null)
      grep -q "^profile 200" <<<"$out" || { echo "bench: $c did not profile: $out" >&2; exit 1; }
    fi
    ops=$(sed -n 's/^ops \([0-9]*\).*/\1/p' <<<"$out")
    results[$c]+="$ops "
    echo "round $r $c: $ops ops" >&2
  done
done

median() { tr ' ' '\n' <<<"$1" | grep . | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
base=$(median "${results[none]}")
printf '%-45s %14s %8s   %s\n' "JDK $feature, engine (agent options)" "median ops/s" "vs none" "runs (ops in ${seconds}s)"
for c in "${configs[@]}"; do
  m=$(median "${results[$c]}")
  printf '%-45s %14.0f %8.3f   %s\n' "$c" "$(echo "$m / $seconds" | bc -l)" "$(echo "$m / $base" | bc -l)" "${results[$c]}"
done
