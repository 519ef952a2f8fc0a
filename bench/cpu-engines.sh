#!/usr/bin/env bash
# Cost of each CPU engine at its default rate (10 ms) while it samples, against the same
# application without the agent ("none"): one busy thread (arraycopy, SHA-256, Math, a table)
# for SECONDS after a 3 s warm-up. "idle" is the agent loaded but not profiling (it runs the
# heap sampler and a JFR event stream, which "none" lacks). Runs are interleaved (every
# configuration once per round, in a new order each round), medians of ROUNDS.
# Two costs: ops per second of the busy thread's own CPU (what the engine takes from the
# application's thread; steady when a loaded machine gives the thread less than a core) and
# the whole process's CPU per op (adds the engine's own threads, e.g. JFR's sampler).
# Usage: bench/cpu-engines.sh [ROUNDS=7] [SECONDS=8]   (JAVA_HOME picks the JDK; AGENT and CLASSES
# may point at copies of the agent jar and test classes, so a build meanwhile cannot disturb them)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-7}
seconds=${2:-8}
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
agent=${AGENT:-pprof4j-runtime/target/pprof4j-agent.jar}
classes=${CLASSES:-pprof4j-runtime/target/test-classes}
app=dev.pprof4j.runtime.collect.cpu.CpuEngineBenchApp
if [ ! -f "$agent" ] || [ ! -f "$classes/${app//.//}.class" ]; then
  echo "bench: build first (not under the bench lock): mvn -q -B -DskipTests -pl pprof4j-runtime -am package" >&2
  exit 2
fi
feature=$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/.*java.specification.version = //p')

configs=("none" "idle" "cpuengine=jfr" "cpuengine=async-profiler,cpuevent=cpu" "cpuengine=async-profiler,cpuevent=itimer"
  "cpuengine=async-profiler,cpuevent=ctimer")
[ "$feature" -ge 25 ] && configs+=("cpuengine=auto")
declare -A ops_per_cpu cpu_per_op ops_per_s
echo "bench: JDK $feature, $rounds rounds of ${seconds}s; $(uptime)" >&2
for ((r = 1; r <= rounds; r++)); do
  for c in $(printf '%s\n' "${configs[@]}" | shuf); do
    case "$c" in
      none) cmd=("$java" -cp "$classes" "$app" "$seconds") ;;
      idle) cmd=("$java" -javaagent:"$agent"=port=0 -cp "$classes" "$app" "$seconds" idle) ;;
      *) cmd=("$java" -javaagent:"$agent"=port=0,"$c" -cp "$classes" "$app" "$seconds") ;;
    esac
    if ! out=$("${cmd[@]}" 2>&1); then
      echo "bench: $c failed: $out" >&2
      exit 1
    fi
    if [ "$c" != none ] && [ "$c" != idle ] && ! grep -q "^profile 200" <<<"$out"; then
      echo "bench: $c did not profile: $out" >&2
      exit 1
    fi
    ops=$(sed -n 's/^ops \([0-9]*\).*/\1/p' <<<"$out")
    tcpu=$(sed -n 's/^thread-cpu \([0-9]*\)/\1/p' <<<"$out")
    pcpu=$(sed -n 's/^process-cpu \([0-9]*\)/\1/p' <<<"$out")
    ops_per_cpu[$c]+="$(echo "$ops * 1000000000 / $tcpu" | bc) "
    cpu_per_op[$c]+="$(echo "$pcpu / $ops" | bc) "
    ops_per_s[$c]+="$(echo "$ops / $seconds" | bc) "
    echo "round $r $c: $ops ops, thread CPU $((tcpu / 1000000)) ms, process CPU $((pcpu / 1000000)) ms" >&2
  done
done

median() { tr ' ' '\n' <<<"$1" | grep . | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
base_ops=$(median "${ops_per_cpu[none]}")
base_cpu=$(median "${cpu_per_op[none]}")
printf '| %s | %s | %s | %s | %s | %s | %s |\n' "JDK $feature, agent options" "ops per thread CPU s" "vs none" \
  "process CPU ns/op" "vs none" "ops/s (wall)" "ops per thread CPU s, each run"
printf '|---|---|---|---|---|---|---|\n'
for c in "${configs[@]}"; do
  o=$(median "${ops_per_cpu[$c]}")
  p=$(median "${cpu_per_op[$c]}")
  printf '| %s | %.0f | %.3f | %.0f | %.3f | %.0f | %s|\n' "$c" "$o" "$(echo "$o / $base_ops" | bc -l)" \
    "$p" "$(echo "$p / $base_cpu" | bc -l)" "$(median "${ops_per_s[$c]}")" "${ops_per_cpu[$c]}"
done
echo "bench: done; $(uptime)" >&2
