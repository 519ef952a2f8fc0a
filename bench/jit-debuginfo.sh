#!/usr/bin/env bash
# Cost of the non-safepoint debug information the agent turns on for JFR's CPU engines (JVMTI
# CompiledMethodLoad enabled; HotSpot then records it as with -XX:+DebugNonSafepoints): a
# JIT-heavy application (javac compiling pprof4j-runtime's sources ROUNDS times in process,
# bench/jit-debuginfo/JitCost.java) under four configurations, interleaved in a new random
# order each round, medians of RUNS:
#   none          no agent
#   dns           no agent, -XX:+DebugNonSafepoints (what async-profiler sets when it loads)
#   agent-nodebug the agent with -XX:-DebugNonSafepoints, which it respects: the agent as it was
#                 before it enabled the event (same JFR stream, heap sampler, server)
#   agent         the agent as it starts by default on JDK 25 (jfr jdk.CPUTimeSample + the event)
# Usage: bench/jit-debuginfo.sh [RUNS=5] [ROUNDS=4]   (JAVA_HOME picks the JDK; build first)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
rounds=${2:-4}
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
javac=${JAVA_HOME:+$JAVA_HOME/bin/}javac
agent=${AGENT:-pprof4j-runtime/target/pprof4j-agent.jar}
[ -f "$agent" ] || { echo "bench: build first: mvn -q -B -DskipTests -pl pprof4j-runtime -am package" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$javac" -d "$work/classes" bench/jit-debuginfo/JitCost.java
app=(-XX:NativeMemoryTracking=summary -cp "$work/classes" JitCost "$rounds" pprof4j-runtime/src/main/java
  pprof4j-profile/target/classes)
diag=-XX:+UnlockDiagnosticVMOptions
configs=(none dns agent-nodebug agent)
echo "bench: $runs runs of $rounds javac rounds; $(uptime)" >&2
for ((r = 1; r <= runs; r++)); do
  for c in $(printf '%s\n' "${configs[@]}" | shuf); do
    case "$c" in
      none) flags=() ;;
      dns) flags=("$diag" -XX:+DebugNonSafepoints) ;;
      agent-nodebug) flags=("$diag" -XX:-DebugNonSafepoints -javaagent:"$agent"=port=0) ;;
      agent) flags=(-javaagent:"$agent"=port=0) ;;
    esac
    line=$("$java" "${flags[@]}" "${app[@]}" 2>/dev/null | grep '^wall_ms=')
    echo "$c $line" | tee -a "$work/results" >&2
  done
done
echo "bench: done; $(uptime)" >&2
echo "| configuration | wall ms | process CPU ms | JIT compile ms | compiles | nmethods | code cache KB | NMT Code KB |"
echo "|---|---|---|---|---|---|---|---|"
for c in "${configs[@]}"; do
  row="| $c"
  for key in wall_ms cpu_ms jit_ms compiles nmethods codecache_kb nmt_code_kb; do
    med=$(grep "^$c " "$work/results" | tr ' ' '\n' | sed -n "s/^$key=//p" | sort -n \
      | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2)}')
    row="$row | $med"
  done
  echo "$row |"
done
